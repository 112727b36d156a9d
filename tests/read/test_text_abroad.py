"""The saved-text reader on pages in other languages and on the widgets printed around a headline: datelines in
German, French, Spanish, Italian, Portuguese, Dutch and Russian, 'how long ago' stamps, counters and share rows
that must not be glued onto the headline. Each page and line is our own."""

from __future__ import annotations

import pytest

from newsdesk.read import read_text
from newsdesk.read.lines import byline, date_line, ends_with_continuation, find_date, is_furniture, is_timestamp
from newsdesk.read.text import page_tokens
from newsdesk.read.tokens import Token, continues

STORY = (
    "Der Hafen der Stadt bleibt nach dem Sturm der vergangenen Nacht bis auf Weiteres für alle Fähren geschlossen.\n"
    "Die Behörde prüft, ob die hölzernen Pfähle des alten Anlegers den Wellen standgehalten haben, hieß es am Montag.\n"
    "Reisende sollen auf die Busse ausweichen, die alle zwei Stunden vom Bahnhof zum Nordkai fahren.\n"
)
MENU = "Startseite\nPolitik\nWirtschaft\n"  # a page's first line is never a fragment of a sentence: menus come first


@pytest.mark.parametrize(("line", "iso"), [
    ("24. Januar 2022", "2022-01-24"),
    ("Veröffentlicht am 11. Juni 2019", "2019-06-11"),
    ("am 3. Februar 2022 um 21:17", "2022-02-03"),
    ("Donnerstag, 4. November 2021", "2021-11-04"),
    ("mercredi 11 septembre 2019", "2019-09-11"),
    ("Publié le 1er mars 2020 à 13h43", "2020-03-01"),
    ("3 de febrero de 2022", "2022-02-03"),
    ("5 de março de 2021", "2021-03-05"),
    ("giovedì 5 marzo 2020", "2020-03-05"),
    ("maandag 7 mei 2018", "2018-05-07"),
    ("15 августа 2016, 13:43", "2016-08-15"),
    ("Sat 5 Jul 2025 06.00 BST", "2025-07-05"),
    # a sentence that holds a date is no dateline
    ("Die Abstimmung fand am 4. Juni 2025 in der Hauptstadt nach monatelangem Streit statt.", None),
])
def test_datelines_in_other_languages(line, iso):
    found = date_line(line)
    assert (found.isoformat() if found else None) == iso


def test_a_month_name_is_read_only_between_a_day_and_a_year():
    assert find_date("Ein Set mit 5 Teilen für 2022 Euro") is None
    assert find_date("Die Ausgabe vom 24. Januar 2022 ist vergriffen").isoformat() == "2022-01-24"


@pytest.mark.parametrize("line", ["vor 4 Monaten", "il y a 3 jours", "hace 2 horas", "há 5 dias", "3 giorni fa",
                                  "2 maanden geleden", "4 месяца назад", "3 weeks ago"])
def test_how_long_ago_stamps_in_other_languages(line):
    assert is_timestamp(line)


def test_how_long_ago_is_not_any_line_with_vor():
    assert not is_timestamp("vor Ort") and not is_timestamp("Vor 40 Jahren fiel die Mauer in Berlin")


def test_a_dateline_in_another_language_is_not_glued_onto_the_headline():
    # "mercredi …" starts in lower case, as a word carrying on the headline's sentence would
    page = MENU + "Sturm schließt den Hafen bis Freitag\nmercredi 11 septembre 2019\n" + STORY
    art = read_text(page)
    assert art.headline == "Sturm schließt den Hafen bis Freitag"
    assert art.published == "2019-09-11"


def test_a_lower_case_byline_with_a_german_date_is_not_glued_onto_the_headline():
    page = MENU + "Sturm schließt den Hafen bis Freitag\nvon Redaktion, 24. Januar 2022\n" + STORY
    assert read_text(page).headline == "Sturm schließt den Hafen bis Freitag"


def test_a_how_long_ago_stamp_is_not_glued_onto_the_headline():
    page = MENU + "Sturm schließt den Hafen bis Freitag\nvor 4 Monaten\n" + STORY
    assert read_text(page).headline == "Sturm schließt den Hafen bis Freitag"


def test_a_counter_under_the_headline_is_not_part_of_it():
    # "3.409" (a link mid-sentence, it seemed) + "letture"
    assert not continues("Sturm schließt den Hafen bis auf weiteres", "3.409", Token("line", "letture"))
    page = MENU + "Sturm schließt den Hafen bis auf weiteres\n3.409\nletture\n" + STORY
    tokens, _ = page_tokens(page)
    assert tokens[3].text == "Sturm schließt den Hafen bis auf weiteres"


def test_a_name_above_a_dateline_is_no_link_inside_the_headline():
    page = MENU + "Sturm schließt den Hafen bis auf weiteres\nJana Roth\nam 3. Februar 2022 um 21:17\n" + STORY
    tokens, _ = page_tokens(page)
    assert tokens[3].text == "Sturm schließt den Hafen bis auf weiteres"


def test_a_number_alone_carries_no_sentence_on():
    # an article's id printed above its headline, which starts with a lower-case brand
    assert not continues("2631553", "iPhone 14: Warum sich das Warten lohnt")
    assert continues("The council said", "the roof leaked")


def test_a_closed_quotation_does_not_end_on_a_continuation_word():
    assert not ends_with_continuation("„Es bricht eine andere Zeit an“")
    assert ends_with_continuation("Talks with")
    assert not continues("„Es bricht eine andere Zeit an“", "Die Krise mit Daten lösen: zu schön, um wahr zu sein?")


@pytest.mark.parametrize(("line", "furniture"), [
    ("twitter linkedin facebook instagram", True), ("facebook twitter print", True),
    ("zurück zum Kochbuch", True), ("zur Startseite", True), ("retour à l'accueil", True),
    # a headline that starts with the same words
    ("Zurück zu den Wurzeln", False), ("Facebook buys a drone maker", False),
])
def test_share_rows_and_links_back(line, furniture):
    assert is_furniture(line) is furniture


def test_a_share_row_is_not_glued_onto_the_headline():
    # the line under the headline is in lower case (an icon's name), as the rest of a sentence cut by a link would be
    page = MENU + "twitter linkedin facebook instagram\nSturm schließt den Hafen\nchevron_left Alle Beiträge\n" + STORY
    tokens, _ = page_tokens(page)
    assert not any("twitter" in t.text and "Sturm" in t.text for t in tokens)


@pytest.mark.parametrize(("line", "names"), [
    ("Veröffentlicht am 17. Dezember 2021 von Lena Falk", "Lena Falk"),
    ("Published 4 July 2025 by Jane Doe", "Jane Doe"),
    ("Publié le 3 mars 2020 par Marie Dupont", "Marie Dupont"),
    ("11 de marzo de 2020 por Ana García", "Ana García"),
])
def test_a_date_then_its_writer_is_a_byline(line, names):
    assert byline(line)[0] == names


def test_a_sentence_with_a_date_and_by_is_no_byline():
    assert byline("The vote on 4 July 2025 was won by Labour") is None
    assert byline("Die Wahl am 4. Juli 2025 gewann die Partei von Anna Roth mit großem Vorsprung") is None


@pytest.mark.parametrize("line", ["sexta-feira, 22 de outubro de 2010 às 20:13", "giovedì 5 marzo 2020 alle 10:15"])
def test_a_dateline_with_its_time_is_no_video_title(line):
    # a video's title ends with its running time ('… budget is approved 2:32'); 'às 20:13' is a time of day
    assert not is_furniture(line)
    assert date_line(line) is not None
