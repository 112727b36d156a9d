"""Scoring quote extraction against attribution corpora in brat standoff (PolNeAR).

Gold: each ``E`` line of an ``.ann`` file is one attribution tying a Source, a Cue and a Content
``T`` span (a span may be discontinuous: ``start end;start end``). Predictions: one
``(content span, speaker span or None)`` per quote. Spans are character offsets into the text.

Two kinds of figures, for content and for speaker (source):

* **exact** — a span matches only with the same boundaries (edge whitespace ignored).
  Content: a predicted quote is right when its span equals a gold content span or one fragment of
  one; a gold attribution is found when a prediction equals its whole extent or every fragment of
  it is predicted exactly. Speaker: as Citron pairs a source with its quote through the cue, we
  pair through the content (our quotes carry no cue span): a predicted speaker is right when it
  equals a source fragment of a gold attribution whose content overlaps the predicted content;
  a gold source is found when some prediction does that for it.
* **overlap** — Citron's token measure (BBC citron ``metrics.py``: "the number of predicted tokens
  that overlap with correct tokens compared to the total number of predicted and correct
  tokens"): precision = predicted tokens that overlap gold tokens / predicted tokens, recall =
  gold tokens that overlap predicted tokens / gold tokens, summed over the corpus. Tokens are
  ``\\w+`` or single non-space characters (punctuation and quotation marks count). One change:
  Citron sums the overlap over every (predicted, gold) pair, so a token inside nested gold
  attributions (frequent in PolNeAR) counts twice and precision can pass 1; here a token counts
  once, against the union of the other side. For speakers the union is taken only over the
  quotes paired by overlapping content, so a right name on the wrong quote earns nothing.

An article annotated by several annotators counts once: its counts are the mean of its counts
against each annotation (tests and benchmarks say so where they print figures).

>>> gold = [Attribution(content=[(0, 9)], source=[(11, 13)])]
>>> s = score([("a b c d e, he said", [((0, 9), (11, 13))], [gold])])
>>> s["content"]["exact"]["f1"], s["speaker"]["overlap"]["f1"]
(1.0, 1.0)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TOKEN = re.compile(r"\w+|[^\w\s]")  # a word or one punctuation mark, as the scores count them
Span = tuple[int, int]
Prediction = tuple[Span, Span | None]  # (content, speaker)
MEASURES = ("content_exact", "content_overlap", "speaker_exact", "speaker_overlap")


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: its content and source fragments (the source may be absent)."""

    content: list[Span]
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)


def _spans(offsets: str) -> list[Span]:
    """``"3 9;12 20"`` → [(3, 9), (12, 20)]."""
    return [(int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))]


