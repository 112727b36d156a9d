"""The saved-text reader on the HTML benchmarks' pages rendered to text, as a browser saves a page as text.

    .venv/bin/python benchmarks/reader_rendered.py [--limit N] [--json PATH] [--failures]

Each page of ``../shared/eval/article-extraction`` (ScrapingHub, 181 pages) and ``../shared/eval/
trafilatura-eval-rest`` (668 pages) is rendered to plain text by inscriptis (a maintained HTML-to-text
renderer that lays a page out as a text browser does: one block a line, menus, captions and footers kept),
then read by ``newsdesk.read`` as a saved ``.txt`` page would be. The HTML is never seen by the reader.

Labels come from the pages' gold: a rendered line is **body** when the gold body holds it (ScrapingHub: most
of its 4-token shingles are in ``articleBody``; trafilatura's set: it holds a "with" snippet or sits inside
one), **rest** when it holds none of the body (ScrapingHub) or holds a "without" snippet, and is left
unlabelled otherwise. The **headline** label is the page's ``<h1>`` when the page's ``og:title`` or
``<title>`` names the same title (most words of each in the other) and it is a line of the rendering
(pages with no such line have no label).

The headline model of the text path (``newsdesk.read.headline``) was trained on these same pages, so its
headline figure here is measured on its training data: ``scripts/train-headline`` prints the cross-validated
figure, and the real saved pages (``benchmarks/reader_real.py``) are the test it never saw.

Figures: headline exact (of the pages with a headline label), body F1 with each benchmark's own metric
(ScrapingHub's shingles; trafilatura's snippets), and the roles of the labelled lines: the share of body
lines the reader keeps in the body, the share of the rest it keeps out.
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

import newsdesk  # noqa: E402
from newsdesk.read.evaluate import evaluate, shingles  # noqa: E402
from newsdesk.read.headline_train import headline_label, render  # noqa: E402  (the headline model's labels)
from newsdesk.read.html import scored_body  # noqa: E402

SHARED = REPO.parent / "shared" / "eval"
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _is_body_shingled(line: str, body_shingles) -> bool | None:
    """A ScrapingHub line's role by the gold body: True (body), False (rest), None (too short to tell)."""
    mine = shingles(line)
    if len(_WORD.findall(line)) < 6:
        return None
    inside = sum((mine & body_shingles).values()) / sum(mine.values())
    return True if inside >= 0.6 else False if inside == 0 else None


def _is_body_snippets(line: str, with_: list[str], without: list[str]) -> bool | None:
    """A trafilatura-set line's role by the page's snippets."""
    if len(_WORD.findall(line)) < 6:
        return None
    if any(s and (s in line or line in s) for s in with_):
        return True
    if any(s and (s in line or line in s) for s in without):
        return False
    return None


def _pages(limit: int | None):
    """(benchmark, id, html, gold) for every page of both benchmarks."""
    truth = json.loads((SHARED / "article-extraction" / "ground-truth.json").read_text(encoding="utf-8"))
    for key, record in list(truth.items())[:limit]:
        html = gzip.decompress((SHARED / "article-extraction" / "html" / f"{key}.html.gz").read_bytes())
        yield "scrapinghub", key, html.decode("utf-8", "replace"), record
    rest = json.loads((SHARED / "trafilatura-eval-rest" / "evaldata.json").read_text(encoding="utf-8"))
    for key, record in list(rest.items())[:limit]:
        html = gzip.decompress((SHARED / "trafilatura-eval-rest" / "html" / record["file"]).read_bytes())
        yield "trafilatura-rest", key, html.decode("utf-8", "replace"), record


