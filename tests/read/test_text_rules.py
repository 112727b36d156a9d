"""The saved-text reader's rules, each on a small page of our own in a different site's habits."""

from __future__ import annotations

import pytest

from newsdesk.read import read_text
from newsdesk.read.credits import credit_line, split_inline_credit
from newsdesk.read.lines import byline, date_line, is_furniture, is_timestamp
from newsdesk.read.wire import split_dateline, split_trailing_wire

BODY = (
    "The council voted on Tuesday to close the library for repairs.\n\n"
    "Officials said the roof had leaked for three winters in a row.\n\n"
    "Residents will be able to borrow books from a mobile van until spring."
)


def test_sentence_cut_by_links_is_rejoined():
    page = (
        "Council closes library\n\n"
        "The\n\nlong-awaited repairs\n\nwill start in May, the council said.\n\n"
        "Mayor Ana Silva said\n\nthe building\n\nwas unsafe.\n\n"
        "Talks with\n\nGreenfield Construction\n\nended on Friday.\n\n"
        "The work is funded by\n\nthe county\n\n, officials said."
    )
    art = read_text(page)
    assert art.paragraphs == [
        "The long-awaited repairs will start in May, the council said.",
        "Mayor Ana Silva said the building was unsafe.",
        "Talks with Greenfield Construction ended on Friday.",
        "The work is funded by the county, officials said.",
    ]


def test_caption_with_credit_line_is_deduplicated_and_kept_out_of_body():
    page = (
        "Floods sweep valley\n\n"
        "Rescuers wade through a flooded street in the valley on Monday.\n\n"
        "Rescuers wade through a flooded street in the valley on Monday.\n\n"
        "Photo: Reuters/Jane Doe\n\n" + BODY
    )
    art = read_text(page)
    assert [c.to_dict() for c in art.captions] == [
        {"text": "Rescuers wade through a flooded street in the valley on Monday.", "credit": "Reuters/Jane Doe"}
    ]
    assert "Rescuers wade" not in art.text


def test_caption_marked_after_its_source_line():
    page = "Floods sweep valley\n\nImage source, Getty Images\n\nImage caption, A boat on a flooded road\n\n" + BODY
    art = read_text(page)
    assert [c.to_dict() for c in art.captions] == [{"text": "A boat on a flooded road", "credit": "Getty Images"}]


def test_inline_credit_caption():
    page = "Floods sweep valley\n\n" + BODY + "\n\nA boat on a flooded road. Photograph: Jane Doe/AP"
    page += "\n\nMore rain is due."
    art = read_text(page)
    assert art.captions[0].text == "A boat on a flooded road."
    assert art.captions[0].credit == "Jane Doe/AP"
    assert "Photograph" not in art.text and "More rain is due." in art.text


def test_summary_bullets_before_ai_marker_are_publisher_key_points():
    page = "Floods sweep valley\n\n• The valley flooded.\n• Rescuers saved 12 people.\n\n"
    page += "AI-generated summary\n\n" + BODY
    art = read_text(page)
    assert art.publisher_key_points == ["The valley flooded.", "Rescuers saved 12 people."]
    assert "AI" not in art.text


def test_bullets_under_summary_header_mid_page():
    page = "Floods sweep valley\n\n" + BODY + "\n\nAt a glance\n\n- Roads closed\n- Schools shut\n\n"
    page += "More rain is due."
    art = read_text(page)
    assert art.publisher_key_points == ["Roads closed", "Schools shut"]


def test_related_links_are_dropped_but_lists_inside_the_story_stay():
    page = (
        "Floods sweep valley\n\n" + BODY + "\n\nThe council listed three priorities:\n\n"
        "- repairing the roof;\n- replacing the wiring;\n- opening a new reading room.\n\n"
        "Related stories\n\nCouncil approves budget for next year\n\nMayor faces questions over spending plans\n\n"
        "Library fans rally in the town square"
    )
    art = read_text(page)
    assert "repairing the roof;" in art.paragraphs
    assert "budget" not in art.text and "rally" not in art.text