def read_brat(path: Path) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file (attributions without content are skipped)."""
    lines = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    spans = {p[0]: _spans(p[1].split(" ", 1)[1]) for p in lines if p[0].startswith("T") and len(p) > 1}
    found = []
    for p in lines:
        if not p[0].startswith("E") or len(p) < 2:
            continue
        roles: dict[str, list[Span]] = {}
        for arg in p[1].split():
            role, _, ref = arg.partition(":")
            if ref in spans:
                key = re.sub(r"\d+$", "", role)
                roles[key] = roles.get(key, []) + spans[ref]
        if roles.get("Content"):
            found.append(Attribution(sorted(roles["Content"]), sorted(roles.get("Source", [])),
                                     sorted(roles.get("Cue", []))))
    return found


def load_brat_corpus(root: Path) -> list[tuple[str, str, list[list[Attribution]]]]:
    """(name, text, one attribution list per annotator) for ``root/text/*.txt`` + ``root/attributions``."""
    corpus = []
    for text_path in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(f"{text_path.stem}_*.ann"))
        anns = [a for a in anns if re.fullmatch(re.escape(text_path.stem) + r"_[^_]+\.ann", a.name)]
        if anns:
            text = text_path.read_text(encoding="utf-8")
            corpus.append((text_path.stem, text, [read_brat(a) for a in anns]))
    return corpus


class _Tokens:
    """Token indices of character spans, by a regex tokenisation of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        bounds = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        self.starts = [s for s, _ in bounds]
        self.ends = [e for _, e in bounds]

    def of(self, spans: Iterable[Span]) -> set[int]:
        """Indices of the tokens that overlap any of ``spans``."""
        found: set[int] = set()
        for start, end in spans:
            found.update(range(bisect_right(self.ends, start), bisect_left(self.starts, end)))
        return found

    def norm(self, span: Span) -> Span:
        """``span`` without edge whitespace."""
        start, end = span
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end


@dataclass
class Counts:
    """Numerators and denominators of precision and recall for each measure."""

    hit_p: dict[str, float] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0.0))
    n_p: dict[str, float] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0.0))
    hit_r: dict[str, float] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0.0))
    n_r: dict[str, float] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0.0))

    def add(self, other: Counts, weight: float = 1.0) -> None:
        for mine, theirs in ((self.hit_p, other.hit_p), (self.n_p, other.n_p),
                             (self.hit_r, other.hit_r), (self.n_r, other.n_r)):
            for key in MEASURES:
                mine[key] += weight * theirs[key]

    def put(self, measure: str, hit_p: float, n_p: float, hit_r: float, n_r: float) -> None:
        self.hit_p[measure], self.n_p[measure] = hit_p, n_p
        self.hit_r[measure], self.n_r[measure] = hit_r, n_r


def _content_counts(tok: _Tokens, preds: Sequence[Prediction], gold: Sequence[Attribution], c: Counts) -> None:
    gold_frags = {tok.norm(s) for a in gold for s in a.content}
    gold_whole = {tok.norm((a.content[0][0], a.content[-1][1])) for a in gold}
    pred_spans = [tok.norm(p[0]) for p in preds]
    exact_p = sum(1 for s in pred_spans if s in gold_frags or s in gold_whole)
    pred_set = set(pred_spans)
    exact_r = sum(1 for a in gold if tok.norm((a.content[0][0], a.content[-1][1])) in pred_set
                  or all(tok.norm(s) in pred_set for s in a.content))
    c.put("content_exact", exact_p, len(preds), exact_r, len(gold))
    gold_tokens = tok.of(s for a in gold for s in a.content)
    pred_tokens = tok.of(pred_spans)
    pred_sets = [tok.of([s]) for s in pred_spans]
    gold_sets = [tok.of(a.content) for a in gold]
    c.put("content_overlap", sum(len(p & gold_tokens) for p in pred_sets), sum(len(p) for p in pred_sets),
          sum(len(g & pred_tokens) for g in gold_sets), sum(len(g) for g in gold_sets))


def _speaker_counts(tok: _Tokens, preds: Sequence[Prediction], gold: Sequence[Attribution], c: Counts) -> None:
    pred_c = [tok.of([p[0]]) for p in preds]
    gold_c = [tok.of(a.content) for a in gold]
    pairs = {(i, j) for i, pc in enumerate(pred_c) for j, gc in enumerate(gold_c) if pc & gc}
    said = [i for i, p in enumerate(preds) if p[1] is not None]
    sourced = [j for j, a in enumerate(gold) if a.source]
    exact = {(i, j) for i, j in pairs if i in said and j in sourced
             and tok.norm(preds[i][1]) in {tok.norm(s) for s in gold[j].source}}
    c.put("speaker_exact", len({i for i, _ in exact}), len(said), len({j for _, j in exact}), len(sourced))
    p_tok = {i: tok.of([preds[i][1]]) for i in said}
    g_tok = {j: tok.of(gold[j].source) for j in sourced}
    hit_p = sum(len(p_tok[i] & set().union(*(g_tok[j] for j in sourced if (i, j) in pairs))) for i in said)
    hit_r = sum(len(g_tok[j] & set().union(*(p_tok[i] for i in said if (i, j) in pairs))) for j in sourced)
    c.put("speaker_overlap", hit_p, sum(len(v) for v in p_tok.values()),
          hit_r, sum(len(v) for v in g_tok.values()))


def score_document(text: str, preds: Sequence[Prediction], gold: Sequence[Attribution]) -> Counts:
    """The counts of one prediction list against one annotation of ``text``."""
    tok = _Tokens(text)
    counts = Counts()
    _content_counts(tok, preds, gold, counts)
    _speaker_counts(tok, preds, gold, counts)
    return counts


def _prf(hit_p: float, n_p: float, hit_r: float, n_r: float) -> dict[str, float]:
    p = hit_p / n_p if n_p else 0.0
    r = hit_r / n_r if n_r else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def summarize(counts: Counts) -> dict[str, dict[str, dict[str, float]]]:
    """``{"content"|"speaker": {"exact"|"overlap": {"precision", "recall", "f1"}}}``."""
    out: dict[str, dict[str, dict[str, float]]] = {"content": {}, "speaker": {}}
    for key in MEASURES:
        part, kind = key.split("_")
        out[part][kind] = _prf(counts.hit_p[key], counts.n_p[key], counts.hit_r[key], counts.n_r[key])
    return out


def score(docs: Iterable[tuple[str, Sequence[Prediction], Sequence[Sequence[Attribution]]]]) -> dict:
    """Corpus figures for (text, predictions, annotations) triples; several annotations are averaged."""
    total = Counts()
    for text, preds, annotators in docs:
        for gold in annotators:
            total.add(score_document(text, preds, gold), weight=1.0 / len(annotators))
    return summarize(total)
