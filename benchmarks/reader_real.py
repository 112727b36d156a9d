"""The reader on real pages saved as text: hand-read gold in ``tests/read/gold/real/``, texts in a git-ignored cache.

    .venv/bin/python benchmarks/reader_real.py                 # the share of checks passing, by kind
    .venv/bin/python benchmarks/reader_real.py --failures      # … and which page fails which check
    .venv/bin/python benchmarks/reader_real.py cache [--stamp | --fetch | --put SLUG FILE]   # the text cache
    .venv/bin/python benchmarks/reader_real.py --heldout [cache …]   # the same for the held-out pages

Each cached page is read with ``newsdesk.read`` and checked against its gold, one check per kind: headline,
byline, date, body, captions (where the page has some) and furniture. The conventions are in
``tests/read/gold/real/README.md``. Pages whose cached text is not the one the gold was read from are left
out and counted. ``benchmarks/reader_heldout.py`` prints this set beside the golden sets of our own pages;
``scripts/reader-real-cache`` runs the ``cache`` command.

The held-out pages (``tests/read/gold/real/heldout/``, gathered after the rules were written, from other
outlets) are measured and never tuned on: their figure is the one to expect on pages nobody here has seen.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path

import real_cache  # benchmarks/real_cache.py, beside this script
from figures import write_figures

REPO = real_cache.REPO
GOLD = REPO / "tests" / "read" / "gold" / "real"
HELDOUT = GOLD / "heldout"
CACHE = Path(os.environ.get("NEWSDESK_READER_CACHE", REPO / ".cache" / "reader-real"))
KINDS = ("headline", "byline", "date", "body", "captions", "furniture")

sys.path.insert(0, str(REPO / "src"))

import newsdesk  # noqa: E402


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _occurs(phrase: str, text: str) -> bool:
    """``phrase`` in ``text`` as whole words, spaces normalised ("Share" is not found in "shareholders")."""
    return re.search(r"(?<!\w)" + re.escape(_norm(phrase)) + r"(?!\w)", text) is not None


def _names(byline: str | list[str] | None) -> set[str]:
    """The set of names of a byline ("A, B and C" or a list), case-folded."""
    parts = byline if isinstance(byline, list) else re.split(r",\s*|\s+and\s+|\s*&\s*", byline or "")
    return {_norm(p).casefold() for p in parts if _norm(p)}


def check(article, gold: dict) -> dict[str, bool]:
    """The checks of one page: ``{kind: passed}`` for the kinds its gold has."""
    text = _norm(article.text)
    out = {
        "headline": _norm(article.headline) == _norm(gold["headline"]),
        "byline": _names(article.byline) == _names(gold["byline"]),
        "date": (article.published or "")[:10] == (gold["published"] or ""),
        "body": all(_norm(s) in text for s in gold["body"]),
        "furniture": not any(_occurs(f, text) for f in gold["furniture"]),
    }
    if gold["captions"]:
        out["captions"] = not any(_occurs(c, text) for c in gold["captions"])
    return out


def measure(gold: Path = GOLD) -> tuple[dict[str, dict[str, bool]], int]:
    """``{slug: checks}`` for every usable page, and how many gold pages were left out (text not cached)."""
    all_pages = real_cache.pages(gold, CACHE)
    results = {p.slug: check(newsdesk.read(p.text), p.gold) for p in all_pages if p.status in ("cached", "unstamped")}
    return results, len(all_pages) - len(results)


def outlets(gold: Path = GOLD) -> int:
    """How many outlets the set's pages come from."""
    return len({p.gold["outlet"] for p in real_cache.pages(gold, CACHE)})


def summary(results: dict[str, dict[str, bool]]) -> dict:
    """The pass rate overall and by kind."""
    passed, total = Counter(), Counter()
    for checks in results.values():
        for kind, ok in checks.items():
            total[kind] += 1
            passed[kind] += ok
    n, p = sum(total.values()), sum(passed.values())
    return {"pages": len(results), "checks": n, "passed": p, "fraction": round(p / n, 4) if n else 0.0,
            "by_kind": {k: {"checks": total[k], "passed": passed[k],
                            "fraction": round(passed[k] / total[k], 4) if total[k] else 0.0} for k in KINDS}}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    gold = GOLD
    if argv[:1] == ["--heldout"]:
        gold, argv = HELDOUT, argv[1:]
    if argv[:1] == ["cache"]:
        return real_cache.main(gold, CACHE, argv[1:], description="the reader's real set: its text cache")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="name the failing checks per page")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    results, left_out = measure(gold)
    figures = summary(results)
    figures["left_out"] = left_out
    print(f"real saved pages: {figures['pages']} pages ({left_out} not cached), {figures['checks']} checks, "
          f"{figures['fraction']:.1%} passing")
    for kind, row in figures["by_kind"].items():
        print(f"  {kind:<10} {row['passed']:>4}/{row['checks']:<4} {row['fraction']:.1%}")
    if args.failures:
        for slug, checks in results.items():
            failing = [k for k, ok in checks.items() if not ok]
            if failing:
                print(f"    {slug}: {', '.join(failing)}")
    if args.json:
        write_figures(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
