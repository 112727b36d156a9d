"""A polite, safe HTTP client over httpx: what newsdesk uses for every page, feed and sitemap it fetches.

* it says who it is (``User-Agent: newsdesk/VERSION (+…)``) and honours robots.txt (``urllib.robotparser``,
  read again after a day; a missing robots.txt allows everything; one that answers 5xx forbids the site for
  now, as RFC 9309 asks, and a site that cannot be reached is said to be so — neither is kept);
* at most ``concurrency`` requests at a time, and ``delay`` seconds between two requests to one host;
* timeouts; 429 and 5xx answers and dropped connections are retried ``retries`` times with a doubling
  backoff, or after the server's ``Retry-After`` (capped at ``max_retry_after``);
* redirects are followed by hand, at most ``max_redirects``, each hop checked again (``guard``), and a
  loop is said to be one;
* bodies are streamed (gzip, deflate and brotli decoded by httpx) and cut at ``max_bytes``;
* conditional requests: ``get(url, etag=…, last_modified=…)`` sends ``If-None-Match`` /
  ``If-Modified-Since``, and a 304 comes back as ``not_modified`` with no body;
* text is decoded by the charset of the ``Content-Type`` header, else of the page's ``<meta>``, except that
  a body that is valid UTF-8 is UTF-8 whatever the header says (a server's default ``ISO-8859-1`` label on
  UTF-8 pages is the common mistake).

Every failure is a ``FetchError`` (an ``InputError``: one line, exit 2), ``FetchRefused`` or ``InputTooLarge``.
"""

from __future__ import annotations

import email.message
import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsdesk.errors import InputError, InputTooLarge
from newsdesk.fetch.guard import Resolver, check_url, resolve

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY = frozenset({429, 500, 502, 503, 504})
ROBOTS_TTL = 24 * 3600.0  # seconds a site's robots.txt is kept before it is read again


class FetchError(InputError):
    """A URL could not be fetched: the network, the server's answer, or its robots.txt."""

    code = "E140"


class RobotsDisallowed(FetchError):
    code = "E142"


def user_agent() -> str:
    from newsdesk import __version__

    return f"newsdesk/{__version__} (+https://pypi.org/project/newsdesk/; a news reader)"


@dataclass(frozen=True)
class Policy:
    """How politely and safely to fetch (the defaults suit a desk following a few dozen sites)."""

    timeout: float = 20.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    max_retry_after: float = 120.0
    delay: float = 1.0  # seconds between two requests to one host
    concurrency: int = 4
    allow_private: bool = False  # loopback, private and link-local addresses (guard.py)
    robots: bool = True
    user_agent: str = field(default_factory=user_agent)


