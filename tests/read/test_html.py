"""The HTML reader on pages written in several sites' habits (fixtures under fixtures/html/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.read.html import TINY_BODY_WORDS, read_html, scored_body
from newsdesk.read.html_captions import remove_captions, split_credit
from newsdesk.schema import Caption, Section, build_text

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def broadsheet():
    return read_html(page("broadsheet_figure_subheads.html"))


def test_broadsheet_metadata(broadsheet):
    assert broadsheet.headline == "River Ouse floods York for third time this winter"  # site name cut off
    assert broadsheet.byline == "Harriet Cole"
    assert broadsheet.published == "2024-02-12"
    assert broadsheet.publisher == "The Northern Ledger"
    assert broadsheet.standfirst.startswith("Residents in low-lying streets")
    assert broadsheet.url == "https://ledger.example.org/uk/2024/feb/12/river-ouse-floods-york"


def test_broadsheet_sections_follow_subheads(broadsheet):
    assert [s.heading for s in broadsheet.sections] == [None, "Defences tested again", "Questions over funding"]
    assert broadsheet.sections[0].paragraphs[0].startswith("The River Ouse burst its banks")
    assert len(broadsheet.sections[1].paragraphs) == 2
    assert broadsheet.text == build_text(broadsheet.sections)
    assert "Defences tested again" not in broadsheet.text  # headings are structure, not body text


def test_broadsheet_captions_with_credits_apart_from_body(broadsheet):
    assert broadsheet.captions == [
        Caption(text="Volunteers wade along Skeldergate on Monday morning.", credit="Tom Reid/Reuters"),
        Caption(text="The Foss barrier at full pumping capacity.", credit="Environment Agency"),
    ]
    assert "Volunteers wade" not in broadsheet.text
    assert "Photograph" not in broadsheet.text


def test_broadsheet_furniture_left_out(broadsheet):
    for furniture in ("More on this story", "All rights reserved", "Storm warnings issued"):
        assert furniture not in broadsheet.text
    assert broadsheet.diagnostics.input_kind == "html"
    assert broadsheet.diagnostics.path == "trafilatura"
    assert broadsheet.diagnostics.reason is None


def test_scored_body_keeps_subheads(broadsheet):
    scored = scored_body(broadsheet).split("\n")
    assert "Defences tested again" in scored
    assert scored.index("Defences tested again") == 3  # after the three lead paragraphs


def test_json_ld_metadata_and_credit_beside_caption():
    art = read_html(page("wire_jsonld_credits.html"))
    assert (art.headline, art.byline, art.published, art.publisher) == (
        "Port strike halts grain exports",
        "Luis Ortega",
        "2023-09-04",
        "Coastline Wire",
    )
    assert art.captions == [
        Caption(text="A grain carrier waits outside the harbour at dawn on Monday.", credit="AP Photo/Ana Ruiz"),
        Caption(text="Striking dockers gather at the main gate.", credit="EPA"),  # "PHOTO: EPA" in the text
    ]
    assert "Photo: AP" not in art.paragraphs  # a bare credit line in the body is furniture
    assert art.diagnostics.removed == {"caption": 1}
    assert len(art.paragraphs) == 5


def test_inline_image_credit_and_duplicate_captions():
    art = read_html(page("tabloid_inline_credits.html"))
    assert art.captions == [Caption(text="The cubs were born to mother Irbis in late April", credit="Getty")]
    assert "(Image: Getty)" not in art.text
    assert art.byline == "Priya Nand"


def test_subheads_trafilatura_dropped_are_restored():
    art = read_html(page("tabloid_inline_credits.html"))
    assert [s.heading for s in art.sections] == [None, "Breeding programme"]
    assert art.sections[1].paragraphs[0].startswith("The birth is part of a European breeding programme")
    assert art.diagnostics.path.endswith("+subheads")


def test_article_split_into_chunks_is_rejoined():
    art = read_html(page("split_body_chunks.html"))
    assert len(art.paragraphs) == 6
    assert art.paragraphs[-1].startswith("The observatory plans to open the telescope")
    assert "Advertisement" not in art.text
    assert art.diagnostics.path == "trafilatura+rejoined"


def test_page_without_article_says_why():
    art = read_html(page("no_article_index.html"))
    assert art.text == ""
    assert art.sections == []
    assert art.diagnostics.reason.startswith("no article body found")
    assert "words of visible text" in art.diagnostics.reason


def test_javascript_shell_says_so():
    shell = page("javascript_shell.html").replace("/*STATE*/", '{"story": "x"},' * 3000)
    art = read_html(shell)
    assert art.text == ""
    assert "JavaScript" in art.diagnostics.reason


def test_malformed_html_with_huge_script_does_not_crash():
    html = page("malformed_tags.html").replace("/*FILLER*/", "var filler = '</p><div>';" * 50_000)
    art = read_html(html)
    assert art.headline == "Storm knocks out power to 80,000 homes"
    assert art.paragraphs[0].startswith("A storm with gusts of up to 90 mph")
    assert "Local councils opened three community centres" in art.text
    assert art.diagnostics.reason is None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "not html at all",
        "<html></html>",
        "<<<>>><div<p>>unclosed <b><i>tags</p></div></span></html><html><body><table><tr><td>x",
        "<html><body><p>nul \x00 and control \x01 characters</p></body></html>",
        "<html><body><p>lone \ud800 surrogate</p></body></html>",
        '<?xml version="1.0" encoding="ISO-8859-1"?><html><body><p>declared</p></body></html>',
        "<div>" * 3000 + "deep" + "</div>" * 3000,
    ],
)
def test_odd_input_gives_an_article_with_a_reason(html):
    art = read_html(html)
    assert art.diagnostics.input_kind == "html"
    assert len(art.text.split()) < TINY_BODY_WORDS
    assert art.diagnostics.reason  # never a silent empty result


def test_control_characters_do_not_cut_the_page():
    body = " ".join(f"Sentence number {i} of a long enough article body." for i in range(20))
    art = read_html(f"<html><body><article><p>Start \x0b here. {body}</p></article></body></html>")
    assert "Sentence number 19" in art.text


def test_url_argument_wins():
    art = read_html(page("wire_jsonld_credits.html"), url="https://wire.example.com/port-strike")
    assert art.url == "https://wire.example.com/port-strike"


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Firefighters at the scene. Photo: Reuters/Jane Doe", ("Firefighters at the scene.", "Reuters/Jane Doe")),
        ("Protesters in the square. PHOTO: EPA", ("Protesters in the square.", "EPA")),
        ("China has warned Hong Kong (Image: Getty)", ("China has warned Hong Kong", "Getty")),
        (
            "He didn’t get it.Credit...Doug Mills/The New York Times",
            ("He didn’t get it.", "Doug Mills/The New York Times"),
        ),
        ("The border post at Nogales, Ariz. (AP)", ("The border post at Nogales, Ariz.", "AP")),
        ("A stock image of a woman holding a joint. Getty", ("A stock image of a woman holding a joint.", "Getty")),
        ("Kyle Busch celebrates in Victory Lane", ("Kyle Busch celebrates in Victory Lane", None)),
        ("Satellite images: the base before the attack", ("Satellite images: the base before the attack", None)),
    ],
)
def test_split_credit(caption, expected):
    assert split_credit(caption) == expected


def test_remove_captions_keeps_paragraphs_that_only_start_like_a_caption():
    sections = [
        Section(
            paragraphs=[
                "Kyle Busch",
                "Kyle Busch won the race on Sunday after leading for most of the final stage.",
                "Kyle Busch Photo: AP",
            ]
        )
    ]
    kept, removed = remove_captions(sections, [Caption(text="Kyle Busch")])
    assert kept[0].paragraphs == ["Kyle Busch won the race on Sunday after leading for most of the final stage."]
    assert removed == 2
