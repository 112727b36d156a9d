"""Dates of an article: every temporal expression, resolved against the publication date.

Two sources, in this order:

1. the rules of ``date_rules`` run over the text: calendar dates ("July 4", "4 July 2025"), months
   ("in June"), years ("since 2014"), weekdays ("on Friday"), relative expressions ("this week",
   "last month", "more than a month ago", "the past 24 hours"), "overnight", clock times;
2. spaCy's DATE and TIME entities the rules did not cover ("Christmas", "this season", "2024"), with
   durations ("three years of fighting", "48 hours"), ages ("47-year-old") and frequencies ("daily")
   left out: durations are quantities, not dates.

Whether a sentence speaks of the future ("talks will resume in August") is read from the parse, so
that undated months and days resolve forwards there and backwards everywhere else. ``dateparser``
is called only for entity texts no rule resolves that carry a digit or a month or weekday name,
with its results cached.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newsdesk.language.date_rules import DATE_PREPOSITIONS, NO_BASE, RULES, VAGUE, Resolved, Rule, iso_week
from newsdesk.schema import DateRef

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["find_dates", "resolve_text"]

NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT", "NORP"})
PLACEHOLDER_BASE = date(2000, 1, 5)
PAST_AUX = frozenset({"was", "were", "had", "has", "have", "'ve", "did"})
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would"})
FUTURE_WORDS = frozenset({"due", "scheduled", "slated", "planned", "plan", "plans", "planning", "expected",
                          "upcoming", "intends", "intend", "aims"})
_AFTER_PREPOSITION = re.compile(r"\b(?:" + "|".join(DATE_PREPOSITIONS) + r")\s+$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_TIME_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century|centuries)s?"
_NOT_A_DATE = re.compile(rf"\bold\b|\baged?\b|\bage of\b|\w-{_TIME_UNIT}\b|-long\b|\bdaily\b|\bweekly\b|\bmonthly\b"
                         r"|\bannual(?:ly)?\b|\byearly\b|\bnightly\b|\bhourly\b|\bevery\b|\beach\b|\bper\b")
_ANCHOR = re.compile(r"\b(?:ago|last|next|this|past|previous|coming|earlier|later|since|yesterday|today|tomorrow"
                     r"|tonight|recent|(?:1[89]|20)\d\d)\b")
_HAS_UNIT = re.compile(rf"\b{_TIME_UNIT}\b")
_YEAR_ONLY = re.compile(r"(?:1[89]|20)\d\d")
_YEAR_IN = re.compile(r"\b(?:1[89]|20)\d\d\b")
_ABSOLUTE_HINT = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|november"
                            r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
                            r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:1[89]|20)\d\d\b"
                            r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_TEMPORAL_WORD = re.compile(rf"\b(?:{_TIME_UNIT}|seasons?|summer|winter|spring|autumn|fall|weekends?|morning|"
                            r"afternoon|evening|night|noon|midnight|dawn|dusk|christmas|easter|new year|holidays?|"
                            r"era|quarter|term|times?)\b")
_RELATIVE_TO_EVENT = re.compile(r"\b(?:later|earlier|before|after|afterwards|following|previous|that|same)\b")
_QUOTE = re.compile(r"[\"'‘’“”]")


def find_dates(doc: Doc, published: date | None) -> list[DateRef]:
    """Every temporal expression of a parsed text, in text order, resolved against ``published``.

    Without a publication date, relative expressions get no value and the reason; absolute ones
    ("July 4, 2025", "2024") still resolve.

    >>> from newsdesk.language.nlp import load_nlp
    >>> doc = load_nlp()("A drone attack overnight killed a woman, officials said on Friday.")
    >>> [(d.text, d.value, d.granularity) for d in find_dates(doc, date(2025, 7, 4))]
    [('overnight', '2025-07-03/2025-07-04', 'range'), ('Friday', '2025-07-04', 'day')]
    """
    base = published.date() if isinstance(published, datetime) else published
    text = doc.text  # built once: spaCy rebuilds it from the tokens on every access
    matches = _rule_matches(doc, text)
    refs = [ref for start, end, rule, match in matches if (ref := _rule_ref(doc, text, match, rule, base))]
    refs += _entity_refs(doc, text, base, [(start, end) for start, end, _, _ in matches])
    return sorted(refs, key=lambda ref: ref.start)


def _rule_matches(doc: Doc, text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """The rules' matches that do not overlap: the earliest first, then the longest, then the rule's order."""
    found, lowered = [], text.lower()
    for order, rule in enumerate(RULES):
        if rule.needle and rule.needle not in lowered:
            continue
        for match in rule.pattern.finditer(text):
            if rule.bare and not (match.groupdict().get("mod") or _AFTER_PREPOSITION.search(
                    text, max(match.start() - 12, 0), match.start())):
                continue
            found.append((match.start(), match.end(), order, rule, match))
    found.sort(key=lambda f: (f[0], f[0] - f[1], f[2]))
    kept: list[tuple[int, int, Rule, re.Match[str]]] = []
    for start, end, _, rule, match in found:
        if (not kept or start >= kept[-1][1]) and not _in_name(doc, start, end):
            kept.append((start, end, rule, match))
    return kept


def _rule_ref(doc: Doc, text: str, match: re.Match[str], rule: Rule, base: date | None) -> DateRef | None:
    """The date a rule's match stands for; None for "overnight" describing a kind of attack ("overnight raids")."""
    start, end = match.span()
    if rule.name == "deictic" and match["word"].lower() == "overnight" and _describes_plural(doc, start, end):
        return None
    resolved = rule.resolve(match, base, _tense(doc, start, end) if rule.tense else 0)
    if base is None and resolved.reason == NO_BASE:  # the granularity it would have: "this week" is a week
        resolved = resolved._replace(granularity=rule.resolve(match, PLACEHOLDER_BASE, 0).granularity)
    if base is not None and resolved.value and resolved.granularity in ("day", "month", "year") \
            and _SINCE.search(text, max(start - 8, 0), start):
        resolved = Resolved(f"{resolved.value}/{base.isoformat()}", "range")
    return DateRef(text=text[start:end], value=resolved.value, granularity=resolved.granularity, start=start,
                   end=end, reason=resolved.reason)


