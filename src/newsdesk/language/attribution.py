"""Attributions learned from PolNeAR: the cues the rules miss, with their content and source.

PolNeAR annotates attribution broadly — speech, but also beliefs, stances and intentions ("was sure
that …", "is a staunch opponent of …", "want to …") — and the rules of ``quotes`` find about seven
in ten of its attributions. This model, trained on PolNeAR's train split by
``scripts/train-attribution`` (``newsdesk.language.attribution_train``), reads every word of a
parsed text and adds the attributions the rules did not find:

1. **Cue.** Each candidate word (verbs, nouns, adjectives, prepositions, "according", a colon) gets
   the probability that it heads an attribution cue, from its lemma, part of speech, dependency,
   children, neighbours and whether it stands inside a quotation (logistic regression).
2. **Content.** The cue's candidate contents — each clause or object it governs, the quotation
   beside it, the rest of its sentence before or after it — are ranked, and the best is taken.
3. **Source.** The cue's candidate sources — its subject (whole, trimmed of appositions and
   relative clauses, with or without the comma that closes it), the agent of a passive, the owner
   of a noun cue, "according to X", the label before a colon — are ranked; the best is taken when
   it is likely enough, else the attribution has no source.

An attribution is added only where the rules have none: not on a rules cue, and not over a quote the
rules found. The weights ship in ``language/data/attribution-model.json.gz`` with what they were
trained on (``model_info``). Scoring is plain arithmetic over the stored weights: no learning
library is needed to run it.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from newsdesk.language.cues import text_of
from newsdesk.language.evaluate_quotes import TOKEN
from newsdesk.language.quote_lexicon import SPEECH_NOUNS, SPEECH_VERBS
from newsdesk.linear import Linear

MODEL_FILE = "attribution-model.json.gz"
CharSpan = tuple[int, int]
_TRIM = ",;:—–-()[] \n\t\u00a0"
_QUOTE_MARKS = "\"“”«»"
CANDIDATE_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ", "ADP", "PUNCT", "PROPN", "ADV"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd", "advcl", "parataxis", "acomp", "csubj",
                          "nsubjpass", "npadvmod", "dep", "conj", "acl", "relcl", "pcomp", "appos"})
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "acomp", "attr", "pcomp", "pobj",
                        "prep", "dobj", "amod"})  # a cue whose subject is its head's ("is sure", "by saying")
CLOSING_MARKS = (",", "--", "—")


# ---- the parse around a word -----------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """What every word's features look up, read once per text."""

    text: str
    inside: list[bool]  # per token: between quotation marks
    quoted_sentence: list[bool]  # per token: its sentence holds a quotation
    passages: list[CharSpan]


def read_page(doc: Doc) -> Page:
    text = text_of(doc)
    inside, open_ = [False] * len(doc), False
    for t in doc:
        if any(c in _QUOTE_MARKS for c in t.text):
            open_ = not open_
            continue
        inside[t.i] = open_
    passages = quote_passages(text)
    quoted = [False] * len(doc)
    for sent in doc.sents:
        if any(s < sent.end_char and sent.start_char < e for s, e in passages):
            quoted[sent.start:sent.end] = [True] * (sent.end - sent.start)
    return Page(text, inside, quoted, passages)


def quote_passages(text: str) -> list[CharSpan]:
    """Quotation passages, marks included, paired in order."""
    out, start = [], None
    for m in re.finditer(r"[\"“”«»]", text):
        if start is None:
            if m.group() in "\"“«":
                start = m.start()
        elif m.group() in "\"”»":
            out.append((start, m.end()))
            start = None
    return out


def cue_candidates(doc: Doc) -> list[Token]:
    """The words that may head a cue."""
    return [t for t in doc if t.pos_ in CANDIDATE_POS and (t.pos_ != "PUNCT" or t.text in (":", "—"))]


def cue_head(tokens: list[Token]) -> Token:
    """A cue's head: its first verb, noun or adjective ("has said" → said, "according to" → according).

    Measured against the word highest in the parse (retrained on PolNeAR train, 2026-12-07): that did no
    better (dev speaker overlap 0.766 against 0.770, cross-validated 0.710 against 0.712).
    """
    return min(tokens, key=lambda t: (t.pos_ not in ("VERB", "NOUN", "ADJ"), t.i))


