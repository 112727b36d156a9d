"""The desk's answers under ``/v1``: stories, events, tallies, records, search, topics, digests, stats.

Each endpoint is the ``Desk`` verb of the same name (``docs/desk.md``) with its options as query
parameters; bad values (a malformed date, an unknown weapon) are the desk's own ``BadOption`` → 422.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response
from fastapi.responses import JSONResponse

from newsdesk.errors import InputError
from newsdesk.web.api_models import MAX_ID, SearchHit, Stats, Story, StoryTimeline, Topic, TopicIn, problems
from newsdesk.web.pool import DeskPool, desks
from newsdesk.web.problems import ApiProblem

router = APIRouter(prefix="/v1")
Pool = Annotated[DeskPool, Depends(desks)]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many.")]
Day = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD or YYYY-MM.")]

DIGEST_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
                "atom": "application/atom+xml; charset=utf-8", "json": "application/json"}


@router.get("/stories", tags=["desk"], summary="Stories, latest first", response_model=list[Story],
            responses=problems(422))
def stories(pool: Pool, limit: Limit = 50) -> list[dict]:
    """Articles about the same happening grouped: each story with its title, dates, publishers and the names
    its articles share."""
    return pool.reader().stories(limit=limit)


@router.get("/stories/{story_id}", tags=["desk"], summary="One story and its timeline",
            response_model=StoryTimeline, responses=problems(404, 422))
def story(story_id: Annotated[int, Path(ge=1, le=MAX_ID)], pool: Pool) -> dict:
    """The story's articles by published date, each with headline, publisher and key points."""
    try:
        return pool.reader().story(story_id)
    except InputError as exc:
        if exc.source == "story":  # the desk's "no story N"
            raise ApiProblem(404, exc.message, code="E305") from exc
        raise


@router.get("/events", tags=["desk"], summary="Desk events, latest first", response_model=list[dict[str, Any]],
            responses=problems(422))
def events(pool: Pool,
           type: Annotated[str | None, Query(max_length=40, description="attack, diplomacy, prisoner_exchange, "  # noqa: A002
                                                                         "aid, territorial_claim …")] = None,
           since: Annotated[str | None, Query(alias="from", max_length=10, description="YYYY-MM-DD or YYYY-MM.")]
           = None,
           until: Annotated[str | None, Query(alias="to", max_length=10, description="YYYY-MM-DD or YYYY-MM.")]
           = None,
           limit: Limit = 100) -> JSONResponse:
    """One event however many articles tell it, with all its sources and the spread of their figures
    (`docs/desk.md`)."""
    return JSONResponse(pool.reader().events(type=type, since=since, until=until, limit=limit))


@router.get("/tally", tags=["desk"], summary="Attacks per day, week or month", response_model=dict[str, Any],
            responses=problems(422))
def tally(pool: Pool,
          what: Literal["attacks"] = "attacks",
          by: Literal["day", "week", "month"] = "month",
          weapon: Annotated[str | None, Query(max_length=40, description="drone, missile, guided bomb, rocket, "
                                                                         "artillery, aircraft, mixed")] = None,
          since: Annotated[str | None, Query(alias="from", max_length=10, description="YYYY-MM-DD or YYYY-MM.")]
          = None,
          until: Annotated[str | None, Query(alias="to", max_length=10, description="YYYY-MM-DD or YYYY-MM.")]
          = None,
          actor: Annotated[str | None, Query(max_length=200, description="Only this attacker's attacks.")] = None,
          ) -> JSONResponse:
    """A row a period with the number of attacks (desk events, each once) and the launched and intercepted
    totals per weapon kind; period totals ("6,297 drones in July") listed apart."""
    return JSONResponse(pool.reader().tally(what=what, by=by, weapon=weapon, since=since, until=until,
                                            actor=actor))


@router.get("/records", tags=["desk"], summary="The largest attacks so far", response_model=list[dict[str, Any]],
            responses=problems(422))
def records(pool: Pool,
            as_of: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD: nights up to this day.")]
            = None,
            limit: Annotated[int, Query(ge=1, le=100)] = 5) -> JSONResponse:
    """By attack total, by drones and by missiles: the top attacks and the progression of records."""
    return JSONResponse(pool.reader().records(as_of=as_of, limit=limit))


@router.get("/search", tags=["desk"], summary="Full-text search", response_model=list[SearchHit],
            responses=problems(422))
def search(pool: Pool,
           q: Annotated[str, Query(min_length=1, max_length=500, description='Words, "phrases", OR, NOT, prefix*.')],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> list[dict]:
    """Articles matching the query in headline, text, key points or quotes, best first, with snippets."""
    return pool.reader().search(q, limit=limit)


@router.get("/topics", tags=["topics"], summary="Followed topics", response_model=list[Topic])
def topics(pool: Pool) -> list[dict]:
    return pool.reader().topics()


@router.post("/topics", tags=["topics"], summary="Follow a topic", status_code=201, response_model=Topic,
             responses={200: {"model": Topic, "description": "Followed already."}, **problems(400, 413, 422)})
def follow(body: TopicIn, pool: Pool) -> JSONResponse:
    """Follow an entity, a keyword or a search query (its kind guessed unless given); following it again
    keeps one topic (200)."""
    from newsdesk.desk.topics import follow as follow_topic

    with pool.writer() as desk:
        topic = follow_topic(desk.store, body.topic, body.kind)
    return JSONResponse(topic, status_code=201 if topic["new"] else 200)


@router.delete("/topics/{topic:path}", tags=["topics"], summary="Unfollow a topic", status_code=204,
               responses=problems(404, 422))
def unfollow(topic: Annotated[str, Path(min_length=1, max_length=500)], pool: Pool) -> Response:
    """Stop following the topic (case does not matter); 404 when it was not followed."""
    with pool.writer() as desk:
        if not desk.unfollow(topic):
            raise ApiProblem(404, f"not following {topic!r}", code="E306")
    return Response(status_code=204)


@router.get("/digest", tags=["topics"], summary="The newsletter of a topic",
            responses={200: {"description": "The digest in the format asked for.",
                             "content": {kind.split(";")[0]: {"schema": {"type": "object" if f == "json" else "string"}}
                                         for f, kind in DIGEST_TYPES.items()}},
                       **problems(422)})
def digest(pool: Pool,
           topic: Annotated[str | None, Query(max_length=500, description="Else every stored article.")] = None,
           since: Annotated[str, Query(max_length=20, description="12h, 1d, 2w or YYYY-MM-DD.")] = "1d",
           format: Literal["md", "html", "atom", "json"] = "md") -> Response:  # noqa: A002 - the CLI's word
    """Stories with each article's headline, key points, top quotes and numbers, since a time: Markdown,
    HTML (an email's body), an Atom feed, or JSON."""
    text = pool.reader().digest(topic=topic, since=since, fmt=format)
    return Response(text, media_type=DIGEST_TYPES[format])


@router.get("/stats", tags=["desk"], summary="What the desk holds", response_model=Stats)
def stats(pool: Pool) -> dict:
    """Counts of articles, near copies, stories, events and topics, and the dates covered."""
    result = pool.reader().stats()
    result.pop("path", None)  # the server's file layout is none of the client's business
    return result
