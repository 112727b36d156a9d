"""The server-rendered web pages: paste or upload an article and read its analysis; the stored articles.

The desk's pages (stories, tally, topics, digest, search) are in ``pages_desk.py``, the sources page in
``pages_sources.py``, and what every page shares (templates, security headers, error pages, the request's
desk) in ``page_kit.py``, below them all. The article body is built by ``highlight.py`` from escaped slices.
"""

from __future__ import annotations

import gzip
from datetime import date
from typing import Annotated

from fastapi import APIRouter, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk.errors import BadOption, InputEmpty, InputError, InputTooLarge, NewsdeskError
from newsdesk.web import pages_desk, pages_sources
from newsdesk.web.highlight import ENTITY_CLASSES, entity_class, highlight
from newsdesk.web.page_kit import (
    error_page,
    http_url,
    install_error_pages,
    open_desk,
    page,
    same_origin,
    status_of,
)

PAGE_SIZE = 50
MAX_UPLOAD = 5_000_000  # bytes; the API's request size limit may be smaller

router = APIRouter(include_in_schema=False)


def install(app: FastAPI) -> None:
    """Add the HTML pages to ``app``, and HTML error pages for every path outside the API."""
    app.include_router(router)
    app.include_router(pages_desk.router)
    app.include_router(pages_sources.router)
    install_error_pages(app)


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
            with open_desk(request) as desk:  # Desk.add takes its own turn to store (see the API's add)
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
