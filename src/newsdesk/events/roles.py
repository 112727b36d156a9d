"""What a verb does to the weapons a figure counts: launched them (the default), shot them down, lost them, or
supplied them (not an attack's); and whether the figure counts what struck rather than what was launched."""

from __future__ import annotations

import re

from spacy.tokens import Token

INTERCEPT_VERBS = frozenset({
    "intercept", "neutralise", "neutralize", "suppress", "repel", "repulse", "down", "destroy",
    "eliminate", "defeat", "stop", "knock", "bring", "disable", "counter",
})



INTERCEPT_NOUNS = frozenset({"interception", "destruction", "downing", "neutralisation", "neutralization",
                             "elimination", "shootdown", "suppression"})



INTERCEPT_PARTICLES = {"shoot": "down", "take": "out", "bring": "down", "knock": "out"}



FELL_VERBS = frozenset({"crash", "fall", "land", "plunge", "explode", "detonate"})



LOST_VERBS = frozenset({"lose", "jam"})  # "123 drones were lost" (to electronic warfare), "52 were jammed"



SUPPLY_VERBS = frozenset({
    "send", "supply", "deliver", "provide", "give", "buy", "purchase", "procure", "produce", "manufacture",
    "build", "make", "order", "sell", "transfer", "pledge", "promise", "donate", "export", "import", "stockpile",
    "assemble", "receive", "need", "want", "request", "have", "possess",
})



HITS_BEFORE = re.compile(r"\b(?:hits|impacts|strikes) (?:by|of|from)\b[^.;:]*$", re.IGNORECASE)



HIT_NOUNS = frozenset({"hit", "impact", "strike", "detonation", "explosion", "debris", "wreckage", "fragment",
                       "crash"})  # "the detonation of one drone": what struck, not what was launched



def verb_role(token: Token) -> str | None:
    """What the verb governing ``token`` does to it: "intercepted", "lost", "supplied" or None (launched)."""
    for _ in range(5):
        head = token.head
        if head.i == token.i:
            return None
        if head.lower_ == "including" and head.dep_ in ("prep", "advcl", "conj"):
            token = head  # "18 missiles were shot down, including six Kinzhals": the parts share the total's fate
            continue
        if head.pos_ == "NOUN" and token.lower_ == "of" and head.lemma_.lower() in INTERCEPT_NOUNS:
            return "intercepted"  # "reported the interception and destruction of 28 drones"
        if head.pos_ in ("VERB", "AUX"):
            if token.dep_ in ("nsubj", "csubj") and (passive := _passive_rest(head)) is not None:
                head, token = passive, passive  # "seven rockets fired from HIMARS were destroyed", misparsed
            elif token.dep_ in ("nsubj", "csubj"):  # the weapons did something: "drones struck the port"
                if head.lemma_.lower() in FELL_VERBS:
                    return "fell"  # "One drone crashed into a high-rise": what came down, not what was launched
                return "lost" if fails(token) else None
            if token.dep_ == "prep" and token.lower_ == "of":  # "Of the 54 drones launched, 52 were shot down"
                return None
            head = _reported(head)  # "112 were confirmed to have been shot down"
            lemma = head.lemma_.lower()
            particle = next((c.lower_ for c in head.children if c.dep_ == "prt" or  # "shot down", parsed either way
                             c.dep_ == "advmod" and c.lower_ in ("down", "out")), "")
            if lemma in INTERCEPT_VERBS or INTERCEPT_PARTICLES.get(lemma) == particle or (
                    lemma in ("hit", "strike") and token.dep_ == "dobj"):  # "they hit 11 Shaheds": the weapons hit
                return "not intercepted" if any(c.dep_ == "neg" for c in head.children) else "intercepted"
            if lemma in LOST_VERBS and (token.dep_ in ("nsubjpass", "nsubj") or not _shot_or(head)):
                return "lost"  # "249 were shot down and 226 were lost": each verb its own count
            if lemma in LOST_VERBS:
                return "intercepted"  # "intercepted or jammed 405 drones": one count of both
            if lemma in SUPPLY_VERBS and not _aimed(head):
                return "supplied"
            return None
        token = head
    return None



