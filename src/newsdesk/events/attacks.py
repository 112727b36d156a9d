"""Attacks: one event per attack however many sentences tell it; two nights stay two events.

1. Each sentence is read for *clues* (``clues``): weapon and casualty figures (``figures``, ``tolls``), attack
   verbs and nouns ("launched", "barrage"), weapons named without a figure, a "record" claim, its attacker
   (``sides``) and its date (``nights``: a night — "overnight", "early hours of July 4" — is dated by the morning
   it ends).
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
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from newsdesk.events.clues import COMES_AFTER, Clue, read_clues
from newsdesk.events.headline import fill_from_headline, headline_figures
from newsdesk.events.merge import (
    alternates,
    casualties,
    casualties_by_place,
    merge_weapons,
    record_of,
    rescued,
    subtype_of,
)
from newsdesk.events.nights import recent, written_out
from newsdesk.events.parties import EntityIndex, actor_of, as_state, is_country, place_of, region_in
from newsdesk.events.sentences import evidence_span, span_text
from newsdesk.events.taxonomy import MISSILE_KINDS, classify
from newsdesk.schema import DateRef, Event, EventDate, Party, Quantity

THE_MONTH = re.compile(r"\b(?:over|during|in|for) (?:the|that|this) month\b", re.IGNORECASE)
SEPARATELY = re.compile(r"(?:separately|elsewhere|in a separate (?:attack|strike|incident)|in another|(?:a|another) "
                        r"separate (?:\w+ )?(?:attack|strike|incident))\b", re.IGNORECASE)


LATER_ANOTHER = re.compile(r"\s*later\b[^.]{0,40}\banother\b", re.IGNORECASE)  # "Later in the day, another two
# drones were downed": another wave, its own attack
EARLIER = re.compile(r"\s*(?:previously|earlier|before that|prior to that)\b", re.IGNORECASE)  # another attack, before


@dataclass
class Episode:
    clues: list[Clue] = field(default_factory=list)
    day: date | None = None
    month: str | None = None
    night: bool = False
    actor: Party | None = None
    period: bool = False  # a count over a period that is not a month ("since the start of the war")
    earlier: bool = False  # told as an earlier attack ("Previously: on 20 June, …"), never the report's night

    def fits(self, clue: Clue) -> bool:
        if clue.day is None or self.day is None or not self.same_side(clue):
            return False
        return clue.day == self.day and not self._elsewhere_that_night(clue) and self.same_target(clue)

    def same_target(self, clue: Clue) -> bool:
        """Whether the clue's states hit (if it names any) meet the episode's ("missiles landed in Poland" and
        "Russia launched a raft of missiles at Ukraine today": two attacks)."""
        own = {p.name for p in (self.actor, clue.actor, *(c.actor for c in self.clues)) if p is not None}
        told = frozenset().union(*(c.states for c in self.clues)) - own  # ("Russia's missile strike on Uman")
        hit = clue.states - own
        return not (hit and told and hit.isdisjoint(told))

    def _elsewhere_that_night(self, clue: Clue) -> bool:
        """"On January 27, drones hit a train in the Kharkiv region" and "On the night of January 27, troops attacked
        the Odesa region": a day's attack and a night's, each dated and each in its own region, are two."""
        first = next((c for c in self.clues if c.date_ref is not None), None)
        if first is None or clue.date_ref is None or first.night == clue.night:
            return False
        here, there = region_in(span_text(first.sent)), region_in(span_text(clue.sent))
        return here is not None and there is not None and here != there

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
            elif clue.day is None and current is not None and current.actor is not None \
                    and clue.states == {current.actor.name}:  # "In Russia, meanwhile, one woman died …" in a story of
                ep = next((e for e in found if e.actor is None and e.clues[0].states == clue.states), None)
                if ep is None:  # Russia's attack: the other side's attack, on the attacker's own soil
                    ep = Episode()
                    found.append(ep)
                ep.add(clue)
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
            earlier = bool(EARLIER.match(clue.sent.text) or COMES_AFTER.match(clue.sent.text))
            if ep is None and main is not None and main.day is None and main.same_side(clue) and recent(
                    clue.day, published) and not earlier and main.same_target(clue):
                ep = main  # the story's attack, undated until now (not "the record was held by a Feb. 23 strike")
            if ep is None:
                ep = Episode(earlier=earlier)
                found.append(ep)
            if ep.day is None:
                ep.day, ep.night = clue.day, clue.night
        elif THE_MONTH.search(clue.sent.text) and (month := next((e for e in found if e.month), None)):
            ep = month  # "… over the month": the month the article counts
        elif SEPARATELY.match(clue.sent.text.strip()) or LATER_ANOTHER.match(clue.sent.text):
            ep = Episode()  # "Separately, …" tells another attack
            found.append(ep)
        elif _ground(clue) and main is not None and _air(main):  # "Shelling killed a man in Stepnohirsk" in a
            ep = next((e for e in found if e is not main and e.day in (None, clue.day) and e.same_side(clue)  # story
                       and all(_ground(c) for c in e.clues) and e.clues[-1].paragraph == clue.paragraph), None)
            if ep is None:  # of a night's drones: an attack of its own
                ep = Episode()
                found.append(ep)
        elif current is not None and _region_of_the_day(current, clue):
            ep = current  # "over the past day, attacks killed three", then "In Sumy Oblast, a drone killed a man"
        elif current is not None and (current.clues[-1].paragraph == clue.paragraph or _turned_to_other_side(
                current, main, clue) or _completes(current, clue)) and current.same_side(clue):
            ep = current
        elif main is not None and main.same_side(clue):
            ep = main
        elif (other := next((e for e in found if e.month is None and not e.earlier and e.same_side(clue)),
                            None)) is not None:
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
    return [ep for ep in found if any(c.weapons or c.casualties or c.verbs or c.nouns or c.shot for c in ep.clues)
            and not _vague(ep)]


