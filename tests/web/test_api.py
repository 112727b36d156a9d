"""The /v1 API's happy paths, on a store in tmp_path, with articles written for these tests
(tests/web/api_articles/: a wire report, a near copy of it run by a daily, a local paper's page saved as
text with its furniture, a broadcaster's HTML page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.web import create_app

ARTICLES = Path(__file__).with_name("api_articles")
WIRE = (ARTICLES / "wire-kharkiv-drones.txt").read_text()
WIRE_COPY = (ARTICLES / "daily-kharkiv-drones-copy.txt").read_text()
FERRY = (ARTICLES / "local-harbour-ferry.txt").read_text()
HEAT_HTML = (ARTICLES / "broadcaster-heatwave.html").read_text()


@pytest.fixture
def client(tmp_path) -> TestClient:
    with TestClient(create_app(tmp_path / "desk.sqlite")) as client:
        yield client


@pytest.fixture(scope="module")
def desk(new_store) -> TestClient:
    """A desk with the four articles stored through the API, in order: wire (1), ferry (2), heat (3), copy (4);
    on each engine."""
    app = create_app(new_store())
    with TestClient(app) as client:
        for body in ({"text": WIRE, "published": "2025-07-08"}, {"text": FERRY}, {"html": HEAT_HTML},
                     {"text": WIRE_COPY, "published": "2025-07-08", "url": "https://ledger.example/kharkiv"}):
            assert client.post("/v1/articles", json=body).status_code == 201
        yield client


# ---- analysis ---------------------------------------------------------------------------------------------

def test_analyze_wire_report_gives_the_analysis_and_stores_nothing(client):
    response = client.post("/v1/analyze", json={"text": WIRE, "published": "2025-07-08"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    result = response.json()
    assert result["schema"] == "newsdesk.analysis/1"
    article = result["article"]
    assert article["headline"] == "Russia hits Kharkiv with 85 drones overnight, wounding 14"
    assert article["wire"] == ["Reuters"]
    assert len(result["key_points"]) == 3
    speakers = {q["speaker"]["name"] for q in result["quotes"] if q["speaker"]}
    assert "Ihor Terekhov" in speakers
    attack = next(e for e in result["events"] if e["type"] == "attack")
    assert {"kind": "drone", "launched": 85}.items() <= attack["weapons"][0].items()
    assert attack["casualties"]["wounded"]["value"] == 14
    for quote in result["quotes"]:  # spans index into the clean text
        assert article["text"][quote["start"]:quote["end"]] == quote["text"]
    assert client.get("/v1/stats").json()["articles"] == 0
    assert client.get("/v1/articles").json() == []


def test_analyze_html_page_reads_its_metadata(client):
    result = client.post("/v1/analyze", json={"html": HEAT_HTML}).json()
    article = result["article"]
    assert article["headline"] == "Spain swelters as heatwave pushes temperatures past 44C"
    assert article["publisher"] == "Channel Nine News"
    assert article["published"] == "2025-07-02"
    assert "Copyright" not in article["text"] and "Home" not in article["text"]
    assert any(q["speaker"] and q["speaker"]["name"] == "Monica Garcia" for q in result["quotes"])


def test_analyze_saved_page_loses_its_furniture_and_takes_points_and_url(client):
    result = client.post("/v1/analyze", json={"text": FERRY, "points": 1, "url": "https://gazette.example/ferry",
                                              "published": "2025-03-04"}).json()
    text = result["article"]["text"]
    assert "Advertisement" not in text and "Sign up to our newsletter" not in text and "Subscribe" not in text
    assert "48,000 passengers" in text
    assert result["article"]["url"] == "https://gazette.example/ferry"
    assert len(result["key_points"]) == 1
    assert any(d["value"] == "2025-03-03" for d in result["dates"])  # "on Monday" before 4 March 2025


# ---- articles ---------------------------------------------------------------------------------------------

def test_post_article_stores_it_and_the_same_text_again_gives_the_first_id(client):
    first = client.post("/v1/articles", json={"text": WIRE, "published": "2025-07-08"})
    assert first.status_code == 201
    added = first.json()
    assert added["new"] is True and added["duplicate_of"] is None and added["story_id"] is not None
    assert first.headers["location"] == f"/v1/articles/{added['id']}"
    assert added["analysis"]["article"]["headline"].startswith("Russia hits Kharkiv")
    again = client.post("/v1/articles", json={"text": WIRE, "published": "2025-07-08"})
    assert again.status_code == 200
    assert again.json()["id"] == added["id"] and again.json()["new"] is False
    assert client.get("/v1/stats").json()["articles"] == 1


def test_near_copy_from_another_outlet_is_linked_to_the_first(desk):
    rows = {row["id"]: row for row in desk.get("/v1/articles").json()}
    assert set(rows) == {1, 2, 3, 4}
    assert rows[4]["duplicate_of"] == 1 and rows[4]["url"] == "https://ledger.example/kharkiv"
    assert all(rows[i]["duplicate_of"] is None for i in (1, 2, 3))
    stats = desk.get("/v1/stats").json()
    assert stats["articles"] == 3 and stats["duplicates"] == 1
    assert "path" not in stats


def test_list_articles_pages_and_filters_by_story(desk):
    everything = desk.get("/v1/articles").json()
    assert [a["published"] for a in everything][:2] == ["2025-07-08", "2025-07-08"]  # newest first
    page = desk.get("/v1/articles", params={"limit": 2, "offset": 1}).json()
    assert [a["id"] for a in page] == [a["id"] for a in everything[1:3]]
    story = everything[-1]["story_id"]
    assert [a["id"] for a in desk.get("/v1/articles", params={"story": story}).json()] == [everything[-1]["id"]]


def test_get_article_has_its_analysis(desk):
    stored = desk.get("/v1/articles/2").json()
    assert stored["id"] == 2
    assert stored["headline"] == "Harbour ferry service to resume in May after council vote"
    assert {q["speaker"]["name"] for q in stored["analysis"]["quotes"] if q["speaker"]} >= {"Margaret Owusu"}


# ---- the desk ---------------------------------------------------------------------------------------------

def test_stories_and_a_story_timeline(desk):
    stories = desk.get("/v1/stories").json()
    assert len(stories) == 3  # the near copy joins no story
    kharkiv = next(s for s in stories if s["title"].startswith("Russia hits Kharkiv"))
    assert kharkiv["articles"] == 1 and "Kharkiv" in kharkiv["entities"]
    timeline = desk.get(f"/v1/stories/{kharkiv['id']}").json()
    assert [entry["id"] for entry in timeline["timeline"]] == [1]
    assert timeline["timeline"][0]["key_points"]
    assert len(desk.get("/v1/stories", params={"limit": 1}).json()) == 1


def test_events_with_filters(desk):
    attacks = desk.get("/v1/events", params={"type": "attack"}).json()
    assert len(attacks) == 1  # one attack though two outlets ran the story
    attack = attacks[0]
    assert attack["day"] == "2025-07-08" and attack["location"] == "Kharkiv"
    assert attack["kinds"]["drone"]["launched"]["value"] == 85
    assert attack["source_count"] == 1
    assert desk.get("/v1/events", params={"from": "2025-07-09"}).json() == []
    assert len(desk.get("/v1/events", params={"from": "2025-07", "to": "2025-07"}).json()) >= 1


def test_tally_by_day_and_by_weapon(desk):
    tally = desk.get("/v1/tally", params={"by": "day", "from": "2025-07-07", "to": "2025-07-09"}).json()
    assert [row["period"] for row in tally["rows"]] == ["2025-07-07", "2025-07-08", "2025-07-09"]
    night = tally["rows"][1]
    assert night["attacks"] == 1 and night["launched"] == {"drone": 85, "missile": 2}
    drones = desk.get("/v1/tally", params={"weapon": "drone"}).json()
    assert drones["kinds"] == ["drone"] and drones["rows"][0]["period"] == "2025-07"


def test_records(desk):
    records = desk.get("/v1/records").json()
    by_measure = {r["measure"]: r for r in records}
    assert by_measure["total"]["top"][0]["value"] == 87
    assert by_measure["drone"]["top"][0]["value"] == 85
    assert desk.get("/v1/records", params={"as_of": "2025-07-01"}).json()[0]["top"] == []


def test_search(desk):
    hits = desk.get("/v1/search", params={"q": "ferry landing stage"}).json()
    assert [h["id"] for h in hits] == [2]
    assert any("[" in m["snippet"] for m in hits[0]["matches"])
    assert desk.get("/v1/search", params={"q": "Kharkiv"}).json()[0]["id"] == 1  # the copy is not listed twice
    assert desk.get("/v1/search", params={"q": "zeppelin"}).json() == []


def test_follow_list_and_unfollow_topics(client):
    followed = client.post("/v1/topics", json={"topic": "Margaret Owusu"})
    assert followed.status_code == 201
    assert followed.json()["kind"] == "entity" and followed.json()["new"] is True
    again = client.post("/v1/topics", json={"topic": "margaret  owusu"})
    assert again.status_code == 200 and again.json()["id"] == followed.json()["id"]
    assert client.post("/v1/topics", json={"topic": "ferry", "kind": "keyword"}).status_code == 201
    assert [t["query"] for t in client.get("/v1/topics").json()] == ["Margaret Owusu", "ferry"]
    assert client.delete("/v1/topics/MARGARET OWUSU").status_code == 204
    assert [t["query"] for t in client.get("/v1/topics").json()] == ["ferry"]


def test_digest_in_every_format_with_its_content_type(desk):
    params = {"topic": "Kharkiv", "since": "2025-01-01"}
    md = desk.get("/v1/digest", params=params)
    assert md.status_code == 200 and md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert "Russia hits Kharkiv" in md.text and "ferry" not in md.text.lower()
    html = desk.get("/v1/digest", params={**params, "format": "html"})
    assert html.headers["content-type"] == "text/html; charset=utf-8" and "<html" in html.text.lower()
    atom = desk.get("/v1/digest", params={**params, "format": "atom"})
    assert atom.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert atom.text.startswith("<?xml") and "http://www.w3.org/2005/Atom" in atom.text
    data = desk.get("/v1/digest", params={**params, "format": "json"})
    assert data.headers["content-type"] == "application/json" and data.json()
    everything = desk.get("/v1/digest", params={"since": "2025-01-01"}).text
    assert "Harbour ferry" in everything and "Spain swelters" in everything


def test_stats_of_an_empty_desk(client):
    stats = client.get("/v1/stats").json()
    assert stats["articles"] == stats["stories"] == stats["events"] == stats["topics"] == 0
    assert stats["schema_version"] >= 1


def test_openapi_documents_every_route_and_its_models(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "newsdesk"
    paths = spec["paths"]
    for path, method in [("/v1/analyze", "post"), ("/v1/articles", "post"), ("/v1/articles", "get"),
                         ("/v1/articles/{article_id}", "get"), ("/v1/stories", "get"),
                         ("/v1/stories/{story_id}", "get"),
                         ("/v1/events", "get"), ("/v1/tally", "get"), ("/v1/records", "get"), ("/v1/search", "get"),
                         ("/v1/topics", "get"), ("/v1/topics", "post"), ("/v1/topics/{topic}", "delete"),
                         ("/v1/digest", "get"), ("/v1/stats", "get")]:
        operation = paths[path][method]
        assert operation["summary"] and operation.get("description", operation["summary"])
    schemas = spec["components"]["schemas"]
    assert {"AnalyzeIn", "ArticleIn", "Added", "Analysis", "Problem", "Topic"} <= set(schemas)
    assert "text/markdown" in paths["/v1/digest"]["get"]["responses"]["200"]["content"]
    assert "application/problem+json" in paths["/v1/articles/{article_id}"]["get"]["responses"]["404"]["content"]
    assert client.get("/docs").status_code == 200
