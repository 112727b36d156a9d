"""The server-rendered web pages: paste or upload an article and read its analysis; the stored articles.

The desk's pages (stories, tally, topics, digest, search) are in ``pages_desk.py``. Every page is a Jinja2
template with autoescape on; the article body is built by ``highlight.py`` from escaped slices. Each page
carries a Content-Security-Policy that allows no inline script and nothing from another origin.
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk.errors import BadOption, InputEmpty, InputError, InputTooLarge, NewsdeskError
from newsdesk.web.highlight import ENTITY_CLASSES, entity_class, highlight

TEMPLATES = Path(__file__).with_name("templates")
PAGE_SIZE = 50
MAX_UPLOAD = 5_000_000  # bytes; the API's request size limit may be smaller
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY"}
NAV = (("/", "Analyse"), ("/articles", "Articles"), ("/stories", "Stories"), ("/tally", "Tally"),
       ("/topics", "Topics"), ("/sources", "Sources"), ("/digest", "Digest"), ("/search", "Search"))

API_PATHS = ("/v1", "/openapi.json", "/docs", "/redoc")

router = APIRouter(include_in_schema=False)


def install(app: FastAPI) -> None:
    """Add the HTML pages to ``app``, and HTML error pages for every path outside the API."""
    from newsdesk.web import pages_desk, pages_sources

    app.include_router(router)
    app.include_router(pages_desk.router)
    app.include_router(pages_sources.router)
    install_error_pages(app)


def is_api(path: str) -> bool:
    return path.startswith(API_PATHS)


def install_error_pages(app: FastAPI) -> None:
    """Wrap the app's error handlers (the API's problem+json ones): a page gets an HTML error page with the
    same status, the API what it had. No traceback is ever shown."""
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    def wrap(cls, make):
        previous = app.exception_handlers.get(cls)

        async def handler(request: Request, exc: Exception):
            if is_api(request.url.path) and previous is not None:
                return await previous(request, exc)
            return make(request, exc)

        app.add_exception_handler(cls, handler)

    wrap(HTTPException, lambda request, exc: error_page(
        request, exc.status_code, "There is no such page." if exc.status_code == 404 else str(exc.detail),
        "Not found" if exc.status_code == 404 else "Something is wrong"))
    wrap(RequestValidationError, lambda request, exc: error_page(request, 400, "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}" for e in exc.errors())))
    wrap(NewsdeskError, lambda request, exc: error_page(request, status_of(exc), exc.message))
    wrap(Exception, internal_error)


def internal_error(request: Request, exc: Exception) -> HTMLResponse:
    logging.getLogger("newsdesk.web").error("unexpected error on %s %s", request.method, request.url.path,
                                            exc_info=exc)
    return error_page(request, 500, "Something went wrong on our side; the server's log has the details.",
                      "Internal error")


# ---- rendering -------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def environment():
    """Jinja2 with autoescape on for every template: every value printed is escaped unless it is Markup."""
    from jinja2 import ChainableUndefined, Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=ChainableUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["http_url"] = http_url
    env.filters["day"] = lambda value: (value or "")[:10]
    env.filters["figure"] = figure
    env.filters["entity_class"] = entity_class
    env.globals["nav"] = NAV
    return env


def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    """A page rendered from ``template`` with the security headers."""
    path = request.url.path
    html = environment().get_template(template).render(request=request, path=path, **context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def error_page(request: Request, status: int, message: str, title: str = "Something is wrong") -> HTMLResponse:
    return page(request, "error.html", status=status, title=title, message=message)


def status_of(exc: NewsdeskError) -> int:
    """The API's status for the error (``problems.status_of``), but 404 for a missing story and 400 for a
    malformed option, which a page shows beside the form that sent it."""
    from newsdesk.web.problems import status_of as api_status

    if isinstance(exc, InputError) and exc.message.startswith("no story"):
        return 404
    if isinstance(exc, BadOption):
        return 400
    return api_status(exc)


def http_url(url: str | None) -> str:
    """The URL if it is http(s), else "": a ``javascript:`` URL in an article is shown as text, never a link."""
    text = (url or "").strip()
    return text if re.fullmatch(r"https?://[^\s<>\"']+", text, re.IGNORECASE) else ""


def figure(merged, none: str = "—") -> str:
    """A number (whole ones without ".0"), or a merged figure ``{"value", "min", "max"}`` as "value (min–max)";
    ``none`` for no figure. Anything else is shown as its text."""
    if isinstance(merged, dict):
        low, high = merged.get("min"), merged.get("max")
        spread = (f" ({figure(low)}–{figure(high)})" if isinstance(low, int | float) and isinstance(high, int | float)
                  and low != high else "")
        return figure(merged.get("value"), none) + spread if merged.get("value") is not None else none
    if merged is None or merged == "" or not isinstance(merged, int | float | str):
        return none
    if isinstance(merged, float) and merged.is_integer():
        merged = int(merged)
    return f"{merged:,}" if isinstance(merged, int | float) and not isinstance(merged, bool) else str(merged)


@contextmanager
def open_desk(request: Request, *, write: bool = False) -> Iterator:
    """The app's desk for this request: the thread's reader from the app's pool (``app.state.desks``), or the
    pool's writer under its lock; without a pool, the store ``app.state.db`` opened for the request."""
    pool = getattr(request.app.state, "desks", None)
    if pool is not None:
        if write:
            with pool.writer() as desk:
                yield desk
        else:
            yield pool.reader()
        return
    from newsdesk.desk import Desk

    desk = Desk(request.app.state.db)
    try:
        yield desk
    finally:
        desk.close()


