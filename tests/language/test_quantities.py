"""Quantities: value, unit (the noun counted), qualifier, kind and the exact span of each phrase.

Every fixture sentence here was written for these tests, in UK and US styles.
"""

from __future__ import annotations

import pytest

from newsdesk.language.nlp import load_nlp
from newsdesk.language.quantities import find_quantities, number_value
from newsdesk.schema import Quantity


def quantities(text: str) -> list[Quantity]:
    """The quantities of ``text``, each checked to quote the text exactly at its offsets."""
    found = find_quantities(load_nlp()(text))
    for q in found:
        assert text[q.start : q.end] == q.text, q
    return found


def one(text: str, phrase: str) -> tuple:
    """(value, unit, qualifier, kind) of the quantity whose text is ``phrase``; fails when there is none."""
    matches = [q for q in quantities(text) if q.text == phrase]
    assert matches, f"no quantity {phrase!r} in {[q.text for q in quantities(text)]}"
    q = matches[0]
    return q.value, q.unit, q.qualifier, q.kind


# (rule, sentence, phrase, value, unit, qualifier, kind)
CASES = [
    ("head noun through nummod", "The barrage comprised 320 drones and seven missiles, the air force said.",
     "320 drones", 320, "drones", "exact", "count"),
    ("second of a conjunction", "The barrage comprised 320 drones and seven missiles, the air force said.",
     "seven missiles", 7, "missiles", "exact", "count"),
    ("at least", "At least 26 people were wounded when the shopping centre was hit.",
     "At least 26 people", 26, "people", "at_least", "count"),
    ("at least, object of a verb", "The strikes also wounded at least 14 people, rescuers said.",
     "at least 14 people", 14, "people", "at_least", "count"),
    ("number word 'one'", "One person was pulled alive from the rubble on Tuesday.",
     "One person", 1, "person", "exact", "count"),
    ("two people", "Two people died in the flooding, the mayor said.",
     "Two people", 2, "people", "exact", "count"),
    ("thousands separator", "Both sides agreed to exchange 1,000 prisoners each.",
     "1,000 prisoners", 1000, "prisoners", "exact", "count"),
    ("nearly → about", "Nearly 1,500 troops were moved to the border.",
     "Nearly 1,500 troops", 1500, "troops", "about", "count"),
    ("bare count, UK style", "Police said 26 were wounded and three were killed.",
     "26", 26, None, "exact", "count"),
    ("a dozen", "A dozen firefighters fought the blaze through the night.",
     "A dozen firefighters", 12, "firefighters", "exact", "count"),
    ("of-phrase with a vague number", "Hundreds of residents fled the port city.",
     "Hundreds of residents", None, "residents", "about", "count"),
    ("tens of thousands", "Tens of thousands of people marched through the capital.",
     "Tens of thousands of people", None, "people", "about", "count"),
    ("of-phrase with a number", "Three of the victims were children.",
     "Three of the victims", 3, "victims", "exact", "count"),
    ("of-phrase with a pronoun", "Forty sailors were rescued; two of them were injured.",
     "two of them", 2, None, "exact", "count"),
    ("scale word", "Officials say 2.5 million people have left the region.",
     "2.5 million people", 2_500_000, "people", "exact", "count"),
    ("hyphenated number words", "Twenty-five journalists signed the letter.",
     "Twenty-five journalists", 25, "journalists", "exact", "count"),
    ("half a million", "Half a million households lost power.",
     "Half a million households", 500_000, "households", "exact", "count"),
    ("and a half", "The talks dragged on for two and a half years.",
     "two and a half years", 2.5, "years", "exact", "duration"),
    ("money: pounds, UK abbreviation", "The council approved a £3.2bn rescue package.",
     "£3.2bn", 3_200_000_000, "£", "exact", "money"),
    ("money: dollars, US style", "Washington pledged $2 billion in military aid.",
     "$2 billion", 2_000_000_000, "$", "exact", "money"),
    ("money: euros, glued 'm', full stop trimmed", "Brussels set aside €500m.",
     "€500m", 500_000_000, "€", "exact", "money"),
    ("money: currency word", "Fares rose to about 40 dollars.",
     "about 40 dollars", 40, "dollars", "about", "money"),
    ("money in an of-phrase", "Repairs will cost thousands of pounds.",
     "thousands of pounds", None, "pounds", "about", "money"),
    ("money with a qualifier", "The club paid more than £150,000 for the striker.",
     "more than £150,000", 150_000, "£", "more_than", "money"),
    ("percent sign", "Inflation rose to 12% in March.", "12%", 12, "%", "exact", "percent"),
    ("per cent, UK", "Turnout fell by 12 per cent.", "12 per cent", 12, "per cent", "exact", "percent"),
    ("percent, US", "Prices climbed 3.5 percent last year.", "3.5 percent", 3.5, "percent", "exact", "percent"),
    ("percentage points", "The party's lead narrowed by 2.5 percentage points.",
     "2.5 percentage points", 2.5, "percentage points", "exact", "percent"),
    ("age, hyphenated", "Police arrested a 47-year-old man at the scene.",
     "47-year-old", 47, "year-old", "exact", "attribute"),
    ("age, 'years old'", "The pilot was 63 years old.", "63 years old", 63, "years old", "exact", "attribute"),
    ("age, 'aged'", "A woman aged 82 was treated for shock.", "82", 82, None, "exact", "attribute"),
    ("age between commas", "Farmer Ivan Petrov, 52, said the shelling lasted all night.",
     "52", 52, None, "exact", "attribute"),
    ("size used as an adjective", "A drone struck a five-storey residential building.",
     "five-storey", 5, "storey", "exact", "attribute"),
    ("group size used as an adjective", "The 27-nation bloc agreed new sanctions.",
     "27-nation", 27, "nation", "exact", "attribute"),
    ("length of time used as an adjective", "Leaders met for a two-day summit in Brussels.",
     "two-day", 2, "day", "exact", "attribute"),
    ("duration with a qualifier", "Neither side could end more than three years of fighting.",
     "more than three years", 3, "years", "more_than", "duration"),
    ("duration in hours", "The truce lasted 48 hours.", "48 hours", 48, "hours", "exact", "duration"),
    ("measure", "The dam lies 5km north of the town.", "5km", 5, "km", "exact", "measure"),
    ("metres written on, not million", "A 300m-long convoy waited at the crossing.",
     "300m", 300, "m", "exact", "measure"),
    ("million written on, not metres", "About 1.5m people live in the region.",
     "About 1.5m people", 1_500_000, "people", "about", "count"),
    ("ratio", "One in five adults said they had skipped meals.",
     "One in five adults", 0.2, "adults", "exact", "ratio"),
    ("up to", "Up to 40 homes were damaged in the storm.", "Up to 40 homes", 40, "homes", "up_to", "count"),
    ("fewer than", "Fewer than 10 people turned up.", "Fewer than 10 people", 10, "people", "less_than", "count"),
    ("no more than", "The treaty allows no more than 5 warships in the bay.",
     "no more than 5 warships", 5, "warships", "at_most", "count"),
    ("some → about", "Some 300 soldiers surrendered.", "Some 300 soldiers", 300, "soldiers", "about", "count"),
    ("over → more_than", "The fire spread to over 200 hectares of forest.",
     "over 200 hectares", 200, "hectares", "more_than", "measure"),
    ("qualifier after", "Officials expect 50 arrests or more.",
     "50 arrests or more", 50, "arrests", "at_least", "count"),
    ("a plural after a year-like number is counted", "Some 2000 volunteers cleared the beach.",
     "Some 2000 volunteers", 2000, "volunteers", "about", "count"),
]


