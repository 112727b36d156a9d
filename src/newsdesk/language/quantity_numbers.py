"""The value a run of number tokens spells: digits, words and scales ("2.5 million", "£3.2bn")."""

from __future__ import annotations

import re

from newsdesk.language.quantity_lexicon import NUMBER_WORDS, SCALE_ABBREVIATIONS, SCALE_WORDS, VAGUE_NUMBERS

DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
SCALED_DIGITS = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]{1,3})\.?$")  # "3.2bn", "5bn"


def number_value(words: list[str]) -> float | None:
    """The value the lower-cased number tokens spell; None for vague ones ("dozens").

    >>> number_value(["2.5", "million"]), number_value(["two", "hundred", "and", "fifty"])
    (2500000.0, 250.0)
    """
    total = current = 0.0
    for word in words:
        if word in VAGUE_NUMBERS:
            return None
        if word in ("a", "an"):
            current = current or 1.0
        elif word == "half":
            current += 0.5
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in ("hundred", "dozen"):
            current = (current or 1.0) * SCALE_WORDS[word]
        elif (scale := SCALE_WORDS.get(word) or SCALE_ABBREVIATIONS.get(word.rstrip("."))) is not None:
            total, current = total + (current or 1.0) * scale, 0.0
        elif scaled := scaled_value(word):
            total += scaled
        elif DIGITS.match(word):
            current += float(word.replace(",", ""))
    return total + current


def scaled_value(word: str) -> float | None:
    """The value of digits with an abbreviated scale written on ("3.2bn" → 3.2e9), else None."""
    match = SCALED_DIGITS.match(word)
    if match is None or match.group(2) not in SCALE_ABBREVIATIONS:
        return None
    return float(match.group(1).replace(",", "")) * SCALE_ABBREVIATIONS[match.group(2)]
