"""Quantities of an article: each number with what it counts, how exact the text says it is, and its kind.

A quantity is found in four steps, all on one parsed ``Doc``:

1. a *run* of tokens spelling one number: digits ("1,000", "2.5 million", "£3.2bn", "€500m"), words
   ("twenty-five", "a dozen", "half a million") or vague plurals ("dozens", "tens of thousands");
2. what is *not* a quantity is dropped: years and calendar days ("2025", "July 4"), clock times
   ("3pm"), scores and ranges ("2-1"), model names ("F-16", "Boeing 737"), labels ("page 5");
3. the *unit*, the noun counted, through the parse: the noun the number modifies ("539 drones"), an
   "of"-phrase ("hundreds of people"), a percent sign, a currency, a hyphenated noun ("five-storey");
4. the *qualifier* from the words around it ("at least", "nearly", "or more"), and the *kind*
   (count, attribute, duration, money, percent, measure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsdesk.language.quantity_lexicon import (
    AGE_WORDS_BEFORE,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DIMENSION_WORDS,
    LABEL_WORDS,
    MEASURE_UNITS,
    MONTH_NAMES,
    NAME_LABELS,
    NOT_UNITS,
    NUMBER_NAMES,
    NUMBER_WORDS,
    ONE_AS_PRONOUN_BEFORE,
    PERCENT_WORDS,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TIME_OF_DAY,
    TIME_UNITS,
    VAGUE_NUMBERS,
)
from newsdesk.language.quantity_numbers import DIGITS, number_value, scaled_value
from newsdesk.schema import Quantity

__all__ = ["find_quantities", "number_value"]

YEAR = re.compile(r"^(?:1[89]|2[01])\d\d$")
GLUE = frozenset({"-", "–", "/", "#", "№", ".", ":", "+"})  # before digits: a name ("F-16"), a range, a time
VAGUE_SCALES = frozenset({"thousand", "thousands", "millions", "billions"})  # "tens of thousands"
RANGE_GLUE = frozenset({"-", "–", "/", ":"})
NOUNS = frozenset({"NOUN", "PROPN"})
START_WORDS = frozenset(NUMBER_WORDS) | VAGUE_NUMBERS | {"a", "an", "half"}  # words a number may start with


@dataclass(slots=True)
class _Run:
    """Tokens ``[start, end)`` spelling one number, and its value (None for "dozens")."""

    start: int
    end: int
    value: float | None


@dataclass(slots=True)
class _Unit:
    """Where the quantity phrase ends (token index, exclusive), the unit's text and the kind it implies."""

    end: int
    text: str | None = None
    kind: str | None = None


