"""The desk's store in one SQLite file (WAL, foreign keys, FTS5 search): the default engine (``store``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsdesk.desk.store_base import (
    SCHEMA_VERSION,
    Store,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    query_words,
    rows_of,
    statements,
    uses_search_syntax,
)

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, stories, events and their reports, topics, full-text search
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        first_published TEXT,
        last_published TEXT,
        data TEXT NOT NULL DEFAULT '{}'          -- centroid, shared entities … (JSON)
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,                -- Article.id
        content_hash TEXT NOT NULL UNIQUE,       -- sha256 of the normalised text: exact copies
        url TEXT,
        headline TEXT,
        published TEXT,                          -- ISO date or datetime, as the article says
        publisher TEXT,
        language TEXT,
        source TEXT NOT NULL,                    -- where it was read from (path, feed entry, JSONL line)
        analysis TEXT NOT NULL,                  -- the newsdesk.analysis/1 JSON
        signature BLOB,                          -- MinHash of its shingles (near-duplicates)
        duplicate_of INTEGER REFERENCES articles(id),
        similarity REAL,                         -- to duplicate_of
        story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_story ON articles(story_id);
    CREATE INDEX articles_duplicate ON articles(duplicate_of);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        subtype TEXT,
        day TEXT,                                -- YYYY-MM-DD, YYYY-MM for a period total, NULL unknown
        granularity TEXT,
        location TEXT,
        country TEXT,
        actor TEXT,
        target TEXT,
        summary TEXT,
        data TEXT NOT NULL DEFAULT '{}'          -- merged figures and their spread (JSON)
    );
    CREATE INDEX events_day ON events(type, day);
    CREATE TABLE event_reports (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,                  -- the event's id in the article's analysis ("v1")
        data TEXT NOT NULL,                      -- that article's Event JSON
        PRIMARY KEY (article_id, local_id)
    );
    CREATE INDEX event_reports_event ON event_reports(event_id);
    CREATE TABLE topics (
        id INTEGER PRIMARY KEY,
        query TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,                      -- entity | keyword | query
        created_at TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE search USING fts5(
        field UNINDEXED,                         -- headline | text | key_point | quote
        article_id UNINDEXED,
        body,
        tokenize = 'porter unicode61'
    );
    """,
    # 2: the size of each article's shingle set, so a shortened copy is recognised by containment (dedup.is_copy);
    # NULL for articles stored before (they are compared by similarity alone)
    """
    ALTER TABLE articles ADD COLUMN shingle_count INTEGER;
    """,
    # 3: live sources (newsdesk sources / watch) and the items each has listed; articles found by URL
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,                -- as the user gave it
        every INTEGER NOT NULL,                  -- seconds between polls
        topic TEXT,                              -- followed on the desk when the source was added
        added_at TEXT NOT NULL,
        kind TEXT,                               -- page | feed | sitemap | home, once polled
        poll_url TEXT,                           -- what is polled: a home page's feed once found
        etag TEXT,                               -- validators of poll_url's last answer (conditional requests)
        last_modified TEXT,
        last_poll TEXT,
        next_poll TEXT,                          -- due from then (NULL: now)
        last_status TEXT,                        -- "200", "304" or "error"
        last_new INTEGER NOT NULL DEFAULT 0,
        total_new INTEGER NOT NULL DEFAULT 0,
        last_error TEXT                          -- {"input", "reason"} JSON list of the last poll's failures
    );
    CREATE TABLE source_items (
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        tries INTEGER NOT NULL DEFAULT 0,        -- failed reads so far (given up after three)
        done INTEGER NOT NULL DEFAULT 0,         -- stored, or found already stored
        PRIMARY KEY (source_id, url)
    );
    CREATE INDEX articles_url ON articles(url);
    """,
)


class SQLiteStore(Store):
    """A store in one SQLite file; ``PRAGMA user_version`` is its schema version."""

    engine = "sqlite"
    IntegrityError = sqlite3.IntegrityError

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.location = str(self.path)
        if self.path.is_dir():
            raise StoreError("is a folder, not a store file", source=self.location)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # the parent is a file, or not writable
            raise StoreError(f"cannot create the store's folder ({exc.strerror or exc})",
                             source=self.location) from exc
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.OperationalError as exc:  # unable to open (permissions, a vanished folder)
            raise StoreError(f"cannot open the store ({exc})", source=self.location) from exc
        except sqlite3.DatabaseError as exc:
            raise StoreCorrupt(f"not a newsdesk store ({exc})", source=self.location) from exc

    def close(self) -> None:
        self.db.close()

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    @property
    def in_transaction(self) -> bool:
        return self.db.in_transaction

    def _migrate(self) -> None:
        version = self.version
        if version > SCHEMA_VERSION:
            raise StoreTooNew(f"written by a newer newsdesk (schema {version}, this one knows {SCHEMA_VERSION}); "
                              "upgrade newsdesk", source=self.location)
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[SQLiteStore]:
        """One IMMEDIATE transaction: it takes the file's write lock at once (waiting up to 30 s for it)."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreBusy(f"the store is busy ({exc})", source=self.location) from exc
        try:
            yield self
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.db.execute(sql, params).lastrowid

    def distinct_list(self, expression: str) -> str:
        return f"group_concat(DISTINCT {expression})"

    def size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """FTS5 with the porter stemmer, ranked by BM25."""
        try:
            rows = self.db.execute(
                "SELECT s.article_id, s.field, snippet(search, 2, '[', ']', ' … ', 12) AS snip, "
                "-bm25(search) AS score, a.headline, a.published, a.publisher, a.url "
                "FROM search s JOIN articles a ON a.id = s.article_id "
                "WHERE search MATCH ? AND a.duplicate_of IS NULL ORDER BY score DESC LIMIT ?",
                (fts_query(query), limit * 4)).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}") from exc
        return rows_of(rows, limit)


def fts_query(query: str) -> str:
    """A user's query for FTS5: kept as is when it uses FTS syntax, else each word quoted (so "U.S."
    or "Kh-101" do not raise a syntax error)."""
    if uses_search_syntax(query):
        return query
    return " ".join('"' + w.replace('"', "") + '"' for w in query_words(query)) or '""'
