"""When an attack happened, as a sentence tells it: the night (dated by the morning it ends), the day, the month, or
the period a total counts ("this week", "since the start of the war", "over the past day")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span, Token

from newsdesk.events.sentences import span_text
from newsdesk.schema import DateRef, EventDate

NIGHT_AFTER = re.compile(r"^\s*night\b", re.IGNORECASE)  # "Monday night" ends on Tuesday morning



NIGHT_OF = re.compile(r"\bnight of (?:the )?$", re.IGNORECASE)  # "on the night of January 27": a night, dated as told



NIGHT_END = re.compile(r"\bnight$", re.IGNORECASE)  # the date's own words: "Monday night"



LATE_ON = re.compile(r"\blate (?:on )?$", re.IGNORECASE)  # "explosions late on Monday": the night into Tuesday



DAYTIME = re.compile(r"\b(?:morning|afternoon|evening)\b", re.IGNORECASE)  # "late Friday evening": that day



INTO = re.compile(r"\b(?:into|to)\s*$", re.IGNORECASE)  # "overnight into Friday", "the night of 11 to 12 March"



SINCE = re.compile(r"\b(?:since|until|before|after)(?: the(?: night of)?| early| mid| late)?\s*$", re.IGNORECASE)



# a count over a period, not a night: "since the start of the war", "throughout November", "this week"
PERIOD = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak)|(?:the |russia's )?(?:full[- ]scale )?invasion|february 2022|2022)|"
    r"\b(?:throughout (?:the )?(?:month|week|year|summer|winter|autumn|spring|january|february|march|april|may|june|"
    r"july|august|september|october|november|december)|during the month of|over the (?:past|last) (?:week|month|year))"
    r"\b|\b(?:this|last|that|the past) "
    r"(?:week|month|winter|summer|autumn|spring|year)\b|\bin (?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december) alone\b|\bper (?:day|night|week|month)\b|"
    r"\bsince (?:january|february|march|april|may|june|july|august|september|october|november|december)\b|"
    r"\b(?:previous|prior) (?:month|week|year)\b|\bmonth-on-month\b|\b(?:a|the) month earlier\b|"
    r"\b(?:over|during|throughout) the (?:\w+ )?(?:winter|summer|autumn|spring)(?: months)?\b|\bwinter months\b|"
    r"\b(?:per ?cent|%) (?:increase|decrease|rise|drop|jump|fall)\b",  # a comparison of periods
    re.IGNORECASE)



PAST_DAY = re.compile(r"\b(?:over|in|during) the (?:past|last|previous) (?:day|24 hours)\b", re.IGNORECASE)



SINCE_FAR = re.compile(r"\bsince (?:the |its |russia's )?(?:start|beginning|outbreak|full[- ]scale|invasion|war)"
                       r"[^,.;:]*$", re.IGNORECASE)  # "since the full-scale invasion in February 2022"



TONIGHT = re.compile(r"\b(?:overnight|last night|tonight|on the night of|this morning)\b", re.IGNORECASE)



NIGHT = re.compile(r"\b(?:night|overnight|evening|early hours|dawn|before sunrise)\b", re.IGNORECASE)



def date_of(sent: Span, dates: list[DateRef], heads: list[Token], published: date | None
             ) -> tuple[date | None, str | None, bool, DateRef | None]:
    """(day, month, told as a night, the DateRef) of a sentence: of the dates attached to its attack
    words if any ("launched … in July, according to data published on Friday" → July), a night first
    ("overnight", "Monday night"), else the first day, else the first month.

    "Monday night" is dated by the morning it ends (Tuesday) unless that is after publication;
    "the night of 12 March" is left as 12 March, as air forces' summaries mean the night ending then."""
    refs = [r for r in dates if sent.start_char <= r.start < sent.end_char and r.value]
    attached = _with_other_end(sent, [r for r in refs if _attached(sent, r, heads)], refs)
    days: list[tuple[date, bool, DateRef]] = []
    month: tuple[str, DateRef] | None = None
    for ref in attached or refs:
        before = span_text(sent)[max(0, ref.start - sent.start_char - 20):ref.start - sent.start_char]
        after = span_text(sent)[ref.end - sent.start_char:ref.end - sent.start_char + 12]
        if SINCE.search(before) or SINCE_FAR.search(span_text(sent)[:ref.start - sent.start_char][-60:]):
            continue  # "the largest since the night of Dec 27", "since February 2022": a bound, not this attack's day
        if ref.granularity in ("day", "time"):
            day = iso_day(ref.value[:10])
            evening = bool(NIGHT_END.search(ref.text) or NIGHT_AFTER.search(after) or LATE_ON.search(before)
                           and not DAYTIME.search(ref.text + " " + after))
            if day and evening and not INTO.search(before) and (published is None or day < published):
                day = day + timedelta(days=1)  # a night is dated by the morning it ends
            if day:
                days.append((day, evening or bool(NIGHT.search(ref.text) or NIGHT_OF.search(before)), ref))
        elif ref.granularity == "range" and "/" in ref.value:
            first, last = (iso_day(v[:10]) for v in ref.value.split("/", 1))
            if first and last and (last - first).days <= 1:
                days.append((last, True, ref))
        elif ref.granularity == "month" and month is None:
            month = (ref.value[:7], ref)
    days = _spans_joined(sent, days)
    relative = [d for d in days if RELATIVE_NIGHT.match(d[2].text.strip())]
    said_on = [(day, r) for r in refs if r.granularity == "day" and (day := iso_day(r.value[:10])) and ON_DAY.search(
        span_text(sent)[max(0, r.start - sent.start_char - 12):r.start - sent.start_char])
        and (published is None or day <= published)]
    if relative and said_on:  # "said early on Sunday it had destroyed 22 drones in an overnight attack": the night
        return said_on[0][0], None, True, said_on[0][1]  # that ended on the Sunday, whenever the report appeared
    if days:
        day, night, ref = next((d for d in days if d[1]), days[0])
        return day, None, night, ref
    if month:
        return None, month[0], False, month[1]
    return None, None, False, None



