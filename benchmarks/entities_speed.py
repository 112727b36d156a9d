"""How long entity finding takes per article beside the spaCy parse it needs.

Reads the 150 CNN/DailyMail articles of ``../shared/eval/cnndm/dev.jsonl`` (public data beside the
checkout) and prints a table: parse alone, entities alone, and their ratio. The analysis budget is
the whole analysis within 2x the parse, so entities should stay well under 10% of it.

    python benchmarks/entities_speed.py [path/to/dev.jsonl] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

from newsdesk.language.entities import find_entities
from newsdesk.language.nlp import load_nlp

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/eval/cnndm/dev.jsonl"


def measure(path: Path) -> dict[str, float]:
    """Per-article seconds of the parse and of ``find_entities``, with totals and counts."""
    nlp = load_nlp()
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    nlp("warm up the pipeline.")
    parse: list[float] = []
    ents: list[float] = []
    found = mentions = tokens = 0
    for row in rows:
        t0 = time.perf_counter()
        doc = nlp(row["article"])
        t1 = time.perf_counter()
        entities = find_entities(doc)
        t2 = time.perf_counter()
        parse.append(t1 - t0)
        ents.append(t2 - t1)
        found += len(entities)
        mentions += sum(len(e.mentions) for e in entities)
        tokens += len(doc)
    return {"articles": len(rows), "tokens": tokens / len(rows), "parse_ms": 1000 * statistics.mean(parse),
            "entities_ms": 1000 * statistics.mean(ents), "entities_p95_ms": 1000 * sorted(ents)[int(0.95 * len(ents))],
            "ratio": sum(ents) / sum(parse), "entities": found / len(rows), "mentions": mentions / len(rows)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    r = measure(args.data)
    print(f"{'articles':>8} {'tokens':>7} {'parse ms':>9} {'entities ms':>12} {'p95 ms':>7} {'ratio':>6} "
          f"{'ents/art':>8} {'mentions/art':>12}")
    print(f"{r['articles']:>8} {r['tokens']:>7.0f} {r['parse_ms']:>9.1f} {r['entities_ms']:>12.2f} "
          f"{r['entities_p95_ms']:>7.2f} {r['ratio']:>6.1%} {r['entities']:>8.1f} {r['mentions']:>12.1f}")
    if args.json:
        write_figures(args.json, {"benchmark": "entities_speed", "data": str(args.data), **r})


if __name__ == "__main__":
    main()