def _span(doc: Doc, a: int, b: int) -> CharSpan | None:
    """The characters of tokens [a, b), without edge spaces and punctuation (quotation marks stay)."""
    if a >= b:
        return None
    text = text_of(doc)
    s, e = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return (s, e) if s < e else None


def content_candidates(doc: Doc, v: Token, page: Page) -> dict[str, CharSpan]:
    """What cue ``v`` may attribute, by kind: a clause or object it governs, the object of its preposition,
    the quotation beside it, the rest of its sentence."""
    out: dict[str, CharSpan] = {}

    def add(name: str, a: int, b: int) -> None:
        span = _span(doc, a, b)
        if span and span not in out.values():
            out[name] = span

    for child in v.children:
        if child.dep_ in CONTENT_DEPS and child.i > v.i or child.dep_ in ("ccomp", "parataxis", "csubj"):
            add(f"child:{child.dep_}", child.left_edge.i, child.right_edge.i + 1)
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    add(f"prep:{child.lower_}", obj.left_edge.i, obj.right_edge.i + 1)
    if v.dep_ in ("relcl", "acl"):
        add("head_np", v.head.left_edge.i, v.i)
    sent = v.sent
    add("after", v.i + 1, sent.end)
    add("before", sent.start, v.i)
    subject = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")), None)
    if subject is not None and subject.i > v.i:
        add("after_to_subj", v.i + 1, subject.left_edge.i)
    if subject is not None and subject.i < v.i:
        add("before_subj", sent.start, subject.left_edge.i)
    for s, e in page.passages:
        if s < sent.end_char + 2 and e > sent.start_char - 2 and not s <= v.idx < e:
            out[f"quote:{'before' if e <= v.idx else 'after'}"] = (s, e)
    if v.lower_ == "according":
        add("sent_before", sent.start, v.i)
        add("sent_after", v.right_edge.i + 1, sent.end)
    return out


def source_candidates(doc: Doc, v: Token) -> dict[str, CharSpan]:
    """Who cue ``v`` attributes to, by kind (each also with the comma or dash that closes it, when one does)."""
    out: dict[str, CharSpan] = {}

    def add(name: str, a: int, b: int) -> None:
        span = _span(doc, a, b)
        if not span:
            return
        if span not in out.values():
            out[name] = span
        for mark in CLOSING_MARKS:  # "Mr. King, 82," said: PolNeAR keeps an apposition's closing comma
            closing = doc[b - 1] if doc[b - 1].text == mark else doc[b] if b < len(doc) and doc[b].text == mark \
                else None
            if closing is not None:
                out[name + "+comma"] = (span[0], closing.idx + len(mark))

    verb, subject = v, None
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ not in CLIMB_DEPS or verb.head.i == verb.i:
            break
        verb = verb.head
    if v.text == ":":  # "PENCE: …"
        line = text_of(doc).rfind("\n", 0, v.idx) + 1
        first = next((t for t in v.sent if t.idx >= line), None)
        if first is not None and first.i < v.i:
            add("label", first.i, v.i)
    if subject is not None:
        add("subj", subject.left_edge.i, subject.right_edge.i + 1)
        right = subject.i + 1
        for c in subject.children:
            if c.i > subject.i and c.dep_ not in ("relcl", "appos", "acl", "punct", "prep", "cc", "conj"):
                right = max(right, c.right_edge.i + 1)
        add("subj_trim", subject.left_edge.i, right)
        add("subj_head", subject.i, subject.i + 1)
        left = min([subject.i] + [c.left_edge.i for c in subject.children if c.i < subject.i and c.dep_ in (
            "compound", "amod", "det", "poss", "nmod", "nummod")])
        add("subj_np", left, subject.i + 1)
        if subject.ent_type_:
            entity = next((e for e in doc.ents if e.start <= subject.i < e.end), None)
            if entity is not None:
                add("subj_ent", entity.start, entity.end)
        if subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
            add("relcl_head", verb.head.left_edge.i, verb.head.i + 1)
    for c in v.children:
        if c.dep_ == "agent":
            for obj in (o for o in c.children if o.dep_ == "pobj"):
                add("agent", obj.left_edge.i, obj.right_edge.i + 1)
        if c.dep_ == "poss":
            add("poss", c.left_edge.i, c.right_edge.i + 1)
        if c.dep_ == "prep" and (v.lower_ == "according" or c.lower_ in ("from", "by")):
            for obj in (o for o in c.children if o.dep_ == "pobj"):
                add(f"pobj:{c.lower_}", obj.left_edge.i, obj.right_edge.i + 1)
    if v.lower_ == "according":
        to = next((t for t in doc[v.i + 1:v.i + 3] if t.lower_ == "to"), None)
        if to is not None:
            end = to.i + 1
            while end < min(len(doc), v.sent.end) and doc[end].text not in (",", ".", ";", ":", "--", "—") \
                    and doc[end].lower_ not in ("that", "who", "which"):
                end += 1
            add("according", to.i + 1, end)
            entity = next((e for e in doc.ents if to.i < e.start <= to.i + 4), None)
            if entity is not None:
                add("according_ent", entity.start, entity.end)
    return out


