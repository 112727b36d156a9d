"""Compressing one sentence into a key point: only deletions, so every word left is the article's.

The rules, each a deletion of whole tokens of the parsed sentence:

1. **Openers that lean on the sentence before** — "But", "And", "Meanwhile,", "In addition," (the
   list in ``data/connectives.txt``): a coordinating word always, an adverb or phrase only before a comma.
2. **"also"** — "Mr Trump also said …" reads as a dangling reference once alone.
3. **Asides** — anything in brackets, or between a pair of dashes.
4. **What frames an attribution** — the prepositional phrases on a speech verb ("said *on social
   media after the call*", "said *in a briefing*") unless they carry a date or a number; a clause after
   a comma on it ("…, *referring to Russia's invasion*").
5. **Trailing clauses** — a last clause after a comma that only adds colour: a non-restrictive
   "which"/"who" clause or an "-ing" clause (", *prompting calls for …*").
5b. **A closing frame of what emerged** — ", it emerged." / ", it has been revealed." (a fact that emerged
   stays a fact; ", it has been claimed." is a claim and stays).
6. **Ages and numbers in apposition** — "Gary Locke*, 39,* will …" → "Gary Locke will …".
7. **Shortened to fit** (``shorten``, only for a sentence still over the word limit): what follows a
   lone dash ("… festival - aiming to …"), a "which"/"who" clause or a name's description between commas,
   then the last clause or phrase hanging off the main verb — after a comma
   (", hours after pummelling …") or opened by a subordinator ("… since the Kremlin ordered …") —
   while what is left keeps the main verb, its subject and at least eight words.

What is left keeps the speaker ("Mr Zelensky said …"): a claim never turns into a fact.

>>> from newsdesk.language.nlp import load_nlp
>>> doc = load_nlp()("But the minister also said on social media after the call that talks had stalled.")
>>> compress(doc[:]).text
'The minister said that talks had stalled.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

__all__ = ["Compressed", "compress"]

SPEECH_LEMMAS = frozenset({
    "say", "tell", "announce", "add", "claim", "write", "state", "report", "confirm", "warn", "explain",
    "insist", "note", "post", "tweet", "declare", "stress", "argue", "suggest", "acknowledge", "admit",
})
_FACTIVE_LEMMAS = frozenset({"emerge", "reveal", "announce", "confirm", "disclose", "learn"})
_ASIDE_ADVERBS = frozenset({"however", "meanwhile", "though", "too", "also", "moreover", "furthermore"})
_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "ccomp", "xcomp", "attr", "acomp", "aux", "auxpass", "neg",
                   "punct", "dative", "oprd"})
_DASHES = frozenset({"—", "–", "-", "--"})
_SPACE_FIXES = ((re.compile(r"\s+([,.;:!?’”)])"), r"\1"), (re.compile(r",\s*([,.;:!?])"), r"\1"),
                (re.compile(r"\s{2,}"), " "), (re.compile(r"^[\s,;:–—-]+"), ""))


@dataclass
class Compressed:
    """A compressed sentence: its text and the character spans of the article it keeps."""

    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    drop: set[int] = field(default_factory=set)  # doc indices of the tokens deleted


@lru_cache(maxsize=1)
def connectives() -> tuple[tuple[str, ...], ...]:
    """The openers of ``data/connectives.txt`` as word tuples, longest first."""
    lines = resources.files("newsdesk.keypoints").joinpath("data/connectives.txt").read_text("utf-8").splitlines()
    words = {tuple(line.split()) for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted(words, key=len, reverse=True))


def compress(sent: Span, *, trailing: bool = True, asides: bool = True) -> Compressed:
    """The sentence with the deletions above applied (``trailing``/``asides`` switch rules 4–6 off)."""
    drop: set[int] = set()
    _drop_opener(sent, drop)
    _drop_also(sent, drop)
    if asides:
        _drop_brackets(sent, drop)
        _drop_numeric_appositions(sent, drop)
    _drop_attribution_frame(sent, drop)
    _drop_factive_tail(sent, drop)
    if trailing:
        _drop_trailing_clause(sent, drop)
    return assemble(sent, drop)


def shorten(sent: Span, short: Compressed, limit: int) -> Compressed:
    """Rule 7: delete ``short``'s optional clauses, last first, until it has at most ``limit`` words."""
    drop = set(short.drop)
    while len(short.text.split()) > limit:
        cut = _optional_clause(sent, drop)
        if cut is None:
            break
        drop |= cut
        short = assemble(sent, drop)
    return short