@pytest.mark.parametrize(("sentence", "phrase", "value", "unit", "qualifier", "kind"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_quantity_rule(sentence, phrase, value, unit, qualifier, kind):
    got_value, got_unit, got_qualifier, got_kind = one(sentence, phrase)
    assert got_value == pytest.approx(value) if value is not None else got_value is None
    assert (got_unit, got_qualifier, got_kind) == (unit, qualifier, kind)


# (rule, sentence): numbers that are no quantities
NOT_QUANTITIES = [
    ("a year after a preposition", "The bridge was built in 2024."),
    ("a year before a singular noun", "The 2024 election changed little."),
    ("a calendar day, US", "Russia said on July 4 that talks had stalled."),
    ("a calendar day, UK", "Talks resumed on 4 July 2025."),
    ("a clock time", "The sirens sounded at 10:32 and again at 3pm."),
    ("a score", "Chelsea won 2-1 at home."),
    ("model names", "Ukraine received F-16 jets while Russia flew Su-34 bombers."),
    ("an emergency number", "A neighbour made a 911 call."),
    ("a label", "The details are on page 5."),
    ("'one' as a pronoun", "No one was hurt, and the one who fled was caught."),
    ("one of the superlatives", "It was one of the biggest attacks of the war."),
    ("a date's year after a comma", "The ceasefire began on July 4, 2025."),
    ("a time span before 'ago'", "The village fell two days ago."),
    ("an adjective after a hyphen", "Fans hope for a top-six finish and a one-sided game."),
]


@pytest.mark.parametrize("sentence", [case[1] for case in NOT_QUANTITIES], ids=[case[0] for case in NOT_QUANTITIES])
def test_not_a_quantity(sentence):
    assert quantities(sentence) == []


def test_attack_report_keeps_every_count_in_order():
    text = ("In the capital, one person was pulled from the rubble after the strikes, which also wounded at "
            "least 26 people, rescuers said. The barrage comprised 539 drones and 11 missiles.")
    got = [(q.text, q.value, q.unit, q.qualifier) for q in quantities(text)]
    assert got == [("one person", 1, "person", "exact"), ("at least 26 people", 26, "people", "at_least"),
                   ("539 drones", 539, "drones", "exact"), ("11 missiles", 11, "missiles", "exact")]


@pytest.mark.parametrize(("words", "value"), [
    (["one", "hundred", "and", "five"], 105), (["3,400"], 3400), (["2.5", "million"], 2_500_000),
    (["a", "dozen"], 12), (["two", "dozen"], 24), (["half", "a", "million"], 500_000), (["dozens"], None),
    (["one", "thousand", "five", "hundred"], 1500), (["3.2bn"], 3_200_000_000), (["10k"], 10_000),
])
def test_number_value(words, value):
    assert number_value(words) == value
