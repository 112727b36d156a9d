"""A corpus for analysts: many articles analysed, written as Parquet tables that pandas, DuckDB or Spark read.

    newsdesk batch INPUT… --out DIR [--processes N] [--dask local | --scheduler tcp://HOST:8786]

Inputs are what ``ingest`` takes (files, folders, JSONL, feeds, http(s) URLs); nothing is stored on the desk and
no copy is skipped: every readable article is analysed once. ``DIR`` receives one file a table, each row keyed by
the article's ``article_id`` (``newsdesk.analysis/1``'s ``article.id``):

* ``articles.parquet`` — source, url, headline, standfirst, byline, published, publisher, language, wire, text,
  words, notes;
* ``entities.parquet`` — entity (its id in the article), name, type, roles, mentions;
* ``quotes.parquet`` — text, kind, cue, start, end, speaker, speaker_entity;
* ``quantities.parquet`` — value, unit, qualifier, kind, text, start, end;
* ``dates.parquet`` — text, value, granularity, start, end;
* ``key_points.parquet`` — rank, text, method;
* ``events.parquet`` — event, type, subtype, plover, acled, date, granularity, actor, target, location, country,
  killed, wounded, summary, confidence;
* ``weapons.parquet`` — event, kind, model, launched, intercepted, lost, qualifier;
* ``failures.parquet`` — input, reason (what could not be read or analysed, as ingest lists it).

The schemas are fixed (``SCHEMAS``), so a table has its columns and types even when it has no rows; rows are
written as articles come back (``pyarrow``'s ``ParquetWriter``, ``FLUSH_EVERY`` articles a row group), so memory
stays flat however large the corpus. A table file is written under a temporary name and moved into place when
complete: a run stopped half-way leaves the previous files (or none), never half a table.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path

from newsdesk.errors import BadOption, InputEmpty, InputError, MissingDependency
from newsdesk.schema import Article

FLUSH_EVERY = 200
TABLES = ("articles", "entities", "quotes", "quantities", "dates", "key_points", "events", "weapons", "failures")


def _schemas():
    import pyarrow as pa

    s, i, f, strs = pa.string(), pa.int64(), pa.float64(), pa.list_(pa.string())
    key = [("article_id", s)]
    return {
        "articles": pa.schema(key + [("source", s), ("url", s), ("headline", s), ("standfirst", s), ("byline", s),
                                     ("published", s), ("publisher", s), ("language", s), ("wire", strs),
                                     ("text", s), ("words", i), ("notes", strs)]),
        "entities": pa.schema(key + [("entity", s), ("name", s), ("type", s), ("roles", strs), ("mentions", i)]),
        "quotes": pa.schema(key + [("text", s), ("kind", s), ("cue", s), ("start", i), ("end", i), ("speaker", s),
                                   ("speaker_entity", s)]),
        "quantities": pa.schema(key + [("value", f), ("unit", s), ("qualifier", s), ("kind", s), ("text", s),
                                       ("start", i), ("end", i)]),
        "dates": pa.schema(key + [("text", s), ("value", s), ("granularity", s), ("start", i), ("end", i)]),
        "key_points": pa.schema(key + [("rank", i), ("text", s), ("method", s)]),
        "events": pa.schema(key + [("event", s), ("type", s), ("subtype", s), ("plover", s), ("acled", s),
                                   ("date", s), ("granularity", s), ("actor", s), ("target", s), ("location", s),
                                   ("country", s), ("killed", f), ("wounded", f), ("summary", s),
                                   ("confidence", f)]),
        "weapons": pa.schema(key + [("event", s), ("kind", s), ("model", s), ("launched", f), ("intercepted", f),
                                    ("lost", f), ("qualifier", s)]),
        "failures": pa.schema([("input", s), ("reason", s)]),
    }


def rows_of(analysis: dict, source: str) -> dict[str, list[dict]]:
    """The rows each table gets from one article's ``newsdesk.analysis/1`` dict."""
    art = analysis["article"]
    key = {"article_id": art["id"]}
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    out["articles"].append({**key, "source": source, "url": art.get("url"), "headline": art.get("headline"),
                            "standfirst": art.get("standfirst"), "byline": art.get("byline"),
                            "published": art.get("published"), "publisher": art.get("publisher"),
                            "language": art.get("language"), "wire": art.get("wire") or [], "text": art.get("text"),
                            "words": len((art.get("text") or "").split()), "notes": analysis.get("notes") or []})
    out["entities"] = [{**key, "entity": e["id"], "name": e["name"], "type": e["type"], "roles": e.get("roles") or [],
                        "mentions": len(e.get("mentions") or [])} for e in analysis.get("entities") or []]
    out["quotes"] = [{**key, "text": q["text"], "kind": q.get("kind"), "cue": q.get("cue"), "start": q.get("start"),
                      "end": q.get("end"), "speaker": (q.get("speaker") or {}).get("name"),
                      "speaker_entity": (q.get("speaker") or {}).get("entity")} for q in analysis.get("quotes") or []]
    out["quantities"] = [{**key, **{k: q.get(k) for k in ("value", "unit", "qualifier", "kind", "text", "start",
                                                          "end")}} for q in analysis.get("quantities") or []]
    out["dates"] = [{**key, **{k: d.get(k) for k in ("text", "value", "granularity", "start", "end")}}
                    for d in analysis.get("dates") or []]
    out["key_points"] = [{**key, "rank": n, "text": p["text"], "method": p.get("method")}
                         for n, p in enumerate(analysis.get("key_points") or [], 1)]
    for ev in analysis.get("events") or []:
        when, place, hurt = ev.get("date") or {}, ev.get("location") or {}, ev.get("casualties") or {}
        out["events"].append({
            **key, "event": ev["id"], "type": ev.get("type"), "subtype": ev.get("subtype"), "plover": ev.get("plover"),
            "acled": ev.get("acled"), "date": when.get("value"), "granularity": when.get("granularity"),
            "actor": (ev.get("actor") or {}).get("name"), "target": (ev.get("target") or {}).get("name"),
            "location": place.get("name"), "country": place.get("country"),
            "killed": (hurt.get("killed") or {}).get("value"), "wounded": (hurt.get("wounded") or {}).get("value"),
            "summary": ev.get("summary"), "confidence": ev.get("confidence")})
        out["weapons"] += [{**key, "event": ev["id"], **{k: w.get(k) for k in ("kind", "model", "launched",
                                                                               "intercepted", "lost", "qualifier")}}
                           for w in ev.get("weapons") or []]
    return out


