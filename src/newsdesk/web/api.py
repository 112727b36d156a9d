"""The JSON API under ``/v1``: analysis and articles here, the desk's answers in ``api_desk``.

Endpoints are plain ``def`` functions: FastAPI runs them in its thread pool, so a CPU-bound analysis
never blocks the event loop and other requests are served meanwhile. Errors are problem+json
(``problems.py``); docs in ``docs/api.md``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse

from newsdesk.errors import InputTooLarge
from newsdesk.schema import Analysis
from newsdesk.web.api_models import (
    MAX_ID,
    Added,
    AnalyzeIn,
    ArticleIn,
    ArticleSummary,
    StoredArticle,
    problems,
)
from newsdesk.web.pool import DeskPool, desks
from newsdesk.web.problems import install_handlers

router = APIRouter(prefix="/v1")
Pool = Annotated[DeskPool, Depends(desks)]
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID, description="The article's id in the desk.")]


@router.post("/analyze", tags=["analysis"], summary="Analyse an article (nothing is stored)",
             responses={200: {"model": Analysis, "description": "The `newsdesk.analysis/1` JSON."},
                        **problems(400, 413, 422, 503)})
def analyze(body: AnalyzeIn, request: Request) -> JSONResponse:
    """Read the article (`text` or `html`, or the page at `url` given alone) and return its analysis: the clean
    article, key points, entities with roles, quotes with speakers, quantities, dates and events, every item
    with character spans into `article.text`. Nothing is stored."""
    from newsdesk.pipeline import analyze as run_analysis
    from newsdesk.read import read

    fetched(body, request)
    raw = body.html if body.html is not None else body.text
    article = read(raw, url=body.url, published=body.published_text, name="<request>")
    check_length(article.text)
    result = run_analysis(article, published=body.published, points=body.points)
    return JSONResponse(result.to_dict())


@router.post("/articles", tags=["articles"], summary="Analyse and store an article", status_code=201,
             response_model=Added,
             responses={200: {"model": Added, "description": "The same text is stored already: its id, "
                                                            "`new` false."},
                        201: {"description": "Stored (a near copy is stored linked to its first copy: "
                                             "`duplicate_of`)."},
                        **problems(400, 413, 422, 503)})
def add_article(body: ArticleIn, pool: Pool, request: Request) -> JSONResponse:
    """Read, analyse and store one article as `newsdesk ingest` does: an exact copy of a stored article is
    not stored again (200, the stored id); a near copy is stored linked to its first copy; any other
    article joins a story and its events join the desk's events. A `url` given alone is fetched (public
    addresses only, unless the server was started with `--allow-private-fetch`)."""
    fetched(body, request)
    raw = body.html if body.html is not None else body.text
    if len(raw) > model_limit():  # only then can the article's text be over it: read it to know
        from newsdesk.read import read

        check_length(read(raw, url=body.url, name="<request>").text)
    # the thread's own desk: Desk.add analyses outside any lock and stores in one transaction, so articles
    # posted at once are analysed side by side and copies are still found across requests
    added = pool.reader().add(text=body.text, html=body.html, published=body.published_text, url=body.url)
    status = 201 if added["new"] else 200
    return JSONResponse(added, status_code=status, headers={"Location": f"/v1/articles/{added['id']}"})


def fetched(body: ArticleIn, request: Request) -> None:
    """Fill ``body.html`` (and the final ``url``) from the page when only a URL was given."""
    if body.text is None and body.html is None and body.url:
        from newsdesk.web.fetching import fetch_page

        body.html, body.url = fetch_page(body.url, allow_private=request.app.state.allow_private_fetch)


def model_limit() -> int:
    """The longest text (characters) the language model parses."""
    from newsdesk.language.nlp import load_nlp

    return load_nlp().max_length


def check_length(text: str) -> None:
    """An article text longer than the model parses is bad input (413), not a crash in the parser."""
    if len(text) > (limit := model_limit()):
        raise InputTooLarge(f"the article's text is {len(text):,} characters, over the {limit:,} the language "
                            "model parses", source="<request>")


@router.get("/articles", tags=["articles"], summary="Stored articles, newest first",
            response_model=list[ArticleSummary], responses=problems(422))
def list_articles(pool: Pool,
                  limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                  offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
                  story: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only this story's.")] = None,
                  ) -> list[dict]:
    """Stored articles by published date (newest first; undated last), near copies included
    (`duplicate_of` set)."""
    return pool.reader().articles(limit, offset, story=story)


@router.get("/articles/{article_id}", tags=["articles"], summary="One stored article with its analysis",
            response_model=StoredArticle, responses=problems(404, 422))
def get_article(article_id: ArticleId, pool: Pool) -> JSONResponse:
    """The stored article's fields and its full `newsdesk.analysis/1` JSON."""
    return JSONResponse(pool.reader().article(article_id))


def install(app: FastAPI) -> None:
    """Add the /v1 routes and the problem+json error handlers to ``app`` (the size limit is ``create_app``'s)."""
    from newsdesk.web import api_desk, api_sources

    install_handlers(app)
    app.include_router(router)
    app.include_router(api_desk.router)
    app.include_router(api_sources.router)
    _problem_responses_in_openapi(app)


def _problem_responses_in_openapi(app: FastAPI) -> None:
    """In ``/openapi.json``, every error response is ``application/problem+json`` with the Problem schema
    (FastAPI documents its own 422 as ``application/json`` HTTPValidationError; ours is a problem)."""
    from fastapi.openapi.utils import get_openapi

    problem_ref = {"$ref": "#/components/schemas/Problem"}

    def openapi() -> dict:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            for operation in (op for item in spec.get("paths", {}).values() for op in item.values()):
                for status, response in operation.get("responses", {}).items():
                    if status.isdigit() and int(status) >= 400:
                        response["content"] = {"application/problem+json": {"schema": problem_ref}}
            schemas = spec.get("components", {}).get("schemas", {})
            for unused in ("HTTPValidationError", "ValidationError"):
                schemas.pop(unused, None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi

