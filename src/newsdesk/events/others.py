"""Events other than attacks, one sentence each: diplomacy, prisoner exchanges, aid decisions,
territorial claims and damage to protected sites.

Each type has trigger words read on the parse (lemmas, and the nouns they govern):

* **diplomacy** — a call ("a call between A and B", "A spoke to B"), talks, a meeting or summit;
  an agreement ("agreed to"); an appeal ("urged B to"); a rejection of talks ("sees no diplomatic
  way out", "rejected the proposal"). The actor is the verb's subject (or A of "between A and B"),
  the target the other party.
* **prisoner_exchange** — "exchanged/swapped prisoners", "a prisoner swap", "returned 84 soldiers";
  ``attributes["prisoners"]`` holds the number when the sentence gives one.
* **aid** — increase or delivery ("will send", "step up support"), purchase ("buy Patriot systems"),
  reduction ("paused/halted/cut deliveries"), each about weapons, air defence, aid or support.
* **territorial_claim** — "captured / took control of / liberated the village of X", "announced the
  capture of"; the place taken is the location.
* **protected_site_damage** — an embassy, consulate, school, hospital, church … damaged, hit or
  destroyed; linked to the attack of the same night through ``attributes["attack"]``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsdesk.events.parties import EntityIndex, as_state, place_of, region_in, state_names
from newsdesk.events.sentences import SAY_VERBS, evidence_span
from newsdesk.events.taxonomy import classify
from newsdesk.schema import DateRef, Event, EventDate, Party, Place, Quantity

CALL_NOUNS = frozenset({"call", "talk", "talks", "meeting", "summit", "negotiation", "negotiations", "conversation"})
MEET_VERBS = frozenset({"meet", "speak", "talk", "negotiate", "call", "host", "visit"})
AGREE_VERBS = frozenset({"agree"})
APPEAL_VERBS = frozenset({"urge", "appeal", "call", "demand", "press", "ask", "implore"})
REJECT_WORDS = re.compile(r"\b(?:no (?:immediate )?(?:diplomatic|peaceful) (?:way|solution|settlement)|"
                          r"rejected|rules? out|ruled out|refused to negotiate)\b", re.IGNORECASE)
DIPLOMACY_CONTEXT = re.compile(r"\b(?:peace|talks|diplomat\w*|negotiat\w*|ceasefire|truce|war|sanctions|"
                               r"pressure|support|defen[cs]e|aid)\b", re.IGNORECASE)
PRISONER_NOUNS = frozenset({"prisoner", "prisoners", "pow", "pows", "captive", "captives", "detainee", "detainees",
                            "soldier", "soldiers", "servicemen", "hostage", "hostages", "civilians"})
SWAP_WORDS = frozenset({"exchange", "swap", "swop", "trade", "return", "release", "free", "repatriate"})
PLAN_VERBS = frozenset({"agree", "plan", "promise", "pledge", "offer", "propose", "seek", "hope", "want"})
AID_OBJECTS = re.compile(
    r"\b(?:aid|assistance|support|weapons?|arms|air defen[cs]es?|patriots?|systems?|missiles?|ammunition|"
    r"shells?|tanks?|jets?|f-16s?|deliveries|shipments?|funding|package|munitions|interceptors?)\b",
    re.IGNORECASE)
AID_INCREASE = frozenset({"send", "supply", "deliver", "provide", "give", "increase", "boost", "step", "ramp",
                          "pledge", "promise", "approve", "announce", "resume", "expand", "donate", "transfer"})
AID_PURCHASE = frozenset({"buy", "purchase", "procure", "acquire", "order", "finance", "fund", "pay"})
AID_REDUCE = frozenset({"cut", "reduce", "pause", "halt", "suspend", "stop", "freeze", "withhold", "delay",
                        "scale", "slash", "end", "curb"})
CAPTURE_VERBS = frozenset({"capture", "seize", "take", "occupy", "liberate", "retake", "recapture", "overrun",
                           "conquer"})
CAPTURE_NOUNS = frozenset({"capture", "seizure", "liberation", "takeover", "fall", "control"})
SETTLEMENTS = re.compile(r"\b(?:village|town|city|settlement|hamlet|region|district|territory|oblast)s?\b",
                         re.IGNORECASE)
SETTLEMENT_NAME = re.compile(r"\b(?:village|town|city|settlement|hamlet)s? of ((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+)*)")
SITES = frozenset({"embassy", "consulate", "school", "hospital", "kindergarten", "church", "cathedral", "museum",
                   "university", "clinic", "mosque", "synagogue", "monastery", "theatre", "theater", "library",
                   "maternity", "orphanage", "shelter", "monument", "mission", "nursery", "college"})
DAMAGE_WORDS = frozenset({"damage", "hit", "strike", "destroy", "shatter", "ruin", "struck", "level", "gut",
                          "burn", "blow", "wreck", "damaged", "destroyed", "target"})


def _verbs(sent: Span, lemmas: frozenset[str]) -> list[Token]:
    return [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lemmas]




def _subject(index: EntityIndex, verb: Token) -> Party | None:
    """The party doing ``verb``: its subject (or the subject of the verb it hangs off), as a state or entity."""
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "announced … with the capture of": the capture's verb
    for _ in range(3):
        pronoun = False
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                pronoun = pronoun or child.pos_ == "PRON" or any(  # "its forces had captured": whose forces
                    c.dep_ == "poss" and c.pos_ == "PRON" for c in child.children)
                if child.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                    child = verb.head  # "Moscow, which announced …"
                party = _party(index, child)
                if party is not None:
                    return party
                for conj in child.children:
                    if conj.dep_ == "conj" and (party := _party(index, conj)):
                        return party
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SAY_VERBS and not pronoun:
            break  # "…, Holm said": the speaker is not the one who acts (but "the US said it …" is)
        upper = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if upper is None:
            break
        verb = upper  # "was exploring the possibility of purchasing …": the explorer buys
    return None


def _party(index: EntityIndex, token: Token) -> Party | None:
    """A party a token names: a state ("Russia", "Moscow"), an entity, or the entity inside its phrase
    ("a German government spokesman" → Germany, "the ministry" → its entity)."""
    entity = index.at(token)
    if entity is not None and state_names().get(entity.name.lower()):  # "the Kremlin" acts for Russia
        return as_state(index, token)
    if entity is not None and entity.type == "ORG":  # "Russia's Defence Ministry" acts for Russia
        owner = next((p for c in token.children if c.dep_ in ("poss", "amod", "compound")
                      and (p := as_state(index, c)) is not None), None)
        return owner or index.party(entity.name, entity)
    if entity is not None and entity.type == "PERSON":
        return index.party(entity.name, entity)  # "US President Donald Trump" is Donald Trump, not the US
    party = as_state(index, token)
    if party is not None:
        return party
    for child in token.subtree:
        if child.i != token.i and child.dep_ in ("amod", "compound", "poss", "nmod", "pobj"):
            party = as_state(index, child)
            if party is not None:
                return party
    return index.party(entity.name, entity) if entity is not None else None


def _others(index: EntityIndex, sent: Span, head: Token, actor: Party | None) -> list[Party]:
    """Parties named in ``head``'s phrase other than the actor ("between A and B", "to B", "with B"):
    each name once, where it ends, and states only where they are not a title's ("US President")."""
    found: list[Party] = []
    for token in head.subtree:
        entity = index.at(token)
        following = sent.doc[token.i + 1] if token.i + 1 < len(sent.doc) else None
        ends_name = entity is not None and (following is None or index.at(following) is not entity)
        if entity is not None and entity.type in ("PERSON", "ORG") and ends_name:
            party = index.party(entity.name, entity)
        elif token.ent_type_ in ("NORP", "GPE") and (entity is None or ends_name) and not (
                token.dep_ in ("compound", "amod") and token.head.pos_ == "PROPN"):
            party = as_state(index, token)
        else:
            continue
        if party is not None and (actor is None or party.name != actor.name) and all(p.name != party.name
                                                                                     for p in found):
            found.append(party)
    return found


