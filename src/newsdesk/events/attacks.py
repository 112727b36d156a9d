"""Attacks: one event per attack however many sentences tell it; two nights stay two events.

1. Each sentence is read for *clues*: weapon and casualty figures (``figures``), attack verbs and
   nouns ("launched", "barrage"), weapons named without a figure, a "record" claim, and its date
   (a night — "overnight", "early hours of July 4" — is dated by the morning it ends).
2. Sentences with clues are grouped into *episodes*: a sentence dated to another night opens (or
   joins) that night's episode; an undated sentence belongs to the episode of the sentence before
   it in the same paragraph, else to the article's main attack; a count over a month ("a record
   6,297 drones in July") is an episode of its own, subtype ``period total``.
3. An episode's figures merge into one event: weapon entries keyed by kind and model, a total plus
   its breakdown kept as the breakdown (the remainder, when there is one, as its own entry), so the
   entries never overlap and sum to the total; killed and wounded take the largest figure told
   (tolls only rise); the actor, target and place come from ``parties``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from newsdesk.events.figures import (
    INTERCEPT_PARTICLES,
    INTERCEPT_VERBS,
    CasualtyFigure,
    WeaponFigure,
    casualty_figures,
    span_text,
    weapon_figures,
)
from newsdesk.events.merge import (
    alternates,
    casualties,
    casualties_by_place,
    merge_weapons,
    record_of,
    rescued,
    subtype_of,
)
from newsdesk.events.parties import EntityIndex, actor_of, as_state, is_country, owner_of, place_of, states_hit
from newsdesk.events.records import record_claim
from newsdesk.events.taxonomy import MISSILE_KINDS, classify, kind_of
from newsdesk.schema import DateRef, Event, EventDate, Party, Quantity
from newsdesk.schema import Span as CharSpan

ATTACK_NOUNS = frozenset({
    "attack", "strike", "airstrike", "barrage", "bombardment", "assault", "shelling", "raid", "salvo",
    "onslaught", "bombing", "blitz", "volley", "wave",
})
ATTACK_VERBS = frozenset({
    "attack", "strike", "hit", "pound", "pummel", "pummell", "bombard", "shell", "target", "launch", "fire",
    "batter", "blast", "rain", "unleash", "hammer", "slam", "bomb", "rock", "fly", "drop",
})
MODALS = frozenset({"could", "would", "may", "might", "can", "will", "shall", "should", "'ll"})
NIGHT_AFTER = re.compile(r"^\s*night\b", re.IGNORECASE)  # "Monday night" ends on Tuesday morning
NIGHT_END = re.compile(r"\bnight$", re.IGNORECASE)  # the date's own words: "Monday night"
INTO = re.compile(r"\b(?:into|to)\s*$", re.IGNORECASE)  # "overnight into Friday", "the night of 11 to 12 March"
THE_MONTH = re.compile(r"\b(?:over|during|in|for) (?:the|that|this) month\b", re.IGNORECASE)
SEPARATELY = re.compile(r"(?:separately|elsewhere|in a separate (?:attack|strike|incident)|in another)\b",
                        re.IGNORECASE)
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


@dataclass
class Clue:
    """What one sentence says about an attack."""

    sent: Span
    number: int
    paragraph: int
    weapons: list[WeaponFigure]
    casualties: list[CasualtyFigure]
    verbs: list[Token]
    nouns: list[Token]
    named: list[tuple[str, str | None]]  # weapons named without a figure
    day: date | None = None
    month: str | None = None
    night: bool = False
    date_ref: DateRef | None = None
    record: tuple[str, str | None] | None = None  # ("record" | "bounded_record", its bound)
    actor: Party | None = None  # the sentence's own attacker, when it names one
    period: bool = False  # a count over a period ("since the start of the war", "this week"), never a night
    span: EventDate | None = None  # that period, when the sentence says which ("this week" → its seven days)
    states: frozenset[str] = frozenset()  # the states it places things in ("in Kyiv" → Ukraine)

    @property
    def weak(self) -> bool:
        """Casualties alone ("Two people were killed"): part of an attack told nearby, never one of its own."""
        return not (self.weapons or self.verbs or self.nouns or self.named)

    def is_attack(self) -> bool:
        if self.weapons or self.casualties:
            return True
        told = bool(self.verbs or self.nouns)
        if not told:
            return False
        singular = any(n.tag_ != "NNS" for n in self.nouns)  # "the attack", not "attacks" in general
        if not (self.verbs or singular or self.record):  # "the drones Moscow has been using in its attacks",
            return False  # said on Monday: talk of attacks, whatever day it was said
        specific = self.day is not None or self.month is not None or singular
        return bool(self.named or self.casualties or self.record) and specific or (
            singular and self.day is not None)


@dataclass
class Episode:
    clues: list[Clue] = field(default_factory=list)
    day: date | None = None
    month: str | None = None
    night: bool = False
    actor: Party | None = None
    period: bool = False  # a count over a period that is not a month ("since the start of the war")

    def fits(self, clue: Clue) -> bool:
        if clue.day is None or self.day is None or not self.same_side(clue):
            return False
        gap = abs((clue.day - self.day).days)
        return gap == 0

    def same_side(self, clue: Clue) -> bool:
        """Whether the clue's attacker (if it names one) is this episode's (if it has one), and not the state an
        episode with no attacker yet hit ("… in Kyiv" then "a Ukrainian drone attack in Russia": two attacks)."""
        if clue.actor is None:  # "In Russia, meanwhile, one woman died …": not what Russia's own attack did
            own = clue.casualties and not clue.weapons and self.actor is not None and clue.states == {self.actor.name}
            return not own
        if self.actor is None:
            return not any(clue.actor.name in c.states for c in self.clues)
        return clue.actor.name == self.actor.name

    def add(self, clue: Clue) -> None:
        self.clues.append(clue)
        self.actor = self.actor or clue.actor


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]


def _date_of(sent: Span, dates: list[DateRef], heads: list[Token], published: date | None
             ) -> tuple[date | None, str | None, bool, DateRef | None]:
    """(day, month, told as a night, the DateRef) of a sentence: of the dates attached to its attack
    words if any ("launched … in July, according to data published on Friday" → July), a night first
    ("overnight", "Monday night"), else the first day, else the first month.

    "Monday night" is dated by the morning it ends (Tuesday) unless that is after publication;
    "the night of 12 March" is left as 12 March, as air forces' summaries mean the night ending then."""
    refs = [r for r in dates if sent.start_char <= r.start < sent.end_char and r.value]
    attached = [r for r in refs if _attached(sent, r, heads)]
    days: list[tuple[date, bool, DateRef]] = []
    month: tuple[str, DateRef] | None = None
    for ref in attached or refs:
        before = span_text(sent)[max(0, ref.start - sent.start_char - 20):ref.start - sent.start_char]
        after = span_text(sent)[ref.end - sent.start_char:ref.end - sent.start_char + 12]
        if SINCE.search(before) or SINCE_FAR.search(span_text(sent)[:ref.start - sent.start_char][-60:]):
            continue  # "the largest since the night of Dec 27", "since February 2022": a bound, not this attack's day
        if ref.granularity in ("day", "time"):
            day = _iso(ref.value[:10])
            evening = bool(NIGHT_END.search(ref.text) or NIGHT_AFTER.search(after))
            if day and evening and not INTO.search(before) and (published is None or day < published):
                day = day + timedelta(days=1)  # a night is dated by the morning it ends
            if day:
                days.append((day, evening or bool(NIGHT.search(ref.text)), ref))
        elif ref.granularity == "range" and "/" in ref.value:
            first, last = (_iso(v[:10]) for v in ref.value.split("/", 1))
            if first and last and (last - first).days <= 1:
                days.append((last, True, ref))
        elif ref.granularity == "month" and month is None:
            month = (ref.value[:7], ref)
    days = _spans_joined(sent, days)
    relative = [d for d in days if RELATIVE_NIGHT.match(d[2].text.strip())]
    said_on = [(day, r) for r in refs if r.granularity == "day" and (day := _iso(r.value[:10])) and ON_DAY.search(
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
                    r"\d{1,2}[:.]\d{2}|[ap]\.?m\.?)\s+)*", re.IGNORECASE)


RELATIVE_NIGHT = re.compile(r"^(?:overnight|last night|tonight|during the night)$", re.IGNORECASE)
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
                joiner != "and" or "between" in text[max(0, a.start - offset - 22):a.start - offset].lower()):
            return [(second, True, b)]
    return days


