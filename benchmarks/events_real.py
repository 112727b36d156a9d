"""The real-reports events set: hand-read gold in ``tests/events/gold/real/``, page texts in a git-ignored cache.

    .venv/bin/python benchmarks/events_real.py            # which texts are cached, missing or changed
    .venv/bin/python benchmarks/events_real.py --stamp    # write text_sha256 into gold files that lack it
    .venv/bin/python benchmarks/events_real.py --fetch    # try to download the missing pages (needs the web)
    .venv/bin/python benchmarks/events_real.py --put SLUG FILE   # cache a stored copy of one page's text

``--put`` takes the text as plain UTF-8 or as one JSON string literal (the excerpt exactly as a search answer
quotes it, escapes and all); it is cached only when its SHA-256 is the one the gold was read from, and
otherwise kept apart in ``.cache/events-real-unverified/`` for a reader to compare.

The texts are third-party pages and never enter the repository: each lives in ``.cache/events-real/<slug>.txt``
(``NEWSDESK_EVENTS_CACHE`` moves it). The gold was read from one stored copy of each page, whose SHA-256 the
gold file keeps; a text that differs (a refetched page has other furniture, or has been edited since) is
reported and scored apart, never silently. ``scripts/events-real-cache`` runs this script.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "events" / "gold" / "real"
CACHE = Path(os.environ.get("NEWSDESK_EVENTS_CACHE", REPO / ".cache" / "events-real"))


@dataclass
class Report:
    slug: str
    gold: dict
    text_path: Path

    @cached_property
    def text(self) -> str | None:
        return self.text_path.read_text(encoding="utf-8") if self.text_path.is_file() else None

    @property
    def status(self) -> str:
        """``cached`` (the text the gold was read from), ``changed``, ``unstamped`` or ``missing``."""
        text = self.text
        if text is None:
            return "missing"
        want = self.gold.get("text_sha256")
        if want is None:
            return "unstamped"
        return "cached" if sha256(text) == want else "changed"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reports(gold_dir: Path = GOLD, cache: Path = CACHE) -> list[Report]:
    """Every gold file of the set, in name order, with where its text is cached."""
    return [Report(p.stem, json.loads(p.read_text(encoding="utf-8")), cache / f"{p.stem}.txt")
            for p in sorted(gold_dir.glob("*.json"))]


def usable(gold_dir: Path = GOLD, cache: Path = CACHE) -> list[Report]:
    """The reports whose cached text is the one their gold was read from (or not yet stamped)."""
    return [r for r in reports(gold_dir, cache) if r.status in ("cached", "unstamped")]


def _fetch(report: Report) -> str:
    """Download a page and keep its main text (trafilatura); needs network access."""
    import trafilatura

    html = trafilatura.fetch_url(report.gold["url"])
    if not html:
        return "not downloaded"
    text = trafilatura.extract(html, include_comments=False, with_metadata=False)
    if not text:
        return "downloaded, but no text extracted"
    report.text_path.parent.mkdir(parents=True, exist_ok=True)
    report.text_path.write_text(text, encoding="utf-8")
    report.__dict__.pop("text", None)  # the cached_property read the file before it existed
    return "fetched (it may differ from the copy the gold was read from: see the status)"


def _put(all_reports: list[Report], slug: str, source: Path) -> tuple[bool, str]:
    """Cache ``source`` as the text of report ``slug`` when it is the text the gold was read from."""
    found = {r.slug: r for r in all_reports}
    if slug not in found:
        return False, f"{slug}: no such report in {GOLD.relative_to(REPO)}"
    raw = source.read_text(encoding="utf-8")
    text = raw
    if raw.strip().startswith('"'):
        try:
            text = json.loads(raw.strip())
        except json.JSONDecodeError as exc:
            return False, f"{source}: starts with a quote but is not one JSON string ({exc.msg})"
    report = found[slug]
    want = report.gold.get("text_sha256")
    # cached texts are text files ending with one newline; a stored copy may end with none, several or spaces
    variants = [text.rstrip("\n") + "\n", text.rstrip() + "\n", text, text.rstrip("\n"), text + "\n"]
    text = next((v for v in variants if want is not None and sha256(v) == want), variants[0])
    if want is not None and sha256(text) != want:
        aside = report.text_path.parent.parent / "events-real-unverified" / f"{slug}.txt"
        aside.parent.mkdir(parents=True, exist_ok=True)
        aside.write_text(text, encoding="utf-8")
        return False, f"{slug}: this text is not the one the gold was read from (SHA-256 differs); kept in {aside}"
    report.text_path.parent.mkdir(parents=True, exist_ok=True)
    report.text_path.write_text(text, encoding="utf-8")
    report.__dict__.pop("text", None)
    return True, f"{slug}: cached" + ("" if want else " (unstamped: --stamp records it)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stamp", action="store_true", help="record the SHA-256 of cached texts not yet stamped")
    parser.add_argument("--fetch", action="store_true", help="download the missing pages")
    parser.add_argument("--put", nargs=2, metavar=("SLUG", "FILE"), help="cache FILE as the text of report SLUG")
    args = parser.parse_args(argv)
    all_reports = reports()
    if args.put:
        ok, line = _put(all_reports, args.put[0], Path(args.put[1]))
        print(line, file=sys.stdout if ok else sys.stderr)
        return 0 if ok else 2
    if args.fetch:
        for r in all_reports:
            if r.status == "missing":
                print(f"{r.slug}: {_fetch(r)}")
    if args.stamp:
        for r in all_reports:
            if r.status == "unstamped":
                r.gold["text_sha256"] = sha256(r.text)
                path = GOLD / f"{r.slug}.json"
                path.write_text(json.dumps(r.gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    counts: dict[str, list[Report]] = {}
    for r in all_reports:
        counts.setdefault(r.status, []).append(r)
    print(f"{len(all_reports)} reports in {GOLD.relative_to(REPO)}; texts in {CACHE}")
    for status in ("cached", "unstamped", "changed", "missing"):
        found = counts.get(status, [])
        print(f"  {status}: {len(found)}")
        if status in ("changed", "missing"):
            for r in found:
                print(f"    {r.slug}  {r.gold['url']}")
    if counts.get("missing"):
        print("Missing texts: fill them from a stored copy of each url (the search tool's pages corpus), or "
              "--fetch them where the web is reachable.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
