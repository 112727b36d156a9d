"""SMTP with a login: $NEWSDESK_SMTP_USER / $NEWSDESK_SMTP_PASSWORD against a real local server (aiosmtpd) that
requires them; a wrong password and a remote server without STARTTLS are one line and exit 2, nothing sent."""

from __future__ import annotations

import email
import socket
from email import policy

import pytest

from newsdesk.desk.mail import build_message, send
from newsdesk.errors import BadOption

USER, PASSWORD = "desk", "s3cret-pass"
# the test server takes a login without TLS on purpose (the mailer sends one in clear only to this machine)
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


def free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.received: list[bytes] = []
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.received.append(envelope.content)
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        self.logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode())


def serve(host: str):
    controller_module = pytest.importorskip("aiosmtpd.controller")
    inbox = Inbox()
    port = free_port(host)
    controller = controller_module.Controller(inbox, hostname=host, port=port, authenticator=inbox.authenticate,
                                              auth_require_tls=False, auth_required=True)
    controller.start()
    return controller, inbox, port


def message(to: str = "reader@example.org"):
    return build_message("Digest", "plain text <b>", "<p>html &lt;b&gt;</p>", to=to)


def test_user_and_password_from_the_environment_log_in():
    controller, inbox, port = serve("127.0.0.1")
    try:
        send(message(), env={"NEWSDESK_SMTP": f"127.0.0.1:{port}", "NEWSDESK_SMTP_USER": USER,
                             "NEWSDESK_SMTP_PASSWORD": PASSWORD})
    finally:
        controller.stop()
    assert inbox.logins == [(USER.encode(), PASSWORD.encode())]
    [raw] = inbox.received
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["To"] == "reader@example.org"
    assert msg.get_body(preferencelist=("html",)).get_content().strip() == "<p>html &lt;b&gt;</p>"


def test_a_wrong_password_is_bad_input_and_nothing_is_sent():
    controller, inbox, port = serve("127.0.0.1")
    try:
        with pytest.raises(BadOption) as info:
            send(message(), env={"NEWSDESK_SMTP": f"127.0.0.1:{port}", "NEWSDESK_SMTP_USER": USER,
                                 "NEWSDESK_SMTP_PASSWORD": "wrong"})
    finally:
        controller.stop()
    assert info.value.exit_code == 2 and "cannot send mail" in str(info.value) and "\n" not in str(info.value)
    assert inbox.received == []


def test_a_server_without_starttls_gets_no_password_unless_it_is_this_machine():
    controller, inbox, port = serve("127.0.0.2")  # a loopback address, but not a name the mailer trusts as local
    try:
        with pytest.raises(BadOption, match="does not offer STARTTLS"):
            send(message(), env={"NEWSDESK_SMTP": f"127.0.0.2:{port}", "NEWSDESK_SMTP_USER": USER,
                                 "NEWSDESK_SMTP_PASSWORD": PASSWORD})
    finally:
        controller.stop()
    assert inbox.logins == [] and inbox.received == []
