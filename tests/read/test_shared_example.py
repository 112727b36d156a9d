"""The issue's acceptance points on the real saved page in ../shared/examples (read, never copied)."""

from __future__ import annotations

import re

import pytest

import newsdesk


@pytest.fixture
def page(shared):
    return shared / "examples" / "russia-brushes-off-peace-talks.txt"


@pytest.fixture
def article(page):
    return newsdesk.read(page)


def test_head_and_summary_box(article):
    assert article.headline and article.headline.startswith("Russia brushes off")
    assert len(article.publisher_key_points) == 3
    assert all(not p.startswith("•") for p in article.publisher_key_points)


def test_captions_deduplicated_with_credit_and_out_of_body(article):
    assert len(article.captions) == 2
    assert {c.credit for c in article.captions} == {"EPA"}
    for caption in article.captions:
        assert caption.text not in article.text
    assert "PHOTO" not in article.text


def test_subheads_are_section_headings(article):
    headings = [s.heading for s in article.sections if s.heading]
    assert len(headings) == 2 and all(h not in article.text for h in headings)


def test_link_cut_sentences_rejoined(article):
    joined = [p for p in article.paragraphs if p.startswith("The hours-long bombardments sent Ukrainians")]
    assert len(joined) == 1
    assert any(p.startswith("Mr Trump also said he had made no progress in discussions") for p in article.paragraphs)
    assert any(p.startswith("Ukrainian President Volodymyr Zelensky also spoke to Mr Trump and said")
               for p in article.paragraphs)
    assert article.diagnostics.removed["fragments_joined"] >= 6


def test_wire_credit_out_of_text_and_no_furniture(article):
    assert article.wire == ["AFP"]
    assert article.text.endswith("as part of that agreement.")
    for furniture in ("Sign up now", "Follow topic", "AI generated", "See more on"):
        assert furniture not in article.text


def test_every_body_sentence_of_the_input_is_in_text(page, article):
    """Each long sentence line of the page is in the text, a caption, or the summary box."""
    kept = article.text + " ".join(c.text for c in article.captions) + " ".join(article.publisher_key_points)
    kept = re.sub(r"\s+", " ", kept)
    for line in page.read_text(encoding="utf-8").splitlines():
        line = line.strip().lstrip("• ").strip()
        if len(line.split()) >= 8 and line.endswith((".", "”", "?")) and "newsletter" not in line:
            assert line.removesuffix(" AFP") in kept, line
