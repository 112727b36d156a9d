"""Launched in one sentence, intercepted in another, as real reports tell a night; and the two sides' figures
of the same night kept apart. The sentences are ours, in several newsrooms' habits."""

from __future__ import annotations

import pytest

import newsdesk


def attacks(text: str, published: str = "2025-03-14"):
    return [e for e in newsdesk.analyze("Headline\n\n" + text, published=published).events if e.type == "attack"]


def weapons(event) -> dict:
    return {(w.kind, w.model): (w.launched, w.intercepted) for w in event.weapons}


@pytest.mark.parametrize("text, want", [
    # the total's kind is generic, the interception's specific
    ("Russia fired 81 missiles at Ukraine overnight, the air force said.\n\nIt said 34 cruise missiles were shot "
     "down over the capital and the west.", {("missile", None): (81, 34)}),
    # "all of which": as many as were launched
    ("The occupiers used up to four Shahed drones to strike the south overnight, all of which were shot down, the "
     "command said.", {("drone", "Shahed"): (4, 4)}),
    ("Russia launched 40 Shahed drones against Ukraine overnight, officials said. Air defence units shot down all "
     "of the drones, the air force said.", {("drone", "Shahed"): (40, 40)}),
    # "shot down" parsed with "down" as an adverb, figures joined by "and"
    ("Russia launched 810 drones and decoys, along with 13 missiles, the air force said on Sunday.\n\nAir defences "
     "shot down 747 drones and four missiles, the air force reported.",
     {("drone", None): (810, 747), ("missile", None): (13, 4)}),
])
def test_intercepted_told_in_another_sentence_joins_the_launch(text, want):
    found = attacks(text)
    assert len(found) == 1, [e.summary for e in found]
    assert weapons(found[0]) == want


def test_a_total_and_its_one_kind_are_one_count():
    text = ("Russia barraged Ukraine overnight with about 90 cruise missiles fired from bombers and ships, the army "
            "said. Air defences shot down 70 of the 90 missiles, it said.")
    (event,) = attacks(text)
    assert weapons(event) == {("cruise missile", None): (90, 70)}


def test_the_two_sides_of_one_night_are_two_attacks():
    text = ("MOSCOW, March 14 (Wire) - Russia's defence ministry said its air defences downed 120 Ukrainian drones "
            "over the Kursk and Bryansk regions overnight.\n\n"
            "Ukraine's air force said Russia launched 90 drones at Ukraine during the night. Air defence units shot "
            "down 70 of them, it said.")
    found = attacks(text)
    by_actor = {e.actor.name if e.actor else None: e for e in found}
    assert set(by_actor) == {"Ukraine", "Russia"}, [(e.actor, weapons(e)) for e in found]
    assert weapons(by_actor["Ukraine"]) == {("drone", None): (None, 120)}
    assert weapons(by_actor["Russia"]) == {("drone", None): (90, 70)}


@pytest.mark.parametrize("text, want", [
    ("KYIV (Wire) - Russia fired a record 741 Shahed and decoy drones at Ukraine overnight, as well as 12 "
     "missiles, the air force said.", {("drone", "Shahed"): (741, None), ("missile", None): (12, None)}),
    ("The military said Russia launched 41 Iranian-designed Shahed kamikaze drones and two missiles against the "
     "country overnight.", {("drone", "Shahed"): (41, None), ("missile", None): (2, None)}),
])
def test_a_number_several_words_from_its_weapon_counts_it(text, want):
    (event,) = attacks(text)
    assert weapons(event) == want


def test_numbers_that_count_no_launch_are_left_out():
    text = ("Russia launched 90 drones at Ukraine overnight, the air force said. Hits by 12 strike drones were "
            "recorded at five locations. Slovakia said it would halt deliveries of 155mm artillery shells.")
    found = attacks(text)
    assert [weapons(e) for e in found] == [{("drone", None): (90, None)}]
