"""Train the attribution model (``attribution``) on PolNeAR's train split.

    scripts/train-attribution [--data DIR] [--out FILE] [--folds 5] [--limit N] [--seed 13]

Reads ``DIR/text/*.txt`` and ``DIR/attributions/*.ann`` (brat, PolNeAR's layout; default
``../shared/eval/polnear/train`` beside the checkout), parses each text with the pipeline's spaCy
model, and learns three logistic regressions (scikit-learn, the ``train`` extra): which words head
a cue, which candidate content and which candidate source a cue takes. The threshold at which a cue's
attribution is added to the rules' quotes is chosen by cross-validation on train (folds of whole
articles, seeded); the cross-validated figures are stored in the model beside the training data's
description, and dev is never read. The same data, seed and library versions give the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from newsdesk.language.attribution import (
    MODEL_FILE,
    AttributionModel,
    Linear,
    content_candidates,
    content_features,
    cue_candidates,
    cue_features,
    cue_head,
    read_page,
    source_candidates,
    source_features,
    write_model,
)
from newsdesk.language.evaluate_quotes import TOKEN, Attribution, load_brat_corpus, score

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "polnear" / "train"
DEFAULT_OUT = Path(__file__).resolve().parent / "data" / MODEL_FILE
THRESHOLDS = (0.4, 0.5, 0.6, 0.7)
SOURCE_THRESHOLD = 0.2
C_VALUES = {"cue": 0.3, "content": 1.0, "source": 1.0}
Example = tuple[Doc, list[Attribution]]


def _tokens(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    return {m.start() + s for s, e in spans for m in TOKEN.finditer(text[s:e])}


def _f1(a: set[int], b: set[int]) -> float:
    both = len(a & b)
    return 2 * both / (len(a) + len(b)) if both else 0.0


def _gold_cue(doc: Doc, attribution: Attribution):
    words = [t for t in doc if any(s <= t.idx < e for s, e in attribution.cue)]
    return cue_head(words) if words else None


def rows(examples: Sequence[Example]) -> dict[str, tuple[list[list[str]], list[bool]]]:
    """Training rows of the three models: (features, label) per candidate word, content and source."""
    out: dict[str, tuple[list, list]] = {k: ([], []) for k in ("cue", "content", "source")}
    for doc, gold in examples:
        text, heads = doc.text, {}
        for a in gold:
            v = _gold_cue(doc, a)
            if v is not None:
                heads.setdefault(v.i, (v, a))
        page = read_page(doc)
        for t in cue_candidates(doc):
            out["cue"][0].append(cue_features(doc, t, page))
            out["cue"][1].append(t.i in heads)
        for v, a in heads.values():
            contents = content_candidates(doc, v, page)
            want = _tokens(text, a.content)
            overlap = {k: _f1(want, _tokens(text, [span])) for k, span in contents.items()}
            if overlap and max(overlap.values()) >= 0.5:
                best = max(overlap, key=overlap.get)
                for k, span in contents.items():
                    out["content"][0].append(content_features(doc, v, k, span, page))
                    out["content"][1].append(k == best)
            sources = [tuple(s) for s in a.source]
            for k, span in source_candidates(doc, v).items():
                out["source"][0].append(source_features(doc, v, k, span))
                out["source"][1].append(span in sources)
    return out


def fit(features: list[list[str]], labels: list[bool], c: float) -> Linear:
    """A logistic regression over the features present (L2, lbfgs: deterministic), as stored weights."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:  # a tiny corpus may give one model a single class: it answers that class always
        return Linear(8.0 if labels and labels[0] else -8.0, {})
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(f, 1) for f in features])
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(matrix, labels)
    weights = {name: round(float(w), 5) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    return Linear(round(float(model.intercept_[0]), 5), weights)


def train(examples: Sequence[Example], threshold: float = THRESHOLDS[1], info: dict | None = None) -> AttributionModel:
    r = rows(examples)
    parts = {k: fit(*r[k], C_VALUES[k]) for k in ("cue", "content", "source")}
    return AttributionModel(**parts, threshold=threshold, source_threshold=SOURCE_THRESHOLD, info=info or {})


def evaluate(examples: Sequence[Example], model: AttributionModel | None) -> dict:
    """The quotes' figures on ``examples`` (``evaluate_quotes.score``): the rules, plus ``model``'s additions."""
    from newsdesk.language.quotes import find_quotes

    rows_ = []
    for doc, gold in examples:
        preds = [((q.start, q.end), (q.speaker.start, q.speaker.end) if q.speaker else None)
                 for q in find_quotes(doc, [], model=model)]
        rows_.append((doc.text, preds, [gold]))
    return score(rows_)


def _summary(s: dict) -> dict:
    return {f"{part}_{kind}": round(s[part][kind]["f1"], 4) for part in ("content", "speaker")
            for kind in ("exact", "overlap")}


def cross_validate(examples: Sequence[Example], folds: int, seed: int, log=print) -> tuple[float, dict]:
    """The threshold with the best mean of content and speaker overlap F1 over article folds, and the figures
    of the rules alone and of the rules with the model at each threshold, pooled over the held-out folds."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    held: dict[str, list] = {"rules": [], **{str(t): [] for t in THRESHOLDS}}
    for k in range(folds):
        test = [examples[i] for i in order[k::folds]]
        fold_model = train([examples[i] for j, i in enumerate(order) if j % folds != k])
        held["rules"].append(evaluate(test, None))
        for t in THRESHOLDS:
            held[str(t)].append(evaluate(test, replace(fold_model, threshold=t)))
        log(f"fold {k + 1}/{folds}: {_summary(held[str(THRESHOLDS[1])][-1])}")
    pooled = {name: _pool(scores) for name, scores in held.items()}
    best = max(THRESHOLDS, key=lambda t: pooled[str(t)]["content_overlap"] + pooled[str(t)]["speaker_overlap"])
    return best, pooled


def _pool(scores: list[dict]) -> dict:
    """Mean over folds of each figure."""
    return {k: round(sum(_summary(s)[k] for s in scores) / len(scores), 4) for k in _summary(scores[0])}


def parse(data: Path, limit: int | None = None, log=print) -> list[Example]:
    from newsdesk.language.nlp import load_nlp

    corpus = load_brat_corpus(data)[:limit]
    nlp = load_nlp()
    t0 = time.perf_counter()
    processes = 2 if len(corpus) > 50 and (os.cpu_count() or 1) > 1 else 1
    docs = list(nlp.pipe((text for _, text, _ in corpus), batch_size=16, n_process=processes))
    log(f"parsed {len(docs)} articles in {time.perf_counter() - t0:.0f} s")
    return [(doc, annotators[0]) for doc, (_, _, annotators) in zip(docs, corpus, strict=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: no cross-validation)")
    parser.add_argument("--limit", type=int, help="train on the first N articles only")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    if not (args.data / "text").is_dir() or not (args.data / "attributions").is_dir():
        print(f"train-attribution: {args.data}: no PolNeAR text/ and attributions/ folders there", file=sys.stderr)
        return 2
    log = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    t0 = time.perf_counter()
    examples = parse(args.data, args.limit, log)
    threshold, cv = THRESHOLDS[1], None
    if args.folds > 1:
        threshold, cv = cross_validate(examples, args.folds, args.seed, log)
        log(f"cross-validation: threshold {threshold}; {cv}")
    info = {
        "version": f"polnear-train-{dt.date.today().isoformat()}",
        "trained_on": f"PolNeAR train split: {len(examples)} articles of 2015-2016 US election news "
                      "(Newell, Margolin and Ruths, LREC 2018; networkdynamics/PolNeAR data/train), first "
                      "annotator of each article",
        "licence": "the corpus states no licence",
        "retrain": "scripts/train-attribution",
        "seed": args.seed, "folds": args.folds, "threshold": threshold,
        "cross_validation": cv,
        "scikit_learn": importlib.metadata.version("scikit-learn"),
    }
    model = train(examples, threshold, info)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_model(model, args.out)
    size = args.out.stat().st_size
    log(f"wrote {args.out} ({size / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
