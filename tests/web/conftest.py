"""Shared fixtures of the web tests: an app over a fresh store, a live server, a browser."""

from __future__ import annotations

import shutil
import socket
import threading
from pathlib import Path
from typing import NamedTuple

import pytest

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def page_client(new_store):
    """A TestClient over an app with an empty store (the module's engine: SQLite, then PostgreSQL)."""
    from fastapi.testclient import TestClient

    from newsdesk.web import create_app

    with TestClient(create_app(new_store())) as client:
        yield client


class LiveServer(NamedTuple):
    url: str  # http://127.0.0.1:PORT
    db: Path  # its store


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> LiveServer:
    """The app served by uvicorn on a free loopback port (in a thread) over a store of its own."""
    import uvicorn

    from newsdesk.web import create_app

    db = tmp_path_factory.mktemp("live") / "desk.sqlite"
    app = create_app(db)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    ready = threading.Event()
    while not ready.wait(0.05):  # until uvicorn says it started (or its thread died)
        if server.started:
            ready.set()
        elif not thread.is_alive():
            pytest.fail("the test server did not start")
    yield LiveServer(f"http://127.0.0.1:{sock.getsockname()[1]}", db)
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (sync API); skipped when either is missing."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium"),
                                     args=["--no-sandbox"])
        yield browser
        browser.close()
