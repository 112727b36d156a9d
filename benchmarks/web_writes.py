"""Writes over HTTP: articles POSTed to ``newsdesk serve`` at once, with one server process and with two.

    .venv/bin/python benchmarks/web_writes.py [--articles 60] [--concurrency 4] [--json PATH]

Data: the first ``--articles`` CNN/DailyMail articles of ../shared/eval/cnndm/dev.jsonl, each POSTed once to
``/v1/articles`` (analysed and stored) by ``--concurrency`` clients at once, into a fresh store per run. The server
is a real ``newsdesk serve`` on loopback, started with ``--workers 1`` and then ``--workers 2`` (SQLite store, WAL).
Printed: articles stored per second, latency p50/p95, errors, and the ratio of two workers to one.
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
from pathlib import Path

import httpx
from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "cnndm" / "dev.jsonl"


def bodies(count: int) -> list[dict]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines()[:count]:
        text = json.loads(line)["article"].strip()
        out.append({"text": f"{text.split('. ')[0][:120]}\n\n{text}"})
    return out


def run(workers: int, posts: list[dict], concurrency: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="newsdesk-writes-") as tmp:
        cmd = [sys.executable, "-m", "newsdesk.cli", "serve", "--port", "0", "--db", f"{tmp}/desk.sqlite",
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
            latencies: list[float] = []
            errors = 0

            def post(body: dict) -> None:
                nonlocal errors
                start = time.perf_counter()
                answer = httpx.post(f"{base}/v1/articles", json=body, timeout=300)
                latencies.append(time.perf_counter() - start)
                errors += answer.status_code not in (200, 201)

            start = time.perf_counter()
            with ThreadPoolExecutor(concurrency) as pool:
                list(pool.map(post, posts))
            seconds = time.perf_counter() - start
            stats = httpx.get(f"{base}/v1/stats", timeout=30).json()
        finally:
            server.terminate()
            server.wait(timeout=60)
    lat = sorted(latencies)
    return {"workers": workers, "seconds": round(seconds, 1), "articles_per_s": round(len(posts) / seconds, 2),
            "p50_ms": round(statistics.median(lat) * 1000), "p95_ms": round(lat[int(0.95 * (len(lat) - 1))] * 1000),
            "errors": errors, "stored": stats["articles"] + stats["duplicates"]}


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
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    posts = bodies(args.articles)
    rows = [run(workers, posts, args.concurrency) for workers in (1, 2)]
    ratio = round(rows[1]["articles_per_s"] / rows[0]["articles_per_s"], 2)
    print(f"POST /v1/articles × {len(posts)} (CNN/DailyMail), {args.concurrency} at once, SQLite store")
    for r in rows:
        print(f"  --workers {r['workers']}: {r['articles_per_s']:.2f} articles/s ({r['seconds']} s), "
              f"p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, errors {r['errors']}, stored {r['stored']}")
    print(f"  two workers / one: {ratio:.2f}×")
    if args.json:
        write_figures(args.json, {"articles": len(posts), "concurrency": args.concurrency, "rows": rows,
                                  "ratio": ratio})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
