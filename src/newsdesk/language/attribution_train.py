"""Train the attribution model (``attribution``) on PolNeAR's train split.

    scripts/train-attribution [--data DIR] [--out FILE] [--folds 5] [--limit N] [--seed 13]

Reads ``DIR/text/*.txt`` and ``DIR/attributions/*.ann`` (brat, PolNeAR's layout; default
``../shared/eval/polnear/train`` beside the checkout), parses each text with the pipeline's spaCy
model, and learns four logistic regressions (scikit-learn, the ``train`` extra): which words head
a cue, which candidate content and which candidate source a cue takes, and which found attributions
annotators would keep (``attribution_filter``, learned from the attributions read in held-out folds).
The threshold at which a cue's attribution is added to the rules' quotes and the filter's threshold are
chosen together by cross-validation on train (folds of whole articles, seeded); the cross-validated
figures are stored in the model beside the training data's description, and dev is never read. The
same data, seed and library versions give the same file.
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
from newsdesk.language.attribution_filter import judged, kept
from newsdesk.language.evaluate_quotes import TOKEN, Attribution, load_brat_corpus, score
from newsdesk.language.quotes import found_attributions

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "polnear" / "train"
DEFAULT_OUT = Path(__file__).resolve().parent / "data" / MODEL_FILE
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)  # a cue's probability above which its attribution is added
DEFAULT_THRESHOLD = 0.5  # without cross-validation
KEEP_THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5)  # a found attribution's probability below which the filter drops it
SOURCE_THRESHOLD = 0.2
C_VALUES = {"cue": 0.3, "content": 1.0, "source": 1.0, "keep": 0.3}
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


def train(examples: Sequence[Example], threshold: float = DEFAULT_THRESHOLD,
          info: dict | None = None) -> AttributionModel:
    r = rows(examples)
    parts = {k: fit(*r[k], C_VALUES[k]) for k in ("cue", "content", "source")}
    return AttributionModel(**parts, threshold=threshold, source_threshold=SOURCE_THRESHOLD, info=info or {})


def _kept_by_annotators(doc: Doc, f, gold: list[Attribution]) -> bool:
    """Whether annotators marked found attribution ``f``: its speaker overlaps a source of the gold attributions
    its content meets (without a speaker: its content is most of a gold content, and most of it is that)."""
    text, content = doc.text, _tokens(doc.text, [(f.start, f.end)])
    mates = [a for a in gold if content & _tokens(text, a.content)]
    if f.speaker is None:
        return any(_f1(content, _tokens(text, a.content)) >= 0.5 for a in mates)
    sources = [s for a in mates for s in a.source]
    return bool(_tokens(text, [(f.speaker.start_char, f.speaker.end_char)]) & _tokens(text, sources))


Table = list[tuple]  # per found attribution: (it, the filter's features and whether annotators marked it, or
#                       None and None out of the filter's scope)


def keep_table(doc: Doc, gold: list[Attribution], found: list) -> Table:
    """Found attributions with, for those in the filter's scope, its features and whether annotators marked it."""
    return [(f, features, None if features is None else _kept_by_annotators(doc, f, gold))
            for f, features in judged(doc, found)]


def keep_rows(tables: Sequence[Table]) -> tuple[list[list[str]], list[bool]]:
    """The filter's training rows: each found attribution in its scope, and whether annotators marked it."""
    rows_ = [(features, label) for table in tables for _, features, label in table if features is not None]
    return [r[0] for r in rows_], [r[1] for r in rows_]


def _filtered(table: Table, keep: Linear, threshold: float) -> list:
    return [f for f, features, _ in table if features is None or keep.probability(features) >= threshold]


def _score_found(examples: Sequence[Example], found: Sequence[list]) -> dict:
    """The quotes' figures of found attributions (``evaluate_quotes.score``)."""
    return score([(doc.text, [((f.start, f.end), (f.speaker.start_char, f.speaker.end_char) if f.speaker else None)
                              for f in found_here], [gold])
                  for (doc, gold), found_here in zip(examples, found, strict=True)])


