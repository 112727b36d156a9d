"""Article-body extraction on the ScrapingHub benchmark: newsdesk, live trafilatura and 10 peers, one scorer.

    .venv/bin/python benchmarks/article_extraction.py [--data DIR] [--json PATH] [--variants]

Data: ``../shared/eval/article-extraction`` (181 pages ``html/<id>.html.gz``, ``ground-truth.json``,
the peers' published outputs ``output/<tool>.json``). newsdesk (``read_html``, body scored with its
subheads, see ``newsdesk.read.html.scored_body``) and plain ``trafilatura.extract`` (default options)
run live in this run; the peers' published outputs are rescored by the same code
(``newsdesk.read.evaluate``: 4-token shingles, per-document normalised, as upstream ``evaluate.py``).
``--variants`` also scores the configurations we compared: other trafilatura options, and newsdesk
with parts of its cascade switched off.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import trafilatura  # noqa: E402

from newsdesk.read import html as reader  # noqa: E402
from newsdesk.read.evaluate import (  # noqa: E402
    Score,
    evaluate,
    load_pages,
    load_peers,
    load_truth,
    newsdesk_body,
    score_extractor,
)
from newsdesk.read.html_body import body_sections  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "eval" / "article-extraction"


def trafilatura_with(**options: bool) -> Callable[[str], str]:
    def extract(html: str) -> str:
        return trafilatura.extract(html, **options) or ""

    return extract


@contextmanager
def newsdesk_variant(name: str) -> Iterator[None]:
    """newsdesk with one part switched off, for the ablation rows (restored on exit)."""
    saved = reader.CASCADE, reader._rejoin_split_body, reader.scored_body
    if name == "no cascade":
        reader.CASCADE = reader.CASCADE[:1]
    elif name == "no rejoin":
        reader._rejoin_split_body = lambda *args: None
    elif name == "no subheads":
        reader.scored_body = lambda article: "\n".join(article.paragraphs)
    elif name == "no fast pass":
        reader.CASCADE = reader.CASCADE[1:]
    try:
        yield
    finally:
        reader.CASCADE, reader._rejoin_split_body, reader.scored_body = saved


def variant_rows(pages: dict[str, str], truth: dict[str, str]) -> list[tuple[str, str, Score, float]]:
    rows = []
    for label, options in [
        ("trafilatura (no comments)", {"include_comments": False}),
        ("trafilatura (no comments, precision)", {"include_comments": False, "favor_precision": True}),
        ("trafilatura (no comments, recall)", {"include_comments": False, "favor_recall": True}),
        ("trafilatura (no comments, fast)", {"include_comments": False, "fast": True}),
        (
            "trafilatura (no comments, precision, fast)",
            {"include_comments": False, "favor_precision": True, "fast": True},
        ),
    ]:
        rows.append(timed_row(label, "variant", trafilatura_with(**options), pages, truth))
    for name in ("no cascade", "no fast pass", "no rejoin", "no subheads"):
        with newsdesk_variant(name):
            rows.append(timed_row(f"newsdesk ({name})", "variant", newsdesk_body, pages, truth))
    return rows


def timed_row(
    label: str, source: str, extract: Callable[[str], str], pages: dict[str, str], truth: dict[str, str]
) -> tuple[str, str, Score, float]:
    start = time.perf_counter()
    score = score_extractor(extract, pages, truth)
    return label, source, score, time.perf_counter() - start


def print_table(rows: list[tuple[str, str, Score, float | None]], docs: int) -> None:
    print(f"article-extraction benchmark: {docs} pages, shingle metric (upstream evaluate.py)\n")
    print(f"{'tool':<44} {'source':<10} {'precision':>9} {'recall':>7} {'F1':>7} {'seconds':>8}")
    for label, source, score, seconds in sorted(rows, key=lambda r: -r[2].f1):
        secs = f"{seconds:8.1f}" if seconds is not None else f"{'':>8}"
        print(f"{label:<44} {source:<10} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>7.3f} {secs}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--variants", action="store_true", help="also score the configurations compared")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"article_extraction: {args.data} not found (clone ../shared beside the repo)", file=sys.stderr)
        return 2

    truth = load_truth(args.data)
    pages = load_pages(args.data, sorted(truth))
    body_sections(None)  # imports settled before the clocks start
    rows: list[tuple[str, str, Score, float | None]] = [
        timed_row("newsdesk", "live", newsdesk_body, pages, truth),
        timed_row(f"trafilatura {trafilatura.__version__} extract()", "live", trafilatura.extract, pages, truth),
    ]
    for tool, predicted in load_peers(args.data).items():
        rows.append((tool, "published", evaluate(truth, predicted), None))
    if args.variants:
        rows.extend(variant_rows(pages, truth))
    print_table(rows, len(truth))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = [
            {
                "tool": label,
                "source": source,
                **{k: round(v, 4) for k, v in score.as_dict().items()},
                "seconds": None if seconds is None else round(seconds, 2),
            }
            for label, source, score, seconds in rows
        ]
        args.json.write_text(
            json.dumps({"benchmark": "article_extraction", "documents": len(truth), "rows": figures}, indent=2)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
