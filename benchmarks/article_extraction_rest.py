"""Article-body extraction on trafilatura's own evaluation pages: newsdesk against trafilatura, one run.

    .venv/bin/python benchmarks/article_extraction_rest.py [--data DIR] [--json PATH] [--limit N]

Data: ``../shared/eval/trafilatura-eval-rest`` (668 pages, mostly not English: ``html/<file>.gz`` and
``evaldata.json``, which gives for each page snippets its body must hold, "with", and snippets it must
not, "without"). Metric: trafilatura's own (upstream ``tests/comparison.py``): a snippet counts when it
occurs in the extracted text, whitespace normalised; precision = with-snippets found / (found + without-
snippets found), recall = with-snippets found / with-snippets. newsdesk is scored on its body with its
subheads (``newsdesk.read.html.scored_body``, as on the ScrapingHub benchmark: the gold snippets include
subheads) and also on ``Article.text`` alone (headings are structure there, not text); plain
``trafilatura.extract`` runs with its default options. Both read every page in the same process, page by
page, each timed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import trafilatura  # noqa: E402

from newsdesk.read.html import read_html, scored_body  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "eval" / "trafilatura-eval-rest"
_SPACE = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _score(counts: dict[str, int]) -> dict:
    found, missed, leaked = counts["found"], counts["missed"], counts["leaked"]
    p = found / (found + leaked) if found + leaked else 0.0
    r = found / (found + missed) if found + missed else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, **counts}


def run(data: Path, limit: int | None = None) -> dict:
    pages = list(json.loads((data / "evaldata.json").read_text(encoding="utf-8")).items())[:limit]
    systems = ("newsdesk", "newsdesk text only", "trafilatura")
    counts = {s: {"found": 0, "missed": 0, "leaked": 0} for s in systems}
    seconds = {"newsdesk": 0.0, "trafilatura": 0.0}
    for url, page in pages:
        html = gzip.decompress((data / "html" / page["file"]).read_bytes()).decode("utf-8", "replace")
        page_url = None if url.startswith("hard::") else url
        t0 = time.perf_counter()
        article = read_html(html, url=page_url)
        t1 = time.perf_counter()
        theirs = trafilatura.extract(html, url=page_url)
        t2 = time.perf_counter()
        seconds["newsdesk"] += t1 - t0
        seconds["trafilatura"] += t2 - t1
        texts = {"newsdesk": scored_body(article), "newsdesk text only": article.text, "trafilatura": theirs}
        for system, text in texts.items():
            text = _norm(text)
            for snippet in page.get("with", []):
                counts[system]["found" if _norm(snippet) in text else "missed"] += 1
            counts[system]["leaked"] += sum(_norm(s) in text for s in page.get("without", []))
    return {
        "data": str(data), "pages": len(pages), "trafilatura_version": trafilatura.__version__,
        "scores": {s: _score(c) for s, c in counts.items()},
        "seconds": seconds, "time_ratio": seconds["newsdesk"] / seconds["trafilatura"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    args = parser.parse_args(argv)
    if not (args.data / "evaldata.json").is_file():
        print(f"trafilatura-eval-rest data not found at {args.data}", file=sys.stderr)
        return 2
    result = run(args.data, args.limit)
    print(f"{'system':20} {'P':>6} {'R':>6} {'F1':>6}")
    for system, s in result["scores"].items():
        print(f"{system:20} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")
    print(f"\n{result['pages']} pages; read time newsdesk {result['seconds']['newsdesk']:.1f} s, trafilatura "
          f"{result['seconds']['trafilatura']:.1f} s ({result['time_ratio']:.2f}×)")
    if args.json:
        write_figures(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
