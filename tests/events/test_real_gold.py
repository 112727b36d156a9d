"""The real-reports gold (``tests/events/gold/real``): every file in its format, always; its evidence against
the page it was read from when that page is in the git-ignored cache (``benchmarks/events_real.py``).

The pages themselves are third-party text and never in the repository, so the extractor is measured on them
by ``benchmarks/events_eval.py`` (set ``real``); here, where the cache is filled, only its pinned floors are
checked. These tests keep the gold honest.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from newsdesk.events.evaluate_attacks import attack_figures, drones_launched, is_tally
from newsdesk.events.gold import validate_gold

REPO = Path(__file__).resolve().parents[2]
REAL = Path(__file__).resolve().parent / "gold" / "real"
CACHE = Path(os.environ.get("NEWSDESK_EVENTS_CACHE", REPO / ".cache" / "events-real"))
FILES = sorted(REAL.glob("*.json"))


def test_the_set_is_there():
    assert len(FILES) >= 30, "the real-reports gold set lost its files"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_real_gold_format(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert validate_gold(data, real=True) == []
    attacks = [e for e in data["events"] if e["type"] == "attack" and not is_tally(e)]
    if data["kind"] == "negative":
        assert attacks == [], "a negative report tells no attack"
    else:
        assert attacks, "a report tells at least one attack"


def cached_text(path: Path, data: dict) -> str | None:
    """The cached page of a gold file, when it is the copy the gold was read from."""
    text_path = CACHE / f"{path.stem}.txt"
    if not text_path.is_file():
        return None
    text = text_path.read_text(encoding="utf-8")
    if data.get("text_sha256") and hashlib.sha256(text.encode()).hexdigest() != data["text_sha256"]:
        return None
    return text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_real_gold_evidence_in_cached_page(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    text = cached_text(path, data)
    if text is None:
        pytest.skip(f"{path.stem}: not cached, or not the copy the gold was read from (scripts/events-real-cache)")
    for event in data["events"]:
        for phrase in event["evidence"]:
            assert phrase in text, phrase


def test_validate_gold_real_extras():
    base = {"url": "https://example.org/a", "outlet": "Wire", "published": "2025-07-09", "kind": "report",
            "events": []}
    assert validate_gold(base, real=True) == []
    assert validate_gold(base) != []  # the extra keys belong to the real set only
    bad = dict(base, kind="rumour", url="example.org")
    assert len(validate_gold(bad, real=True)) == 2
    weapon = {"kind": "drone", "model": None, "launched": 54, "intercepted": 52, "lost": 3, "qualifier": "about"}
    event = {"type": "attack", "subtype": None, "actor": "Russia", "target": None, "location": None,
             "country": "Ukraine", "date": "2025-07-09", "weapons": [weapon], "killed": None, "wounded": None,
             "claims": ["bounded_record"], "evidence": ["x"]}
    assert any("intercepted" in e for e in validate_gold(dict(base, events=[event]), real=True))  # 52 + 3 > 54
    weapon["lost"] = 2
    assert validate_gold(dict(base, events=[event]), real=True) == []


def _attack(date, drones=None, intercepted=None, subtype=None):
    return {"type": "attack", "subtype": subtype, "actor": "Russia", "target": None, "location": None,
            "country": "Ukraine", "date": date, "claims": [], "killed": None, "wounded": None, "evidence": [],
            "weapons": [{"kind": "drone", "model": None, "launched": drones, "intercepted": intercepted}]}


def test_attack_figures_counts_drones_invented_and_negatives():
    gold = {"events": [_attack("2025-07-09", 54, 52)]}
    right = [_attack("2025-07-09", 54, 52)]
    wrong = [_attack("2025-07-09", 52, None), _attack("2025-07-01", 3, None)]
    tally = [_attack("2025-07", 6000, None, subtype="period total")]
    out = attack_figures([(right, gold), (wrong, gold), (tally + [_attack("2025-07-02", 1)], {"events": []})],
                         [False, False, True])
    assert out["drones_launched"] == {"gold": 2, "exact": 1, "share": 0.5}
    assert out["invented"] == 1  # the second night of `wrong`
    assert out["from_negatives"] == 1  # the tally is no attack; the night is
    assert out["fields"]["launched"]["correct"] == 1
    assert drones_launched(_attack("2025-07-09")) is None


def test_real_figures_keep_their_floor():
    """The extractor on the real reports whose texts are cached, against the pinned floors (they may only rise).
    Skipped where the cache has not been filled (a clean clone: the texts are third-party and not in the repo)."""
    import newsdesk

    baseline = json.loads((REPO / "benchmarks" / "eval_baseline_events.json").read_text(encoding="utf-8"))
    pairs, negatives = [], []
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        if (text := cached_text(path, data)) is None:
            continue
        pairs.append((newsdesk.analyze(text, published=data["published"]).events, data))
        negatives.append(data["kind"] == "negative")
    if len(pairs) < 100:
        pytest.skip(f"only {len(pairs)} real texts cached (scripts/events-real-cache fills the cache)")
    out = attack_figures(pairs, negatives)
    assert out["figures"]["f1"] >= baseline["real_figures_f1"]
    assert out["drones_launched"]["share"] >= baseline["real_drones_launched_share"]
    assert out["from_negatives"] <= baseline["real_attacks_from_negatives"]
