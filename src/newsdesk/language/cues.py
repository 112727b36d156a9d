"""Cues of reported speech in the parse: who says, by which word, and what.

A cue is a verb of saying (``quote_lexicon.SPEECH_VERBS``), a verb whose object is what was
said ("denied the report"), or any other verb with a nominal subject and a finite clause right
after it ("found that …", "signalled they …") unless it is listed in ``NOT_CUES``; a noun of
saying with its owner ("Trump's claim that …"); "according to X"; and "Name: …" opening a line.
The cue's complement is what was said; its subject (or the subject it shares in "…, saying …"
and "said and added") is the speaker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsdesk.language.cue_subjects import bare_speaker, is_verb, speaker_outside, subject_of, thing_reports, titled
from newsdesk.language.quote_lexicon import (
    AS_VERBS,
    ATTITUDE_VERBS,
    CONTENT_PREPS,
    CORE_SPEECH_VERBS,
    EVIDENCE_VERBS,
    INFINITIVE_CONTENT_VERBS,
    NAMING_VERBS,
    NOT_CUES,
    NOT_LABELS,
    OBJECT_CONTENT_VERBS,
    RELATIVE_PRONOUNS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    SUBJECT_DEPS,
)
from newsdesk.language.speakers import speaker_span

CharSpan = tuple[int, int]
_TRIM_CHARS = ",;:—–-()[] \n\t.\u00a0"
_CLAUSE_MARKS = frozenset({"that", "whether", "if", "how", "why", "what", "when", "where", "who"})


@dataclass
class Cue:
    """One attribution found in the parse, before its content meets the quotation marks."""

    verb: Token
    text: str
    speaker: Span | None
    contents: list[CharSpan] = field(default_factory=list)

    @property
    def speech(self) -> bool:
        """Whether the cue is a verb of saying, which may also take a quotation beside it."""
        return self.verb.lemma_.lower() in SPEECH_VERBS


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins every token again at each access)."""
    if "newsdesk_text" not in doc.user_data:
        doc.user_data["newsdesk_text"] = doc.text
    return doc.user_data["newsdesk_text"]


def trim(text: str, start: int, end: int) -> CharSpan:
    """[start, end) without edge spaces and punctuation; quotation marks stay."""
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    return start, end


def token_chars(doc: Doc, start: int, end: int) -> CharSpan:
    """Trimmed character span of tokens [start, end)."""
    return trim(text_of(doc), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))


def parts(node: Token, hole: Token | None = None) -> list[tuple[int, int]]:
    """Token ranges of ``node``'s subtree, split around the subtree of ``hole`` when given."""
    start, end = node.left_edge.i, node.right_edge.i + 1
    if hole is None or not (start <= hole.i < end):
        return [(start, end)]
    h_start, h_end = hole.left_edge.i, hole.right_edge.i + 1
    return [(s, e) for s, e in ((start, h_start), (h_end, end)) if e > s]


def _reports_other(clause: Token) -> bool:
    """Whether a complement is itself a cue with its own subject ("…, Mr Bush said" misattached)."""
    return clause.lemma_.lower() in CORE_SPEECH_VERBS and subject_of(clause) is not None


def _clauses(verb: Token, quoted: Callable[[int], bool]) -> list[Token]:
    """The clausal complements of ``verb``: ccomp, and parataxis before it or inside quotation marks.

    A verb of saying also takes a clause the parser hung on its object as a relative clause with a
    subject of its own and no relative word ("told the forum he was against the war").
    """
    found = []
    for child in verb.children:
        if child.dep_ == "ccomp" or (child.dep_ == "parataxis" and (child.i < verb.i or quoted(child.idx))) \
                or _fronted_clause(verb, child):
            if not _reports_other(child):
                found.append(child)
    if not found and verb.lemma_.lower() in SPEECH_VERBS:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        found = [r for o in objs for r in o.children
                 if r.dep_ == "relcl" and r.right_edge.i == o.right_edge.i and _misparsed_clause(r)]
    return found


def _fronted_clause(verb: Token, child: Token) -> bool:
    """"Talks Could Resume Soon, Minister Says": a finite clause before a verb of saying, set off
    by a comma, that the parser took for an adverbial one (it has no "when", "if", "as" …)."""
    if child.dep_ != "advcl" or child.i > verb.i or verb.lemma_.lower() not in CORE_SPEECH_VERBS:
        return False
    if child.tag_ in ("VBG", "VBN", "TO") or child.doc[child.right_edge.i + 1].text != ",":
        return False
    return not any(c.dep_ in ("mark", "advmod") or c.lower_ == "to" for c in child.children if c.i < child.i)


def _misparsed_clause(relcl: Token) -> bool:
    """A "relative clause" that has its own subject and no relative word: a complement clause."""
    kids = list(relcl.children)
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.text not in RELATIVE_PRONOUNS for c in kids)
    relative = any(t.tag_ in ("WDT", "WP", "WP$", "WRB") or t.text in RELATIVE_PRONOUNS for t in relcl.subtree
                   if t.i < relcl.i)
    return has_subject and not relative