def _entity_refs(doc: Doc, text: str, base: date | None, taken: list[tuple[int, int]]) -> list[DateRef]:
    """spaCy's DATE and TIME entities that no rule matched and that are dates, not durations or ages."""
    refs = []
    for ent in doc.ents:
        start, end = ent.start_char, ent.end_char
        if ent.label_ not in ("DATE", "TIME") or any(s < end and start < e for s, e in taken):
            continue
        words = _QUOTE.split(text[start:end], maxsplit=1)[0].rstrip(" .,;:-–")  # "the season 'Hopefully"
        resolved = resolve_text(words, base) if words else None
        if resolved is not None:
            refs.append(DateRef(text=words, value=resolved.value, granularity=resolved.granularity, start=start,
                                end=start + len(words), reason=resolved.reason))
    return refs


@lru_cache(maxsize=4096)
def resolve_text(text: str, base: date | None) -> Resolved | None:
    """A free temporal text's value ("Christmas", "04/07/2025"); None when it is no date (a duration, an age).

    >>> resolve_text("three years", date(2025, 7, 4)) is None, resolve_text("2024", None).value
    (True, '2024')
    """
    low = text.lower()
    if _NOT_A_DATE.search(low) or (_HAS_UNIT.search(low) and not _ANCHOR.search(low)):
        return None  # a duration, an age, a frequency
    if _YEAR_ONLY.fullmatch(text):
        return Resolved(text, "year")
    if _ABSOLUTE_HINT.search(low):
        if base is None and not _YEAR_IN.search(text):
            return Resolved(None, "unknown", NO_BASE)
        resolved = _dateparser(text, base or date(2000, 1, 1))
        return None if resolved.value is None and not _YEAR_IN.search(text) else resolved  # "Jan Vermeer"
    if any(ch.isdigit() for ch in low) or not _TEMPORAL_WORD.search(low):
        return None  # "Klopp, 47", "in his 30s", a score: numbers the model took for dates
    if _RELATIVE_TO_EVENT.search(low):
        return Resolved(None, "unknown", "relative to another event, not to publication")
    return Resolved(None, "unknown", VAGUE)


def _dateparser(text: str, base: date) -> Resolved:
    """``dateparser``'s reading of a text, English only and preferring the past, at the precision it found;
    else the year the text names ("as early as 1911", "her 2010 marriage")."""
    found = _parser(base).get_date_data(text)
    day, period = found.date_obj, found.period
    if day is None:
        year = _YEAR_IN.search(text)
        return Resolved(year[0], "year") if year else Resolved(None, "unknown", "could not resolve")
    if period == "year":
        return Resolved(f"{day.year:04d}", "year")
    if period == "month":
        return Resolved(f"{day.year:04d}-{day.month:02d}", "month")
    if period == "week":
        return Resolved(iso_week(day.date()), "week")
    if period == "time" and re.search(r"\d[:.]\d\d|\b(?:am|pm)\b", text.lower()):
        return Resolved(f"{day.hour:02d}:{day.minute:02d}", "time")
    return Resolved(day.date().isoformat(), "day")


@lru_cache(maxsize=32)
def _parser(base: date) -> DateDataParser:
    """One ``dateparser`` parser per publication date (its relative base), without language detection."""
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=["en"], settings=settings)


def _in_name(doc: Doc, start: int, end: int) -> bool:
    """A match inside a name is no date: "Theresa May", "the Sunday Times", "Good Friday Agreement"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(tok.ent_type_ in NAME_LABELS for tok in span)


def _tense(doc: Doc, start: int, end: int) -> int:
    """The tense of the clause holding the expression: 1 future ("will meet on Friday", "due in August"),
    -1 past ("met on Friday"), 0 unmarked ("meets on Friday")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    tok = span.root if span is not None else None
    for _ in range(8):
        if tok is None:
            return 0
        if tok.lower_ in FUTURE_WORDS:
            return 1
        if tok.pos_ in ("VERB", "AUX", "ADJ"):
            auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
            if auxes & FUTURE_AUX and "have" not in auxes:
                return 1
            if tok.dep_ != "xcomp":
                past = tok.tag_ == "VBD" or bool(auxes & PAST_AUX) or (tok.tag_ == "VBN" and not auxes)
                return -1 if past else 0
        tok = None if tok.head.i == tok.i else tok.head
    return 0


def _describes_plural(doc: Doc, start: int, end: int) -> bool:
    """"overnight" as an adjective of a plural ("overnight attacks have escalated"): a kind, not a night."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    return tok.dep_ in ("amod", "compound", "nmod") and tok.head.tag_ == "NNS"