SKIP = _Unit(-1, None, "skip")  # the number is not a quantity ("one of the biggest", "two days ago")


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every quantity of a parsed text, in text order; start/end index ``doc.text``.

    >>> from newsdesk.language.nlp import load_nlp
    >>> doc = load_nlp()("The strikes wounded at least 26 people.")
    >>> [(q.value, q.unit, q.qualifier, q.kind, q.text) for q in find_quantities(doc)]
    [(26.0, 'people', 'at_least', 'count', 'at least 26 people')]
    """
    found: list[Quantity] = []
    i = 0
    while i < len(doc):
        run = _numeral_run(doc, i)
        if run is None:
            i += 1
            continue
        over = _ratio_denominator(doc, run)
        quantity = _quantity(doc, run, over)
        if quantity is not None:
            found.append(quantity)
        i = (over or run).end
    return found


# ---- 1. runs of number tokens ------------------------------------------------------------------


def _numeral_run(doc: Doc, i: int) -> _Run | None:
    """The number starting at token ``i``, or None when no number starts there."""
    if not _starts_number(doc, i):
        return None
    if _metres(doc, i) and doc[i].lower_.endswith("m") and scaled_value(doc[i].lower_):  # "5,000m-long"
        return _Run(i, i + 1, float(doc[i].lower_[:-1].replace(",", "")))
    end = i + 1
    while end < len(doc) and (step := _continues(doc, end)):
        end += step
    return _Run(i, end, number_value([t.lower_ for t in doc[i:end]]))


def _starts_number(doc: Doc, i: int) -> bool:
    tok = doc[i]
    word = tok.lower_
    if not word[:1].isdigit() and word not in START_WORDS:
        return False
    after = [t.lower_ for t in doc[i + 1 : i + 3]]
    if DIGITS.match(word) or scaled_value(word):
        return word not in NUMBER_NAMES and not _glued_to_name(doc, i)
    if word in NUMBER_WORDS:
        return tok.tag_ == "CD" and not _glued_to_name(doc, i) and not (word == "one" and _one_is_pronoun(doc, i))
    if word in ("a", "an"):
        return after[:1] != [] and after[0] in SCALE_WORDS
    if word == "half":
        return len(after) == 2 and after[0] in ("a", "an") and after[1] in SCALE_WORDS
    if word in VAGUE_NUMBERS and tok.pos_ in ("NOUN", "NUM"):
        return word not in ("tens", "scores") or after[:1] == ["of"]
    return False


def _continues(doc: Doc, k: int) -> int:
    """How many tokens from ``k`` on still belong to the number that ends at ``k - 1`` (0: none)."""
    prev, word = doc[k - 1], doc[k].lower_
    ahead = doc[k + 1].lower_ if k + 1 < len(doc) else ""
    if word in SCALE_WORDS:
        return 1
    if word.rstrip(".") in SCALE_ABBREVIATIONS and not prev.whitespace_ and DIGITS.match(prev.text):
        return 0 if word == "m" and _metres(doc, k) else 1
    if word in NUMBER_WORDS and prev.lower_ in SCALE_WORDS:
        return 1
    if word in ("a", "an") and prev.lower_ == "half":
        return 1
    if word == "-" and not prev.whitespace_ and not doc[k].whitespace_ and prev.lower_ in NUMBER_WORDS:
        return 2 if ahead in NUMBER_WORDS and NUMBER_WORDS[ahead] < 10 <= NUMBER_WORDS[prev.lower_] else 0
    if word == "and" and prev.lower_ in SCALE_WORDS and ahead in NUMBER_WORDS:
        return 2
    if word == "and" and ahead in ("a", "an") and k + 2 < len(doc) and doc[k + 2].lower_ == "half":
        return 3
    if word == "of" and prev.lower_ in ("tens", "hundreds") and ahead in VAGUE_SCALES:
        return 2
    return 0


def _glued_to_name(doc: Doc, i: int) -> bool:
    """Digits written onto letters or a hyphen: part of a name or a range ("Su-34", "MH17", "2-1")."""
    if i == 0 or doc[i - 1].whitespace_:
        return False
    prev = doc[i - 1].text
    return prev.lower() not in CURRENCY_SYMBOLS and (prev[-1].isalpha() or prev in GLUE)


def _metres(doc: Doc, k: int) -> bool:
    """An "m" after digits that means metres, not million: "a 5,000m-long kite", "a 10m high wall"."""
    after = doc[k + 1].lower_ if k + 1 < len(doc) else ""
    return (after == "-" and not doc[k].whitespace_) or after in DIMENSION_WORDS


def _one_is_pronoun(doc: Doc, i: int) -> bool:
    before = doc[i - 1].lower_ if i > 0 else ""
    after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    return before in ONE_AS_PRONOUN_BEFORE or after in ("another", "who", "which", "'s")


# ---- 2. what is not a quantity -----------------------------------------------------------------


def _not_a_quantity(doc: Doc, run: _Run) -> bool:
    """Calendar days, clock times, ranges and scores, and numbers inside names."""
    before = [t.lower_ for t in doc[max(run.start - 2, 0) : run.start]]
    after = [t.text for t in doc[run.end : run.end + 2]]
    if any(t.ent_type_ in NAME_LABELS for t in doc[run.start : run.end]):
        return True
    if before[-1:] and before[-1] in MONTH_NAMES:
        return True
    if after and (after[0].lower() in MONTH_NAMES or after[0].lower() in TIME_OF_DAY):
        return True
    if after[:2] and len(after) == 2 and after[0] == "of" and after[1].lower() in MONTH_NAMES:
        return True
    last = doc[run.end - 1]
    return len(after) == 2 and not last.whitespace_ and after[0] in RANGE_GLUE and DIGITS.match(after[1]) is not None


def _is_year(doc: Doc, run: _Run, unit: _Unit) -> bool:
    """A four-digit year ("in 2025", "the 2024 election"), unless a plural right after it is counted ("2000 people")."""
    if run.end - run.start != 1 or not YEAR.match(doc[run.start].text):
        return False
    return unit.end != run.end + 1 or doc[run.end].tag_ != "NNS" or doc[run.start].ent_type_ == "DATE"


# ---- 3. the unit -------------------------------------------------------------------------------


def _unit(doc: Doc, run: _Run) -> _Unit:
    """What the number counts, where its phrase ends, and the kind that implies; SKIP when it is no quantity."""
    finders = (_percent_unit, _measure_unit, _hyphen_unit, _of_unit, _currency_word_unit, _head_unit, _next_noun_unit)
    for finder in finders:
        unit = finder(doc, run)
        if unit is not None:
            return unit
    return _Unit(run.end)


def _percent_unit(doc: Doc, run: _Run) -> _Unit | None:
    for phrase in PERCENT_WORDS:
        n = phrase.count(" ") + 1
        if " ".join(t.lower_ for t in doc[run.end : run.end + n]) == phrase:
            return _Unit(run.end + n, phrase, "percent")
    return None


def _hyphen_unit(doc: Doc, run: _Run) -> _Unit | None:
    """A number hyphenated onto a noun is an attribute: "five-storey", "27-nation", "47-year-old"."""
    end = run.end
    if end + 1 >= len(doc) or doc[end].text not in ("-", "–") or doc[end - 1].whitespace_ or doc[end].whitespace_:
        return None
    noun = doc[end + 1]
    if not noun.is_alpha:
        return None
    if not noun.whitespace_ and [t.lower_ for t in doc[end + 2 : end + 4]] == ["-", "old"]:
        return _Unit(end + 4, "".join(t.lower_ for t in doc[end + 1 : end + 4]), "attribute")
    if noun.pos_ not in NOUNS and noun.lower_ not in TIME_UNITS:  # "one-sided", "top-six", "400-strong"
        return SKIP
    return _Unit(end + 2, noun.lower_, "attribute")


def _of_unit(doc: Doc, run: _Run) -> _Unit | None:
    """"hundreds of people", "three of the victims"; "one of the biggest attacks" is no quantity."""
    if run.end >= len(doc) or doc[run.end].lower_ != "of":
        return None
    pobj = next((c for c in doc[run.end].children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.i > run.end + 5 or not (pobj.pos_ == "PRON" or _unit_noun(pobj)):
        return None  # "one of 102", "one of the Gavers": nothing counted here
    if run.value == 1 and any(c.tag_ == "JJS" or c.lower_ == "most" for c in pobj.subtree):
        return SKIP
    return _Unit(pobj.i + 1, None if pobj.pos_ == "PRON" else pobj.lower_)


def _currency_word_unit(doc: Doc, run: _Run) -> _Unit | None:
    if run.end < len(doc) and doc[run.end].lower_ in CURRENCY_WORDS:
        return _Unit(run.end + 1, doc[run.end].lower_, "money")
    return None


def _measure_unit(doc: Doc, run: _Run) -> _Unit | None:
    """A unit of measure after the number ("5 km", "12ft"), or metres written on ("a 5,000m-long kite")."""
    if run.end < len(doc) and doc[run.end].lower_ in MEASURE_UNITS:
        return _Unit(run.end + 1, doc[run.end].lower_, "measure")
    last = doc[run.end - 1].lower_
    if last.endswith("m") and scaled_value(last) and _metres(doc, run.end - 1):
        return _Unit(run.end, "m", "measure")
    return None


def _head_unit(doc: Doc, run: _Run) -> _Unit | None:
    """The noun the number modifies in the parse, when it follows closely ("539 drones", "26 Ukrainian soldiers")."""
    head = _root(doc, run).head
    if not _unit_noun(head) or not run.end <= head.i <= run.end + 4:
        return None
    if any(t.is_punct and t.text not in ("-", "–") for t in doc[run.end : head.i]):
        return None
    return _noun_unit(doc, head)


def _next_noun_unit(doc: Doc, run: _Run) -> _Unit | None:
    """The noun right after the number, when the parse attached it elsewhere."""
    if run.end < len(doc) and _unit_noun(doc[run.end]):
        return _noun_unit(doc, doc[run.end])
    return None


def _unit_noun(tok: Token) -> bool:
    """A common noun, or a plural proper one ("Shaheds"), that may be what a number counts."""
    return (tok.pos_ == "NOUN" or tok.tag_ == "NNPS") and tok.lower_ not in NOT_UNITS


def _noun_unit(doc: Doc, noun: Token) -> _Unit:
    after = doc[noun.i + 1].lower_ if noun.i + 1 < len(doc) else ""
    if after == "ago":
        return SKIP
    if after == "old" and noun.lower_ in TIME_UNITS:
        return _Unit(noun.i + 2, f"{noun.lower_} old", "attribute")
    return _Unit(noun.i + 1, noun.lower_)


def _root(doc: Doc, run: _Run) -> Token:
    """The run's token whose head lies outside the run."""
    for tok in reversed(doc[run.start : run.end]):
        if not run.start <= tok.head.i < run.end:
            return tok
    return doc[run.end - 1]


