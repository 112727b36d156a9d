"""What the server fetches: an article page for a URL given alone (the web page's URL field, ``POST /v1/articles``
and ``/v1/analyze`` with only ``url``), and, with ``serve --watch``, the desk's sources polled beside the API.

Server-side fetches refuse loopback, private and link-local addresses, after redirects too (``fetch.guard``),
unless the operator started the server with ``--allow-private-fetch`` (``app.state.allow_private_fetch``).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from newsdesk.errors import InputError

LOG = logging.getLogger("newsdesk.web")


def fetch_page(url: str, *, allow_private: bool) -> tuple[str, str]:
    """The HTML of the article page at ``url`` and its final URL; a feed or sitemap is bad input."""
    from newsdesk.fetch.client import Fetcher, Policy
    from newsdesk.fetch.discover import kind_of

    with Fetcher(Policy(allow_private=allow_private, delay=0.0)) as fetcher:
        fetched = fetcher.get(url)
    if fetched.not_modified or kind_of(fetched) != "html":
        raise InputError("is a feed or a sitemap, not an article page: follow it as a source instead", source=url)
    return fetched.text(), fetched.url


class Poller:
    """``newsdesk watch`` in a thread beside the server: its own store connection and fetcher; ``stop()`` lets
    the article being stored finish."""

    def __init__(self, db: Path, *, allow_private: bool, idle: float = 30.0) -> None:
        self.db, self.allow_private, self.idle = db, allow_private, idle
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="newsdesk-watch", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self.stopping.set()
        self.thread.join(timeout)

    def _run(self) -> None:
        from newsdesk.desk import Desk
        from newsdesk.desk.sources import watch
        from newsdesk.fetch.client import Fetcher, Policy

        def report(result: dict) -> None:
            LOG.info("polled %s: %s, %d new, %d failed", result["url"], result["status"], result["new"],
                     len(result["failed"]))

        try:
            with Desk(self.db) as desk, Fetcher(Policy(allow_private=self.allow_private)) as fetcher:
                watch(desk.store, fetcher, stop=self.stopping, report=report, idle=self.idle)
        except Exception:  # noqa: BLE001 - the API keeps serving; the log says why polling stopped
            LOG.exception("the source poller stopped")
