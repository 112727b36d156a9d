"""Proper-name spans from spaCy's entities, cleaned and with the general model's slips corrected.

The general model tags "Mr Zelensky" with the honorific inside, "Mrs Thatcher's" with the
possessive, "Kharkiv" as an ORG, "Sumy" as a PERSON, the "Leyen" of "Ursula von der Leyen" as an
ORG. Each rule below repairs one such slip; all work on token indices of one ``Doc``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsdesk.language.entity_lexicon import (
    HONORIFICS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    OFFICE_DOMAINS,
    PLACE_NOUNS,
    PLACES,
    SKIP_LABELS,
    TITLE_WORDS,
)

PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass(slots=True)
class NameSpan:
    """A proper name in the text: tokens ``[start, end)`` of the doc, typed with a spaCy label."""

    start: int
    end: int
    label: str
    honorific: str | None = None  # the honorific written before the name ("Mr"), without its dot
    place_noun: str | None = None  # the place noun written after it ("region" in "Donetsk region")


def honorific_of(token: Token) -> str | None:
    """The honorific ``token`` spells ("Mr." → "Mr"), or None."""
    word = token.text.rstrip(".")
    return word if word in HONORIFICS else None


def name_key(doc: Doc, span: NameSpan) -> tuple[str, ...]:
    """A name's comparable form: casefolded tokens without dots, curly apostrophes made straight,
    and for people without a generational suffix ("Kenneth Stancil III" → kenneth, stancil)."""
    key = tuple(_key_word(doc[i].text) for i in range(span.start, span.end))
    while span.label == "PERSON" and len(key) > 1 and key[-1] in NAME_SUFFIXES:
        key = key[:-1]
    return key


def _key_word(text: str) -> str:
    return text.casefold().replace(".", "").replace("’", "'")


def is_titlecase(token: Token) -> bool:
    """True when the token starts with an upper-case letter (names, not common words)."""
    return token.text[:1].isupper()


def name_spans(doc: Doc) -> list[NameSpan]:
    """Every cleaned, label-corrected name span of the doc's entities, in text order: a PERSON
    entity "Mr Zelensky" gives the tokens of "Zelensky" with honorific "Mr"."""
    spans = [span for ent in doc.ents if ent.label_ not in SKIP_LABELS
             if (span := clean_span(doc, ent)) is not None]
    spans = join_split_names(doc, spans)
    spans = [s for s in spans if not _is_office_domain(doc, s)]
    correct_labels(doc, spans)
    spans = split_run_on_names(doc, spans)
    for span in spans:
        span.place_noun = _place_noun_after(doc, span) if span.label in PLACE_LABELS | {"FAC"} else None
    return spans


def clean_span(doc: Doc, ent: Span) -> NameSpan | None:
    """The name inside one entity: no leading "the"/"a", honorific or title, no trailing "'s" or dot."""
    start, end = ent.start, ent.end
    for i in range(start, end):  # a name never crosses a line break
        if doc[i].is_space or "\n" in doc[i].text:
            end = i
            break
    honorific = honorific_of(doc[start - 1]) if start > 0 else None
    while start < end - 1 and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct
                               or doc[start].pos_ == "CCONJ" or honorific_of(doc[start])):
        honorific = honorific_of(doc[start]) or honorific
        start += 1
    if ent.label_ == "PERSON":
        start = _skip_leading_titles(doc, start, end)
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if end <= start or not any(c.isupper() for c in doc[start:end].text):
        return None
    label = "PERSON" if honorific and ent.label_ != "PERSON" else ent.label_
    return NameSpan(start, end, label, honorific)


def _skip_leading_titles(doc: Doc, start: int, end: int) -> int:
    """The first name token of a PERSON span that begins with a title ("US President Donald Trump")."""
    last_title = -1
    for i in range(start, end - 1):
        token = doc[i]
        lowercase = token.text.islower() and token.text not in NAME_PARTICLES
        if token.text in TITLE_WORDS or lowercase or honorific_of(token):
            last_title = i
    return last_title + 1 if last_title >= start else start


def join_split_names(doc: Doc, spans: list[NameSpan]) -> list[NameSpan]:
    """Names cut short are joined: "Ursula von der" + "Leyen", or "Ursula von der" + untagged "Leyen"."""
    joined: list[NameSpan] = []
    for span in spans:
        prev = joined[-1] if joined else None
        if prev and prev.label == "PERSON" and _continues_name(doc, prev, span):
            prev.end = span.end
            continue
        joined.append(span)
    for span in joined:
        if span.label == "PERSON":
            span.end = _extend_particles(doc, span.end, joined)
    return joined


def _continues_name(doc: Doc, prev: NameSpan, span: NameSpan) -> bool:
    """True when ``span`` directly follows a person's name that ends in a particle ("von der")."""
    gap = doc[prev.end:span.start]
    if any(t.text not in NAME_PARTICLES for t in gap) or "\n" in doc[prev.start:span.end].text:
        return False
    return doc[span.start - 1].text in NAME_PARTICLES and is_titlecase(doc[span.start])


