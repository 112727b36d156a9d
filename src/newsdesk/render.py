"""Readable terminal views (rich) of newsdesk's records."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsdesk.schema import Analysis, Article


def show_article(article: Article, console: Console | None = None) -> None:
    """Print an article the way a reader would want to skim it."""
    console = console or Console()
    meta = [f"{k}: {v}" for k, v in (
        ("By", article.byline), ("Dateline", article.dateline), ("Published", article.published),
        ("Publisher", article.publisher), ("Wire", ", ".join(article.wire) or None),
        ("Language", article.language), ("URL", article.url),
    ) if v]
    console.print(Panel(Text(article.headline or "(no headline)", style="bold"), subtitle=" · ".join(meta) or None))
    if article.standfirst:
        console.print(Text(article.standfirst, style="italic"))
    if article.publisher_key_points:
        console.print(Text("The site's own summary", style="bold cyan"))
        for point in article.publisher_key_points:
            console.print(f"  • {point}")
    for section in article.sections:
        if section.heading:
            console.print(Text(f"\n{section.heading}", style="bold"))
        for paragraph in section.paragraphs:
            console.print(paragraph + "\n", soft_wrap=False)
    for caption in article.captions:
        credit = f" [{caption.credit}]" if caption.credit else ""
        console.print(Text(f"📷 {caption.text}{credit}", style="dim"))
    diag = article.diagnostics
    note = f"read as {diag.input_kind} via {diag.path}" + (f"; {diag.reason}" if diag.reason else "")
    console.print(Text(note, style="yellow" if diag.reason else "dim"))


def show_key_points(analysis: Analysis, console: Console) -> None:
    """The key points box: each bullet with where in the text it comes from, then any dropped bullet."""
    if not analysis.key_points:
        return
    lines = Text()
    for n, point in enumerate(analysis.key_points):
        where = ", ".join(f"{s.start}–{s.end}" for s in point.support)
        lines.append(("\n" if n else "") + f"• {point.text}")
        lines.append(f"  [{where}]" + ("" if point.method == "extractive" else f" {point.method}"), style="dim")
    console.print(Panel(lines, title="Key points", title_align="left", border_style="cyan"))
    for note in analysis.notes:
        console.print(Text(f"  {note}", style="yellow"))


def show_analysis(analysis: Analysis, console: Console | None = None) -> None:
    """Print an analysis: the article's head, its key points, then people and places, quotes, numbers and dates."""
    console = console or Console()
    article = analysis.article
    console.print(Panel(Text(article.headline or "(no headline)", style="bold"),
                        subtitle=" · ".join(x for x in (article.published, ", ".join(article.wire)) if x) or None))
    show_key_points(analysis, console)
    if analysis.entities:
        table = Table(title="Who and where", show_header=True)
        for col in ("name", "type", "roles", "mentions"):
            table.add_column(col)
        for ent in analysis.entities:
            table.add_row(ent.name, ent.type, "; ".join(ent.roles), str(len(ent.mentions)))
        console.print(table)
    for quote in analysis.quotes:
        who = quote.speaker.name if quote.speaker else "?"
        console.print(Text.assemble((f"{who}: ", "bold"), (f"{quote.text}", "italic"), (f"  [{quote.kind}]", "dim")))
    if analysis.quantities:
        console.print(Text("Numbers", style="bold cyan"))
        for q in analysis.quantities:
            console.print(f"  {q.text}  → {q.value} {q.unit or ''} ({q.qualifier}, {q.kind})")
    if analysis.dates:
        console.print(Text("Dates", style="bold cyan"))
        for d in analysis.dates:
            console.print(f"  {d.text}  → {d.value or '?'} ({d.granularity})" + (f" — {d.reason}" if d.reason else ""))
    if analysis.events:
        show_events(analysis.events, console)


def _figure(value, qualifier: str = "exact") -> str:
    words = {"at_least": "at least ", "more_than": "more than ", "about": "about ", "up_to": "up to ",
             "at_most": "at most ", "less_than": "fewer than "}
    return "" if value is None else f"{words.get(qualifier, '')}{value:g}"


def show_events(events, console: Console) -> None:
    """The events table: what happened, who to whom, where and when, weapons and casualties."""
    table = Table(title="Events", show_header=True, show_lines=True)
    for col in ("id", "what", "who → whom", "where, when", "weapons", "killed / wounded", "claims"):
        table.add_column(col)
    for e in events:
        weapons = "\n".join(
            f"{w.kind}{f' ({w.model})' if w.model else ''}: {_figure(w.launched, w.qualifier) or '?'}"
            + (f", {w.intercepted:g} intercepted" if w.intercepted is not None else "")
            + (f", {w.lost:g} lost" if w.lost is not None else "") for w in e.weapons)
        hurt = ""
        if e.casualties:
            killed, wounded = e.casualties.killed, e.casualties.wounded
            hurt = " / ".join(_figure(c.value, c.qualifier) if c else "–" for c in (killed, wounded))
        where = ", ".join(x for x in (e.location.name if e.location else None,
                                       e.location.country if e.location and e.location.country != e.location.name
                                       else None) if x)
        when = e.date.value if e.date and e.date.value else ""
        table.add_row(e.id, f"{e.type}\n[dim]{e.subtype or ''} · {e.plover}[/dim]",
                      f"{e.actor.name if e.actor else '?'} → {e.target.name if e.target else '?'}",
                      "\n".join(x for x in (where, when) if x), weapons, hurt, ", ".join(e.claims))
    console.print(table)
