"""Dates: every temporal expression, with its exact span, resolved against the publication date.

Each expression is checked against two publication dates, Friday 4 July 2025 and Saturday
10 January 2026, and without one. Every fixture sentence here was written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.language.dates import find_dates, resolve_text
from newsdesk.language.nlp import load_nlp
from newsdesk.schema import DateRef

JULY = date(2025, 7, 4)  # a Friday
JANUARY = date(2026, 1, 10)  # a Saturday
NO_BASE = "no publication date to resolve against"


def dates(text: str, published: date | None) -> list[DateRef]:
    """The dates of ``text``, each checked to quote the text exactly at its offsets."""
    found = find_dates(load_nlp()(text), published)
    for ref in found:
        assert text[ref.start : ref.end] == ref.text, ref
    return found


def one(text: str, phrase: str, published: date | None) -> DateRef:
    matches = [ref for ref in dates(text, published) if ref.text == phrase]
    assert matches, f"no date {phrase!r} in {[ref.text for ref in dates(text, published)]}"
    return matches[0]


# (rule, sentence, phrase, granularity, value against JULY, value against JANUARY)
CASES = [
    ("calendar day, US order", "Russia said on July 4 that it saw no way out.", "July 4", "day",
     "2025-07-04", "2025-07-04"),
    ("calendar day, UK order", "The convoy left on 2 July.", "2 July", "day", "2025-07-02", "2025-07-02"),
    ("calendar day soon after publication", "The vote on January 20 is seen as a test.", "January 20", "day",
     "2025-01-20", "2026-01-20"),
    ("calendar day in a past clause", "The vote on January 20 was close.", "January 20", "day",
     "2025-01-20", "2025-01-20"),
    ("calendar day in a future clause", "The vote on January 20 will be close.", "January 20", "day",
     "2026-01-20", "2026-01-20"),
    ("calendar day with its year", "The pact was signed on March 3, 2024.", "March 3, 2024", "day",
     "2024-03-03", "2024-03-03"),
    ("weekday and date", "Officials met on Friday, July 4, 2025.", "Friday, July 4, 2025", "day",
     "2025-07-04", "2025-07-04"),
    ("range of days", "The summit ran over June 3-4.", "June 3-4", "range",
     "2025-06-03/2025-06-04", "2025-06-03/2025-06-04"),
    ("ISO date", "The decree is dated 2025-06-30.", "2025-06-30", "day", "2025-06-30", "2025-06-30"),
    ("month after 'in'", "A record number of drones was launched in June.", "June", "month",
     "2025-06", "2025-06"),
    ("month after the publication month is last year's", "Prices peaked in December.", "December", "month",
     "2024-12", "2025-12"),
    ("month in a future clause", "Talks will resume in August.", "August", "month", "2025-08", "2026-08"),
    ("month with a modifier", "Fighting intensified in mid-May.", "mid-May", "month", "2025-05", "2025-05"),
    ("month with its year", "The dam was finished in May 2023.", "May 2023", "month", "2023-05", "2023-05"),
    ("since → a range to publication", "Prices have risen since March.", "March", "range",
     "2025-03/2025-07-04", "2025-03/2026-01-10"),
    ("year after a preposition", "The port was rebuilt in 2024.", "2024", "year", "2024", "2024"),
    ("season of years", "He scored 30 goals in the 2010-11 season.", "2010-11", "range", "2010/2011", "2010/2011"),
    ("decade", "The town boomed in the 1990s.", "the 1990s", "range", "1990/1999", "1990/1999"),
    ("this week → ISO week", "The US announced this week that it would cut aid.", "this week", "week",
     "2025-W27", "2026-W02"),
    ("last week", "Last week the bridge reopened.", "Last week", "week", "2025-W26", "2026-W01"),
    ("next week", "Envoys meet again next week.", "next week", "week", "2025-W28", "2026-W03"),
    ("last month", "Exports fell last month.", "last month", "month", "2025-06", "2025-12"),
    ("this year", "Growth slowed this year.", "this year", "year", "2025", "2026"),
    ("last year", "The plant closed last year.", "last year", "year", "2024", "2025"),
    ("the past decade", "Rents doubled over the past decade.", "the past decade", "range",
     "2015-07-04/2025-07-04", "2016-01-10/2026-01-10"),
    ("weekday → most recent on or before publication", "The ministry said on Friday that two people died.",
     "Friday", "day", "2025-07-04", "2026-01-09"),
    ("weekday in a future clause", "The envoys will meet on Monday.", "Monday", "day", "2025-07-07", "2026-01-12"),
    ("last + weekday", "The border was closed last Thursday.", "last Thursday", "day", "2025-07-03", "2026-01-08"),
    ("weekday with a part of the day", "Sirens sounded on Tuesday night.", "Tuesday night", "day",
     "2025-07-01", "2026-01-06"),
    ("overnight → the night before publication", "A woman was killed in a drone attack overnight.", "overnight",
     "range", "2025-07-03/2025-07-04", "2026-01-09/2026-01-10"),
    ("last night", "Air raid sirens sounded across the city last night.", "last night", "range",
     "2025-07-03/2025-07-04", "2026-01-09/2026-01-10"),
    ("yesterday", "The minister resigned yesterday.", "yesterday", "day", "2025-07-03", "2026-01-09"),
    ("today", "The court rules today.", "today", "day", "2025-07-04", "2026-01-10"),
    ("this weekend, future", "Protests are planned for this weekend.", "this weekend", "range",
     "2025-07-05/2025-07-06", "2026-01-10/2026-01-11"),
    ("ago", "The village fell two days ago.", "two days ago", "day", "2025-07-02", "2026-01-08"),
    ("a month ago → a month", "The offensive began a month ago.", "a month ago", "month", "2025-06", "2025-12"),
    ("more than … ago → an open range", "The two sides last met more than a month ago.", "more than a month ago",
     "range", "../2025-06-04", "../2025-12-10"),
    ("less than … ago → a range to publication", "The ship sank less than a week ago.", "less than a week ago",
     "range", "2025-06-27/2025-07-04", "2026-01-03/2026-01-10"),
    ("the past N units", "No shelling was reported in the past 24 hours.", "the past 24 hours", "range",
     "2025-07-03/2025-07-04", "2026-01-09/2026-01-10"),
    ("the last N years", "The mine has doubled its output in the last three years.", "the last three years", "range",
     "2022-07-04/2025-07-04", "2023-01-10/2026-01-10"),
    ("clock time", "The first blast came at 10:32.", "10:32", "time", "10:32", "10:32"),
    ("clock time, 12-hour", "The curfew starts at 9.30pm.", "9.30pm", "time", "21:30", "21:30"),
]


@pytest.mark.parametrize(("sentence", "phrase", "granularity", "july", "january"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_date_rule(sentence, phrase, granularity, july, january):
    for published, value in ((JULY, july), (JANUARY, january)):
        ref = one(sentence, phrase, published)
        assert (ref.value, ref.granularity, ref.reason) == (value, granularity, None), published


# (rule, sentence, phrase, granularity): relative expressions without a publication date
RELATIVE = [
    ("calendar day without a year", "Russia said on July 4 that it saw no way out.", "July 4", "day"),
    ("month", "A record number of drones was launched in June.", "June", "month"),
    ("this week", "The US announced this week that it would cut aid.", "this week", "week"),
    ("weekday", "The ministry said on Friday that two people died.", "Friday", "day"),
    ("overnight", "A woman was killed in a drone attack overnight.", "overnight", "range"),
    ("more than … ago", "The two sides last met more than a month ago.", "more than a month ago", "range"),
]


@pytest.mark.parametrize(("sentence", "phrase", "granularity"), [case[1:] for case in RELATIVE],
                         ids=[case[0] for case in RELATIVE])
def test_relative_dates_without_publication_date(sentence, phrase, granularity):
    ref = one(sentence, phrase, None)
    assert (ref.value, ref.granularity, ref.reason) == (None, granularity, NO_BASE)


@pytest.mark.parametrize(("sentence", "phrase", "value", "granularity"), [
    ("The pact was signed on March 3, 2024.", "March 3, 2024", "2024-03-03", "day"),
    ("The dam was finished in May 2023.", "May 2023", "2023-05", "month"),
    ("The port was rebuilt in 2024.", "2024", "2024", "year"),
    ("The town boomed in the 1990s.", "the 1990s", "1990/1999", "range"),
], ids=["day", "month", "year", "decade"])
def test_absolute_dates_without_publication_date(sentence, phrase, value, granularity):
    ref = one(sentence, phrase, None)
    assert (ref.value, ref.granularity, ref.reason) == (value, granularity, None)


@pytest.mark.parametrize(("rule", "sentence"), [
    ("duration", "Neither side could end more than three years of fighting."),
    ("duration in hours", "The truce lasted 48 hours."),
    ("age", "Police arrested a 47-year-old man."),
    ("length used as an adjective", "Leaders met for a two-day summit."),
    ("a frequency", "Trains now run daily."),
    ("a bare month name", "June Carter sang."),
    ("a month inside a name", "Former prime minister Theresa May spoke."),
    ("an age the model took for a date", "Farmer Ivan Petrov, 52, said the shelling lasted all night."),
    ("'overnight' describing a kind of attack", "Overnight drone attacks have grown more frequent."),
])
def test_not_a_date(rule, sentence):
    assert dates(sentence, JULY) == [], rule


def test_vague_expressions_are_kept_without_a_value():
    ref = one("Attacks have escalated over recent weeks.", "recent weeks", JULY)
    assert (ref.value, ref.granularity, ref.reason) == (None, "unknown", "too vague to resolve")


def test_seasons_are_not_resolved():
    ref = one("The offensive is expected this summer.", "this summer", JULY)
    assert ref.value is None and ref.reason.startswith("seasons are not resolved")


def test_report_in_text_order():
    text = ("Hours after an overnight barrage, Moscow said on July 4 it saw no way out. Delegations last met "
            "more than a month ago, and the US said this week it would cut aid.")
    got = [(ref.text, ref.value) for ref in dates(text, JULY)]
    assert got == [("overnight", "2025-07-03/2025-07-04"), ("July 4", "2025-07-04"),
                   ("more than a month ago", "../2025-06-04"), ("this week", "2025-W27")]


def test_free_text_resolution_is_cached_and_uses_dateparser_only_for_what_rules_miss():
    resolve_text.cache_clear()
    assert resolve_text("04/07/2025", JULY).value is not None
    assert resolve_text("04/07/2025", JULY) is resolve_text("04/07/2025", JULY)
    assert resolve_text("three years", JULY) is None
    assert resolve_text("Christmas", JULY).reason == "too vague to resolve"
