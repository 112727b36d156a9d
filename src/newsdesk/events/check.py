"""``newsdesk check-claims``: an article's attacks and record claims against the reference, as JSON
(``check_article``) and for a reader (``show_check``)."""

from __future__ import annotations

from newsdesk.events.claims import match_attacks
from newsdesk.events.record_claims import check_claims
from newsdesk.events.reference import Reference
from newsdesk.schema import Analysis


def check_article(analysis: Analysis, ref: Reference) -> dict:
    """The attacks and record claims of one analysed article against the reference: the check-claims JSON."""
    article = analysis.article
    return {
        "article": {"id": article.id, "headline": article.headline, "published": article.published},
        "reference": ref.summary(),
        "claims": check_claims(analysis.events, ref),
        "matches": match_attacks(analysis.events, ref),
    }


def show_check(result: dict, console=None) -> None:
    """Print a check-claims result for a reader: each attack against its night, then each record claim."""
    from rich.console import Console
    from rich.text import Text

    console = console or Console()

    def say(*parts) -> None:
        console.print(*parts, soft_wrap=True)  # one line per fact, never cut mid-figure

    head = result["article"]
    say(Text(head.get("headline") or "(no headline)", style="bold"))
    ref = result["reference"]
    say(Text(f"reference: {ref['path']} — {ref['nights']} nights, {ref['first']} to {ref['last']}",
                       style="dim"))
    if not result["matches"] and not result["claims"]:
        say("No attack with a date and no record claim found in the article.")
    for match in result["matches"]:
        say(Text(f"\nAttack {match['event']}: {match['summary']}", style="bold cyan"))
        if match["night"] is None:
            say(f"  no reference night: {match['how']}")
            continue
        note = "" if match["how"] == "same night" else f" ({match['how']})"
        say(f"  night ending {match['night']}{note}: {match['reference']['launched']} launched")
        for comparison in match["comparisons"]:
            mark = {True: "✓", False: "✗", None: "·"}[comparison["agrees"]]
            say(f"  {mark} {comparison['line']}")
        for difference in match["differences"]:
            say(Text(f"  ≠ {difference}", style="yellow"))
    for claim in result["claims"]:
        style = {"holds": "green", "does_not_hold": "red"}.get(claim["verdict"], "yellow")
        say(Text.assemble(("\nRecord claim: ", "bold"), (claim["text"], "italic")))
        previous = claim["previous_max"]
        before = f"; previous max {previous['value']} ({previous['date']})" if previous else ""
        say(Text.assemble(
            ("  ", ""), (claim["verdict"], f"bold {style}"),
            (f" — {claim['kinds']} {_period_words(claim)}: {claim['value']}{before}", ""),
        ))
        if claim["reason"]:
            say(Text(f"  {claim['reason']}", style="dim"))


def _period_words(claim: dict) -> str:
    if claim["period"] is None:
        return "(no period in the reference)"
    return f"in {claim['period']}" if claim["scope"] == "month" else f"on the night ending {claim['period']}"
