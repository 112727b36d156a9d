"""The desk's live sources under ``/v1/sources``: list, follow, stop following (``desk.sources``).

A source added here is checked now: a URL that is not http(s), or whose host has a loopback, private or
link-local address, is refused (422, ``E141``) unless the server runs with ``--allow-private-fetch``.
``newsdesk serve --watch`` (or ``newsdesk watch`` beside it) polls them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse

from newsdesk.web.api_models import MAX_ID, Source, SourceAdded, SourceIn, problems
from newsdesk.web.pool import DeskPool, desks
from newsdesk.web.problems import ApiProblem

router = APIRouter(prefix="/v1")
Pool = Annotated[DeskPool, Depends(desks)]


@router.get("/sources", tags=["sources"], summary="Followed sources", response_model=list[Source])
def sources(pool: Pool) -> list[dict]:
    """Every source with its last poll: status, new articles, failures (`[{"input", "reason"}]`)."""
    from newsdesk.desk.sources import list_sources

    return list_sources(pool.reader().store)


@router.post("/sources", tags=["sources"], summary="Follow a source", status_code=201, response_model=SourceAdded,
             responses={200: {"model": SourceAdded, "description": "Followed already: its interval and topic are "
                                                                   "updated."}, **problems(400, 413, 422)})
def add(body: SourceIn, pool: Pool, request: Request) -> JSONResponse:
    """Follow a feed, a (news) sitemap, a site's home page or an article page, polled every `every`."""
    from newsdesk.desk.sources import add_source

    with pool.writer() as desk:
        added = add_source(desk.store, body.url, every=body.every, topic=body.topic,
                           allow_private=request.app.state.allow_private_fetch)
    return JSONResponse(added, status_code=201 if added["new"] else 200,
                        headers={"Location": f"/v1/sources/{added['source']['id']}"})


@router.delete("/sources/{source_id}", tags=["sources"], summary="Stop following a source", status_code=204,
               responses=problems(404, 422))
def remove(source_id: Annotated[int, Path(ge=1, le=MAX_ID)], pool: Pool) -> Response:
    """Stop following the source; the articles it brought stay. 404 when there is no such source."""
    from newsdesk.desk.sources import SourceNotFound, remove_source

    with pool.writer() as desk:
        try:
            remove_source(desk.store, source_id)
        except SourceNotFound as exc:
            raise ApiProblem(404, f"no source {source_id}", code=exc.code) from exc
    return Response(status_code=204)