def _finite_after(verb: Token, clause: Token) -> bool:
    """A finite clause after the verb: "that they lost", "they will go" (not "to go", not before)."""
    if clause.left_edge.i < verb.i:
        return False
    deps = {c.dep_ for c in clause.children}
    marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod", "nsubj", "dobj")}
    return bool(marks & _CLAUSE_MARKS) or bool(deps & {"nsubj", "nsubjpass", "expl"})


def _is_cue(verb: Token, clauses: list[Token]) -> bool:
    """Whether ``verb`` reports speech or a view, given its clausal complements."""
    lemma = verb.lemma_.lower()
    if verb.dep_ == "relcl" and not any(c.dep_ in SUBJECT_DEPS and c.text in RELATIVE_PRONOUNS
                                        for c in verb.children):
        if not any(_finite_after(verb, c) for c in clauses):
            return False  # "everything Trump says": what is said is the noun, not a clause
    if lemma in SPEECH_VERBS or _put_it(verb):
        return True
    if lemma in OBJECT_CONTENT_VERBS and any(c.dep_ == "dobj" for c in verb.children):
        return True
    if lemma in OBJECT_CONTENT_VERBS and _passiveparts(verb) is not None:
        return True  # "the plan was rejected by the council"
    if lemma in EVIDENCE_VERBS and any(c.dep_ == "dobj" for c in verb.children):
        subject = subject_of(verb)
        return subject is not None and not _personal(subject)  # "polls show a close race"
    if _named_as(verb):
        return True
    preps = CONTENT_PREPS.get(lemma, frozenset())
    if any(c.dep_ == "prep" and c.lower_ in preps for c in verb.children):
        return True  # "called for a ceasefire"
    if lemma in INFINITIVE_CONTENT_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "urged voters to stay home"
    if not clauses or lemma in NOT_CUES:
        return False
    return lemma in ATTITUDE_VERBS or any(_finite_after(verb, c) for c in clauses)


def _put_it(verb: Token) -> bool:
    """"As Ms Roe put it, …": the idiom of saying with "as" and "put it"."""
    return (verb.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
            and any(c.dep_ in ("mark", "prep", "advmod") and c.lower_ == "as" and c.i < verb.i for c in verb.children))


def _passiveparts(verb: Token) -> tuple[Token, Token] | None:
    """(what, by whom) of a passive cue with an agent: "the plan was rejected by the council"."""
    what = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    return (what, agent) if what is not None and agent is not None else None


def _personal(token: Token) -> bool:
    """Whether a subject is a person ("she showed her passport" reports nothing)."""
    return token.ent_type_ == "PERSON" or token.lower_ in ("he", "she", "i", "we", "you", "they", "who")


def _object_content(verb: Token) -> list[tuple[int, int]]:
    """Token ranges of an object, infinitive or preposition phrase that carries what was said."""
    lemma = verb.lemma_.lower()
    deps = set()
    if lemma in OBJECT_CONTENT_VERBS or lemma in EVIDENCE_VERBS:
        deps |= {"dobj", "xcomp", "oprd"}
    if lemma in INFINITIVE_CONTENT_VERBS:
        deps |= {"xcomp"}
    objs = [c for c in verb.children if c.dep_ in deps]
    if objs:
        return parts(objs[-1])
    passive = _passiveparts(verb) if lemma in OBJECT_CONTENT_VERBS else None
    if passive is not None:
        return parts(passive[0])
    preps = CONTENT_PREPS.get(lemma, frozenset())
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.right_edge.i > child.i:
            return [(child.i + 1, child.right_edge.i + 1)]
    return []


def _said_so(verb: Token) -> list[tuple[int, int]]:
    """"55 percent said so", "75 percent said yes", "a third said the same of Sanders": the words after a verb of
    saying that stand for what was said."""
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return []
    for child in verb.children:
        if child.i == verb.i + 1 and child.lower_ in ("so", "yes", "no") and child.dep_ in _PRO_FORM_DEPS:
            return [(child.i, child.i + 1)]
        if child.i > verb.i and child.lower_ == "same" and child.dep_ in _PRO_FORM_DEPS | {"nsubj"}:
            return [(child.left_edge.i, child.right_edge.i + 1)]
    return []


_PRO_FORM_DEPS = frozenset({"advmod", "intj", "dobj", "npadvmod", "attr", "oprd", "acomp"})


def _content_of(verb: Token, clauses: list[Token]) -> list[tuple[int, int]]:
    """Token ranges of what ``verb`` reports: its clauses, else its object or preposition phrase."""
    if clauses:
        return [r for c in clauses for r in parts(c)]
    said_so = _said_so(verb)
    if said_so:
        return said_so
    if verb.dep_ in ("parataxis", "advcl") and (verb.lemma_.lower() in SPEECH_VERBS or _put_it(verb)) \
            and verb.head.i != verb.i:
        # "It will fail, he said" / "But, he said, it will fail" / "As she put it, …": the clause
        # around the cue, the cue left out (a fragment on each side of it when it interrupts)
        doc, clause = verb.doc, verb.head
        if not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return [parts(clause)[0]]  # "…, adding …": the clause it hangs on
        while not is_verb(clause) and clause.head.i != clause.i:
            clause = clause.head  # "The bridge, as she noted, will close": "as" hung on the noun
        return [(s, e) for s, e in parts(clause, hole=verb) if sum(t.is_alpha for t in doc[s:e]) >= 2]
    named = _named_as(verb)
    return named or _object_content(verb)


