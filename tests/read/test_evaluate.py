"""The shingle metric of the article-extraction benchmark, checked on cases worked out by hand."""

from __future__ import annotations

import pytest

from newsdesk.read.evaluate import DocScore, bodies, evaluate, score_document, shingles


def test_identical_text_scores_one():
    text = "The storm knocked out power to 80,000 homes, the operator said on Saturday."
    score = evaluate({"a": text, "b": "short one"}, {"a": text, "b": "short one"})
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_disjoint_text_scores_zero():
    score = evaluate({"a": "one two three four five"}, {"a": "six seven eight nine ten"})
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_hand_computed_case():
    truth = {"d1": "a b c d e", "d2": "one two three four five six"}
    pred = {"d1": "a b c d x", "d2": "one two three four five six seven eight"}
    # d1: truth {abcd, bcde}, pred {abcd, bcdx}: tp 1, fp 1, fn 1 -> each 1/3; P = R = 1/2
    # d2: truth 3 shingles, pred 5 shingles, all 3 shared: tp 3, fp 2, fn 0 -> P 3/5, R 1
    assert score_document(truth["d1"], pred["d1"]) == DocScore(1 / 3, 1 / 3, 1 / 3)
    assert score_document(truth["d2"], pred["d2"]) == DocScore(3 / 5, 2 / 5, 0.0)
    score = evaluate(truth, pred)
    assert score.precision == pytest.approx((0.5 + 0.6) / 2)
    assert score.recall == pytest.approx((0.5 + 1.0) / 2)
    assert score.f1 == pytest.approx(2 * 0.55 * 0.75 / (0.55 + 0.75))


def test_shingles_are_a_multiset_of_word_tokens():
    assert shingles("a-b, c d! a b c d") == {
        ("a", "b", "c", "d"): 2,
        ("b", "c", "d", "a"): 1,
        ("c", "d", "a", "b"): 1,
        ("d", "a", "b", "c"): 1,
    }
    assert shingles("only two") == {("only", "two"): 1}  # shorter than 4 tokens: one short shingle
    assert shingles("") == {}
    assert shingles("Case counts") != shingles("case counts")  # tokens are case-sensitive


def test_empty_prediction_counts_for_recall_only():
    # upstream: a document with nothing predicted is left out of the precision mean, recall 0
    score = evaluate({"a": "w x y z v", "b": "a b c d e"}, {"a": "", "b": "a b c d e"})
    assert score.precision == 1.0
    assert score.recall == 0.5
    assert score.docs["a"] == DocScore(0.0, 0.0, 1.0)


def test_empty_truth_and_prediction_are_left_out():
    score = evaluate({"a": "", "b": "a b c d e"}, {"a": "", "b": "a b c d e"})
    assert score.docs["a"] == DocScore(0.0, 0.0, 0.0)
    assert score.f1 == 1.0


def test_missing_prediction_is_empty():
    assert evaluate({"a": "a b c d e"}, {}).recall == 0.0


def test_bodies_reads_both_published_layouts():
    nested = {"output": {"x": {"articleBody": "text x"}}, "version": "1"}
    flat = {"x": {"articleBody": "text x", "url": "u"}, "y": {"articleBody": None}}
    assert bodies(nested) == {"x": "text x"}
    assert bodies(flat) == {"x": "text x", "y": ""}