# what joins the two ends of a night: "between late Wednesday and early Thursday", "from 10:00 on December 22 to 09:00
# on December 23" ("overnight Monday" stays as the date stage reads it: outlets use it for either night)
JOINED = re.compile(r"[\s,]*(?:and|to|into|until|till|through|[-–—])?\s*(?:(?:early|late|on|at|the|morning|of|"
                    r"\d{1,2}[:.]\d{2}|\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?|[ap]\.?m\.?|local time)\s+)*", re.IGNORECASE)



RELATIVE_NIGHT = re.compile(r"^(?:overnight|last night|tonight|during the night)$", re.IGNORECASE)



# "overnight into Monday": that day ("overnight Monday" is either night, as outlets use it: left to the other dates)
NIGHT_TO_DAY = re.compile(r"\s*(?:into|to)\s+(?:early\s+)?", re.IGNORECASE)



ON_DAY = re.compile(r"\b(?:early |late )?on (?:the morning of )?$", re.IGNORECASE)



def _spans_joined(sent: Span, days: list[tuple[date, bool, DateRef]]) -> list[tuple[date, bool, DateRef]]:
    """Two dates that are a night's two ends give the morning it ends."""
    text, offset = span_text(sent), sent.start_char  # (Doc.text is rebuilt at every call: the sentence's is enough)
    for (first, _, a), (second, _, b) in zip(days, days[1:], strict=False):
        between = text[a.end - offset:b.start - offset]
        if b.start < a.end or JOINED.fullmatch(between) is None:
            continue
        joiner = between.strip(" ,").split(" ")[0].lower()
        if (second - first).days == 1 and joiner and (
                joiner != "and" or "between" in text[max(0, a.start - offset - 60):a.start - offset].lower()):
            return [(second, True, b)]
    for (_, _, a), (day, _, b) in zip(days, days[1:], strict=False):  # "overnight Monday", "overnight into Friday"
        if RELATIVE_NIGHT.match(a.text.strip()) and b.granularity == "day" and b.start >= a.end and \
                NIGHT_TO_DAY.fullmatch(text[a.end - offset:b.start - offset]):
            return [(day, True, b)]
    return days