def _optional_clause(sent: Span, drop: set[int]) -> set[int] | None:
    """The tokens of the next clause rule 7 may delete, or None: the first strategy that finds one wins."""
    kept = [t for t in sent if t.i not in drop and not t.is_punct and not t.is_space]
    if not kept:
        return None
    tail = _dash_tail(sent, kept)
    if tail is not None:
        return tail
    for strategy in (_aside_clause, _apposition, _leading_clause, _closing_clause, _closing_phrase):
        for tok in strategy(sent, kept):
            span = set(range(tok.left_edge.i, tok.right_edge.i + 1))
            span |= {i for i in (tok.left_edge.i - 1, tok.right_edge.i + 1)
                     if sent.start <= i < sent.end and sent.doc[i].text == "," and i + 1 < sent.end}
            if tok.dep_ == "conj":
                span |= {c.i for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i}
            rest = [t for t in kept if t.i not in span]
            if sent.root.i not in span and len(rest) >= 8 and any(t.dep_.startswith("nsubj") for t in rest):
                return span
    return None


def _aside_clause(sent: Span, kept: list[Token]) -> list[Token]:
    """A which/who clause between commas, anywhere."""
    return [t for t in kept if t.dep_ == "relcl" and t.left_edge.lower_ in ("which", "who", "whose")
            and t.left_edge.i > sent.start and sent.doc[t.left_edge.i - 1].text == ","]


def _dash_tail(sent: Span, kept: list[Token]) -> set[int] | None:
    """What follows a lone dash to the end ("… festival - aiming to break the record"), when what is
    before it keeps the main verb, its subject and eight words."""
    dashes = [t for t in sent if t.text in _DASHES and t.whitespace_ and t.i > sent.start
              and sent.doc[t.i - 1].whitespace_ and kept[0].i < t.i < kept[-1].i]
    if len(dashes) != 1:
        return None
    dash = dashes[0]
    rest = [t for t in kept if t.i < dash.i]
    if sent.root.i < dash.i and len(rest) >= 8 and any(t.dep_.startswith("nsubj") for t in rest):
        return set(range(dash.i, kept[-1].i + 1))
    return None


def _apposition(sent: Span, kept: list[Token]) -> list[Token]:
    """A description in apposition between commas ("Barrientos*, originally from the Dominican Republic,*")."""
    return [t for t in kept if t.dep_ in ("appos", "amod", "advmod", "prep") and t.head.pos_ == "PROPN"
            and t.left_edge.i > sent.start and sent.doc[t.left_edge.i - 1].text == ","
            and t.right_edge.i + 1 < sent.end and sent.doc[t.right_edge.i + 1].text == ","
            and not _carries_fact(t)]


def _leading_clause(sent: Span, kept: list[Token]) -> list[Token]:
    """A clause or phrase before the subject, closed by a comma ("Speaking on Friday, …")."""
    first = kept[0].i
    return [t for t in kept if t.left_edge.i == first and t.dep_ in ("advcl", "prep", "npadvmod", "advmod")
            and t.right_edge.i + 1 < sent.end and sent.doc[t.right_edge.i + 1].text == ","]


def _closing_clause(sent: Span, kept: list[Token]) -> list[Token]:
    """A clause or phrase ending the sentence after a comma or a subordinator, or a second verb's clause."""
    last = kept[-1].i
    found = []
    for tok in sorted(kept, key=lambda t: t.left_edge.i):
        if tok.right_edge.i < last or tok.left_edge.i <= sent.start or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        comma = sent.doc[tok.left_edge.i - 1].text == ","
        subordinate = tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children)
        second_verb = tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")
        if tok.dep_ not in _CORE and (comma or subordinate or second_verb or tok.dep_ == "npadvmod"):
            found.append(tok)
    return found


def _closing_phrase(sent: Span, kept: list[Token]) -> list[Token]:
    """The last resort: a prepositional phrase ending the sentence, off a verb."""
    last = kept[-1].i
    return [t for t in kept if t.dep_ == "prep" and t.right_edge.i >= last and t.head.pos_ in ("VERB", "AUX")]