def _unreal(verb: Token) -> bool:
    """A verb of what could, would or will happen ("could launch", "is able to fire", "plans to strike")."""
    for token in [verb, *list(verb.ancestors)[:2]]:
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in token.children):
            return True
        if token is not verb and token.lemma_.lower() in ("able", "plan", "threaten", "prepare", "intend"):
            return True
    return False


def _attached(sent: Span, ref: DateRef, heads: list[Token]) -> bool:
    """Whether a date hangs off one of the sentence's attack words within three steps of the parse."""
    span = sent.doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or not heads:
        return False
    token = span.root
    for _ in range(3):
        if token.head is token:
            return False
        token = token.head
        if token in heads:
            return True
    return False


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def read_clues(doc: Doc, index: EntityIndex, quantities: list[Quantity], dates: list[DateRef],
               published: date | None = None) -> list[Clue]:
    """The clues of every sentence that has any."""
    starts = _paragraph_starts(doc.text)
    clues = []
    seen = Sides()  # the attackers and the states hit told so far, for the other side of an interception
    last_kind = lead = None
    for number, sent in enumerate(doc.sents):
        if is_caption(sent):
            continue
        weapons, last_kind = weapon_figures(doc, sent, quantities, last_kind, lead)
        launched = [w for w in weapons if w.role == "launched"]
        lead = (launched[0].kind, launched[0].model) if launched else lead
        casualties = casualty_figures(doc, sent, quantities)
        verbs = [t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in ATTACK_VERBS and not _unreal(t)]
        nouns = [t for t in sent if t.pos_ == "NOUN" and t.lemma_.lower() in ATTACK_NOUNS]
        if any(t.pos_ == "VERB" and t.lemma_.lower() in ATTACK_VERBS and _unreal(t) for t in sent) and not verbs:
            continue  # "could soon launch up to 1,000 drones a night": not an attack that happened
        named = []
        for t in sent:
            if t.pos_ in ("NOUN", "PROPN") and not any(f.start <= t.idx < f.end for f in weapons) \
                    and not any(a.lower_ == "from" for a in list(t.ancestors)[:3]):  # "launched from Tu-95 bombers"
                kind, model = kind_of(t.text if t.i == sent.start else doc[t.i - 1:t.i + 1].text)
                if kind is not None and kind not in ("mixed", "aircraft") and (kind, model) not in named:
                    named.append((kind, model))
        if not (weapons or casualties or verbs or nouns):
            continue
        heads = verbs + nouns + [doc.char_span(f.start, f.end, alignment_mode="expand").root.head for f in weapons]
        day, month, night, ref = _date_of(sent, dates, heads, published)
        paragraph = sum(1 for s in starts if s <= sent.start_char) - 1
        clue = Clue(sent, number, paragraph, weapons, casualties, verbs, nouns, named, day, month, night, ref,
                    record_claim(sent) if nouns or verbs or weapons or named else None,
                    _attacker(doc, index, weapons, verbs, nouns, seen), states=states_hit(sent, index))
        seen.attackers.extend([clue.actor.name] if clue.actor is not None else [])
        seen.hit.extend(sorted(clue.states))
        bounded = clue.record is not None and clue.record[0] == "bounded_record"  # "the biggest this year"
        claim = clue.record is not None and not weapons  # "the largest attack since the start of the war": the
        text = span_text(sent)  # war bounds a record
        if PAST_DAY.search(text) and casualties and not weapons and published is not None:
            clue.period = True  # "Russian attacks killed three people over the past day": a day's toll, not the night's
            clue.span = EventDate(value=f"{(published - timedelta(days=1)).isoformat()}/{published.isoformat()}",
                                  granularity="range", text=PAST_DAY.search(text).group(0))
        elif PERIOD.search(text) and not TONIGHT.search(text) and not bounded and not claim:
            if not any(w.role == "launched" for w in weapons):
                continue  # "the 19th drone attack on the city this month": a count of attacks, not an attack
            clue.period = True
            said = [d for r in dates if sent.start_char <= r.start < sent.end_char and r.granularity == "day"
                    and (d := _iso(r.value[:10])) and (published is None or d <= published)]
            if not said and published is not None and published.weekday() == 0:
                said = [published - timedelta(days=1)]  # a Monday's report of "the past week": the week to Sunday
            clue.span = period_span(span_text(sent), max(said, default=clue.day or published), clue.month)
        if clue.is_attack():
            clues.extend(_months_listed(clue, dates) or [clue])
    return clues


