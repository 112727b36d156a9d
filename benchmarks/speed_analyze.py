"""Speed of ``analyze_many`` beside the bare spaCy parse of the same texts, same run.

    .venv/bin/python benchmarks/speed_analyze.py [--limit N] [--json PATH]

Data: the 150 CNN/DailyMail articles of ../shared/eval/cnndm/dev.jsonl (field "article").
Goal (issue 3): >= 6 articles/s on 2 cores; the whole analysis <= 2x the parse alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "cnndm" / "dev.jsonl"


def load_texts(limit: int | None) -> list[str]:
    with DATA.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["article"] for line in fh if line.strip()]
    return texts[:limit] if limit else texts


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"speed_analyze: {DATA} not found (clone ../shared beside the repo)", file=sys.stderr)
        return 2

    from newsdesk import analyze_many
    from newsdesk.language.nlp import load_nlp

    texts = load_texts(args.limit)
    nlp = load_nlp()
    list(nlp.pipe(texts[:5]))  # warm-up: model loaded and caches filled before any clock starts
    rows = []
    for processes in (1, 2):
        parse = timed(lambda p=processes: list(nlp.pipe(texts, batch_size=8, n_process=p)))
        ours = timed(lambda p=processes: list(analyze_many(texts, processes=p)))
        rows.append({
            "processes": processes, "articles": len(texts),
            "parse_s": round(parse, 2), "analyze_s": round(ours, 2),
            "parse_articles_per_s": round(len(texts) / parse, 2),
            "analyze_articles_per_s": round(len(texts) / ours, 2),
            "ratio_to_parse": round(ours / parse, 2),
        })
    print(f"{'processes':>9} {'articles':>8} {'spaCy parse':>12} {'analyze_many':>13} {'art/s':>7} {'× parse':>8}")
    for r in rows:
        print(f"{r['processes']:>9} {r['articles']:>8} {r['parse_s']:>11.2f}s {r['analyze_s']:>12.2f}s "
              f"{r['analyze_articles_per_s']:>7.2f} {r['ratio_to_parse']:>8.2f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"benchmark": "speed_analyze", "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