# ---- 4. qualifier, kind, span ------------------------------------------------------------------


def _quantity(doc: Doc, run: _Run, over: _Run | None = None) -> Quantity | None:
    """The quantity a run of number tokens spells ("one in five people": ``over`` is "five"), or None."""
    if _not_a_quantity(doc, run):
        return None
    unit = _unit(doc, over or run)
    if unit is SKIP or _is_year(doc, run, unit):
        return None
    currency = run.start - 1 if run.start and doc[run.start - 1].lower_ in CURRENCY_SYMBOLS else None
    first = run.start if currency is None else currency
    if unit.text is None and unit.kind is None and _is_label(doc, first, run.end):
        return None
    if currency is not None:
        unit = _Unit(run.end, doc[currency].lower_, "money")
    qualifier, first = _qualifier_before(doc, first)
    qualifier_after, end = _qualifier_after(doc, max((over or run).end, unit.end))
    if qualifier == "exact":
        qualifier = qualifier_after or ("about" if run.value is None else "exact")
    value, kind = run.value, _kind(doc, first, end, unit)
    if over is not None:
        value, kind = run.value / over.value, "ratio"
    start_char, end_char = doc[first].idx, _end_char(doc[end - 1])
    return Quantity(value=value, unit=unit.text, qualifier=qualifier, kind=kind,
                    text=_text(doc, first, end)[: end_char - start_char], start=start_char, end=end_char)


