"""Live sources: the feeds, sitemaps, home pages and pages a desk follows, and polling them.

``add_source(store, url, every="15m", topic=None)`` records a source (and follows ``topic`` on the desk, so
its digest covers what the source brings); ``list_sources`` and ``remove_source`` do what they say.
``poll(store, source, fetcher)`` fetches one source — with the ETag and Last-Modified of its last answer, so
an unchanged feed costs one 304 — reads what it lists that the desk has not seen, and stores each new
article in its own transaction (``ingest.store_items``). ``watch`` polls every source that is due until
told to stop, or once (``once=True``, for cron).

Each poll is recorded on its source: when, the status ("200", "304", "error"), how many new articles,
and the failures as ``[{"input", "reason"}]``. An item is fetched once: ``source_items`` remembers what each
source listed (items that failed are tried again at the next two polls, then left). The source's validators
are saved only after its items are stored, and only when every new item was read (not when ``limit`` cut them
or ``stop`` ended the poll early), so the next poll lists the rest again; a poll killed with -9 is simply
done again: the articles it stored are recognised as exact copies, nothing is lost or stored twice.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from newsdesk.desk.store import Store, now
from newsdesk.errors import BadOption, InputError, StoreError
from newsdesk.fetch.client import Fetcher
from newsdesk.fetch.discover import Entry, list_source, read_entries
from newsdesk.fetch.guard import check_url

DEFAULT_EVERY = "15m"
MAX_TRIES = 3
BATCH = 4  # articles analysed together: a poll stores what it has read every few articles
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
COLUMNS = ("id", "url", "every", "topic", "added_at", "kind", "poll_url", "last_poll", "next_poll", "last_status",
           "last_new", "total_new", "last_error")


class SourceNotFound(StoreError):
    code = "E307"


def parse_every(value: str | int) -> int:
    """Seconds between polls: ``30s``, ``15m``, ``2h``, ``1d`` (or a number of seconds); at least one second.

    >>> parse_every("15m"), parse_every("2h"), parse_every(90)
    (900, 7200, 90)
    """
    text = str(value).strip().lower()
    m = re.fullmatch(r"(\d+)\s*([smhd]?)", text)
    if not m or int(m[1]) < 1:
        raise BadOption(f"must be like 30s, 15m, 2h or 1d, not {value!r}", source="--every")
    return int(m[1]) * _UNITS[m[2] or "s"]


def every_text(seconds: int) -> str:
    """An interval as ``parse_every`` takes it.

    >>> every_text(900), every_text(7200), every_text(90)
    ('15m', '2h', '90s')
    """
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def add_source(store: Store, url: str, *, every: str | int = DEFAULT_EVERY, topic: str | None = None,
               allow_private: bool = True) -> dict:
    """Follow ``url``; adding it again updates its interval and topic. ``{"source": {…}, "new": bool}``.
    ``allow_private=False`` (the web page, the API) refuses a host with a private address now."""
    url = url.strip()
    seconds = parse_every(every)
    check_url(url, allow_private=allow_private, unresolved_ok=True)
    if topic:
        from newsdesk.desk.topics import follow

        topic = follow(store, topic)["query"]
    with store.transaction() as db:
        row = db.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()
        if row is None:
            db.execute("INSERT INTO sources (url, every, topic, added_at) VALUES (?, ?, ?, ?)",
                       (url, seconds, topic or None, now()))
        else:
            db.execute("UPDATE sources SET every = ?, topic = coalesce(?, topic) WHERE id = ?",
                       (seconds, topic or None, row["id"]))
    return {"source": get_source(store, url), "new": row is None}


def list_sources(store: Store) -> list[dict]:
    """Every source, oldest first, with its last poll."""
    rows = store.execute(f"SELECT {', '.join(COLUMNS)} FROM sources ORDER BY id").fetchall()
    return [_as_dict(r) for r in rows]


def get_source(store: Store, key: int | str) -> dict:
    """One source by id or URL; ``SourceNotFound`` (exit 2) when there is none."""
    column = "id" if isinstance(key, int) or str(key).isdigit() else "url"
    row = store.execute(f"SELECT {', '.join(COLUMNS)} FROM sources WHERE {column} = ?",
                           (int(key) if column == "id" else key,)).fetchone()
    if row is None:
        raise SourceNotFound("no such source (newsdesk sources list shows them)", source=str(key))
    return _as_dict(row)


def remove_source(store: Store, key: int | str) -> dict:
    """Stop following a source (the articles it brought stay). The removed source, or ``SourceNotFound``."""
    source = get_source(store, key)
    with store.transaction() as db:
        db.execute("DELETE FROM sources WHERE id = ?", (source["id"],))
    return source


def due_sources(store: Store, at: datetime | None = None) -> list[dict]:
    """Sources never polled or whose next poll time has come, the longest waiting first."""
    when = (at or datetime.now(UTC)).isoformat(timespec="seconds")
    rows = store.execute(f"SELECT {', '.join(COLUMNS)} FROM sources WHERE next_poll IS NULL OR next_poll <= ? "
                            "ORDER BY coalesce(next_poll, ''), id", (when,)).fetchall()
    return [_as_dict(r) for r in rows]


def poll(store: Store, source: dict, fetcher: Fetcher, *, processes: int = 1, limit: int = 100, pool=None,
         stop: threading.Event | None = None) -> dict:
    """Poll one source: ``{"source", "url", "status", "new", "duplicates", "failed", "requests", "bytes"}``
    (``pool``: analysis processes kept over several polls, ``ingest.analysis_pool``). When ``stop`` is set the
    poll ends after the articles read so far; what it did not read is read by the next poll."""
    from newsdesk.desk.ingest import store_items

    before = (fetcher.requests, fetcher.bytes)
    validators = store.execute("SELECT etag, last_modified, poll_url FROM sources WHERE id = ?",
                                  (source["id"],)).fetchone()
    try:
        listing = list_source(fetcher, source["url"], etag=validators["etag"],
                              last_modified=validators["last_modified"], poll=validators["poll_url"])
    except InputError as exc:
        result = _failure(source, f"[{exc.code}] {exc.message}")
        _record(store, source, result, fetcher, before)
        return result
    result = {"source": source["id"], "url": source["url"], "status": "200", "new": 0, "duplicates": 0,
              "failed": []}
    if listing.fetched.not_modified:
        result["status"] = "304"
        _record(store, source, result, fetcher, before)
        return result
    unseen = listing.entries if listing.kind == "page" else _unseen(store, source["id"], listing.entries)
    entries = unseen[:limit]
    if listing.article is not None:
        items = iter([(listing.entries[0].name, listing.article)])
    else:
        items = read_entries(fetcher, entries)
    read: set[str] = set()
    summary = store_items(store, _until(items, stop, read), processes=processes, batch_size=BATCH, pool=pool)
    failed = {f["input"] for f in summary["failed"]}
    _remember(store, source["id"], [e for e in entries if e.name in read], failed)
    result.update(new=summary["new"], duplicates=summary["duplicates"], failed=summary["failed"])
    whole = len(read) == len(unseen)  # else keep the old validators: the next poll must list the rest again
    _record(store, source, result, fetcher, before, listing=listing, validators=whole)
    return result


def _until(items, stop: threading.Event | None, read: set[str]):
    """The items, until ``stop`` is set; the names handed on are added to ``read``."""
    for name, item in items:
        if stop is not None and stop.is_set():
            return
        read.add(name)
        yield name, item


def watch(store: Store, fetcher: Fetcher, *, once: bool = False, stop: threading.Event | None = None,
          report: Callable[[dict], None] | None = None, processes: int = 1, limit: int = 100,
          idle: float = 60.0) -> list[dict]:
    """Poll due sources until ``stop`` is set (or once, with ``once``); ``report`` hears each poll's result.
    Sleeps until the next source is due (at most ``idle`` seconds between looks at the store, so a source
    added meanwhile is polled soon). The results of every poll, in order."""
    from newsdesk.desk.ingest import analysis_pool

    stop = stop or threading.Event()
    results: list[dict] = []
    while not stop.is_set():
        due = due_sources(store)
        with analysis_pool(processes if due else 1) as pool:  # one pool for all the sources due now
            results += _poll_all(store, due, fetcher, stop, report, processes, limit, pool)
        if once:
            break
        stop.wait(_seconds_to_next(store, idle))
    return results


def _poll_all(store: Store, due: list[dict], fetcher: Fetcher, stop: threading.Event,
              report: Callable[[dict], None] | None, processes: int, limit: int, pool) -> list[dict]:
    results = []
    for source in due:
        if stop.is_set():
            break
        try:
            result = poll(store, source, fetcher, processes=processes, limit=limit, pool=pool, stop=stop)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug on one source: said on its record, the others polled
            result = _failure(source, f"internal error ({type(exc).__name__}: {exc})")
            _record(store, source, result, fetcher, (fetcher.requests, fetcher.bytes))
        results.append(result)
        if report:
            report(result)
    return results


def _failure(source: dict, reason: str) -> dict:
    """The result of a poll that could not list the source."""
    return {"source": source["id"], "url": source["url"], "status": "error", "new": 0, "duplicates": 0,
            "failed": [{"input": source["url"], "reason": reason}]}


# ---- bookkeeping ---------------------------------------------------------------------------------------------


def _unseen(store: Store, source_id: int, entries: list[Entry]) -> list[Entry]:
    """The entries this source has not brought yet (nor any other way: an article with that URL is stored)."""
    rows = store.execute("SELECT url, tries, done FROM source_items WHERE source_id = ?", (source_id,)).fetchall()
    known = {r["url"]: (r["tries"], r["done"]) for r in rows}
    fresh = []
    for entry in entries:
        tries, done = known.get(entry.name, (0, 0))
        if done or tries >= MAX_TRIES:
            continue
        if entry.url and store.execute("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (entry.url,)).fetchone():
            _remember(store, source_id, [entry], set())
            continue
        fresh.append(entry)
    return list({e.name: e for e in fresh}.values())


def _remember(store: Store, source_id: int, entries: list[Entry], failed: set[str]) -> None:
    stamp = now()
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO source_items (source_id, url, seen_at, tries, done) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (source_id, url) DO UPDATE "
            "SET tries = source_items.tries + excluded.tries, done = excluded.done",
            [(source_id, e.name, stamp, int(e.name in failed), int(e.name not in failed)) for e in entries])


def _record(store: Store, source: dict, result: dict, fetcher: Fetcher, before: tuple[int, int],
            listing=None, validators: bool = True) -> None:
    result["requests"] = fetcher.requests - before[0]
    result["bytes"] = fetcher.bytes - before[1]
    stamp = datetime.now(UTC)
    fields = {"last_poll": stamp.isoformat(timespec="seconds"),
              "next_poll": (stamp + timedelta(seconds=source["every"])).isoformat(timespec="seconds"),
              "last_status": result["status"], "last_new": result["new"],
              "last_error": json.dumps(result["failed"], ensure_ascii=False) if result["failed"] else None}
    if listing is not None:
        fields.update(kind=source["kind"] or listing.kind, poll_url=listing.polled)
        if validators:
            fields.update(etag=listing.fetched.etag, last_modified=listing.fetched.last_modified)
    sets = ", ".join(f"{k} = ?" for k in fields)
    with store.transaction() as db:
        db.execute(f"UPDATE sources SET {sets}, total_new = total_new + ? WHERE id = ?",
                   (*fields.values(), result["new"], source["id"]))


def _seconds_to_next(store: Store, idle: float) -> float:
    row = store.execute("SELECT min(next_poll) FROM sources").fetchone()
    if not row or row[0] is None:
        return idle
    wait = (datetime.fromisoformat(row[0]) - datetime.now(UTC)).total_seconds()
    return min(max(wait, 0.5), idle)


def _as_dict(row) -> dict:
    out = dict(row)
    out["every_text"] = every_text(out["every"])
    out["last_error"] = json.loads(out["last_error"]) if out.get("last_error") else []
    return out
