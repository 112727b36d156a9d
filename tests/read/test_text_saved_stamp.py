"""A stored copy of a page saved as text may begin with the date it was stored under (" date 2024-11-01 …"):
that is the page's date, not its headline or first sentence."""

from __future__ import annotations

import newsdesk


def test_a_leading_date_stamp_is_the_published_date():
    art = newsdesk.read(" date 2024-11-01 Drones hit the port overnight\n\nRussian drones hit the port of Izmail "
                        "overnight, damaging grain silos, the regional governor said on Friday morning.\n")
    assert art.published == "2024-11-01"
    assert "date 2024" not in (art.headline or "") + art.text


def test_a_date_inside_a_first_sentence_is_left_alone():
    art = newsdesk.read("The date 2024-11-01 was set for the vote\n\nLawmakers agreed on the schedule after a long "
                        "debate in the chamber on Thursday evening, officials said.\n")
    assert art.published != "2024-11-01"
