"""Quotes with speakers: direct, partial ("mixed") and indirect speech, from the parse.

How it reads a text:

1. Quoted passages are found by their marks (``quote_marks``), including quotations that run
   over several paragraphs.
2. Cues come from the parse (``cues``): a verb of saying (``quote_lexicon.SPEECH_VERBS``) or any
   verb with a nominal subject and a finite clausal complement ("found that …", not "made sure
   that …"), nouns of saying ("Trump's claim that …"), "according to X" and "Name: …" lines.
   The cue's complement is what was said; its subject (or, for "…, saying …" and "said and
   added", the subject it shares) is the speaker.
3. A complement that is one quoted passage is a direct quote; one that holds a quoted fragment is
   a mixed quote (the whole clause); one without marks is indirect. A verb of saying with no
   complement takes the quoted passage beside it ("“…,” he said", "he said: “…”"); a passage
   signed "― Name" takes that name.
4. A quoted passage left over that reads as speech (it opens its sentence) takes the speaker of
   the quote or cue just before it: the next paragraph of a quotation, or "Ms X described the
   worry. … “Will there be another one?”".

Every span is a character offset into ``doc.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from newsdesk.language.attribution import AttributionModel, attributions, shipped_model
from newsdesk.language.attribution_filter import kept
from newsdesk.language.cues import Cue, according_cues, is_verb, label_cues, noun_cues, text_of, verb_cues
from newsdesk.language.quote_marks import find_quoted
from newsdesk.language.speakers import doc_entities, make_speaker, speaker_span
from newsdesk.language.view_cues import intention_cues, view_cues
from newsdesk.schema import Entity, Quote

_QUOTE_CHARS = "\"“”„«»'‘’"
_DOUBLE_MARKS = "\"“”„«»"  # a quotation inside a content (an apostrophe is no mark)
_EDGE = ",;:—–-()[] \n\t."


class _Inside:
    """Which quoted passage, if any, holds a character offset."""

    def __init__(self, passages: Sequence[tuple[int, int]]) -> None:
        self.passages = list(passages)
        self.starts = [s for s, _ in self.passages]

    def __call__(self, offset: int) -> int | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.passages[i][0] < offset < self.passages[i][1] - 1:
            return i
        return None

    def touching(self, start: int, end: int) -> list[int]:
        """Indices of the passages overlapping [start, end)."""
        return [i for i, (s, e) in enumerate(self.passages) if s < end and start < e]

    def covering(self, offset: int) -> int | None:
        """The passage whose span (marks included) holds ``offset``."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.passages[i][0] <= offset < self.passages[i][1]:
            return i
        return None


@dataclass
class _Found:
    """A quote before its speaker is resolved: content span, kind, cue and speaker span."""

    start: int
    end: int
    kind: str
    cue: str | None
    speaker: Span | None
    cue_at: int  # character offset of the cue word, or of the quote when it has none
    origin: str = "cue"  # where it came from (``attribution_filter.ORIGINS``)
    probability: float | None = None  # the learned cue's, for an attribution the model added


def _place(text: str, span: tuple[int, int], inside: _Inside, used: set[int], cue: Cue) -> _Found:
    """A cue's content against the quoted passages: direct, mixed or indirect."""
    start, end = span
    touching = inside.touching(start, end)
    kind = "indirect"
    if touching:
        used.update(touching)
        p_start = min(inside.passages[i][0] for i in touching)
        p_end = max(inside.passages[i][1] for i in touching)
        outside = text[min(start, p_start): p_start] + text[p_end: max(end, p_end)]
        kind = "direct" if not outside.strip(_EDGE + _QUOTE_CHARS) else "mixed"
        start, end = (p_start, p_end) if kind == "direct" else (min(start, p_start), max(end, p_end))
    return _Found(start, end, kind, cue.text, cue.speaker, cue.verb.idx)


def _clause_edges(cue: Cue, inside: _Inside) -> tuple[int, int]:
    """Character edges of a cue's own clause (verb, subject, objects), quoted passages left out."""
    tokens = [t for t in cue.verb.subtree if inside.covering(t.idx) is None and not (t.is_punct or t.is_space)]
    tokens = tokens or [cue.verb]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _beside(text: str, cue: Cue, inside: _Inside, used: set[int]) -> int | None:
    """The unused passage right before ("“…,” he said") or after ("he said: “…”") a cue of saying.

    Before the cue, the passage must end as speech does inside its marks ("…,”", "…?”"); after
    it, a comma or a colon must stand between, so that "said on “Fox and Friends”" is no quote.
    """
    c_start, c_end = _clause_edges(cue, inside)
    for i, (p_start, p_end) in enumerate(inside.passages):
        if i in used:
            continue
        last = text[p_start:p_end].rstrip(_QUOTE_CHARS + " ")[-1:]
        if p_end <= c_start and not text[p_end:c_start].strip(" ,—–-\t") and last in ",?!—–-…":
            return i
        gap = text[c_end:p_start]
        if p_start >= c_end and gap.strip() in (",", ":") and (gap.strip() == ":" or "\n" not in gap):
            return i
    return None


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a passage at ``start`` begins its paragraph or follows a full stop or a colon."""
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in "\n.!?:…"


def _words_said(doc: Doc, span: tuple[int, int]) -> bool:
    """Whether a quoted passage holds a clause (three words and a verb), not a title or a scare quote."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    return words is not None and sum(1 for t in words if t.is_alpha) >= 3 and any(is_verb(t) for t in words)


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr.", "sir", "dame"})