def _named_as(verb: Token) -> list[tuple[int, int]]:
    """"called the charges “fabricated”", "sees the deal as a trap", "likened him to a thief": the
    object with what it was called, seen as or likened to."""
    lemma = verb.lemma_.lower()
    preps = AS_VERBS.get(lemma)
    if lemma not in NAMING_VERBS and preps is None:
        return []
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    near = [*verb.children, *(obj.children if obj is not None else ())]  # "as" hangs on either
    pred = [c for c in near if obj is not None and c.i > obj.i and (
        (lemma in NAMING_VERBS and c.head.i == verb.i and c.dep_ in ("oprd", "xcomp", "ccomp", "npadvmod"))
        or (preps is not None and c.dep_ == "prep" and c.lower_ in preps and c.right_edge.i > c.i))]
    return [(obj.left_edge.i, pred[0].right_edge.i + 1)] if obj is not None and pred else []


def cue_text(verb: Token) -> str:
    """The cue as written: the verb with its particle or content preposition ("called for")."""
    preps = CONTENT_PREPS.get(verb.lemma_.lower(), frozenset())
    words = [verb, *(c for c in verb.children if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in preps))]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def verb_cues(doc: Doc, quoted: Callable[[int], bool]) -> list[Cue]:
    """Every verb cue outside quotation marks (``quoted(offset)``), with speaker and content."""
    cues = []
    for token in doc:
        if not is_verb(token) or quoted(token.idx):
            continue
        clauses = _clauses(token, quoted)
        if not _is_cue(token, clauses):
            continue
        subject = subject_of(token)
        if subject is None:
            speaker = bare_speaker(token)
            if speaker is None:
                continue
        elif thing_reports(token, subject):
            continue
        elif quoted(subject.idx) and not titled(subject, quoted):
            speaker = speaker_outside(token, subject, quoted)  # None: the cue stays, with no speaker
        else:
            speaker = speaker_span(subject)
        spans = [token_chars(doc, s, e) for s, e in _content_of(token, clauses)]
        cues.append(Cue(token, cue_text(token), speaker, [p for p in spans if p[1] > p[0]]))
    return cues


def according_cues(doc: Doc) -> list[Cue]:
    """"according to X": X is the speaker, the rest of its sentence is what X says.

    The sentence before the phrase is taken when there is one ("Prices rose, according to X, …"),
    else the part after it ("According to X, prices rose").
    """
    cues = []
    for token in doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            continue
        spans = [token_chars(doc, s, e) for s, e in parts(token.sent.root, hole=token)]
        spans = [p for p in spans if p[1] - p[0] > 1]
        if spans:
            cues.append(Cue(token, "according to", speaker_span(source), [main_part(doc, spans)]))
    return cues


def main_part(doc: Doc, spans: list[CharSpan]) -> CharSpan:
    """The part before the cue when it holds a verb and a few words, else the longest part."""
    first = doc.char_span(*spans[0], alignment_mode="expand")
    if first is not None and len(first) >= 3 and any(is_verb(t) for t in first):
        return spans[0]
    return max(spans, key=lambda p: p[1] - p[0])


def noun_cues(doc: Doc, quoted: Callable[[int], bool]) -> list[Cue]:
    """"Trump's claim that shootings rose": a noun of saying, its owner, and its "that" clause."""
    cues = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in SPEECH_NOUNS or quoted(token.idx):
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if owner is not None and clause is not None:
            cues.append(Cue(token, token.text, speaker_span(owner), [token_chars(doc, *parts(clause)[0])]))
    return cues


def label_cues(doc: Doc) -> list[Cue]:
    """"Pence: Flowers won't be at debate" / "WALLACE: We will…": a name and a colon open a line."""
    cues = []
    offset = 0
    text = text_of(doc)
    for line in text.split("\n"):
        colon = line.find(":")
        if 0 < colon <= 60 and len(line) - colon > 12:
            lead = len(line) - len(line.lstrip(" \t\"“'‘*•-"))
            label = doc.char_span(offset + lead, offset + colon)
            colon_token = doc.char_span(offset + colon, offset + colon + 1)
            if label is not None and colon_token is not None and _is_label(label):
                content = trim(text, offset + colon + 1, offset + len(line))
                cues.append(Cue(colon_token[0], ":", label, [content]))
        offset += len(line) + 1
    return cues


def _is_label(span: Span) -> bool:
    """Whether a line's opening words name a speaker: a few capitalised words, one a proper noun."""
    words = [t for t in span if not t.is_punct]
    if not 1 <= len(words) <= 5 or span.text.lower().strip() in NOT_LABELS:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return False  # "The Gap Goes On: …" is a headline, not a name
    capitalised = all(t.is_title or t.is_upper or not t.is_alpha for t in words)
    return capitalised and any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in words)