def evaluate(examples: Sequence[Example], model: AttributionModel | None) -> dict:
    """The quotes' figures on ``examples``: the rules, plus ``model``'s additions, less what its filter drops."""
    found = [found_attributions(doc, model) for doc, _ in examples]
    if model is not None and model.keep is not None:
        found = [kept(doc, f, model.keep, model.keep_threshold) for (doc, _), f in zip(examples, found, strict=True)]
    return _score_found(examples, found)


def _summary(s: dict) -> dict:
    return {f"{part}_{kind}": round(s[part][kind]["f1"], 4) for part in ("content", "speaker")
            for kind in ("exact", "overlap")}


def _folds(n: int, folds: int, seed: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[k::folds] for k in range(folds)]


def cross_validate(examples: Sequence[Example], folds: int, seed: int, log=print) -> tuple[float, float, dict, list]:
    """Cross-validation over article folds, in two stages. First the cue, content and source models: each fold's
    attributions are read by a model trained on the other folds, at each cue threshold. Then the filter, on those
    held-out attributions: each fold's filter is trained on the other folds' rows. The cue and filter thresholds
    with the best mean of content and speaker overlap F1 are chosen (a filter threshold of 0: no filter).
    Returns them, the figures of the rules alone and of each pair of thresholds (means over the folds), and the
    held-out attributions at the chosen cue threshold, on which the shipped filter is trained."""
    split = _folds(len(examples), folds, seed)
    tables: dict[float, list] = {t: [None] * len(examples) for t in THRESHOLDS}
    held: dict[str, list] = {"rules": []}
    for k, test in enumerate(split):
        fold_model = train([examples[i] for j, part in enumerate(split) if j != k for i in part])
        held["rules"].append(evaluate([examples[i] for i in test], None))
        for t in THRESHOLDS:
            for i in test:
                doc, gold = examples[i]
                tables[t][i] = keep_table(doc, gold, found_attributions(doc, replace(fold_model, threshold=t)))
        found = [[row[0] for row in tables[DEFAULT_THRESHOLD][i]] for i in test]
        log(f"fold {k + 1}/{folds}: {_summary(_score_found([examples[i] for i in test], found))}")
    for t in THRESHOLDS:
        for k, test in enumerate(split):
            keep = fit(*keep_rows([tables[t][i] for j, part in enumerate(split) if j != k for i in part]),
                       C_VALUES["keep"])
            for kt in KEEP_THRESHOLDS:
                held.setdefault(f"{t}/{kt}", []).append(_score_found(
                    [examples[i] for i in test], [_filtered(tables[t][i], keep, kt) for i in test]))
    pooled = {name: _pool(scores) for name, scores in held.items()}
    best = max((key for key in pooled if key != "rules"),
               key=lambda key: pooled[key]["content_overlap"] + pooled[key]["speaker_overlap"])
    t, kt = (float(x) for x in best.split("/"))
    return t, kt, pooled, tables[t]


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
    threshold, keep_threshold, cv, held_out = DEFAULT_THRESHOLD, 0.0, None, None
    if args.folds > 1:
        threshold, keep_threshold, cv, held_out = cross_validate(examples, args.folds, args.seed, log)
        log(f"cross-validation: thresholds {threshold} / {keep_threshold}; {cv}")
    info = {
        "version": f"polnear-train-{dt.date.today().isoformat()}",
        "trained_on": f"PolNeAR train split: {len(examples)} articles of 2015-2016 US election news "
                      "(Newell, Margolin and Ruths, LREC 2018; networkdynamics/PolNeAR data/train), first "
                      "annotator of each article",
        "licence": "the corpus states no licence",
        "retrain": "scripts/train-attribution",
        "seed": args.seed, "folds": args.folds, "threshold": threshold, "keep_threshold": keep_threshold,
        "cross_validation": cv,
        "scikit_learn": importlib.metadata.version("scikit-learn"),
    }
    model = train(examples, threshold, info)
    if held_out is not None and keep_threshold > 0:  # the filter learns from attributions read by unseen models
        keep = fit(*keep_rows(held_out), C_VALUES["keep"])
        model = replace(model, keep=keep, keep_threshold=keep_threshold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_model(model, args.out)
    size = args.out.stat().st_size
    log(f"wrote {args.out} ({size / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
