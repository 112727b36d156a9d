"""People, organisations, places and groups of an article: one entity per referent, with roles.

The stages, each a module of its own:

1. ``spans``: spaCy's entities cleaned ("Mr", "'s", "the" out) and its slips corrected;
2. ``referents``: names grouped into referents ("Donald Trump" = "Mr Trump" = "Trump");
3. ``recall``: names the model missed ("Mr Trump also said …") added to them;
4. ``roles``: titles and appositions ("Kremlin spokesman");
5. ``coref``: pronouns and descriptions ("he", "the ministry", "the 47-year-old") resolved.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsdesk.language.coref import resolve_references
from newsdesk.language.entity_lexicon import ROLE_LABELS
from newsdesk.language.recall import missed_names
from newsdesk.language.referents import Referent, assign
from newsdesk.language.roles import appositions, title_role
from newsdesk.language.spans import NameSpan, name_spans
from newsdesk.schema import Entity, Mention

__all__ = ["find_entities"]


def find_entities(doc: Doc) -> list[Entity]:
    """The entities of a parsed article, ids "e1", "e2" … in order of first mention.

    Every mention's start/end indexes ``doc.text``.

    >>> from newsdesk.language.nlp import load_nlp
    >>> doc = load_nlp()("US President Donald Trump spoke. Mr Trump said he was pleased.")
    >>> [(e.id, e.name, e.roles, [m.text for m in e.mentions]) for e in find_entities(doc)]
    [('e1', 'US', [], ['US']), ('e2', 'Donald Trump', ['US President'], ['Donald Trump', 'Trump', 'he'])]
    """
    refs: list[Referent] = []
    for span in name_spans(doc):
        assign(doc, span, refs)
    for span in missed_names(doc, refs):
        assign(doc, span, refs)
    for ref in refs:
        if ref.type() in ROLE_LABELS:
            _attach_roles(doc, ref)
    resolve_references(doc, refs)
    return _to_entities(doc, refs)


def _attach_roles(doc: Doc, ref: Referent) -> None:
    """Roles from every name of the referent; appositive phrases become mentions too."""
    person = ref.type() == "PERSON"
    for span in sorted(ref.names, key=lambda s: s.start):
        role = title_role(doc, span, person)
        if role:
            ref.add_role(role)
        for appos in appositions(doc, span, person):
            if any(appos.start < s.end and s.start < appos.end for s in ref.names):
                continue  # "Omar's older brother, Ahmed Ali Omar": its own name inside, a misreading
            ref.add_role(appos.role)
            ref.others.append((appos.start, appos.end))


def _to_entities(doc: Doc, refs: list[Referent]) -> list[Entity]:
    """Schema entities in order of first mention, mentions sorted and unique."""
    ordered = sorted(refs, key=lambda r: min(r.starts()))
    return [Entity(id=f"e{n}", name=_canonical_name(doc, ref), type=ref.type(), roles=list(ref.roles),
                   mentions=_mentions(doc, ref)) for n, ref in enumerate(ordered, start=1)]


def _canonical_name(doc: Doc, ref: Referent) -> str:
    """The fullest proper name used: most words, then most characters, then the first written."""
    best: NameSpan = max(sorted(ref.names, key=lambda s: s.start),
                         key=lambda s: (s.end - s.start, len(doc[s.start:s.end].text)))
    return doc[best.start:best.end].text


def _mentions(doc: Doc, ref: Referent) -> list[Mention]:
    """Every mention of the referent as character spans of ``doc.text``."""
    spans = {(s.start, s.end) for s in ref.names} | set(ref.others)
    mentions = []
    for start, end in sorted(spans):
        span = doc[start:end]
        mentions.append(Mention(start=span.start_char, end=span.end_char, text=span.text))
    return mentions