def test_subheads_start_sections():
    page = "Floods sweep valley\n\n" + BODY + "\n\n'A long winter'\n\nThe mayor warned of more storms to come."
    art = read_text(page)
    assert [s.heading for s in art.sections] == [None, "'A long winter'"]
    assert art.sections[1].paragraphs == ["The mayor warned of more storms to come."]


def test_header_byline_date_and_standfirst():
    page = (
        "Floods sweep valley\n\nThousands flee as the river bursts its banks for the second time this year.\n\n"
        "By MARIA LOPEZ and TOM REED\n\nPublished 14 March 2025, 09:12 GMT\n\n" + BODY
    )
    art = read_text(page)
    assert art.standfirst == "Thousands flee as the river bursts its banks for the second time this year."
    assert art.byline == "Maria Lopez and Tom Reed"
    assert art.published == "2025-03-14"
    assert art.paragraphs[0].startswith("The council voted")


def test_dateline_and_trailing_wire():
    page = "Floods sweep valley\n\nLISBON, March 14 (Reuters) - " + BODY + " - Reuters"
    art = read_text(page)
    assert art.dateline == "LISBON, March 14"
    assert art.wire == ["Reuters"]
    assert art.text.startswith("The council voted") and art.text.endswith("until spring.")


def test_live_blog_timestamps_are_sections():
    page = (
        "Storm live: latest updates\n\n10:32 BST\n\nThe storm reached the coast this morning.\n\n"
        "14:05 BST\n\nPower has been restored to most homes, the utility said."
    )
    art = read_text(page)
    assert [s.heading for s in art.sections] == ["10:32 BST", "14:05 BST"]


def test_furniture_is_removed_by_general_rules():
    page = (
        "Floods sweep valley\n\nSubscribe to our morning briefing\n\nShare this article\n\nAdvertisement\n\n"
        + BODY + "\n\nRead more: Council approves budget\n\n© 2025 Valley Herald Ltd. All rights reserved.\n\n"
        "Follow us on Instagram"
    )
    art = read_text(page)
    assert art.paragraphs == BODY.split("\n\n")
    removed = art.diagnostics.removed
    assert removed["furniture"] + removed.get("after_end", 0) >= 6


def test_empty_body_says_why():
    art = read_text("Share\n\nAdvertisement\n\nSubscribe now")
    assert art.text == ""
    assert art.diagnostics.reason and "no article body" in art.diagnostics.reason


@pytest.mark.parametrize(
    ("line", "credit"),
    [("PHOTO: EPA", "EPA"), ("Photograph: Jane Doe/AP", "Jane Doe/AP"), ("Image source, Getty Images", "Getty Images"),
     ("Credit: Reuters", "Reuters"), ("The photo shows a flooded road.", None)],
)
def test_credit_line(line, credit):
    assert credit_line(line) == credit


def test_a_credit_in_capitals_before_the_caption():
    page = ("Drones hit the port overnight\n\nREUTERS/JANE ROE A firefighter works at the site of a drone strike in "
            "the port, amid the war, today.\n\nODESA >> Russian drones hit the port of Odesa overnight, damaging "
            "grain silos and a warehouse, the regional governor said on Tuesday.")
    art = read_text(page)
    assert [c.text for c in art.captions] == ["A firefighter works at the site of a drone strike in the port, amid "
                                              "the war, today."]
    assert art.dateline == "ODESA" and art.text.startswith("Russian drones hit the port")
    assert split_inline_credit("NATO/EU talks resumed on Monday in Brussels.") == (
        "NATO/EU talks resumed on Monday in Brussels.", None)


def test_inline_credit_split():
    assert split_inline_credit("Fans cheer (Image: Getty Images)") == ("Fans cheer", "Getty Images")
    assert split_inline_credit("He said the photo was fake.") == ("He said the photo was fake.", None)
    assert split_inline_credit("A guard at the gate (ABC News: Luke Roe)") == ("A guard at the gate",
                                                                             "ABC News: Luke Roe")


