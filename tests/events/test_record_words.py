"""Record claims as real reports word them: a record of the war, a bounded record ("the biggest this year"),
and the superlatives that claim nothing about this attack. The sentences are ours, in several newsrooms' habits."""

from __future__ import annotations

import pytest

import newsdesk


def attack(text: str, published: str = "2025-08-21"):
    attacks = [e for e in newsdesk.analyze("Headline\n\n" + text, published=published).events if e.type == "attack"]
    assert attacks, text
    return attacks[0]


@pytest.mark.parametrize("text", [
    "Russia launched 810 drones at Ukraine overnight, its largest aerial attack since the war began, the air "
    "force said.",
    "KYIV (Wire) - Russia fired a record 741 drones and decoys at Ukraine overnight, officials said on Thursday.",
    "The overnight barrage of 122 missiles was the most massive aerial attack since the full-scale invasion in "
    "February 2022, the commander wrote on Telegram.",
    "Moscow said it had downed 337 Ukrainian drones overnight in the biggest attack on its territory of the "
    "three-year-long war.",
])
def test_a_record_of_the_war(text):
    event = attack(text)
    assert event.claims == ["record"]
    assert "record_bound" not in event.attributes


@pytest.mark.parametrize("text, bound", [
    ("Russia struck Ukraine with 574 drones and 40 missiles overnight, the biggest attack so far this year, the "
     "air force said.", "so far this year"),
    ("The overnight assault, in which Russia launched 430 drones, was the largest in almost a year, officials "
     "said.", "in almost a year"),
    ("Russia fired 71 missiles overnight, the most in a single night since April, according to air force data.",
     "since April"),
])
def test_a_bounded_record_keeps_its_bound(text, bound):
    event = attack(text)
    assert event.claims == ["bounded_record"]
    assert event.attributes["record_bound"] == bound


@pytest.mark.parametrize("text", [
    "Russia launched 598 drones and 31 missiles overnight, one of the biggest air attacks of the war, the air "
    "force said.",
    "Russia launched 126 drones at Ukraine overnight, the air force said. The previous record was 728 drones, "
    "fired in July.",
    "At least 26 people were wounded when Russian drones hit Kharkiv, Ukraine's second largest city, overnight.",
    "Russia fired 40 drones at Kyiv overnight, the air force said, as the country fights Europe's deadliest war "
    "since 1945.",
])
def test_superlatives_that_claim_nothing_about_this_attack(text):
    assert attack(text).claims == []
