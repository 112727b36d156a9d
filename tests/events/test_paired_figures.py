"""Launched and intercepted told in one phrase, as real reports write it: "52 out of the 54 drones",
"28 of 31", "all 29", "both missiles". The sentences are ours, each in another newsroom's habit."""

from __future__ import annotations

import pytest

import newsdesk


def figures(text: str, published: str = "2025-03-14") -> dict:
    attacks = [e for e in newsdesk.analyze("Headline\n\n" + text, published=published).events if e.type == "attack"]
    assert len(attacks) == 1, [e.summary for e in attacks]
    return {(w.kind, w.model): (w.launched, w.intercepted) for w in attacks[0].weapons}


@pytest.mark.parametrize("text, kind, want", [
    ("Ukraine's air defences downed 52 out of the 54 drones Russia launched overnight, the air force said.",
     ("drone", None), (54, 52)),
    ("KYIV, March 14 (Wire) - Ukraine said on Friday it had shot down 28 of 31 Shahed drones fired by Russia "
     "during the night.", ("drone", "Shahed"), (31, 28)),
    ("Air defence units destroyed 112 of 130 UAVs over nine regions overnight, the military said on Telegram.",
     ("drone", None), (130, 112)),
    ("All 29 drones launched by Russia overnight were shot down over central and southern regions, the air "
     "force said.", ("drone", None), (29, 29)),
    ("Russia fired two missiles at the port of Odesa overnight. Both missiles were shot down, the "
     "southern command said.", ("missile", None), (2, 2)),
])
def test_one_phrase_gives_launched_and_intercepted(text, kind, want):
    assert figures(text)[kind] == want


def test_a_larger_first_number_is_not_a_pair():
    text = "Ukraine said it shot down 45 of 40 drones overnight, a figure later corrected by the air force."
    assert figures(text)[("drone", None)] != (40, 45)
