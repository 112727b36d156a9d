"""Which found attributions PolNeAR's annotators would keep: a learned last look at the quotes found.

The rules and the learned cues read many attributions nested inside another one's content ("Kelly said she
asked for the interview because she *wanted* to …", "a poll found that 74 percent *support* …"). PolNeAR
annotates some of them — a "said" inside a report often, a "wanted" or "support" almost never — and on
PolNeAR train three in four of the nested attributions the rules read had a speaker no annotator marked.
This logistic regression, trained on the attributions found in the held-out folds of train
(``attribution_train``), gives each found attribution the probability that an annotator marked it (its
speaker as a source, when it has one; its content, when it has none), from its cue word, kind, where it came
from (a cue's clause, a passage beside a cue of saying, a signature, a tagging clause, a paragraph carried
over, the learned cues and their probability), whether it sits inside another attribution and under which
cue, and its speaker's and content's shape. An attribution below the model's ``keep_threshold`` is dropped.
It judges only the reads least sure: the learned cues' additions and attributions nested in another one's
content. An attribution the rules read at the top of a sentence stays ("In the mayor's view, …").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from newsdesk.language.attribution import length_bucket
from newsdesk.language.cues import text_of
from newsdesk.language.evaluate_quotes import TOKEN
from newsdesk.linear import Linear

ORIGINS = ("cue", "beside", "signed", "tagged", "carried", "model")  # where a found attribution came from


class Found(Protocol):
    """What the filter reads of a found attribution (``quotes._Found``)."""

    start: int
    end: int
    kind: str
    cue: str | None
    speaker: Span | None
    cue_at: int
    origin: str
    probability: float | None


def _cue_token(doc: Doc, f: Found) -> Token | None:
    """The word the cue starts at (None for a passage carried over, which has no cue)."""
    if f.cue is None:
        return None
    span = doc.char_span(f.cue_at, f.cue_at + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _lemma(token: Token | None) -> str:
    return token.lemma_.lower() if token is not None else "-"


def _outer(f: Found, found: Sequence[Found]) -> Found | None:
    """The tightest other attribution whose content holds ``f``'s."""
    around = [g for g in found if g is not f and g.start <= f.start and f.end <= g.end
              and (g.start, g.end) != (f.start, f.end)]
    return min(around, key=lambda g: g.end - g.start, default=None)


def keep_features(doc: Doc, f: Found, outer: Found | None) -> list[str]:
    """What may make an annotator mark found attribution ``f``, inside ``outer`` (``_outer``; None at the top)."""
    text = text_of(doc)
    cue = _cue_token(doc, f)
    lemma = _lemma(cue)
    nest = "nested" if outer is not None else "top"
    outer_lemma = _lemma(_cue_token(doc, outer)) if outer is not None else "-"
    root = f.speaker.root if f.speaker is not None else None
    pronoun = root.lower_ if root is not None and root.pos_ == "PRON" else "-"
    out = [f"o={f.origin}", f"k={f.kind}", f"lem={lemma}", f"lem_k={lemma}_{f.kind}", f"nest={nest}",
           f"nest_lem={nest}_{lemma}", f"nest_o={nest}_{f.origin}", f"nest_k={nest}_{f.kind}",
           f"olem={outer_lemma}", f"olem_lem={outer_lemma}_{lemma}", f"o_k={f.origin}_{f.kind}",
           f"spos={root.pos_ if root is not None else 'none'}", f"o_spk={f.origin}_{root is not None}",
           f"sent={root.ent_type_ or '-' if root is not None else 'none'}",
           f"slen={length_bucket(len(f.speaker)) if f.speaker is not None else 'none'}",
           f"spron={pronoun}", f"spron_lem={pronoun}_{lemma}", f"spron_nest={pronoun}_{nest}",
           f"o_lem={f.origin}_{lemma}",
           f"clen={length_bucket(len(TOKEN.findall(text[f.start:f.end])))}",
           f"cfirst={text[f.start:f.start + 6].lower().split(' ')[0]}"]
    if f.probability is not None:  # the learned cue's confidence, a tenth at a time
        out += [f"p={int(f.probability * 10)}", f"p_nest={int(f.probability * 10)}_{nest}"]
    if cue is not None:
        out += [f"cdep={cue.dep_}", f"cdep_n={cue.dep_}_{nest}", f"chdep={cue.head.lemma_.lower()}_{cue.dep_}",
                f"cpos={cue.pos_}", f"ctag={cue.tag_}"]
    return out


def in_scope(f: Found, found: Sequence[Found]) -> bool:
    """Whether the filter judges ``f``: the learned cues' additions and attributions nested in another one's
    content, the reads least sure; an attribution the rules read at the top of a sentence stays."""
    return _judges(f, _outer(f, found))


def _judges(f: Found, outer: Found | None) -> bool:
    return f.origin == "model" or outer is not None


def judged(doc: Doc, found: Sequence[Found]) -> list[tuple[Found, list[str] | None]]:
    """Each found attribution with the filter's features, or None when it is not the filter's to judge."""
    out = []
    for f in found:
        outer = _outer(f, found)
        out.append((f, keep_features(doc, f, outer) if _judges(f, outer) else None))
    return out


def kept(doc: Doc, found: Sequence[Found], keep: Linear, threshold: float) -> list[Found]:
    """``found`` without the attributions in the filter's scope that ``keep`` puts below ``threshold``."""
    return [f for f, features in judged(doc, found) if features is None or keep.probability(features) >= threshold]
