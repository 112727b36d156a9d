"""Ingest into the desk's store: articles/s, memory as the count grows, store size, duplicate P/R.

    .venv/bin/python benchmarks/desk_ingest.py [--count 2000] [--processes 2] [--engine sqlite|postgresql|both]
        [--postgres URL] [--json PATH]

``--engine both`` ingests the same inputs into a SQLite file and into a PostgreSQL database (``--postgres URL``,
else a throw-away cluster of Debian's server started as the tests start it), one after the other.

Data, built in a temp dir: the 150 CNN/DailyMail articles of ../shared/eval/cnndm/dev.jsonl and our
own 16 articles of tests/desk/fixtures/dedup (3 wire stories run by 3 outlets, and 4 different
stories on the same topics), plus edited copies of the CNN/DM articles up to ``--count`` inputs:
a sentence dropped, words changed, furniture lines added (byline, "Advertisement", share and
copyright lines, "Read more" links), all three at once, the first 60 % of the story, its first
quarter (at least three sentences: an outlet running the lead of a wire story), and near-identical
copies (curly quotes, spacing: exact copies by content hash). Every copy is a file of its own, with
its own headline; the order is shuffled (seeded), so the first copy of a story may be any of its
versions.

Duplicate precision/recall: an input is a copy when an earlier input is of the same story; it is
found when it was recognised (an exact copy not stored, or a near copy linked) and linked to that
story; recall is also given by edit, with the copies missed. Memory: RSS of the ingesting process
and its analysis workers, sampled at 25/50/100 % of the inputs (2,000: 500/1,000/2,000). Speed:
inputs/s over the whole run and new (analysed) articles/s; then the same folder again (every input
an exact copy: the cost of a re-run). The load average is recorded: on a shared machine the speed
figures move with it.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script
from postgres import postgres_database  # benchmarks/postgres.py

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "cnndm" / "dev.jsonl"
OWN = REPO / "tests" / "desk" / "fixtures" / "dedup"
KINDS = ("dropped", "swapped", "furniture", "combined", "truncated", "lead", "near_identical")
SWAPS = {"said": "told reporters", "after": "following", "about": "around", "but": "however", "big": "large",
         "also": "too", "started": "began", "more than": "over", "police": "officers", "people": "residents"}
FURNITURE_TOP = ["By {who} | Published {hh}:{mm}", "{who} for MailOnline", "Updated: {hh}:{mm} GMT",
                 "Staff and agencies"]
FURNITURE_MID = ["Advertisement", "ADVERTISEMENT", "Scroll down for video", "Read more: {headline}"]
FURNITURE_END = ["Share this article", "Copyright {year} {who}. All rights reserved.", "Follow us on X and Facebook",
                 "Sign up for our morning newsletter", "Related: {headline}"]


def sentences(text: str) -> list[str]:
    cut = r"(?:(?<=[.!?])|(?<=[.!?][\"'\u2019\u201d]))\s+(?=[A-Z\"'\u2018\u201c])"
    return [s for s in re.split(cut, text.strip()) if s]


def page(headline: str, parts: list[str], top: list[str] = (), mid: list[str] = (), end: list[str] = ()) -> str:
    paras = [" ".join(parts[i:i + 3]) for i in range(0, len(parts), 3)]
    if mid and len(paras) > 2:
        paras.insert(len(paras) // 2, mid[0])
    return "\n\n".join([headline, *top, *paras, *end]) + "\n"


def edited(kind: str, headline: str, text: str, rng: random.Random) -> str:
    """One outlet's copy of a story."""
    parts = sentences(text)
    fill = {"who": rng.choice(["Daily Mail Reporter", "Associated Press", "Reuters", "CNN Wire"]),
            "hh": f"{rng.randint(0, 23):02d}", "mm": f"{rng.randint(0, 59):02d}", "year": rng.randint(2014, 2016),
            "headline": rng.choice(["Storms to hit coast", "Minister resigns", "Club in crisis talks"])}
    top = [rng.choice(FURNITURE_TOP).format(**fill)]
    mid = [rng.choice(FURNITURE_MID).format(**fill)]
    end = [line.format(**fill) for line in rng.sample(FURNITURE_END, 2)]
    title = f"{headline} ({rng.choice(['update', 'video', 'pictures', 'latest'])} {rng.randint(1, 99)})"
    if kind in ("dropped", "combined") and len(parts) > 3:
        del parts[rng.randrange(1, len(parts))]
    if kind in ("swapped", "combined"):
        body = " ".join(parts)
        for old in rng.sample(sorted(SWAPS), 4):
            body = re.sub(rf"\b{old}\b", SWAPS[old], body, count=1)
        parts = sentences(body)
    if kind == "truncated":
        parts = parts[:max(2, int(len(parts) * 0.6))]
    if kind == "lead":  # an outlet running the first quarter of the story (at least three sentences)
        parts = parts[:max(3, len(parts) // 4)]
    if kind == "near_identical":
        body = " ".join(parts).replace("'", "\u2019").replace('"', "\u201c")
        return page(headline, sentences(body))
    if kind in ("furniture", "combined", "truncated", "lead"):
        return page(title, parts, top, mid, end)
    return page(title, parts)


def build_inputs(folder: Path, count: int, seed: int = 7) -> tuple[dict[str, str], dict[str, str]]:
    """Write the inputs; returns (file name → story, file name → how it was made: "original" or an edit kind)."""
    rng = random.Random(seed)
    with DATA.open(encoding="utf-8") as fh:
        cnn = [json.loads(line) for line in fh if line.strip()]
    files: list[tuple[str, str, str]] = []  # (story, content, kind)
    for own in sorted(OWN.glob("*.txt")):
        story = own.stem if "-other-" in own.stem else own.stem.split("-")[0]
        files.append((f"own-{story}", own.read_text(encoding="utf-8"), "original"))
    for rec in cnn:
        words = rec["article"].split()
        headline = " ".join(words[:9]).rstrip(",.;:") + "…"
        files.append((rec["id"], page(headline, sentences(rec["article"])), "original"))
    for n in range(max(0, count - len(files))):
        rec = cnn[n % len(cnn)]
        kind = KINDS[(n // len(cnn)) % len(KINDS)]
        headline = " ".join(rec["article"].split()[:9]).rstrip(",.;:") + "…"
        files.append((rec["id"], edited(kind, headline, rec["article"], rng), kind))
    rng.shuffle(files)
    truth, made = {}, {}
    for i, (story, content, kind) in enumerate(files[:count]):
        name = f"{i:05d}.txt"
        (folder / name).write_text(content, encoding="utf-8")
        truth[name], made[name] = story, kind
    return truth, made


def rss_mb() -> float:
    """Resident memory of this process and its live children (the analysis workers), in MB."""
    total = 0
    for pid in [os.getpid(), *(p.pid for p in multiprocessing.active_children())]:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return round(total / 1024, 1)


def duplicate_scores(store, truth: dict[str, str], order: list[str], made: dict[str, str] | None = None,
                     folder: Path | None = None) -> dict:
    """Precision/recall of recognising copies, from what the store says about each input; recall by how each
    copy was made (an "original" is a copy when another version of its story came first) and the copies missed."""
    from newsdesk.desk.store import content_hash
    from newsdesk.read import read

    rows = store.execute("SELECT a.id, a.source, a.content_hash, f.source FROM articles a "
                         "LEFT JOIN articles f ON f.id = a.duplicate_of").fetchall()
    by_name = {Path(src).name: (digest, Path(orig).name if orig else None) for _, src, digest, orig in rows}
    story_of_hash = {digest: truth[Path(src).name] for _, src, digest, orig in rows}
    seen: set[str] = set()
    tp = fp = fn = exact = 0
    by_kind: dict[str, list[int]] = {}  # kind → [found, copies]
    missed: list[dict] = []
    for name in order:
        story, is_copy = truth[name], truth[name] in seen
        seen.add(story)
        if name in by_name:
            orig = by_name[name][1]
            flagged, right = orig is not None, orig is not None and truth[orig] == story
        else:  # not stored: an exact copy (or a failure, counted as missed)
            digest = content_hash(read(folder / name).text)
            flagged = digest in story_of_hash
            right = flagged and story_of_hash[digest] == story
            exact += flagged
        tp += flagged and right
        fp += flagged and not right
        fn += is_copy and not right
        if is_copy:
            counts = by_kind.setdefault((made or {}).get(name, "?"), [0, 0])
            counts[0] += bool(right)
            counts[1] += 1
            if not right:
                missed.append(_missed(store, folder / name, story, made.get(name, "?") if made else "?", truth,
                                      by_name))
    fuller = sum(m["fuller_version"] for m in missed)
    return {"copies": tp + fn, "found": tp + fp, "exact_copies": exact, "missed_count": len(missed),
            "missed_fuller_versions": fuller,
            "recall_fuller_versions_apart": round(tp / (tp + fn - fuller), 4) if tp + fn - fuller else 1.0,
            "recall_by_kind": {k: {"copies": c, "recall": round(f / c, 4)} for k, (f, c) in sorted(by_kind.items())},
            "missed": [m for m in missed if not m["fuller_version"]][:30],
            "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0}


def _missed(store, path: Path, story: str, kind: str, truth: dict[str, str], by_name: dict) -> dict:
    """A copy not recognised, beside the earlier stored first copy of its story most similar to it: the estimated
    similarity, the share of its shingles in that one (``contained``) and of that one's in it (``holds``). An
    input holding a shorter earlier version (holds ≥ CONTAINMENT) is a fuller version, stored by design."""
    from newsdesk.desk import dedup
    from newsdesk.read import read

    name = path.name
    sig, size = dedup.sketch(read(path).text)
    best = {"kind": kind, "story": story, "similarity": 0.0, "contained": 0.0, "holds": 0.0}
    for other, (_digest, orig) in by_name.items():
        if other >= name or orig is not None or truth[other] != story:
            continue
        row = store.execute("SELECT signature, shingle_count FROM articles WHERE source LIKE ?",
                            (f"%/{other}",)).fetchone()
        if row is None or row[0] is None or sig is None:
            continue
        score = dedup.similarity(sig, dedup.from_bytes(row[0]))
        if score >= best["similarity"]:
            best.update(similarity=round(score, 3), contained=round(dedup.containment(score, size, row[1] or 0), 3),
                        holds=round(dedup.containment(score, row[1] or 0, size), 3))
    best["fuller_version"] = best["holds"] >= dedup.CONTAINMENT
    return best


def ingest_into(location, folder: Path, truth: dict[str, str], made: dict[str, str], count: int,
                processes: int) -> dict:
    """Ingest the folder into the store at ``location``, then again; the figures of both runs."""
    from newsdesk.desk.ingest import ingest
    from newsdesk.desk.store import open_store

    marks = sorted({max(1, count // 4), max(1, count // 2), count})
    samples: list[dict] = []
    load_start = [round(x, 2) for x in os.getloadavg()]
    start = time.perf_counter()

    def progress(done: int, total: int | None) -> None:
        if marks and done >= marks[0]:
            marks.pop(0)
            samples.append({"inputs": done, "seconds": round(time.perf_counter() - start, 1), "rss_mb": rss_mb()})

    import newsdesk.desk.ingest as module

    writes: list[float] = []  # seconds of each article's write transaction (the store's write lock held)
    real_insert = module._Run._insert

    def timed_insert(self, job, analysis, first):
        began = time.perf_counter()
        try:
            return real_insert(self, job, analysis, first)
        finally:
            writes.append(time.perf_counter() - began)

    module._Run._insert = timed_insert
    try:
        with open_store(location) as store:
            summary = ingest(store, [folder], processes=processes, progress=progress)
            elapsed = time.perf_counter() - start
    finally:
        module._Run._insert = real_insert
    writes.sort()
    with open_store(location) as store:
        if store.engine == "sqlite":
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = store.size()
        scores = duplicate_scores(store, truth, sorted(truth), made, folder)
        again_start = time.perf_counter()
        again = ingest(store, [folder], processes=processes)
        again_s = time.perf_counter() - again_start
        stats = store.stats()
        engine = store.engine
        relations = relation_sizes(store) if engine == "postgresql" else {}
    return {
        "engine": engine, "new": summary["new"], "exact_copies": summary["exact_copies"],
        "near_copies": summary["near_copies"], "failed": len(summary["failed"]), "seconds": round(elapsed, 1),
        "inputs_per_s": round(count / elapsed, 2), "new_articles_per_s": round(summary["new"] / elapsed, 2),
        "memory": samples, "store_mb": round(size / 1e6, 2), "store_kb_per_input": round(size / 1e3 / count, 1),
        "duplicates": scores, "rerun_seconds": round(again_s, 1), "rerun_inputs_per_s": round(count / again_s, 1),
        "rerun_new": again["new"],
        "load": {"start": load_start, "end": [round(x, 2) for x in os.getloadavg()]},
        "stats": {k: stats[k] for k in ("articles", "duplicates", "stories", "events")},
        "relations_mb": relations,
        "write_ms": {"mean": round(1000 * sum(writes) / max(len(writes), 1), 1),
                     "p95": round(1000 * writes[int(0.95 * (len(writes) - 1))], 1) if writes else 0.0,
                     "articles": len(writes)},
    }


def relation_sizes(store) -> dict[str, float]:
    """MB on disk of each of the desk's tables (with its TOAST, without indexes) and each index, in PostgreSQL."""
    rows = store.execute(
        "SELECT c.relname, c.relkind, CASE WHEN c.relkind = 'i' THEN pg_relation_size(c.oid) "
        "ELSE pg_table_size(c.oid) END FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') ORDER BY 3 DESC").fetchall()
    return {f"{name}{' (index)' if kind == 'i' else ''}": round(size / 1e6, 2) for name, kind, size in rows
            if size >= 100_000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="inputs to build and ingest")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="sqlite",
                        help="the store(s) to ingest into, one after the other, from the same inputs")
    parser.add_argument("--postgres", default=None,
                        help="an empty PostgreSQL database's URL (else a throw-away cluster is started)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"desk_ingest: {DATA} not found (clone ../shared beside the repo)", file=sys.stderr)
        return 2

    from newsdesk.desk.dedup import THRESHOLD
    from newsdesk.language.nlp import load_nlp

    engines = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    runs: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as tmp:
        folder = Path(tmp) / "inputs"
        folder.mkdir()
        truth, made = build_inputs(folder, args.count)
        load_nlp()  # the model is loaded before the clock starts, as in a long-running desk
        for engine in engines:
            with (postgres_database(args.postgres) if engine == "postgresql"
                  else nullcontext(Path(tmp) / "desk.sqlite")) as location:
                runs[engine] = ingest_into(location, folder, truth, made, args.count, args.processes)

    first = runs[engines[0]]
    figures = {
        "benchmark": "desk_ingest", "inputs": args.count, "processes": args.processes,
        "stories_in_inputs": len(set(truth.values())), "threshold": THRESHOLD, "cpus": os.cpu_count(),
        **first, "engines": runs,
    }
    for engine, run in runs.items():
        show(engine, run, args, figures, THRESHOLD)
    if len(runs) == 2:
        ratio = runs["postgresql"]["inputs_per_s"] / runs["sqlite"]["inputs_per_s"]
        figures["postgresql_vs_sqlite"] = round(ratio, 2)
        print(f"PostgreSQL ingests at {ratio:.2f}x SQLite's inputs/s (same inputs, same run)")
    if args.json:
        write_figures(args.json, figures)
    return 0


def show(engine: str, run: dict, args, figures: dict, threshold: float) -> None:
    scores = run["duplicates"]
    print(f"[{engine}] ingest of {args.count} inputs ({figures['stories_in_inputs']} stories), {args.processes} "
          f"processes: {run['seconds']} s, {run['inputs_per_s']} inputs/s, {run['new_articles_per_s']} new articles/s "
          f"({run['new']} new, {run['exact_copies']} exact copies, {run['near_copies']} near copies, "
          f"{run['failed']} failed)")
    print(f"{'inputs':>7} {'seconds':>8} {'RSS MB':>8}")
    for s in run["memory"]:
        print(f"{s['inputs']:>7} {s['seconds']:>8} {s['rss_mb']:>8}")
    print(f"write transaction per stored article (lock held): mean {run['write_ms']['mean']} ms, "
          f"p95 {run['write_ms']['p95']} ms over {run['write_ms']['articles']}")
    print(f"store: {run['store_mb']} MB ({run['store_kb_per_input']} KB an input); "
          f"duplicates (threshold {threshold}): precision {scores['precision']:.3f}, recall {scores['recall']:.3f} "
          f"over {scores['copies']} copies; re-run: {run['rerun_seconds']} s "
          f"({run['rerun_inputs_per_s']} inputs/s, {run['rerun_new']} new)")
    print("recall by edit: " + ", ".join(f"{k} {v['recall']:.3f} ({v['copies']})"
                                         for k, v in scores["recall_by_kind"].items()))
    print(f"missed {scores['missed_count']} copies, {scores['missed_fuller_versions']} of them fuller versions of an "
          f"earlier shorter one (stored and analysed by design); recall with those apart "
          f"{scores['recall_fuller_versions_apart']:.4f}")
    for miss in scores["missed"]:
        print(f"  missed: {miss['kind']} copy of {miss['story'][:24]}: similarity {miss['similarity']}, "
              f"contained {miss['contained']}, holds {miss['holds']}")
    if run["relations_mb"]:
        print("PostgreSQL relations (MB): " + ", ".join(f"{k} {v}" for k, v in run["relations_mb"].items()))
    print(f"load average (1, 5, 15 min) at the start {run['load']['start']}, at the end {run['load']['end']}; "
          f"{os.cpu_count()} CPUs shared with whatever else runs: speed figures vary with it")


if __name__ == "__main__":
    sys.exit(main())