def test_a_note_in_brackets_ending_a_body_line_is_no_credit():
    page = ("Drones downed overnight\n\nAir defences shot down 30 of 35 drones overnight, the air force said.\n"
            "The drones were launched at the south and the east of the country (launch areas: Kursk and Bryansk).\n"
            "Debris damaged two houses in the Sumy region, the governor said.")
    art = read_text(page)
    assert art.captions == [] and "(launch areas: Kursk and Bryansk)." in art.text


@pytest.mark.parametrize(
    ("line", "iso"),
    [("Published 4 July 2025, 10:32 BST", "2025-07-04"), ("Sat 5 Jul 2025 06.00 BST", "2025-07-05"),
     ("July 4, 20252:15 PM GMT+1Updated 3 hours ago", "2025-07-04"), ("Updated: 2025-07-04", "2025-07-04"),
     ("The vote was held on July 4, 2025 in the capital after months of delay.", None)],
)
def test_date_line(line, iso):
    found = date_line(line)
    assert (found.isoformat() if found else None) == iso


@pytest.mark.parametrize(
    ("line", "names"),
    [("By Jane Doe", "Jane Doe"), ("By Jane Doe | July 4, 2025", "Jane Doe"), ("Jane Doe in Berlin", "Jane Doe"),
     ("By Łukasz Nowak and Anna Müller", "Łukasz Nowak and Anna Müller"), ("By the way, this is prose.", None),
     ("No Progress in Peace Talks", None), ("The Week in Review", None), ("What Changes in April", None),
     ("Priya Raman and Tom Hale in Lagos", "Priya Raman and Tom Hale"),
     ("OKSANA HRYTSENKO - TUESDAY, 14 MARCH 2023, 09:12", "OKSANA HRYTSENKO"),
     ("Marek Nowak | 4 July 2025", "Marek Nowak"), ("Breaking News - July 4, 2025", None),
     ("KHARKIV - Shelling resumed at dawn.", None)],
)
def test_byline(line, names):
    found = byline(line)
    assert (found[0] if found else None) == names


def test_paragraphs_ending_in_emoji_are_prose_and_subheads_stay_subheads():
    # Some sites end each paragraph with an emoji and break the story with short subheads.
    page = (
        "Harbour_Strike_Leaves_City_Dark\n\n"
        "Harbour Strike Leaves City Dark for a Second Night\n\n"
        "Overnight Barrage Hits the Port\n\n"
        "In the early hours of Tuesday, the port city was hit by a wave of drones, officials said, "
        "and power was cut to most districts by dawn. \U0001f680\n\n"
        "Grid in the Crosshairs\n\n"
        "Two substations were damaged and repair crews worked through the morning to restore supply. \u26a1\ufe0f\n\n"
        "No Progress in Peace Talks\n\n"
        "Envoys met again this week without agreeing on a ceasefire, the foreign ministry said. \U0001f54a\ufe0f\n"
    )
    art = read_text(page)
    assert art.headline == "Harbour Strike Leaves City Dark for a Second Night"
    assert art.byline is None
    assert "In the early hours of Tuesday" in art.text
    assert "Envoys met again this week" in art.text


def test_headlines_after_a_sign_off_are_not_the_story():
    para = " ".join(["Crews worked through the night to restore power to the eastern districts of the city."] * 4)
    body = f"KYIV — {para}\n\n{para}\n\n{para}\n\n{para}"
    page = (f"Power cut across the city after strikes\n\n{body} — BBC\n\nJuly 31, 2025\n55 views\nHIGHLIGHTS\n"
            "World\n5 hours ago\n\nYoung voters get their way as parliament overturns law\n\nWorld\n5 hours ago\n\n"
            "City toll rises to 26 after wave of strikes")
    art = read_text(page)
    assert art.text.endswith("eastern districts of the city. — BBC")
    assert "toll rises" not in art.text and "Young voters" not in art.text