def run(limit: int | None = None, failures: bool = False) -> dict:
    out: dict[str, dict] = {}
    truth: dict[str, dict[str, str]] = {}
    found: dict[str, dict[str, str]] = {}
    snippet_counts: dict[str, int] = {"found": 0, "missed": 0, "leaked": 0}
    seconds = {"render": 0.0, "read": 0.0}
    for bench, key, html, gold in _pages(limit):
        row = out.setdefault(bench, {"pages": 0, "headline_labelled": 0, "headline_exact": 0,
                                     "body_lines": 0, "body_lines_kept": 0, "rest_lines": 0, "rest_lines_out": 0,
                                     "headline_misses": []})
        row["pages"] += 1
        t0 = time.perf_counter()
        text = render(html)
        t1 = time.perf_counter()
        article = newsdesk.read(text)
        seconds["render"] += t1 - t0
        seconds["read"] += time.perf_counter() - t1
        lines = [_norm(line) for line in text.splitlines() if _norm(line)]
        headline = headline_label(html, set(lines))
        if headline is not None:
            row["headline_labelled"] += 1
            if _norm(article.headline) == headline:
                row["headline_exact"] += 1
            elif failures:
                row["headline_misses"].append({"id": key, "want": headline, "got": article.headline})
        body = _norm(scored_body(article))
        if bench == "scrapinghub":
            truth.setdefault(bench, {})[key] = gold["articleBody"]
            found.setdefault(bench, {})[key] = scored_body(article)
            body_sh = shingles(gold["articleBody"])
            roles = [(line, _is_body_shingled(line, body_sh)) for line in lines]
        else:
            with_ = [_norm(s) for s in gold.get("with", [])]
            without = [_norm(s) for s in gold.get("without", [])]
            for s in with_:
                snippet_counts["found" if s in body else "missed"] += 1
            snippet_counts["leaked"] += sum(s in body for s in without)
            roles = [(line, _is_body_snippets(line, with_, without)) for line in lines]
        for line, is_body in roles:
            if is_body is True:
                row["body_lines"] += 1
                row["body_lines_kept"] += line in body
            elif is_body is False:
                row["rest_lines"] += 1
                row["rest_lines_out"] += line not in body
    figures: dict = {"seconds": seconds}
    for bench, row in out.items():
        figures[bench] = {
            "pages": row["pages"],
            "headline_labelled": row["headline_labelled"],
            "headline_exact": row["headline_exact"] / row["headline_labelled"] if row["headline_labelled"] else 0.0,
            "body_lines": row["body_lines"], "rest_lines": row["rest_lines"],
            "body_lines_kept": row["body_lines_kept"] / row["body_lines"] if row["body_lines"] else 0.0,
            "rest_lines_out": row["rest_lines_out"] / row["rest_lines"] if row["rest_lines"] else 0.0,
        }
        if failures:
            figures[bench]["headline_misses"] = row["headline_misses"]
    if "scrapinghub" in truth:
        figures["scrapinghub"]["body"] = evaluate(truth["scrapinghub"], found["scrapinghub"]).as_dict()
    if "trafilatura-rest" in out:
        f, m, leaked = snippet_counts["found"], snippet_counts["missed"], snippet_counts["leaked"]
        p, r = (f / (f + leaked) if f + leaked else 0.0), (f / (f + m) if f + m else 0.0)
        figures["trafilatura-rest"]["body"] = {"precision": p, "recall": r,
                                               "f1": 2 * p * r / (p + r) if p + r else 0.0}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pages of each benchmark")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--failures", action="store_true", help="list the pages whose headline is missed")
    args = parser.parse_args(argv)
    if not (SHARED / "article-extraction" / "ground-truth.json").is_file():
        print(f"the HTML benchmarks are not at {SHARED}", file=sys.stderr)
        return 2
    figures = run(args.limit, args.failures)
    from newsdesk.read.headline import model_info

    figures["headline_model"] = model_info()
    print(f"{'rendered pages':18} {'pages':>5} {'headline':>9} {'(of)':>5} {'body F1':>8} {'body kept':>10} "
          f"{'rest out':>9}")
    for bench in ("scrapinghub", "trafilatura-rest"):
        f = figures[bench]
        print(f"{bench:18} {f['pages']:5} {f['headline_exact']:9.1%} {f['headline_labelled']:5} "
              f"{f['body']['f1']:8.3f} {f['body_lines_kept']:10.1%} {f['rest_lines_out']:9.1%}")
        for miss in f.get("headline_misses", []):
            print(f"    {miss['id']}: want {miss['want']!r}, got {miss['got']!r}")
    print(f"render {figures['seconds']['render']:.1f} s, read {figures['seconds']['read']:.1f} s")
    if args.json:
        write_figures(args.json, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