def _with_other_end(sent: Span, attached: list[DateRef], refs: list[DateRef]) -> list[DateRef]:
    """The dates attached to attack words, and the other end of a night one of them begins ("between 23:00 on
    Saturday and 05:00 on Sunday": the parse hangs only "Saturday" off the verb)."""
    text, offset = span_text(sent), sent.start_char
    chain = list(attached)
    for a, b in zip(refs, refs[1:], strict=False):
        between = text[a.end - offset:b.start - offset]
        if a in chain and b not in chain and b.start >= a.end and JOINED.fullmatch(between):
            chain.append(b)
    if sum(r.granularity == "day" for r in chain) < 2:
        return attached  # no night's two ends ("from 19:00 on 11 March" alone is the start of the night of 12 March)
    return sorted(chain, key=lambda r: r.start)



def _attached(sent: Span, ref: DateRef, heads: list[Token]) -> bool:
    """Whether a date hangs off one of the sentence's attack words within three steps of the parse."""
    span = sent.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or not heads:
        return False
    token = span.root
    for _ in range(3):
        if token.head.i == token.i:
            return False
        token = token.head
        if token in heads:
            return True
    return False



def written_out(ref: DateRef | None) -> bool:
    """Whether a date is written as a calendar date ("December 23", "on March 9"), not a weekday or "overnight"."""
    return ref is not None and any(ch.isdigit() for ch in ref.text)



def iso_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None



WEEK = re.compile(r"\b(?:this|last|past|previous|the past|over the|during the) week\b|\bin a week\b|\bweekly\b",
                  re.IGNORECASE)



WAR_START = re.compile(r"\bsince the (?:start|beginning|outbreak) of (?:the |its |russia.s )?(?:full[- ]scale )?"
                       r"(?:war|invasion)|\bsince (?:the |its |russia's )?(?:full[- ]scale )?invasion(?: began)?\b"
                       r"|\bsince february 2022\b", re.IGNORECASE)



YEAR_START = re.compile(r"\bsince the (?:start|beginning) of (?:the year|this year|(20\d\d))\b", re.IGNORECASE)



INVASION = date(2022, 2, 24)



WINTER = re.compile(r"\b(?:(?:over|during|throughout) the (?:\w+ )?winter(?: months)?|winter months|this winter)\b",
                    re.IGNORECASE)



def period_span(text: str, end: date | None, month: str | None) -> EventDate | None:
    """The period a count covers, when its sentence says: "this week" (the seven days to the day it was said or
    published), a month named or "last month", "since the start of the war" (from 24 February 2022), "since the start
    of the year"."""
    if month is not None:
        return EventDate(value=month, granularity="month", text=None)
    if end is None:
        return None
    if WEEK.search(text):
        return EventDate(value=f"{(end - timedelta(days=6)).isoformat()}/{end.isoformat()}", granularity="range",
                         text=WEEK.search(text).group(0))
    if m := WAR_START.search(text):
        return EventDate(value=f"{INVASION.isoformat()}/{end.isoformat()}", granularity="range", text=m.group(0))
    if m := WINTER.search(text):  # the winter that ended last (or is under way): December to February
        first = end.year - 1 if end.month <= 11 else end.year
        last_day = date(first + 1, 3, 1) - timedelta(days=1)
        return EventDate(value=f"{first}-12-01/{min(last_day, end).isoformat()}", granularity="range",
                         text=m.group(0))
    if m := YEAR_START.search(text):
        year = int(m.group(1)) if m.group(1) else end.year
        return EventDate(value=f"{year}-01-01/{end.isoformat()}", granularity="range", text=m.group(0))
    return None



def recent(day: date, published: date | None) -> bool:
    """Whether an attack on ``day`` can be the one a report published on ``published`` is about (a night or two
    before it)."""
    return published is None or 0 <= (published - day).days <= 2
