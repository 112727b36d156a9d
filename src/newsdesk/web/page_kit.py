"""What every web page shares: the Jinja2 environment (autoescape on) and the page with its security headers,
HTML error pages, the desk of a request, the same-origin check of forms, and the filters templates use.

``pages`` (analyse, articles), ``pages_desk`` (stories, tally, topics, digest, search) and ``pages_sources``
stand above it. Each page carries a Content-Security-Policy that allows no inline script and nothing from
another origin.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from newsdesk.errors import BadOption, InputError, NewsdeskError
from newsdesk.web.highlight import entity_class

TEMPLATES = Path(__file__).with_name("templates")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY"}
NAV = (("/", "Analyse"), ("/articles", "Articles"), ("/stories", "Stories"), ("/tally", "Tally"),
       ("/topics", "Topics"), ("/sources", "Sources"), ("/digest", "Digest"), ("/search", "Search"))

API_PATHS = ("/v1", "/openapi.json", "/docs", "/redoc")


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
