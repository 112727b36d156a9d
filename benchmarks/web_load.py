"""A bounded load on the HTTP API over loopback: ``POST /v1/analyze`` requests, a few at once.

    .venv/bin/python benchmarks/web_load.py [--requests 2000] [--concurrency 8] [--json PATH]

Starts ``newsdesk serve`` (uvicorn, one process) on a free loopback port over a temp store, waits for it,
sends a few warm-up requests (the language model loads on the first), then ``--requests`` analyses from
``--concurrency`` clients at once (httpx, one connection each). The articles are the 150 CNN/DailyMail
articles of ../shared/eval/cnndm/dev.jsonl (read in place; skipped with a message when absent) and our
own examples/ (*.txt, events/*.txt), in a seeded shuffle, each with a publication date.

Prints requests/s, latency p50/p95/p99/max (ms), errors (any status but 200, or a failed request: must
be 0) and the load average of the machine before and after (``os.getloadavg``): on a shared machine the
figures move with it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "cnndm" / "dev.jsonl"
EXAMPLES = REPO / "examples"
WARMUP = 4


def articles() -> list[dict]:
    """Request bodies: the CNN/DM dev articles (when present) and our examples."""
    bodies: list[dict] = []
    if DATA.is_file():
        with DATA.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                bodies.append({"text": record["article"], "url": record.get("url"), "published": "2015-04-03"})
    else:
        print(f"web_load: {DATA} not found: CNN/DailyMail articles skipped, our examples only", file=sys.stderr)
    for path in sorted(EXAMPLES.glob("*.txt")) + sorted((EXAMPLES / "events").glob("*.txt")):
        bodies.append({"text": path.read_text(encoding="utf-8"), "published": "2025-07-09"})
    random.Random(7).shuffle(bodies)
    return bodies


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(store: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "newsdesk.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--db", str(store), "--log-level", "warning"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"web_load: the server did not start: {server.stderr.read().strip()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("web_load: the server did not answer within 60 s")


async def run_load(base: str, bodies: list[dict], requests: int, concurrency: int) -> dict:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    queue: asyncio.Queue[dict] = asyncio.Queue()
    for number in range(requests):
        queue.put_nowait(bodies[number % len(bodies)])

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120) as http:
            while True:
                try:
                    body = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                began = time.perf_counter()
                try:
                    response = await http.post("/v1/analyze", json=body)
                    if response.status_code != 200:
                        errors.append(f"{response.status_code}: {response.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                latencies.append(time.perf_counter() - began)

    async with httpx.AsyncClient(base_url=base, timeout=120) as http:  # the model loads on the first request
        for body in bodies[:WARMUP]:
            (await http.post("/v1/analyze", json=body)).raise_for_status()
    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    return {"elapsed_s": elapsed, "latencies": latencies, "errors": errors}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--json", type=Path, help="Write the figures as JSON to this file.")
    args = parser.parse_args()
    if args.requests < 1 or args.concurrency < 1:
        parser.error("--requests and --concurrency must be at least 1")
    bodies = articles()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="newsdesk-web-load-") as tmp:
        port = free_port()
        server = start_server(Path(tmp) / "desk.sqlite", port)
        try:
            result = asyncio.run(run_load(f"http://127.0.0.1:{port}", bodies, args.requests, args.concurrency))
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    load_after = os.getloadavg()
    ms = [s * 1000 for s in result["latencies"]]
    words = statistics.mean(len(b["text"].split()) for b in bodies)
    figures = {
        "benchmark": "web_load", "endpoint": "POST /v1/analyze", "requests": args.requests,
        "concurrency": args.concurrency, "articles": len(bodies), "mean_words": round(words),
        "cnndm": DATA.is_file(), "elapsed_s": round(result["elapsed_s"], 1),
        "requests_per_s": round(args.requests / result["elapsed_s"], 2),
        "latency_ms": {"p50": round(percentile(ms, 50)), "p95": round(percentile(ms, 95)),
                       "p99": round(percentile(ms, 99)), "max": round(max(ms)), "mean": round(statistics.mean(ms))},
        "errors": len(result["errors"]), "error_samples": result["errors"][:5],
        "loadavg_before": [round(x, 2) for x in load_before], "loadavg_after": [round(x, 2) for x in load_after],
        "cpus": os.cpu_count(), "server": "newsdesk serve (uvicorn, 1 process, FastAPI thread pool)",
    }
    lat = figures["latency_ms"]
    print(f"POST /v1/analyze × {args.requests}, {args.concurrency} at once, {len(bodies)} articles "
          f"(mean {figures['mean_words']} words){'' if figures['cnndm'] else ', CNN/DM absent'}")
    print(f"  {figures['requests_per_s']} requests/s over {figures['elapsed_s']} s; latency ms p50 {lat['p50']} · "
          f"p95 {lat['p95']} · p99 {lat['p99']} · max {lat['max']}; errors {figures['errors']}")
    print(f"  load average before {figures['loadavg_before']}, after {figures['loadavg_after']} "
          f"({figures['cpus']} CPUs, shared)")
    for sample in figures["error_samples"]:
        print(f"  error: {sample}")
    if args.json:
        write_figures(args.json, figures)
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
