"""Who speaks in a cue: the subject of a verb of saying, found through the parse's slips.

``subject_of(verb)`` is the verb's subject, or the subject it shares ("…, saying …", "said and
added"), or one written after it ("said Mr Kim"); ``is_verb`` says whether a token can carry a cue.
Split from ``cues.py``, which finds the cues themselves.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from newsdesk.language.quote_lexicon import (
    CORE_SPEECH_VERBS,
    EVIDENCE_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    SPEECH_VERBS,
    SUBJECT_DEPS,
)
from newsdesk.language.speakers import speaker_span

_SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp"})

def is_verb(token: Token) -> bool:
    """Whether ``token`` is a verb (tagger or parser says so)."""
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it hangs on ("…, saying …", "said and added")."""
    cue = verb
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:  # the nearest of two ("The Latest:\n\n2 p.m.\n\nThe governor says …")
            return min(subjects, key=lambda c: abs(c.i - cue.i))
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return agent[0]
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "began by saying …"
            continue
        if verb.dep_ not in _SHARED_SUBJECT_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def speaker_outside(verb: Token, subject: Token, quoted: Callable[[int], bool]) -> Span | None:
    """The speaker of a cue outside the quotation marks when the parser took a subject inside them.

    "“One of the best,” Rep. Ann Roe said" may give the verb two subjects, and "“… the mayor and
    the council,” Ms Roe, an aide, said" may hang the speaker on the quoted noun as appositions:
    the words outside the marks speak. A verb outside the marks never has its speaker inside them;
    with no words outside to take, the cue has no speaker.
    """
    others = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not quoted(c.idx)]
    if others:
        return speaker_span(others[-1])
    named = [t for t in subject.subtree if t.dep_ in ("appos", "conj") and not quoted(t.idx)
             and t.pos_ in ("PROPN", "NOUN", "PRON") and quoted(t.head.idx)]
    if not named:
        return None
    doc = verb.doc
    start, end = named[0].left_edge.i, named[-1].right_edge.i + 1
    while start < named[0].i and (doc[start].is_punct or quoted(doc[start].idx)):
        start += 1
    if end < len(doc) and doc[end].text == "," and len(named) > 1:
        end += 1  # "Ms Roe, an aide,": the comma closing the apposition
    return doc[start:end]


def titled(subject: Token, quoted: Callable[[int], bool]) -> bool:
    """Whether the quoted words around a subject hold no verb: a title ("“The Record” wrote"), not speech."""
    doc = subject.doc
    start, end = subject.i, subject.i + 1
    while start > 0 and quoted(doc[start - 1].idx):
        start -= 1
    while end < len(doc) and quoted(doc[end].idx):
        end += 1
    return not any(is_verb(t) for t in doc[start:end])


def thing_reports(verb: Token, subject: Token) -> bool:
    """Whether a relative clause makes a mere thing the holder of a view ("dresses that showed more",
    "provisions that address losses"): "that"/"which" on a noun that names no person, group,
    place or poll, with a verb other than one of saying ("a letter that says …" reports)."""
    if verb.dep_ != "relcl" or subject.lower_ not in ("that", "which") or verb.lemma_.lower() in SPEECH_VERBS:
        return False
    noun = verb.head
    if noun.pos_ == "PROPN" or noun.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    return noun.lemma_.lower() not in PERSON_NOUNS | ORG_NOUNS | EVIDENCE_NOUNS


def _bare_subject(verb: Token) -> Token | None:
    """A name right before a verb of saying the parser left without a subject ("… the Post Trump said")."""
    if verb.i == 0 or verb.lemma_.lower() not in CORE_SPEECH_VERBS:
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ in ("PROPN", "PRON") and before.dep_ in ("pobj", "dobj", "appos", "compound", "dep"):
        return before
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """"“It is over,” sighed the coach": the speaker after the verb, parsed as its object."""
    if verb.lemma_.lower() not in SPEECH_VERBS or not any(c.dep_ == "ccomp" and c.i < verb.i
                                                          for c in verb.children):
        return None
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "oprd")]
    return after[0] if after and after[0].left_edge.i == verb.i + 1 else None


def bare_speaker(verb: Token) -> Span | None:
    """The mention of a subject the parser missed: after the verb, or a name right before it."""
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return speaker_span(inverted)
    token = _bare_subject(verb)
    if token is None:
        return None
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return ent if ent is not None else token.doc[token.i: token.i + 1]