def _months_listed(clue: Clue, dates: list[DateRef]) -> list[Clue]:
    """"4,198 drones over Ukraine in March, 3,912 in February, and 2,567 in January", "during March, 87 missiles …,
    during February – 99": one count of the same weapon for each month a sentence lists, each its own monthly
    total, paired in the order told (none unless there are as many counts as months, two or more)."""
    sent, doc = clue.sent, clue.sent.doc
    months = sorted((r for r in dates if sent.start_char <= r.start < sent.end_char and r.granularity == "month"),
                    key=lambda r: r.start)
    launched = [w for w in clue.weapons if w.role == "launched"]
    if len(months) < 2 or not launched:
        return []
    kind, model = launched[0].kind, launched[0].model
    counts = [(w.start, w) for w in launched if w.kind == kind]
    for ref in months:  # "3,912 in February", "during February – 99": a bare number beside a month
        span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is None:
            continue
        before = doc[span.start - 2] if span.start - 2 >= sent.start else None
        after = doc[span.end + 1] if span.end + 1 < sent.end else None
        if before is not None and before.like_num and doc[span.start - 1].lower_ in ("in", "during"):
            bare = before
        elif after is not None and after.like_num and doc[span.end].text in ("–", "—", "-", ":"):
            bare = after
        else:
            continue
        if not any(w.start <= bare.idx < w.end for _, w in counts) and bare.text.replace(",", "").isdigit():
            value = int(bare.text.replace(",", ""))
            counts.append((bare.idx, WeaponFigure(kind, model, "launched", value, "exact", bare.idx,
                                                  bare.idx + len(bare))))
    counts.sort(key=lambda c: c[0])
    if len(counts) != len(months):
        return []
    return [replace(clue, weapons=[w], month=ref.value[:7], day=None, date_ref=ref, period=False, span=None)
            for (_, w), ref in zip(counts, months, strict=True)]


