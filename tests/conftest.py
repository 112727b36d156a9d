"""Shared test helpers: where the repo and the public evaluation data live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture
def shared() -> Path:
    """The public data beside the checkout; tests that need it skip, saying why, when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"public evaluation data not found at {SHARED} (clone ../shared beside the repo)")
    return SHARED


@pytest.fixture
def repo() -> Path:
    return REPO
