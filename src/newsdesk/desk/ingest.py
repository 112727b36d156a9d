"""Ingest: files, folders, JSONL and RSS/Atom feeds → analysed articles in the store, each copy once.

    read (main process) ─exact copy?→ skip ─near copy?→ link, no analysis
                        └→ analyse (a pool of processes) ─→ store (main process: one writer, one transaction each)

An exact copy (same ``content_hash`` of the text) is recognised before any analysis, so ingesting a
folder again costs little and adds nothing. A near copy (the same wire story with another outlet's
furniture and light edits, ``dedup.THRESHOLD``) is stored linked to its first copy
(``duplicate_of``) without an analysis of its own: it takes no part in stories, events or tallies.
Every other article is stored, with its events and story, in one transaction: a run killed at any
point leaves whole articles only, and running it again stores the rest.

An input that cannot be read (missing, binary, empty, a JSONL line that is not JSON …) is listed in
the summary with the reason and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.desk import dedup
from newsdesk.desk.inputs import expand, fetch_inputs, is_url, read_inputs
from newsdesk.desk.store import Store, content_hash
from newsdesk.errors import BadOption, InputError, StoreError
from newsdesk.schema import Analysis, Article

if TYPE_CHECKING:
    from newsdesk.fetch.client import Fetcher

Progress = Callable[[int, int | None], None]


def ingest(store: Store, paths: Iterable[str | Path], *, processes: int = 1, progress: Progress | None = None,
           batch_size: int = 8, fetcher: Fetcher | None = None, scheduler: str | None = None) -> dict:
    """Read, analyse and store every article under ``paths`` — files, folders, and ``http(s)://`` URLs of
    pages, feeds, sitemaps or home pages (``fetch.discover``), fetched with ``fetcher`` (else a default
    ``Fetcher``, which refuses private addresses):
    ``{"new", "duplicates", "failed": [{"input", "reason"}], "exact_copies", "near_copies"}``
    (``duplicates`` = exact copies, not stored again, + near copies, stored linked to their first copy).

    ``scheduler``: ``"local"`` analyses on a Dask ``LocalCluster`` of ``processes`` workers, an address
    (``tcp://HOST:8786``) on that Dask cluster (``newsdesk.cluster``); else on ``processes`` local processes.
    """
    paths = list(paths)
    urls = [str(p) for p in paths if is_url(str(p))]
    run = _Run(store, progress)
    files = run.expand([p for p in paths if not is_url(str(p))])
    items = _read_all(files, run)
    if urls:
        items = chain(items, _fetch_all(urls, fetcher, run))
    if scheduler:
        from newsdesk.cluster import dask_pool

        with dask_pool(scheduler, processes) as pool:
            return _store(run, items, pool.workers, batch_size, pool)
    return _store(run, items, processes, batch_size)


def store_items(store: Store, items: Iterable[tuple[str, Article | InputError]], *, processes: int = 1,
                progress: Progress | None = None, batch_size: int = 8, pool=None) -> dict:
    """Analyse and store articles already read (``(input name, Article or why it cannot be read)``), as
    ``ingest`` does; the live sources' poller hands its items here, with a ``pool`` of analysis processes
    (``analysis_pool``) kept over all the sources of a poll."""
    return _store(_Run(store, progress), items, processes, batch_size, pool)


def _store(run: _Run, items: Iterable[tuple[str, Article | InputError]], processes: int, batch_size: int,
           pool=None) -> dict:
    if processes < 1:
        raise BadOption(f"processes must be at least 1, not {processes}", source="--processes")
    for job, result in _analysed(run.jobs(items), processes, batch_size, pool):
        run.save(job, result)
    return run.summary()


@contextmanager
def analysis_pool(processes: int) -> Iterator[multiprocessing.pool.Pool | None]:
    """``processes`` analysis worker processes with the language model loaded (forked after loading it), or
    None for one process (the analysis runs in the caller's)."""
    if processes <= 1:
        yield None
        return
    from newsdesk.language.nlp import load_nlp

    ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    load_nlp()  # forked workers inherit the loaded model instead of loading it again
    with ctx.Pool(processes, initializer=_ignore_interrupts) as pool:
        yield pool


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it finishes the article being stored and stops)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# ---- reading ------------------------------------------------------------------------------------------


def _read_all(files: list[Path], run: _Run) -> Iterator[tuple[str, Article | InputError]]:
    for path in files:
        yield from read_inputs(path, on_count=run.add_expected)


def _fetch_all(urls: list[str], fetcher: Fetcher | None, run: _Run) -> Iterator[tuple[str, Article | InputError]]:
    run.expected += len(urls)
    return fetch_inputs(urls, fetcher, on_count=run.add_expected)


# ---- analysis ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Job:
    """One article on its way to the store."""

    seq: int
    source: str
    article: Article
    digest: str
    signature: np.ndarray | None
    size: int = 0  # distinct shingles (dedup.containment)
    first_copy: Hashable | None = None  # index key of the article this is a near copy of
    similarity: float | None = None


def _analysed(jobs: Iterator[Job], processes: int, batch_size: int,
              pool: multiprocessing.pool.Pool | None = None) -> Iterator[tuple[Job, dict | str]]:
    """Each job with its analysis (a dict) or why it failed (a str), in order. Near copies are not
    analysed; the others go to ``processes`` worker processes (``pool``, else one made for this run), a bounded
    number of chunks at a time (memory stays flat however many inputs there are)."""
    chunks = _chunks(jobs, batch_size)
    if pool is None and processes == 1:
        for chunk in chunks:
            yield from _merge(chunk, _analyse_chunk(_to_analyse(chunk)))
        return
    if pool is None:
        with analysis_pool(processes) as own:
            yield from _pipelined(chunks, own, processes)
    else:
        yield from _pipelined(chunks, pool, processes)


def _pipelined(chunks: Iterator[list[Job]], pool, processes: int) -> Iterator[tuple[Job, dict | str]]:
    pending: deque = deque()
    for chunk in chunks:
        pending.append((chunk, pool.apply_async(_analyse_chunk, (_to_analyse(chunk),))))
        if len(pending) > 2 * processes:
            done, result = pending.popleft()
            yield from _merge(done, result.get())
    while pending:
        done, result = pending.popleft()
        yield from _merge(done, result.get())


def _to_analyse(chunk: list[Job]) -> list[Article]:
    return [job.article for job in chunk if job.first_copy is None]


def _merge(chunk: list[Job], results: list[dict | str]) -> Iterator[tuple[Job, dict | str]]:
    analysed = iter(results)
    for job in chunk:
        yield job, (Analysis(article=job.article).to_dict() if job.first_copy is not None else next(analysed))


def _analyse_chunk(articles: list[Article]) -> list[dict | str]:
    """In a worker: the analyses of a chunk; one article's failure does not sink the others."""
    from newsdesk.pipeline import analyze_many

    try:
        return [r.to_dict() for r in analyze_many(articles)]
    except Exception:  # noqa: BLE001 - find which article failed, analyse the rest
        out: list[dict | str] = []
        for article in articles:
            try:
                out.extend(r.to_dict() for r in analyze_many([article]))
            except Exception as exc:  # noqa: BLE001 - reported in the summary, the run goes on
                out.append(f"analysis failed ({type(exc).__name__}: {exc})")
        return out


def _chunks(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= 8 * size or sum(j.first_copy is None for j in chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---- the run: duplicates, storing, the summary ------------------------------------------------------------


@dataclass
class _Run:
    store: Store
    progress: Progress | None = None
    new: int = 0
    exact: int = 0
    near: int = 0
    failed: list[dict] = field(default_factory=list)
    expected: int = 0
    index: dedup.NearDuplicateIndex = field(init=False)  # the store's first copies, and this run's
    in_flight: set[str] = field(default_factory=set)  # digests read but not stored yet
    rows: dict[int, int] = field(default_factory=dict)  # job seq → row id of first copies stored in this run
    others: dedup.NearDuplicateIndex | None = None  # first copies other writers stored since the run began
    seen: int = 0  # the newest article row id the run's indexes know

    def __post_init__(self) -> None:
        self.index, self.seen = dedup.caught_up(self.store, None, 0)
        own = {self.store.path.resolve()} if self.store.path is not None else set()
        self.own_files = own | {Path(f"{p}{s}") for p in own for s in ("-wal", "-shm", "-journal")}

    def expand(self, paths: Iterable[str | Path]) -> list[Path]:
        """The files under ``paths`` (folders recursively, hidden files and the store itself skipped)."""
        files, missing = expand(paths, skip=frozenset(self.own_files))
        for name, why in missing:
            self.fail(name, why)
        self.expected = len(files) + len(self.failed)
        self._tick()
        return files

    def add_expected(self, count: int) -> None:
        self.expected += count - 1

    def jobs(self, read: Iterable[tuple[str, Article | InputError]]) -> Iterator[Job]:
        """Jobs for the articles read: failures listed, exact copies counted, near copies marked."""
        for seq, (source, article) in enumerate(read):
            if isinstance(article, InputError):
                self.fail(source, article)
                continue
            digest = content_hash(article.text)
            if digest in self.in_flight or self.store.article_by_hash(digest) is not None:
                self.exact += 1
                self._tick()
                continue
            job = Job(seq, source, article, digest, *dedup.sketch(article.text))
            if job.signature is not None:
                match = self.index.best(job.signature, job.size)
                if match is not None:
                    job.first_copy, job.similarity = match[0], round(match[1], 4)
                else:
                    self.index.add(-seq - 1, job.signature, job.size)  # negative: not stored yet (see _row_of)
            self.in_flight.add(digest)
            yield job

    def save(self, job: Job, result: dict | str) -> None:
        self.in_flight.discard(job.digest)
        if isinstance(result, str):
            self.fail(job.source, result)
            return
        first = self._row_of(job.first_copy)
        if job.first_copy is not None and first is None:
            self.fail(job.source, "near copy of an article that could not be stored")
            return
        try:
            stored, first = self._insert(job, result, first)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - one article's failure is listed; the run goes on
            self.fail(job.source, f"could not be stored ({type(exc).__name__}: {exc})")
            return
        if stored is None:  # the same text was stored meanwhile by another writer: this run's copies point there
            self.exact += 1
            row = self.store.execute("SELECT id, duplicate_of FROM articles WHERE content_hash = ?",
                                     (job.digest,)).fetchone()
            if row is not None:
                self.rows[job.seq] = row["duplicate_of"] or row["id"]
        elif first is None:
            self.new += 1
            self.rows[job.seq] = stored
        else:
            self.near += 1
            self.rows[job.seq] = first  # a first copy for this run's index, stored as a near copy after all
        self._tick()

    def _insert(self, job: Job, analysis: dict, first: int | None) -> tuple[int | None, int | None]:
        """Store one article with its events and story in one transaction: its row id (None if the same text is
        there already) and the row it is a near copy of. A first copy is checked again, under the write lock,
        against the first copies other writers (processes, machines) stored since this run began: one stored
        meanwhile makes it a near copy after all, as if this run had seen it."""
        with self.store.transaction():
            if first is None and job.signature is not None and (match := self._stored_meanwhile(job)) is not None:
                first, job.similarity = match
                analysis = Analysis(article=job.article).to_dict()
            return insert_job(self.store, job, analysis, first), first

    def _stored_meanwhile(self, job: Job) -> tuple[int, float] | None:
        self.others, self.seen = dedup.caught_up(self.store, self.others, self.seen, skip=frozenset(self.rows.values()))
        match = self.others.best(job.signature, job.size)
        return (match[0], round(match[1], 4)) if match is not None else None

    def _row_of(self, key: Hashable | None) -> int | None:
        if key is None or (isinstance(key, int) and key > 0):
            return key
        return self.rows.get(-key - 1)

    def fail(self, source: str, reason: InputError | str) -> None:
        if isinstance(reason, InputError):
            reason = f"[{reason.code}] {reason.message}"
        self.failed.append({"input": source, "reason": reason})
        self._tick()

    def _tick(self) -> None:
        if self.progress:
            done = self.new + self.exact + self.near + len(self.failed)
            self.progress(done, max(self.expected, done))

    def summary(self) -> dict:
        return {"new": self.new, "duplicates": self.exact + self.near, "failed": self.failed,
                "exact_copies": self.exact, "near_copies": self.near}


def insert_job(store: Store, job: Job, analysis: dict, first: int | None) -> int | None:
    """Store one article with its events and story; call inside ``store.transaction()``. None if the same text
    was stored meanwhile (by another run or process)."""
    from newsdesk.desk.events import attach_events
    from newsdesk.desk.stories import assign_story

    if store.article_by_hash(job.digest) is not None:
        return None
    sig = dedup.to_bytes(job.signature) if job.signature is not None else None
    row = store.insert_article(analysis, source=job.source, digest=job.digest, signature=sig, duplicate_of=first,
                               similarity=job.similarity, shingle_count=job.size or None)
    if first is None:
        attach_events(store, row, analysis)
        assign_story(store, row, analysis)
    return row