def assemble(sent: Span, drop: set[int], replace: dict[int, str] | None = None) -> Compressed:
    """The text of the kept tokens (``replace`` swaps a token's text) and the article spans they cover."""
    replace = replace or {}
    kept = [t for t in sent if t.i not in drop and not t.is_space]
    pieces = []
    for tok in kept:
        pieces.append(replace.get(tok.i, tok.text) + (" " if tok.whitespace_ or tok.i + 1 in drop else ""))
    text = "".join(pieces).replace("\n", " ")
    for pattern, repl in _SPACE_FIXES:
        text = pattern.sub(repl, text)
    text = text.strip().rstrip(",;:–—- ")
    if text[-2:-1] in (".", "!", "?", ",") and text[-1:] in _CLOSERS and not _opened(text[:-1], text[-1]):
        text = text[:-1]  # a quotation's closing mark left behind when its clause was deleted
    if text and text[-1] not in ".!?’”\"'":
        text += "."
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return Compressed(text=text, spans=_runs(sent, drop), drop=set(drop))


_CLOSERS = {"”": "“", "’": "‘", "'": "'", '"': '"'}


def _opened(text: str, closer: str) -> bool:
    """Whether ``text`` holds an opening mark for ``closer`` (a quotation mark at a word's start)."""
    opener = _CLOSERS[closer]
    if opener != closer:
        return opener in text or (closer == "’" and re.search(r"(?:^|\s)'", text) is not None)
    return re.search(rf"(?:^|[\s(]){re.escape(opener)}\w", text) is not None


def _runs(sent: Span, drop: set[int]) -> list[tuple[int, int]]:
    """Character spans of the runs of kept tokens, punctuation at a run's edge trimmed."""
    runs: list[list[Token]] = []
    for tok in sent:
        if tok.i in drop or tok.is_space:
            if runs and runs[-1]:
                runs.append([])
            continue
        if not runs:
            runs.append([])
        runs[-1].append(tok)
    spans = []
    for run in runs:
        while run and run[0].is_punct and run[0].text not in "“\"‘(":
            run = run[1:]
        while run and run[-1].is_punct and run[-1].text in ",;:–—-":
            run = run[:-1]
        if run:
            spans.append((run[0].idx, run[-1].idx + len(run[-1].text)))
    return spans


def _drop_opener(sent: Span, drop: set[int]) -> None:
    """Delete up to two openers ("But meanwhile, …")."""
    i = sent.start
    for _ in range(2):
        while i < sent.end and (sent.doc[i].is_space or sent.doc[i].text in ",—–-"):
            i += 1
        for words in connectives():
            n = len(words)
            toks = sent.doc[i: i + n]
            if i + n >= sent.end or tuple(t.lower_ for t in toks) != words:
                continue
            after = sent.doc[i + n]
            if after.text == "," or (n == 1 and toks[0].dep_ == "cc") or (n == 1 and toks[0].lower_ in ("and", "but")):
                drop.update(range(i, i + n + (after.text == ",")))
                i += n + (after.text == ",")
                break
        else:
            return


def _drop_also(sent: Span, drop: set[int]) -> None:
    for tok in sent:
        if tok.lower_ == "also" and tok.dep_ == "advmod" and not list(tok.children):
            drop.add(tok.i)
        elif (tok.lower_ in _ASIDE_ADVERBS and tok.i > sent.start and sent.doc[tok.i - 1].text == ","
              and tok.i + 1 < len(sent.doc) and sent.doc[tok.i + 1].is_punct):  # ", however," not ", however was"
            drop.update((tok.i - 1, tok.i))
            if tok.i + 1 < sent.end and sent.doc[tok.i + 1].text == ",":
                drop.add(tok.i + 1)


def _drop_brackets(sent: Span, drop: set[int]) -> None:
    """Brackets, and pairs of dashes inside the sentence, with what they hold."""
    opened = None
    dashes = []
    for tok in sent:
        if tok.text == "(":
            opened = tok.i
        elif tok.text == ")" and opened is not None:
            drop.update(range(opened, tok.i + 1))
            opened = None
        elif tok.text in _DASHES and tok.whitespace_ and tok.i > 0 and sent.doc[tok.i - 1].whitespace_:
            dashes.append(tok.i)
    for a, b in zip(dashes[::2], dashes[1::2], strict=False):
        drop.update(range(a, b + 1))


def _drop_numeric_appositions(sent: Span, drop: set[int]) -> None:
    """", 39," after a name: an age in apposition."""
    for tok in sent:
        if (tok.like_num and tok.i - 1 > sent.start and tok.i + 1 < sent.end and sent.doc[tok.i - 1].text == ","
                and sent.doc[tok.i + 1].text == "," and sent.doc[tok.i - 2].ent_type_ == "PERSON"):
            drop.update((tok.i - 1, tok.i, tok.i + 1))


