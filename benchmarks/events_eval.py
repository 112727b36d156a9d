"""Events read from our war reports against hand-made gold: precision, recall and F1 per field.

    .venv/bin/python benchmarks/events_eval.py [--json PATH] [--articles]

Two sets: ``dev`` — every page ``examples/events/<stem>.txt`` with a gold file
``tests/events/gold/<stem>.json``, which the rules were developed against — and ``heldout`` —
``examples/events/heldout/`` with ``tests/events/gold/heldout/``, written by another engineer who never
saw the extractor, and never tuned on (the honest figure). Each page goes
through ``newsdesk.analyze(page, published=gold["published"])``; its events are aligned to the gold
events and scored by ``newsdesk.events.evaluate.score`` (alignment, items per field and the
micro-averaging are written out there; the gold conventions in ``tests/events/gold/README.md``).
``--articles`` also prints, per page, how many events were predicted, expected and aligned.
Figures go to ``benchmarks/results/events_eval.json`` unless ``--json`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import events_real  # noqa: E402  (benchmarks/events_real.py: the real-reports set and its text cache)

import newsdesk  # noqa: E402
from newsdesk.events.evaluate import FIELDS, align, as_gold, compare, score  # noqa: E402
from newsdesk.events.evaluate_attacks import (  # noqa: E402
    attack_figures,
    drones_launched,
    is_tally,
    missiles_launched,
)

EXAMPLES = REPO / "examples" / "events"
GOLD = REPO / "tests" / "events" / "gold"
DEFAULT_JSON = REPO / "benchmarks" / "results" / "events_eval.json"
REFERENCE = REPO.parent / "shared" / "data" / "missile_attacks_daily.csv"


SETS = {"dev": (EXAMPLES, GOLD), "heldout": (EXAMPLES / "heldout", GOLD / "heldout")}


def load(examples: Path = EXAMPLES, gold_dir: Path = GOLD) -> list[tuple[Path, dict]]:
    """(page, gold) for every page that has a gold file, in name order."""
    out = []
    for page in sorted(examples.glob("*.txt")):
        gold_path = gold_dir / f"{page.stem}.json"
        if gold_path.is_file():
            out.append((page, json.loads(gold_path.read_text(encoding="utf-8"))))
    return out


def _cell(x: float | None) -> str:
    return "—" if x is None else f"{x:.1%}"


def _run(pages: list[tuple[Path, dict]], per_article: bool) -> dict:
    pairs = []
    t0 = time.perf_counter()
    for page, gold in pages:
        pairs.append((newsdesk.analyze(page, published=gold["published"]).events, gold))
    seconds = time.perf_counter() - t0
    result = score(pairs)

    print(f"events: {result['events']['predicted']} predicted, {result['events']['gold']} gold, "
          f"{result['events']['aligned']} aligned, over {result['articles']} articles")
    print(f"{'field':<14} {'pred':>5} {'gold':>5} {'right':>5} {'P':>7} {'R':>7} {'F1':>7}")
    rows = {**result["fields"], "overall": result["overall"]}
    for name, f in rows.items():
        print(f"{name:<14} {f['predicted']:>5} {f['gold']:>5} {f['correct']:>5} "
              f"{_cell(f['precision']):>7} {_cell(f['recall']):>7} {_cell(f['f1']):>7}")
    if per_article:
        print()
        for (page, gold), (predicted, _) in zip(pages, pairs, strict=True):
            cmp = compare(predicted, gold)
            print(f"  {page.stem}: {len(cmp['predicted'])} predicted, {len(cmp['gold'])} gold, "
                  f"{len(cmp['alignment'])} aligned")
    return {
        "articles": result["articles"],
        "events": result["events"],
        "fields": {name: result["fields"][name] for name in FIELDS},
        "overall": result["overall"],
        "seconds": round(seconds, 2),
    }


def _reference_agreement(reports, predicted: list[list], reference_path: Path) -> dict | None:
    """Of the reports whose night the reference has, how many give its national drone / missile totals.

    ``gold`` is how often the hand-read figure of the report equals the air force's (the reports themselves
    sometimes quote another count); ``predicted`` how often the extractor's figure does, for the attack aligned
    with that gold attack.
    """
    if not reference_path.is_file():
        return None
    from datetime import date

    from newsdesk.events.reference import DRONE_KINDS, MISSILE_KINDS, load_reference

    ref = load_reference(reference_path)
    out = {what: {"nights": 0, "gold": 0, "predicted": 0} for what in ("drones", "missiles")}
    for report, events in zip(reports, predicted, strict=True):
        golds = [g for g in report.gold["events"] if g["type"] == "attack" and g.get("actor") == "Russia"]
        preds = [as_gold(e) for e in events if e.type == "attack"]
        partner = {j: i for i, j in align(preds, golds)}
        nights = [(j, g, night) for j, g in enumerate(golds) if not is_tally(g) and len(g.get("date") or "") == 10
                  and (night := ref.night(date.fromisoformat(g["date"]))) is not None]
        # the report's night: its largest attack (by what it says was launched) on a night the reference has
        for j, g, night in sorted(nights, key=lambda x: -sum(w.get("launched") or 0 for w in x[1]["weapons"]))[:1]:
            for what, kinds, count in (("drones", DRONE_KINDS, drones_launched),
                                       ("missiles", MISSILE_KINDS, missiles_launched)):
                want = night.launched(kinds)
                if not want:
                    continue
                row = out[what]
                row["nights"] += 1
                row["gold"] += count(g) == want
                row["predicted"] += j in partner and count(preds[partner[j]]) == want
    for row in out.values():
        n = row["nights"]
        row["gold_share"] = round(row["gold"] / n, 4) if n else None
        row["predicted_share"] = round(row["predicted"] / n, 4) if n else None
    return out


def _events_share(texts: list[tuple[str, str]], repeats: int = 3) -> dict:
    """The events stage's time beside the spaCy parse of the same texts (best of ``repeats`` each, one process)."""
    from newsdesk.events import find_events
    from newsdesk.language.dates import find_dates
    from newsdesk.language.entities import find_entities
    from newsdesk.language.nlp import load_nlp
    from newsdesk.language.quantities import find_quantities
    from newsdesk.pipeline import publication_date

    nlp = load_nlp()
    parse = events = 0.0
    for text, published in texts:
        article = newsdesk.read(text)
        body = article.text
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            doc = nlp(body)
            best = min(best, time.perf_counter() - t0)
        parse += best
        entities, quantities = find_entities(doc), find_quantities(doc)
        day = publication_date(published, article)
        dates = find_dates(doc, day)
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            find_events(doc, entities, quantities, dates, day)
            best = min(best, time.perf_counter() - t0)
        events += best
    n = max(len(texts), 1)
    return {"reports": len(texts), "parse_ms": round(1000 * parse / n, 2), "events_ms": round(1000 * events / n, 2),
            "share": round(events / parse, 4) if parse else None}


