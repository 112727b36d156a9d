"""Roles from the parse: titles before a name and appositions beside it.

"Kremlin spokesman Dmitry Peskov" → "Kremlin spokesman" (the name's left dependents: compound,
amod, nmod); "Dmitry Peskov, the Kremlin spokesman," and "The acting governor of the Rostov region,
Yuri Slyusar," → the appositive noun phrase. A role must end in a noun and hold a lowercase noun or
a title word, so "Ukrainian Volodymyr Zelensky" or "Germany's Foreign Ministry" give none.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsdesk.language.entity_lexicon import NOT_ROLE_NOUNS, ROLE_NOUNS, ROLE_SUFFIXES, TITLE_WORDS
from newsdesk.language.spans import NameSpan, honorific_of

MAX_ROLE_TOKENS = 10
ROLE_PREPS = frozenset({"of", "at", "for", "in", "from"})


@dataclass(slots=True, frozen=True)
class Apposition:
    """A role given by an appositive noun phrase: the role text and the phrase's token span."""

    role: str
    start: int
    end: int


def title_role(doc: Doc, span: NameSpan, person: bool) -> str | None:
    """The role written before a name in its own noun phrase ("US President" Donald Trump)."""
    left = doc[span.start:span.end].root.left_edge.i
    if left >= span.start:
        return None
    start = _after_cuts(doc, left, span.start)
    if any(_breaks_phrase(doc[i]) for i in range(start, span.start)):
        return None  # "… at trial Altice was …": a run-on the parser joined to the name
    role_start = _skip_determiners(doc, start, span.start)
    role = _role_text(doc, role_start, span.start)
    head = doc[span.start - 1]
    if role is None or head.tag_ == "NNS":
        return None  # "former prime ministers Tony Blair and Gordon Brown" is no one's role
    if person and not _names_a_person(doc[role_start:span.start], head):
        return None
    if not person and role_start > start:
        return None  # "the abandoned Syrian road ISIS …"
    return role


def _after_cuts(doc: Doc, left: int, end: int) -> int:
    """Where a role may start: after the last punctuation, conjunction, bracket or honorific."""
    start = left
    for i in range(left, end):
        token = doc[i]
        hyphen = token.text in "-–" and not token.whitespace_
        bracket = any(c in token.text for c in "()[]")
        if (token.is_punct and not hyphen) or token.is_space or bracket or token.pos_ == "CCONJ" \
                or honorific_of(token):
            start = i + 1
    return start


def _breaks_phrase(token: Token) -> bool:
    """Words a role before a name never holds: prepositions (bar "of", "in-house"), verbs."""
    if token.pos_ == "ADP":
        return token.lower_ != "of" and token.whitespace_ != ""
    if token.pos_ in ("VERB", "AUX"):
        return not _acting(token)
    return token.pos_ == "SCONJ"


def _skip_determiners(doc: Doc, start: int, end: int) -> int:
    """``start`` moved past determiners and possessive pronouns ("the", "his")."""
    while start < end and (doc[start].pos_ in ("DET", "PRON") or doc[start].tag_ == "PRP$"):
        start += 1
    return start


def _names_a_person(role: Span, head: Token) -> bool:
    """True when a role suits a person: it holds a title word, or its head noun names people."""
    return any(t.text in TITLE_WORDS for t in role) or is_person_noun(head)


def is_person_noun(head: Token) -> bool:
    """True for nouns naming people ("spokesman", "saxophonist", "wife"), not things ("career")."""
    lemma = head.lemma_.lower()
    if lemma in ROLE_NOUNS or head.lower_ in ROLE_NOUNS:
        return True
    return lemma.endswith(ROLE_SUFFIXES) and lemma not in NOT_ROLE_NOUNS


def _acting(token: Token) -> bool:
    """Participles that belong to titles ("acting governor", "Warsaw-based analyst")."""
    return token.tag_ in ("VBG", "VBN") and token.dep_ == "amod"


def _role_text(doc: Doc, start: int, end: int) -> str | None:
    """The text of tokens ``[start, end)`` when they make a role, else None."""
    tokens = doc[start:end]
    if not 0 < len(tokens) <= MAX_ROLE_TOKENS or "\n" in tokens.text:
        return None
    if tokens[-1].pos_ not in ("NOUN", "PROPN") or any(honorific_of(t) for t in tokens):
        return None
    if len(tokens) > 1 and tokens[-2].text in "-–" and not tokens[-2].whitespace_:
        return None  # "27-nation" is an adjective, not a role
    if not any(t.text in TITLE_WORDS or (t.pos_ == "NOUN" and t.text.islower()) for t in tokens):
        return None
    return tokens.text


def appositions(doc: Doc, span: NameSpan, person: bool) -> list[Apposition]:
    """Roles given by appositions: "Peskov, the Kremlin spokesman," / "the governor, Yuri Slyusar,"."""
    root = doc[span.start:span.end].root
    heads = [c for c in root.rights if c.dep_ == "appos" and c.i >= span.end]
    if person and root.dep_ == "appos" and root.head.i < span.start:  # "the museum, Govaert …" lists
        heads.append(root.head)
    return [a for head in heads if (a := _apposition(doc, head, span, person)) is not None]


def _apposition(doc: Doc, head: Token, span: NameSpan, person: bool) -> Apposition | None:
    """The apposition headed by ``head`` beside the name ``span``, if it makes a role."""
    if not ((head.pos_ == "NOUN" and head.text.islower()) or head.text in TITLE_WORDS):
        return None
    if head.tag_ in ("NNS", "NNPS"):
        return None  # "nine players, A, B and C" lists people; it is no one's role
    start, end = head.left_edge.i, _phrase_end(head)
    cut = _after_cuts(doc, start, head.i + 1)
    role_start = _skip_determiners(doc, cut, head.i + 1)
    np_start = _np_start(doc, start, role_start)
    if role_start > head.i or start <= span.start < end or not _set_off(doc, np_start, end, span):
        return None
    if any(_breaks_phrase(doc[i]) for i in range(cut, head.i)):
        return None
    if person and not _names_a_person(doc[role_start:end], head):
        return None  # "Lane, the white baseball cap …" is no one's role
    role = _role_text(doc, role_start, end)
    return Apposition(role, np_start, end) if role else None


def _set_off(doc: Doc, start: int, end: int, span: NameSpan) -> bool:
    """True for a phrase set off as apposition: "Peskov, the spokesman, said", "his wife, Natasha",
    "his wife Natasha"; never one in brackets ("Southend (home to Luton)") or running on into a clause."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.text in "([":
        return False
    if end <= span.start:
        return all(t.text == "," for t in doc[end:span.start]) and span.start - end <= 1
    after = doc[end] if end < len(doc) else None
    closes = after is None or after.is_space or after.text in ",.;:!?—–" or after.tag_ in ("WP", "WDT")
    return before is not None and before.text == "," and closes


def _phrase_end(head: Token) -> int:
    """The end of an appositive noun phrase: its head and the "of …"/"at …" phrases right after it."""
    end = head.i + 1
    for child in head.rights:
        if child.i != end or child.dep_ != "prep" or child.lower_ not in ROLE_PREPS:
            break
        end = child.right_edge.i + 1
    return end


def _np_start(doc: Doc, start: int, role_start: int) -> int:
    """The phrase as written, with its determiner ("the Kremlin spokesman"), without punctuation."""
    while start < role_start and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start
