"""``newsdesk ingest PATH…``, ``newsdesk stats`` and ``newsdesk search "QUERY"``.

``ingest`` exits 0 when at least one input was stored or recognised as a copy (or when nothing
failed), and 2 when every input failed; the failures are listed either way.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated

import typer

from newsdesk.desk.commands import DbOpt, open_desk

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a readable view.")]


def default_processes() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Article files, folders (recursive), JSONL, RSS/Atom feeds, and http(s):// URLs of article pages, "
             "feeds, sitemaps or home pages.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    processes: Annotated[int, typer.Option("--processes", help="Analysis processes (Dask workers with --dask "
                                                               "local).")] = default_processes(),
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Run the analyses on the Dask cluster at "
                                                                      "this address (tcp://HOST:8786).")] = None,
    dask: Annotated[str | None, typer.Option("--dask", help="'local': run them on a Dask LocalCluster of "
                                                            "--processes workers.")] = None,
) -> None:
    """Read, analyse and store articles; copies of stored articles are recognised, not stored again."""
    from newsdesk.cluster import check_choice
    from newsdesk.errors import BadOption

    if processes < 1:
        raise BadOption(f"must be at least 1, not {processes}", source="--processes")
    scheduler = check_choice(dask, scheduler)
    from newsdesk.fetch.client import Fetcher, Policy

    # URLs typed here are fetched wherever they point (the user is the operator); see newsdesk watch
    with open_desk(db) as desk, Fetcher(Policy(allow_private=True)) as fetcher:
        if sys.stderr.isatty():
            summary = _with_progress_bar(desk, paths, processes, fetcher, scheduler)
        else:
            summary = desk.ingest(paths, processes=processes, fetcher=fetcher, scheduler=scheduler)
    if as_json:
        _print_json(summary)
    else:
        _show_summary(summary)
    if summary["failed"] and not (summary["new"] or summary["duplicates"]):
        raise typer.Exit(2)


def stats(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """How many articles, duplicates, stories and events the store holds, and where it is."""
    with open_desk(db) as desk:
        figures = desk.stats()
    if as_json:
        _print_json(figures)
        return
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value if value is not None else '-'}")


def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", OR, NOT, prefix* (SQLite FTS5).')],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", help="At most this many articles.")] = 20,
) -> None:
    """Full-text search over stored articles' headlines, texts, key points and quotes."""
    with open_desk(db) as desk:
        hits = desk.search(query, limit=limit)
    if as_json:
        _print_json({"query": query, "results": hits})
        return
    if not hits:
        print(f"no article matches {query!r}")
    for n, hit in enumerate(hits, 1):
        where = ", ".join(x for x in (hit["publisher"], hit["published"]) if x)
        print(f"{n}. {hit['headline'] or '(no headline)'}" + (f" — {where}" if where else "") + f"  [#{hit['id']}]")
        for match in hit["matches"][:2]:
            print(f"   {match['field']}: {' '.join(match['snippet'].split())}")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("stats")(stats)
    app.command("search")(search)


def _with_progress_bar(desk, paths: list[str], processes: int, fetcher, scheduler: str | None) -> dict:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=None)
        return desk.ingest(paths, processes=processes, fetcher=fetcher, scheduler=scheduler,
                           progress=lambda done, total: bar.update(task, completed=done, total=total))


def _show_summary(summary: dict) -> None:
    parts = [f"{summary['new']} new", f"{summary['duplicates']} duplicates "
             f"({summary['exact_copies']} already stored or exact copies, {summary['near_copies']} near copies linked)",
             f"{len(summary['failed'])} failed"]
    print(", ".join(parts))
    for failure in summary["failed"]:
        print(f"  failed: {failure['input']}: {failure['reason']}")


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