# ---- features ---------------------------------------------------------------------------------------


_BUCKETS = ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (9, "5-9"), (19, "10-19"))


def length_bucket(n: int) -> str:
    """A span's length in tokens, coarsely."""
    return next((label for limit, label in _BUCKETS if n <= limit), "20+")


def cue_features(doc: Doc, t: Token, page: Page) -> list[str]:
    """What may make word ``t`` a cue."""
    lemma = t.lemma_.lower()
    deps = sorted({c.dep_ for c in t.children})
    f = [f"lem={lemma}", f"pos={t.pos_}", f"tag={t.tag_}", f"dep={t.dep_}", f"lem_pos={lemma}_{t.pos_}",
         f"hlem={t.head.lemma_.lower()}", f"hdep={t.head.dep_}", f"lem_dep={lemma}_{t.dep_}"]
    f += [f"cdep={d}" for d in deps] + [f"lem_cdep={lemma}_{d}" for d in deps]
    f += [f"clem={c.lemma_.lower()}_{c.dep_}" for c in t.children
          if c.dep_ in ("prep", "mark", "prt", "neg", "aux", "acomp")]
    if lemma in SPEECH_VERBS:
        f.append("speechverb")
    if lemma in SPEECH_NOUNS:
        f.append("speechnoun")
    if page.inside[t.i]:
        f.append("inquote")
    if page.quoted_sentence[t.i]:
        f.append("sent_has_quote")
    if t.i + 1 < len(doc):
        f += [f"next={doc[t.i + 1].lower_}", f"nextpos={doc[t.i + 1].pos_}"]
    if t.i > 0:
        f += [f"prev={doc[t.i - 1].lower_}", f"prevpos={doc[t.i - 1].pos_}"]
    subject = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        f += [f"subjpos={subject.pos_}", f"subjent={subject.ent_type_ or '-'}"]
    return f


def content_features(doc: Doc, v: Token, name: str, span: CharSpan, page: Page) -> list[str]:
    """What may make ``span`` the content of cue ``v``."""
    text, (s, e), quoted_sentence = page.text, span, page.quoted_sentence[v.i]
    size = length_bucket(len(TOKEN.findall(text[s:e])))
    lemma = v.lemma_.lower()
    marked = "q" if text[s] in _QUOTE_MARKS + "'‘" or text[e - 1] in _QUOTE_MARKS + "'’" else "-"
    first = text[s:s + 4].lower().split(" ")[0]
    return [f"n={name}", f"k={name.split(':')[0]}", f"lem_n={lemma}_{name}", f"pos_n={v.pos_}_{name}",
            f"dep_n={v.dep_}_{name}", f"len={size}", f"len_n={size}_{name}", f"first={first}",
            f"q={marked}_{name}", f"sentq={quoted_sentence}_{name}"]