# a photo's caption left in the text: "… in Kyiv, Ukraine, on January 23 2026." / "… November 23, 2022. REUTERS/…"
CAPTION_DATE = re.compile(r"(?:\b(?:january|february|march|april|may|june|july|august|september|october|november|"
                          r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.? \d{1,2},? \d{4}|\b\d{1,2} "
                          r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
                          r",? \d{4})\.?\s*(?:REUTERS/.*|\(.*\))?\s*$", re.IGNORECASE)
CAPTION_CREDIT = re.compile(r"\((?:AP )?Photo ?[:/]|\bvia Getty Images\)|/ ?Photo:|\| ?Photo Credit:|\bREUTERS/[A-Z]|"
                            r"\[REUTERS/|\b(?:handout )?(?:picture|photo|photograph|image) (?:taken|released|provided|"
                            r"obtained)\b|\bin this (?:handout )?(?:image|photo|picture)\b", re.IGNORECASE)


def is_caption(sent: Span) -> bool:
    """A photo caption left in the text, which never makes or dates an attack: a sentence carrying a photo credit, or
    a present-tense description ("A view shows …", "… stands by a window …") ending with a date and its year."""
    text = span_text(sent).strip()
    if CAPTION_CREDIT.search(text):
        return True
    return sent.root.tag_ in ("VBZ", "VBP") and bool(CAPTION_DATE.search(text))


