"""Where the duplicate thresholds sit: similarity and containment of different articles, and of shortened copies.

    .venv/bin/python benchmarks/desk_dedup_pairs.py [--json PATH]

Different articles: every pair of the texts in ../shared/eval (the CNN/DM dev articles, the article-extraction
ground truth's bodies, PolNeAR's texts, read in place) and our examples/ — none is a copy of another, many
share a topic. For each pair, the exact Jaccard similarity of their word 5-shingle sets and the containment
(the share of one's shingles found in the other, the larger of the two ways): the highest values must stay
well under ``dedup.THRESHOLD`` and ``dedup.CONTAINMENT``. Shortened copies: each CNN/DM article cut to its
first 60/50/40/30/20 % of sentences, against the whole: the share whose Jaccard reaches the threshold (what
similarity alone catches). Also ``dedup.evaluate`` on tests/desk/fixtures/dedup.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
import sys
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"


def texts() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    cnn = EVAL / "cnndm" / "dev.jsonl"
    if cnn.exists():
        with cnn.open(encoding="utf-8") as fh:
            found += [(f"cnndm:{json.loads(line)['id']}", json.loads(line)["article"]) for line in fh if line.strip()]
    truth = EVAL / "article-extraction" / "ground-truth.json"
    if truth.exists():
        for key, value in json.loads(truth.read_text(encoding="utf-8")).items():
            if value.get("articleBody"):
                found.append((f"article-extraction:{key[:12]}", value["articleBody"]))
    found += [(f"polnear:{p.name}", p.read_text(encoding="utf-8"))
              for p in sorted((EVAL / "polnear" / "dev" / "text").glob("*.txt"))]
    found += [(f"examples:{p.relative_to(REPO / 'examples')}", p.read_text(encoding="utf-8"))
              for p in sorted((REPO / "examples").rglob("*.txt"))]
    return found


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'\u2018\u201c])", text.strip()) if s]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    import newsdesk
    from newsdesk.desk import dedup

    labelled = texts()
    if len(labelled) < 2:
        print(f"desk_dedup_pairs: no texts under {EVAL} (clone ../shared beside the repo)", file=sys.stderr)
        return 2
    sets = [(name, dedup.shingles(text)) for name, text in labelled]
    pairs = []
    for (na, a), (nb, b) in itertools.combinations(sets, 2):
        if not a or not b:
            continue
        common = len(a & b)
        if common:
            pairs.append({"a": na, "b": nb, "jaccard": round(common / len(a | b), 4),
                          "containment": round(common / min(len(a), len(b)), 4), "smaller": min(len(a), len(b))})
    total_pairs = len(sets) * (len(sets) - 1) // 2
    top_j = sorted(pairs, key=lambda p: -p["jaccard"])[:5]
    top_c = sorted((p for p in pairs if p["smaller"] >= dedup.MIN_CONTAINED), key=lambda p: -p["containment"])[:5]

    cnn = [t for n, t in labelled if n.startswith("cnndm:")]
    cuts = {}
    for share in (0.6, 0.5, 0.4, 0.3, 0.2):
        values = []
        for text in cnn:
            whole = dedup.shingles(text)
            parts = sentences(text)
            cut = dedup.shingles(" ".join(parts[:max(2, int(len(parts) * share))]))
            values.append(len(whole & cut) / len(whole | cut))
        cuts[f"{int(share * 100)}%"] = {"min": round(min(values), 3), "median": round(statistics.median(values), 3),
                                        "share_at_threshold": round(sum(v >= dedup.THRESHOLD for v in values)
                                                                    / len(values), 3)} if values else None

    fixtures = REPO / "tests" / "desk" / "fixtures" / "dedup"
    own = dedup.evaluate([(p.stem if "-other-" in p.stem else p.stem.split("-")[0], newsdesk.read(p).text)
                          for p in sorted(fixtures.glob("*.txt"))])
    figures = {"benchmark": "desk_dedup_pairs", "threshold": dedup.THRESHOLD, "containment": dedup.CONTAINMENT,
               "texts": len(sets), "pairs": total_pairs, "highest_jaccard": top_j, "highest_containment": top_c,
               "cut_copies": cuts, "fixtures": own}
    print(f"{len(sets)} different articles, {total_pairs} pairs: highest Jaccard "
          f"{top_j[0]['jaccard'] if top_j else 0} (threshold {dedup.THRESHOLD}), highest containment "
          f"{top_c[0]['containment'] if top_c else 0} (threshold {dedup.CONTAINMENT}, texts of ≥ "
          f"{dedup.MIN_CONTAINED} shingles)")
    for p in top_c[:3]:
        print(f"  {p['a']} ~ {p['b']}: Jaccard {p['jaccard']}, containment {p['containment']}")
    print("CNN/DM articles cut to their first part, against the whole (Jaccard):")
    for share, figure in cuts.items():
        if figure:
            print(f"  {share:>4}: min {figure['min']}, median {figure['median']}, "
                  f"≥ threshold {figure['share_at_threshold']:.0%}")
    print(f"fixtures: precision {own['precision']}, recall {own['recall']}, lowest copy {own['lowest_copy']}, "
          f"highest other {own['highest_other']}, highest other containment {own['highest_other_containment']}")
    if args.json:
        write_figures(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
