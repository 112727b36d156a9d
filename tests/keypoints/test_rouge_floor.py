"""The accuracy floor of the extractive key points on ../shared/eval/cnndm/dev.jsonl (150 CNN/DailyMail articles).

Computed as benchmarks/keypoints_rouge.py computes "ours (spaCy vectors)": each article read under a
one-line headline, 3 key points, ROUGE-1/2/Lsum F1 (``rouge-score``, Porter stemming) against the
highlights; every bullet's numbers, names and dates must be in the text it cites (the guard as judge).
The floors are in benchmarks/eval_baseline_keypoints.json: raise them when the rules improve, never lower
them silently. Skipped, saying why, when ../shared/eval is not beside the checkout.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "eval" / "cnndm" / "dev.jsonl"
BASELINE = REPO / "benchmarks" / "eval_baseline_keypoints.json"
HEADLINE = "Story from the CNN/DailyMail test set\n\n"


@pytest.fixture(scope="module")
def scores() -> dict:
    if not DATA.exists():
        pytest.skip(f"{DATA} is absent: the CNN/DailyMail dev set lives in ../shared/eval beside the checkout")
    rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer", reason="pip install rouge-score (the test extra)")
    import newsdesk
    from newsdesk.keypoints import find_key_points
    from newsdesk.keypoints.guard import support_text, unsupported
    from newsdesk.language.entities import find_entities
    from newsdesk.language.nlp import load_nlp

    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    articles = [newsdesk.read(HEADLINE + row["article"]) for row in rows]
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    bullets, bad = 0, []
    for row, article, doc in zip(rows, articles, load_nlp().pipe((a.text for a in articles), batch_size=16),
                                 strict=True):
        points, _ = find_key_points(article, doc, find_entities(doc), [], [], n=3)
        gold = "\n".join(s.strip() for s in row["reference"].split(" . ") if s.strip())
        score = scorer.score(gold, "\n".join(p.text for p in points))
        for key, name in (("rouge1", "rouge1"), ("rouge2", "rouge2"), ("rougeL", "rougeLsum")):
            totals[key] += score[name].fmeasure
        bullets += len(points)
        bad += [(row["id"], p.text, why) for p in points if (why := unsupported(p.text, support_text(p, article.text)))]
    return {**{k: 100 * v / len(rows) for k, v in totals.items()}, "bullets": bullets, "unsupported": bad,
            "articles": len(rows)}


def test_rouge_stays_above_the_floors(scores):
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["newsdesk"]
    assert scores["articles"] == 150 and scores["bullets"] >= 3 * 145  # about 3 bullets an article
    for key in ("rouge1", "rouge2", "rougeL"):
        assert scores[key] >= floors[key], f"{key} {scores[key]:.2f} fell under its floor {floors[key]}"


def test_no_bullet_states_what_its_support_does_not(scores):
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["newsdesk"]
    assert floors["unsupported_share"] == 0
    assert scores["unsupported"] == []