def source_features(doc: Doc, v: Token, name: str, span: CharSpan) -> list[str]:
    """What may make ``span`` the source of cue ``v``."""
    text, (s, e) = text_of(doc), span
    tokens = doc.char_span(s, e, alignment_mode="expand")
    head = tokens.root if tokens is not None else doc[0]
    after = doc[tokens.end].lower_ if tokens is not None and tokens.end < len(doc) else "-"
    size = length_bucket(len(TOKEN.findall(text[s:e])))
    lemma = v.lemma_.lower()
    return [f"n={name}", f"lem_n={lemma}_{name}", f"pos_n={v.pos_}_{name}", f"hpos={head.pos_}_{name}",
            f"ent={head.ent_type_ or '-'}_{name}", f"len={size}_{name}", f"last={text[e - 1]}_{name}",
            f"next={after}_{name}", f"pron={head.pos_ == 'PRON'}", f"comma_in={',' in text[s:e]}_{name}"]


# ---- the model ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttributionModel:
    cue: Linear
    content: Linear
    source: Linear
    threshold: float  # a cue's probability above which its attribution is added
    source_threshold: float  # the best source's probability below which the attribution has none
    info: dict
    keep: Linear | None = None  # which found attributions with a speaker stay (``attribution_filter``)
    keep_threshold: float = 0.0

    @classmethod
    def from_json(cls, data: dict) -> AttributionModel:
        parts = {k: Linear.from_json(data["models"][k]) for k in ("cue", "content", "source")}
        keep = Linear.from_json(data["models"]["keep"]) if "keep" in data["models"] else None
        return cls(**parts, threshold=float(data["threshold"]), source_threshold=float(data["source_threshold"]),
                   info=data.get("info", {}), keep=keep, keep_threshold=float(data.get("keep_threshold", 0.0)))

    def to_json(self) -> dict:
        models = {"cue": self.cue, "content": self.content, "source": self.source, "keep": self.keep}
        return {"info": self.info, "threshold": self.threshold, "source_threshold": self.source_threshold,
                "keep_threshold": self.keep_threshold,
                "models": {k: m.to_json() for k, m in models.items() if m is not None}}


def read_model(path) -> AttributionModel:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return AttributionModel.from_json(json.load(f))


def write_model(model: AttributionModel, path) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as raw:  # mtime 0: the same weights make the same bytes
        raw.write(json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")).encode("utf-8"))


@cache
def shipped_model() -> AttributionModel | None:
    """The model inside the package, loaded once per process; None when the package has none."""
    resource = resources.files("newsdesk.language") / "data" / MODEL_FILE
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path:
        return read_model(path)


def model_info() -> dict | None:
    """What the shipped model was trained on, when, and how well it did (``newsdesk doctor``)."""
    model = shipped_model()
    return None if model is None else model.info


@dataclass(frozen=True)
class Attribution:
    cue: Token
    content: CharSpan
    source: Span | None
    probability: float


def attributions(doc: Doc, model: AttributionModel, skip: frozenset[int] = frozenset(),
                 taken: list[CharSpan] | None = None) -> list[Attribution]:
    """The attributions ``model`` reads in ``doc``, but none on a cue word in ``skip`` (token indices) or with
    content overlapping a span in ``taken`` (attributions nested in one another, as PolNeAR's often are, stay)."""
    taken = taken or []
    page = read_page(doc)
    found = []
    for t in cue_candidates(doc):
        if t.i in skip:
            continue
        p = model.cue.probability(cue_features(doc, t, page))
        if p < model.threshold:
            continue
        contents = content_candidates(doc, t, page)
        if not contents:
            continue
        content = max(contents.items(), key=lambda kv: model.content.probability(
            content_features(doc, t, kv[0], kv[1], page)))[1]
        if any(s < content[1] and content[0] < e for s, e in taken):
            continue
        source = None
        sources = source_candidates(doc, t)
        if sources:
            scored = [(model.source.probability(source_features(doc, t, k, sp)), sp) for k, sp in sources.items()]
            best, span = max(scored)
            if best >= model.source_threshold:
                source = doc.char_span(span[0], span[1], alignment_mode="expand")
        found.append(Attribution(t, content, source, p))
    return found
