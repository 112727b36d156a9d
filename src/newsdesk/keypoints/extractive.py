"""The default key points: the article's own sentences, chosen for distinct themes and compressed.

How a sentence becomes a candidate (each rule has a test in tests/keypoints/test_extractive.py):

1. **Never furniture, captions or colour** — a sentence matching ``data/furniture.txt``, repeating a
   photo caption, ending in a question mark, mostly inside quotation marks, or told by a bystander (a
   speaker whose role or words are in ``data/bystanders.txt``: "Kyiv resident Tymur") is skipped.
2. **Compressed** (``compress.py``): openers such as "But", "also", asides, the frame of an
   attribution and a trailing colour clause are deleted.
3. **Stands alone** — a sentence opening on "he"/"his"/"they" or a description ("the 47-year-old")
   gets the entity's name in its place, and the name's mention joins the support (not a possessive whose
   phrase holds the name: "His wife Audrey" is a wrong link, never "Audrey’s Audrey"); one whose opening
   pronoun resolves to nothing, or that opens on "This"/"That"/"It", is skipped.
4. **Fits a box** — 6 to ``MAX_WORDS`` (30) words once compressed.

How candidates are chosen: each gets its cosine to the article's centroid (how central its theme is),
plus ``SALIENCE_WEIGHT`` × how much it holds of the words the article keeps returning to, plus
``POSITION_WEIGHT`` × a position prior (1/√(1+rank): the lead usually carries the main theme), less
``LENGTH_PENALTY`` × its share of the word limit; then maximal marginal relevance picks them one by one,
each time subtracting ``REDUNDANCY`` × its highest cosine to those already picked, so the second and
third points come from themes the first did not cover.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Doc, Span

from newsdesk.keypoints.compress import SPEECH_LEMMAS, Compressed, assemble, compress, shorten
from newsdesk.keypoints.embed import embed
from newsdesk.language.quote_marks import find_quoted
from newsdesk.schema import Article, Entity

__all__ = ["Candidate", "MAX_WORDS", "candidates", "rank"]

MAX_WORDS = 30
MIN_WORDS = 6
POSITION_WEIGHT = 3.0  # weights measured on the CNN/DailyMail dev set (benchmarks/keypoints_rouge.py)
SALIENCE_WEIGHT = 3.0
LENGTH_PENALTY = 0.3
REDUNDANCY = 0.3
QUOTED_SHARE = 0.3  # a sentence more quoted than this is a quote, not a key point
_PRONOUNS = {"he": "", "she": "", "they": "", "it": "", "his": "’s", "her": "’s", "their": "’s", "its": "’s"}
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "it", "they", "such", "here"})
_CLOSING_QUOTE = re.compile(r"[.,!?][’”'\"](?=\s|$)")
_TIME_NOUNS = frozenset({"week", "month", "year", "morning", "afternoon", "evening", "weekend", "time", "season"})


@dataclass
class Candidate:
    """A sentence ready to be a key point: its compressed text and the article spans it cites."""

    order: int  # position among the article's sentences
    sent: Span
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.text.split())


@lru_cache(maxsize=1)
def _lines(name: str) -> tuple[str, ...]:
    text = resources.files("newsdesk.keypoints").joinpath(f"data/{name}").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _furniture() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _lines("furniture.txt")), re.IGNORECASE)


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, also cut at line breaks (a paragraph never runs into the next)."""
    units = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    units.append(doc[start: tok.i])
                start = tok.i + 1
        if start < sent.end:
            units.append(doc[start: sent.end])
    return [u for u in units if any(t.is_alpha for t in u)]


def candidates(article: Article, doc: Doc, entities: list[Entity]) -> list[Candidate]:
    """Every sentence of the article that may be a key point, compressed, in reading order."""
    quoted = find_quoted(doc.text)
    bystanders = _bystander_mentions(entities)
    mentions = {m.start: (e, m) for e in entities for m in e.mentions}
    captions = [c.text.strip().lower() for c in article.captions if c.text.strip()]
    found = []
    for order, sent in enumerate(sentences(doc)):
        if _skipped(sent, quoted, bystanders, captions):
            continue
        short = shorten(sent, compress(sent), MAX_WORDS)
        short = _standing_alone(sent, short, mentions, doc)
        if short is not None and MIN_WORDS <= len(short.text.split()) <= MAX_WORDS:
            found.append(Candidate(order=order, sent=sent, text=short.text, spans=short.spans))
    return found


def rank(found: list[Candidate], *, limit: int, embedder: str = "spacy") -> list[Candidate]:
    """Up to ``limit`` candidates in the order maximal marginal relevance picks them.

    The first ``n`` are the key points; the rest stand by to replace any the guard drops.
    """
    if not found:
        return []
    vectors = embed([c.sent for c in found], embedder)
    centroid = vectors.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    orders = np.array([c.order for c in found], dtype=np.float32)
    prior = 1.0 / np.sqrt(1.0 + orders - orders.min())
    length = np.array([c.words for c in found], dtype=np.float32) / MAX_WORDS
    relevance = (vectors @ centroid + SALIENCE_WEIGHT * _salience(found) + POSITION_WEIGHT * prior
                 - LENGTH_PENALTY * length)
    picked: list[int] = []
    while len(picked) < min(limit, len(found)):
        redundancy = (vectors @ vectors[picked].T).max(axis=1) if picked else np.zeros(len(found))
        score = relevance - REDUNDANCY * redundancy
        score[picked] = -np.inf
        picked.append(int(np.argmax(score)))
    return [found[i] for i in picked]