def _attacker(doc: Doc, index: EntityIndex, weapons: list[WeaponFigure], verbs: list[Token], nouns: list[Token],
              seen: Sides | None = None) -> Party | None:
    """A sentence's attacker: whose weapons it counts ("shot down 41 Ukrainian drones" → Ukraine), else the subject
    of its attack verb or the demonym on its attack noun (``parties.actor_of``)."""
    spans = [doc.char_span(f.start, f.end, alignment_mode="expand") for f in weapons]
    found = owner_of(index, [s.root for s in spans if s is not None]) or actor_of(index, verbs, nouns)
    if found is None and any(f.role == "intercepted" for f in weapons) and spans and spans[0] is not None:
        defender = _defender(index, spans[0].sent)
        found = _counterpart(index, defender.name, seen) if defender is not None and seen else None
    return found


def _defender(index: EntityIndex, sent: Span) -> Party | None:
    """Who shot the weapons down: the state subject of a verb of interception ("Ukraine's air defence destroyed",
    "Moscow said it had shot down" — a pronoun is the speaker's)."""
    for verb in sent:
        particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ in ("down", "out")
                         ), "")
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not (lemma in INTERCEPT_VERBS or INTERCEPT_PARTICLES.get(lemma) == particle):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and (subject.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON"
                                                                    for c in subject.children)):
            said = next((a for a in verb.ancestors if a.lemma_.lower() in ("say", "report", "announce", "claim")),
                        None)
            subject = next((c for c in said.children if c.dep_ == "nsubj"), None) if said is not None else None
        if subject is not None:
            party = as_state(index, subject) or owner_of(index, [subject])
            if party is not None and is_country(party.name):
                return party
    return None


@dataclass
class Sides:
    attackers: list[str] = field(default_factory=list)
    hit: list[str] = field(default_factory=list)


def _counterpart(index: EntityIndex, state: str, seen: Sides) -> Party | None:
    """The other side: the attacker other than ``state`` the story has told most so far, else the state hit most."""
    for told in (seen.attackers, seen.hit):
        others = [name for name in told if name != state and is_country(name)]
        if others:
            return index.party(max(set(others), key=others.count))
    return None


def episodes(clues: list[Clue], published: date | None = None) -> list[Episode]:
    """Clues grouped into attacks (see the module docstring)."""
    found: list[Episode] = []
    main: Episode | None = None
    current: Episode | None = None
    pending: list[Clue] = []  # casualties told before any attack: the story's attack, once it is told
    for clue in clues:
        if clue.weak:
            ep = next((e for e in found if e.fits(clue)), None) if clue.day else (
                current if current is not None and current.same_side(clue) else None)
            if ep is not None:
                ep.add(clue)
            elif current is None and clue.day is None:
                pending.append(clue)  # "Two people were killed, officials said." before the attack is told
            continue
        if clue.period and clue.month is not None and (
                month := next((e for e in found if e.month == clue.month and e.same_side(clue)), None)):
            month.add(clue)  # "last month, the invaders launched a total of 2,023 UAVs": the month told before
            current = month
            continue
        if clue.period:  # its own count, with the period clues over the same period
            last = current.clues[-1] if current is not None and current.period else None
            same = last is not None and last.paragraph == clue.paragraph and (
                last.span.value if last.span else None) == (clue.span.value if clue.span else None)
            told = next((e for e in found if e.period and clue.span is not None and any(
                c.span is not None and c.span.value == clue.span.value for c in e.clues)), None)
            ep = current if same else told or Episode(period=True)  # the same period told again: the same total
            if not same and ep is not told:
                found.append(ep)
            ep.add(clue)
            current = ep
            continue
        if clue.day is None and clue.month is not None:
            ep = next((e for e in found if e.month == clue.month and e.same_side(clue)), None)
            if ep is None:
                ep = Episode(month=clue.month)
                found.append(ep)
            ep.add(clue)
            current = ep
            continue
        if clue.day is not None:
            ep = next((e for e in found if e.fits(clue)), None)
            if ep is None and main is not None and main.day is None and main.same_side(clue) and _recent(clue.day,
                                                                                                  published):
                ep = main  # the story's attack, undated until now (not "the record was held by a Feb. 23 strike")
            if ep is None:
                ep = Episode()
                found.append(ep)
            if ep.day is None:
                ep.day, ep.night = clue.day, clue.night
        elif THE_MONTH.search(clue.sent.text) and (month := next((e for e in found if e.month), None)):
            ep = month  # "… over the month": the month the article counts
        elif SEPARATELY.match(clue.sent.text.strip()):
            ep = Episode()  # "Separately, …" tells another attack
            found.append(ep)
        elif current is not None and current.clues[-1].paragraph == clue.paragraph and current.same_side(clue):
            ep = current
        elif main is not None and main.same_side(clue):
            ep = main
        elif (other := next((e for e in found if e.month is None and e.same_side(clue)), None)) is not None:
            ep = other
        else:
            ep = Episode()
            found.append(ep)
        if main is None and ep.month is None and not ep.period:
            main = ep
            for early in pending:
                ep.add(early)
            pending = []
        ep.add(clue)
        current = ep
    for ep in found:
        ep.clues.sort(key=lambda c: c.number)
    return [ep for ep in found if any(c.weapons or c.casualties or c.verbs or c.nouns for c in ep.clues)
            and not _vague(ep)]


