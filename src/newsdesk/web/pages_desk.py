"""The desk's pages: stories and a story's timeline, the tally dashboard, topics, the digest preview, search."""

from __future__ import annotations

import json
import re
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from newsdesk.errors import NewsdeskError
from newsdesk.web.page_kit import error_page, open_desk, page, same_origin, status_of
from newsdesk.web.pages_chart import tally_chart

router = APIRouter(include_in_schema=False)
PERIODS = ("day", "week", "month")
SINCE_CHOICES = (("1d", "the last day"), ("7d", "the last week"), ("30d", "the last 30 days"),
                 ("365d", "the last year"))


# ---- stories ---------------------------------------------------------------------------------------------

@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request) -> HTMLResponse:
    with open_desk(request) as desk:
        rows = desk.stories(limit=200)
    return page(request, "stories.html", rows=rows)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    missing = error_page(request, 404, f"There is no story {story_id!r}.", "Not found")
    if not story_id.isdigit():
        return missing
    try:
        with open_desk(request) as desk:
            found = desk.story(int(story_id))
    except NewsdeskError as exc:
        if status_of(exc) in (404, 422):
            return missing
        raise
    return page(request, "story.html", s=found)


# ---- tally -----------------------------------------------------------------------------------------------

@router.get("/tally", response_class=HTMLResponse)
def tally(request: Request, by: str = "month", weapon: str = "", since: str = "", until: str = "") -> HTMLResponse:
    """Attacks per day, week or month with launched and intercepted per weapon kind: a chart and the table."""
    from newsdesk.desk.event_keys import KINDS

    form = {"by": by, "weapon": weapon, "since": since, "until": until}
    context = {"form": form, "periods": PERIODS, "kinds": KINDS, "result": None, "chart": None, "records": [],
               "error": None}
    try:
        with open_desk(request) as desk:
            result = desk.tally(what="attacks", by=by, weapon=weapon or None, since=since or None,
                                until=until or None)
            records = desk.records(limit=3)
    except NewsdeskError as exc:
        return page(request, "tally.html", status=status_of(exc), **{**context, "error": exc.message})
    return page(request, "tally.html", **{**context, "result": result, "chart": tally_chart(result),
                                          "records": records})


# ---- topics ----------------------------------------------------------------------------------------------

@router.get("/topics", response_class=HTMLResponse)
def topics(request: Request) -> HTMLResponse:
    with open_desk(request) as desk:
        rows = desk.topics()
    return page(request, "topics.html", rows=rows, error=None, form={}, done=request.query_params.get("done"))


@router.post("/topics/follow", response_class=HTMLResponse)
def follow(request: Request, topic: Annotated[str, Form()] = "", kind: Annotated[str, Form()] = "",
           back: Annotated[str, Form()] = "/topics") -> Response:
    return _change(request, "follow", topic, kind or None, back)


@router.post("/topics/unfollow", response_class=HTMLResponse)
def unfollow(request: Request, topic: Annotated[str, Form()] = "",
             back: Annotated[str, Form()] = "/topics") -> Response:
    return _change(request, "unfollow", topic, None, back)


def _change(request: Request, verb: str, topic: str, kind: str | None, back: str) -> Response:
    """Follow or unfollow, then redirect back (303) to the page the form was on."""
    if not same_origin(request):
        return error_page(request, 403, "This form was posted from another site.")
    from newsdesk.desk.topics import follow as follow_topic
    from newsdesk.desk.topics import normalise

    try:
        with open_desk(request, write=True) as desk:
            if verb == "follow":
                follow_topic(desk.store, topic, kind)  # Desk.follow has no kind
                done = f"Following {normalise(topic)}"
            else:
                done = (f"Stopped following {normalise(topic)}" if desk.unfollow(topic)
                        else f"{normalise(topic)} was not followed")
    except NewsdeskError as exc:
        return page(request, "topics.html", status=status_of(exc), rows=rows_or_empty(request), error=exc.message,
                    form={"topic": topic, "kind": kind or ""}, done=None)
    target = back if re.fullmatch(r"/(?!/)[\w/?=&%.~+-]*", back or "") else "/topics"
    joiner = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{joiner}done={_quote(done)}" if target.startswith("/topics") else target,
                            status_code=303)


def rows_or_empty(request: Request) -> list[dict]:
    try:
        with open_desk(request) as desk:
            return desk.topics()
    except NewsdeskError:
        return []


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


# ---- digest ----------------------------------------------------------------------------------------------

@router.get("/digest", response_class=HTMLResponse)
def digest(request: Request, topic: str = "", since: str = "7d") -> HTMLResponse:
    """What the followed topics' (or one topic's) articles said since a date, grouped by story."""
    context = {"form": {"topic": topic, "since": since}, "choices": SINCE_CHOICES, "d": None, "error": None}
    try:
        with open_desk(request) as desk:
            context["topics"] = desk.topics()
            context["d"] = json.loads(desk.digest(topic=topic.strip() or None, since=since.strip() or "7d",
                                                  fmt="json"))
    except NewsdeskError as exc:
        context.setdefault("topics", [])
        return page(request, "digest.html", status=status_of(exc), **{**context, "error": exc.message})
    return page(request, "digest.html", **context)


# ---- search ----------------------------------------------------------------------------------------------

@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> HTMLResponse:
    hits, error = [], None
    if q.strip():
        try:
            with open_desk(request) as desk:
                hits = desk.search(q, limit=50)
        except NewsdeskError as exc:
            error = exc.message
    return page(request, "search.html", status=400 if error else 200, q=q, hits=hits, error=error,
                snippet=snippet)


def snippet(text: str) -> Markup:
    """A search snippet with its ``[match]`` markers as ``<mark>``; every slice of text escaped first."""
    out, pos = [], 0
    for m in re.finditer(r"\[([^\[\]]*)\]", text or ""):
        out.append(str(escape(text[pos:m.start()])))
        out.append(f"<mark>{escape(m[1])}</mark>")
        pos = m.end()
    out.append(str(escape((text or "")[pos:])))
    return Markup("".join(out))