def _ratio_denominator(doc: Doc, run: _Run) -> _Run | None:
    """The "five" of "one in five" or "three out of four", when the run is followed by one."""
    words = [t.lower_ for t in doc[run.end : run.end + 2]]
    skip = 1 if words[:1] == ["in"] else 2 if words == ["out", "of"] else 0
    if not skip or not run.value or run.end + skip >= len(doc):
        return None
    over = _numeral_run(doc, run.end + skip)
    return over if over is not None and over.value and over.value > run.value else None


def _qualifier_before(doc: Doc, first: int) -> tuple[str, int]:
    """The qualifier written before token ``first`` and where it starts; ("exact", first) when none."""
    for n in (3, 2, 1):
        if first - n >= 0 and (qualifier := QUALIFIERS_BEFORE.get(" ".join(t.lower_ for t in doc[first - n : first]))):
            return qualifier, first - n
    return "exact", first


def _qualifier_after(doc: Doc, end: int) -> tuple[str | None, int]:
    qualifier = QUALIFIERS_AFTER.get(" ".join(t.lower_ for t in doc[end : end + 2]))
    return (qualifier, end + 2) if qualifier else (None, end)


def _kind(doc: Doc, first: int, end: int, unit: _Unit) -> str:
    if unit.kind:
        return unit.kind
    before = [t.lower_ for t in doc[max(first - 2, 0) : first]]
    if before[-1:] and before[-1] in AGE_WORDS_BEFORE or before == ["age", "of"] or _apposed_age(doc, first, end):
        return "attribute"
    if unit.text in CURRENCY_WORDS:  # "hundreds of dollars"
        return "money"
    if unit.text in TIME_UNITS:
        return "duration"
    if unit.text in MEASURE_UNITS:
        return "measure"
    return "count"


def _is_label(doc: Doc, first: int, end: int) -> bool:
    """A number next to a label word or a name counts nothing: "page 5", "No 10", "Apollo 11", "One Direction"."""
    prev = doc[first - 1] if first else None
    if prev is not None and (prev.lower_ in LABEL_WORDS or (prev.pos_ == "PROPN" and bool(prev.whitespace_))):
        return True
    return end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()


def _apposed_age(doc: Doc, first: int, end: int) -> bool:
    """A bare number set off by commas after a person's name is their age: "Cheryl Silvonek, 54, was"."""
    if first < 2 or end >= len(doc) or doc[first - 1].text != "," or doc[end].text not in (",", ".", ";", ")"):
        return False
    name = doc[first - 2]
    return end - first == 1 and (name.ent_type_ == "PERSON" or name.pos_ == "PROPN") and doc[first].text.isdigit()


def _text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens ``[start, end)``, built from them (``doc.text`` rebuilds the whole text each time)."""
    return "".join(t.text_with_ws for t in doc[start:end])


def _end_char(tok: Token) -> int:
    """The end of the quantity's last token, without a sentence's full stop the tokenizer glued on ("€500m.")."""
    if tok.text.endswith(".") and tok.lower_.rstrip(".") in SCALE_ABBREVIATIONS:
        return tok.idx + len(tok.text) - 1
    return tok.idx + len(tok.text)