def same_origin(request: Request) -> bool:
    """A form POST from a page of this site (or from a client that sends no Origin): a second line against
    another site's page posting to a desk on localhost."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
    return urlsplit(origin).netloc == request.headers.get("host", "")  # the scheme may differ behind a proxy


# ---- analyse ---------------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    return page(request, "index.html", form={}, error=None)


@router.post("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request, text: Annotated[str, Form()] = "",
                 file: Annotated[UploadFile | None, File()] = None, published: Annotated[str, Form()] = "",
                 url: Annotated[str, Form()] = "", store: Annotated[str, Form()] = "") -> Response:
    """Analyse a pasted or uploaded article; with ``store`` store it and show its page."""
    form = {"text": text, "published": published, "url": url, "store": bool(store)}
    if not same_origin(request):
        return error_page(request, 403, "This form was posted from another site.")
    try:
        day = check_published(published)
        link = check_url(url)
        fetched = link is not None and not text.strip() and not (file is not None and file.filename)
        if fetched:  # a URL alone: the server fetches the page (fetching.fetch_page: no private addresses)
            from newsdesk.web.fetching import fetch_page

            raw, link = fetch_page(link, allow_private=request.app.state.allow_private_fetch)
            name = link
        else:
            raw, name = article_input(text, file)
        if store:
            body = as_text(raw)
            check_length(body, name)
            with open_desk(request, write=True) as desk:
                added = (desk.add(html=body, published=day, url=link) if fetched
                         else desk.add(text=body, published=day, url=link))
            return RedirectResponse(f"/articles/{added['id']}?added={'new' if added['new'] else 'known'}", 303)
        analysis = analyse(raw, name=name, published=day, url=link)
    except NewsdeskError as exc:
        return page(request, "index.html", status=status_of(exc), form=form, error=exc.message)
    return article_page(request, analysis, stored=None)


def check_published(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadOption(f"the published date must be YYYY-MM-DD, not {value!r}", source="published") from None


def check_url(value: str) -> str | None:
    value = value.strip()
    if value and not http_url(value):
        raise BadOption("the URL must start with http:// or https://", source="url")
    return value or None


def article_input(text: str, file: UploadFile | None) -> tuple[bytes | str, str]:
    """The uploaded file's bytes if one was chosen, else the pasted text; empty input is an error."""
    if file is not None and file.filename:
        raw = file.file.read(MAX_UPLOAD + 1)
        if len(raw) > MAX_UPLOAD:
            raise InputTooLarge(f"the file is larger than {MAX_UPLOAD // 1_000_000} MB", source=file.filename)
        if raw.strip():
            return raw, file.filename
        raise InputEmpty("the uploaded file is empty", source=file.filename)
    if not text.strip():
        raise InputEmpty("paste an article's text or HTML, choose a file, or give its URL", source="article")
    return text, "pasted article"


