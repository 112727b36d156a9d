"""The desk on real reports beside the reference CSV: ingest the real events set, tally it, compare.

    .venv/bin/python benchmarks/events_desk_reference.py [--json PATH] [--months]

Every cached report of ``tests/events/gold/real/`` (reports and negatives; texts in the git-ignored cache, see
``benchmarks/events_real.py``) is added to a throw-away desk with its publication date, as a user's ``ingest``
would. The desk then tallies Russia's attacks on Ukraine by day and by month beside the Kaggle missile-attack
CSV (``../shared/data/missile_attacks_daily.csv``, the air force's national figures).

Two comparisons, since a set of a hundred reports covers a night or two of most months:

- **nights**: for each night the desk holds an attack on and the reference has figures for, the desk's
  drones and missiles launched against the reference's (exact, within 10 %, and the desk's figure missing),
  and the same for the hand-read gold of those reports (what the desk would give if every report were
  read as the annotator read it), so the gap between reading and reporting shows;
- **months** (``--months`` prints them): the desk's monthly totals and the reference's over the same
  months: on a sample this small the difference is mostly the nights no report covers, so it is printed
  as coverage (share of the reference's launches the desk's nights account for).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from events_real import usable  # benchmarks/events_real.py, beside this script
from figures import write_figures

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "data" / "missile_attacks_daily.csv"
COMPARED = ("drone", "missile")


def _gold_nights(reports) -> dict[str, dict[str, int]]:
    """The gold's launched figures per night for Russia's attacks on Ukraine (largest report of a night wins,
    as the desk keeps one event a night)."""
    from newsdesk.desk.event_keys import tally_kind

    nights: dict[str, dict[str, int]] = {}
    for report in reports:
        for event in report.gold.get("events", []):
            if event.get("type") != "attack" or not event.get("date") or len(event["date"]) != 10:
                continue
            if (event.get("actor") or "Russia") != "Russia" or (event.get("country") or "Ukraine") != "Ukraine":
                continue
            figures: dict[str, int] = {}
            for weapon in event.get("weapons", []):
                kind = tally_kind(weapon.get("kind"))
                if kind in COMPARED and weapon.get("launched") is not None:
                    figures[kind] = figures.get(kind, 0) + weapon["launched"]
            if not figures:
                continue
            best = nights.get(event["date"])
            if best is None or sum(figures.values()) > sum(best.values()):
                nights[event["date"]] = figures
    return nights


def _compare(ours: int | None, theirs: int) -> str:
    if ours is None:
        return "missing"
    if ours == theirs:
        return "exact"
    return "close" if abs(ours - theirs) <= 0.1 * theirs else "wrong"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--months", action="store_true", help="print the month-by-month table")
    args = parser.parse_args(argv)
    if not REFERENCE.is_file():
        print(f"{REFERENCE}: the reference CSV is not there (../shared beside the repo)", file=sys.stderr)
        return 2
    reports = usable()
    if not reports:
        print("no cached real reports: fill .cache/events-real/ first (scripts/events-real-cache)", file=sys.stderr)
        return 2

    from newsdesk.desk import Desk
    from newsdesk.events.reference import load_reference

    reference = load_reference(REFERENCE)
    with tempfile.TemporaryDirectory() as tmp, Desk(Path(tmp) / "desk.db") as desk:
        started = time.perf_counter()
        for report in reports:
            desk.add(text=report.text, published=report.gold.get("published"), url=report.gold.get("url"))
        ingest_s = time.perf_counter() - started
        by_day = desk.tally(by="day", reference=reference)
        by_month = desk.tally(by="month", reference=reference)

    gold = _gold_nights(reports)
    counts = {kind: {"exact": 0, "close": 0, "wrong": 0, "missing": 0} for kind in COMPARED}
    gold_counts = {kind: {"exact": 0, "close": 0, "wrong": 0, "missing": 0} for kind in COMPARED}
    nights = 0
    rows = []
    for row in by_day["rows"]:
        ref = row.get("reference") or {}
        if not row["attacks"] or not ref.get("nights"):
            continue
        nights += 1
        line = {"night": row["period"]}
        for kind in COMPARED:
            theirs = ref["launched"].get(kind, 0)
            if not theirs:
                continue
            ours = row["launched"].get(kind) or None
            verdict = _compare(ours, theirs)
            counts[kind][verdict] += 1
            read = _compare(gold.get(row["period"], {}).get(kind), theirs)
            gold_counts[kind][read] += 1
            line[kind] = {"desk": ours, "gold": gold.get(row["period"], {}).get(kind), "reference": theirs,
                          "desk_verdict": verdict, "gold_verdict": read}
        rows.append(line)

    print(f"desk of {len(reports)} real reports ingested in {ingest_s:.1f} s; {nights} nights the reference also has")
    for kind in COMPARED:
        c, g = counts[kind], gold_counts[kind]
        n = sum(c.values())
        if not n:
            continue
        print(f"  {kind + 's':9} launched vs the air force's: desk exact {c['exact']}/{n} (within 10 % "
              f"{c['exact'] + c['close']}/{n}, missing {c['missing']}); gold exact {g['exact']}/{n} "
              f"(within 10 % {g['exact'] + g['close']}/{n})")
    coverage = {}
    for kind in COMPARED:
        ours = sum(r["launched"].get(kind) or 0 for r in by_month["rows"])
        theirs = sum((r.get("reference") or {}).get("launched", {}).get(kind, 0) for r in by_month["rows"])
        coverage[kind] = {"desk": ours, "reference": theirs, "share": round(ours / theirs, 4) if theirs else None}
        share = f"{ours / theirs:.1%}" if theirs else "-"
        print(f"  months spanned ({len(by_month['rows'])}): {kind}s launched, desk {ours:,} vs reference "
              f"{theirs:,} ({share}: the nights no report covers make the rest)")
    if args.months:
        print(f"\n{'month':8} {'attacks':>7} {'nights':>6}  " + "  ".join(f"{k + 's desk/ref':>18}" for k in COMPARED))
        for r in by_month["rows"]:
            ref = r.get("reference") or {}
            cells = "  ".join(f"{(r['launched'].get(k) or 0):>8,}/{ref.get('launched', {}).get(k, 0):<9,}"
                              for k in COMPARED)
            print(f"{r['period']:8} {r['attacks']:>7} {ref.get('nights', 0):>6}  {cells}")
    if args.json:
        write_figures(args.json, {"reports": len(reports), "nights": nights, "desk": counts, "gold": gold_counts,
                                  "months": coverage, "ingest_s": round(ingest_s, 2), "per_night": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
