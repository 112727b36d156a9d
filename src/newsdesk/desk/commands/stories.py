"""``newsdesk stories`` (the latest stories) and ``newsdesk story ID`` (one story's timeline)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from newsdesk.desk.commands import DbOpt, open_desk

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a readable view.")]


def stories(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", help="At most this many stories, latest first.")] = 50,
) -> None:
    """Stories: articles about the same happening, latest first, with their dates, size and names."""
    with open_desk(db) as desk:
        found = desk.stories(limit=limit)
    if as_json:
        _print_json(found)
        return
    if not found:
        print("no stories yet (newsdesk ingest FILES stores articles and groups them)")
    for story in found:
        dates = _span(story["first_published"], story["last_published"])
        size = f"{story['articles']} article" + ("" if story["articles"] == 1 else "s")
        print(f"#{story['id']}  {story['title']}")
        print(f"     {', '.join(x for x in (dates, size, ', '.join(story['entities'])) if x)}")


def story(
    story_id: Annotated[int, typer.Argument(help="The story's id (newsdesk stories lists them).")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One story's timeline: its articles by date, each with publisher and key points."""
    with open_desk(db) as desk:
        found = desk.story(story_id)
    if as_json:
        _print_json(found)
        return
    print(f"#{found['id']}  {found['title']}")
    print(f"     {_span(found['first_published'], found['last_published'])}  {', '.join(found['entities'])}")
    for item in found["timeline"]:
        where = " · ".join(x for x in ((item["published"] or "undated")[:10], item["publisher"]) if x)
        print(f"\n  {where}  [article #{item['id']}]")
        print(f"  {item['headline'] or '(no headline)'}")
        for point in item["key_points"]:
            print(f"    • {point}")


def register(app: typer.Typer) -> None:
    app.command("stories")(stories)
    app.command("story")(story)


def _span(first: str | None, last: str | None) -> str:
    first, last = (first or "")[:10], (last or "")[:10]
    return first if first == last else f"{first} – {last}"


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