def test_dateline_forms():
    assert split_dateline("WASHINGTON (AP) — The Senate voted.") == ("WASHINGTON", ["AP"], "The Senate voted.")
    assert split_dateline("KYIV - Drones hit the city.") == ("KYIV", [], "Drones hit the city.")
    assert split_dateline("KYIV >> Drones hit the city.") == ("KYIV", [], "Drones hit the city.")
    assert split_dateline("NOTE: this is not a dateline.")[0] is None
    assert split_dateline("I - am not a place.")[0] is None


def test_trailing_wire_forms():
    assert split_trailing_wire("The talks ended. AFP") == (["AFP"], "The talks ended.")
    assert split_trailing_wire("The talks ended. – AP") == (["AP"], "The talks ended.")
    assert split_trailing_wire("The talks ended. (Reuters)") == (["Reuters"], "The talks ended.")
    assert split_trailing_wire("The talks ended in Paris.") == ([], "The talks ended in Paris.")


def test_furniture_and_timestamp_lines():
    assert is_furniture("Sign up now: Get our newsletters delivered to your inbox")
    assert is_furniture("Share")
    assert not is_furniture("Share prices fell sharply on Monday after the announcement.")
    assert is_timestamp("10:32 BST") and is_timestamp("2h ago") and not is_timestamp("10 people")


@pytest.mark.parametrize("page, headline, published", [
    ("International News 24/7\nEurope\nFloods close border crossings in the Alps\nLatest update : 14/05/2024 - 09:12\n"
     "Text by NEWS WIRES\nHeavy rain closed three border crossings between Austria and Italy on Tuesday, police said, "
     "as rivers rose across the region.[continue reading]\nRescuers evacuated 40 people from a campsite near Bolzano "
     "overnight. [post_ads]\n\"The water came up in minutes,\" said one camper, who asked not to be named.\n"
     "This article was originally published on Alpine Post.\nComments are closed.\n",
     "Floods close border crossings in the Alps", "2024-05-14"),
    ("The Harbour Ledger\nBusiness\nShipyard wins order for six ferries\nBy Lena Ortiz\nLatest update: 2 March 2023\n"
     "The Kestrel shipyard has won an order for six electric ferries, its owners said on Thursday, securing work for "
     "two years. [ad_slot_2]\nThe first ferry is due in the spring of 2025, the company said.\n"
     "It will carry 300 passengers and 40 cars.[read more]\nThis story first appeared in The Coastal Weekly.\n"
     "Commenting is closed for this article.\n",
     "Shipyard wins order for six ferries", "2023-03-02"),
])
def test_site_labels_markers_syndication_notes_and_comment_notices_stay_out(page, headline, published):
    art = read_text(page)
    assert (art.headline, art.published) == (headline, published)
    assert "[" not in art.text and "published on" not in art.text and "first appeared" not in art.text
    assert "omment" not in art.text  # "Comments are closed.", "Commenting is closed …"
    assert len(art.text.split("\n\n")) == 3  # every body line kept, the marked ones too


def _menus(n: int) -> str:
    """A whole page's menus as a text rendering prints them: list marks, nested marks, empty items."""
    sections = ["World", "Business", "Sport", "Culture", "Opinion", "Weather", "Local Services", "Podcasts"]
    out = []
    for i in range(n):
        name = sections[i % len(sections)]
        out.append(["* " + name, "+ " + name + " News", "o " + name + " Guide", "*", "Sign in"][i % 5])
    return "\n".join(out)


STORY = (
    "The harbour authority said on Monday that the old ferry terminal would close for two years of repairs.\n"
    "Engineers found that the pier's wooden piles had rotted below the waterline after decades of storms.\n"
    "Ferries will use a temporary berth at the north quay until the work is finished, the authority said.\n"
)


