"""The real-reports events set: hand-read gold in ``tests/events/gold/real/``, page texts in a git-ignored cache.

    .venv/bin/python benchmarks/events_real.py            # which texts are cached, missing or changed
    .venv/bin/python benchmarks/events_real.py --stamp    # write text_sha256 into gold files that lack it
    .venv/bin/python benchmarks/events_real.py --fetch    # try to download the missing pages (needs the web)
    .venv/bin/python benchmarks/events_real.py --put SLUG FILE   # cache a stored copy of one page's text

The texts are third-party pages and never enter the repository: each lives in ``.cache/events-real/<slug>.txt``
(``NEWSDESK_EVENTS_CACHE`` moves it). The cache and its command line are ``benchmarks/real_cache.py``, shared
with the reader's real set. ``scripts/events-real-cache`` runs this script.
"""

from __future__ import annotations

import os
from pathlib import Path

import real_cache  # benchmarks/real_cache.py, beside this script
from real_cache import Page as Report
from real_cache import sha256

REPO = real_cache.REPO
GOLD = REPO / "tests" / "events" / "gold" / "real"
CACHE = Path(os.environ.get("NEWSDESK_EVENTS_CACHE", REPO / ".cache" / "events-real"))

__all__ = ["GOLD", "CACHE", "Report", "reports", "sha256", "usable"]


def reports(gold_dir: Path = GOLD, cache: Path = CACHE) -> list[Report]:
    """Every gold file of the set, in name order, with where its text is cached."""
    return real_cache.pages(gold_dir, cache)


def usable(gold_dir: Path = GOLD, cache: Path = CACHE) -> list[Report]:
    """The reports whose cached text is the one their gold was read from (or not yet stamped)."""
    return real_cache.usable(gold_dir, cache)


if __name__ == "__main__":
    raise SystemExit(real_cache.main(GOLD, CACHE, description=__doc__.splitlines()[0]))
