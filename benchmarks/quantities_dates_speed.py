"""How long quantities and dates take per article beside the spaCy parse they need.

Reads the 150 CNN/DailyMail articles of ``../shared/eval/cnndm/dev.jsonl`` (public data beside the
checkout) and prints one table: the parse alone, ``find_quantities``, ``find_dates`` (cold: the first
pass, with ``dateparser``'s cache empty; warm: a second pass), and their share of the parse. The
analysis budget is the whole analysis within 2x the parse, so these two should stay a few percent.

    python benchmarks/quantities_dates_speed.py [path/to/dev.jsonl] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

from newsdesk.language.dates import find_dates, resolve_text
from newsdesk.language.nlp import load_nlp
from newsdesk.language.quantities import find_quantities

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/eval/cnndm/dev.jsonl"
PUBLISHED = date(2015, 4, 10)  # the data carries no dates; the CNN/DailyMail test set is from spring 2015


def _timed(fn, *args) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def measure(path: Path) -> dict[str, float]:
    """Per-article seconds of the parse, of quantities and of dates (cold and warm), with counts."""
    nlp = load_nlp()
    texts = [json.loads(line)["article"] for line in path.open(encoding="utf-8")]
    nlp("warm up the pipeline.")
    resolve_text.cache_clear()
    parse, docs = zip(*(_timed(nlp, text) for text in texts), strict=True)
    quantities, found_q = zip(*(_timed(find_quantities, doc) for doc in docs), strict=True)
    cold, found_d = zip(*(_timed(find_dates, doc, PUBLISHED) for doc in docs), strict=True)
    warm = [_timed(find_dates, doc, PUBLISHED)[0] for doc in docs]
    n = len(texts)
    return {"articles": n, "tokens": sum(len(d) for d in docs) / n, "parse_ms": 1000 * statistics.mean(parse),
            "quantities_ms": 1000 * statistics.mean(quantities), "dates_cold_ms": 1000 * statistics.mean(cold),
            "dates_warm_ms": 1000 * statistics.mean(warm),
            "ratio": (sum(quantities) + sum(cold)) / sum(parse),
            "quantities": sum(map(len, found_q)) / n, "dates": sum(map(len, found_d)) / n}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    r = measure(args.data)
    print(f"{'articles':>8} {'tokens':>7} {'parse ms':>9} {'quantities ms':>14} {'dates ms (cold)':>16} "
          f"{'dates ms (warm)':>16} {'q+d / parse':>12} {'qty/art':>8} {'dates/art':>9}")
    print(f"{r['articles']:>8} {r['tokens']:>7.0f} {r['parse_ms']:>9.1f} {r['quantities_ms']:>14.2f} "
          f"{r['dates_cold_ms']:>16.2f} {r['dates_warm_ms']:>16.2f} {r['ratio']:>12.1%} {r['quantities']:>8.1f} "
          f"{r['dates']:>9.1f}")
    if args.json:
        write_figures(args.json, {"benchmark": "quantities_dates_speed", "data": str(args.data), **r})


if __name__ == "__main__":
    main()
