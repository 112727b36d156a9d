"""Names the general model left untagged: "Mr Trump", a known surname repeated, "Donetsk region".

The model often tags a name once and misses its later, shorter mentions ("Mr Trump also said");
these rules find them by the honorific before them or by the names already known in the article.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsdesk.language.entity_lexicon import NAME_PARTICLES, NAME_SUFFIXES, PLACE_NOUNS, TITLE_WORDS
from newsdesk.language.referents import Referent
from newsdesk.language.spans import NameSpan, honorific_of, is_titlecase

Table = dict[str, list[tuple[tuple[str, ...], str]]]  # first word → (words, label)


def missed_names(doc: Doc, refs: list[Referent]) -> list[NameSpan]:
    """Untagged names, in text order: after an honorific, repeats of known names, places before "region"."""
    covered = {i for ref in refs for s in ref.names for i in range(s.start, s.end)}
    found: list[NameSpan] = []
    table = _known_names(doc, refs)
    i = 0
    while i < len(doc):
        text = doc[i].text
        if i in covered or not (text[:1].isupper() or text in table):
            i += 1
            continue
        span = _after_honorific(doc, i, covered) or _known_at(doc, i, table, covered) or _place_at(doc, i, covered)
        if span is None:
            i += 1
            continue
        found.append(span)
        covered.update(range(span.start, span.end))
        i = span.end
    return found


def _is_name_word(token: Token) -> bool:
    return is_titlecase(token) and token.pos_ in ("PROPN", "NOUN") and not token.is_stop


def _after_honorific(doc: Doc, i: int, covered: set[int]) -> NameSpan | None:
    """ "Mr Trump", "Ms Yuliia Golovnina": capitalised words after an honorific are a person."""
    if i == 0 or not honorific_of(doc[i - 1]) or not _is_name_word(doc[i]):
        return None
    end = i + 1
    while end < len(doc) and end not in covered and (_is_name_word(doc[end]) or (
            doc[end].text in NAME_PARTICLES and end + 1 < len(doc) and _is_name_word(doc[end + 1]))):
        end += 1
    return NameSpan(i, end, "PERSON", honorific_of(doc[i - 1]))


def _known_names(doc: Doc, refs: list[Referent]) -> Table:
    """Every name already known, and every person's surname forms, by their first word."""
    table: Table = {}
    for ref in refs:
        for span in ref.names:
            words = tuple(t.text for t in doc[span.start:span.end])
            forms = {words}
            if ref.label == "PERSON":
                while len(words) > 1 and words[-1].casefold().replace(".", "") in NAME_SUFFIXES:
                    words = words[:-1]  # "Stancil" for "Kenneth Morgan Stancil III"
                forms.update(words[k:] for k in range(1, len(words)) if words[k] not in NAME_PARTICLES)
            for form in forms:
                if is_titlecase(doc[span.start]) and len("".join(form)) > 1:
                    table.setdefault(form[0], []).append((form, ref.label))
    return table


def _known_at(doc: Doc, i: int, table: Table, covered: set[int]) -> NameSpan | None:
    """A known name (or a known person's surname) starting at token ``i``, the longest one."""
    best: NameSpan | None = None
    for words, label in table.get(doc[i].text, ()):
        end = i + len(words)
        if end > len(doc) or any(j in covered for j in range(i, end)):
            continue
        if tuple(t.text for t in doc[i:end]) != words or (best and best.end >= end):
            continue
        if _stands_alone(doc, i, end):
            best = NameSpan(i, end, label)
    return best


def _stands_alone(doc: Doc, start: int, end: int) -> bool:
    """True unless the match is part of a longer capitalised name ("Ivanka Trump", "Trump Tower")."""
    if end - start == 1 and doc[start].pos_ not in ("PROPN", "NOUN"):
        return False
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and _is_name_word(before) and not before.is_sent_start:
        if before.text not in TITLE_WORDS and not honorific_of(before):
            return False
    return after is None or not _is_name_word(after) or after.text in TITLE_WORDS


def _place_at(doc: Doc, i: int, covered: set[int]) -> NameSpan | None:
    """ "the Donetsk region": capitalised words right before a place noun are a place."""
    if not (_is_name_word(doc[i]) and doc[i].is_alpha) or (i > 0 and _is_name_word(doc[i - 1])):
        return None
    end = i + 1
    while end < len(doc) and end not in covered and _is_name_word(doc[end]) and doc[end].is_alpha:
        end += 1
    nxt = doc[end] if end < len(doc) else None
    if nxt is None or nxt.lower_ not in PLACE_NOUNS or nxt.pos_ != "NOUN" or not nxt.text.islower():
        return None
    return NameSpan(i, end, "GPE", place_noun=nxt.lower_)
