"""Rules that find temporal expressions in text and resolve them against a publication date.

Plain text and date arithmetic only, no spaCy: ``dates.py`` runs these patterns over a parsed
article and decides which matches to keep. Every resolver returns a ``Resolved`` value:

- a day "2025-07-04", an ISO week "2025-W27", a month "2025-06", a year "2024", a time "10:32";
- or a range "start/end" ("2025-07-03/2025-07-04"), with ".." for an open start ("../2025-06-04");
- or no value and the reason why ("no publication date to resolve against").

Relative expressions without a stated year ("in June", "on Friday", "July 4") are read as the most
recent such date on or before publication, unless the sentence speaks of the future ("will meet
on Friday"): then the next one on or after it. The resolvers get that as ``tense``: 1 future, -1
past, 0 unmarked. An undated day-and-month up to ``AHEAD_DAYS`` after publication is the coming one
unless the verb is in the past ("the vote on May 7"), and one a future verb points to that fell up
to ``STALE_DAYS`` before publication stays in that year ("due on April 9"); "this Saturday" and
"this weekend" are the coming ones unless the verb is in the past.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from newsdesk.language.quantity_lexicon import NUMBER_WORDS

NO_BASE = "no publication date to resolve against"
AHEAD_DAYS = 45
STALE_DAYS = 14
VAGUE = "too vague to resolve"

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
                            "saturday": 5, "sunday": 6}
AMOUNTS: dict[str, int] = {**NUMBER_WORDS, "a": 1, "an": 1, "a couple of": 2, "couple of": 2}
VAGUE_AMOUNTS = frozenset({"few", "a few", "several", "many"})
# Prepositions that make a bare month or year a date ("in June", "since 2014").
DATE_PREPOSITIONS = ("in", "since", "during", "until", "till", "by", "from", "through", "throughout", "before",
                     "after", "of", "for", "to", "between", "and", "last", "next", "this", "early", "late", "mid")

_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_AMOUNT = r"(?i:a couple of|couple of|a few|few|several|an|a|\d+|" + "|".join(NUMBER_WORDS) + ")"
_UNIT = r"(?i:second|minute|hour|day|night|week|fortnight|month|year|decade)s?"
_SPAN_UNIT = r"(?i:hour|day|night|week|fortnight|month|year|decade)s?"  # "the last 10 minutes" is of a match
_QUALIFIER = r"(?i:more than|just over|well over|over|at least|less than|just under|under|nearly|almost|about|" \
             r"around|some|roughly|only|barely)"
_EDGE = r"(?i:early|late|mid|the end of|the start of|the beginning of|the middle of)"
_AMPM = r"(?i:a\.m\.|p\.m\.|am|pm)"


class Resolved(NamedTuple):
    """A temporal expression's value and granularity, or no value and the reason why."""

    value: str | None
    granularity: str
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of temporal expression: its pattern and how to resolve a match of it.

    ``bare``: the match is a date only after a preposition or with a modifier ("in June", not "June").
    ``tense``: the resolver needs the tense of the clause holding the match.
    ``needle``: lower-case text any match contains; a text without it is not searched (speed).
    """

    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], date | None, int], Resolved]
    bare: bool = False
    tense: bool = False
    needle: str | None = None


# ---- date arithmetic ---------------------------------------------------------------------------


def shift_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day of the month clamped ("Mar 31" - 1 month → "Feb 28")."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def shift(day: date, amount: int, unit: str) -> date:
    """``day`` moved by ``amount`` (negative: back) of a time unit; hours and less move whole days."""
    unit = unit.lower().rstrip("s")
    if unit in ("month", "year", "decade"):
        return shift_months(day, amount * {"month": 1, "year": 12, "decade": 120}[unit])
    days = {"day": 1, "night": 1, "week": 7, "fortnight": 14}.get(unit)
    if days is None:  # hours, minutes, seconds
        hours = amount * {"hour": 1, "minute": 1 / 60, "second": 1 / 3600}[unit]
        return day + timedelta(days=int(hours / 24))
    return day + timedelta(days=amount * days)


def at_granularity(day: date, unit: str) -> Resolved:
    """``day`` written as precisely as a time unit says ("two weeks ago" → a week, "a month ago" → a month)."""
    unit = unit.lower().rstrip("s")
    if unit in ("week", "fortnight"):
        return Resolved(iso_week(day), "week")
    if unit == "month":
        return Resolved(f"{day.year:04d}-{day.month:02d}", "month")
    if unit in ("year", "decade"):
        return Resolved(f"{day.year:04d}", "year")
    return Resolved(day.isoformat(), "day")


def iso_week(day: date) -> str:
    """The ISO week of a day: "2025-W27"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def day_range(first: date, last: date) -> Resolved:
    return Resolved(f"{first.isoformat()}/{last.isoformat()}", "range")


