"""How much of each golden set the saved-text reader gets right: one figure per set.

    .venv/bin/python benchmarks/reader_heldout.py [--failures] [--json PATH]

For each golden folder (``tests/read/golden``, ``golden/heldout``, ``golden/heldout2``) and its pages
(``examples/``, ``examples/heldout/``, ``examples/heldout2/``), every page is read and checked exactly
as the golden tests check it (their helpers are reused): one check per field (headline, standfirst,
byline, dateline, published, wire, publisher_key_points, captions, sections) plus "no furniture in
text" and "every body sentence in text", 11 checks a page. The figure is the fraction passing.
``--failures`` also names the failing (page, check) pairs, never the page text.

The real pages saved as text (``tests/read/gold/real``, texts in the git-ignored cache: see
``benchmarks/reader_real.py``) are printed beside them, checked by kind, when their texts are cached.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import newsdesk  # noqa: E402


def _helpers():
    path = REPO / "tests" / "read" / "test_text_golden.py"
    spec = importlib.util.spec_from_file_location("_newsdesk_text_golden_helpers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_g = _helpers()
SETS = {"golden": "", "heldout": "heldout", "heldout2": "heldout2"}
CHECKS = (*_g.COMPARED, "no_furniture_in_text", "every_body_sentence_in_text")


def check_page(page: Path, gold: dict) -> dict[str, bool]:
    art = newsdesk.read(page)
    result = {key: _g.actual(art, key) == gold[key] for key in _g.COMPARED}
    unwanted = list(gold.get("furniture", [])) + [c["text"] for c in gold["captions"]] + gold["publisher_key_points"]
    result["no_furniture_in_text"] = not any(_g._occurs(phrase, art.text) for phrase in unwanted)
    result["every_body_sentence_in_text"] = all(
        sentence in art.text
        for section in gold["sections"]
        for paragraph in section["paragraphs"]
        for sentence in _g._sentences(paragraph)
    )
    return result


def measure(sub: str) -> dict[str, dict[str, bool]]:
    examples, golden = _g.EXAMPLES / sub, _g.GOLDEN / sub
    out = {}
    for page in sorted(examples.glob("*.txt")):
        gold_path = golden / f"{page.stem}.json"
        if gold_path.is_file():
            out[page.stem] = check_page(page, json.loads(gold_path.read_text(encoding="utf-8")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="name the failing checks per page")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    figures = {}
    print(f"{'set':<10} {'pages':>5} {'checks':>7} {'passing':>8}")
    for name, sub in SETS.items():
        results = measure(sub)
        total = sum(len(r) for r in results.values())
        passed = sum(sum(r.values()) for r in results.values())
        fraction = passed / total if total else 0.0
        figures[name] = {"pages": len(results), "checks": total, "passed": passed, "fraction": round(fraction, 4)}
        print(f"{name:<10} {len(results):>5} {total:>7} {fraction:>8.1%}")
        if args.failures:
            for stem, r in results.items():
                failing = [c for c in CHECKS if not r[c]]
                if failing:
                    print(f"    {stem}: {', '.join(failing)}")
    import reader_real  # beside this script: the real pages saved as text, from the git-ignored cache

    results, left_out = reader_real.measure()
    if results:
        real = reader_real.summary(results)
        real["left_out"], real["outlets"] = left_out, reader_real.outlets()
        figures["real"] = real
        kinds = ", ".join(f"{k} {v['fraction']:.0%}" for k, v in real["by_kind"].items() if v["checks"])
        print(f"{'real':<10} {real['pages']:>5} {real['checks']:>7} {real['fraction']:>8.1%}   ({kinds})")
    results, left_out = reader_real.measure(reader_real.HELDOUT)
    if results:
        held = reader_real.summary(results)
        held["left_out"], held["outlets"] = left_out, reader_real.outlets(reader_real.HELDOUT)
        figures["real_heldout"] = held
        kinds = ", ".join(f"{k} {v['fraction']:.0%}" for k, v in held["by_kind"].items() if v["checks"])
        print(f"{'real held':<10} {held['pages']:>5} {held['checks']:>7} {held['fraction']:>8.1%}   ({kinds})")
    if args.json:
        write_figures(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