def _a_person(doc: Doc, span: tuple[int, int]) -> bool:
    """Whether a span is only a person's name ("Mr Trump", "Volodymyr Zelensky"), which no one says or believes."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None or len(words) > 4 or not all(t.pos_ == "PROPN" or t.lower_ in _TITLES for t in words):
        return False
    return words.root.ent_type_ == "PERSON" or words[0].lower_ in _TITLES


def _speechlike(doc: Doc, span: tuple[int, int]) -> bool:
    """Whether a quoted passage reads as someone's words rather than a title or a scare quote."""
    return _words_said(doc, span) and _opens_sentence(text_of(doc), span[0])


def _previous_speaker(doc: Doc, start: int, found: list[_Found], cues: list[Cue]) -> _Found | None:
    """The latest attribution in the sentence before ``start`` or earlier in its own sentence."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None:
        return None
    sent = token[0].sent
    prev_start = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    window = [f for f in found if f.speaker is not None and prev_start <= f.cue_at < start]
    window += [
        _Found(c.verb.idx, c.verb.idx, "direct", c.text, c.speaker, c.verb.idx)
        for c in cues
        if c.speaker is not None and c.speech and c.speaker.root.lower_ != "it" and prev_start <= c.verb.idx < start
    ]
    return max(window, key=lambda f: f.cue_at, default=None)


def _attributed(doc: Doc, inside: _Inside) -> tuple[list[_Found], list[Cue], set[int]]:
    """Quotes from cues with content, then bare cues with the passage beside them."""
    quoted = lambda offset: inside(offset) is not None  # noqa: E731
    cues = verb_cues(doc, quoted) + noun_cues(doc, quoted) + according_cues(doc) + label_cues(doc)
    cues += view_cues(doc, quoted) + intention_cues(doc, quoted)
    cues.sort(key=lambda c: c.verb.i)
    used: set[int] = set()
    found = [_place(text_of(doc), span, inside, used, cue) for cue in cues for span in cue.contents]
    for cue in cues:
        if not cue.speech:
            continue
        for _ in range(2):  # "“…,” she said, “…”": a passage on each side
            i = _beside(text_of(doc), cue, inside, used)
            if i is None:
                break
            used.add(i)
            start, end = inside.passages[i]
            found.append(_Found(start, end, "direct", cue.text, cue.speaker, cue.verb.idx, "beside"))
    return found, cues, used


_SIGNATURE = re.compile(r"[^\S\n]*([―—–]|--)[^\S\n]*([A-Z][^\n]{1,60}?)[.\s]*(?:\n|$)")


def _signed(doc: Doc, inside: _Inside, used: set[int]) -> list[_Found]:
    """"“…” ― Krystal Correa": a passage signed with a dash and a name at the end of its line."""
    found = []
    for i, (start, end) in enumerate(inside.passages):
        m = _SIGNATURE.match(text_of(doc), end)
        if i in used or m is None or len(m.group(2).split()) > 6:
            continue
        name = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if name is not None:
            used.add(i)
            found.append(_Found(start, end, "direct", m.group(1), name, m.start(1), "signed"))
    return found


_TAIL_WORDS = 20  # the most words of a clause that only tags a passage ("the former mayor of the city shot back")
_OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"})


def _tagged(doc: Doc, inside: _Inside, used: set[int]) -> list[_Found]:
    """"“…,” Trump shot back." / "“…!” scoffed Ann Roe, 22.": a passage that ends as speech does inside its marks
    and is followed, on its line, by nothing but a short clause to the end of its sentence, whose verb takes no
    object. Whatever that verb, the clause only says who spoke: its subject speaks."""
    text, found = text_of(doc), []
    for i, (start, end) in enumerate(inside.passages):
        last = text[start:end].rstrip(_QUOTE_CHARS + " ")[-1:]
        passage = doc.char_span(start, end, alignment_mode="expand")
        if i in used or last not in ",?!—–-…" or passage is None or not _opens_sentence(text, start):
            continue
        first = next((t for t in doc[passage.end:] if not t.is_space), None)
        if first is None or "\n" in text[end:first.idx]:
            continue
        sent = first.sent
        tail = [t for t in doc[first.i:sent.end] if not (t.is_punct and t.i == sent.end - 1)]
        if not tail or len(tail) > _TAIL_WORDS or any(t.text in _QUOTE_CHARS or t.is_space for t in tail):
            continue
        verb = next((t for t in tail if t.pos_ == "VERB" and not first.i <= t.head.i < t.i), None)
        if verb is None or any(c.dep_ in _OBJECT_DEPS and c.i >= first.i for c in verb.children):
            continue  # "“…!” Conservatives still praise his refusal …" is a sentence of its own
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i >= first.i
                        and c.pos_ in ("PROPN", "NOUN", "PRON") and c.lower_ not in ("who", "which", "that")), None)
        if subject is not None:
            used.add(i)
            found.append(_Found(start, end, "direct", verb.text, speaker_span(subject), verb.idx, "tagged"))
    return found


def _carried_over(doc: Doc, inside: _Inside, found: list[_Found], cues: list[Cue],
                  used: set[int]) -> list[_Found]:
    """Passages with no cue of their own that read as speech, given the speaker just before them."""
    extra: list[_Found] = []
    for i, (start, end) in enumerate(inside.passages):
        if i in used or not _speechlike(doc, (start, end)):
            continue
        before = _previous_speaker(doc, start, found + extra, cues)
        speaker = before.speaker if before is not None else None
        extra.append(_Found(start, end, "direct", None, speaker, start, "carried"))
    return extra


def _a_clause(doc: Doc, span: tuple[int, int]) -> bool:
    """Whether a span is headed by a verb ("the talks had failed"), not a noun or a preposition ("a call between …")."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    return words is not None and is_verb(words.root)


