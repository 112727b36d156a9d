"""The sources page: the feeds, sitemaps and sites the desk follows, each with its last poll, and a form to add
one (checked as the API checks it: http(s) only, no private address unless ``--allow-private-fetch``)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk.errors import NewsdeskError
from newsdesk.web.page_kit import error_page, open_desk, page, same_origin, status_of

router = APIRouter(include_in_schema=False)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request) -> HTMLResponse:
    return page(request, "sources.html", rows=_rows(request), error=None, form={},
                done=request.query_params.get("done"), watching=request.app.state.watching)


@router.post("/sources/add", response_class=HTMLResponse)
def add(request: Request, url: Annotated[str, Form()] = "", every: Annotated[str, Form()] = "15m",
        topic: Annotated[str, Form()] = "") -> Response:
    if not same_origin(request):
        return error_page(request, 403, "This form was posted from another site.")
    from newsdesk.desk.sources import add_source

    try:
        with open_desk(request, write=True) as desk:
            added = add_source(desk.store, url, every=every or "15m", topic=topic.strip() or None,
                               allow_private=request.app.state.allow_private_fetch)
    except NewsdeskError as exc:
        return page(request, "sources.html", status=status_of(exc), rows=_rows(request), error=exc.message,
                    form={"url": url, "every": every, "topic": topic}, done=None,
                    watching=request.app.state.watching)
    done = f"{'Following' if added['new'] else 'Updated'} {added['source']['url']}"
    return RedirectResponse(f"/sources?done={quote(done)}", status_code=303)


def _rows(request: Request) -> list[dict]:
    from newsdesk.desk.sources import list_sources

    with open_desk(request) as desk:
        return list_sources(desk.store)
