"""Writes over HTTP: articles POSTed to ``newsdesk serve`` with reads mixed in, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/web_writes.py [--articles 120] [--reads 3] [--concurrency 4] [--postgres URL]
        [--json PATH]

Data: the first ``--articles`` CNN/DailyMail articles of ../shared/eval/cnndm/dev.jsonl, each POSTed once to
``/v1/articles`` (analysed and stored), and after each POST ``--reads`` reads (``/v1/search``, ``/v1/articles``,
``/v1/stats``, ``/v1/stories`` in turn) — all sent by ``--concurrency`` clients at once, into a fresh store per
run. The server is a real ``newsdesk serve`` on loopback: ``--workers 1`` and ``--workers 2`` on a SQLite file,
then ``--workers 2`` on a PostgreSQL database (``--postgres URL``, else a throw-away cluster: benchmarks/postgres.py).
Printed: requests/s, articles stored per second, latency p50/p95/p99 of writes and of reads, errors (goal 0),
and the ratios between the runs.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

import httpx
from figures import write_figures  # benchmarks/figures.py, beside this script
from postgres import postgres_database  # benchmarks/postgres.py

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "cnndm" / "dev.jsonl"


def bodies(count: int) -> list[dict]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines()[:count]:
        text = json.loads(line)["article"].strip()
        out.append({"text": f"{text.split('. ')[0][:120]}\n\n{text}"})
    return out


READS = ("/v1/search?q=police", "/v1/articles?limit=20", "/v1/stats", "/v1/stories?limit=20")


def run(workers: int, engine: str, posts: list[dict], reads: int, concurrency: int, postgres: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="newsdesk-writes-") as tmp, (
            postgres_database(postgres) if engine == "postgresql" else nullcontext(f"{tmp}/desk.sqlite")) as db:
        cmd = [sys.executable, "-m", "newsdesk.cli", "serve", "--port", "0", "--db", str(db),
               "--log-level", "warning", "--workers", str(workers)]
        server = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, cwd=REPO)
        try:
            base = "http://" + re.search(r"http://([\d.]+:\d+)/", server.stderr.readline())[1]
            _wait(base)
            httpx.post(f"{base}/v1/analyze", json={"text": "Warm up\n\nThe model loads on first use."}, timeout=120)
            if workers > 1:  # each worker loads the model on its first article: warm them all
                with ThreadPoolExecutor(workers * 2) as pool:
                    list(pool.map(lambda _: httpx.post(f"{base}/v1/analyze", json={"text": "Warm\n\nUp it goes."},
                                                       timeout=120), range(workers * 2)))
            load = [("write", body) for body in posts]
            load = [item for i, w in enumerate(load) for item in
                    [w, *(("read", READS[(i * reads + k) % len(READS)]) for k in range(reads))]]
            latencies: dict[str, list[float]] = {"write": [], "read": []}
            errors = 0

            def send(item: tuple[str, object]) -> None:
                nonlocal errors
                kind, what = item
                start = time.perf_counter()
                answer = (httpx.post(f"{base}/v1/articles", json=what, timeout=300) if kind == "write"
                          else httpx.get(f"{base}{what}", timeout=300))
                latencies[kind].append(time.perf_counter() - start)
                errors += answer.status_code not in (200, 201)

            start = time.perf_counter()
            with ThreadPoolExecutor(concurrency) as pool:
                list(pool.map(send, load))
            seconds = time.perf_counter() - start
            stats = httpx.get(f"{base}/v1/stats", timeout=30).json()
        finally:
            server.terminate()
            server.wait(timeout=60)
    out = {"engine": engine, "workers": workers, "seconds": round(seconds, 1), "requests": len(load),
           "requests_per_s": round(len(load) / seconds, 2), "articles_per_s": round(len(posts) / seconds, 2),
           "errors": errors, "stored": stats["articles"] + stats["duplicates"]}
    for kind, values in latencies.items():
        lat = sorted(values) or [0.0]
        out[kind] = {"p50_ms": round(statistics.median(lat) * 1000), "p95_ms": round(_pct(lat, 0.95) * 1000),
                     "p99_ms": round(_pct(lat, 0.99) * 1000)}
    return out


def _pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _wait(base: str) -> None:
    for _ in range(1200):
        try:
            if httpx.get(f"{base}/v1/stats", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"the server at {base} did not answer")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--reads", type=int, default=3, help="reads sent after each write")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--postgres", default=None, help="an empty PostgreSQL database's URL (else a throw-away one)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    posts = bodies(args.articles)
    rows = [run(workers, engine, posts, args.reads, args.concurrency, args.postgres)
            for engine, workers in (("sqlite", 1), ("sqlite", 2), ("postgresql", 2))]
    ratio = round(rows[1]["articles_per_s"] / rows[0]["articles_per_s"], 2)
    pg_ratio = round(rows[2]["requests_per_s"] / rows[1]["requests_per_s"], 2)
    print(f"POST /v1/articles × {len(posts)} (CNN/DailyMail) with {args.reads} reads after each, "
          f"{args.concurrency} clients at once")
    for r in rows:
        print(f"  {r['engine']}, --workers {r['workers']}: {r['requests_per_s']:.2f} requests/s, "
              f"{r['articles_per_s']:.2f} articles/s ({r['seconds']} s); writes p50/p95/p99 "
              f"{r['write']['p50_ms']}/{r['write']['p95_ms']}/{r['write']['p99_ms']} ms, reads "
              f"{r['read']['p50_ms']}/{r['read']['p95_ms']}/{r['read']['p99_ms']} ms; errors {r['errors']}, "
              f"stored {r['stored']}")
    print(f"  two workers / one (SQLite): {ratio:.2f}×; PostgreSQL / SQLite (two workers): {pg_ratio:.2f}×")
    if args.json:
        write_figures(args.json, {"articles": len(posts), "reads": args.reads, "concurrency": args.concurrency,
                                  "rows": rows, "ratio": ratio, "postgresql_vs_sqlite": pg_ratio})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