def _run_real(per_article: bool) -> dict | None:
    """The real-reports set, from the texts in the cache; None (and a note) when none is cached."""
    all_reports = events_real.reports()
    reports = events_real.usable()
    skipped = len(all_reports) - len(reports)
    print(f"\n== real ({events_real.GOLD.relative_to(REPO)}; texts in the cache, {len(reports)} of "
          f"{len(all_reports)} usable)")
    if not reports:
        print("no cached texts: scripts/events-real-cache says how to fill the cache")
        return None
    t0 = time.perf_counter()
    predicted = [newsdesk.analyze(r.text, published=r.gold["published"]).events for r in reports]
    seconds = time.perf_counter() - t0
    speed = _events_share([(r.text, r.gold["published"]) for r in reports])
    pairs = list(zip(predicted, [r.gold for r in reports], strict=True))
    result = score(pairs)
    figs = attack_figures(pairs, [r.gold["kind"] == "negative" for r in reports])
    agreement = _reference_agreement(reports, predicted, REFERENCE)
    outlets = sorted({r.gold["outlet"] for r in reports})
    years = sorted({r.gold["published"][:4] for r in reports})
    negatives = sum(r.gold["kind"] == "negative" for r in reports)
    print(f"{len(reports) - negatives} reports and {negatives} negatives, {len(outlets)} outlets, years "
          f"{', '.join(years)}; {result['events']['gold']} gold events, {result['events']['predicted']} predicted")
    print(f"{'field':<14} {'pred':>5} {'gold':>5} {'right':>5} {'P':>7} {'R':>7} {'F1':>7}")
    for name, f in {**figs["fields"], "figures": figs["figures"]}.items():
        print(f"{name:<14} {f['predicted']:>5} {f['gold']:>5} {f['correct']:>5} "
              f"{_cell(f['precision']):>7} {_cell(f['recall']):>7} {_cell(f['f1']):>7}")
    d = figs["drones_launched"]
    print(f"drones launched exact: {d['exact']} of {d['gold']} attacks ({_cell(d['share'])}); attacks invented in "
          f"reports: {figs['invented']}; attacks from negatives: {figs['from_negatives']}")
    print(f"events stage: {speed['events_ms']:.1f} ms a report, {speed['share']:.1%} of the spaCy parse "
          f"({speed['parse_ms']:.0f} ms a report; goal ≤ 10 %)")
    if agreement:
        for what, row in agreement.items():
            print(f"reference ({what}, {row['nights']} nights in the CSV): gold agrees {_cell(row['gold_share'])}, "
                  f"extractor {_cell(row['predicted_share'])}")
    if per_article:
        for r, (events, gold) in zip(reports, pairs, strict=True):
            one = attack_figures([(events, gold)], [r.gold["kind"] == "negative"])["figures"]
            print(f"  {r.slug}: {one['correct']}/{one['predicted']} predicted right, {one['correct']}/{one['gold']} "
                  f"gold found")
    return {
        "reports": len(reports) - negatives, "negatives": negatives, "skipped": skipped, "outlets": len(outlets),
        "years": years, "articles": result["articles"], "events": result["events"],
        "fields": {name: result["fields"][name] for name in FIELDS}, "overall": result["overall"],
        "attack_fields": figs["fields"], "figures": figs["figures"], "drones_launched": d,
        "invented": figs["invented"], "from_negatives": figs["from_negatives"], "reference": agreement,
        "seconds": round(seconds, 2), "speed": speed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="write the figures here")
    parser.add_argument("--articles", action="store_true", help="print event counts per page")
    args = parser.parse_args(argv)

    figures = {}
    for name, (examples, gold_dir) in SETS.items():
        pages = load(examples, gold_dir)
        if not pages:
            continue
        print(f"\n== {name} ({examples.relative_to(REPO)})")
        figures[name] = _run(pages, args.articles)
    real = _run_real(args.articles)
    if real is not None:
        figures["real"] = real
    if args.json:
        write_figures(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
