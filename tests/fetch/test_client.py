"""The polite, safe client against a real HTTP server on loopback: retries, conditional requests, robots.txt,
redirects, size limits, charsets, compression, timeouts and the address check."""

from __future__ import annotations

import pytest
from loopback import Reply

from newsdesk.errors import InputTooLarge
from newsdesk.fetch.client import Fetcher, FetchError, Policy, RobotsDisallowed, _retry_after
from newsdesk.fetch.guard import FetchRefused, check_url

HTML = {"Content-Type": "text/html; charset=utf-8"}


def quick(**changes) -> Fetcher:
    base = {"allow_private": True, "delay": 0.0, "backoff": 0.01, "timeout": 5.0}
    return Fetcher(Policy(**{**base, **changes}))


def test_it_says_who_it_is_and_reads_robots_txt_once_per_site(site, fetcher):
    site.route("/a", Reply(200, "<p>a</p>", HTML))
    site.route("/b", Reply(200, "<p>b</p>", HTML))
    assert fetcher.get(site.url("/a")).text() == "<p>a</p>"
    fetcher.get(site.url("/b"))
    assert len(site.requests_to("/robots.txt")) == 1
    assert all(h.headers["user-agent"].startswith("newsdesk/") for h in site.hits)


def test_robots_txt_disallowing_a_path_is_honoured(site, fetcher):
    site.route("/robots.txt", Reply(200, "User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}))
    site.route("/private/page", Reply(200, "secret", HTML))
    site.route("/public", Reply(200, "fine", HTML))
    with pytest.raises(RobotsDisallowed, match="robots.txt disallows"):
        fetcher.get(site.url("/private/page"))
    assert not site.requests_to("/private/page")
    assert fetcher.get(site.url("/public")).text() == "fine"


def test_robots_txt_naming_newsdesk_is_honoured_and_others_are_not_ours(site, fetcher):
    site.route("/robots.txt", Reply(200, "User-agent: newsdesk\nDisallow: /\n\nUser-agent: *\nAllow: /\n"))
    site.route("/page", Reply(200, "x", HTML))
    with pytest.raises(RobotsDisallowed):
        fetcher.get(site.url("/page"))


def test_a_robots_txt_answering_5xx_forbids_the_site_for_now(site):
    site.route("/robots.txt", Reply(503))
    site.route("/page", Reply(200, "x", HTML))
    with quick(retries=0) as f, pytest.raises(RobotsDisallowed, match="HTTP 503"):
        f.get(site.url("/page"))
    assert not site.requests_to("/page")


def test_a_conditional_request_gets_a_304_for_an_unchanged_resource(site, fetcher):
    def feed(hit):
        if hit.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(200, "<rss/>", {"ETag": '"v1"', "Last-Modified": "Tue, 04 Nov 2025 08:00:00 GMT"})

    site.route("/feed", feed)
    first = fetcher.get(site.url("/feed"))
    assert first.status == 200 and first.etag == '"v1"' and first.last_modified.startswith("Tue")
    again = fetcher.get(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    assert site.requests_to("/feed")[-1].headers["if-modified-since"] == first.last_modified


def test_500_then_200_is_retried(site, fetcher):
    site.route("/flaky", [Reply(500), Reply(502), Reply(200, "at last", HTML)])
    assert fetcher.get(site.url("/flaky")).text() == "at last"
    assert len(site.requests_to("/flaky")) == 3


def test_a_server_that_keeps_failing_is_one_clear_error(site, fetcher):
    site.route("/down", Reply(503))
    with pytest.raises(FetchError, match="HTTP 503 Service Unavailable"):
        fetcher.get(site.url("/down"))
    assert len(site.requests_to("/down")) == 3  # the first try and two retries


def test_429_waits_as_long_as_retry_after_says(site):
    waits = []
    site.route("/busy", [Reply(429, headers={"Retry-After": "7"}), Reply(200, "ok", HTML)])
    with Fetcher(Policy(allow_private=True, delay=0.0, backoff=0.01), sleep=waits.append) as f:
        assert f.get(site.url("/busy")).text() == "ok"
    assert 7 in waits


def test_a_retry_after_longer_than_we_wait_is_said_not_slept(site):
    site.route("/later", Reply(429, headers={"Retry-After": "86400"}))
    with quick() as f, pytest.raises(FetchError, match="asks to wait 86400 s"):
        f.get(site.url("/later"))
    assert len(site.requests_to("/later")) == 1


def test_retry_after_as_an_http_date():
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: no wait
    assert _retry_after("soon") is None


def test_a_client_error_is_not_retried(site, fetcher):
    site.route("/gone", Reply(404))
    with pytest.raises(FetchError, match="HTTP 404 Not Found"):
        fetcher.get(site.url("/gone"))
    assert len(site.requests_to("/gone")) == 1


def test_redirects_are_followed_and_the_final_url_kept(site, fetcher):
    site.route("/old", Reply(301, headers={"Location": "/new"}))
    site.route("/new", Reply(200, "moved", HTML))
    got = fetcher.get(site.url("/old"))
    assert got.url == site.url("/new") and got.text() == "moved"


def test_a_redirect_loop_is_named(site, fetcher):
    site.route("/a", Reply(302, headers={"Location": "/b"}))
    site.route("/b", Reply(302, headers={"Location": "/a"}))
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.get(site.url("/a"))


def test_too_many_redirects(site):
    for n in range(8):
        site.route(f"/r{n}", Reply(302, headers={"Location": f"/r{n + 1}"}))
    with quick(max_redirects=3) as f, pytest.raises(FetchError, match="more than 3 redirects"):
        f.get(site.url("/r0"))


def test_a_50_mb_body_is_cut_at_the_limit_while_streaming(site):
    sent = []

    def fifty_mb():
        for _ in range(50):
            sent.append(1)
            yield b"x" * 1_000_000

    site.route("/huge", Reply(200, headers=HTML, stream=fifty_mb))
    with quick(max_bytes=2_000_000) as f, pytest.raises(InputTooLarge, match="over the 2 MB limit"):
        f.get(site.url("/huge"))
    assert f.bytes <= 3_000_000


def test_a_declared_length_over_the_limit_is_refused_before_reading(site):
    site.route("/big", Reply(200, b"x" * 3_000_000, HTML))
    with quick(max_bytes=1_000_000, robots=False) as f, pytest.raises(InputTooLarge, match="sends 3.0 MB"):
        f.get(site.url("/big"))
    assert f.bytes == 0


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_compressed_bodies_are_decoded(site, fetcher, encoding):
    page = "<html><body><p>Über den Fluss — café</p></body></html>"
    site.route("/c", Reply(200, page, HTML, encoding=encoding))
    got = fetcher.get(site.url("/c"))
    assert got.text() == page
    assert "br" in site.requests_to("/c")[0].headers["accept-encoding"]


def test_a_utf8_page_served_as_latin1_is_read_as_utf8(site, fetcher):
    page = "<html><head><meta charset='utf-8'></head><body><p>São Paulo’s mayor</p></body></html>"
    site.route("/p", Reply(200, page.encode("utf-8"), {"Content-Type": "text/html; charset=ISO-8859-1"}))
    assert "São Paulo’s" in fetcher.get(site.url("/p")).text()


def test_a_cp1252_page_served_as_utf8_is_read_by_its_meta_charset(site, fetcher):
    page = "<html><head><meta charset='windows-1252'></head><body><p>Caf\u00e9 \u201cquoted\u201d</p></body></html>"
    site.route("/p", Reply(200, page.encode("cp1252"), {"Content-Type": "text/html; charset=utf-8"}))
    assert "Café “quoted”" in fetcher.get(site.url("/p")).text()


def test_a_latin1_header_on_latin1_bytes_is_believed(site, fetcher):
    latin1 = {"Content-Type": "text/html; charset=iso-8859-1"}
    site.route("/p", Reply(200, "<p>Jos\u00e9 Mar\u00eda</p>".encode("latin-1"), latin1))
    assert fetcher.get(site.url("/p")).text() == "<p>José María</p>"


def test_a_slow_server_times_out(site):
    site.route("/slow", Reply(200, "late", HTML, wait=2.0))
    with quick(timeout=0.3, retries=0) as f, pytest.raises(FetchError, match="timed out after 0.3 s"):
        f.get(site.url("/slow"))


def test_a_dropped_connection_is_retried_then_said(site, fetcher):
    site.route("/drop", Reply(drop=True))
    site.route("/once", [Reply(drop=True), Reply(200, "second time", HTML)])
    assert fetcher.get(site.url("/once")).text() == "second time"
    with pytest.raises(FetchError, match="connection failed"):
        fetcher.get(site.url("/drop"))


def test_one_host_is_asked_with_a_delay_between_requests(site):
    site.route("/x", Reply(200, "x", HTML))
    with Fetcher(Policy(allow_private=True, delay=0.3, robots=False)) as f:
        f.get(site.url("/x"))
        f.get(site.url("/x"))
    first, second = site.requests_to("/x")
    assert second.at - first.at >= 0.29


# ---- the address check (SSRF) ------------------------------------------------------------------------------


def test_loopback_is_refused_by_default(site):
    site.route("/admin", Reply(200, "secret", HTML))
    with Fetcher(Policy(delay=0.0)) as f, pytest.raises(FetchRefused, match="loopback address.*--allow-private-fetch"):
        f.get(site.url("/admin"))
    assert not site.hits


@pytest.mark.parametrize("address", ["10.1.2.3", "192.168.0.10", "172.16.5.4", "169.254.169.254", "::1",
                                     "fd00::1", "0.0.0.0", "100.64.0.1", "::ffff:127.0.0.1"])
def test_private_and_reserved_addresses_are_refused(address):
    with pytest.raises(FetchRefused):
        check_url("http://intranet.example/x", resolver=lambda host: [address])


def test_a_name_with_one_private_address_among_public_ones_is_refused():
    with pytest.raises(FetchRefused, match="private"):
        check_url("http://mixed.example/", resolver=lambda host: ["93.184.215.14", "10.0.0.7"])


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/", "http:///x"])
def test_only_http_urls_with_a_host(url):
    with pytest.raises(FetchRefused):
        check_url(url, allow_private=True)


def test_a_redirect_into_the_private_network_is_refused_after_the_first_hop(site):
    """The test's server stands for a public site (the resolver says so); it redirects to the cloud metadata
    address, which is refused before any connection is made."""
    site.route("/go", Reply(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}))
    site.route("/robots.txt", Reply(404))

    def resolver(host):
        return ["93.184.215.14"] if host == "127.0.0.1" else [host]

    with Fetcher(Policy(delay=0.0), resolver=resolver) as f, pytest.raises(FetchRefused, match="link-local"):
        f.get(site.url("/go"))
    assert [h.path for h in site.hits] == ["/robots.txt", "/go"]


def test_robots_txt_is_read_again_after_a_day(site):
    now = [1000.0]
    site.route("/x", Reply(200, "x", HTML))
    with Fetcher(Policy(allow_private=True, delay=0.0), clock=lambda: now[0]) as f:
        f.get(site.url("/x"))
        now[0] += 3600
        f.get(site.url("/x"))
        assert len(site.requests_to("/robots.txt")) == 1
        now[0] += 24 * 3600
        f.get(site.url("/x"))
    assert len(site.requests_to("/robots.txt")) == 2


def test_an_unreachable_site_is_said_to_be_so_and_asked_again_next_time():
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with quick(retries=0) as f:
        for _ in range(2):
            with pytest.raises(FetchError, match=rf"cannot reach http://127.0.0.1:{port}: connection failed"):
                f.get(f"http://127.0.0.1:{port}/story")
        assert f.requests == 0 and not f._robots
