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
from newsdesk.desk.store import open_store

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


def test_the_index_is_rebuilt_from_stored_first_copies(tmp_path, labelled, new_store):
    text = labelled[0][1]
    sig = dedup.signature(text)
    analysis = {"article": {"id": "x", "text": text}}
    with open_store(new_store()) as store:
        with store.transaction():
            row = store.insert_article(analysis, source="a", digest="a", signature=dedup.to_bytes(sig))
            store.insert_article(analysis, source="b", digest="b", signature=dedup.to_bytes(sig), duplicate_of=row)
        index = dedup.index_from_store(store)
    assert len(index) == 1
    assert index.best(sig) == (row, 1.0)


def paragraphs_of(name: str) -> tuple[str, list[str]]:
    headline, body = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").split("\n\n", 1)
    return headline, [p for p in body.split("\n\n") if p.strip()]


def roundup() -> str:
    """A wire's morning round-up page: its three stories one after another."""
    bodies = [(FIXTURES / f"{name}.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
              for name in ("dam-wire", "fire-wire", "rates-wire")]
    return "Meridian Wire morning round-up\n\nBy Meridian Wire\n\n" + "\n\n".join(bodies)


def brief() -> str:
    """An outlet running the first two paragraphs of the dam story under its own headline and furniture."""
    _, paras = paragraphs_of("dam-wire")
    return ("Valdoria dam bursts, two dead\n\nBy Staff Reporter\n\n" + "\n\n".join(paras[:2])
            + "\n\nRead more: Storm warnings for the coast\n\nShare this article\n")


def test_a_shortened_copy_is_recognised_by_containment():
    """The brief has a low similarity to the round-up, but nearly all its shingles are in it."""
    (sig_r, n_r), (sig_b, n_b) = dedup.sketch(newsdesk.read(roundup()).text), dedup.sketch(newsdesk.read(brief()).text)
    score = dedup.similarity(sig_r, sig_b)
    assert dedup.CONTAINMENT_FLOOR <= score < dedup.THRESHOLD  # similarity alone would miss it
    assert n_b >= dedup.MIN_CONTAINED and dedup.containment(score, n_b, n_r) >= dedup.CONTAINMENT
    assert dedup.is_copy(score, n_b, n_r)  # the brief after the round-up: a copy
    assert not dedup.is_copy(score, n_r, n_b)  # the round-up after the brief says more: not a copy
    index = dedup.NearDuplicateIndex()
    index.add("roundup", sig_r, n_r)
    assert index.best(sig_b, n_b)[0] == "roundup"
    assert index.best(sig_b) is None  # without the counts (an older store's rows): similarity alone
    index = dedup.NearDuplicateIndex()
    index.add("brief", sig_b, n_b)
    assert index.best(sig_r, n_r) is None


def test_sharing_a_background_paragraph_is_not_a_copy():
    """Two different reports that reuse one paragraph of background (as agencies do) are not copies, whichever
    is shorter."""
    headline, paras = paragraphs_of("rates-wire")
    background = paras[-1]
    short = newsdesk.read(f"{headline}\n\n" + "\n\n".join(paragraphs_of("rates-other-preview")[1][:2])
                          + f"\n\n{background}\n").text
    whole = newsdesk.read((FIXTURES / "rates-wire.txt").read_text(encoding="utf-8")).text
    (sig_a, n_a), (sig_b, n_b) = dedup.sketch(whole), dedup.sketch(short)
    score = dedup.similarity(sig_a, sig_b)
    assert score > 0  # they do share text
    assert not dedup.is_copy(score, n_a, n_b)
    index = dedup.NearDuplicateIndex()
    index.add("wire", sig_a, n_a)
    assert index.best(sig_b, n_b) is None


def test_a_short_text_is_not_a_copy_by_containment_alone():
    # is_copy(similarity, shingles of the new article, shingles of the stored one)
    assert not dedup.is_copy(0.15, dedup.MIN_CONTAINED - 1, 600)
    assert dedup.is_copy(0.15, 100, 600)
    assert not dedup.is_copy(0.15, 600, 100)  # the new one is the longer: it says more
    assert not dedup.is_copy(dedup.CONTAINMENT_FLOOR - 0.01, 100, 2000)  # too noisy to scale up
    assert dedup.containment(0.5, 0, 100) == 0.0


def test_ingest_links_a_shortened_copy_and_stores_its_shingle_count(tmp_path, new_store):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-roundup.txt").write_text(roundup(), encoding="utf-8")
    (folder / "b-brief.txt").write_text(brief(), encoding="utf-8")
    with open_store(new_store()) as store:
        from newsdesk.desk.ingest import ingest

        summary = ingest(store, [folder])
        rows = store.execute("SELECT source, duplicate_of, shingle_count FROM articles ORDER BY id").fetchall()
    assert (summary["new"], summary["near_copies"]) == (1, 1)
    assert rows[1]["duplicate_of"] == 1 and all(r["shingle_count"] > 0 for r in rows)
    (folder / "a-roundup.txt").rename(folder / "c-roundup.txt")  # the brief first: both stored
    with open_store(new_store()) as store:
        from newsdesk.desk.ingest import ingest

        assert ingest(store, [folder])["new"] == 2


def test_a_lead_too_dissimilar_for_the_bands_is_still_found():
    """A short lead of a long story shares few MinHash values with it: the bands may offer no candidate, and
    the index then compares every signature."""
    rng = np.random.default_rng(5)
    vocab = [f"w{i}" for i in range(20000)]
    whole = " ".join(rng.choice(vocab, 700))
    lead = " ".join(whole.split()[:70])
    (sig_w, n_w), (sig_l, n_l) = dedup.sketch(whole), dedup.sketch(lead)
    index = dedup.NearDuplicateIndex()
    for i in range(50):  # other stories, and the whole one among them
        index.add(f"other-{i}", *dedup.sketch(" ".join(rng.choice(vocab, 300))))
    index.add("whole", sig_w, n_w)
    assert dedup.similarity(sig_w, sig_l) < 0.2
    assert index.best(sig_l, n_l)[0] == "whole"
    index.candidates = lambda sig: set()  # the bands offer nothing: the scan alone finds it
    assert index.best(sig_l, n_l)[0] == "whole"
    index._BLOCK = 7  # block by block
    assert index.best(sig_l, n_l)[0] == "whole"
    assert index.best(sig_l) is None  # no shingle count: no containment, no scan
    assert index.best(*dedup.sketch(" ".join(rng.choice(vocab, 80)))) is None
