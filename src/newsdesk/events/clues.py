"""What each sentence of a report says about an attack (its *clue*): weapon and casualty figures, attack verbs and
nouns, weapons named without a figure, a record claim, its date and its attacker."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from newsdesk.events.figures import WeaponFigure, weapon_figures
from newsdesk.events.nights import PAST_DAY, PERIOD, TONIGHT, date_of, iso_day, period_span, written_out
from newsdesk.events.parties import EntityIndex, owner_of, states_hit
from newsdesk.events.records import record_claim
from newsdesk.events.roles import verb_role
from newsdesk.events.sentences import is_caption, span_text
from newsdesk.events.sides import Sides, attacker_of
from newsdesk.events.taxonomy import kind_of
from newsdesk.events.tolls import CasualtyFigure, casualty_figures
from newsdesk.schema import DateRef, EventDate, Party, Quantity

ATTACK_NOUNS = frozenset({
    "attack", "strike", "airstrike", "barrage", "bombardment", "assault", "shelling", "raid", "salvo",
    "onslaught", "bombing", "blitz", "volley", "wave",
})



ATTACK_VERBS = frozenset({
    "attack", "strike", "hit", "pound", "pummel", "pummell", "bombard", "shell", "target", "launch", "fire",
    "batter", "blast", "rain", "unleash", "hammer", "slam", "bomb", "rock", "fly", "drop",
})



MODALS = frozenset({"could", "would", "may", "might", "can", "will", "shall", "should", "'ll"})



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
    shot: list[Token] = field(default_factory=list)  # verbs that shoot a named weapon down ("shot down Russian
    # missiles"): an attack told from the side that stopped it (never the attacker's verb)

    @property
    def weak(self) -> bool:
        """Casualties alone ("Two people were killed"): part of an attack told nearby, never one of its own."""
        return not (self.weapons or self.verbs or self.nouns or self.named)

    def is_attack(self) -> bool:
        if self.weapons or self.casualties:
            return True
        told = bool(self.verbs or self.nouns or self.shot)
        if not told:
            return False
        singular = any(n.tag_ != "NNS" for n in self.nouns)  # "the attack", not "attacks" in general
        if not (self.verbs or self.shot or singular or self.record):  # "the drones Moscow has been using in its
            return False  # attacks", said on Monday: talk of attacks, whatever day it was said
        specific = self.day is not None or self.month is not None or singular or bool(
            self.record and THIS_ONE.match(span_text(self.sent)))  # "These were the biggest airstrikes since …"
        return bool(self.named or self.casualties or self.record) and specific or (
            singular and self.day is not None)



def _shot_down(sent: Span) -> list[Token]:
    """Weapons a sentence names without a figure as shot down ("air defence shot down Russian missiles over Odesa",
    "several Ukrainian drones were shot down")."""
    out = []
    for token in sent:
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB" \
                and kind_of(token.text)[0] not in (None, "mixed", "aircraft") and verb_role(token) == "intercepted" \
                and not _unreal(token.head):
            out.append(token)
    return out



def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]



def _unreal(verb: Token) -> bool:
    """A verb of what could, would or will happen ("could launch", "is able to fire", "plans to strike")."""
    for token in [verb, *list(verb.ancestors)[:2]]:
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in token.children):
            return True
        if token.i != verb.i and token.lemma_.lower() in ("able", "plan", "threaten", "prepare", "intend"):
            return True
    return False



COMES_AFTER = re.compile(r"\s*(?:it|this|the (?:attack|strike|barrage|assault)) (?:comes?|came) (?:a|one) day after\b",
                         re.IGNORECASE)
THIS_ONE = re.compile(r"\s*(?:this|these|it|that|those) (?:was|were|is|are)\b", re.IGNORECASE)  # the story's attack
NIGHT_BEFORE = re.compile(r"\b(?:the (?:night|evening|day) before|the previous (?:night|evening|day)|a (?:night|day) "
                          r"earlier)\b", re.IGNORECASE)


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
        downed = [] if weapons else _shot_down(sent)
        shot = [t.head for t in downed]
        if not (weapons or casualties or verbs or nouns or shot):
            continue
        heads = verbs + nouns + shot + [doc.char_span(f.start, f.end, alignment_mode="expand").root.head
                                        for f in weapons]
        day, month, night, ref = date_of(sent, dates, heads, published)
        if day is None and month is None and (told := next((c.day for c in clues if c.day), published)) and (
                NIGHT_BEFORE.search(span_text(sent)) or COMES_AFTER.match(span_text(sent))):
            day, night = told - timedelta(days=1), True  # "a wave the night before": before the story's night; "The
            # attack comes a day after what officials called Russia's largest drone offensive": that one, the day before
        paragraph = sum(1 for s in starts if s <= sent.start_char) - 1
        clue = Clue(sent, number, paragraph, weapons, casualties, verbs, nouns, named, day, month, night, ref,
                    record_claim(sent) if nouns or verbs or weapons or named else None,
                    attacker_of(doc, index, weapons, verbs, nouns, seen) or owner_of(index, downed),
                    states=states_hit(sent, index), shot=shot)
        seen.attackers.extend([clue.actor.name] if clue.actor is not None else [])
        seen.hit.extend(sorted(clue.states))
        bounded = clue.record is not None and clue.record[0] == "bounded_record"  # "the biggest this year"
        claim = clue.record is not None and not weapons  # "the largest attack since the start of the war": the
        text = span_text(sent)  # war bounds a record
        since = _toll_since(sent, dates, published) if casualties and not weapons else None
        if since is not None:  # "have killed at least three people and wounded 10 since Saturday night": the toll of
            clue.period, clue.span = True, since  # the nights since then, not of one attack
        elif PAST_DAY.search(text) and casualties and not weapons and published is not None:
            clue.period = True  # "Russian attacks killed three people over the past day": a day's toll, not the night's
            clue.span = EventDate(value=f"{(published - timedelta(days=1)).isoformat()}/{published.isoformat()}",
                                  granularity="range", text=PAST_DAY.search(text).group(0))
        elif PERIOD.search(text) and not TONIGHT.search(text) and not bounded and not claim:
            if not any(w.role == "launched" for w in weapons):
                continue  # "the 19th drone attack on the city this month": a count of attacks, not an attack
            clue.period = True
            said = [d for r in dates if sent.start_char <= r.start < sent.end_char and r.granularity == "day"
                    and (d := iso_day(r.value[:10])) and (published is None or d <= published)]
            if not said and published is not None and (published.weekday() == 0 or published.day == 1):
                said = [published - timedelta(days=1)]  # a Monday's report of "the past week": the week to Sunday;
                # the first of a month's total "since the start of the year": to the month's end
            clue.span = period_span(span_text(sent), max(said, default=clue.day or published), clue.month)
            if clue.span is None and clue.day is not None and written_out(ref):
                clue.period = False  # "This year, the biggest was 81 missiles on March 9": that day's attack
            told = [r for r in dates if r.granularity == "month" and r.value and r.start < sent.start_char]
            if clue.span is None and clue.month is None and clue.day is None and told:  # "Russia escalated its
                clue.month = told[-1].value[:7]  # attacks throughout November", then "… had launched 5,445 drones --
                clue.span = period_span(span_text(sent), None, clue.month)  # a three percent increase": November's
        if clue.is_attack():
            clues.extend(_months_listed(clue, dates) or _next_night(clue) or [clue])
    return clues



def _toll_since(sent: Span, dates: list[DateRef], published: date | None) -> EventDate | None:
    """The days a toll "since Saturday night" counts: from the morning that night ended to publication."""
    if published is None:
        return None
    text, offset = span_text(sent), sent.start_char
    for ref in dates:
        if not (sent.start_char <= ref.start < sent.end_char) or ref.granularity not in ("day", "range"):
            continue
        if not re.search(r"\bsince (?:late |early )?$", text[max(0, ref.start - offset - 12):ref.start - offset],
                         re.IGNORECASE):
            continue
        first = iso_day(ref.value[:10])
        if first is None or first >= published:
            return None
        if re.search(r"\b(?:night|evening)$", ref.text, re.IGNORECASE) or re.match(
                r"\s*(?:night|evening)\b", text[ref.end - offset:ref.end - offset + 10], re.IGNORECASE):
            first += timedelta(days=1)  # a night is dated by the morning it ends
        return EventDate(value=f"{first.isoformat()}/{published.isoformat()}", granularity="range",
                         text=f"since {ref.text}")
    return None



NEXT_NIGHT = re.compile(r"\b(?:the following|the next) (?:night|day|evening)\b|\ba (?:night|day) later\b",
                        re.IGNORECASE)



def _next_night(clue: Clue) -> list[Clue]:
    """"a record assault on February 22, when Russia launched 267 drones, and another attack the following night,
    involving 185 drones": the figures after "the following night" are the next night's, their own clue."""
    m = NEXT_NIGHT.search(span_text(clue.sent))
    if m is None or clue.day is None or clue.period:
        return []
    cut = clue.sent.start_char + m.start()
    before = [w for w in clue.weapons if w.start < cut]
    after = [w for w in clue.weapons if w.start >= cut]
    if not before or not after:
        return []
    return [replace(clue, weapons=before, casualties=[c for c in clue.casualties if c.start < cut]),
            replace(clue, weapons=after, day=clue.day + timedelta(days=1), night=True, date_ref=None, record=None,
                    casualties=[c for c in clue.casualties if c.start >= cut])]



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