def _extend_particles(doc: Doc, end: int, spans: list[NameSpan]) -> int:
    """The end of a person's name that stopped at a particle: "von der" + a capitalised word."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    i = end
    while i < len(doc) and doc[i].text in NAME_PARTICLES and i not in taken:
        i += 1
    if i > end and i < len(doc) and is_titlecase(doc[i]) and i not in taken and doc[i].is_alpha:
        return i + 1
    return end


def _is_office_domain(doc: Doc, span: NameSpan) -> bool:
    """True for the "State" of "Secretary of State": part of a title, not an organisation."""
    if span.start < 2 or doc[span.start - 1].lower_ != "of":
        return False
    return doc[span.start - 2].text in TITLE_WORDS and doc[span.start:span.end].text in OFFICE_DOMAINS


def _place_noun_after(doc: Doc, span: NameSpan) -> str | None:
    """The place noun right after a place name ("region" in "the Donetsk region"), lowercased."""
    if span.end < len(doc) and doc[span.end].lower_ in PLACE_NOUNS and doc[span.end].pos_ == "NOUN":
        return doc[span.end].lower_
    return None


def correct_labels(doc: Doc, spans: list[NameSpan]) -> None:
    """Fix labels in place: one label per name string, known places, places before "region", and
    names of people tagged as something else (a first name's full name first, then surnames)."""
    _vote_labels(doc, spans)
    for span in spans:
        if span.honorific:
            span.label = "PERSON"
        elif span.label in ("PERSON", "ORG") and (
                doc[span.start:span.end].text in PLACES or _place_noun_after(doc, span)):
            span.label = "GPE"
    first_names = _first_names(doc, spans, _person_tails(doc, spans))
    _relabel_people(doc, spans, lambda key: len(key) > 1 and key[0] in first_names)
    tails = _person_tails(doc, spans)
    _relabel_people(doc, spans, lambda key: key in tails)


def _relabel_people(doc: Doc, spans: list[NameSpan], is_person: Callable[[tuple[str, ...]], bool]) -> None:
    """Make PERSON every non-place span whose name key ``is_person`` says is a person's."""
    for span in spans:
        if span.label != "PERSON" and span.label not in PLACE_LABELS and is_person(name_key(doc, span)):
            span.label = "PERSON"


def _vote_labels(doc: Doc, spans: list[NameSpan]) -> None:
    """Give every span of one name string the label most of its spans carry; on a tie a place
    label wins (a place tagged PERSON is the commoner slip), then the label seen first."""
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for span in spans:
        votes[_plain_key(doc, span)][span.label] += 1
    for span in spans:
        if not span.honorific:
            counts = votes[_plain_key(doc, span)]  # Counter keeps first-seen order among equals
            span.label = max(counts, key=lambda label: (counts[label], label in PLACE_LABELS))


def _plain_key(doc: Doc, span: NameSpan) -> tuple[str, ...]:
    """The name's tokens, casefolded, whatever its label (so labels can be compared)."""
    return tuple(_key_word(doc[i].text) for i in range(span.start, span.end))


def _person_tails(doc: Doc, spans: list[NameSpan]) -> set[tuple[str, ...]]:
    """Surname forms of the multi-word person names in the doc: "Leyen", "der Leyen", "Zelensky"."""
    tails: set[tuple[str, ...]] = set()
    for span in spans:
        key = name_key(doc, span)
        if span.label == "PERSON" and len(key) > 1:
            tails.update(key[i:] for i in range(1, len(key)) if key[i] not in NAME_PARTICLES)
    return tails


def _first_names(doc: Doc, spans: list[NameSpan], tails: set[tuple[str, ...]]) -> set[str]:
    """One-word person names that are never a surname here ("Julia", not "Clinton")."""
    return {key[0] for span in spans if span.label == "PERSON"
            if len(key := name_key(doc, span)) == 1 and key not in tails}


def split_run_on_names(doc: Doc, spans: list[NameSpan]) -> list[NameSpan]:
    """Split a person span that runs two known names together ("Matthew Stevens O'Sullivan",
    "McLaren Fernando Alonso"), as captions glued to the next sentence make the model do."""
    spelled: dict[tuple[str, ...], set[int]] = defaultdict(set)  # name or surname → spans spelling it
    labels: dict[tuple[str, ...], str] = {}
    for n, span in enumerate(spans):
        key = name_key(doc, span)
        forms = [key] + ([key[k:] for k in range(1, len(key)) if key[k] not in NAME_PARTICLES]
                         if span.label == "PERSON" else [])
        for form in forms:
            spelled[form].add(n)
            labels.setdefault(form, span.label)
    out: list[NameSpan] = []
    for n, span in enumerate(spans):
        cut = _run_on_cut(doc, span, n, spelled, labels) if span.label == "PERSON" else None
        if cut is None:
            out.append(span)
            continue
        head = name_key(doc, span)[:cut]
        label = labels.get(head) or "GPE"
        rest = span.start + cut
        while rest < span.end - 1 and doc[rest].is_punct:
            rest += 1
        out += [NameSpan(span.start, span.start + cut, label, span.honorific if label == "PERSON" else None),
                NameSpan(rest, span.end, "PERSON")]
    return out


def _run_on_cut(doc: Doc, span: NameSpan, n: int, spelled: dict[tuple[str, ...], set[int]],
                labels: dict[tuple[str, ...], str]) -> int | None:
    """Where a person span splits into a known full name or place, then a known person's name."""
    key = name_key(doc, span)
    for cut in range(1, len(key)):
        head, rest = key[:cut], key[cut:]
        if not spelled.get(rest, set()) - {n}:
            continue
        known_head = spelled.get(head, set()) - {n} and (labels[head] != "PERSON" or len(head) > 1)
        if known_head or doc[span.start:span.start + cut].text in PLACES:
            return cut
    return None
