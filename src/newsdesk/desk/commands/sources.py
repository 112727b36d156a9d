"""``newsdesk sources add|list|remove`` and ``newsdesk watch``: the live sources a desk follows.

``watch`` polls every due source until Ctrl-C (or SIGTERM) — the article being stored is finished first —
or once with ``--once`` (for cron). Each poll prints one line; ``--json`` prints one JSON object a poll.
Sources polled by ``watch`` refuse loopback, private and link-local addresses (a source may have come from
the web page) unless ``--allow-private-fetch``.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from typing import Annotated

import typer

from newsdesk.desk.commands import DbOpt, open_desk
from newsdesk.desk.commands.ingest import JsonOpt, default_processes

sources_app = typer.Typer(help="The feeds, sitemaps and sites the desk follows (newsdesk watch polls them).",
                          no_args_is_help=True)

AllowPrivate = Annotated[bool, typer.Option(
    "--allow-private-fetch", help="Fetch loopback, private and link-local addresses too (refused by default).")]


@sources_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="A feed, a (news) sitemap, a site's home page or an article page.")],
    every: Annotated[str, typer.Option("--every", help="How often to poll it: 30s, 15m, 2h, 1d.")] = "15m",
    topic: Annotated[str | None, typer.Option("--topic", help="Follow this topic on the desk too.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Follow a source; adding it again changes its interval or topic."""
    from newsdesk.desk.sources import add_source, every_text

    with open_desk(db) as desk:
        added = add_source(desk.store, url, every=every, topic=topic)
    if as_json:
        _print_json(added)
        return
    source = added["source"]
    print(f"{'added' if added['new'] else 'updated'} source {source['id']}: {source['url']} "
          f"(every {every_text(source['every'])}{', topic ' + source['topic'] if source['topic'] else ''})")


@sources_app.command("list")
def list_(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """The sources with their last poll: status, new articles, failures."""
    from newsdesk.desk.sources import every_text, list_sources

    with open_desk(db) as desk:
        found = list_sources(desk.store)
    if as_json:
        _print_json({"sources": found})
        return
    if not found:
        print("no sources (newsdesk sources add URL)")
    for s in found:
        last = f"last poll {s['last_poll']} {s['last_status']}, {s['last_new']} new" if s["last_poll"] else "not polled"
        print(f"{s['id']}. {s['url']}  every {every_text(s['every'])}"
              f"{'  topic ' + s['topic'] if s['topic'] else ''}  {s['kind'] or ''}  {last}, {s['total_new']} in all")
        for failure in s["last_error"][:3]:
            print(f"   failed: {failure['input']}: {failure['reason']}")


@sources_app.command("remove")
def remove(
    source: Annotated[str, typer.Argument(help="The source's id or URL.")],
    db: DbOpt = None,
) -> None:
    """Stop following a source (the articles it brought stay on the desk)."""
    from newsdesk.desk.sources import remove_source

    with open_desk(db) as desk:
        gone = remove_source(desk.store, source)
    print(f"removed source {gone['id']}: {gone['url']}")


def watch(
    db: DbOpt = None,
    once: Annotated[bool, typer.Option("--once", help="Poll the due sources once and exit (for cron).")] = False,
    as_json: JsonOpt = False,
    processes: Annotated[int, typer.Option("--processes", help="Analysis processes.")] = default_processes(),
    limit: Annotated[int, typer.Option("--limit", help="At most this many new articles per source and poll.")] = 100,
    delay: Annotated[float, typer.Option("--delay", help="Seconds between two requests to one host.")] = 1.0,
    concurrency: Annotated[int, typer.Option("--concurrency", help="Requests in flight at most.")] = 4,
    allow_private: AllowPrivate = False,
) -> None:
    """Poll the sources that are due, store what is new, and keep polling until Ctrl-C (or --once)."""
    from newsdesk.desk.sources import watch as run_watch
    from newsdesk.errors import BadOption
    from newsdesk.fetch.client import Fetcher, Policy

    if processes < 1 or concurrency < 1 or limit < 1 or delay < 0:
        raise BadOption("--processes, --concurrency and --limit must be at least 1, --delay at least 0",
                        source="watch")
    stop = threading.Event()
    report = (lambda r: _print_json(r)) if as_json else _show_poll
    previous = {sig: signal.signal(sig, lambda *_: _stop(stop)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with open_desk(db) as desk, Fetcher(Policy(delay=delay, concurrency=concurrency,
                                                   allow_private=allow_private)) as fetcher:
            results = run_watch(desk.store, fetcher, once=once, stop=stop, report=report,
                                processes=processes, limit=limit)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if not as_json:
        print(f"{'stopped' if stop.is_set() else 'done'}: {len(results)} polls, "
              f"{sum(r['new'] for r in results)} new articles", file=sys.stderr)
    if once and results and all(r["status"] == "error" for r in results):
        raise typer.Exit(2)


def _stop(stop: threading.Event) -> None:
    if stop.is_set():  # a second Ctrl-C: stop now
        raise KeyboardInterrupt
    print("newsdesk: stopping after the current article (Ctrl-C again to stop now)", file=sys.stderr)
    stop.set()


def _show_poll(result: dict) -> None:
    if result["status"] == "304":
        what = "not modified (304)"
    elif result["status"] == "error":
        what = "failed"
    else:
        what = f"{result['new']} new, {result['duplicates']} duplicates, {len(result['failed'])} failed"
    print(f"{result['url']}: {what}", flush=True)
    for failure in result["failed"]:
        print(f"  failed: {failure['input']}: {failure['reason']}", flush=True)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")
    app.command("watch")(watch)
