"""The faithfulness guard on crafted bad bullets: invented numbers, names and dates are all caught."""

from __future__ import annotations

import pytest

from newsdesk.keypoints.guard import guard, unsupported
from newsdesk.schema import KeyPoint, Span

SUPPORT = ("The council in Tralee approved 14 new homes on Tuesday, March 3, after Mayor Niamh Doyle "
           "said three objections had been withdrawn in 2024.")


def test_a_faithful_bullet_passes():
    assert unsupported("Tralee approved 14 new homes on March 3 after three objections were withdrawn.", SUPPORT) == []


def test_an_invented_number_is_caught():
    assert unsupported("Tralee approved 12 new homes.", SUPPORT) == ["number '12' is not in its support"]


def test_a_number_in_words_is_checked_by_value():
    assert unsupported("Tralee approved fourteen new homes after 3 objections were withdrawn.", SUPPORT) == []
    assert unsupported("Four objections were withdrawn.", SUPPORT) == ["number 'Four' is not in its support"]


def test_an_invented_name_is_caught():
    assert unsupported("The council in Kyiv approved 14 new homes.", SUPPORT) == ["name 'Kyiv' is not in its support"]


def test_a_changed_name_inside_a_longer_one_is_caught():
    reasons = unsupported("Mayor Niamh Byrne backed the homes.", SUPPORT)
    assert reasons == ["name 'Mayor Niamh Byrne' is not in its support"]


def test_a_common_word_opening_the_sentence_is_not_a_name():
    assert unsupported("However the council approved 14 new homes.", SUPPORT) == []


def test_an_invented_date_is_caught():
    assert unsupported("Tralee approved 14 new homes on March 5.", SUPPORT) == ["date 'March 5' is not in its support"]
    assert unsupported("Tralee approved the homes on Friday.", SUPPORT) == ["date 'Friday' is not in its support"]
    assert unsupported("The objections were withdrawn in 2023.", SUPPORT) == ["date '2023' is not in its support"]
    assert unsupported("Tralee approved the homes yesterday.", SUPPORT) == ["date 'yesterday' is not in its support"]


def test_a_date_written_the_other_way_round_is_supported():
    assert unsupported("The homes were approved on 3 March.", SUPPORT) == []


def test_every_fault_of_one_bullet_is_reported():
    reasons = unsupported("Cork approved 20 homes on July 4.", SUPPORT)
    assert reasons == ["date 'July 4' is not in its support", "number '20' is not in its support",
                       "name 'Cork' is not in its support"]


@pytest.mark.parametrize("support", ["1,000 prisoners", "1000 prisoners"])
def test_thousands_separators_do_not_matter(support):
    assert unsupported("They swapped 1,000 prisoners.", support) == []
    assert unsupported("They swapped 1000 prisoners.", support) == []


def test_guard_drops_bad_bullets_and_says_why():
    text = "Storms hit Cork on Friday. Two homes flooded in Mallow."
    good = KeyPoint(text="Storms hit Cork on Friday.", support=[Span(start=0, end=26)])
    invented = KeyPoint(text="Five homes flooded in Mallow.", support=[Span(start=27, end=55)], method="llm:test")
    elsewhere = KeyPoint(text="Storms hit Cork.", support=[Span(start=27, end=55)])
    kept, notes = guard([good, invented, elsewhere], text)
    assert kept == [good]
    assert notes[0].startswith("key point dropped (llm:test): number 'Five' is not in its support")
    assert "name 'Cork' is not in its support" in notes[1]


def test_guard_drops_a_bullet_whose_support_is_outside_the_text():
    kept, notes = guard([KeyPoint(text="Storms hit Cork.", support=[Span(start=0, end=500)])], "Storms hit Cork.")
    assert kept == [] and "does not index the article text" in notes[0]


def test_a_hyphenated_name_supports_its_capitalised_part():
    assert unsupported("The men were held in Deir ez-Zor.", "The men knelt on a road in Deir ez-Zor, Syria.") == []
    assert unsupported("They left the al-Khansa Brigade.", "They had left the al-Khansa Brigade in Raqqa.") == []
    assert unsupported("They left the Khansa Brigade.", "They had left a brigade in Raqqa.") != []
