"""``newsdesk follow "TOPIC"``, ``unfollow``, ``topics`` and ``newsdesk digest`` (Markdown, HTML, Atom, email)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsdesk.desk.commands import DbOpt, open_desk

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a readable view.")]
TopicArg = Annotated[str, typer.Argument(help='A name ("Harlow Chemicals"), words ("port fire") or a search query.')]


def follow(
    topic: TopicArg,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    kind: Annotated[str | None, typer.Option("--kind", help="entity | keyword | query (else guessed).")] = None,
) -> None:
    """Follow a topic: an entity, a keyword or a search query; the digest gathers what matches it."""
    from newsdesk.desk.topics import follow as follow_topic

    with open_desk(db) as desk:
        row = follow_topic(desk.store, topic, kind=kind)
    if as_json:
        _print_json(row)
    else:
        print(f"{'following' if row['new'] else 'already following'} {row['query']!r} ({row['kind']})")


def unfollow(topic: TopicArg, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Stop following a topic; not following it is bad input (exit 2)."""
    from newsdesk.errors import InputError

    with open_desk(db) as desk:
        removed = desk.unfollow(topic)
    if not removed:
        raise InputError(f"not following {topic!r} (newsdesk topics lists what you follow)", source="unfollow")
    if as_json:
        _print_json({"query": topic, "removed": True})
    else:
        print(f"stopped following {topic!r}")


def topics(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """The topics you follow."""
    with open_desk(db) as desk:
        rows = desk.topics()
    if as_json:
        _print_json(rows)
        return
    if not rows:
        print('following nothing yet (newsdesk follow "TOPIC")')
    for row in rows:
        print(f"{row['query']}  ({row['kind']}, since {row['created_at'][:10]})")


def digest(
    db: DbOpt = None,
    topic: Annotated[str | None, typer.Option("--topic", help="One topic (else every followed topic).")] = None,
    since: Annotated[str, typer.Option("--since", help="12h, 1d, 2w or YYYY-MM-DD.")] = "1d",
    fmt: Annotated[str, typer.Option("--format", help="md | html | atom | json.")] = "md",
    out: Annotated[Path | None, typer.Option("--out", help="Write the digest to this file.")] = None,
    send_to: Annotated[str | None, typer.Option("--send-to", help="Email it (HTML + text) via $NEWSDESK_SMTP.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The digest as data (same as --format json).")] = False,
) -> None:
    """The newsletter: a topic's articles since a date, grouped by story, with key points, quotes and numbers."""
    from newsdesk.desk.digest import FORMATS, digest_data, parse_since, render
    from newsdesk.desk.mail import mail_digest, smtp_server
    from newsdesk.errors import BadOption

    fmt = "json" if as_json else fmt
    if fmt not in FORMATS:
        raise BadOption(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}", source="--format")
    parse_since(since)  # a bad value is bad input before the store is opened
    if send_to is not None:
        smtp_server()  # no $NEWSDESK_SMTP: exit 2 before any work
    with open_desk(db) as desk:
        data = digest_data(desk.store, topic=topic, since=since)
    if send_to is not None:
        mail_digest(data, send_to)
        print(f"sent {data['title']!r} ({len(data['stories'])} stories, {data['articles']} articles) to {send_to}",
              file=sys.stderr)
    text = render(data, fmt)
    if out is not None:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise BadOption(f"cannot write {out} ({exc.strerror or exc})", source="--out") from exc
    elif send_to is None:
        sys.stdout.write(text)


def register(app: typer.Typer) -> None:
    app.command("follow")(follow)
    app.command("unfollow")(unfollow)
    app.command("topics")(topics)
    app.command("digest")(digest)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
