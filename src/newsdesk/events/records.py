"""Reading a record claim in one sentence: ``record``, ``bounded_record`` (with its bound) or none.

Real reports use the words of records for many things, and only some are a claim about *this* attack:

* "the largest attack of the war", "a record 728 drones", "the most massive attack since the full-scale
  invasion", "unprecedented" — a **record** (of the whole war);
* "the biggest this year", "the largest in almost a year", "the most since July", "the biggest one so far in
  August" — a **bounded record**: its bound ("this year", "since July") is kept, and it is never judged against
  the war's largest night;
* "one of the largest attacks", "the previous record was 728 drones", "the largest at that time", "the second
  largest city", "Europe's deadliest war since 1945", "the world's largest drone plant" — **no claim** of this
  attack: a ranking among many, an earlier record, or a superlative of something that is not an attack.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

RECORD_WORDS = re.compile(
    r"\b(?:largest|biggest|heaviest|most massive|most powerful|deadliest|record|unprecedented|"
    r"most (?:drones|missiles)|highest number|(?<=the )most(?= (?:\w+ )?(?:in|since|ever|for)\b))\b", re.IGNORECASE)
# what a superlative may rank and still be a claim about an attack
ATTACK_THINGS = frozenset({
    "attack", "strike", "airstrike", "barrage", "bombardment", "assault", "shelling", "raid", "salvo", "onslaught",
    "bombing", "blitz", "volley", "wave", "drone", "missile", "rocket", "uav", "shahed", "number", "one", "total",
    "amount", "use", "escalation", "night", "operation", "combination", "scale", "launch", "swarm", "day", "offensive",
})
WHOLE_WAR = re.compile(
    r"\b(?:of|in) the (?:[\w-]+ )?(?:war|conflict|invasion)\b|\bsince (?:the )?(?:start|beginning|outbreak|"
    r"launch)\b|\bsince (?:the |russia's |moscow's |its )?(?:full[- ]scale )?(?:war|invasion|conflict)\b|"
    r"\bsince (?:\w+ )*?(?:invaded|invasion|(?:february )?2022)\b|\bever\b|\bto date\b", re.IGNORECASE)
BOUND = re.compile(
    r"\b(?:(?:so far )?this (?:year|month|week|summer|winter|spring|autumn|fall)|(?:of|in) the year(?: so far)?|"
    r"so far in \w+|in (?:almost |nearly |more than |over |about )?(?:a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|several|many|\d+) (?:years?|months?|weeks?|days?)|in (?:weeks|months)|"
    r"for (?:weeks|months)|since (?!the (?:start|beginning|outbreak|launch)\b)[^,;]{2,60})", re.IGNORECASE)
EARLIER = re.compile(r"\b(?:previous|prior|earlier|former|last|then)\s+(?:\w+\s+)?$|\bthe\s+then[- ]$",
                     re.IGNORECASE)
EARLIER_AFTER = re.compile(r"^\W*(?:\w+\s+){0,3}?(?:at (?:that|the) time|until then|until now|before that|"
                           r"previously|had been)\b", re.IGNORECASE)
ONE_OF = re.compile(r"\bone of (?:the |russia's |its |the war's |[\w’']+ )?(?:\w+ )?$", re.IGNORECASE)
RANK = re.compile(r"\b(?:second|third|fourth|fifth|2nd|3rd)[- ]$", re.IGNORECASE)
# "the biggest was 81 missiles on March 9" (an earlier one named), "the biggest number of children wounded"
NOT_THIS = re.compile(r"^\s+(?:was|were)\b|^\s+number of (?:children|people|civilians|casualties|victims|deaths|"
                      r"dead|injured)\b", re.IGNORECASE)


def _ranked_thing(token: Token) -> Token | None:
    """The noun a superlative ranks ("largest attack" → attack), None when it stands alone ("the largest")."""
    head = token
    for _ in range(2):
        if head.dep_ in ("amod", "compound", "nummod", "advmod") and head.head.i != head.i:
            head = head.head
            if head.pos_ in ("NOUN", "PROPN"):
                return head
        else:
            break
    return None


def record_claim(sent: Span) -> tuple[str, str | None] | None:
    """``("record", None)``, ``("bounded_record", bound)`` or None for one sentence (module docstring)."""
    text = sent.text
    best: tuple[str, str | None] | None = None
    for m in RECORD_WORDS.finditer(text):
        before, after = text[:m.start()], text[m.end():]
        if EARLIER.search(before[-30:]) or EARLIER_AFTER.search(after) or ONE_OF.search(before[-40:]) \
                or RANK.search(before[-8:]) or NOT_THIS.search(after):
            continue
        span = sent.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            thing = _ranked_thing(span[-1])
            if thing is not None and thing.lemma_.lower() not in ATTACK_THINGS and not thing.text[:1].isdigit():
                continue
        tail = after[:120]
        if WHOLE_WAR.search(tail) or m.group(0).lower() in ("record", "unprecedented") and not BOUND.search(tail):
            return "record", None
        bound = BOUND.search(tail) or BOUND.search(before[-40:])
        if bound:
            best = best or ("bounded_record", bound.group(0).strip(" ,."))
        else:
            best = ("record", None)
    return best