def _turned_to_other_side(current: Episode, main: Episode | None, clue: Clue) -> bool:
    """A toll told right after the other side's attack is that attack's ("Moscow said it had shot down 20 drones."
    then "One person was injured in Tula when a drone hit a building.")."""
    return (main is not None and current is not main and current.actor is not None and main.actor is not None
            and current.actor.name != main.actor.name and current.clues[-1].number == clue.number - 1
            and clue.actor is None and not clue.weapons)


GROUND_KINDS = frozenset({"artillery", "rocket"})
SHELLING = frozenset({"shelling", "shell", "mortar"})


def _kinds(clue: Clue) -> set[str]:
    return {f.kind for f in clue.weapons} | {k for k, _ in clue.named}


def _ground(clue: Clue) -> bool:
    """Shelling told on its own: artillery or a named rocket launcher only ("Shelling killed a 43-year-old man",
    "Grad multiple rocket launchers"), no air weapon ("rockets" alone is often a translation of missiles)."""
    kinds = {(f.kind, f.model) for f in clue.weapons} | set(clue.named)
    shelled = any(t.lemma_.lower() in SHELLING and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                          for c in t.children)  # not "in the shelling": the attack
                  for t in clue.verbs + clue.nouns)  # told
    return not clue.record and (bool(kinds) and all(k == "artillery" or k == "rocket" and m for k, m in kinds)
                                or not kinds and shelled)  # (not "the most massive shelling of the energy system")


def _air(ep: Episode) -> bool:
    """An attack of drones, missiles or bombs from the air."""
    return any(_kinds(c) - GROUND_KINDS - {"mixed", "aircraft"} for c in ep.clues)


def _region_of_the_day(current: Episode, clue: Clue) -> bool:
    """A region's toll told after a day's toll for the whole country (a daily round-up, region by region) is part of
    that day's toll, not of the night's attack."""
    return current.period and any(c.casualties and c.span is not None for c in current.clues) and bool(
        clue.casualties) and not clue.weapons and region_in(span_text(clue.sent)) is not None


def _completes(current: Episode, clue: Clue) -> bool:
    """An undated count shot down that completes the launch the last attack told ("the enemy attacked with 72
    drones" then, a paragraph on, "47 drones were shot down"): that attack's, not the story's first."""
    launched = [f for c in current.clues for f in c.weapons if f.role == "launched"]
    downed = {f.kind for c in current.clues for f in c.weapons if f.role == "intercepted"}
    shot = [f for f in clue.weapons if f.role == "intercepted"]
    return bool(shot) and clue.actor is None and all(
        f.kind not in downed and any(g.kind == f.kind and g.value >= f.value for g in launched) for f in shot)


def _vague(ep: Episode) -> bool:
    """An attack told with no figure, no casualty and no day of its own is talk about attacks ("civilian
    targets remain under sporadic missile attack", "drones of the kind used in attacks"), not one attack."""
    if any(c.weapons or c.casualties for c in ep.clues):
        return False
    return ep.period or ep.month is not None or not any(c.day or c.record for c in ep.clues)


def _target(index: EntityIndex, clues: list[Clue], actor: Party | None, place) -> Party | None:
    """The state attacked: "at/on/against Ukraine", the object of an attack verb, else the place's country."""
    for clue in clues:
        for head in clue.verbs + clue.nouns:
            for child in head.subtree:
                if child.dep_ == "pobj" and child.head.lower_ in ("at", "on", "against", "upon") \
                        and child.head.head.i == head.i or child.dep_ == "dobj" and child.head.i == head.i:
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
                 published: date | None = None, headline: str | None = None) -> list[Event]:
    """The attacks an article tells, in order of first evidence, numbered from v1; the headline's figures fill the
    main attack's uncounted weapons (``headline``)."""
    clues = read_clues(doc, index, quantities, dates, published)
    eps = sorted(episodes(clues, published), key=lambda e: e.clues[0].sent.start)
    nights = [e for e in eps if e.day is not None and recent(e.day, published) and not e.earlier]
    for ep in eps:  # an attack the report never dates is the report's night: its first dated one, else the
        if ep.day is None and ep.month is None and not ep.period:  # day of publication
            ep.day = nights[0].day if nights else published
    eps = _one_count_one_attack(eps)
    events = [build(doc, ep, index, n) for n, ep in enumerate(eps, 1)]
    main = next((e for ep, e in zip(eps, events, strict=True) if not ep.period and ep.month is None
                 and not ep.earlier and ep.day is not None and recent(ep.day, published)), None)
    if main is not None and headline and any(ch.isdigit() for ch in headline):
        fill_from_headline(main, headline_figures(headline), events)
    return events


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
        dated = [c.day for c in twin.clues + ep.clues if c.day and written_out(c.date_ref)]
        twin.day = max((twin.day, ep.day), key=lambda d: (dated.count(d), told.count(d), d == twin.day))  # a date
        # written out ("from 10:00 on December 22 to 09:00 on December 23") over "overnight Monday"
        twin.clues = sorted(twin.clues + ep.clues, key=lambda c: c.number)
        twin.actor = twin.actor or ep.actor
    return out


