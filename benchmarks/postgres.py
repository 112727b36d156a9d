"""A PostgreSQL database for a benchmark run: ``--postgres URL`` when given, else a throw-away cluster of Debian's
server started as the tests start it (tests/postgres_server.py: initdb in a temporary folder, a non-root user,
a free loopback port, fsync off), stopped at the end."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


@contextmanager
def postgres_database(given: str | None = None) -> Iterator[str]:
    """An empty database's URL."""
    if given:
        yield given
        return
    from postgres_server import Cluster

    cluster = Cluster()
    try:
        yield cluster.new_database()
    finally:
        cluster.stop()
