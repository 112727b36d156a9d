"""The desk: many analysed articles in one store, and answers across them.

``Desk(path)`` mirrors the desk's CLI verbs::

    from newsdesk.desk import Desk

    with Desk("desk.sqlite") as desk:          # or "postgresql://…"; None: $NEWSDESK_DB, else the user data dir
        summary = desk.ingest(["articles/", "feed.xml", "more.jsonl"], processes=2)
        desk.add_source("https://example.org/feed.xml", every="15m"); desk.watch(once=True)
        added = desk.add(text=open("story.txt").read(), published="2025-07-09")  # one article
        desk.articles(limit=20); desk.article(added["id"])["analysis"]
        desk.search("drone attack Kyiv")
        desk.tally(what="attacks", by="month", weapon="drone")
        desk.records(as_of="2025-07-31")
        desk.follow("Volodymyr Zelensky")
        desk.digest(topic="Volodymyr Zelensky", since="1d", fmt="md")

Each verb lives in its own module (``ingest``, ``dedup``, ``stories``, ``events``, ``tally``,
``topics``, ``digest``) as a plain function of the ``Store``; ``Desk`` only holds the store open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from newsdesk.desk.store import open_store


def default_path() -> str | Path:
    """$NEWSDESK_DB (a file or a ``postgresql://`` URL), else the user data dir (``newsdesk doctor`` prints it)."""
    from newsdesk.doctor import store_path

    return store_path()


class Desk:
    """An open desk store and the verbs that work on it."""

    def __init__(self, path: str | Path | None = None) -> None:
        """``path``: a SQLite file, or a ``postgresql://user@host/db`` URL (``newsdesk.desk.store``)."""
        self.store = open_store(path if path is not None else default_path())

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def ingest(self, paths: Iterable[str | Path], *, processes: int = 1,
               progress: Callable[[int, int | None], None] | None = None, fetcher=None,
               scheduler: str | None = None) -> dict:
        """Read, analyse and store articles from files, folders, JSONL, RSS/Atom feeds and http(s) URLs (pages,
        feeds, sitemaps, home pages; fetched by ``fetcher``, else a ``newsdesk.fetch.Fetcher`` that refuses
        private addresses): ``{"new", "duplicates", "failed": [{"input", "reason"}]}``. ``scheduler``:
        ``"local"`` or a Dask scheduler's address, to analyse on a Dask cluster."""
        from newsdesk.desk.ingest import ingest

        return ingest(self.store, paths, processes=processes, progress=progress, fetcher=fetcher,
                      scheduler=scheduler)

    def add_source(self, url: str, every: str | int = "15m", topic: str | None = None) -> dict:
        """Follow a feed, sitemap, home page or page (``desk.sources``): ``{"source", "new"}``."""
        from newsdesk.desk.sources import add_source

        return add_source(self.store, url, every=every, topic=topic)

    def sources(self) -> list[dict]:
        from newsdesk.desk.sources import list_sources

        return list_sources(self.store)

    def remove_source(self, key: int | str) -> dict:
        from newsdesk.desk.sources import remove_source

        return remove_source(self.store, key)

    def watch(self, fetcher=None, *, once: bool = False, stop=None, report=None, processes: int = 1) -> list[dict]:
        """Poll due sources (once, or until ``stop`` is set) with ``fetcher`` (else a default ``Fetcher``)."""
        from newsdesk.desk.sources import watch
        from newsdesk.fetch.client import Fetcher

        own = fetcher is None
        fetcher = fetcher or Fetcher()
        try:
            return watch(self.store, fetcher, once=once, stop=stop, report=report, processes=processes)
        finally:
            if own:
                fetcher.close()

    def add(self, *, text: str | None = None, html: str | None = None, published: str | None = None,
            url: str | None = None) -> dict:
        """Read (``html`` if given, else ``text``), analyse and store one article as ingest does:
        ``{"id", "new", "duplicate_of", "story_id", "analysis"}``; the same text again gives the stored
        article's id with ``new`` False. Empty or unreadable input raises ``InputError``."""
        from newsdesk.desk.articles import add

        return add(self.store, text=text, html=html, published=published, url=url)

    def articles(self, limit: int = 50, offset: int = 0, *, story: int | None = None) -> list[dict]:
        """Stored articles, newest first: id, headline, publisher, published, url, source, story_id,
        duplicate_of, ingested_at (``story``: only that story's)."""
        from newsdesk.desk.articles import list_articles

        return list_articles(self.store, limit, offset, story=story)

    def article(self, article_id: int) -> dict:
        """One stored article's fields and its full ``analysis``; ``ArticleNotFound`` (E304) if none."""
        from newsdesk.desk.articles import get_article

        return get_article(self.store, article_id)

    def stats(self) -> dict:
        return self.store.stats()

    def search(self, query: str, limit: int = 20) -> list[dict]:
        return self.store.search(query, limit)

    def stories(self, limit: int = 50) -> list[dict]:
        from newsdesk.desk.stories import list_stories

        return list_stories(self.store, limit=limit)

    def story(self, story_id: int) -> dict:
        from newsdesk.desk.stories import story_timeline

        return story_timeline(self.store, story_id)

    def events(self, **filters) -> list[dict]:
        from newsdesk.desk.events import list_events

        return list_events(self.store, **filters)

    def tally(self, what: str = "attacks", by: str = "month", **options) -> dict:
        from newsdesk.desk.tally import tally

        return tally(self.store, what=what, by=by, **options)

    def records(self, as_of: str | None = None, **options) -> list[dict]:
        from newsdesk.desk.tally import records

        return records(self.store, as_of=as_of, **options)

    def follow(self, topic: str) -> dict:
        from newsdesk.desk.topics import follow

        return follow(self.store, topic)

    def unfollow(self, topic: str) -> bool:
        from newsdesk.desk.topics import unfollow

        return unfollow(self.store, topic)

    def topics(self) -> list[dict]:
        from newsdesk.desk.topics import list_topics

        return list_topics(self.store)

    def digest(self, topic: str | None = None, since: str = "1d", fmt: str = "md") -> str:
        from newsdesk.desk.digest import digest

        return digest(self.store, topic=topic, since=since, fmt=fmt)
