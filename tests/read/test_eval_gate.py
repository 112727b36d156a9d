"""Accuracy gate: the HTML reader's F1 on the article-extraction benchmark must not fall below its floor.

The floor is pinned in ``benchmarks/eval_baseline.json`` (the measured F1 rounded down to 3 decimals;
floors only rise). Needs the public data in ``../shared`` beside the checkout; skips, saying so, without it.
"""

from __future__ import annotations

import json

from newsdesk.read.evaluate import load_pages, load_truth, newsdesk_body, score_extractor


def test_article_extraction_f1_at_or_above_floor(shared, repo):
    root = shared / "eval" / "article-extraction"
    floor = json.loads((repo / "benchmarks" / "eval_baseline.json").read_text())["article_extraction"]["f1"]
    truth = load_truth(root)
    score = score_extractor(newsdesk_body, load_pages(root, sorted(truth)), truth)
    assert len(score.docs) == 181
    assert score.f1 >= floor, (
        f"article-extraction F1 {score.f1:.4f} fell below the pinned floor {floor} "
        f"(precision {score.precision:.4f}, recall {score.recall:.4f}); "
        "see benchmarks/article_extraction.py for the per-tool table"
    )


def test_whole_pages_rendered_to_text_keep_their_floors(shared, repo):
    """The text path on both HTML benchmarks' pages rendered to text (``benchmarks/reader_rendered.py``): headline
    exact and body F1, each at or above its pinned floor."""
    import importlib.util
    import sys

    sys.path.insert(0, str(repo / "benchmarks"))
    spec = importlib.util.spec_from_file_location("_reader_rendered", repo / "benchmarks" / "reader_rendered.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures = module.run()
    floors = json.loads((repo / "benchmarks" / "eval_baseline.json").read_text())["reader_rendered"]
    for bench, floor in floors.items():
        if bench == "note":
            continue
        got = figures[bench]
        assert got["headline_exact"] >= floor["headline_exact"], (bench, got["headline_exact"])
        assert got["body"]["f1"] >= floor["body_f1"], (bench, got["body"]["f1"])
