"""Counts over a period are never a night, and a bound's date never dates an attack. The sentences are ours,
in several newsrooms' habits."""

from __future__ import annotations

import pytest

import newsdesk


def attacks(text: str, published: str = "2025-12-02"):
    return [e for e in newsdesk.analyze("Headline\n\n" + text, published=published).events if e.type == "attack"]


@pytest.mark.parametrize("text", [
    "KYIV, Dec 2 (Wire) - Russia launched 5,445 drones and 215 missiles at Ukraine throughout November, according "
    "to an analysis of air force data.",
    "Russia has fired nearly 5,000 missiles at Ukraine since the start of the full-scale invasion, the president "
    "said on Tuesday.",
    "This week alone Russia launched more than 1,300 guided bombs and almost 1,200 attack drones against Ukraine, "
    "Zelensky wrote.",
])
def test_a_count_over_a_period_is_not_a_night(text):
    found = attacks(text)
    assert found, text
    assert all(e.subtype == "period total" for e in found), [(e.subtype, e.date) for e in found]
    assert all(e.date is None or e.date.granularity != "day" for e in found)


def test_a_night_in_a_sentence_with_a_period_stays_a_night():
    (event,) = attacks("Russia launched 653 drones and 51 missiles at Ukraine overnight, the air force said, in "
                       "the heaviest attack this month.", published="2025-12-06")
    assert event.subtype != "period total"
    assert event.date.value == "2025-12-06"


def test_the_date_of_a_bound_does_not_date_the_attack():
    text = ("Russia launched 450 drones and 71 missiles at Ukraine overnight, the air force said on Tuesday.\n\n"
            "It was the largest number of munitions fired in a single night since the night of Dec. 27, according "
            "to the air force's data.")
    found = attacks(text, published="2026-02-03")
    assert [e.date.value for e in found] == ["2026-02-03"], [(e.date, e.summary) for e in found]


def test_a_casualty_of_another_clause_is_not_counted_as_killed():
    (event,) = attacks("Russian missiles struck the port of Odesa overnight.\n\n\"One person was killed, five were "
                       "taken to hospital,\" the southern command said.", published="2022-05-10")
    assert event.casualties.killed.value == 1
