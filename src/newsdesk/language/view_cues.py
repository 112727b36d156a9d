"""Attributions of a view or a plan without a verb of saying (PARC's belief and intention classes).

* "in X's view" / "in his eyes" / "in the words of X": X holds the rest of the sentence;
* "in a poll" / "in the study": the poll or study is the source of the rest of the sentence;
* "Trump's plan to cut taxes" / "her refusal to testify": a noun of intention, its owner and
  its infinitive.

Each gives a ``cues.Cue``; ``quotes`` meets its content with the quotation marks as for the others.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from newsdesk.language.cues import Cue, main_part, parts, token_chars
from newsdesk.language.quote_lexicon import EVIDENCE_NOUNS, INTENTION_NOUNS, VIEW_NOUNS
from newsdesk.language.speakers import speaker_span


def _holder(pobj: Token) -> Token | None:
    """Who holds the view in "in X's view" (the owner) or "in the words of X" (the "of" noun)."""
    owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    of = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _source(prep: Token) -> Token | None:
    """The source token of an "in …" phrase that attributes its sentence, else None."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    lemma = pobj.lemma_.lower()
    if lemma in VIEW_NOUNS:
        return _holder(pobj)
    if lemma in EVIDENCE_NOUNS and not any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in pobj.children):
        return pobj
    return None


def view_cues(doc: Doc, quoted: Callable[[int], bool]) -> list[Cue]:
    """"in X's view, …", "in his eyes", "in the words of X", "in a new poll, …": the rest of the
    sentence is what X (or the poll) holds."""
    cues = []
    for token in doc:
        if token.lower_ != "in" or token.dep_ != "prep" or quoted(token.idx):
            continue
        source = _source(token)
        if source is None:
            continue
        spans = [token_chars(doc, s, e) for s, e in parts(token.sent.root, hole=token)]
        spans = [p for p in spans if p[1] - p[0] > 1]
        if spans:
            phrase = doc[token.i: token.right_edge.i + 1].text
            cues.append(Cue(token, phrase, speaker_span(source), [main_part(doc, spans)]))
    return cues


def intention_cues(doc: Doc, quoted: Callable[[int], bool]) -> list[Cue]:
    """"Trump's plan to cut taxes": a noun of intention, its owner, and its infinitive."""
    cues = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in INTENTION_NOUNS or quoted(token.idx):
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        clause = next((c for c in token.children if c.dep_ in ("acl", "relcl") and c.i > token.i
                       and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if owner is not None and clause is not None:
            start = min(a.i for a in clause.children if a.dep_ == "aux" and a.lower_ == "to")
            cues.append(Cue(token, token.text, speaker_span(owner),
                            [token_chars(doc, start, clause.right_edge.i + 1)]))
    return cues
