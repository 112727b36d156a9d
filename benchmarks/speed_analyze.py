"""Speed of ``analyze_many`` beside the bare spaCy parse of the same texts, same run.

    .venv/bin/python benchmarks/speed_analyze.py [--limit N] [--json PATH]

Data: the 150 CNN/DailyMail articles of ../shared/eval/cnndm/dev.jsonl (field "article"). The data
carries no headlines and no line breaks; each text goes to ``analyze_many`` under a one-line headline
(``HEADLINE``), as a saved page would, because without one the saved-text reader may take the whole
one-line article for its headline and leave the body empty. ``coverage`` (characters of the
analysed bodies / characters of the articles) says how much of the text was really analysed.
Goal (issue 3): >= 6 articles/s on 2 cores; the whole analysis <= 2x the parse alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "cnndm" / "dev.jsonl"
HEADLINE = "Story from the CNN/DailyMail test set\n\n"


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
    inputs = [HEADLINE + text for text in texts]
    nlp = load_nlp()
    list(nlp.pipe(texts[:5]))  # warm-up: model loaded and caches filled before any clock starts
    rows = []
    for processes in (1, 2):
        parse = timed(lambda p=processes: list(nlp.pipe(texts, batch_size=8, n_process=p)))
        results: list = []
        ours = timed(lambda p=processes, out=results: out.extend(analyze_many(inputs, processes=p)))
        coverage = sum(len(r.article.text) for r in results) / sum(len(t) for t in texts)
        rows.append({
            "processes": processes, "articles": len(texts),
            "parse_s": round(parse, 2), "analyze_s": round(ours, 2),
            "parse_articles_per_s": round(len(texts) / parse, 2),
            "analyze_articles_per_s": round(len(texts) / ours, 2),
            "ratio_to_parse": round(ours / parse, 2),
            "coverage": round(coverage, 4),
        })
    print(f"{'processes':>9} {'articles':>8} {'spaCy parse':>12} {'analyze_many':>13} {'art/s':>7} {'× parse':>8} "
          f"{'coverage':>9}")
    for r in rows:
        print(f"{r['processes']:>9} {r['articles']:>8} {r['parse_s']:>11.2f}s {r['analyze_s']:>12.2f}s "
              f"{r['analyze_articles_per_s']:>7.2f} {r['ratio_to_parse']:>8.2f} {r['coverage']:>9.1%}")
    if args.json:
        write_figures(args.json, {"benchmark": "speed_analyze", "rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