def _salience(found: list[Candidate]) -> np.ndarray:
    """How much of what the article keeps returning to a sentence holds: the summed article frequency of
    its content lemmas (nouns, names, verbs, numbers), damped for long sentences, scaled to the top word."""
    doc = found[0].sent.doc
    freq = Counter(t.lemma_.lower() for t in doc if _content(t))
    top = max(freq.values(), default=1)
    scores = []
    for cand in found:
        words = {t.lemma_.lower() for t in cand.sent if _content(t)}
        scores.append(sum(freq[w] for w in words) / (len(words) + 3) / top)
    return np.array(scores, dtype=np.float32)


def _content(token) -> bool:
    return token.is_alpha and not token.is_stop and token.pos_ in ("NOUN", "PROPN", "VERB", "NUM")


def _skipped(sent: Span, quoted: list[tuple[int, int]], bystanders: set[int], captions: list[str]) -> bool:
    """Rule 1: furniture, captions, questions, quotes and bystanders' words never become key points."""
    text = sent.text.strip()
    if _furniture().search(text) or text.rstrip("’”\"' ").endswith("?"):
        return True
    if any(text.lower() in c or c in text.lower() for c in captions):
        return True
    start, end = sent.start_char, sent.end_char
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in quoted)
    marked = any(c in text for c in "“”\"")  # a quotation mark of its own: a passage paired across sentences
    if (marked and inside > QUOTED_SHARE * (end - start)) or text[:1] in "“\"‘'" or _inside_quotation(text):
        return True
    return _told_by_bystander(sent, bystanders)


def _inside_quotation(text: str) -> bool:
    """A sentence that closes a quotation it never opened ("… over the years,' Julia explained."): its
    words are the end of a quote begun in the sentence before."""
    close = _CLOSING_QUOTE.search(text)
    if close is None:
        return False
    before = text[: close.start()]
    return not (re.search(r"[“‘\"]", before) or re.search(r"(?:^|\s)'", before))


def _bystander_mentions(entities: list[Entity]) -> set[int]:
    """Start offsets of every mention of an entity whose role marks a bystander ("Kyiv resident")."""
    marks = set(_lines("bystanders.txt"))
    return {m.start for e in entities if any(set(r.lower().split()) & marks for r in e.roles) for m in e.mentions}


def _told_by_bystander(sent: Span, bystanders: set[int]) -> bool:
    marks = set(_lines("bystanders.txt"))
    for verb in sent:
        if verb.lemma_ not in SPEECH_LEMMAS:
            continue
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                words = list(child.subtree)
                if any(t.idx in bystanders for t in words) or any(t.lower_ in marks for t in words):
                    return True
    return any(t.idx in bystanders for t in sent) and any(t.lemma_ in SPEECH_LEMMAS for t in sent)


def _standing_alone(sent: Span, short: Compressed, mentions: dict, doc: Doc) -> Compressed | None:
    """Rule 3: the opening pronoun or description replaced by its entity's name, or None."""
    first = next((t for t in sent if t.i not in short.drop and not t.is_space and not t.is_punct), None)
    if first is None:
        return None
    low = first.lower_
    hit = mentions.get(first.idx)
    if hit is not None:
        entity, mention = hit
        if low in _PRONOUNS or (low == "the" and not _shares_name(mention.text, entity.name)):
            return _named(sent, short, first, entity, mention, doc)
        return short
    if low in _PRONOUNS or (low in _DEMONSTRATIVES and not (first.dep_ == "det" and first.head.lemma_ in _TIME_NOUNS)):
        return None
    return short


def _named(sent: Span, short: Compressed, first, entity: Entity, mention, doc: Doc) -> Compressed | None:
    """The sentence with ``mention`` (a pronoun or a description) swapped for the entity's name."""
    named = [m for m in entity.mentions if m.text == entity.name]
    if not named:
        return None
    source = max((m for m in named if m.end <= sent.start_char), key=lambda m: m.start, default=named[0])
    drop = {t.i for t in sent if t.idx < first.idx} | short.drop
    ends = [t.i for t in sent if first.idx <= t.idx < mention.end]
    drop.update(ends[1:])
    suffix = _PRONOUNS.get(first.lower_, "")
    if suffix and set(entity.name.split()) & {t.text for t in first.head.subtree if t.i != first.i}:
        return None  # "His wife Audrey": a possessive never names its own owner, so the link is wrong
    out = assemble(sent, drop, replace={first.i: entity.name + suffix})
    out.spans = sorted([*out.spans, (source.start, source.end)])
    return out


def _shares_name(text: str, name: str) -> bool:
    return bool({w for w in text.split() if w[:1].isupper()} & set(name.split()))
