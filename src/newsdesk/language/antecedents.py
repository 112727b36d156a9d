"""Which person a pronoun ("he", "her") or an age ("the 47-year-old") means: the rules.

The subject before it in its own sentence, else the subject of the nearest earlier sentence naming
a person (its last main-clause subject: "X said Y lied. He …" → X), else the only person there.
A person the text names only by a common noun ("a woman reported she …") counts as a candidate
that resolves to nothing, so the pronoun is left alone rather than given to someone else.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

from newsdesk.language.entity_lexicon import GENDERED_ROLE_WORDS
from newsdesk.language.quote_marks import find_quoted
from newsdesk.language.referents import Referent
from newsdesk.language.roles import is_person_noun

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
PRONOUN_LOOKBACK = 3  # sentences before the pronoun's own searched for its antecedent
# British single quotes, curly or straight; an apostrophe inside a word ("don't") never ends one
_SINGLE_QUOTED = re.compile(r"(?<!\w)‘[^‘\n]*?’(?!\w)|(?<![\w'])'(?=[^\s'])[^\n]*?(?<=[\w.,!?])'(?!\w)")


@dataclass(slots=True, frozen=True)
class PersonMention:
    """A mention of a person (``ref`` None: one named by a common noun only, "a woman")."""

    start: int
    end: int
    root: int
    ref: Referent | None
    subject: bool
    main: bool  # the subject of a main clause (the root verb or one conjoined with it)
    gender: str | None = None


@dataclass(slots=True)
class Context:
    """What the resolvers read: the doc, sentences, quoted tokens, people mentioned, tokens taken."""

    doc: Doc
    sent_of: list[int]
    sent_start: list[int]  # first token of each sentence
    quoted: list[bool]
    people: list[PersonMention]
    refs: list[Referent]
    taken: set[int] = field(default_factory=set)  # tokens already part of a mention


def build_context(doc: Doc, refs: list[Referent]) -> Context:
    """The sentence index and quote flag of every token, and every person mention, in text order."""
    flags = doc.to_array([SENT_START]) == 1  # where sentences start; cheaper than doc.sents
    if len(doc):
        flags[0] = True
    sent_of = (flags.cumsum() - 1).tolist()
    sent_start = flags.nonzero()[0].tolist()
    people = [person_mention(doc, start, end, ref) for ref in refs if ref.label == "PERSON"
              for start, end in [(s.start, s.end) for s in ref.names] + ref.others]
    people.sort(key=lambda m: m.start)
    ctx = Context(doc, sent_of, sent_start, _quoted_tokens(doc), people, refs)
    ctx.taken = {i for m in people for i in range(m.start, m.end)}
    ctx.taken.update(i for ref in refs for s in ref.names for i in range(s.start, s.end))
    return ctx


def _quoted_tokens(doc: Doc) -> list[bool]:
    """True for every token inside quotation marks (double, or British single)."""
    quoted = [False] * len(doc)
    singles = [(m.start(), m.end()) for m in _SINGLE_QUOTED.finditer(doc.text)]
    for start, end in find_quoted(doc.text) + singles:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            quoted[span.start:span.end] = [True] * len(span)
    return quoted


def person_mention(doc: Doc, start: int, end: int, ref: Referent | None,
                   gender: str | None = None) -> PersonMention:
    """The mention ``[start, end)`` of ``ref``, with whether it is a (main-clause) subject."""
    root = doc[start:end].root
    noun = root.head if root.dep_ == "appos" else root  # "the governor, Yuri Slyusar, said"
    subject = noun.dep_ in SUBJECT_DEPS
    verb = noun.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return PersonMention(start, end, root.i, ref, subject, subject and verb.dep_ == "ROOT", gender)


def antecedent(ctx: Context, pos: int, gender: str | None, exclude: set[int]) -> Referent | None:
    """The person a pronoun at token ``pos`` most likely means, or None when unsure."""
    here = ctx.sent_of[pos]
    before = ctx.people[:bisect.bisect_left(ctx.people, pos, key=lambda m: m.start)]
    barred = {id(m.ref) for m in before if m.root in exclude}  # "Peskov told him": never Peskov
    for sent in range(here, max(-1, here - PRONOUN_LOOKBACK - 1), -1):
        found = [m for m in before if ctx.sent_of[m.start] == sent and m.end <= pos]
        found += _unnamed_subjects(ctx, sent, pos)
        found = sorted((m for m in found if _fits(m, ctx, pos, gender, barred)), key=lambda m: m.start)
        if sent == here:  # in its own sentence, only a subject before it ("Trump said he …")
            found = [m for m in found if m.subject]
        if found:
            return _pick(found, same_sentence=sent == here)
    return None


def _unnamed_subjects(ctx: Context, sent: int, pos: int) -> list[PersonMention]:
    """Subjects of sentence ``sent`` (before ``pos``) that are people named by a common noun only."""
    start = ctx.sent_start[sent]
    end = min(pos, ctx.sent_start[sent + 1] if sent + 1 < len(ctx.sent_start) else len(ctx.doc))
    return [person_mention(ctx.doc, t.i, t.i + 1, None, GENDERED_ROLE_WORDS.get(t.lemma_.lower()))
            for t in ctx.doc[start:end]
            if t.dep_ in SUBJECT_DEPS and t.pos_ == "NOUN" and t.i not in ctx.taken and is_person_noun(t)]


def _fits(m: PersonMention, ctx: Context, pos: int, gender: str | None, barred: set[int]) -> bool:
    """A candidate fits unless its gender differs, it is quoted speech, or it is the pronoun's own
    clause's subject (``barred``: ids of such referents)."""
    known = m.ref.gender if m.ref is not None else m.gender
    if gender and known and known != gender:
        return False
    return id(m.ref) not in barred and not (ctx.quoted[m.start] and not ctx.quoted[pos])


def _pick(found: list[PersonMention], same_sentence: bool) -> Referent | None:
    """The subject of the nearest clause: the last subject before the pronoun in its own sentence,
    else the last main-clause subject ("X said Y lied. He …" → X), else the only person named."""
    subjects = [m for m in found if m.subject]
    main = [m for m in subjects if m.main]
    if subjects:
        return (subjects[-1] if same_sentence else (main[-1] if main else subjects[0])).ref
    refs = {id(m.ref): m.ref for m in found}
    return next(iter(refs.values())) if len(refs) == 1 else None


def coarguments(token: Token) -> set[int]:
    """Subjects an object pronoun cannot mean ("Trump told him": him ≠ Trump)."""
    if token.dep_ in OBJECT_DEPS:
        verb = token.head
    elif token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head
    else:
        return set()
    return {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS}
