"""A web site on loopback for the fetching tests: a real HTTP server (``http.server`` in a thread) whose
routes the test sets, and which logs every request it gets.

    site.route("/feed.xml", Reply(200, FEED, {"Content-Type": "application/rss+xml"}))
    site.route("/flaky", [Reply(500), Reply(200, b"ok")])   # one reply per request, the last one repeats
    site.url("/feed.xml")

Pages and feeds are built from our own story fixtures (``tests/desk/fixtures/story_*.txt``) in several
sites' habits by ``fetch_pages.py``.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    wait: float = 0.0  # seconds before answering
    drop: bool = False  # close the connection without an answer
    stream: Callable[[], object] | None = None  # yields chunks, sent chunked (no Content-Length)
    encoding: str | None = None  # "gzip" or "br": compress the body and say so

    def payload(self) -> bytes:
        data = self.body.encode("utf-8") if isinstance(self.body, str) else self.body
        if self.encoding == "gzip":
            return gzip.compress(data)
        if self.encoding == "br":
            import brotli

            return brotli.compress(data)
        return data


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, list[Reply] | Callable[[Hit], Reply]] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                with site.lock:
                    site.hits.append(hit)
                reply = site.reply_for(hit)
                if reply.wait:
                    time.sleep(reply.wait)
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self.send_response(reply.status)
                headers = dict(reply.headers)
                if reply.encoding:
                    headers["Content-Encoding"] = reply.encoding
                if reply.stream is not None:
                    headers["Transfer-Encoding"] = "chunked"
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    try:
                        for chunk in reply.stream():
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        self.wfile.write(b"0\r\n\r\n")
                    except (BrokenPipeError, ConnectionResetError):
                        self.close_connection = True
                    return
                body = b"" if reply.status in (304,) else reply.payload()
                headers.setdefault("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # a client that hung up is part of the test
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, reply: Reply | list[Reply] | Callable[[Hit], Reply]) -> None:
        self.routes[path] = [reply] if isinstance(reply, Reply) else reply

    def reply_for(self, hit: Hit) -> Reply:
        route = self.routes.get(hit.path)
        if route is None:
            return Reply(404, b"not found", {"Content-Type": "text/plain"})
        if callable(route):
            return route(hit)
        with self.lock:
            return route.pop(0) if len(route) > 1 else route[0]

    def requests_to(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