class _Tables:
    """One Parquet writer a table, each writing to a temporary file moved into place by ``close``."""

    def __init__(self, out: Path) -> None:
        import pyarrow.parquet as pq

        self.out, self.schemas = out, _schemas()
        self.writers = {name: pq.ParquetWriter(out / f".{name}.parquet.part", schema)
                        for name, schema in self.schemas.items()}
        self.pending: dict[str, list[dict]] = {name: [] for name in TABLES}
        self.counts = dict.fromkeys(TABLES, 0)

    def add(self, rows: dict[str, list[dict]]) -> None:
        for name, more in rows.items():
            self.pending[name] += more
            self.counts[name] += len(more)

    def flush(self) -> None:
        import pyarrow as pa

        for name, rows in self.pending.items():
            if rows:
                self.writers[name].write_table(pa.Table.from_pylist(rows, schema=self.schemas[name]))
            self.pending[name] = []

    def close(self, complete: bool) -> None:
        if complete:
            self.flush()
        for name, writer in self.writers.items():
            writer.close()
            part = self.out / f".{name}.parquet.part"
            if complete:
                os.replace(part, self.out / f"{name}.parquet")
            else:
                part.unlink(missing_ok=True)


def batch(inputs: Iterable[str | Path], out: str | Path, *, processes: int = 1, fetcher=None,
          scheduler: str | None = None, progress: Callable[[int], None] | None = None) -> dict:
    """Analyse every article of ``inputs`` and write the tables into ``out``:
    ``{"out", "articles", "failed": [{"input", "reason"}], "rows": {table: n}}``.

    ``scheduler``: ``"local"`` runs the analyses on a Dask ``LocalCluster`` of ``processes`` workers, an address
    (``tcp://HOST:8786``) on that Dask cluster; else on ``processes`` local processes (``ingest``'s pool)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise MissingDependency("pyarrow is not installed (newsdesk batch writes Parquet)",
                                install="pip install 'newsdesk[batch]'") from exc
    from newsdesk.desk.ingest import Job

    if processes < 1:
        raise BadOption(f"processes must be at least 1, not {processes}", source="--processes")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise BadOption("is a file, not a folder", source=str(out))
    out.mkdir(parents=True, exist_ok=True)
    failed: list[dict] = []
    tables = _Tables(out)
    done = 0
    complete = False
    try:
        jobs = (Job(seq, name, article, "", None) for seq, (name, article) in enumerate(_articles(inputs, fetcher,
                                                                                                   failed)))
        for job, result in _results(jobs, scheduler, processes):
            if isinstance(result, str):
                failed.append({"input": job.source, "reason": result})
                continue
            tables.add(rows_of(result, job.source))
            done += 1
            if progress:
                progress(done)
            if done % FLUSH_EVERY == 0:
                tables.flush()
        tables.add({"failures": [{"input": f["input"], "reason": f["reason"]} for f in failed]})
        complete = True
    finally:
        tables.close(complete)
    return {"out": str(out), "articles": done, "failed": failed, "rows": tables.counts}


def _results(jobs: Iterator, scheduler: str | None, processes: int) -> Iterator[tuple]:
    """Each job with its analysis, in order: on ``processes`` local processes, or on a Dask cluster
    (``newsdesk.cluster``: batches of eight, two a worker at a time, a lost worker's batch run again)."""
    from newsdesk.desk.ingest import _analysed

    if not scheduler:
        yield from _analysed(jobs, processes, 8)
        return
    from newsdesk.cluster import dask_pool

    with dask_pool(scheduler, processes) as pool:
        yield from _analysed(jobs, pool.workers, 8, pool)


def _articles(inputs: Iterable[str | Path], fetcher, failed: list[dict]) -> Iterator[tuple[str, Article]]:
    """The readable articles of the inputs, in order (files, then URLs); the others go to ``failed`` as ingest
    lists them."""
    from newsdesk.desk.inputs import expand, fetch_inputs, is_url, read_inputs

    def fail(name: str, exc: InputError) -> None:
        failed.append({"input": name, "reason": f"[{exc.code}] {exc.message}"})

    inputs = list(inputs)
    files, missing = expand(p for p in inputs if not is_url(str(p)))
    for name, why in missing:
        fail(name, why)
    urls = [str(p) for p in inputs if is_url(str(p))]
    read = chain((item for path in files for item in read_inputs(path)), fetch_inputs(urls, fetcher) if urls else ())
    for name, article in read:
        if isinstance(article, InputError):
            fail(name, article)
        elif not article.text.strip():
            fail(name, InputEmpty("no article text found"))
        else:
            yield name, article
