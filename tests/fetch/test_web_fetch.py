"""What the server fetches: a URL given alone to the API or the web page, the sources API and page, and
``serve --watch`` — with private addresses refused unless the operator allows them."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from fetch_pages import STORIES, atom_feed, newsroom_page, story, wordpress_page
from loopback import Reply

from newsdesk.desk.sources import add_source
from newsdesk.desk.store import open_store
from newsdesk.web import create_app

HTML = {"Content-Type": "text/html; charset=utf-8"}
ORIGIN = {"Origin": "http://testserver"}


def client(tmp_path, **options) -> TestClient:
    return TestClient(create_app(tmp_path / "desk.sqlite", **options))


def test_a_url_alone_is_refused_when_it_points_inside_the_network(site, tmp_path):
    site.route("/news/a", Reply(200, newsroom_page(story(STORIES[0])), HTML))
    with client(tmp_path) as api:
        answer = api.post("/v1/articles", json={"url": site.url("/news/a")})
        assert answer.status_code == 422
        problem = answer.json()
        assert problem["code"] == "E141" and "loopback" in problem["detail"]
        assert api.post("/v1/analyze", json={"url": "http://169.254.169.254/latest/"}).json()["code"] == "E141"
        assert api.post("/v1/articles", json={"url": "file:///etc/passwd"}).json()["code"] == "E141"
    assert not site.hits


def test_a_url_alone_is_fetched_read_and_stored_when_allowed(site, tmp_path):
    s = story(STORIES[1])
    site.route("/short", Reply(302, headers={"Location": "/2025/11/05/library-cuts/"}))
    site.route("/2025/11/05/library-cuts/", Reply(200, wordpress_page(s), HTML))
    with client(tmp_path, allow_private_fetch=True) as api:
        answer = api.post("/v1/articles", json={"url": site.url("/short")})
        assert answer.status_code == 201
        stored = api.get(answer.headers["Location"]).json()
        assert stored["headline"] == s.headline and stored["url"] == site.url("/2025/11/05/library-cuts/")
        feed = api.post("/v1/analyze", json={"url": site.url("/atom.xml")})
        assert feed.status_code == 422 and "HTTP 404" in feed.json()["detail"]


def test_a_feed_given_as_an_article_is_bad_input(site, tmp_path):
    site.route("/atom.xml", Reply(200, atom_feed(site.base, [story(STORIES[0])])))
    with client(tmp_path, allow_private_fetch=True) as api:
        answer = api.post("/v1/articles", json={"url": site.url("/atom.xml")})
        assert answer.status_code == 422 and "follow it as a source" in answer.json()["detail"]


def test_the_sources_api(site, tmp_path):
    with client(tmp_path) as api:
        refused = api.post("/v1/sources", json={"url": site.url("/atom.xml")})
        assert refused.status_code == 422 and refused.json()["code"] == "E141"
        bad = api.post("/v1/sources", json={"url": "https://news.example.org/feed", "every": "sometimes"})
        assert bad.status_code == 422 and bad.json()["code"] == "E110"
    with client(tmp_path, allow_private_fetch=True) as api:
        added = api.post("/v1/sources", json={"url": site.url("/atom.xml"), "every": "2h", "topic": "Valmera"})
        assert added.status_code == 201 and added.json()["source"]["every"] == 7200
        assert api.post("/v1/sources", json={"url": site.url("/atom.xml")}).status_code == 200
        listed = api.get("/v1/sources").json()
        assert [s["url"] for s in listed] == [site.url("/atom.xml")] and listed[0]["every_text"] == "15m"
        assert api.delete(f"/v1/sources/{listed[0]['id']}").status_code == 204
        gone = api.delete(f"/v1/sources/{listed[0]['id']}")
        assert gone.status_code == 404 and gone.json()["code"] == "E307"


def test_the_sources_page_lists_and_adds_sources(tmp_path):
    with client(tmp_path) as web:
        assert "follows no source yet" in web.get("/sources").text
        added = web.post("/sources/add", data={"url": "https://news.example.org/feed.xml", "every": "30m"},
                         headers=ORIGIN, follow_redirects=True)
        assert added.status_code == 200 and "Following https://news.example.org/feed.xml" in added.text
        assert "https://news.example.org/feed.xml" in web.get("/sources").text
        refused = web.post("/sources/add", data={"url": "http://127.0.0.1:9/feed"}, headers=ORIGIN)
        assert refused.status_code == 422 and "loopback" in refused.text
        foreign = web.post("/sources/add", data={"url": "https://a.example/feed"},
                           headers={"Origin": "https://evil.example"})
        assert foreign.status_code == 403


def test_the_web_form_fetches_a_url_given_alone(site, tmp_path):
    s = story(STORIES[2])
    site.route("/news/dunmore", Reply(200, newsroom_page(s), HTML))
    with client(tmp_path) as web:
        refused = web.post("/analyze", data={"url": site.url("/news/dunmore"), "store": "1"}, headers=ORIGIN)
        assert refused.status_code == 422 and "--allow-private-fetch" in refused.text
    with client(tmp_path, allow_private_fetch=True) as web:
        stored = web.post("/analyze", data={"url": site.url("/news/dunmore"), "store": "1"}, headers=ORIGIN,
                          follow_redirects=True)
        assert stored.status_code == 200 and s.headline in stored.text


def test_serve_watch_polls_the_sources_beside_the_api(site, tmp_path):
    slugs = STORIES[3:5]
    site.route("/atom.xml", Reply(200, atom_feed(site.base, [story(x) for x in slugs])))
    for slug in slugs:
        site.route(f"/news/{slug}", Reply(200, newsroom_page(story(slug)), HTML))
    with open_store(tmp_path / "desk.sqlite") as store:
        add_source(store, site.url("/atom.xml"))
    with client(tmp_path, allow_private_fetch=True, watch=True) as api:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and api.get("/v1/stats").json()["articles"] < 2:
            time.sleep(0.2)
        assert api.get("/v1/stats").json()["articles"] == 2
        polled = api.get("/v1/sources").json()[0]
        assert polled["last_status"] == "200" and polled["total_new"] == 2
        assert "This server polls them" in api.get("/sources").text


@pytest.mark.parametrize("watch", [False, True])
def test_the_server_starts_and_stops_cleanly_with_or_without_the_poller(tmp_path, watch):
    with client(tmp_path, watch=watch) as api:
        assert api.get("/v1/sources").json() == []
