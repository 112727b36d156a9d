"""The faithfulness guard: a key point may only state numbers, names and dates its support states.

Every method (extractive or an LLM) passes its bullets through ``guard``. The rules:

1. **Dates** — a month with a day ("July 5", "5 July") needs the same month and day in the support; a
   month alone, a weekday ("Friday"), a year ("2025") or a relative day ("yesterday", "last week")
   needs the same words there.
2. **Numbers** — every number, in digits ("1,000", "3.5", "12%") or words ("three", "two hundred"),
   needs the same value in the support, in either spelling ("three" is supported by "3"). Lone "one"
   and "a" are not checked: they are pronouns and articles far more often than counts.
3. **Names** — every capitalised run ("Kyiv", "Ursula von der Leyen", "Mr Putin") needs each of its
   capitalised words in the support (case-insensitive, "'s" ignored); the first word of a sentence is
   a name only when it is not a common word. With a spaCy doc of the bullet, its entities are
   checked the same way.

A bullet that breaks any rule is dropped; the caller may replace it and records the reason.

>>> unsupported("Russia fired 540 drones at Kyiv on July 5.", "Russia fired 539 drones at Kyiv on July 4.")
["date 'July 5' is not in its support", "number '540' is not in its support"]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from newsdesk.language.quantity_lexicon import NUMBER_WORDS, SCALE_WORDS
from newsdesk.language.quantity_numbers import number_value
from newsdesk.schema import KeyPoint

__all__ = ["guard", "support_text", "unsupported"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b|(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})"
    rf"|(?P<m3>(?!May\b){_MONTH})(?!\w)"
    r"|(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<rel>(?i:yesterday|today|tomorrow|tonight|(?:last|next|this) (?:week|month|year|night|weekend)))"
    r"|(?P<year>(?:19|20)\d\d)(?!\d))",
)
_NUMBER_WORD = "|".join(sorted([*NUMBER_WORDS, *SCALE_WORDS], key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\w.,])(?:\d+(?:,\d{{3}})*(?:\.\d+)?|(?:{_NUMBER_WORD})\b)"
    rf"(?:[\s-]+(?:and[\s-]+)?(?:\d+(?:,\d{{3}})*(?:\.\d+)?|(?:{_NUMBER_WORD})\b))*",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?:[A-Z][\w’'.-]*[\w]|[A-Z])(?:\s+(?:(?:von|van|der|de|del|da|al|bin|la|le)\s+)*"
                   r"(?:[A-Z][\w’'.-]*[\w]|[A-Z]))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*)$")
_WORD = re.compile(r"[\w’'-]+")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_UNCHECKED_NUMBERS = frozenset({"one", "a", "an"})


def unsupported(text: str, support_text: str, nlp_doc=None) -> list[str]:
    """Why ``text`` says more than ``support_text``: one reason per unsupported date, number or name.

    ``nlp_doc``, a spaCy doc of ``text``, adds its named entities to the names checked.

    >>> unsupported("Poland's embassy in Kyiv was damaged.", "Poland said its embassy in Lviv was damaged.")
    ["name 'Kyiv' is not in its support"]
    """
    reasons: list[str] = []
    date_spans = [m.span() for m in _DATE.finditer(text)]
    support_dates = _date_keys(support_text)
    for match in _DATE.finditer(text):
        if not _date_keys(match.group(0)) <= support_dates:
            reasons.append(f"date '{match.group(0)}' is not in its support")
    support_numbers = _number_values(support_text, [])
    for match in _NUMBER.finditer(text):
        if _inside(match.span(), date_spans) or match.group(0).lower() in _UNCHECKED_NUMBERS:
            continue
        value = _value(match.group(0))
        if value is not None and value not in support_numbers:
            reasons.append(f"number '{match.group(0)}' is not in its support")
    words = _WORD.findall(support_text)  # "Deir ez-Zor" supports "Zor", "al-Khansa" supports "Khansa"
    support_words = {_plain(w) for w in words} | {_plain(p) for w in words if "-" in w for p in w.split("-")}
    names = _names(text, date_spans)
    if nlp_doc is not None:
        names += [ent.text for ent in nlp_doc.ents if ent.label_ in _NAME_LABELS and ent.text not in names]
    for name in names:
        if any(_plain(w) not in support_words for w in _WORD.findall(name) if w[:1].isupper()):
            reasons.append(f"name '{name}' is not in its support")
    return reasons


def support_text(point: KeyPoint, article_text: str) -> str:
    """The article text a key point cites: its support spans, in order, joined by a space."""
    return " ".join(article_text[s.start:s.end] for s in sorted(point.support, key=lambda s: s.start))


def guard(points: list[KeyPoint], article_text: str) -> tuple[list[KeyPoint], list[str]]:
    """The points whose every date, number and name is in their support; a note for each one dropped.

    >>> from newsdesk.schema import Span
    >>> text = "Storms hit Cork on Friday. Two homes flooded."
    >>> kept, notes = guard([KeyPoint(text="Storms hit Cork on Friday.", support=[Span(start=0, end=26)]),
    ...                      KeyPoint(text="Five homes flooded.", support=[Span(start=27, end=45)])], text)
    >>> [p.text for p in kept], notes
    (['Storms hit Cork on Friday.'], ["key point dropped (extractive): number 'Five' is not in its support — 'Five homes flooded.'"])
    """  # noqa: E501
    kept: list[KeyPoint] = []
    notes: list[str] = []
    for point in points:
        reasons = check(point, article_text)
        if reasons:
            notes.append(dropped_note(point, reasons))
        else:
            kept.append(point)
    return kept, notes


def check(point: KeyPoint, article_text: str) -> list[str]:
    """The guard's reasons against one point; a point with no support is unsupported as a whole."""
    if not point.support or any(not 0 <= s.start < s.end <= len(article_text) for s in point.support):
        return ["its support does not index the article text"]
    return unsupported(point.text, support_text(point, article_text))


