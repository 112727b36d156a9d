"""Scoring article-body extraction: the shingle metric of the ScrapingHub benchmark.

Written from the metric's description (scrapinghub/article-extraction-benchmark,
``evaluate.py``): tokens are ``\\w+`` matches, each text is a multiset of 4-token shingles,
and one document's true/false positives and false negatives are normalised to sum to 1,
so a long article weighs no more than a short one. Precision is the mean of the per-document
precisions over documents with something predicted, recall the mean of per-document recalls
over documents with something to find, and F1 their harmonic mean.

>>> round(evaluate({"a": "one two three four five"}, {"a": "one two three four"}).f1, 3)
0.667
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


@dataclass(frozen=True, slots=True)
class DocScore:
    """One document's shingle counts, normalised so that tp + fp + fn == 1 (or all 0)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)


@dataclass(frozen=True, slots=True)
class Score:
    """Corpus-level precision, recall and F1, with the per-document scores behind them."""

    precision: float
    recall: float
    f1: float
    docs: dict[str, DocScore]

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles; a text shorter than ``n`` tokens is one shorter shingle.

    >>> sorted(shingles("a b c d e", 4))
    [('a', 'b', 'c', 'd'), ('b', 'c', 'd', 'e')]
    """
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score_document(truth: str, prediction: str, n: int = SHINGLE_SIZE) -> DocScore:
    """Normalised tp/fp/fn of one predicted body against its true body."""
    true_sh, pred_sh = shingles(truth, n), shingles(prediction, n)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    if total == 0:
        return DocScore(0.0, 0.0, 0.0)
    return DocScore(tp / total, fp / total, fn / total)


def aggregate(docs: Mapping[str, DocScore]) -> Score:
    """Corpus precision/recall/F1 from per-document scores (the benchmark's averaging)."""
    scored = list(docs.values())
    precisions = [d.precision for d in scored if d.tp + d.fp > 0]
    recalls = [d.recall for d in scored if d.tp + d.fn > 0]
    precision = mean(precisions) if precisions else 0.0
    recall = mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, dict(docs))


def evaluate(truth: Mapping[str, str], predictions: Mapping[str, str]) -> Score:
    """Score predicted bodies against true bodies, both keyed by document id.

    A document missing from ``predictions`` counts as an empty prediction.
    """
    docs = {key: score_document(body, predictions.get(key) or "") for key, body in truth.items()}
    return aggregate(docs)


def bodies(data: Mapping[str, object]) -> dict[str, str]:
    """``{id: articleBody}`` from either published layout: ``{"output": {id: {...}}}`` or ``{id: {...}}``."""
    records = data.get("output", data)
    if not isinstance(records, Mapping):
        raise ValueError("expected a mapping of document ids to records")
    out: dict[str, str] = {}
    for key, record in records.items():
        if isinstance(record, Mapping):
            out[key] = str(record.get("articleBody") or "")
        elif isinstance(record, str):
            out[key] = record
    return out


# -- the article-extraction benchmark's files (ground truth, pages, peers' published outputs) --


def load_truth(root: Path) -> dict[str, str]:
    """``{id: articleBody}`` from ``root/ground-truth.json``."""
    return bodies(json.loads((root / "ground-truth.json").read_text(encoding="utf-8")))


def load_pages(root: Path, ids: list[str]) -> dict[str, str]:
    """``{id: html}`` from ``root/html/<id>.html.gz`` (UTF-8; stray bytes replaced, never fatal)."""
    return {
        key: gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace") for key in ids
    }


def load_peers(root: Path) -> dict[str, dict[str, str]]:
    """Each peer tool's published ``{id: articleBody}``, by tool name (``output/<tool>.json``)."""
    return {
        path.stem: bodies(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted((root / "output").glob("*.json"))
    }


def newsdesk_body(html: str) -> str:
    """What newsdesk's HTML reader gives as the body for scoring: subheads and paragraphs, one a line."""
    from newsdesk.read.html import read_html, scored_body

    return scored_body(read_html(html))


def score_extractor(extract: Callable[[str], str], pages: Mapping[str, str], truth: Mapping[str, str]) -> Score:
    """Run ``extract`` on every page and score its bodies against the truth."""
    return evaluate(truth, {key: extract(html) or "" for key, html in pages.items()})
