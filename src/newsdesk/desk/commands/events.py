"""The desk's verbs for events across articles: ``events``, ``tally`` and ``records``."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from newsdesk.desk.commands import DbOpt, open_desk

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a readable table.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD (or YYYY-MM).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (or YYYY-MM).")]


def register(app: typer.Typer) -> None:
    app.command("events")(events)
    app.command("tally")(tally)
    app.command("records")(records)


def events(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    type_: Annotated[str | None, typer.Option("--type", help="attack, diplomacy, aid, prisoner_exchange …")] = None,
    since: FromOpt = None,
    until: ToOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many events, latest first.")] = 50,
) -> None:
    """Events across articles: each happening once, with all its sources and the spread of their figures."""
    from newsdesk.desk.events import parse_day

    parse_day(since, "--from")
    parse_day(until, "--to", end=True)
    with open_desk(db) as desk:
        found = desk.events(type=type_, since=since, until=until, limit=limit)
    if as_json:
        _print_json(found)
    else:
        show_events(found)


def tally(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    what: Annotated[str, typer.Option(help="What to count: attacks.")] = "attacks",
    by: Annotated[str, typer.Option(help="A row a day, week (ISO) or month.")] = "month",
    weapon: Annotated[str | None, typer.Option(help="Only attacks with this weapon: drone, missile, guided bomb …")]
    = None,
    since: FromOpt = None,
    until: ToOpt = None,
    chart: Annotated[str | None, typer.Option(help="Also draw the tally to FILE.png or FILE.svg.")] = None,
    reference: Annotated[
        str | None, typer.Option(help="The missile-attack reference CSV (Kaggle missile_attacks_daily.csv), beside.")
    ] = None,
    categories: Annotated[
        str | None, typer.Option(help="A missiles_and_uavs.csv-like file (model,category,…) for the reference.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Only attacks by this attacker (\"Russia\").")] = None,
) -> None:
    """Attacks per day, week or month: how many, and launched and intercepted per weapon kind."""
    from newsdesk.desk import tally as tally_module
    from newsdesk.desk.chart import check_chart_path, write_chart

    # every option is checked before the store is opened or the reference read
    tally_module.check_what(what)
    tally_module.check_by(by)
    tally_module.check_weapon(weapon)
    tally_module.check_range(since, until)
    if chart:
        check_chart_path(chart)
    ref = None
    if reference:
        from newsdesk.events.reference import load_categories, load_reference

        ref = load_reference(reference, categories=load_categories(categories) if categories else None)
        for warning in ref.warnings:
            print(f"newsdesk: warning: {reference}: {warning}", file=sys.stderr)
    with open_desk(db) as desk:
        result = desk.tally(what=what, by=by, weapon=weapon, since=since, until=until, reference=ref, actor=actor)
    if chart:
        write_chart(result, chart)
    if as_json:
        _print_json(result)
    else:
        show_tally(result)
        if chart:
            print(f"chart written to {chart}")


def records(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Only nights up to this day, YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(help="How many of the largest attacks per measure.")] = 5,
) -> None:
    """The largest attacks so far, by total launched, by drones and by missiles, with their dates and sources."""
    from newsdesk.desk.events import parse_day

    parse_day(as_of, "--as-of", end=True)
    with open_desk(db) as desk:
        found = desk.records(as_of=as_of, limit=limit)
    if as_json:
        _print_json(found)
    else:
        show_records(found)


# ---- readable output -------------------------------------------------------------------------------------


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _n(value) -> str:
    return "–" if value is None else f"{value:,}"


def _figure(merged: dict | None) -> str:
    """"539 (539–550, 3 sources)" — the value used and, when the sources differ, their spread."""
    if not merged:
        return "–"
    text = _n(merged["value"])
    if merged["min"] != merged["max"]:
        text += f" ({_n(merged['min'])}–{_n(merged['max'])})"
    return text


def _plural(kind: str, value) -> str:
    if value == 1 or kind in ("artillery", "mixed"):
        return kind
    return kind + "s"


def _sources(event: dict) -> str:
    names = [s.get("publisher") or s.get("headline") or f"article {s.get('article')}"
             for s in event.get("sources") or []]
    return f"{len(names)}: " + ", ".join(names[:4]) + (" …" if len(names) > 4 else "")


def show_events(found: list[dict], console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    if not found:
        console.print("No events in the desk for this selection.")
        return
    table = Table(title="Events across articles", show_lines=False)
    for column in ("id", "day", "type", "who", "where", "figures (used, spread)", "casualties", "sources"):
        table.add_column(column, overflow="fold", no_wrap=column in ("id", "day"))
    for event in found:
        who = " → ".join(p for p in (event.get("actor"), event.get("target")) if p) or "–"
        figures = "; ".join(f"{kind} {_figure(v.get('launched'))}"
                            + (f", {_figure(v['intercepted'])} intercepted" if v.get("intercepted") else "")
                            for kind, v in (event.get("kinds") or {}).items())
        tolls = event.get("casualties") or {}
        casualties = ", ".join(f"{_figure(tolls[k])} {k}" for k in ("killed", "wounded") if tolls.get(k))
        kind = event["type"] + (f" ({event['subtype']})" if event.get("subtype") else "")
        claims = " [record claimed]" if "record" in (event.get("claims") or []) else ""
        table.add_row(str(event["id"]), event.get("day") or "–", kind + claims, who, event.get("location") or "–",
                      figures or "–", casualties or "–", _sources(event))
    console.print(table)


def show_tally(result: dict, console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    kinds = result["kinds"]
    beside = result.get("reference") is not None
    weapon = f", {result['weapon']} only" if result.get("weapon") else ""
    table = Table(title=f"Attacks by {result['by']}{weapon}" + (" beside the reference" if beside else ""))
    table.add_column("period", no_wrap=True)
    table.add_column("attacks", justify="right")
    if beside:
        table.add_column("ref nights", justify="right")
    for kind in kinds:
        table.add_column(f"{kind} launched", justify="right")
        if beside:
            table.add_column("ref", justify="right")
            table.add_column("Δ", justify="right")
        else:
            table.add_column("shot down", justify="right")
    table.add_column("total", justify="right")
    if beside:
        table.add_column("ref", justify="right")
        table.add_column("Δ", justify="right")

    def cells(row: dict) -> list[str]:
        out = [row.get("period", "total"), _n(row["attacks"])]
        if beside:
            out.append(_n(row["reference"]["nights"]))
        for kind in kinds:
            out.append(_n(row["launched"][kind]))
            if beside:
                out += [_n(row["reference"]["launched"][kind]), f"{row['difference']['launched'][kind]:+,}"]
            else:
                out.append(_n(row["intercepted"][kind]))
        out.append(_n(row["total"]["launched"]))
        if beside:
            out += [_n(row["reference"]["total"]["launched"]), f"{row['difference']['total']['launched']:+,}"]
        return out

    for row in result["rows"]:
        table.add_row(*cells(row))
    if result["rows"]:
        table.add_section()
        table.add_row(*cells({**result["totals"], "period": "total"}), style="bold")
    console.print(table)
    if not result["rows"]:
        console.print("No attacks in the desk for this selection.")
    if result["totals"].get("without_figures"):
        console.print(f"{result['totals']['without_figures']} attack(s) counted without a launched figure.")
    for total in result.get("period_totals") or []:
        figures = ", ".join(f"{_n(v)} {_plural(k, v)}" for k, v in total["launched"].items()) or "no figure"
        console.print(f"Period total told by articles (not added to the nights): {total['period']}: {figures} "
                      f"({total['sources']} source(s))")
    for note in result.get("notes") or []:
        console.print(f"[dim]{note}[/dim]")


def show_records(found: list[dict], console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    for entry in found:
        as_of = f" as of {entry['as_of']}" if entry.get("as_of") else ""
        table = Table(title=f"Largest attacks by {entry['label']}{as_of}")
        for column in ("#", "night", "launched", "spread", "where", "sources"):
            table.add_column(column, justify="right" if column in ("#", "launched") else "left", overflow="fold",
                             no_wrap=column == "night")
        for item in entry["top"]:
            spread = "–" if item["min"] == item["max"] else f"{_n(item['min'])}–{_n(item['max'])}"
            claims = " (record claimed)" if entry["measure"] == "total" and "record" in item["claims"] else ""
            table.add_row(str(item["rank"]), item["day"], _n(item["value"]) + claims, spread,
                          item.get("location") or "–", _sources(item))
        if entry["top"]:
            console.print(table)
        else:
            console.print(f"No attack with a figure for {entry['label']}{as_of}.")