@dataclass
class Fetched:
    """A fetched resource: the final URL (after redirects), status, headers and body."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self) -> str:
        """The body as text: UTF-8 when it is valid UTF-8, else the header's charset, else the reader's guess
        (the page's ``<meta charset>``, then charset detection)."""
        from newsdesk.read.detect import decode

        try:
            return self.body.decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError:
            pass
        header = email.message.Message()
        header["content-type"] = self.headers.get("content-type", "")
        declared = header.get_content_charset()
        if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
            name = "cp1252" if declared.lower() in ("iso-8859-1", "latin-1", "latin1", "us-ascii") else declared
            try:
                return self.body.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
        return decode(self.body, source=self.url).text


class Fetcher:
    """Fetch URLs by a ``Policy``; thread-safe (one instance is shared by the poller's threads).

    ``resolver`` (tests) replaces DNS for the address check; ``sleep`` and ``clock`` replace time.
    """

    def __init__(self, policy: Policy | None = None, *, resolver: Resolver = resolve,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy or Policy()
        self.resolver = resolver
        self.sleep = sleep
        self.clock = clock
        self.client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate, br"},
            timeout=self.policy.timeout, follow_redirects=False, transport=transport)
        self._slots = threading.BoundedSemaphore(max(1, self.policy.concurrency))
        self._hosts_lock = threading.Lock()
        self._next_at: dict[str, float] = {}
        self._robots: dict[str, tuple[float, RobotFileParser]] = {}  # origin → (when read, its rules)
        self._robots_lock = threading.Lock()
        self.requests = 0  # sent, for the benchmark and the poller's summary
        self.bytes = 0

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # ---- the public call ---------------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str | None = None) -> Fetched:
        """GET ``url`` following redirects; a 2xx or a 304 comes back, anything else raises."""
        headers = {"Accept": accept or "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen: list[str] = []
        current = url
        while True:
            check_url(current, allow_private=self.policy.allow_private, resolver=self.resolver)
            if self.policy.robots:
                self._check_robots(current)
            answer = self._with_retries(current, headers)
            if answer.status not in REDIRECTS:
                return self._final(answer, url)
            location = answer.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {answer.status} redirect without a Location", source=url)
            seen.append(current)
            current = urljoin(current, location.strip())
            if current in seen:
                raise FetchError(f"redirect loop ({' → '.join([*seen, current])})", source=url)
            if len(seen) > self.policy.max_redirects:
                raise FetchError(f"more than {self.policy.max_redirects} redirects", source=url)

    def _final(self, answer: Fetched, asked: str) -> Fetched:
        if answer.status == 304 or 200 <= answer.status < 300:
            return answer
        raise FetchError(f"HTTP {answer.status}{_reason(answer.status)}", source=asked)

    # ---- one hop, with retries -------------------------------------------------------------------------------

    def _with_retries(self, url: str, headers: dict[str, str]) -> Fetched:
        wait = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            last = attempt == self.policy.retries
            try:
                answer = self._once(url, headers)
            except httpx.TimeoutException as exc:
                if last:
                    raise FetchError(f"timed out after {self.policy.timeout:g} s ({type(exc).__name__})",
                                     source=url) from exc
            except httpx.TransportError as exc:  # refused, reset, closed before the answer was complete
                if last:
                    raise FetchError(f"connection failed ({type(exc).__name__}: {exc or 'no detail'})",
                                     source=url) from exc
            else:
                if answer.status not in RETRY or last:
                    return answer
                after = _retry_after(answer.headers.get("retry-after"))
                if after is not None and after > self.policy.max_retry_after:
                    raise FetchError(f"HTTP {answer.status}: the server asks to wait {after:.0f} s, over the "
                                     f"{self.policy.max_retry_after:g} s newsdesk waits", source=url)
                if after is not None:
                    wait = max(after, 0.0)
            self.sleep(wait)
            wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        host = urlsplit(url).netloc.lower()
        with self._slots:
            self._wait_for(host)
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    self.requests += 1
                    body = b"" if response.status_code in REDIRECTS or response.status_code == 304 else \
                        self._read_body(response, url)
                    return Fetched(str(response.url), response.status_code, response.headers, body)
            finally:
                with self._hosts_lock:
                    self._next_at[host] = self.clock() + self.policy.delay

    def _wait_for(self, host: str) -> None:
        """Sleep until ``host`` may be asked again, and book the slot (so two threads never both go)."""
        while True:
            with self._hosts_lock:
                now = self.clock()
                ready = self._next_at.get(host, 0.0)
                if ready <= now:
                    self._next_at[host] = float("inf")  # busy: others wait until this request ends
                    return
            if ready == float("inf"):
                time.sleep(0.01)  # another thread is asking this host now
            else:
                self.sleep(min(ready - now, self.policy.delay))

    def _read_body(self, response: httpx.Response, url: str) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and "content-encoding" not in response.headers:
            raise InputTooLarge(f"the server sends {int(declared) / 1e6:.1f} MB, over the "
                                f"{limit / 1e6:g} MB limit", source=url)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            self.bytes += len(chunk)
            if size > limit:
                raise InputTooLarge(f"the body is over the {limit / 1e6:g} MB limit (cut while reading)",
                                    source=url)
            chunks.append(chunk)
        return b"".join(chunks)

    # ---- robots.txt ---------------------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            loaded = self._robots.get(origin)
            if loaded is None or self.clock() - loaded[0] > ROBOTS_TTL:
                loaded = (self.clock(), self._load_robots(origin, url))  # raises when the site cannot be read now
                self._robots[origin] = loaded
        rules = loaded[1]
        if not rules.can_fetch(self.policy.user_agent, url):
            raise RobotsDisallowed("the site's robots.txt disallows it", source=url)

    def _load_robots(self, origin: str, url: str) -> RobotFileParser:
        """The site's rules; a site that cannot be reached, or whose robots.txt answers 5xx, raises (and is
        asked again next time: a failure is not kept)."""
        parser = RobotFileParser(origin + "/robots.txt")
        try:
            answer = self._with_retries(origin + "/robots.txt", {"Accept": "text/plain,*/*;q=0.5"})
        except FetchError as exc:
            raise FetchError(f"cannot reach {origin}: {exc.message}", source=url) from exc
        if answer.status >= 500:
            raise RobotsDisallowed(f"the site's robots.txt answers HTTP {answer.status}: nothing is fetched from "
                                   f"{origin} for now", source=url)
        lines = answer.text().splitlines() if 200 <= answer.status < 300 else []  # 3xx, 4xx: no rules
        parser.parse(lines)
        return parser

    def robots_sitemaps(self, url: str) -> list[str]:
        """The ``Sitemap:`` lines of the robots.txt of ``url``'s site (read when it was checked)."""
        parts = urlsplit(url)
        loaded = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        return list(loaded[1].site_maps() or []) if loaded else []


def _retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(status: int) -> str:
    try:
        from http import HTTPStatus

        return f" {HTTPStatus(status).phrase}"
    except ValueError:
        return ""