def _event(kind: str, subtype: str | None, sent: Span, actor: Party | None, target: Party | None,
           **extra) -> Event:
    plover, acled = classify(kind, subtype, set())
    return Event(id="v0", type=kind, subtype=subtype, plover=plover, acled=acled,
                 summary=sent.text.strip()[:300], actor=actor, target=target,
                 evidence=[evidence_span(sent)], **extra)


def diplomacy(index: EntityIndex, sent: Span) -> tuple[str, Party | None, Party | None] | None:
    """(subtype, actor, target) when the sentence tells a diplomatic act."""
    for noun in sent:
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in CALL_NOUNS and noun.lower_ != "calls":
            between = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("between", "with")]
            if between:
                parties = _others(index, sent, between[0], None)
                if parties:
                    actor = parties[0]
                    target = parties[1] if len(parties) > 1 else None
                    return ("call" if noun.lemma_ == "call" else "talks"), actor, target
    for verb in _verbs(sent, MEET_VERBS):
        preps = [c for c in verb.children if c.dep_ in ("prep", "dobj") and c.lower_ in ("to", "with") or
                 c.dep_ == "dobj" and c.pos_ == "PROPN"]
        if preps:
            actor = _subject(index, verb)
            others = _others(index, sent, preps[0], actor)
            if actor is not None and others:
                subtype = "meeting" if verb.lemma_ in ("meet", "host", "visit") else "call"
                return subtype, actor, others[0]
    for verb in _verbs(sent, AGREE_VERBS):
        actor = _subject(index, verb)
        if actor is not None and DIPLOMACY_CONTEXT.search(sent.text):
            return "agreement", actor, None
    for verb in _verbs(sent, APPEAL_VERBS):
        if verb.lemma_ == "call" and not any(c.lower_ == "on" for c in verb.children):
            continue
        target_tok = next((c for c in verb.children if c.dep_ in ("dobj", "prep")), None)
        actor = _subject(index, verb)
        target = _party(index, target_tok if target_tok is None or target_tok.dep_ == "dobj" else
                        next((c for c in target_tok.children if c.dep_ == "pobj"), target_tok)) \
            if target_tok is not None else None
        if actor is not None and target is not None and DIPLOMACY_CONTEXT.search(sent.text):
            return "appeal", actor, target
    if REJECT_WORDS.search(sent.text):
        verb = sent.root
        actor = _subject(index, verb)
        if actor is not None:
            return "rejection", actor, None
    return None


