"""The desk's store: one SQLite file (WAL, foreign keys), its schema grown by numbered migrations.

Tables (migration 1):

* ``articles`` — one row per article read: its ``newsdesk.analysis/1`` JSON, the fields a desk
  filters on (headline, published, publisher, url), the ``content_hash`` of its text (an exact copy
  is never stored twice) and its MinHash ``signature``; a near-copy (the same wire story run by
  another outlet) is stored with ``duplicate_of`` pointing at the first copy and takes no part in
  stories, events or tallies;
* ``stories`` — articles about the same happening; ``articles.story_id`` says which;
* ``events`` — one happening however many articles tell it; ``event_reports`` ties each article's
  own event (``local_id``: "v1") to it, with that article's figures, so a desk event has all its
  sources and the spread of their figures;
* ``topics`` — what the reader follows (an entity, a keyword or a search query);
* ``search`` — an FTS5 index of headlines, texts, key points and quotes.

Migration 2 adds ``articles.shingle_count`` (the size of the article's shingle set, for containment).
Migration 3 adds ``sources`` (the feeds, sitemaps and sites a desk follows, with each one's last poll, its
ETag and Last-Modified) and ``source_items`` (what each has listed, so an item is fetched once).

``PRAGMA user_version`` is the schema version; opening a store migrates it forward in one transaction
per step, and a store written by a newer newsdesk is refused (E303) rather than damaged.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.errors import StoreError

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
SCHEMA_VERSION = len(MIGRATIONS)


class StoreCorrupt(StoreError):
    code = "E301"


class StoreBusy(StoreError):
    code = "E302"


class StoreTooNew(StoreError):
    code = "E303"


class ArticleNotFound(StoreError):
    """No stored article has the id asked for (exit 2)."""

    code = "E304"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(text: str) -> str:
    """sha256 of a text with case, accents' forms, punctuation runs and whitespace normalised: two
    copies that differ only in spacing or curly quotes hash alike."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = re.sub(r"[\u2018\u2019\u201c\u201d\"'`´]", "", norm)
    norm = re.sub(r"\s+", " ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


class Store:
    """An open store. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.lock = threading.RLock()  # one writer at a time when threads share this store (Desk.add)
        if self.path.is_dir():
            raise StoreError("is a folder, not a store file", source=str(self.path))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # the parent is a file, or not writable
            raise StoreError(f"cannot create the store's folder ({exc.strerror or exc})",
                             source=str(self.path)) from exc
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.OperationalError as exc:  # unable to open (permissions, a vanished folder)
            raise StoreError(f"cannot open the store ({exc})", source=str(self.path)) from exc
        except sqlite3.DatabaseError as exc:
            raise StoreCorrupt(f"not a newsdesk store ({exc})", source=str(self.path)) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # ---- schema ------------------------------------------------------------------------------------

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.version
        if version > SCHEMA_VERSION:
            raise StoreTooNew(f"written by a newer newsdesk (schema {version}, this one knows {SCHEMA_VERSION}); "
                              "upgrade newsdesk", source=str(self.path))
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: everything in it is stored, or nothing (also on kill -9)."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreBusy(f"the store is busy ({exc})", source=str(self.path)) from exc
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # ---- articles ----------------------------------------------------------------------------------

    def article_by_hash(self, digest: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        return row[0] if row else None

    def insert_article(self, analysis: dict, *, source: str, digest: str, signature: bytes | None = None,
                       duplicate_of: int | None = None, similarity: float | None = None,
                       shingle_count: int | None = None) -> int:
        """Insert one analysed article and its search rows; call inside ``transaction()``."""
        art = analysis["article"]
        cur = self.db.execute(
            "INSERT INTO articles (article_id, content_hash, url, headline, published, publisher, language, "
            "source, analysis, signature, duplicate_of, similarity, ingested_at, shingle_count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (art["id"], digest, art.get("url"), art.get("headline"), art.get("published"), art.get("publisher"),
             art.get("language"), source, json.dumps(analysis, ensure_ascii=False), signature, duplicate_of,
             similarity, now(), shingle_count))
        row_id = cur.lastrowid
        rows = [("headline", row_id, art.get("headline") or ""), ("text", row_id, art.get("text") or "")]
        rows += [("key_point", row_id, kp["text"]) for kp in analysis.get("key_points", [])]
        rows += [("quote", row_id, q["text"] + (f" — {q['speaker']['name']}" if q.get("speaker") else ""))
                 for q in analysis.get("quotes", [])]
        self.db.executemany("INSERT INTO search (field, article_id, body) VALUES (?, ?, ?)", rows)
        return row_id

    def analysis(self, article: int) -> dict:
        row = self.db.execute("SELECT analysis FROM articles WHERE id = ?", (article,)).fetchone()
        if row is None:
            raise ArticleNotFound(f"no article {article}", source=str(self.path))
        return json.loads(row[0])

    # ---- figures ----------------------------------------------------------------------------------

    def stats(self) -> dict:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL"),
            "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "stories": one("SELECT count(*) FROM stories"),
            "events": one("SELECT count(*) FROM events"),
            "event_reports": one("SELECT count(*) FROM event_reports"),
            "topics": one("SELECT count(*) FROM topics"),
            "first_published": one("SELECT min(published) FROM articles"),
            "last_published": one("SELECT max(published) FROM articles"),
            "schema_version": self.version,
            "path": str(self.path),
            "bytes": self.path.stat().st_size if self.path.exists() else 0,
        }

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Articles matching ``query`` (FTS5 syntax: words, "phrases", OR, NOT, prefix*), best first,
        each with the fields that matched and a snippet."""
        try:
            rows = self.db.execute(
                "SELECT s.article_id, s.field, snippet(search, 2, '[', ']', ' … ', 12) AS snip, bm25(search) AS rank, "
                "a.headline, a.published, a.publisher, a.url FROM search s JOIN articles a ON a.id = s.article_id "
                "WHERE search MATCH ? AND a.duplicate_of IS NULL ORDER BY rank LIMIT ?",
                (_fts_query(query), limit * 4)).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}") from exc
        found: dict[int, dict] = {}
        for r in rows:
            hit = found.setdefault(r["article_id"], {
                "id": r["article_id"], "headline": r["headline"], "published": r["published"],
                "publisher": r["publisher"], "url": r["url"], "score": round(-r["rank"], 3), "matches": []})
            hit["matches"].append({"field": r["field"], "snippet": r["snip"]})
        return list(found.values())[:limit]


def _statements(script: str) -> list[str]:
    """The SQL statements of a migration script (no semicolons inside our statements)."""
    script = re.sub(r"--[^\n]*", "", script)
    return [s.strip() for s in script.split(";") if s.strip()]


def _fts_query(query: str) -> str:
    """A user's query for FTS5: kept as is when it uses FTS syntax, else each word quoted (so "U.S."
    or "Kh-101" do not raise a syntax error)."""
    if re.search(r'["*()]|\b(?:AND|OR|NOT|NEAR)\b', query):
        return query
    words = re.findall(r"\w[\w'.-]*", query)
    return " ".join('"' + w.replace('"', "") + '"' for w in words) or '""'