@pytest.mark.parametrize("head, headline, byline_, standfirst", [
    # the headline, a byline and a date, then the story
    ("Ferry terminal to close for two years of repairs\nBy Mara Lindqvist\nPublished 3 March 2024\n",
     "Ferry terminal to close for two years of repairs", "Mara Lindqvist", None),
    # a German byline: "Von …"
    ("Fährterminal schließt für zwei Jahre\nVon Mara Lindqvist und Jonas Berg\n",
     "Fährterminal schließt für zwei Jahre", "Mara Lindqvist and Jonas Berg", None),
    # no byline, no date: a headline, empty list items and share buttons, then the story
    ("Ferry terminal to close for two years of repairs\n*\n*\n*\n", "Ferry terminal to close for two years of repairs",
     None, None),
    # a breadcrumb with the headline as its last item; a standfirst; "You are at:" is a label
    ("You are at:\n* Home\n* Ferry terminal to close\nFerry terminal to close\n"
     "Repairs to the rotten pier will take until 2026 and cost the port £40m.\n3 March 2024\n",
     "Ferry terminal to close", None, "Repairs to the rotten pier will take until 2026 and cost the port £40m."),
])
def test_a_whole_page_of_menus_before_the_story(head, headline, byline_, standfirst):
    page = _menus(80) + "\nMost read\n" + head + STORY
    art = read_text(page)
    assert art.headline == headline
    assert art.byline == byline_
    assert art.standfirst == standfirst
    assert art.paragraphs[0].startswith("The harbour authority said on Monday")
    assert not any(word in art.text for word in ("Local Services", "Sign in", "Podcasts"))


@pytest.mark.parametrize("line, names", [
    ("Aoife Brennan and Tomasz Wróbel, The Associated Press", "Aoife Brennan and Tomasz Wróbel"),
    ("AOIFE BRENNAN and TOMASZ WRÓBEL | AP |", "AOIFE BRENNAN and TOMASZ WRÓBEL"),
    ("Aoife Brennan, Europe Business Editor", "Aoife Brennan"),
    ("Aoife Brennan Published March 3, 2024 | 09:12 AM", "Aoife Brennan"),
    ("Von Aoife Brennan und Tomasz Wróbel", "Aoife Brennan and Tomasz Wróbel"),
])
def test_signed_bylines(line, names):
    assert byline(line)[0] == names


@pytest.mark.parametrize("line", [
    "Mr Justice Aoife Brennan, who is in charge of the lists", "Harbour United 2, Quay Rovers 1",
    "Von Berlin nach Paris: Nachtzug fährt wieder", "Kyiv, Ukraine",
])
def test_not_bylines(line):
    assert byline(line) is None


def test_month_first_numeric_dates_and_bulleted_meta():
    assert date_line("Published 02/29/2024, 07:10 AM").isoformat() == "2024-02-29"
    assert date_line("03.11.2009").isoformat() == "2009-11-03"  # day first where both could be months
    page = "Harbour strike ends\n  • by Aoife Brennan\n  • Friday, 26th April 2024\n" + BODY
    art = read_text(page)
    assert (art.byline, art.published) == ("Aoife Brennan", "2024-04-26")
    assert art.paragraphs == BODY.split("\n\n")


@pytest.mark.parametrize("line, credit", [
    ("Aoife Brennan | Getty Images", "Aoife Brennan | Getty Images"),
    ("AOIFE BRENNAN/GETTY IMAGES", "AOIFE BRENNAN/GETTY IMAGES"),
    ("(Tomasz Wróbel / Associated Press)", "Tomasz Wróbel / Associated Press"),
    ("(AP Photo/Tomasz Wróbel)", "AP Photo/Tomasz Wróbel"),
    ("PHOTO/Courtesy", "PHOTO/Courtesy"),
    ("[AFP]", "AFP"),
    ("Image Credit: Harbour Authority", "Harbour Authority"),
])
def test_credit_lines_without_a_label(line, credit):
    assert credit_line(line) == credit


@pytest.mark.parametrize("line", ["(Reuters)", "World | Politics", "US/UK TALKS", "AOIFE BRENNAN and TOM ROE | AP |"])
def test_not_credit_lines(line):
    assert credit_line(line) is None