def _passive_rest(verb: Token) -> Token | None:
    """"seven rockets fired from HIMARS were destroyed" parsed as "rockets fired …" with "were destroyed" its
    conjunct: the participle is the noun's modifier and the passive verb, joined with no "and" and no subject of its
    own, is what became of the weapons."""
    if verb.tag_ != "VBD" or any(c.dep_ in ("dobj", "cc") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "conj" and any(d.dep_ == "auxpass" for d in c.children)
                 and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children)), None)



def _shot_or(verb: Token) -> bool:
    """Whether a verb of loss is joined to one of interception ("shot down or jammed")."""
    joined = [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
    return any(t.lemma_.lower() in INTERCEPT_VERBS or t.lemma_.lower() in INTERCEPT_PARTICLES for t in joined)



def _aimed(verb: Token) -> bool:
    """"sent 62 drones against Ukraine", "sent hundreds of drones at Kyiv": an attack, not a delivery."""
    return verb.lemma_.lower() == "send" and any(
        c.dep_ == "prep" and c.lower_ in ("against", "at", "towards", "toward", "on") for c in verb.children)



REPORT_VERBS = frozenset({"confirm", "report", "say", "believe", "know", "think", "claim", "state", "understand"})



def _reported(verb: Token) -> Token:
    """The verb a verb of saying reports on: "were confirmed to have been shot down" → shot."""
    if verb.lemma_.lower() in REPORT_VERBS:
        return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), verb)
    return verb



CONDUCT_VERBS = frozenset({"launch", "conduct", "carry", "fire", "deliver", "mount", "unleash", "perform"})


def counts_hits(token: Token) -> bool:
    """"Hits by 4 missiles were recorded", "four missile strikes": a count of what struck, not of what was launched
    (but "strikes – almost 500 attack drones" counts the drones)."""
    if token.pos_ == "NOUN" and token.lemma_.lower() in HIT_NOUNS:
        return not (token.dep_ == "dobj" and token.head.lemma_.lower() in CONDUCT_VERBS)  # "launched 4,500 missile
        # strikes": the strikes launched are the missiles
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in ("by", "of", "from") and head.head.pos_ == "NOUN" \
        and head.head.lemma_.lower() in HIT_NOUNS



def own_clause_role(noun: Token) -> str | None:
    """"128 decoy drones that were lost along the way", "40 drones that were shot down": the clause on the weapon
    says what became of it; "the wave included 45 drones that his forces shot down": all of those launched ("all")."""
    for clause in noun.children:
        passive = clause.dep_ == "relcl" and any(c.dep_ == "auxpass" for c in clause.children) or \
            clause.dep_ == "acl" and clause.tag_ in ("VBN", "VBG") and clause.lemma_.lower() in LOST_VERBS
        objected = clause.dep_ == "relcl" and not any(  # "45 drones that his forces shot down": the noun its object
            c.dep_ == "dobj" and c.tag_ not in ("WDT", "WP") for c in clause.children) and any(
            c.dep_ == "nsubj" for c in clause.children)
        if not (passive or objected):  # ("52 more drones being jammed")
            continue
        lemma = clause.lemma_.lower()
        particle = next((c.lower_ for c in clause.children if c.dep_ == "prt"), "")
        if lemma in LOST_VERBS:
            return "lost"
        if lemma in INTERCEPT_VERBS or INTERCEPT_PARTICLES.get(lemma) == particle:
            if any(c.dep_ == "neg" for c in clause.children):
                return "not intercepted"  # "the two missiles that were not destroyed": what hit, not a launch
            return "intercepted" if passive else "all"
    return None



def fails(token: Token) -> bool:
    """"51 failed to reach their targets", "12 did not reach their targets": weapons lost, not shot down."""
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_ == "be":  # "52 more drones being jammed", "12 went missing"
        return any(c.dep_ == "acomp" and c.lower_ in ("jammed", "lost", "missing") for c in head.children)
    if token.dep_ != "nsubj" or head.pos_ != "VERB":
        return False
    if head.lemma_.lower() in ("fail", "divert", "deviate", "disappear", "vanish"):
        return True
    return head.lemma_.lower() == "reach" and any(c.dep_ == "neg" for c in head.children)
