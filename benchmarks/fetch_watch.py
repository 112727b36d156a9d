"""Live sources: 50 feeds × 20 items served on loopback, polled by ``newsdesk watch``, beside plain ``ingest``
of the same pages saved as files.

    .venv/bin/python benchmarks/fetch_watch.py [--feeds 50] [--items 20] [--processes 2] [--json PATH]

Data, built in a temp dir: ``feeds × items`` real articles (PolNeAR's train and dev texts, then the CNN/DailyMail
articles of ../shared/eval/cnndm/dev.jsonl; the first paragraph of a PolNeAR text is its headline, a CNN/DM
article's first sentence stands for one), each as an HTML page, and one Atom feed per site listing 20 of them
with one-line summaries, so every item costs a page fetch. The pages and feeds are served by a threaded HTTP
server on 127.0.0.1 that answers conditional requests (ETag → 304); each feed is its own source.

Three runs, each into a fresh store except the last:

* ``ingest``: the same pages, from the temp dir (``Desk.ingest``: files, no network);
* first poll: ``watch --once`` over the feeds (``desk.sources.watch`` with the CLI's fetcher, concurrency 4,
  ``--delay 0``: one local server stands for 50 sites, so the per-host delay would only measure itself);
* second poll: every source again, nothing changed: requests, bytes and time (only 304s are expected).

Printed: articles/s of both, their ratio, and the second poll's requests, bytes and seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
EVAL = REPO.parent / "shared" / "eval"


def articles(count: int) -> list[tuple[str, str]]:
    """(headline, body) of ``count`` real articles."""
    found = []
    for split in ("train", "dev"):
        for path in sorted((EVAL / "polnear" / split / "text").glob("*.txt")):
            head, _, body = path.read_text(encoding="utf-8").strip().partition("\n\n")
            if body.strip():
                found.append((head.strip(), body.strip()))
    for line in (EVAL / "cnndm" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["article"].strip()
        found.append((text.split(". ")[0][:120], text))
    if len(found) < count:
        raise SystemExit(f"only {len(found)} articles in {EVAL}; ask for fewer (--feeds/--items)")
    return found[:count]


def page(headline: str, body: str) -> bytes:
    paras = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in body.split("\n") if p.strip())
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(headline)}</title>"
            f"<meta property='og:type' content='article'></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{html.escape(headline)}</h1>{paras}</article><footer>Site footer</footer></body></html>"
            ).encode()


def atom(base: str, site: int, items: list[tuple[int, str, str]]) -> bytes:
    entries = "".join(f"<entry><title>{html.escape(h)}</title><link href='{base}/s{site}/a{n}.html'/>"
                      f"<id>{base}/s{site}/a{n}.html</id><updated>2025-11-0{1 + n % 9}T06:00:00Z</updated>"
                      f"<summary>{html.escape(b[:100])}</summary></entry>" for n, h, b in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Site {site}</title><id>{base}/s{site}/</id><updated>2025-11-09T00:00:00Z</updated>"
            f"{entries}</feed>").encode()


class Server:
    """A loopback server of ``routes`` (path → bytes) that answers If-None-Match with 304; counts what it sends."""

    def __init__(self) -> None:
        self.routes: dict[str, bytes] = {}
        self.sent = {"requests": 0, "not_modified": 0, "bytes": 0}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                body = server.routes.get(self.path)
                server.sent["requests"] += 1
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == tag:
                    server.sent["not_modified"] += 1
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                kind = "application/atom+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", tag)
                self.end_headers()
                self.wfile.write(body)
                server.sent["bytes"] += len(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def reset(self) -> None:
        self.sent = {"requests": 0, "not_modified": 0, "bytes": 0}

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from newsdesk.desk import Desk
    from newsdesk.desk.sources import add_source, watch
    from newsdesk.fetch.client import Fetcher, Policy

    texts = articles(args.feeds * args.items)
    server = Server()
    with tempfile.TemporaryDirectory(prefix="newsdesk-fetch-bench-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for site in range(args.feeds):
            chunk = [(n, *texts[site * args.items + n]) for n in range(args.items)]
            for n, headline, body in chunk:
                data = page(headline, body)
                server.routes[f"/s{site}/a{n}.html"] = data
                (folder / f"s{site}-a{n}.html").write_bytes(data)
            server.routes[f"/s{site}/feed.xml"] = atom(server.base, site, chunk)
        total = args.feeds * args.items

        with Desk(Path(tmp) / "ingest.sqlite") as desk:
            start = time.perf_counter()
            plain = desk.ingest([folder], processes=args.processes)
            ingest_s = time.perf_counter() - start

        policy = Policy(allow_private=True, delay=0.0, concurrency=4)
        with Desk(Path(tmp) / "watch.sqlite") as desk, Fetcher(policy) as fetcher:
            for site in range(args.feeds):
                add_source(desk.store, f"{server.base}/s{site}/feed.xml", every="1s")
            server.reset()
            start = time.perf_counter()
            first = watch(desk.store, fetcher, once=True, processes=args.processes)
            first_s = time.perf_counter() - start
            first_sent = dict(server.sent)
            desk.store.execute("UPDATE sources SET next_poll = NULL")
            server.reset()
            start = time.perf_counter()
            second = watch(desk.store, fetcher, once=True, processes=args.processes)
            second_s = time.perf_counter() - start
            second_sent = dict(server.sent)
    server.close()

    new_first = sum(r["new"] for r in first)
    failed = [f for r in first for f in r["failed"]]
    ingest_rate, first_rate = plain["new"] / ingest_s, new_first / first_s
    figures = {
        "feeds": args.feeds, "items": args.items, "articles": total, "processes": args.processes,
        "ingest": {"seconds": round(ingest_s, 1), "new": plain["new"], "articles_per_s": round(ingest_rate, 2)},
        "first_poll": {"seconds": round(first_s, 1), "new": new_first, "failed": len(failed),
                       "articles_per_s": round(first_rate, 2), "requests": first_sent["requests"],
                       "bytes": first_sent["bytes"]},
        "second_poll": {"seconds": round(second_s, 2), "new": sum(r["new"] for r in second),
                        "requests": second_sent["requests"], "not_modified": second_sent["not_modified"],
                        "bytes": second_sent["bytes"], "statuses": sorted({r["status"] for r in second})},
        "first_poll_vs_ingest": round(first_rate / ingest_rate, 2),
    }
    print(f"{total} articles in {args.feeds} feeds × {args.items}, {args.processes} analysis processes")
    print(f"  ingest (files)     {plain['new']:5d} new in {ingest_s:6.1f} s = {ingest_rate:.2f} articles/s")
    print(f"  first poll (HTTP)  {new_first:5d} new in {first_s:6.1f} s = {first_rate:.2f} articles/s "
          f"({first_rate / ingest_rate:.2f}× ingest), {first_sent['requests']} requests, "
          f"{first_sent['bytes'] / 1e6:.1f} MB, {len(failed)} failed")
    print(f"  second poll        {figures['second_poll']['new']:5d} new in {second_s:6.2f} s, "
          f"{second_sent['requests']} requests ({second_sent['not_modified']} answered 304), "
          f"{second_sent['bytes']} bytes of bodies")
    for failure in failed[:5]:
        print(f"  failed: {failure['input']}: {failure['reason']}")
    if args.json:
        write_figures(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
