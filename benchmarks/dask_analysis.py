"""The analyses on a Dask LocalCluster of two workers beside two local processes: articles/s and memory per worker.

    .venv/bin/python benchmarks/dask_analysis.py [--repeat 4] [--workers 2] [--json PATH]

Two runs of each kind, same inputs, one after the other:

* ``batch``: the 150 CNN/DailyMail articles of ../shared/eval/cnndm/dev.jsonl, ``--repeat`` times (every input is
  analysed: batch keeps no desk and skips no copy), written as Parquet tables — with ``--processes 2`` and with
  ``--dask local --processes 2``. The resident memory of each analysis worker (a process of 300 MB or more among
  the driver's descendants: the pool's workers, or Dask's worker processes under their nannies) is sampled at
  25/50/100 % of the inputs: flat as the count grows, or not.
* ``ingest``: the same 150 articles once into a fresh SQLite desk (all new: analysed and stored), local processes
  beside ``--dask local``.

The cluster's start (and each worker's first model load) is inside the timed run, as a user sees it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "cnndm" / "dev.jsonl"
WORKER_MB = 300  # a descendant this large holds the language model: an analysis worker


def write_inputs(folder: Path, repeat: int) -> int:
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = 0
    for r in range(repeat):
        for rec in records:
            text = rec["article"].strip()
            (folder / f"{r}-{rec['id']}.txt").write_text(f"{text.split('. ')[0][:120]}\n\n{text}\n", encoding="utf-8")
            n += 1
    return n


def worker_rss_mb() -> list[float]:
    """RSS (MB) of each analysis worker among this process's descendants, largest first."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            status = (Path("/proc") / str(pid) / "status").read_text()
        except OSError:
            continue
        rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0) / 1024
        if rss >= WORKER_MB:
            found.append(round(rss, 1))
    return sorted(found, reverse=True)


def run_batch(folder: Path, out: Path, count: int, workers: int, scheduler: str | None) -> dict:
    from newsdesk.batch import batch

    marks = sorted({count // 4, count // 2, count})
    samples: list[dict] = []
    start = time.perf_counter()

    def progress(done: int) -> None:
        if marks and done >= marks[0]:
            marks.pop(0)
            samples.append({"articles": done, "seconds": round(time.perf_counter() - start, 1),
                            "workers_mb": worker_rss_mb()})

    summary = batch([folder], out, processes=workers, scheduler=scheduler, progress=progress)
    seconds = time.perf_counter() - start
    return {"mode": "dask local" if scheduler else "processes", "articles": summary["articles"],
            "failed": len(summary["failed"]), "seconds": round(seconds, 1),
            "articles_per_s": round(summary["articles"] / seconds, 2), "memory": samples}


def run_ingest(folder: Path, db: Path, workers: int, scheduler: str | None) -> dict:
    from newsdesk.desk import Desk

    start = time.perf_counter()
    with Desk(db) as desk:
        summary = desk.ingest([folder], processes=workers, scheduler=scheduler)
    seconds = time.perf_counter() - start
    return {"mode": "dask local" if scheduler else "processes", "new": summary["new"],
            "failed": len(summary["failed"]), "seconds": round(seconds, 1),
            "articles_per_s": round(summary["new"] / seconds, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=4, help="times the 150 articles are given to batch")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"dask_analysis: {DATA} not found (clone ../shared beside the repo)", file=sys.stderr)
        return 2
    from newsdesk.language.nlp import load_nlp

    load_nlp()  # the local pool forks from a loaded model; Dask's workers load their own (timed)
    with tempfile.TemporaryDirectory(prefix="newsdesk-dask-") as tmp:
        many, once = Path(tmp) / "many", Path(tmp) / "once"
        many.mkdir()
        once.mkdir()
        count = write_inputs(many, args.repeat)
        write_inputs(once, 1)
        batches = [run_batch(many, Path(tmp) / f"out-{mode}", count, args.workers, scheduler)
                   for mode, scheduler in (("processes", None), ("dask", "local"))]
        ingests = [run_ingest(once, Path(tmp) / f"desk-{mode}.sqlite", args.workers, scheduler)
                   for mode, scheduler in (("processes", None), ("dask", "local"))]
    ratio = round(batches[1]["articles_per_s"] / batches[0]["articles_per_s"], 2)
    ingest_ratio = round(ingests[1]["articles_per_s"] / ingests[0]["articles_per_s"], 2)
    print(f"batch of {count} CNN/DailyMail articles, {args.workers} workers:")
    for b in batches:
        mem = " → ".join(f"{max(s['workers_mb'] or [0]):.0f} MB at {s['articles']}" for s in b["memory"])
        print(f"  {b['mode']:>10}: {b['articles_per_s']:.2f} articles/s ({b['seconds']} s, {b['failed']} failed); "
              f"largest worker {mem}")
    print(f"  dask local / processes: {ratio:.2f}×")
    print(f"ingest of {ingests[0]['new']} new articles into a fresh SQLite desk:")
    for i in ingests:
        print(f"  {i['mode']:>10}: {i['articles_per_s']:.2f} articles/s ({i['seconds']} s, {i['failed']} failed)")
    print(f"  dask local / processes: {ingest_ratio:.2f}×")
    if args.json:
        write_figures(args.json, {"workers": args.workers, "batch_articles": count, "batch": batches,
                                  "ingest": ingests, "ratio": ratio, "ingest_ratio": ingest_ratio})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
