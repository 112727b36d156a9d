"""Desk.add / Desk.articles / Desk.article: one article at a time, as ingest stores it; listing and fetching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.desk import Desk
from newsdesk.desk.store import ArticleNotFound
from newsdesk.errors import InputEmpty, InputError, StoreError

FIXTURES = Path(__file__).parent / "fixtures"
DEDUP = FIXTURES / "dedup"
INGEST = FIXTURES / "ingest"


def text(name: str) -> str:
    return (DEDUP / name).read_text(encoding="utf-8")


def story(name: str) -> dict:
    """A story fixture (a ``publisher:``/``published:`` header, a blank line, the article) as add's arguments."""
    head, body = (FIXTURES / name).read_text(encoding="utf-8").split("\n\n", 1)
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    return {"text": body, "published": meta["published"]}


@pytest.fixture(scope="module")
def added(tmp_path_factory, new_store):
    """A fresh store with a wire story, an outlet's copy of it, an HTML page and two story articles added."""
    path = new_store()
    with Desk(path) as desk:
        out = {
            "wire": desk.add(text=text("dam-wire.txt"), published="2025-04-08"),
            "copy": desk.add(text=text("dam-outlet2.txt"), published="2025-04-08", url="https://outlet.example/dam"),
            "html": desk.add(html=(INGEST / "articles/more/rail-line.html").read_text(encoding="utf-8"),
                             url="https://valley.example/rail"),
            "fire1": desk.add(**story("story_fire_1.txt")),
            "fire2": desk.add(**story("story_fire_2.txt")),
        }
    return path, out


def test_add_analyses_and_stores_one_article(added):
    _, out = added
    wire = out["wire"]
    assert set(wire) == {"id", "new", "duplicate_of", "story_id", "analysis"}
    assert wire["new"] is True and wire["duplicate_of"] is None and isinstance(wire["id"], int)
    analysis = wire["analysis"]
    assert analysis["article"]["headline"].startswith("Dam breach floods villages")
    assert analysis["article"]["published"] == "2025-04-08"
    assert any(e["name"] == "Ilse Marov" for e in analysis["entities"])
    assert any(q["speaker"] and q["speaker"]["name"] == "Ilse Marov" for q in analysis["quotes"])
    assert wire["story_id"] is not None  # every first copy belongs to a story, if only its own


def test_a_near_copy_is_linked_to_its_first_copy_as_ingest_does(added):
    _, out = added
    copy = out["copy"]
    assert copy["new"] is True and copy["duplicate_of"] == out["wire"]["id"]
    assert copy["story_id"] is None  # near copies take no part in stories or events


def test_html_is_read_as_a_page(added):
    html = added[1]["html"]
    assert html["analysis"]["article"]["headline"] == "New rail line cuts journey to the coast to 40 minutes"
    assert html["analysis"]["article"]["url"] == "https://valley.example/rail"


def test_articles_about_one_happening_share_a_story(added):
    _, out = added
    assert out["fire1"]["analysis"]["article"]["headline"] == "Fire tears through chemical warehouse at Port of Valmera"
    assert out["fire1"]["story_id"] == out["fire2"]["story_id"] != out["wire"]["story_id"]


def test_the_same_text_again_adds_nothing_and_gives_the_first_id(added):
    path, out = added
    with Desk(path) as desk:
        before = desk.stats()
        again = desk.add(text="  " + text("dam-wire.txt").replace("\n\n", "\n\n  ") + "\n")  # spacing only
        assert again["id"] == out["wire"]["id"] and again["new"] is False
        assert again["analysis"] == out["wire"]["analysis"]
        assert desk.stats() == before


def test_the_same_story_under_other_furniture_is_the_same_text(added):
    path, out = added
    with Desk(path) as desk:  # dam-outlet1 is the wire text under another outlet's headline and byline
        again = desk.add(text=text("dam-outlet1.txt"), url="https://other.example/dam")
    assert again["id"] == out["wire"]["id"] and again["new"] is False


