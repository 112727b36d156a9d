"""Events read from our war reports against hand-made gold: precision, recall and F1 per field.

    .venv/bin/python benchmarks/events_eval.py [--json PATH] [--articles]

Two sets: ``dev`` — every page ``examples/events/<stem>.txt`` with a gold file
``tests/events/gold/<stem>.json``, which the rules were developed against — and ``heldout`` —
``examples/events/heldout/`` with ``tests/events/gold/heldout/``, written by another engineer who never
saw the extractor, and never tuned on (the honest figure). Each page goes
through ``newsdesk.analyze(page, published=gold["published"])``; its events are aligned to the gold
events and scored by ``newsdesk.events.evaluate.score`` (alignment, items per field and the
micro-averaging are written out there; the gold conventions in ``tests/events/gold/README.md``).
``--articles`` also prints, per page, how many events were predicted, expected and aligned.
Figures go to ``benchmarks/results/events_eval.json`` unless ``--json`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import newsdesk  # noqa: E402
from newsdesk.events.evaluate import FIELDS, compare, score  # noqa: E402

EXAMPLES = REPO / "examples" / "events"
GOLD = REPO / "tests" / "events" / "gold"
DEFAULT_JSON = REPO / "benchmarks" / "results" / "events_eval.json"


SETS = {"dev": (EXAMPLES, GOLD), "heldout": (EXAMPLES / "heldout", GOLD / "heldout")}


def load(examples: Path = EXAMPLES, gold_dir: Path = GOLD) -> list[tuple[Path, dict]]:
    """(page, gold) for every page that has a gold file, in name order."""
    out = []
    for page in sorted(examples.glob("*.txt")):
        gold_path = gold_dir / f"{page.stem}.json"
        if gold_path.is_file():
            out.append((page, json.loads(gold_path.read_text(encoding="utf-8"))))
    return out


def _cell(x: float | None) -> str:
    return "—" if x is None else f"{x:.1%}"


def _run(pages: list[tuple[Path, dict]], per_article: bool) -> dict:
    pairs = []
    t0 = time.perf_counter()
    for page, gold in pages:
        pairs.append((newsdesk.analyze(page, published=gold["published"]).events, gold))
    seconds = time.perf_counter() - t0
    result = score(pairs)

    print(f"events: {result['events']['predicted']} predicted, {result['events']['gold']} gold, "
          f"{result['events']['aligned']} aligned, over {result['articles']} articles")
    print(f"{'field':<14} {'pred':>5} {'gold':>5} {'right':>5} {'P':>7} {'R':>7} {'F1':>7}")
    rows = {**result["fields"], "overall": result["overall"]}
    for name, f in rows.items():
        print(f"{name:<14} {f['predicted']:>5} {f['gold']:>5} {f['correct']:>5} "
              f"{_cell(f['precision']):>7} {_cell(f['recall']):>7} {_cell(f['f1']):>7}")
    if per_article:
        print()
        for (page, gold), (predicted, _) in zip(pages, pairs, strict=True):
            cmp = compare(predicted, gold)
            print(f"  {page.stem}: {len(cmp['predicted'])} predicted, {len(cmp['gold'])} gold, "
                  f"{len(cmp['alignment'])} aligned")
    return {
        "articles": result["articles"],
        "events": result["events"],
        "fields": {name: result["fields"][name] for name in FIELDS},
        "overall": result["overall"],
        "seconds": round(seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="write the figures here")
    parser.add_argument("--articles", action="store_true", help="print event counts per page")
    args = parser.parse_args(argv)

    figures = {}
    for name, (examples, gold_dir) in SETS.items():
        pages = load(examples, gold_dir)
        if not pages:
            continue
        print(f"\n== {name} ({examples.relative_to(REPO)})")
        figures[name] = _run(pages, args.articles)
    if args.json:
        write_figures(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