def _vague(ep: Episode) -> bool:
    """An attack told with no figure, no casualty and no day of its own is talk about attacks ("civilian
    targets remain under sporadic missile attack", "drones of the kind used in attacks"), not one attack."""
    if any(c.weapons or c.casualties for c in ep.clues):
        return False
    return ep.period or ep.month is not None or not any(c.day or c.record for c in ep.clues)


WEEK = re.compile(r"\b(?:this|last|past|previous|the past|over the|during the) week\b|\bin a week\b|\bweekly\b",
                  re.IGNORECASE)
WAR_START = re.compile(r"\bsince the (?:start|beginning|outbreak) of (?:the |russia's )?(?:full[- ]scale )?"
                       r"(?:war|invasion)|\bsince (?:the |russia's )?(?:full[- ]scale )?invasion(?: began)?\b"
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


def _recent(day: date, published: date | None) -> bool:
    """Whether an attack on ``day`` can be the one a report published on ``published`` is about (a night or two
    before it)."""
    return published is None or 0 <= (published - day).days <= 2


def _target(index: EntityIndex, clues: list[Clue], actor: Party | None, place) -> Party | None:
    """The state attacked: "at/on/against Ukraine", the object of an attack verb, else the place's country."""
    for clue in clues:
        for head in clue.verbs + clue.nouns:
            for child in head.subtree:
                if child.dep_ == "pobj" and child.head.lower_ in ("at", "on", "against", "upon") \
                        and child.head.head is head or child.dep_ == "dobj" and child.head is head:
                    party = as_state(index, child)
                    if party is not None and (actor is None or party.name != actor.name) and is_country(party.name):
                        return party
    if place is not None and place.country:
        return index.party(place.country)
    return None


def build(doc: Doc, ep: Episode, index: EntityIndex, number: int) -> Event:
    """The event of one episode."""
    figures = [f for c in ep.clues for f in c.weapons]
    named = [n for c in ep.clues for n in c.named]
    weapons = merge_weapons(figures, named)
    kinds = {w.kind for w in weapons}
    sentences = [c.sent for c in ep.clues]
    actor = ep.actor or actor_of(index, [v for c in ep.clues for v in c.verbs], [n for c in ep.clues for n in c.nouns])
    words = frozenset(t.i for c in ep.clues for t in c.verbs + c.nouns)
    place = place_of(index, sentences, actor, words)
    target = _target(index, ep.clues, actor, place)
    if ep.month is not None:
        text = next(c.date_ref.text for c in ep.clues if c.date_ref)
        when = EventDate(value=ep.month, granularity="month", text=text)
    elif ep.day is not None:
        ref = next((c.date_ref for c in ep.clues if c.day is not None and c.date_ref), None)
        when = EventDate(value=ep.day.isoformat(), granularity="day", text=ref.text if ref else None)
    else:
        when = next((c.span for c in ep.clues if c.span is not None), None)
    plover, acled = classify("attack", None, kinds)
    hurt = casualties([f for c in ep.clues for f in c.casualties])
    confidence = 0.4 + 0.2 * bool(figures or hurt) + 0.1 * (when is not None) + 0.1 * (place is not None) \
        + 0.1 * (actor is not None) + 0.05 * (len(ep.clues) > 1)
    first = ep.clues[0].sent
    return Event(
        id=f"v{number}", type="attack", subtype=subtype_of(kinds, ep.month is not None or ep.period), plover=plover,
        acled=acled,
        summary=first.text.strip()[:300], actor=actor, target=target, location=place, date=when,
        weapons=weapons, casualties=hurt,
        claims=_claims(ep.clues),
        attributes=rescued([f for c in ep.clues for f in c.casualties]) | record_of(ep.clues) | _bound(ep.clues)
        | ({"alternates": alts} if (alts := alternates(figures, weapons)) else {})
        | casualties_by_place([f for c in ep.clues for f in c.casualties]),
        evidence=[evidence_span(s) for s in sentences],
        confidence=round(min(confidence, 0.95), 2),
    )


def _claims(clues: list[Clue]) -> list[str]:
    """"record" when a sentence claims the war's record, else "bounded_record" when one claims a bounded one."""
    told = {c.record[0] for c in clues if c.record}
    return ["record"] if "record" in told else sorted(told)


def _bound(clues: list[Clue]) -> dict[str, str]:
    """The bound of a bounded record ("this year", "since July"), when the event claims only that."""
    if any(c.record and c.record[0] == "record" for c in clues):
        return {}
    bound = next((c.record[1] for c in clues if c.record and c.record[1]), None)
    return {"record_bound": bound} if bound else {}


def find_attacks(doc: Doc, index: EntityIndex, quantities: list[Quantity], dates: list[DateRef],
                 published: date | None = None) -> list[Event]:
    """The attacks an article tells, in order of first evidence, numbered from v1."""
    clues = read_clues(doc, index, quantities, dates, published)
    eps = sorted(episodes(clues, published), key=lambda e: e.clues[0].sent.start)
    nights = [e for e in eps if e.day is not None and _recent(e.day, published)]
    for ep in eps:  # an attack the report never dates is the report's night: its first dated one, else the
        if ep.day is None and ep.month is None and not ep.period:  # day of publication
            ep.day = nights[0].day if nights else published
    eps = _one_count_one_attack(eps)
    return [build(doc, ep, index, n) for n, ep in enumerate(eps, 1)]


def _counts(ep: Episode) -> set[tuple[str, str, int]]:
    return {("missile" if f.kind in MISSILE_KINDS else f.kind, f.role, f.value)
            for c in ep.clues for f in c.weapons if f.value >= 2 and f.role in ("launched", "intercepted")}


def _one_count_one_attack(eps: list[Episode]) -> list[Episode]:
    """Two nights a day apart that give the same count ("destroyed 22 Russian drones" told on Sunday, and "22 of
    them were destroyed" of the night of 3 September) are one attack told twice: merged, dated as most of its
    sentences date it."""
    out: list[Episode] = []
    for ep in eps:
        twin = next((o for o in out if not (o.period or ep.period) and o.month is None and ep.month is None
                     and o.day and ep.day and abs((o.day - ep.day).days) <= 1
                     and (o.actor is None or ep.actor is None or o.actor.name == ep.actor.name)
                     and _counts(o) & _counts(ep)), None)
        if twin is None:
            out.append(ep)
            continue
        told = [c.day for c in twin.clues + ep.clues if c.day]
        twin.day = max((twin.day, ep.day), key=lambda d: (told.count(d), d == twin.day))
        twin.clues = sorted(twin.clues + ep.clues, key=lambda c: c.number)
        twin.actor = twin.actor or ep.actor
    return out



def evidence_span(sent: Span) -> CharSpan:
    """The sentence's characters without the spaces around it (an event's evidence)."""
    text = span_text(sent)
    start = len(text) - len(text.lstrip())
    return CharSpan(start=sent.start_char + start, end=sent.start_char + len(text.rstrip()))