def test_empty_or_unreadable_input_raises_the_input_error_ingest_reports(added, tmp_path, new_store):
    path, _ = added
    with Desk(path) as desk:
        before = desk.stats()
        for kwargs in ({}, {"text": ""}, {"text": "   \n\n "}, {"html": "<html><body></body></html>"}):
            with pytest.raises(InputError) as info:
                desk.add(**kwargs)
            assert info.value.exit_code == 2
        with pytest.raises(InputEmpty):
            desk.add(text="\n\n")
        with pytest.raises(InputError, match="must be a string"):
            desk.add(text=b"bytes are not text")  # type: ignore[arg-type]
        assert desk.stats() == before
    # ingest reports the same error for the same input
    (tmp_path / "empty.html").write_text("<html><body></body></html>")
    with Desk(new_store()) as desk:
        failed = desk.ingest([tmp_path / "empty.html"])["failed"]
        with pytest.raises(InputError) as info:
            desk.add(html="<html><body></body></html>")
    assert failed[0]["reason"].startswith(f"[{info.value.code}]")


def test_articles_lists_newest_first_with_their_fields(added):
    path, out = added
    with Desk(path) as desk:
        listed = desk.articles()
    assert {a["id"] for a in listed} == {o["id"] for o in out.values()}
    for a in listed:
        assert set(a) == {"id", "headline", "publisher", "published", "url", "source", "story_id", "duplicate_of",
                          "ingested_at"}
    dated = [a["published"] for a in listed if a["published"]]
    assert dated == sorted(dated, reverse=True)
    undated = [a for a in listed if not a["published"]]
    assert listed[len(listed) - len(undated):] == undated  # articles without a date come last
    copy = next(a for a in listed if a["id"] == out["copy"]["id"])
    assert copy["duplicate_of"] == out["wire"]["id"] and copy["url"] == "https://outlet.example/dam"
    assert copy["source"] == "https://outlet.example/dam"


def test_articles_pages_and_filters_by_story(added):
    path, out = added
    with Desk(path) as desk:
        everything = desk.articles()
        assert desk.articles(limit=2) == everything[:2]
        assert desk.articles(limit=2, offset=2) == everything[2:4]
        assert desk.articles(offset=len(everything)) == []
        fire = desk.articles(story=out["fire1"]["story_id"])
        assert {a["id"] for a in fire} == {out["fire1"]["id"], out["fire2"]["id"]}
        assert desk.articles(story=10_000) == []
        with pytest.raises(InputError):
            desk.articles(limit=-1)


def test_article_gives_the_fields_and_the_full_stored_analysis(added):
    path, out = added
    with Desk(path) as desk:
        one = desk.article(out["wire"]["id"])
        listed = {a["id"]: a for a in desk.articles()}
        raw = desk.store.execute("SELECT analysis FROM articles WHERE id = ?", (out["wire"]["id"],)).fetchone()[0]
    assert {k: v for k, v in one.items() if k != "analysis"} == listed[out["wire"]["id"]]
    assert one["analysis"] == json.loads(raw) == out["wire"]["analysis"]


def test_a_missing_article_raises_article_not_found(added):
    path, _ = added
    with Desk(path) as desk:
        with pytest.raises(ArticleNotFound) as info:
            desk.article(99_999)
        with pytest.raises(ArticleNotFound):
            desk.article("1")  # type: ignore[arg-type]
    err = info.value
    assert isinstance(err, StoreError) and err.code == "E304" and err.exit_code == 2
    assert "99999" in str(err)


def test_add_sees_what_another_connection_stored_since_its_last_add(tmp_path, new_store):
    """The near-duplicate index is kept between adds and brought up to date with rows stored by others."""
    path = new_store()
    with Desk(path) as desk, Desk(path) as other:
        desk.add(text=text("dam-wire.txt"), published="2025-04-08")  # builds the index
        first = other.ingest([DEDUP / "fire-wire.txt"])  # stored through another connection
        assert first["new"] == 1
        fire_id = next(a["id"] for a in other.articles() if a["source"].endswith("fire-wire.txt"))
        copy = desk.add(text=text("fire-outlet2.txt"))
        assert copy["new"] is True and copy["duplicate_of"] == fire_id
        dam_copy = desk.add(text=text("dam-outlet3.txt"))
        assert desk.article(dam_copy["duplicate_of"])["headline"].startswith("Dam breach floods villages")
        assert desk.stats()["duplicates"] == 2 and desk.stats()["articles"] == 2