def test_caption_tails_in_brackets_and_via():
    assert split_inline_credit("Strikers blamed the losses on fuel costs [AFP]") == (
        "Strikers blamed the losses on fuel costs", "AFP")
    assert split_inline_credit("The minister walks along a trenchHarbour Press Office via AP") == (
        "The minister walks along a trench", "Harbour Press Office via AP")


def test_alt_text_echoes_and_credits_before_captions_stay_out_of_the_body():
    """A caption printed twice in a row with a label under it is a caption; a paragraph printed twice with the
    story going on under it stays a paragraph (tests/test_cli_bad_input.py)."""
    page = (
        "Harbour wall breached in storm\n\n"
        "Aoife Brennan | AP\n\nA wave crashes over the harbour wall in Cobh on Saturday, a day after the storm.\n\n"
        "Tomasz Wróbel and Aoife Brennan, The Associated Press\n\n" + BODY + "\n\n"
        "The minister walks along the breached wall...\n\n"
        "The minister walks along the breached wall on Sunday morning. Harbour Press Office via AP\n\n"
        "A boat lies on its side on the slipway.\n\nA boat lies on its side on the slipway.\n\nTT\n\n"
        "Repairs are expected to take until the summer, the council said."
    )
    art = read_text(page)
    assert art.byline == "Tomasz Wróbel and Aoife Brennan"
    assert art.paragraphs == [*BODY.split("\n\n"), "Repairs are expected to take until the summer, the council said."]
    assert [c.text for c in art.captions] == [
        "A wave crashes over the harbour wall in Cobh on Saturday, a day after the storm.",
        "The minister walks along the breached wall on Sunday morning.",
        "A boat lies on its side on the slipway.",
    ]


def test_a_titled_name_alone_is_a_portrait_caption_and_a_video_with_its_running_time_is_furniture():
    """Court and council pages put a headshot under the headline, its caption only the name and title; broadcasters'
    pages keep their video players' titles with the running time. Neither is the story; times of day stay."""
    page = (
        "Council rejects claim that judges avoid regional courts\n\n"
        "Cllr Aoife Byrne.\n\n"
        "Claims that judges are unwilling to sit in regional courts have been rejected by a senior member of the "
        "judiciary, who said the lists were full.\n\n"
        "6 years ago\n\n"
        "After a long night of debate, the county's budget is passed 3:05\n\n"
        "The court office opens at 9:30 and the first case is heard at 10:15.\n\n" + BODY
    )
    art = read_text(page)
    assert [c.text for c in art.captions] == ["Cllr Aoife Byrne"]
    assert "Aoife Byrne" not in art.text and "budget is passed" not in art.text
    assert "The court office opens at 9:30 and the first case is heard at 10:15." in art.paragraphs
    assert art.paragraphs[0].startswith("Claims that judges are unwilling")


def test_a_text_size_widget_glued_to_the_date_line_leaves_the_date():
    """A news agency's page saved with its "Adjust font size:" widget at the end of the credit and date line: the
    date is read and the widget is not text; a sentence about a font keeps its words."""
    page = (
        "Lighthouse keepers' cottages to become a museum\n\n"
        "Coastline Press, March 4, 2024 Adjust font size:\n\n"
        "The two cottages beside the old lighthouse will open as a museum in the summer, the council said on Monday, "
        "after a restoration that took three years.\n\n"
        "Visitors with poor sight can ask the guides to increase the font size\n\n" + BODY
    )
    art = read_text(page)
    assert art.published == "2024-03-04"
    assert "Adjust font size" not in art.text and "Coastline Press, March 4" not in art.text
    assert "Visitors with poor sight can ask the guides to increase the font size" in art.text