def _drop_attribution_frame(sent: Span, drop: set[int]) -> None:
    """The frame of what a speech verb reports: a phrase holding a verb ("admitted *to ripping …*", "said
    after the call *that talks had stalled*") is what was said, never the frame, and is kept; so is every
    phrase of a verb that reports nothing else (no clause, object or quotation of its own)."""
    for verb in sent:
        if verb.lemma_ not in SPEECH_LEMMAS or verb.pos_ not in ("VERB", "AUX"):
            continue
        reports = any(c.dep_ in ("ccomp", "dobj", "xcomp", "parataxis") for c in verb.children) or any(
            t.is_quote for t in sent) or any(c.dep_ == "prep" and _that_clause(c) is not None for c in verb.rights)
        for child in verb.rights:
            if child.dep_ != "prep" or _carries_fact(child):
                continue
            that = _that_clause(child)
            if that is not None:  # "said after the call that talks had stalled": the parse hung the report on "call"
                drop.update(range(child.left_edge.i, that.left_edge.i))
            elif reports and not _holds_clause(child):
                drop.update(t.i for t in child.subtree)
            elif (child.dep_ in ("advcl", "xcomp") and child.tag_ == "VBG" and child.i > verb.i
                  and sent.doc[child.left_edge.i - 1].text == ","):
                drop.update(t.i for t in child.subtree)
                drop.add(child.left_edge.i - 1)


def _drop_factive_tail(sent: Span, drop: set[int]) -> None:
    """", it emerged." / ", it has been revealed." closing a sentence: the news is the clause before it, and a
    fact that emerged or was confirmed stays a fact without the frame (", it has been claimed" is kept)."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) < 10 or words[-1].lemma_ not in _FACTIVE_LEMMAS or words[-1].pos_ not in ("VERB", "AUX"):
        return
    verb = words[-1]
    subject = next((t for t in reversed(words[:-1]) if t.lower_ == "it"), None)
    if subject is None or subject.i < verb.i - 3 or sent.doc[subject.i - 1].text != ",":
        return
    if all(t.dep_ in ("aux", "auxpass", "neg") for t in sent.doc[subject.i + 1: verb.i]):
        drop.update(range(subject.i - 1, verb.i + 1))


def _drop_trailing_clause(sent: Span, drop: set[int]) -> None:
    """The last clause after a comma, when it is a which/who clause or an -ing clause."""
    last = [t for t in sent if not t.is_punct and not t.is_space]
    if not last:
        return
    for tok in sent:
        if tok.i <= sent.start + 1 or sent.doc[tok.left_edge.i - 1].text != ",":
            continue
        if tok.right_edge.i < last[-1].i:
            continue
        if (tok.dep_ == "relcl" and tok.left_edge.lower_ in ("which", "who")) or (
                tok.dep_ in ("advcl", "xcomp", "acl") and tok.tag_ == "VBG" and tok.left_edge.i == tok.i):
            words_left = sum(1 for t in sent if t.i < tok.left_edge.i and not t.is_punct and t.i not in drop)
            if words_left >= 8 and not _carries_fact(tok):
                drop.update(range(tok.left_edge.i - 1, tok.right_edge.i + 1))
                return


def _that_clause(prep: Token) -> Token | None:
    """A "that" clause closing a speech verb's phrase: what was said, misattached to the phrase's noun."""
    for tok in prep.subtree:
        if (tok.dep_ in ("relcl", "acl", "ccomp") and tok.left_edge.lower_ == "that" and tok.left_edge.i > prep.i + 1
                and tok.right_edge.i == prep.right_edge.i and any(c.dep_.startswith("nsubj") for c in tok.children)
                and not any(c.dep_.startswith("nsubj") and c.lower_ == "that" for c in tok.children)):
            return tok
    return None


def _holds_clause(token: Token) -> bool:
    """Whether a phrase holds a verb of its own: a clause, not a mere frame such as "on social media"."""
    return any(t.pos_ in ("VERB", "AUX") and t.i != token.i for t in token.subtree)


def _carries_fact(token: Token) -> bool:
    """Whether a phrase holds a date, a number or a name a reader would miss."""
    return any(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY") or t.like_num
               for t in token.subtree)