def prisoner_exchange(index: EntityIndex, sent: Span, quantities: list[Quantity]) -> tuple | None:
    """(actor, target, prisoners) when the sentence tells of an exchange of prisoners."""
    lemmas = {t.lemma_.lower() for t in sent}
    words = {t.lower_ for t in sent}
    if not (lemmas & SWAP_WORDS) or not (words & PRISONER_NOUNS or "pow" in lemmas):
        return None
    if not ({"exchange", "swap", "swop", "trade"} & lemmas or "return" in lemmas and "prisoners" in words):
        return None
    verb = next((t for t in sent if t.lemma_.lower() in SWAP_WORDS and t.pos_ == "VERB"), None)
    if verb is not None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PLAN_VERBS:
        return None  # "they agreed to exchange 1,000 prisoners each": a promise (the diplomacy's), not a swap
    actor = target = None
    if verb is not None:
        actor = _subject(index, verb)
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        others = [c for s in subjects for c in s.children if c.dep_ == "conj"]
        if others:
            target = _party(index, others[0])
    if actor is None:
        parties = [p for t in sent if (p := as_state(index, t)) is not None]
        actor = parties[0] if parties else None
        target = next((p for p in parties[1:] if actor and p.name != actor.name), None)
    count = next((q.value for q in quantities if sent.start_char <= q.start < sent.end_char and
                  (q.unit or "").lower() in PRISONER_NOUNS | {"each", "people", "pows"}), None)
    return actor, target, count


