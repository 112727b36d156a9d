"""Near-duplicates: MinHash over word 5-shingles, an LSH index, and the threshold measured on our fixtures.

tests/desk/fixtures/dedup/: three wire stories (``*-wire.txt``), each run by three outlets with their
own headline, furniture (bylines, "Share this article", copyright lines, promos) and light edits
(sentences dropped, words changed, a local sentence added) — ``*-outletN.txt`` — and, on the same
topics, four different articles (``*-other-*.txt``: an analysis, another agency's report of the same
event, a preview, the next day's story) that must not be taken for copies.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import newsdesk
from newsdesk.desk import dedup
from newsdesk.desk.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "dedup"


def group_of(path: Path) -> str:
    return path.stem if "-other-" in path.stem else path.stem.split("-")[0]


@pytest.fixture(scope="module")
def labelled() -> list[tuple[str, str]]:
    return [(group_of(p), newsdesk.read(p).text) for p in sorted(FIXTURES.glob("*.txt"))]


def test_the_fixtures_are_three_stories_with_three_copies_and_four_others(labelled):
    groups = [g for g, _ in labelled]
    assert sorted(groups.count(g) for g in set(groups)) == [1, 1, 1, 1, 4, 4, 4]


def test_threshold_separates_copies_from_same_topic_stories(labelled):
    figures = dedup.evaluate(labelled)
    assert figures["precision"] == 1.0 and figures["recall"] == 1.0
    # room on both sides of the threshold for the estimator's noise (sd ≈ 0.04 at 128 permutations)
    assert figures["lowest_copy"] >= dedup.THRESHOLD + 0.05
    assert figures["highest_other"] <= dedup.THRESHOLD - 0.2


def test_exact_jaccard_of_the_fixtures_matches_the_documented_range(labelled):
    sets = [(g, dedup.shingles(t)) for g, t in labelled]
    copies, others = [], []
    for i, (gi, a) in enumerate(sets):
        for gj, b in sets[i + 1:]:
            (copies if gi == gj else others).append(len(a & b) / len(a | b))
    assert min(copies) > 0.35 and max(others) < 0.05


def test_signatures_are_stable_across_runs_and_releases():
    # pinned: stored signatures must keep comparing equal after an upgrade
    sig = dedup.signature("The quick brown fox jumps over the lazy dog.")
    assert sig.dtype == np.uint32 and len(sig) == dedup.NUM_PERM
    assert sig[:4].tolist() == [626294496, 1745624585, 1646825420, 416652296]
    assert np.array_equal(dedup.from_bytes(dedup.to_bytes(sig)), sig)


def test_normalisation_case_punctuation_and_short_texts():
    assert dedup.words("Kyiv's AIR-defence, “said”") == ["kyiv", "s", "air", "defence", "said"]
    assert len(dedup.shingles("only three words")) == 1
    assert dedup.signature("  ... ") is None


def test_index_finds_the_copy_and_not_the_other_story(labelled):
    texts = dict((p.stem, newsdesk.read(p).text) for p in sorted(FIXTURES.glob("*.txt")))
    index = dedup.NearDuplicateIndex()
    for name in ("rates-wire", "rates-other-preview", "fire-other-day2"):
        index.add(name, dedup.signature(texts[name]))
    key, score = index.best(dedup.signature(texts["rates-outlet2"]))
    assert key == "rates-wire" and score >= dedup.THRESHOLD
    assert index.best(dedup.signature(texts["fire-wire"])) is None


def test_index_keeps_finding_entries_after_merging_its_tail():
    rng = np.random.default_rng(3)
    vocab = [f"w{i}" for i in range(5000)]
    texts = [" ".join(rng.choice(vocab, 60)) for _ in range(dedup.NearDuplicateIndex._TAIL + 100)]
    index = dedup.NearDuplicateIndex()
    for i, text in enumerate(texts):
        index.add(i, dedup.signature(text))
    assert len(index) == len(texts)
    for i in (0, 7, len(texts) - 1):
        words = texts[i].split()
        edited = " ".join(words[:30] + ["changed"] + words[31:])
        assert index.best(dedup.signature(edited))[0] == i
    assert index.best(dedup.signature(" ".join(rng.choice(vocab, 60)))) is None


def test_the_index_is_rebuilt_from_stored_first_copies(tmp_path, labelled):
    text = labelled[0][1]
    sig = dedup.signature(text)
    analysis = {"article": {"id": "x", "text": text}}
    with Store(tmp_path / "desk.sqlite") as store:
        with store.transaction():
            row = store.insert_article(analysis, source="a", digest="a", signature=dedup.to_bytes(sig))
            store.insert_article(analysis, source="b", digest="b", signature=dedup.to_bytes(sig), duplicate_of=row)
        index = dedup.index_from_store(store)
    assert len(index) == 1
    assert index.best(sig) == (row, 1.0)
