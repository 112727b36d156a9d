"""Who speaks: the speaker span of a cue, and the entity it refers to.

The span is the local mention: the subject's whole noun phrase, appositions and relative clauses
included ("Michael Tanner, an analyst at Cato"), time modifiers and datelines left out. The name
is the entity's canonical name when one of the article's entities has a mention covering the
span's head word; otherwise "he"/"she", "it" and short definite descriptions ("the ministry",
"the 47-year-old") resolve to the last fitting entity mentioned before them (a person for
he/she, an organisation or place for "it" and "the ministry"), "who" to the noun it hangs on,
and anything else is named by its own words.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from newsdesk.language.quote_lexicon import (
    GROUP_PRONOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
)
from newsdesk.schema import Entity, Speaker

PERSON_TYPES = ("PERSON",)
GROUP_TYPES = ("ORG", "GPE", "NORP", "FAC")
PLACE_NOUNS = frozenset({"country", "nation", "state", "city", "region", "capital", "town", "province"})
_EDGE_PUNCT = set(",;:-–—()[]\"'“”‘’<>")
_WHEN = frozenset({"DATE", "TIME"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})
# words before a speaker's head that belong to the mention: "about half of voters", "both Bush and Christie"
_PART_OF_MENTION = frozenset({"about", "nearly", "almost", "roughly", "around", "approximately", "just", "some",
                              "both", "either", "neither", "over", "under", "only"})


def _cut(child: Token) -> bool:
    """Whether a dependent of the speaker's head is no part of the mention.

    Time modifiers ("Russia on July 4", "Trump this week"), a focus word before it ("Even China", not the
    "about" of "about half"),
    and a participle or preposition phrase set off by a comma after it ("Trump, speaking to
    veterans,") go; appositions and relative clauses stay.
    """
    head = child.head
    if child.ent_type_ in _WHEN and child.dep_ in ("npadvmod", "tmod"):
        return True
    if child.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in _WHEN for c in child.children):
        return True
    if child.i < head.i and child.dep_ in ("advmod", "cc", "preconj") and child.i == head.left_edge.i:
        return child.lower_ not in _PART_OF_MENTION
    after_comma = child.i > head.i and head.doc[child.left_edge.i - 1].text == ","
    if after_comma and child.dep_ == "prep":
        return child.lower_ != "of"  # "Johnnie Wilson, of Springfield," names where he is from
    return after_comma and child.dep_ == "acl" and child.tag_ in ("VBG", "VBN")


def _reports(clause: Token) -> bool:
    """Whether a relative clause on the speaker is a report of its own ("Mr Kamin, who stressed that …")."""
    return any(t.dep_ in ("ccomp", "parataxis") and t.head.pos_ in ("VERB", "AUX") for t in clause.subtree)


def _aside(token: Token, head: Token) -> bool:
    """Whether ``token`` opens a verb phrase or an adverb set off by a comma inside the speaker's phrase.

    In "Ann Roe, the mayor's rival, called for calm, as well, saying …" the parser may hang
    "called …" and "as well" on "rival" or on "Roe": the mention stops before them. Relative clauses and
    appositions inside the apposition stay ("a lawyer at Keel & Co, who represents the city,").
    """
    doc = token.doc
    if token.i == head.i or token.left_edge.i == 0 or doc[token.left_edge.i - 1].text != ",":
        return False
    if token.dep_ == "acl":
        return token.tag_ in ("VBD", "VBN") and any(c.dep_ in ("prep", "dobj", "npadvmod", "oprd")
                                                    for c in token.children)
    return token.dep_ in ("advcl", "advmod") and token.i > token.head.i


def _bracket_aside(doc: Doc, head: Token, end: int) -> int:
    """Where a closing bracketed aside with a verb starts ("Mr Roe (a view shared by many)"), else ``end``."""
    if doc[end - 1].text != ")":
        return end
    opening = next((i for i in range(end - 2, head.i, -1) if doc[i].text == "("), None)
    if opening is not None and any(t.pos_ in ("VERB", "AUX") for t in doc[opening + 1:end - 1]):
        return opening
    return end


def _edge(token: Token) -> bool:
    """Punctuation or space that may not open or close a mention."""
    return token.text in _EDGE_PUNCT or token.is_space


def _one_line(doc: Doc, head: Token, start: int, end: int) -> tuple[int, int]:
    """The line of a mention the parser ran over a paragraph break: the line next to the verb.

    "5:45 p.m.\n\nLibertarian candidate …" and "The Latest on the race:\n\nDonald Trump" say …
    keep the last line when the verb follows the mention, the first when it comes before.
    """
    breaks = [t.i for t in doc[start:end - 1] if "\n" in t.text or "\n" in t.whitespace_]
    if not breaks:
        return start, end
    if head.head.i >= end or head.head.i == head.i:
        return breaks[-1] + 1, end
    first_end = breaks[0] + (0 if "\n" in doc[breaks[0]].text else 1)
    return (start, first_end) if first_end > start else (start, end)


def speaker_span(head: Token) -> Span:
    """The local mention of a speaker whose head token is ``head``: its whole noun phrase.

    Appositions and relative clauses stay ("Michael Tanner, an analyst at Cato,"), with the comma
    that closes them, as in the PARC and PolNeAR conventions; time modifiers, datelines, edge
    punctuation and words inside quotation marks before the head go, and so do a relative clause
    that reports on its own ("Mr Kamin, who stressed that …"), a closing bracket with a verb in it
    ("Mr Burman (a view shared by many)") and a verb phrase or adverb the parser hung on the
    phrase after a comma ("Ms Roe, the mayor's rival, called for calm, as well, saying …").
    """
    doc = head.doc
    cut = {t.i for child in head.children if _cut(child) for t in child.subtree}
    start, end = head.left_edge.i, head.right_edge.i + 1
    asides = [t.left_edge.i - 1 for t in doc[head.i + 1:end] if _aside(t, head)]
    asides += [c.left_edge.i for c in head.children if c.dep_ == "relcl" and c.i > head.i and _reports(c)]
    end = _bracket_aside(doc, head, min(asides, default=end))
    while end - 1 >= head.i and end - start > 1 and doc[end - 1].dep_ == "case":
        end -= 1  # "Trump's plan": the owner is "Trump"
    while end - 1 > head.i and (end - 1 in cut or _edge(doc[end - 1])):
        if doc[end - 1].text == ")" and "(" in doc[start:end - 1].text and end - 1 not in cut:
            break  # "Paul Ryan (R-Wis.)": the bracket closes
        end -= 1
    while start < head.i and (start in cut or _edge(doc[start])):
        start += 1
    start, end = _one_line(doc, head, start, end)
    dash = [t.i for t in doc[start:head.i] if t.text in ("-", "—", "–", "--") and doc[t.i - 1].whitespace_]
    if dash and all(t.is_upper or not t.is_alpha for t in doc[start:dash[-1]]):
        start = dash[-1] + 1  # "WASHINGTON - A visa program": the dateline is no part of it
    marks = [t.i for t in doc[start:head.i] if t.text in _QUOTE_MARKS]
    start = marks[-1] + 1 if marks else start  # "… our military,” Flynn, a surrogate,"
    if end < len(doc) and doc[end].text == "," and any(t.text == "," for t in doc[start:end]):
        end += 1  # the comma closing an apposition: "Flynn, a top Trump surrogate,"
    return doc[start:end]


def _covering(entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention covering [start, end) (the speaker's head word), the shortest first."""
    best, best_len = None, None
    for entity in entities:
        for m in entity.mentions:
            if m.start <= start and end <= m.end and (best_len is None or m.end - m.start < best_len):
                best, best_len = entity, m.end - m.start
    return best


def _last_before(
    entities: Sequence[Entity], offset: int, types: tuple[str, ...], noun: str | None = None
) -> Entity | None:
    """The entity of ``types`` whose latest mention before ``offset`` is closest to it.

    With ``noun`` (a description's head: "the ministry"), only an entity named or described by that
    noun fits ("Foreign Ministry"), or any place for the nouns that name places ("the country").
    """
    best, best_end = None, -1
    for entity in entities:
        if entity.type not in types or (noun and not _described_by(entity, noun)):
            continue
        ends = [m.end for m in entity.mentions if m.end <= offset]
        if ends and max(ends) > best_end:
            best, best_end = entity, max(ends)
    return best


def _described_by(entity: Entity, noun: str) -> bool:
    if noun in PLACE_NOUNS:
        return entity.type in ("GPE", "LOC")
    words = " ".join([entity.name, *entity.roles]).lower().split()
    return noun in words or noun.rstrip("s") in words


def doc_entities(doc: Doc) -> list[Entity]:
    """spaCy's own named entities as one-mention Entity records (no ids): the fallback."""
    return [
        Entity(id="", name=e.text, type=e.label_,
               mentions=[{"start": e.start_char, "end": e.end_char, "text": e.text}])
        for e in doc.ents
        if e.label_ in PERSON_TYPES + GROUP_TYPES
    ]


def _antecedent_types(span: Span) -> tuple[str, ...] | None:
    """Which entity types a pronoun or definite description may stand for, else None."""
    root = span.root
    if len(span) == 1 and root.text in PERSON_PRONOUNS:
        return PERSON_TYPES
    if len(span) == 1 and root.text in GROUP_PRONOUNS:
        return GROUP_TYPES
    if not any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") for t in root.children):
        return None
    if any(t.pos_ == "PROPN" or t.dep_ in ("prep", "relcl", "appos", "acl") for t in span):
        return None  # "the acting governor of the Rostov region" introduces someone new
    head = root.lower_
    if head in PERSON_NOUNS or span.text.lower().endswith(("-old", " old")):
        return PERSON_TYPES
    if head in ORG_NOUNS:
        return GROUP_TYPES
    return None


def _named_span(span: Span) -> Span:
    """The span that names the speaker: a relative pronoun's noun ("Smith, who said …" → Smith)."""
    root = span.root
    if len(span) == 1 and root.text in RELATIVE_PRONOUNS and root.head.dep_ == "relcl":
        noun = root.head.head
        return noun.doc[noun.left_edge.i: noun.i + 1]
    return span


def _resolve(span: Span, entities: Sequence[Entity]) -> Entity | None:
    """The entity a speaker span refers to, from the entity list (a mention there or an antecedent)."""
    span = _named_span(span)
    root = span.root
    found = _covering(entities, root.idx, root.idx + len(root))
    if found is not None:
        return found
    types = _antecedent_types(span)
    if types is not None:
        # "the ministry" must be named so; "the 52-year-old" or "she" just needs a person
        noun = root.lower_ if len(span) > 1 and types == GROUP_TYPES else None
        return _last_before(entities, span.start_char, types, noun)
    return None


def make_speaker(span: Span, entities: Sequence[Entity], fallback: Sequence[Entity] | None = None) -> Speaker:
    """The Speaker record for a speaker span: its entity and canonical name when they can be found.

    ``fallback`` (spaCy's own entities, ``doc_entities``) names a speaker the entity list misses.
    """
    entity = _resolve(span, entities)
    if entity is None:
        entity = _resolve(span, doc_entities(span.doc) if fallback is None else fallback)
    if entity is None:
        return Speaker(entity=None, name=_named_span(span).text, start=span.start_char, end=span.end_char)
    return Speaker(entity=entity.id or None, name=entity.name, start=span.start_char, end=span.end_char)