def aid(index: EntityIndex, sent: Span) -> tuple[str, Party | None, Party | None] | None:
    """(subtype, giver, recipient) when the sentence tells an aid decision about arms, air defence or aid."""
    if not AID_OBJECTS.search(sent.text):
        return None
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        subtype = ("reduction" if lemma in AID_REDUCE else "purchase" if lemma in AID_PURCHASE
                   else "increase" if lemma in AID_INCREASE else None)
        if subtype is None:
            continue
        phrase = " ".join(t.text for c in verb.children if c.dep_ in ("dobj", "prep", "xcomp", "prt", "pobj")
                          for t in c.subtree)
        if not AID_OBJECTS.search(phrase):
            continue
        if verb.dep_ in ("amod", "acl") and lemma in AID_REDUCE or _hypothetical(verb) or _appealed(verb):
            continue
        giver = _subject(index, verb)
        recipient = None
        for child in verb.subtree:
            if child.dep_ == "pobj" and child.head.lower_ in ("for", "to") and (party := as_state(index, child)):
                if giver is None or party.name != giver.name:
                    recipient = party
                    break
        if giver is not None:
            return subtype, giver, recipient
    return None


def _appealed(verb: Token) -> bool:
    """Whether a verb is what someone is urged to do ("urging allies to deliver more missiles")."""
    return any(t.lemma_.lower() in APPEAL_VERBS | {"want", "hope", "seek"} for t in list(verb.ancestors)[:2])


