"""Sending a digest as an HTML email (with a plain-text part) over SMTP.

The server is ``$NEWSDESK_SMTP`` (``host:port``); ``$NEWSDESK_SMTP_USER`` / ``$NEWSDESK_SMTP_PASSWORD`` log
in when set; STARTTLS is used whenever the server offers it (and required before a password is sent to
anything but localhost). The sender is ``$NEWSDESK_MAIL_FROM``, else ``newsdesk@localhost``.
A missing or malformed setting, or a server that refuses, is a ``BadOption`` (exit 2, one line).
"""

from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr

from newsdesk.errors import BadOption

DEFAULT_SENDER = "newsdesk@localhost"
TIMEOUT = 30
_LOCAL = {"localhost", "127.0.0.1", "::1"}


def build_message(subject: str, text: str, html: str, to: str, sender: str | None = None) -> EmailMessage:
    """A multipart/alternative message: ``text`` first, ``html`` the part mail readers prefer."""
    msg = EmailMessage()
    msg["Subject"] = " ".join(subject.split())  # no header injection through a topic or a headline
    msg["From"] = sender or os.environ.get("NEWSDESK_MAIL_FROM") or DEFAULT_SENDER
    msg["To"] = to
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="newsdesk.invalid")
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


def smtp_server(env: dict | None = None) -> tuple[str, int]:
    """``(host, port)`` from ``$NEWSDESK_SMTP``; missing or malformed is a ``BadOption``."""
    value = (env if env is not None else os.environ).get("NEWSDESK_SMTP", "").strip()
    if not value:
        raise BadOption("set $NEWSDESK_SMTP=host:port to send mail", source="--send-to")
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise BadOption(f"$NEWSDESK_SMTP must be host:port, not {value!r}", source="--send-to")
    return host.strip("[]"), int(port)


def send(msg: EmailMessage, env: dict | None = None) -> None:
    """Send ``msg`` through ``$NEWSDESK_SMTP``."""
    env = env if env is not None else dict(os.environ)
    host, port = smtp_server(env)
    user, password = env.get("NEWSDESK_SMTP_USER"), env.get("NEWSDESK_SMTP_PASSWORD")
    try:
        with smtplib.SMTP(host, port, timeout=TIMEOUT) as smtp:
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            elif user and host not in _LOCAL:
                raise BadOption(f"{host}:{port} does not offer STARTTLS; not sending a password in clear",
                                source="--send-to")
            if user:
                smtp.login(user, password or "")
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise BadOption(f"cannot send mail through {host}:{port}: {exc}", source="--send-to") from exc


def mail_digest(data: dict, to: str, env: dict | None = None) -> EmailMessage:
    """Send a digest (``digest.digest_data``) to ``to``: HTML with the Markdown as its text part."""
    from newsdesk.desk.digest import render

    name, address = parseaddr(to)
    if "@" not in address or any(c in to for c in "\r\n"):
        raise BadOption(f"not an email address: {to!r}", source="--send-to")
    subject = f"{data['title']} — {len(data['stories'])} stories since {data['since'][:10]}"
    msg = build_message(subject, render(data, "md"), render(data, "html"), to=formataddr((name, address)))
    send(msg, env)
    return msg