def _learned(doc: Doc, model: AttributionModel, found: list[_Found], cues: list[Cue]) -> list[_Found]:
    """The attributions the learned model adds where the rules found none (``attribution``), but not a quoted
    title or scare quote taken for someone's words, nor a person taken for what was said ("spoke with Mr Trump"),
    nor a thing's view held through "that"/"which" ("dresses that showed her shoulders"), nor a source inside what
    it is said to say ("The so-called “reform” passed"), nor, with no source, words not headed by a verb ("came
    after a call between the two leaders")."""
    skip = frozenset(c.verb.i for c in cues)
    out = []
    for a in attributions(doc, model, skip, [(f.start, f.end) for f in found]):
        content = text_of(doc)[a.content[0]:a.content[1]]
        kind = "direct" if content[:1] in _QUOTE_CHARS and content[-1:] in _QUOTE_CHARS else \
            "mixed" if any(mark in content for mark in _DOUBLE_MARKS) else "indirect"
        source = (a.source.start_char, a.source.end_char) if a.source is not None else None
        if kind == "direct" and not _words_said(doc, a.content) or _a_person(doc, a.content) or \
                a.source is not None and a.source.text.lower() in ("that", "which") or \
                source is not None and source[0] < a.content[1] and a.content[0] < source[1] or \
                source is None and not _a_clause(doc, a.content):
            continue
        cue = "according to" if a.cue.lower_ == "according" else a.cue.text
        out.append(_Found(a.content[0], a.content[1], kind, cue, a.source, a.cue.idx, "model", a.probability))
    return out


SHIPPED = "shipped"


def found_attributions(doc: Doc, model: AttributionModel | None) -> list[_Found]:
    """Every attribution the rules and the learned cues of ``model`` read, one per content span, in text order,
    before ``model``'s filter (``attribution_filter``) has its say."""
    inside = _Inside(find_quoted(text_of(doc)))
    found, cues, used = _attributed(doc, inside)
    found += _signed(doc, inside, used)
    found += _tagged(doc, inside, used)
    found += _carried_over(doc, inside, found, cues, used)
    if model is not None:
        found += _learned(doc, model, found, cues)
    out: list[_Found] = []
    seen: set[tuple[int, int]] = set()
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if (f.start, f.end) not in seen and f.end > f.start:
            seen.add((f.start, f.end))
            out.append(f)
    return out


def find_quotes(doc: Doc, entities: list[Entity], model: AttributionModel | str | None = SHIPPED) -> list[Quote]:
    """Every quote in ``doc`` with its kind, cue and speaker (resolved to ``entities`` when possible), the rules'
    and those the learned ``model`` adds, less those its filter drops (``attribution``, ``attribution_filter``;
    the model shipped in the package by default, none with ``None``)."""
    if model == SHIPPED:
        model = shipped_model()
    model = model if isinstance(model, AttributionModel) else None
    found = found_attributions(doc, model)
    if model is not None and model.keep is not None:
        found = kept(doc, found, model.keep, model.keep_threshold)
    text = text_of(doc)
    fallback = doc_entities(doc)
    return [Quote(text=text[f.start:f.end], kind=f.kind, cue=f.cue, start=f.start, end=f.end,
                  speaker=make_speaker(f.speaker, entities, fallback) if f.speaker is not None else None)
            for f in found]