def dropped_note(point: KeyPoint, reasons: Iterable[str]) -> str:
    """The note recorded for a dropped point: the method, every reason and the point itself."""
    shown = point.text if len(point.text) <= 90 else point.text[:87] + "…"
    return f"key point dropped ({point.method}): {'; '.join(reasons)} — '{shown}'"


def _date_keys(text: str) -> set[tuple]:
    """What the dates of ``text`` say, comparable across spellings: ("md", 7, 5), ("wd", "friday") …"""
    keys: set[tuple] = set()
    for m in _DATE.finditer(text):
        month = m.group("m1") or m.group("m2")
        if month:
            day = int(re.match(r"\d+", m.group("d1") or m.group("d2")).group(0))
            keys |= {("md", MONTHS[month.lower().rstrip(".")], day), ("m", MONTHS[month.lower().rstrip(".")])}
        elif m.group("m3"):
            keys.add(("m", MONTHS[m.group("m3").lower().rstrip(".")]))
        elif m.group("wd"):
            keys.add(("wd", m.group("wd").lower()))
        elif m.group("rel"):
            keys.add(("rel", " ".join(m.group("rel").lower().split())))
        else:
            keys.add(("y", int(m.group("year"))))
    return keys


def _number_values(text: str, skip: list[tuple[int, int]]) -> set[float]:
    values = set()
    for match in _NUMBER.finditer(text):
        if not _inside(match.span(), skip) and (value := _value(match.group(0))) is not None:
            values.add(value)
            values |= {float(w.replace(",", "")) for w in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", match.group(0))}
    return values


def _value(words: str) -> float | None:
    tokens = [w for w in re.split(r"[\s-]+", words.lower()) if w and w != "and"]
    return number_value(tokens) if tokens else None


def _names(text: str, date_spans: list[tuple[int, int]]) -> list[str]:
    """Capitalised runs of ``text`` that are names: not a date, not a common word opening a sentence."""
    names: list[str] = []
    for match in _NAME.finditer(text):
        if _inside(match.span(), date_spans):
            continue
        words = match.group(0).split()
        if _SENTENCE_START.search(text[: match.start()]) and words[0].lower() in STOP_WORDS | {"i"}:
            words = words[1:]
        if not words or (len(words) == 1 and words[0].lower() in MONTHS | dict.fromkeys(WEEKDAYS)):
            continue
        if match.group(0) not in names:
            names.append(" ".join(words))
    return names


def _plain(word: str) -> str:
    return re.sub(r"[’']s$", "", word).lower().strip("’'.-")


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)
