"""The reader's real saved-pages set (``tests/read/gold/real``): every gold file in its format, always; its
strings against the page they were read from, and the reader's pinned floor, where that page is in the
git-ignored cache (``scripts/reader-real-cache``). The pages are third-party text, never in the repository."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REAL = Path(__file__).resolve().parent / "gold" / "real"
CACHE = Path(os.environ.get("NEWSDESK_READER_CACHE", REPO / ".cache" / "reader-real"))
FILES = sorted(REAL.glob("*.json"))
HELDOUT = sorted((REAL / "heldout").glob("*.json"))  # measured, never tuned on
KEYS = {"url", "outlet", "topic", "text_sha256", "headline", "byline", "published", "body", "captions", "furniture"}


def test_the_set_is_there():
    assert len(FILES) >= 40, "the real saved-pages gold set lost its files"
    outlets = {json.loads(p.read_text(encoding="utf-8"))["outlet"] for p in FILES}
    assert len(outlets) >= 30
    held = {json.loads(p.read_text(encoding="utf-8"))["outlet"] for p in HELDOUT}
    assert not held & outlets, "the held-out pages come from outlets the development set does not have"


@pytest.mark.parametrize("path", FILES + HELDOUT, ids=lambda p: p.stem)
def test_real_gold_format(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == KEYS
    assert data["url"].startswith(("http://", "https://"))
    assert isinstance(data["headline"], str) and data["headline"].strip()
    assert isinstance(data["byline"], list) and all(isinstance(n, str) and n for n in data["byline"])
    assert data["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["published"])
    assert 3 <= len(data["body"]) <= 8
    assert re.fullmatch(r"[0-9a-f]{64}", data["text_sha256"])


def _cached(path: Path, data: dict) -> str | None:
    text_path = CACHE / f"{path.stem}.txt"
    if not text_path.is_file():
        return None
    text = text_path.read_text(encoding="utf-8")
    return text if hashlib.sha256(text.encode()).hexdigest() == data["text_sha256"] else None


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@pytest.mark.parametrize("path", FILES + HELDOUT, ids=lambda p: p.stem)
def test_real_gold_strings_are_in_the_cached_page(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    text = _cached(path, data)
    if text is None:
        pytest.skip(f"{path.stem}: not cached, or not the copy the gold was read from (scripts/reader-real-cache)")
    page = _norm(text)
    for phrase in [data["headline"], *data["body"], *data["captions"], *data["furniture"]]:
        assert _norm(phrase) in page, phrase


@pytest.mark.parametrize("part", ["development", "heldout"])
def test_reader_floor_on_the_real_pages(part):
    """The share of checks passing may only rise (benchmarks/eval_baseline.json, key reader_real)."""
    files = FILES if part == "development" else HELDOUT
    if not files or not all(_cached(p, json.loads(p.read_text(encoding="utf-8"))) for p in files):
        pytest.skip("the floor is the whole set's: some real pages are not cached (scripts/reader-real-cache)")
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    spec = importlib.util.spec_from_file_location("_reader_real", REPO / "benchmarks" / "reader_real.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results, _ = module.measure(module.GOLD if part == "development" else module.HELDOUT)
    figures = module.summary(results)
    floors = json.loads((REPO / "benchmarks" / "eval_baseline.json").read_text(encoding="utf-8"))["reader_real"]
    assert figures["fraction"] >= floors["fraction" if part == "development" else "heldout_fraction"] - 1e-9
