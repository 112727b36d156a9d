"""The store interface (``Store``) and what both engines share; ``store`` is where to start reading."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsdesk.errors import StoreError

SERVER_SCHEMES = ("postgresql://", "postgres://")
SCHEMA_VERSION = 3  # the migrations each engine has: store_sqlite.MIGRATIONS, store_postgres.MIGRATIONS


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


def is_server(location: str | Path) -> bool:
    """Whether ``location`` names a database server (``postgresql://…``) rather than a store file."""
    return isinstance(location, str) and location.lower().startswith(SERVER_SCHEMES)


def location_of(value: str | Path) -> str | Path:
    """A store location as given on the command line or in $NEWSDESK_DB: a server URL stays text, else a path."""
    return value if is_server(value) else Path(value)


def redact(url: str) -> str:
    """A server URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


class Store(ABC):
    """An open store. Use as a context manager, or call ``close()``."""

    engine: str  # "sqlite" | "postgresql"
    location: str  # for messages: the file, or the URL without its password
    path: Path | None = None  # the SQLite file; None on a server
    IntegrityError: type[Exception]  # what a broken constraint (a doubled content_hash …) raises

    def __init__(self) -> None:
        self.lock = threading.RLock()  # one writer at a time among this process's threads (Desk.add)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- what each engine provides ----------------------------------------------------------------------

    @abstractmethod
    def close(self) -> None: ...

    @property
    @abstractmethod
    def version(self) -> int:
        """The schema version (the number of migrations applied)."""

    @property
    @abstractmethod
    def in_transaction(self) -> bool: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Store]:
        """One write transaction holding the store's write lock: everything in it is stored, or nothing
        (also on kill -9). Yields the store; not nested."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders); the result has ``fetchone``, ``fetchall`` and iterates
        rows that read by position and by column name (``dict(row)`` works)."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @abstractmethod
    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one ``INSERT`` into a table with an ``id`` key; the new row's id."""

    @abstractmethod
    def distinct_list(self, expression: str) -> str:
        """SQL aggregating the distinct values of ``expression`` into one comma-separated text."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Articles matching ``query`` (words, "phrases", OR, NOT, prefix*), best first, each with the
        fields that matched and a snippet (the match in [brackets])."""

    @abstractmethod
    def size(self) -> int:
        """Bytes the store takes on disk."""

    # ---- the same on both ----------------------------------------------------------------------------------

    def article_by_hash(self, digest: str) -> int | None:
        row = self.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        return row[0] if row else None

    def insert_article(self, analysis: dict, *, source: str, digest: str, signature: bytes | None = None,
                       duplicate_of: int | None = None, similarity: float | None = None,
                       shingle_count: int | None = None) -> int:
        """Insert one analysed article and its search rows; call inside ``transaction()``."""
        art = analysis["article"]
        row_id = self.insert(
            "INSERT INTO articles (article_id, content_hash, url, headline, published, publisher, language, "
            "source, analysis, signature, duplicate_of, similarity, ingested_at, shingle_count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (art["id"], digest, art.get("url"), art.get("headline"), art.get("published"), art.get("publisher"),
             art.get("language"), source, json.dumps(analysis, ensure_ascii=False), signature, duplicate_of,
             similarity, now(), shingle_count))
        rows = [("headline", row_id, art.get("headline") or ""), ("text", row_id, art.get("text") or "")]
        rows += [("key_point", row_id, kp["text"]) for kp in analysis.get("key_points", [])]
        rows += [("quote", row_id, q["text"] + (f" — {q['speaker']['name']}" if q.get("speaker") else ""))
                 for q in analysis.get("quotes", [])]
        self.executemany("INSERT INTO search (field, article_id, body) VALUES (?, ?, ?)", rows)
        return row_id

    def analysis(self, article: int) -> dict:
        row = self.execute("SELECT analysis FROM articles WHERE id = ?", (article,)).fetchone()
        if row is None:
            raise ArticleNotFound(f"no article {article}", source=self.location)
        return json.loads(row[0])

    def stats(self) -> dict:
        one = lambda sql: self.execute(sql).fetchone()[0]  # noqa: E731
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
            "engine": self.engine,
            "path": self.location,
            "bytes": self.size(),
        }


def statements(script: str) -> list[str]:
    """The SQL statements of a migration script (no semicolons inside our statements)."""
    script = re.sub(r"--[^\n]*", "", script)
    return [s.strip() for s in script.split(";") if s.strip()]


def uses_search_syntax(query: str) -> bool:
    """Whether a user's search query uses operators ("phrases", prefix*, parentheses, AND/OR/NOT/NEAR)."""
    return bool(re.search(r'["*()]|\b(?:AND|OR|NOT|NEAR)\b', query))


def query_words(query: str) -> list[str]:
    """The words of a plain search query ("U.S." and "Kh-101" stay whole)."""
    return re.findall(r"\w[\w'.-]*", query)


def rows_of(found: Iterator[Any], limit: int) -> list[dict]:
    """Search hits (one row per matching field: article_id, field, snip, score, headline, published, publisher,
    url), best first, grouped by article."""
    hits: dict[int, dict] = {}
    for r in found:
        hit = hits.setdefault(r["article_id"], {
            "id": r["article_id"], "headline": r["headline"], "published": r["published"],
            "publisher": r["publisher"], "url": r["url"], "score": round(float(r["score"]), 3), "matches": []})
        hit["matches"].append({"field": r["field"], "snippet": r["snip"]})
    return list(hits.values())[:limit]