def _calendar_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _amount(word: str) -> int | None:
    """The number of an amount ("a" → 1, "three" → 3, "12" → 12); None for vague ones ("a few")."""
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else AMOUNTS.get(word)


# ---- resolvers ---------------------------------------------------------------------------------


def resolve_calendar_day(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    """"July 4", "4 July 2025", "July 3-4": a day, or a range of days."""
    groups = m.groupdict()
    month, day = _month_number(groups["month"]), _day_number(groups["day"])
    if groups.get("year"):
        first = _calendar_date(int(groups["year"]), month, day)
    elif base is None:
        return Resolved(None, "day", NO_BASE)
    else:
        first = _nearest(base, month, day, tense)
    if first is None:
        return Resolved(None, "unknown", "not a calendar date")
    if groups.get("day2") and (last := _calendar_date(first.year, month, _day_number(groups["day2"]))):
        return day_range(first, last) if last > first else Resolved(None, "unknown", "not a range of days")
    return Resolved(first.isoformat(), "day")


def _nearest(base: date, month: int, day: int, tense: int) -> date | None:
    """The year that puts an undated day on or before ``base`` (on or after it for the future), give or take
    the ``AHEAD_DAYS`` and ``STALE_DAYS`` margins."""
    this_year = _calendar_date(base.year, month, day)
    if this_year is None:  # 29 February
        return None
    if tense > 0 and this_year < base - timedelta(days=STALE_DAYS):
        return _calendar_date(base.year + 1, month, day)
    if tense <= 0 and this_year > base + timedelta(days=AHEAD_DAYS if tense == 0 else 0):
        return _calendar_date(base.year - 1, month, day)
    return this_year


def resolve_weekday(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    """"Friday", "last Friday", "next Friday", "Friday, July 4" (the date, when written, wins)."""
    groups = m.groupdict()
    if groups.get("month"):
        return resolve_calendar_day(m, base, tense)
    if base is None:
        return Resolved(None, "day", NO_BASE)
    weekday, modifier = WEEKDAYS[groups["weekday"].lower()], (groups.get("mod") or "").lower()
    back, ahead = (base.weekday() - weekday) % 7, (weekday - base.weekday()) % 7
    if modifier == "last":
        back = back or 7
    if modifier == "next":
        ahead = ahead or 7
    forward = modifier in ("next", "coming") or (tense > 0 and modifier != "last") \
        or (modifier == "this" and tense >= 0)
    day = base + timedelta(days=ahead) if forward else base - timedelta(days=back)
    return Resolved(day.isoformat(), "day")


def resolve_month(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    """"in June", "last June", "June 2024", "early June" → a month; past months unless said otherwise."""
    groups = m.groupdict()
    month = _month_number(groups["month"])
    if groups.get("year"):
        return Resolved(f"{int(groups['year']):04d}-{month:02d}", "month")
    if base is None:
        return Resolved(None, "month", NO_BASE)
    modifier = (groups.get("mod") or "").strip(" -").lower()
    if modifier == "last":
        year = base.year if month < base.month else base.year - 1
    elif modifier == "next":
        year = base.year if month > base.month else base.year + 1
    elif modifier == "this":
        year = base.year
    elif tense > 0:
        year = base.year if month >= base.month else base.year + 1
    else:
        year = base.year if month <= base.month else base.year - 1
    return Resolved(f"{year:04d}-{month:02d}", "month")


def resolve_year(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    return Resolved(m["year"], "year")


def resolve_year_range(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    """"2010-11" (a season), "1999-2001", "2009-13": a range of years; not one when the end is not later."""
    first, last = m["year"], m["last"]
    last = first[: 4 - len(last)] + last
    return Resolved(f"{first}/{last}", "range") if last > first else Resolved(None, "unknown", "not a range of years")


def resolve_decade(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    start = int(m["decade"])
    return Resolved(f"{start}/{start + 9}", "range")


def resolve_iso(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    day = _calendar_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return Resolved(day.isoformat(), "day") if day else Resolved(None, "unknown", "not a calendar date")


def resolve_relative(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    """"this week", "last month", "next year", "the past week", "this weekend", "last night"."""
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if unit in ("summer", "winter", "spring", "autumn", "fall"):
        return Resolved(None, "unknown", "seasons are not resolved (they differ by hemisphere)")
    if base is None:
        return Resolved(None, "unknown", NO_BASE)
    step = {"this": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}[rel]
    if unit == "decade":
        return _decade(base, step)
    if unit == "weekend":
        return _weekend(base, rel, tense)
    if unit == "night":
        return day_range(base + timedelta(days=min(step, 0)), base + timedelta(days=min(step, 0) + 1))
    if unit in ("morning", "afternoon", "evening"):
        return Resolved((base + timedelta(days=step)).isoformat(), "day")
    if rel == "past":
        return day_range(shift(base, -1, unit), base)
    return at_granularity(shift(base, step, unit), unit)


def _decade(base: date, step: int) -> Resolved:
    """"this decade" → the calendar decade; "the past decade" → the ten years to publication, "the next" from it."""
    if step == 0:
        start = base.year - base.year % 10
        return Resolved(f"{start}/{start + 9}", "range")
    return day_range(shift(base, -1, "decade"), base) if step < 0 else day_range(base, shift(base, 1, "decade"))


def _weekend(base: date, rel: str, tense: int) -> Resolved:
    """The Saturday–Sunday meant: "last weekend", "next weekend", "this weekend" (the coming one unless past)."""
    in_weekend = base.weekday() >= 5
    saturday = base - timedelta(days=(base.weekday() - 5) % 7)  # of the weekend on or before publication
    if rel in ("next", "coming") or (rel == "this" and tense >= 0 and not in_weekend):
        saturday += timedelta(days=7)
    elif rel in ("last", "previous", "past") and in_weekend:
        saturday -= timedelta(days=7)
    return day_range(saturday, saturday + timedelta(days=1))


def resolve_deictic(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    """"today", "tonight", "yesterday", "tomorrow", and "overnight" (the night before publication)."""
    word = m["word"].lower()
    if base is None:
        return Resolved(None, "range" if word == "overnight" else "day", NO_BASE)
    if word == "overnight":
        return day_range(base - timedelta(days=1), base)
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    return Resolved((base + timedelta(days=offset)).isoformat(), "day")


def resolve_ago(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    """"two days ago", "a month ago"; "more than a month ago" → a range ending a month before publication."""
    amount = _amount(m["amount"])
    if amount is None:
        return Resolved(None, "unknown", VAGUE)
    if base is None:
        return Resolved(None, "unknown", NO_BASE)
    day, qualifier = shift(base, -amount, m["unit"]), (m["qual"] or "").lower()
    if qualifier in ("more than", "over", "just over", "well over", "at least"):
        return Resolved(f"../{day.isoformat()}", "range")
    if qualifier in ("less than", "under", "just under", "only", "barely"):
        return day_range(day, base)
    return at_granularity(day, m["unit"])


def resolve_span(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    """"the past three years", "the last 24 hours", "the next two weeks": a range from or to publication."""
    amount = _amount(m["amount"])
    if amount is None:
        return Resolved(None, "unknown", VAGUE)
    if base is None:
        return Resolved(None, "range", NO_BASE)
    if m["rel"].lower() in ("next", "coming"):
        return day_range(base, shift(base, amount, m["unit"]))
    return day_range(shift(base, -amount, m["unit"]), base)


def resolve_vague(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    return Resolved(None, "unknown", VAGUE)


def resolve_time(m: re.Match[str], base: date | None, tense: int) -> Resolved:
    """"10:32", "3pm", "10.30am", "noon": a time of day "HH:MM"."""
    if m["word"]:
        return Resolved("12:00" if m["word"].lower() == "noon" else "00:00", "time")
    hour, minute = int(m["hour"] or m["h12"]), int(m["minute"] or m["m12"] or 0)
    ampm = (m["ampm"] or m["ampm12"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    return Resolved(f"{hour:02d}:{minute:02d}", "time")


# ---- the rules, in order of preference when matches overlap ------------------------------------

RULES: tuple[Rule, ...] = (
    Rule("iso", re.compile(rf"\b(?P<year>{_YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"), resolve_iso),
    Rule("weekday", re.compile(
        rf"\b(?:(?P<mod>(?i:last|next|this|coming))\s+)?(?P<weekday>{_WEEKDAY})\b"
        rf"(?:,?\s+(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?:,?\s+(?P<year>{_YEAR})\b)?)?"
        r"(?:\s+(?i:morning|afternoon|evening|night)\b)?"), resolve_weekday, tense=True),
    Rule("month_day", re.compile(
        rf"\b(?:{_EDGE}[\s-]+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:\s*[-–]\s*(?P<day2>{_DAY}))?\b"
        rf"(?:,?\s+(?P<year>{_YEAR})\b)?"), resolve_calendar_day, tense=True),
    Rule("day_month", re.compile(
        rf"\b(?P<day>{_DAY})(?:\s*[-–]\s*(?P<day2>{_DAY}))?\s+(?:of\s+)?(?P<month>{_MONTH})(?![\w-])"
        rf"(?:,?\s+(?P<year>{_YEAR})\b)?"), resolve_calendar_day, tense=True),
    Rule("month_year", re.compile(
        rf"\b(?:(?P<mod>{_EDGE})[\s-]+)?(?P<month>{_MONTH}),?\s+(?:of\s+)?(?P<year>{_YEAR})\b"), resolve_month),
    Rule("month", re.compile(
        rf"\b(?:(?P<mod>(?i:early|late|mid|last|next|this|earlier in|later in))[\s-]+)?(?P<month>{_MONTH_FULL})\b"
        r"(?![\w-])"), resolve_month, bare=True, tense=True),
    Rule("decade", re.compile(r"\b(?:(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?(?P<decade>(?:1[89]|20)\d0)s\b"),
         resolve_decade, needle="0s"),
    Rule("year_range", re.compile(rf"\b(?P<year>{_YEAR})[-–/](?P<last>{_YEAR}|\d\d)\b(?![-–/]\d)"), resolve_year_range),
    Rule("year", re.compile(rf"\b(?:(?P<mod>{_EDGE})[\s-]+)?(?P<year>{_YEAR})\b(?![-,.]?\d)"), resolve_year,
         bare=True),
    Rule("ago", re.compile(rf"\b(?:(?P<qual>{_QUALIFIER})\s+)?(?P<amount>{_AMOUNT})\s+(?P<unit>{_UNIT})\s+(?i:ago)\b"),
         resolve_ago, needle="ago"),
    Rule("span", re.compile(
        rf"\b(?i:the\s+)?(?P<rel>(?i:past|last|previous|next|coming))\s+(?P<amount>{_AMOUNT})\s+(?P<unit>{_SPAN_UNIT})\b"),
        resolve_span),
    Rule("relative", re.compile(
        r"\b(?:(?i:earlier|later|early|late)\s+)?(?:(?i:the)\s+)?(?P<rel>(?i:this|last|next|past|previous|coming))\s+"
        r"(?P<unit>(?i:week|month|year|decade|weekend|morning|afternoon|evening|night|summer|winter|spring|autumn|fall))"
        r"\b(?!-)"), resolve_relative, tense=True),
    Rule("deictic", re.compile(r"\b(?P<word>(?i:today|tonight|yesterday|tomorrow|overnight))\b"), resolve_deictic),
    Rule("recent", re.compile(r"\b(?i:recent|the coming|the past few|the last few)\s+(?i:days|weeks|months|years)\b"),
         resolve_vague),
    Rule("time", re.compile(
        rf"(?<![\d:.])(?:(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s*(?P<ampm>{_AMPM}))?(?![\d:])"
        rf"|(?P<h12>1[0-2]|0?[1-9])(?:[.:](?P<m12>[0-5]\d))?\s*(?P<ampm12>{_AMPM})(?!\w)"
        r"|\b(?P<word>(?i:noon|midnight))\b)"), resolve_time),
)
