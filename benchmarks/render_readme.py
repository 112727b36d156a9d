"""Turn the benchmarks' JSON results into the README's figures (markdown tables).

    .venv/bin/python benchmarks/render_readme.py [--results DIR] [--readme README.md]
    .venv/bin/python benchmarks/render_readme.py --stamp start|end     # scripts/bench: when and where

Reads ``benchmarks/results/*.json`` as written by ``scripts/bench`` (each benchmark's ``--json``,
plus ``run.json``: date, cores, CPU, load average) and replaces the block between
``<!-- figures:start -->`` and ``<!-- figures:end -->`` in the README. Without ``--readme`` the
block is printed. Every table names its data set, the date of the run and the machine.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
START, END = "<!-- figures:start -->", "<!-- figures:end -->"
# the published outputs' tools, named as in ../shared/eval/README.md
PEERS = {"trafilatura": "trafilatura 2.0.0", "readability": "readability-lxml", "readability_js": "readability.js",
         "news_please": "news-please"}
BENCHMARKS = (
    "article_extraction", "article_extraction_rest", "speed_read_html", "quotes_polnear", "speed_analyze",
    "entities_speed", "quantities_dates_speed", "reader_heldout", "events_eval", "keypoints_rouge", "keypoints_speed",
    "desk_ingest", "desk_dedup_pairs", "web_load", "events_desk_reference", "reader_rendered", "fetch_watch",
    "web_writes", "dask_analysis",
)


# ---- when and where ------------------------------------------------------------------------------


def stamp(results: Path, when: str) -> None:
    """Record the run's date and machine (``start``) or its end and load (``end``) in run.json."""
    path = results / "run.json"
    now = datetime.datetime.now()
    load = [round(x, 2) for x in os.getloadavg()]
    if when == "start":
        run = {"date": now.date().isoformat(), "started": now.isoformat(timespec="seconds"),
               "cores": os.cpu_count(), "cpu": _cpu_model(), "python": platform.python_version(),
               "load_at_start": load}
    else:
        run = json.loads(path.read_text(encoding="utf-8"))
        run.update(finished=now.isoformat(timespec="seconds"), load_at_end=load)
    results.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")


def _cpu_model() -> str | None:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or None


def machine(run: dict) -> str:
    """'run 2025-11-25, 2 cores (Intel Xeon …), load average 0.7 → 1.1'."""
    cpu = f" ({run['cpu']})" if run.get("cpu") else ""
    load = ""
    if run.get("load_at_start"):
        load = f", 1-min load average {run['load_at_start'][0]:.1f}"
        if run.get("load_at_end"):
            load += f" → {run['load_at_end'][0]:.1f}"
    return f"run {run['date']}, {run['cores']} cores{cpu}{load}"


# ---- the tables ----------------------------------------------------------------------------------


