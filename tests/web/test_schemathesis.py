"""Schemathesis against the app's own /openapi.json: generated requests (valid and invalid) to every
operation never get a server error. Bounded: few examples an operation, fewer for the two that run the
language model (POST /v1/analyze, POST /v1/articles)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from newsdesk.web import create_app

ARTICLES = Path(__file__).with_name("api_articles")
SLOW = r"^/v1/(analyze|articles)$"


_STORE = tempfile.TemporaryDirectory(prefix="newsdesk-schemathesis-")  # removed when the run ends
APP = create_app(Path(_STORE.name) / "desk.sqlite")
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def stored():
    """Two articles (so ids 1 and 2 exist) and a followed topic in the desk the generated requests go to."""
    from fastapi.testclient import TestClient

    with TestClient(APP) as client:
        if client.get("/v1/stats").json()["articles"] == 0:
            for name, published in (("wire-kharkiv-drones.txt", "2025-07-08"), ("local-harbour-ferry.txt", None)):
                body = {"text": (ARTICLES / name).read_text(), "published": published}
                assert client.post("/v1/articles", json=body).status_code == 201
            assert client.post("/v1/topics", json={"topic": "Kharkiv"}).status_code == 201


QUICK = settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
MODEL = settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def content_type(response) -> str:
    values = {name.lower(): value for name, value in response.headers.items()}["content-type"]
    return values[0] if isinstance(values, list) else values


@schema.exclude(method="POST", path_regex=SLOW).parametrize()
@QUICK
def test_desk_operations_never_fail_on_the_server(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400:
        assert content_type(response) == "application/problem+json"


@schema.include(method="POST", path_regex=SLOW).parametrize()
@MODEL
def test_analysis_operations_never_fail_on_the_server(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400:
        assert content_type(response) == "application/problem+json"
