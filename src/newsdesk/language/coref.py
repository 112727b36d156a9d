"""Pronouns and definite descriptions resolved to referents, by conservative rules.

"he"/"she"/"his"/"her" and "the 47-year-old" go to a person by the rules of ``antecedents``;
"the ministry", "the spokesman" go to the one referent named recently whose name or role ends in
that noun. When two referents fit equally, nothing is resolved: no mention is better than a wrong one.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from newsdesk.language.antecedents import Context, antecedent, build_context, coarguments, person_mention
from newsdesk.language.entity_lexicon import GENDERED_ROLE_WORDS, PERSON_NOUNS, PERSON_PRONOUNS
from newsdesk.language.referents import Referent

DESCRIPTION_LOOKBACK = 6  # sentences within which a description's referent must have been named

Words = tuple[set[str], set[str]]


def resolve_references(doc: Doc, refs: list[Referent]) -> None:
    """Add resolved pronouns and descriptions to ``refs`` (as token spans in ``Referent.others``)."""
    ctx = build_context(doc, refs)
    words = {id(r): description_words(r) for r in refs}
    for token in doc:
        if token.i in ctx.taken:
            continue
        found = _resolve_token(doc, token, ctx, words)
        if found is None:
            continue
        ref, start, end = found
        ref.others.append((start, end))
        ctx.taken.update(range(start, end))
        if ref.label == "PERSON":
            bisect.insort(ctx.people, person_mention(doc, start, end, ref), key=lambda m: m.start)


def _resolve_token(doc: Doc, token: Token, ctx: Context,
                   words: dict[int, Words]) -> tuple[Referent, int, int] | None:
    """The referent and span of a pronoun or description starting at ``token``, if it resolves."""
    lower = token.lower_
    if lower in PERSON_PRONOUNS and token.pos_ == "PRON":
        if ctx.quoted[token.i]:
            return None
        ref = antecedent(ctx, token.i, PERSON_PRONOUNS[lower], coarguments(token))
        if ref is None:
            return None
        ref.pronoun_genders.add(PERSON_PRONOUNS[lower])
        return ref, token.i, token.i + 1
    if lower != "the" or ctx.quoted[token.i]:
        return None
    age = _age_description(doc, token.i)
    if age is not None:
        end, gender = age
        ref = antecedent(ctx, token.i, gender, set())
        return (ref, token.i, end) if ref else None
    return _definite_description(doc, token, ctx, words)


def _age_description(doc: Doc, i: int) -> tuple[int, str | None] | None:
    """ "the 47-year-old" (optionally "… woman"): its end token and the gender its noun implies."""
    words = [t.lower_ for t in doc[i + 1:i + 6]]
    if len(words) < 5 or not doc[i + 1].like_num or words[1:] not in (["-", "year", "-", "old"],
                                                                       ["-", "years", "-", "old"]):
        return None
    end = i + 6
    after = doc[end] if end < len(doc) else None
    if after is not None and after.pos_ == "NOUN":
        if after.lower_ not in PERSON_NOUNS:
            return None  # "the 10-year-old war" describes no person
        return end + 1, GENDERED_ROLE_WORDS.get(after.lower_)
    return end, None


def _definite_description(doc: Doc, det: Token, ctx: Context,
                          words: dict[int, Words]) -> tuple[Referent, int, int] | None:
    """ "the ministry", "the Kremlin spokesman": the one referent named recently whose words hold them."""
    head = det.head
    if det.dep_ != "det" or head.i <= det.i or head.pos_ != "NOUN" or head.tag_ == "NNS":
        return None
    if not head.text.islower() or any(c.dep_ in ("prep", "appos", "acl", "relcl") for c in head.rights):
        return None
    if any(not det.i < t.head.i <= head.i for t in doc[det.i + 1:head.i]):
        return None
    used = {t.lower_ for t in doc[det.i + 1:head.i + 1] if t.is_alpha}
    here = ctx.sent_of[det.i]
    fits = [r for r in ctx.refs if head.lower_ in words[id(r)][0] and used <= words[id(r)][1]
            and any(0 <= here - ctx.sent_of[s] <= DESCRIPTION_LOOKBACK for s in r.starts() if s < det.i)]
    if len(fits) != 1 or any(s.start <= head.i and det.i < s.end for s in fits[0].names):
        return None  # ambiguous, or "the Donetsk region" around the name itself
    return fits[0], det.i, head.i + 1


def description_words(ref: Referent) -> Words:
    """Lowercased (heads, words) a description of the referent may use: "the ministry" needs a role
    or a non-person name ending in "ministry" (heads); "the foreign ministry" needs "foreign" in one."""
    phrases = [[w.strip(".,'’").casefold() for w in role.split()] for role in ref.roles]
    if ref.label != "PERSON":
        phrases += [list(key) for key in ref.keys]
        phrases += [[s.place_noun] for s in ref.names if s.place_noun]
    phrases = [p for p in phrases if p and p[-1]]
    return {p[-1] for p in phrases}, {w for p in phrases for w in p}