def _f(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _table(head: list[str], rows: list[list[str]], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(head) - 1)
    rule = ["---:" if a == "r" else "---" for a in align]
    return "\n".join("| " + " | ".join(r) + " |" for r in [head, rule, *rows])


def extraction(r: dict, run: dict) -> str:
    """(a) body extraction: newsdesk, live trafilatura and the peers' published outputs."""
    goal = 0.965
    rows = sorted((x for x in r["rows"] if x["source"] != "variant"), key=lambda x: -x["f1"])
    ours = next(x for x in rows if x["tool"] == "newsdesk")
    body = []
    for x in rows:
        name = f"**{x['tool']}**" if x["tool"] == "newsdesk" else PEERS.get(x["tool"], x["tool"])
        source = "live, this run" if x["source"] == "live" else "published output, rescored"
        f1 = f"**{x['f1']:.3f}**" if x["tool"] == "newsdesk" else f"{x['f1']:.3f}"
        body.append([name, source, f"{x['precision']:.3f}", f"{x['recall']:.3f}", f1])
    verdict = "meets" if ours["f1"] >= goal else "misses"
    return "\n".join([
        "**Article body extraction** — ScrapingHub article-extraction benchmark, "
        f"{r['documents']} pages (`../shared/eval/article-extraction`), upstream shingle metric; "
        f"every row scored by the same code in the same {machine(run)}.",
        "",
        _table(["tool", "source", "precision", "recall", "F1"], body, "llrrr"),
        "",
        f"Goal: F1 ≥ {goal} (trafilatura 2.0.0 published 0.958). newsdesk: {ours['f1']:.3f}, {verdict} it.",
    ])


def read_speed(r: dict, run: dict) -> str:
    """(b) HTML read speed: read_html against plain trafilatura.extract on the same pages."""
    import statistics

    pages = r["pages"]
    theirs, ours = statistics.median(r["trafilatura_s"]), statistics.median(r["newsdesk_s"])
    version = _version("trafilatura")
    body = [
        [f"trafilatura {version} `extract()`", f"{theirs:.2f}", f"{1000 * theirs / pages:.1f}", "1.00×"],
        ["**newsdesk `read_html()`**", f"{ours:.2f}", f"{1000 * ours / pages:.1f}", f"**{r['ratio']:.2f}×**"],
    ]
    verdict = "meets" if r["ratio"] <= r["goal_ratio"] else "misses"
    return "\n".join([
        f"**HTML read speed** — the same {pages} pages (`../shared/eval/article-extraction`), one process, "
        f"interleaved page by page, median of {r['repeats']} passes over all pages; {machine(run)}.",
        "",
        _table(["reader", "seconds per pass", "ms per page", "time ÷ trafilatura"], body),
        "",
        f"Goal: ≤ {r['goal_ratio']}× trafilatura's time; newsdesk {verdict} it. `read_html` also extracts "
        "metadata, captions, sections and diagnostics.",
    ])


def quotes(r: dict, run: dict) -> str:
    """(c) quotes on PolNeAR: content and speaker spans, exact and overlap, ours vs textacy."""
    parts = [("content", "exact"), ("content", "overlap"), ("speaker", "exact"), ("speaker", "overlap")]

    def cells(s: dict, bold: bool) -> list[str]:
        out = []
        for part, kind in parts:
            c = s[part][kind]
            f1 = f"**{c['f1']:.3f}**" if bold else f"{c['f1']:.3f}"
            out.append(f"{c['precision']:.3f} / {c['recall']:.3f} / {f1}")
        return out

    def label(system: str) -> str:
        if system == "textacy":
            return f"textacy {r.get('textacy_version') or ''} `direct_quotations`".replace("  ", " ")
        if system == "newsdesk rules":
            return "newsdesk, rules alone"
        return "**newsdesk**" if system == "newsdesk" else system

    body = []
    for key, note in (("scores", "all attributions"), ("scores_quoted_only", "quoted material only")):
        for system, s in r[key].items():
            found = str(r["predicted"][system]) if key == "scores" else ""
            body.append([label(system), note, found, *cells(s, system == "newsdesk")])
    ours = r["scores"]["newsdesk"]
    speaker, content = ours["speaker"]["overlap"]["f1"], ours["content"]["overlap"]["f1"]
    speaker_exact = ours["speaker"]["exact"]["f1"]
    model = r.get("attribution_model") or {}
    trained = ""
    if model.get("cross_validation"):
        cv, rules = model["cross_validation"]["model"], model["cross_validation"]["rules"]
        trained = (f" The learned attribution model ({model['version']}, {model['trained_on'].split(':')[0]}; "
                   f"{model['licence']}) adds to the rules what they miss, and its filter drops the reads "
                   f"annotators do not mark; {model['folds']}-fold cross-validation "
                   "on train, F1 with the model / rules alone: " + ", ".join(
                       f"{k.replace('_', ' ')} {cv[k]:.3f} / {rules[k]:.3f}" for k in cv) + ".")
    peer = ""
    if r.get("textacy_version"):
        peer = (f" textacy gave up on {r['textacy_gave_up']} of {r['articles']} articles (an odd number of "
                "quotation marks), which counts as no quotes found.")
    else:
        peer = " textacy was not installed: no peer row."
    head = ["system", "gold set", "quotes found", *(f"{p} {k} P / R / F1" for p, k in parts)]
    return "\n".join([
        f"**Quotes** — PolNeAR dev, {r['articles']} articles of 2016 US election news ({r['annotations']} "
        "annotations; articles annotated twice count once, averaged) (`../shared/eval/polnear/dev`); "
        f"both systems read the same spaCy parse, model {r['model']}; {machine(run)}.",
        "",
        _table(head, body, "llrrrrr"),
        "",
        "Overlap counts shared tokens (Citron-style); \"quoted material only\": gold attributions whose content "
        "holds quotation marks, and our direct and mixed quotes." + peer + trained,
        f"Goals: speaker overlap F1 ≥ 0.85 (newsdesk {speaker:.3f}, {_meets(speaker, 0.85)}), content overlap "
        f"F1 ≥ 0.85 (newsdesk {content:.3f}, {_meets(content, 0.85)}), speaker exact F1 ≥ 0.80 (newsdesk "
        f"{speaker_exact:.3f}, {_meets(speaker_exact, 0.80)}); Citron on PARC 3.0: 85.3 / 83.3 overlap.",
    ])


def analyze_speed(r: dict, run: dict) -> str:
    """(d) analyze_many with 1 and 2 processes beside the bare spaCy parse."""
    body = []
    for x in r["rows"]:
        body.append([
            str(x["processes"]), str(x["articles"]),
            f"{x['parse_s']:.1f}", f"{x['parse_articles_per_s']:.1f}",
            f"{x['analyze_s']:.1f}", f"**{x['analyze_articles_per_s']:.1f}**", f"{x['ratio_to_parse']:.2f}×",
            "–" if x.get("coverage") is None else f"{x['coverage']:.1%}",
        ])
    two = next((x for x in r["rows"] if x["processes"] == 2), r["rows"][-1])
    return "\n".join([
        f"**Analysis speed** — `analyze_many` on the {two['articles']} CNN/DailyMail articles of "
        "`../shared/eval/cnndm/dev.jsonl`, beside the bare spaCy parse (`nlp.pipe`, same texts, same "
        f"processes); {machine(run)}.",
        "",
        _table(["processes", "articles", "parse s", "parse articles/s", "analyze_many s", "analyze articles/s",
                "analyze ÷ parse", "text analysed"], body),
        "",
        f"Goals on 2 cores: ≥ 6 articles/s (2 processes: {two['analyze_articles_per_s']:.1f}, "
        f"{_meets(two['analyze_articles_per_s'], 6)}) and the whole analysis ≤ 2× the parse "
        f"({two['ratio_to_parse']:.2f}×, {_meets(2, two['ratio_to_parse'])}). `analyze_many` also reads each "
        "text (the saved-text rules) before parsing it; the data set has no headlines, so each text is given "
        "a one-line headline, and \"text analysed\" is the share of the articles' characters in the bodies "
        "analysed. The 2-process parse is spaCy's own `n_process=2`.",
    ])


def stages(ents: dict, qd: dict, quotes_run: dict | None, run: dict) -> str:
    """(e) what each language stage costs beside the parse it needs."""
    body = [
        ["spaCy parse (entities run)", f"{ents['parse_ms']:.1f}", "100%"],
        ["entities (with roles and mentions)", f"{ents['entities_ms']:.2f}", f"{ents['ratio']:.1%}"],
        ["spaCy parse (quantities and dates run)", f"{qd['parse_ms']:.1f}", "100%"],
        ["quantities", f"{qd['quantities_ms']:.2f}", f"{qd['quantities_ms'] / qd['parse_ms']:.1%}"],
        ["dates, first pass (dateparser cache empty)", f"{qd['dates_cold_ms']:.2f}",
         f"{qd['dates_cold_ms'] / qd['parse_ms']:.1%}"],
        ["dates, second pass", f"{qd['dates_warm_ms']:.2f}", f"{qd['dates_warm_ms'] / qd['parse_ms']:.1%}"],
        ["**quantities + dates (first pass)**", f"{qd['quantities_ms'] + qd['dates_cold_ms']:.2f}",
         f"**{qd['ratio']:.1%}**"],
    ]
    lines = [
        f"**Per-stage cost** — one process, per article, on the {ents['articles']} CNN/DailyMail articles of "
        f"`../shared/eval/cnndm/dev.jsonl` (≈ {ents['tokens']:.0f} tokens each); {machine(run)}.",
        "",
        _table(["stage", "ms per article", "% of the parse"], body),
        "",
        f"Per article: {ents['entities']:.1f} entities ({ents['mentions']:.1f} mentions), "
        f"{qd['quantities']:.1f} quantities, {qd['dates']:.1f} dates. Budget: the whole analysis ≤ 2× the parse.",
    ]
    speed = (quotes_run or {}).get("articles_per_second") or {}
    if speed.get("parse") and speed.get("newsdesk"):
        parse_ms, quotes_ms = 1000 / speed["parse"], 1000 / speed["newsdesk"]
        share = quotes_ms / parse_ms
        lines[-1] += (f" Quotes (the rules and the attribution model), measured on PolNeAR dev in the quotes run: "
                      f"{quotes_ms:.1f} ms per article, {share:.1%} of its parse ({parse_ms:.0f} ms; goal ≤ 25 %, "
                      f"{_meets(0.25, share)}).")
    return "\n".join(lines)


def events(r: dict, run: dict, desk: dict | None = None) -> str:
    """Events against hand-made gold: per field P/R/F1 on the dev set and on the held-out set."""
    sets = [name for name in ("dev", "heldout") if name in r]
    head = ["field"] + [f"{name} {m}" for name in sets for m in ("P", "R", "F1")]
    rows = []
    for field in [*r[sets[0]]["fields"], "overall"]:
        cells = [f"**{field}**" if field == "overall" else field]
        for name in sets:
            f = r[name]["overall"] if field == "overall" else r[name]["fields"][field]
            cells += [_f(f["precision"], 2), _f(f["recall"], 2), _f(f["f1"], 2)]
        rows.append(cells)
    sizes = ", ".join(f"`{n}` {r[n]['articles']} reports / {r[n]['events']['gold']} events" for n in sets)
    return (
        "**Events** — our own war reports (wire, air-force summary, casualty update, two nights in one "
        "story, no figures, diplomacy and aid, front-line strike, monthly tally) against hand-made gold "
        f"(`tests/events/gold/`), {sizes}; {machine(run)}. `heldout` was written by another engineer who "
        "never saw the extractor and is never tuned on: the figure to expect on new reports. No peer tool "
        "extracts these fields offline, so there is no peer column.\n\n"
        + _table(head, rows, "l" + "r" * (len(head) - 1))
        + (("\n\n" + events_real(r["real"], run)) if "real" in r else "")
        + (("\n\n" + desk_reference(desk)) if desk else "")
    )


def desk_reference(d: dict) -> str:
    """The desk of the real reports beside the air force's national figures (benchmarks/events_desk_reference.py)."""
    parts = []
    for kind in ("drone", "missile"):
        c, g = d["desk"][kind], d["gold"][kind]
        n = sum(c.values())
        if n:
            parts.append(f"{kind}s launched: the desk's figure is the air force's on {c['exact']} of {n} nights "
                         f"(within 10 %: {c['exact'] + c['close']}; none read: {c['missing']}), the hand-read "
                         f"figures of the same reports on {g['exact']}")
    months = d["months"]
    return (f"**The desk on real reports** — the {d['reports']} reports ingested into one desk "
            f"({d['ingest_s']:.0f} s), each night the desk holds an attack on beside the reference CSV "
            f"({d['nights']} nights): " + "; ".join(parts) + ". Over the months spanned the desk's nights account "
            f"for {_f(months['drone']['share'], 2)} of the drones and {_f(months['missile']['share'], 2)} of the "
            "missiles the reference counts (the nights no report covers make the rest).")


def events_real(real: dict, run: dict) -> str:
    """The real-reports set: attack figure fields, drones launched exact, invented attacks, reference agreement."""
    rows = [[name, _f(f["precision"], 2), _f(f["recall"], 2), _f(f["f1"], 2)]
            for name, f in real["attack_fields"].items()]
    fig = real["figures"]
    rows.append(["**figures**", _f(fig["precision"], 2), _f(fig["recall"], 2), _f(fig["f1"], 2)])
    d = real["drones_launched"]
    lines = [
        f"**Events on real reports** — {real['reports']} real wire and press reports of air attacks and "
        f"{real['negatives']} negatives (tallies, diplomacy, aid), {real['outlets']} outlets, "
        f"{', '.join(real['years'])}, hand-read gold (`tests/events/gold/real/`; the page texts are not in the "
        f"repository: `scripts/events-real-cache`); {machine(run)}. Attack figure fields, goal F1 ≥ 0.92:",
        "",
        _table(["field", "P", "R", "F1"], rows, "lrrr"),
        "",
        f"Drones launched exact in {d['exact']} of {d['gold']} attacks (goal 90 %); attacks invented in reports: "
        f"{real['invented']}; attacks read from negatives: {real['from_negatives']} (goal 0).",
    ]
    ref = real.get("reference")
    if ref:
        parts = [f"{what} {_f(row['predicted_share'], 2)} (the reports' own figures: {_f(row['gold_share'], 2)}; "
                 f"{row['nights']} reports)" for what, row in ref.items()]
        lines.append(f"Agreement with the air force's national figures of the night (the reference CSV): "
                     f"{'; '.join(parts)}.")
    speed = real.get("speed")
    if speed:
        lines.append(f"The events stage takes {speed['events_ms']:.1f} ms a report, {_f(speed['share'], 3)} of the "
                     f"spaCy parse of the same texts ({speed['parse_ms']:.0f} ms; goal ≤ 0.10).")
    return "\n".join(lines)


def _meets(value: float, goal: float) -> str:
    return "met" if value >= goal else "not met"


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def render(results: Path) -> str:
    """The markdown block (without its markers) from the JSON in ``results``."""
    import render_more  # beside this script: the key points, desk and HTTP tables

    r = {name: json.loads((results / f"{name}.json").read_text(encoding="utf-8")) for name in BENCHMARKS}
    run = json.loads((results / "run.json").read_text(encoding="utf-8"))
    return "\n\n".join([
        extraction(r["article_extraction"], run),
        render_more.extraction_rest(r["article_extraction_rest"], run),
        read_speed(r["speed_read_html"], run),
        quotes(r["quotes_polnear"], run),
        analyze_speed(r["speed_analyze"], run),
        stages(r["entities_speed"], r["quantities_dates_speed"], r["quotes_polnear"], run),
        render_more.reader_sets(r["reader_heldout"], run),
        render_more.reader_rendered(r["reader_rendered"], run),
        events(r["events_eval"], run, r["events_desk_reference"]),
        render_more.keypoints(r["keypoints_rouge"], r["keypoints_speed"], run),
        render_more.desk_ingest(r["desk_ingest"], r["desk_dedup_pairs"], r["speed_analyze"], run),
        render_more.web_load(r["web_load"], r["speed_analyze"], run),
        render_more.fetch_watch(r["fetch_watch"], run),
        render_more.web_writes(r["web_writes"], run),
        render_more.dask_analysis(r["dask_analysis"], run),
    ])


def replace_block(readme: str, block: str) -> str:
    """``readme`` with the text between the figure markers replaced by ``block``."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(readme):
        raise SystemExit(f"render_readme: no {START} … {END} block in the README")
    return pattern.sub(lambda _: f"{START}\n{block}\n{END}", readme, count=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--readme", type=Path, default=None, help="rewrite the figures block of this file")
    parser.add_argument("--stamp", choices=("start", "end"), help="record the run's date and machine, then stop")
    args = parser.parse_args(argv)
    if args.stamp:
        stamp(args.results, args.stamp)
        return 0
    missing = [n for n in (*BENCHMARKS, "run") if not (args.results / f"{n}.json").exists()]
    if missing:
        print(f"render_readme: no results for {', '.join(missing)} in {args.results} (run scripts/bench)",
              file=sys.stderr)
        return 2
    block = render(args.results)
    if args.readme is None:
        print(block)
        return 0
    args.readme.write_text(replace_block(args.readme.read_text(encoding="utf-8"), block), encoding="utf-8")
    print(f"render_readme: figures written to {args.readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
