"""Fixtures of the fetching tests: a web site on loopback (``loopback.Site``) and a fetcher for it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # loopback.py and fetch_pages.py, beside this file

from loopback import Site  # noqa: E402


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture
def fetcher():
    """A fetcher for loopback tests: private addresses allowed, no delay, quick retries."""
    from newsdesk.fetch.client import Fetcher, Policy

    with Fetcher(Policy(allow_private=True, delay=0.0, backoff=0.01, timeout=5.0)) as f:
        yield f
