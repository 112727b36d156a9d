"""The web pages through TestClient: every page renders, forms work, errors are pages, text is escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KYIV = EXAMPLES / "events" / "wire-kyiv-record-barrage.txt"
LVIV = EXAMPLES / "events" / "lviv-two-nights.txt"
PAGES = ["/", "/articles", "/stories", "/tally", "/topics", "/digest", "/search", "/search?q=drone"]


def body_of(html: str) -> str:
    """The highlighted article body of an article page."""
    return html.split('<div class="text" id="text">', 1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_on_an_empty_store(page_client, path):
    r = page_client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert '<nav aria-label="main">' in r.text and 'href="/static/style.css"' in r.text
    assert "<script>" not in r.text  # no inline script anywhere


def test_static_files_are_served(page_client):
    assert "--bg" in page_client.get("/static/style.css").text
    assert "addEventListener" in page_client.get("/static/app.js").text


def test_pasted_article_shows_key_points_quotes_and_events(page_client):
    r = page_client.post("/analyze", data={"text": KYIV.read_text(), "published": "2025-07-09"})
    assert r.status_code == 200
    html = r.text
    assert "Russia pounds Kyiv in largest air attack of the war, killing three" in html
    assert "Marta Hnatyshyn and Piotr Lasek" in html
    points = re.findall(r'<a href="#kp-(\d)" data-kp="\d" class="kp-link">', html)
    assert points == ["1", "2", "3"]
    body = body_of(html)
    for n in points:  # each key point links to its support in the text
        assert f'id="kp-{n}"' in body
    assert 'class="quote quote-' in body and 'class="speaker"' in body
    assert "Tymur Melnyk" in html and 'class="ent ent-person"' in body
    assert '<span class="qty" title="number: exact count drones">612 drones</span>' in body
    assert "Rescuers search the rubble" not in body  # the caption is kept apart …
    assert "Rescuers search the rubble" in html.split('class="captions"', 1)[1]  # … under its own heading
    events = html.split('id="events-title"', 1)[1]
    assert "drone: 612 / 583" in events and "record" in events


def test_uploaded_file_is_analysed(page_client):
    r = page_client.post("/analyze", files={"file": ("kyiv.txt", KYIV.read_bytes(), "text/plain")},
                         data={"published": "2025-07-09"})
    assert r.status_code == 200
    assert "Russia pounds Kyiv" in r.text and 'id="kp-3"' in r.text


@pytest.mark.parametrize(("data", "status", "message"), [
    ({"text": "   "}, 422, "paste an article"),
    ({"text": KYIV.read_text(), "published": "9 July"}, 400, "YYYY-MM-DD"),
    ({"text": KYIV.read_text(), "url": "javascript:alert(1)"}, 400, "http://"),
])
def test_bad_input_is_a_message_on_the_form(page_client, data, status, message):
    r = page_client.post("/analyze", data=data)
    assert r.status_code == status
    error = re.search(r'<p class="error" role="alert" id="form-error">(.*?)</p>', r.text, re.S)
    assert error and message in error[1]
    assert "Traceback" not in r.text
    if data["text"].strip():  # what was typed is kept
        assert "Russia pounds Kyiv in largest air attack" in r.text.split("<textarea", 1)[1]


def test_empty_upload_is_an_error(page_client):
    r = page_client.post("/analyze", files={"file": ("empty.txt", b"", "text/plain")})
    assert r.status_code == 422 and "the uploaded file is empty" in r.text


def test_store_then_the_desk_pages(page_client):
    r = page_client.post("/analyze", data={"text": KYIV.read_text(), "published": "2025-07-09", "store": "1"},
                         follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/articles/1?added=new"
    stored = page_client.get("/articles/1?added=new").text
    assert "Stored #1" in stored and 'href="/stories/1"' in stored and 'id="kp-1"' in stored
    again = page_client.post("/analyze", data={"text": KYIV.read_text(), "store": "1"}, follow_redirects=False)
    assert again.headers["location"] == "/articles/1?added=known"
    page_client.post("/analyze", data={"text": LVIV.read_text(), "store": "1"})

    articles = page_client.get("/articles").text
    assert 'href="/articles/1"' in articles and 'href="/articles/2"' in articles
    assert "Russia pounds Kyiv" in page_client.get("/stories").text
    story = page_client.get("/stories/1").text
    assert 'class="timeline"' in story and "Russia pounds Kyiv" in story
    hits = page_client.get("/search", params={"q": "Sviatoshynskyi"}).text
    assert 'href="/articles/1"' in hits and "<mark>Sviatoshynskyi</mark>" in hits
    digest = page_client.get("/digest", params={"since": "2000-01-01"}).text
    assert "Russia pounds Kyiv" in digest


def test_tally_page_draws_the_chart_and_the_table(page_client):
    page_client.post("/analyze", data={"text": KYIV.read_text(), "published": "2025-07-09", "store": "1"})
    r = page_client.get("/tally", params={"by": "day"})
    assert r.status_code == 200
    assert '<svg class="chart"' in r.text and 'class="bar k-drone"' in r.text
    assert "2025-07-09" in r.text.split('<table class="tally">', 1)[1]
    month = page_client.get("/tally", params={"by": "month", "weapon": "missile"}).text
    assert 'class="bar k-missile"' in month and 'class="bar k-drone"' not in month
    bad = page_client.get("/tally", params={"by": "fortnight"})
    assert bad.status_code == 400 and "fortnight" in bad.text
    assert page_client.get("/tally", params={"since": "2025-08-01", "until": "2025-07-01"}).status_code == 400


def test_follow_and_unfollow_a_topic(page_client):
    r = page_client.post("/topics/follow", data={"topic": "  Volodymyr   Zelensky "}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/topics?done=")
    topics = page_client.get(r.headers["location"]).text
    assert "Following Volodymyr Zelensky" in topics
    assert '<td class="topic"><a href="/digest?topic=Volodymyr%20Zelensky">Volodymyr Zelensky</a></td>' in topics
    r = page_client.post("/topics/unfollow", data={"topic": "volodymyr zelensky"}, follow_redirects=False)
    assert r.status_code == 303
    assert "Volodymyr Zelensky</a>" not in page_client.get("/topics").text
    empty = page_client.post("/topics/follow", data={"topic": "   "})
    assert empty.status_code == 400 and "cannot be empty" in empty.text


def test_redirect_back_stays_on_this_site(page_client):
    r = page_client.post("/topics/follow", data={"topic": "drones", "back": "//evil.example/x"},
                         follow_redirects=False)
    assert r.headers["location"].startswith("/topics?")


def test_a_form_posted_from_another_site_is_refused(page_client):
    r = page_client.post("/topics/follow", data={"topic": "drones"}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    assert "drones" not in page_client.get("/topics").text


@pytest.mark.parametrize("path", ["/articles/999", "/articles/abc", "/stories/999", "/stories/x", "/no-such-page"])
def test_missing_things_are_404_pages(page_client, path):
    r = page_client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html") and "<h1>Not found</h1>" in r.text


def test_malformed_query_is_a_400_page_and_the_api_keeps_its_problems(page_client):
    r = page_client.get("/articles", params={"page_number": "many"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert page_client.get("/v1/no-such-route").headers["content-type"] == "application/problem+json"


def test_bad_digest_and_search_input(page_client):
    assert page_client.get("/digest", params={"since": "last tuesday"}).status_code == 400
    assert page_client.get("/search", params={"q": 'drone "unclosed'}).status_code == 400


def test_uploaded_gzip_file_is_stored(page_client):
    import gzip

    upload = ("kyiv.txt.gz", gzip.compress(KYIV.read_bytes()), "application/gzip")
    r = page_client.post("/analyze", files={"file": upload}, data={"store": "1"}, follow_redirects=False)
    assert r.status_code == 303
    assert "Russia pounds Kyiv" in page_client.get(r.headers["location"]).text


def test_text_longer_than_the_model_parses_is_a_413_page(page_client, monkeypatch):
    from newsdesk.language.nlp import load_nlp

    monkeypatch.setattr(load_nlp(), "max_length", 1000)
    for store in ("", "1"):
        r = page_client.post("/analyze", data={"text": KYIV.read_text(), "store": store})
        assert r.status_code == 413 and "the language model parses" in r.text
    assert "Russia pounds Kyiv" not in page_client.get("/articles").text
