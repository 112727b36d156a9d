"""Speed of newsdesk's ``read_html`` beside plain ``trafilatura.extract`` on the same pages, same run.

    .venv/bin/python benchmarks/speed_read_html.py [--repeats N] [--data DIR] [--json PATH]

Data: the 181 pages of ../shared/eval/article-extraction (decompressed to ``str`` before any clock
starts). Both run in one process after a warm-up pass, interleaved page by page (so a busy machine
slows both alike); the figure is the median over repeats. ``read_html`` does more than ``extract``
(metadata, captions, sections, diagnostics).
Goal: ours <= 1.25x trafilatura's time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import trafilatura  # noqa: E402

from newsdesk.read.evaluate import load_pages, load_truth  # noqa: E402
from newsdesk.read.html import read_html  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "eval" / "article-extraction"
GOAL_RATIO = 1.25


def timed(fn: Callable[[str], object], pages: list[str]) -> float:
    start = time.perf_counter()
    for html in pages:
        fn(html)
    return time.perf_counter() - start


def interleaved(pages: list[str]) -> tuple[float, float]:
    """One pass over the pages, each read by trafilatura then by us: a busy machine slows both alike."""
    theirs = ours = 0.0
    clock = time.perf_counter
    for html in pages:
        start = clock()
        trafilatura.extract(html)
        middle = clock()
        read_html(html)
        theirs, ours = theirs + middle - start, ours + clock() - middle
    return theirs, ours


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"speed_read_html: {args.data} not found (clone ../shared beside the repo)", file=sys.stderr)
        return 2

    pages = list(load_pages(args.data, sorted(load_truth(args.data))).values())
    timed(trafilatura.extract, pages)  # warm-up: lazy imports, regex and stoplist caches
    timed(read_html, pages)
    theirs, ours = [], []
    for _ in range(args.repeats):
        t, o = interleaved(pages)
        theirs.append(t)
        ours.append(o)
    t_med, o_med = statistics.median(theirs), statistics.median(ours)
    ratio = o_med / t_med
    print(f"{len(pages)} pages, {args.repeats} repeats, one process (median seconds per pass)\n")
    print(f"{'reader':<34} {'median s':>9} {'min s':>7} {'max s':>7} {'ms/page':>8}")
    for label, runs in ((f"trafilatura {trafilatura.__version__} extract()", theirs), ("newsdesk read_html()", ours)):
        med = statistics.median(runs)
        print(f"{label:<34} {med:>9.2f} {min(runs):>7.2f} {max(runs):>7.2f} {1000 * med / len(pages):>8.1f}")
    verdict = "meets" if ratio <= GOAL_RATIO else "MISSES"
    print(f"\nratio newsdesk / trafilatura: {ratio:.2f}x ({verdict} the goal of <= {GOAL_RATIO}x)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "benchmark": "speed_read_html",
                    "pages": len(pages),
                    "repeats": args.repeats,
                    "trafilatura_s": [round(t, 3) for t in theirs],
                    "newsdesk_s": [round(t, 3) for t in ours],
                    "ratio": round(ratio, 3),
                    "goal_ratio": GOAL_RATIO,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