def _hypothetical(verb: Token) -> bool:
    """Whether a verb sits under "whether"/"if" ("concerns over whether the US would continue …")."""
    for token in [verb, *verb.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if", "unless") for c in token.children):
            return True
    return False


def territorial_claim(index: EntityIndex, sent: Span) -> tuple[str, Party | None, Span] | None:
    """(subtype, actor, phrase of the place taken) when the sentence claims ground was taken."""
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in CAPTURE_VERBS:
            if lemma == "take" and not any(c.lower_ == "control" for c in token.subtree):
                continue
            obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
        elif token.pos_ == "NOUN" and lemma in CAPTURE_NOUNS and lemma != "control":
            obj = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        else:
            continue
        if obj is None:
            continue
        place = sent.doc[obj.left_edge.i:obj.right_edge.i + 1]
        if not SETTLEMENTS.search(place.text) and not any(index.at(t) and index.at(t).type in ("GPE", "LOC")
                                                          for t in place):
            continue
        verb = token if token.pos_ == "VERB" else token.head
        actor = _subject(index, verb)
        return ("capture" if lemma not in ("liberate", "liberation", "retake", "recapture") else "recapture"), \
            actor, place
    return None


def protected_site(sent: Span) -> Token | None:
    """The protected site a sentence says was damaged or hit."""
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    if not lemmas & DAMAGE_WORDS:
        return None
    return next((t for t in sent if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in SITES), None)


def find_others(doc: Doc, index: EntityIndex, quantities: list[Quantity], dates: list[DateRef],
                attacks: list[Event], first_number: int) -> list[Event]:
    """The non-attack events, numbered from ``first_number``, each dated by its sentence where it says."""
    found: list[Event] = []
    for sent in doc.sents:
        for event in _sentence_events(index, sent, quantities, attacks):
            event.id = f"v{first_number + len(found)}"
            if event.date is None:
                event.date = _date_in(sent, dates)
            found.append(event)
    return _dedupe(found)


def _sentence_events(index: EntityIndex, sent: Span, quantities: list[Quantity], attacks: list[Event]
                     ) -> list[Event]:
    """The non-attack events a sentence tells: one of each type at most ("He urged the US to … on Moscow,
    which announced the capture of a village" is an appeal and a territorial claim)."""
    found = []
    if (swap := prisoner_exchange(index, sent, quantities)) is not None:
        actor, target, count = swap
        found.append(_event("prisoner_exchange", "exchange", sent, actor, target,
                            attributes={"prisoners": count} if count else {}, confidence=0.7))
    if (claim := territorial_claim(index, sent)) is not None:
        subtype, actor, place = claim
        named = SETTLEMENT_NAME.search(place.text)
        location = Place(name=named.group(1), region=region_in(sent.text)) if named else (
            place_of(index, [place], actor) or Place(name=_bare(place.text), region=region_in(place.text)))
        found.append(_event("territorial_claim", subtype, sent, actor, None, location=location,
                            attributes={"place": _bare(place.text)}, confidence=0.6))
    if (site := protected_site(sent)) is not None:
        attack = _attack_of(sent, attacks)
        holders = [site, site.head] if site.dep_ == "compound" else [site]  # "its embassy building"
        owner = next((c for h in holders for c in h.children if c.dep_ in ("poss", "compound", "amod")
                      and c.i != site.i), None)
        target = _party(index, owner) if owner is not None and owner.pos_ != "PRON" else None
        if target is None and owner is not None and owner.pos_ == "PRON":
            target = _subject(index, sent.root)
        actor = attack.actor if attack else None
        found.append(_event("protected_site_damage", site.lemma_.lower(), sent, actor, target,
                            location=place_of(index, [sent], actor) or (attack.location if attack else None),
                            date=attack.date if attack else None,
                            attributes={"attack": attack.id} if attack else {}, confidence=0.6))
    if (decision := aid(index, sent)) is not None:
        subtype, giver, recipient = decision
        found.append(_event("aid", subtype, sent, giver, recipient, confidence=0.55))
    if (act := diplomacy(index, sent)) is not None and not (found and act[0] in ("agreement", "rejection")):
        subtype, actor, target = act
        found.append(_event("diplomacy", subtype, sent, actor, target, confidence=0.55))
    return found


def _date_in(sent: Span, dates: list[DateRef]) -> EventDate | None:
    """The first resolved date of a sentence, as an event's date."""
    for ref in dates:
        if sent.start_char <= ref.start < sent.end_char and ref.value and ref.granularity != "unknown":
            if ref.value.startswith("..") or ref.value.endswith(".."):
                continue  # "more than a month ago": an open range, no day to give the event
            value = ref.value.split("/")[-1] if ref.granularity == "range" else ref.value
            granularity = "day" if ref.granularity in ("range", "time") and len(value) >= 10 else ref.granularity
            return EventDate(value=value[:10] if granularity == "day" else value, granularity=granularity,
                             text=ref.text)
    return None


def _bare(phrase: str) -> str:
    """"of the village of Novoselivka" → "the village of Novoselivka"."""
    return re.sub(r"^(?:of|in|at)\s+", "", phrase.strip()).strip(" ,.")


def _dedupe(events: list[Event]) -> list[Event]:
    """One diplomatic act told twice ("a call between A and B" … "the call between A and B") is one event."""
    kept: list[Event] = []
    for event in events:
        same = next((k for k in kept if k.type == event.type == "diplomacy" and k.subtype == event.subtype
                     and {_name(k.actor), _name(k.target)} == {_name(event.actor), _name(event.target)}), None)
        if same is None:
            kept.append(event)
        else:
            same.evidence.extend(event.evidence)
    for number, event in enumerate(kept, int(kept[0].id[1:]) if kept else 1):
        event.id = f"v{number}"
    return kept


def _name(party: Party | None) -> str | None:
    return party.name if party else None


def _attack_of(sent: Span, attacks: list[Event]) -> Event | None:
    """The attack whose evidence holds the sentence, else the article's first attack (told as "the attack")."""
    for attack in attacks:
        if any(e.start <= sent.start_char + 1 and sent.end_char - 1 <= e.end or
               sent.start_char <= e.start < sent.end_char for e in attack.evidence):
            return attack
    if attacks and re.search(r"\b(?:the|that|this) (?:attack|strike|barrage|bombardment|assault)s?\b", sent.text,
                             re.IGNORECASE):
        return attacks[0]
    return attacks[0] if attacks and attacks[0].subtype != "period total" else None

