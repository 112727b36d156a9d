"""The desk's store: one interface, two engines side by side.

* ``SQLiteStore`` (``store_sqlite``) — the default: one file (WAL, foreign keys), FTS5 search;
* ``PostgresStore`` (``store_postgres``) — ``postgresql://…``: a psycopg 3 connection pool, tsvector + GIN
  search, for many ingesters and web workers on one desk.

``open_store(location)`` picks one. The desk's logic (ingest, dedup, stories, events, tally, topics, digest,
sources) talks to ``Store`` only and does not know which it has: SQL with ``?`` placeholders written in the
part of SQL both engines read alike (``execute``, ``executemany``), ``insert`` (the new row's id),
``transaction()``, ``distinct_list`` (the one aggregate they spell differently), ``search`` and ``stats``.

Tables (the same in both, grown by numbered migrations — ``store_sqlite.MIGRATIONS`` and
``store_postgres.MIGRATIONS`` hold the same steps in each engine's words):

* ``articles`` — one row per article read: its ``newsdesk.analysis/1`` JSON, the fields a desk
  filters on (headline, published, publisher, url), the ``content_hash`` of its text (UNIQUE: an exact copy
  is never stored twice, whoever races to write it) and its MinHash ``signature``; a near-copy (the same
  wire story run by another outlet) is stored with ``duplicate_of`` pointing at the first copy and takes no
  part in stories, events or tallies;
* ``stories`` — articles about the same happening; ``articles.story_id`` says which;
* ``events`` — one happening however many articles tell it; ``event_reports`` ties each article's
  own event (``local_id``: "v1") to it, with that article's figures, so a desk event has all its
  sources and the spread of their figures;
* ``topics`` — what the reader follows (an entity, a keyword or a search query);
* ``search`` — the full-text index of headlines, texts, key points and quotes.

Migration 2 adds ``articles.shingle_count`` (the size of the article's shingle set, for containment).
Migration 3 adds ``sources`` (the feeds, sitemaps and sites a desk follows, with each one's last poll, its
ETag and Last-Modified) and ``source_items`` (what each has listed, so an item is fetched once).

Opening a store migrates it forward, one transaction per step; a store written by a newer newsdesk is
refused (E303) rather than damaged. Writers take turns: a write transaction holds the store's one write
lock (SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's transaction-level advisory lock) for the few milliseconds
of storing an analysed article — the analysis runs before, outside it — so near-copy checks, stories and
event merges see every article stored before them, as they do with one writer.
"""

from __future__ import annotations

from pathlib import Path

from newsdesk.desk.store_base import (  # noqa: F401 - the store's names, as the desk's modules import them
    SCHEMA_VERSION,
    ArticleNotFound,
    Store,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    content_hash,
    is_server,
    location_of,
    now,
    redact,
)


def open_store(location: str | Path) -> Store:
    """The store at ``location``: a ``postgresql://`` URL, else a SQLite file (created when missing)."""
    if is_server(location):
        from newsdesk.desk.store_postgres import PostgresStore

        return PostgresStore(str(location))
    from newsdesk.desk.store_sqlite import SQLiteStore

    return SQLiteStore(location)