def as_text(raw: bytes | str) -> str:
    """Uploaded bytes as text for the store: gunzipped, UTF-8 else Windows-1252."""
    if isinstance(raw, str):
        return raw
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise InputError(f"a broken gzip file ({exc})", source="file") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def check_length(text: str, name: str) -> None:
    """A text longer than the language model parses is refused (413) before it reaches the parser."""
    from newsdesk.language.nlp import load_nlp

    if len(text) > (limit := load_nlp().max_length):
        raise InputTooLarge(f"the article's text is {len(text):,} characters, over the {limit:,} the language "
                            "model parses", source=name)


def analyse(raw: bytes | str, *, name: str, published: str | None, url: str | None) -> dict:
    """Read and analyse without storing: the ``newsdesk.analysis/1`` dict."""
    from newsdesk import read
    from newsdesk.pipeline import analyze

    article = read(raw, url=url, published=published, name=name)
    check_length(article.text, name)
    if not article.text.strip():
        reason = (article.diagnostics.reason if getattr(article, "diagnostics", None) else None) or "no body found"
        raise InputEmpty(f"no article text could be read ({reason})", source=name)
    return analyze(article, published=published, url=url).to_dict()


def article_page(request: Request, analysis: dict, stored: dict | None, status: int = 200) -> HTMLResponse:
    """The analysed article: key points on top, the highlighted body, quotes, entities, numbers, dates, events."""
    return page(request, "article.html", status=status, a=analysis, art=analysis.get("article") or {},
                body=highlight(analysis), stored=stored, entity_groups=entity_groups(analysis),
                legend=sorted(set(ENTITY_CLASSES.values())), added=request.query_params.get("added"))


def entity_groups(analysis: dict) -> list[dict]:
    """Entities by colour class, the most mentioned first: ``[{"cls", "types", "entities"}]``."""
    groups: dict[str, dict] = {}
    for ent in analysis.get("entities") or []:
        cls = entity_class(ent.get("type"))
        group = groups.setdefault(cls, {"cls": cls, "types": set(), "entities": []})
        group["types"].add(ent.get("type") or "?")
        group["entities"].append(ent)
    order = ["ent-person", "ent-org", "ent-place", "ent-group", "ent-other"]
    out = sorted(groups.values(), key=lambda g: order.index(g["cls"]) if g["cls"] in order else 99)
    for g in out:
        g["types"] = ", ".join(sorted(g["types"]))
        g["entities"].sort(key=lambda e: -len(e.get("mentions") or []))
    return out


# ---- stored articles -------------------------------------------------------------------------------------

@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, page_number: int = 1) -> HTMLResponse:
    number = max(1, page_number)
    with open_desk(request) as desk:
        rows = desk.articles(limit=PAGE_SIZE + 1, offset=(number - 1) * PAGE_SIZE)
        stats = desk.stats()
    return page(request, "articles.html", rows=rows[:PAGE_SIZE], number=number, more=len(rows) > PAGE_SIZE,
                stats=stats)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    if not article_id.isdigit():
        return error_page(request, 404, f"There is no article {article_id!r}: an article id is a number.",
                          "Not found")
    try:
        with open_desk(request) as desk:
            found = desk.article(int(article_id))
    except NewsdeskError as exc:
        if status_of(exc) == 404:
            return error_page(request, 404, f"There is no article {article_id}.", "Not found")
        raise
    return article_page(request, found["analysis"], stored=found)