def test_a_caption_printed_again_under_its_credited_copy_stays_out_of_the_body():
    """One photo, two captions: the image's, with the agency's credit, then the page's, shorter, its credit a bare
    name. A paragraph that merely shares a few words with a caption stays."""
    page = (
        "Port workers walk out over pay\n\n"
        "Dock workers gather at the gates of the container terminal in Rotterdam, Netherlands, March 3, 2025.   "
        "HARBOUR PRESS/Jan de Vries\n\n"
        "Dock workers gather at the gates of the container terminal in Rotterdam. Harbour Press\n\n"
        "Dock workers at the container terminal in Rotterdam walked out on Monday over a pay offer they called an "
        "insult, halting traffic at Europe's largest port.\n\n" + BODY
    )
    art = read_text(page)
    assert [c.text for c in art.captions] == [
        "Dock workers gather at the gates of the container terminal in Rotterdam, Netherlands, March 3, 2025."]
    assert "gather at the gates" not in art.text
    assert art.paragraphs[0].startswith("Dock workers at the container terminal in Rotterdam walked out")


@pytest.mark.parametrize("line", [
    "[SIGN UP: Harbour Herald Morning Briefing]",
    "Click here to download the free Harbour Herald app, and click here to follow us on your smart TV.",
    "Stay informed - Follow the Herald on WhatsApp.",
    "Get the day's headlines delivered to your inbox.",
    "Oops!", "Something went wrong.", "Please try again later.", "No posts found.",
    "You are using an older browser version. Please use a supported version for the best experience.",
    "Adjust font size:", "Did you like this article?", "Posting a comment requires free registration:",
    "<span style=\"color: #222;\">", "<br />",
    "Support from readers like you keeps the Herald printing.", "Your gift makes a difference.",
    "With your support, the Herald brings you courageous local journalism.",
    "Read more: From a corner shop to a chain of forty stores, how one family built a retail empire",
])
def test_more_furniture_shapes(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "The council said readers of the report had raised concerns about the cost.",
    "Something went wrong with the pumps overnight, engineers said.",
    "She asked voters to follow the debate closely.",
])
def test_body_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_markup_saved_with_the_page_is_dropped_and_lines_stay_apart():
    page = ("Harbour wall breached\n<span style=\"color: #222;\">The council voted on Tuesday to close the library "
            "for repairs.</span><br />'' <br />''\nOfficials said the roof had leaked for three winters in a row.\n")
    art = read_text(page)
    assert art.paragraphs == ["The council voted on Tuesday to close the library for repairs.",
                              "Officials said the roof had leaked for three winters in a row."]


def test_outlet_after_the_byline_and_a_writer_named_in_the_syndication_note():
    assert byline("By Aoife Brennan Harbour News")[0] == "Aoife Brennan"
    assert byline("By Tom Post")[0] == "Tom Post"  # a surname, not an outlet
    art = read_text("Harbour wall breached\n\n" + BODY + "\n\nThis article was written by Aoife Brennan and "
                    "originally appeared on Harbour Weekly")
    assert art.byline == "Aoife Brennan" and "originally appeared" not in art.text


@pytest.mark.parametrize("line", [
    "Harbour Radio is your trusted source of news. With your support, we bring you independent journalism.",
    "Donate today: your gift keeps local journalism free for everyone.",
    "Chevron icon It indicates an expandable section or menu, or sometimes previous / next navigation options.",
])
def test_appeals_and_icon_labels_are_furniture(line):
    assert is_furniture(line)


def test_a_wire_and_its_place_under_the_headline_and_a_title_saved_with_its_description():
    art = read_text("Harbour strike ends after talks\nImage\nPress Trust of India New Delhi\n"
                    "Last Updated : Apr 26 2024 | 10:20 PM IST\n" + BODY)
    assert (art.headline, art.wire, art.published) == ("Harbour strike ends after talks", ["PTI"], "2024-04-26")
    art = read_text("Harbour strike ends after talks : Business - Harbour Radio Dock workers returned on Monday after "
                    "a week-long strike over pay and the length of shifts.\nHarbour strike ends after talks\n" + BODY)
    assert art.headline == "Harbour strike ends after talks"
    assert art.paragraphs == BODY.split("\n\n")


def test_credits_doctests():
    import doctest
    import importlib

    assert doctest.testmod(importlib.import_module("newsdesk.read.credits")).failed == 0
