"""Who attacked, as one sentence tells it: whose weapons it counts, the subject of its attack verb, or — when it only
says who shot the weapons down — the other side of the story."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsdesk.events.figures import WeaponFigure
from newsdesk.events.parties import (
    PLACE_TYPES,
    EntityIndex,
    actor_of,
    as_state,
    country_of,
    is_country,
    owner_of,
    state_names,
)
from newsdesk.events.roles import INTERCEPT_PARTICLES, INTERCEPT_VERBS
from newsdesk.events.sentences import SAY_VERBS
from newsdesk.schema import Party


def attacker_of(doc: Doc, index: EntityIndex, weapons: list[WeaponFigure], verbs: list[Token], nouns: list[Token],
              seen: Sides | None = None) -> Party | None:
    """A sentence's attacker: whose weapons it counts ("shot down 41 Ukrainian drones" → Ukraine), else the subject
    of its attack verb or the demonym on its attack noun (``parties.actor_of``)."""
    spans = [doc.char_span(f.start, f.end, alignment_mode="expand") for f in weapons]
    found = owner_of(index, [s.root for s in spans if s is not None]) or actor_of(index, verbs, nouns)
    if found is None and any(f.role == "intercepted" for f in weapons) and spans and spans[0] is not None:
        defender = _defender(index, spans[0].sent)
        found = _counterpart(index, defender.name, seen) if defender is not None and seen else None
    if found is None and seen is not None and (verbs or weapons):
        sent = verbs[0].sent if verbs else spans[0].sent if spans and spans[0] is not None else None
        speaker = _enemy_of(index, sent, seen) if sent is not None else None
        found = _counterpart(index, speaker.name, seen) if speaker is not None else None
    return found



ENEMY_WORDS = frozenset({"enemy", "occupier", "invader", "aggressor", "adversary"})



def _enemy_of(index: EntityIndex, sent: Span, seen: Sides) -> Party | None:
    """Whose enemy "the enemy used 15 cruise missiles, the Ukrainian army said" is: the state of the one who says
    it (its enemy is then the other side); "…, it said" is the last such speaker's."""
    if not any(t.lemma_.lower() in ENEMY_WORDS and t.dep_ in ("nsubj", "nsubjpass", "pobj") for t in sent):
        return None
    for verb in sent:
        if verb.lemma_.lower() in SAY_VERBS and verb.pos_ == "VERB":
            for subject in (c for c in verb.children if c.dep_ == "nsubj"):
                if subject.pos_ == "PRON" and seen.speakers:
                    return index.party(seen.speakers[-1])
                party = as_state(index, subject) or owner_of(index, [subject])
                if party is not None and is_country(party.name):
                    seen.speakers.append(party.name)
                    return party
    return None



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
    speakers: list[str] = field(default_factory=list)  # the states whose "enemy" the story has told



def _counterpart(index: EntityIndex, state: str, seen: Sides) -> Party | None:
    """The other side: the attacker other than ``state`` the story has told most so far, else the state hit most,
    else the state the whole story names most ("Kyiv said its military had destroyed eight of nine drones launched
    by invading forces" in a story of Russia and Ukraine)."""
    for told in (seen.attackers, seen.hit):
        others = [name for name in told if name != state and is_country(name)]
        if others:
            return index.party(max(set(others), key=others.count))
    named: Counter[str] = Counter()
    for entity in index.entities:  # a state named, or the one its towns lie in ("in the area of Donetsk")
        placed = country_of(entity.name) if entity.type in PLACE_TYPES else None
        name = state_names().get(entity.name.lower()) or placed
        if name is not None and name != state and is_country(name):
            named[name] += len(entity.mentions)
    return index.party(named.most_common(1)[0][0]) if named else None
