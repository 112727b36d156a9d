"""Shared test helpers: where the repo and the public evaluation data live, and the desk's stores.

Tests that take ``new_store`` run once per engine: on a SQLite file, and on a database of a throw-away
PostgreSQL cluster (``postgres_server``), so one test suite checks both stores.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # postgres_server.py, beside this file

from postgres_server import Cluster, Unavailable  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
ENGINES = ("sqlite", "postgresql")


@pytest.fixture
def shared() -> Path:
    """The public data beside the checkout; tests that need it skip, saying why, when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"public evaluation data not found at {SHARED} (clone ../shared beside the repo)")
    return SHARED


@pytest.fixture
def repo() -> Path:
    return REPO


_cluster: Cluster | Unavailable | None = None


def postgres_cluster() -> Cluster:
    """The session's PostgreSQL cluster, started on first use (the test skips, saying why, if it cannot be)."""
    global _cluster
    if _cluster is None:
        try:
            _cluster = Cluster()
        except Unavailable as exc:
            _cluster = exc
    if isinstance(_cluster, Unavailable):
        pytest.skip(f"no PostgreSQL server: {_cluster}")
    return _cluster


def pytest_sessionfinish(session, exitstatus) -> None:
    if isinstance(_cluster, Cluster):
        _cluster.stop()


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> str:
    """The store engine a module's tests run on (each module runs on both)."""
    return request.param


@pytest.fixture(scope="module")
def new_store(engine, tmp_path_factory) -> Callable[..., str | Path]:
    """``new_store()``: the location of a new, empty store on this module's engine (a SQLite file's path, or a
    new PostgreSQL database's URL)."""
    if engine == "postgresql":
        return postgres_cluster().new_database

    def sqlite_file(name: str = "desk") -> Path:
        return tmp_path_factory.mktemp(name) / f"{name}.sqlite"

    return sqlite_file


@pytest.fixture
def postgres_url() -> str:
    """A new, empty PostgreSQL database's URL (for tests of that engine alone)."""
    return postgres_cluster().new_database()
