"""Speed of key points on 800-word articles, one core, with either embedding, beside the parse, same run.

    .venv/bin/python benchmarks/keypoints_speed.py [--limit N] [--json PATH]

Data: the CNN/DailyMail articles of ../shared/eval/cnndm/dev.jsonl with at least 800 words, each cut to
its first 800 words. The process is pinned to one core (and every thread pool to one thread) before
numpy, spaCy or onnxruntime load. ``key points`` times ``find_key_points`` alone: candidates, compression,
embeddings, selection and the guard; the spaCy parse and the entities it reads are timed apart, since
the analysis makes them anyway. Goal (issue): key points <= 150 ms per 800-word article, embeddings included.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import argparse  # noqa: E402 - the pinning above must come before numpy loads
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from figures import write_figures  # noqa: E402 - benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "cnndm" / "dev.jsonl"
WORDS = 800
GOAL_MS = 150


def load_texts(limit: int | None) -> list[str]:
    with DATA.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["article"].split() for line in fh if line.strip()]
    long = [" ".join(words[:WORDS]) for words in texts if len(words) >= WORDS]
    return long[:limit] if limit else long


def ms(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"median_ms": round(1000 * statistics.median(ordered), 1),
            "p90_ms": round(1000 * ordered[int(0.9 * (len(ordered) - 1))], 1),
            "max_ms": round(1000 * ordered[-1], 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"keypoints_speed: {DATA} not found (clone ../shared beside the repo)", file=sys.stderr)
        return 2

    from newsdesk.keypoints import find_key_points
    from newsdesk.language.entities import find_entities
    from newsdesk.language.nlp import load_nlp
    from newsdesk.schema import Article, Section

    texts = load_texts(args.limit)
    nlp = load_nlp()
    timings: dict[str, list[float]] = {"spaCy parse": [], "entities": [], "key points (spaCy vectors)": [],
                                       "key points (MiniLM)": []}
    warm = nlp(texts[0])
    for embedder in ("spacy", "minilm"):  # models loaded before any clock starts
        find_key_points(Article(text=warm.text), warm, find_entities(warm), [], [], embedder=embedder)
    for text in texts:
        article = Article(text=text, sections=[Section(paragraphs=[text])])
        start = time.perf_counter()
        doc = nlp(text)
        timings["spaCy parse"].append(time.perf_counter() - start)
        start = time.perf_counter()
        entities = find_entities(doc)
        timings["entities"].append(time.perf_counter() - start)
        for label, embedder in (("key points (spaCy vectors)", "spacy"), ("key points (MiniLM)", "minilm")):
            start = time.perf_counter()
            find_key_points(article, doc, entities, [], [], embedder=embedder)
            timings[label].append(time.perf_counter() - start)
    rows = [{"stage": stage, "articles": len(texts), **ms(samples)} for stage, samples in timings.items()]
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    print(f"{len(texts)} articles of {WORDS} words, one core; load average {load} (other work on the machine "
          "slows every figure)")
    print(f"{'stage':<28} {'median':>9} {'p90':>9} {'max':>9}")
    for r in rows:
        print(f"{r['stage']:<28} {r['median_ms']:>7.1f}ms {r['p90_ms']:>7.1f}ms {r['max_ms']:>7.1f}ms")
    by_stage = {r["stage"]: r for r in rows}
    goal = {f"{label} median <= {GOAL_MS} ms": by_stage[label]["median_ms"] <= GOAL_MS
            for label in ("key points (spaCy vectors)", "key points (MiniLM)")}
    for label, met in goal.items():
        print(f"goal: {label}: {'met' if met else 'not met'}")
    if args.json:
        write_figures(args.json, {"benchmark": "keypoints_speed", "words": WORDS, "rows": rows, "goal": goal,
                                  "load_average": load, "cpus": os.cpu_count()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
