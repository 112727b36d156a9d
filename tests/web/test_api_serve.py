"""``newsdesk serve``: it serves the API over a real socket; bad options are one line and exit 2."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

import httpx
import pytest

from newsdesk.cli import main

SERVE = [sys.executable, "-m", "newsdesk.cli", "serve", "--host", "127.0.0.1", "--log-level", "warning"]


def test_serve_answers_on_the_port_it_prints(tmp_path):
    store = tmp_path / "desk.sqlite"
    server = subprocess.Popen([*SERVE, "--port", "0", "--db", str(store)], stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        found = re.search(r"on http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        base = f"http://127.0.0.1:{found[1]}"
        stats = httpx.get(f"{base}/v1/stats", timeout=30)
        assert stats.status_code == 200 and stats.json()["articles"] == 0
        followed = httpx.post(f"{base}/v1/topics", json={"topic": "Kharkiv"}, timeout=30)
        assert followed.status_code == 201
        missing = httpx.get(f"{base}/v1/articles/5", timeout=30)
        assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
        assert store.exists()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_port_in_use_is_one_line_and_exit_2(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--port", str(port), "--db", str(tmp_path / "desk.sqlite")])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already in use" in err and str(port) in err


def _file_as_folder(tmp):
    (tmp / "file").write_text("x")
    return tmp / "file" / "desk.sqlite"


def _junk(tmp):
    (tmp / "junk.sqlite").write_bytes(b"not sqlite at all" * 100)
    return tmp / "junk.sqlite"


@pytest.mark.parametrize("make_db, words", [(lambda tmp: tmp, "is a folder"), (_file_as_folder, "cannot create"),
                                            (_junk, "not a newsdesk store")])
def test_unusable_store_is_one_line_and_exit_2(tmp_path, capsys, make_db, words):
    code = main(["serve", "--port", "0", "--db", str(make_db(tmp_path))])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err


@pytest.mark.parametrize("args", [["--port", "70000"], ["--port", "eighty"], ["--max-body", "0"],
                                  ["--host", "no such host.invalid"]])
def test_bad_options_exit_2(tmp_path, args):
    assert main(["serve", "--db", str(tmp_path / "desk.sqlite"), *args]) == 2


def test_db_from_the_environment(tmp_path, monkeypatch):
    from newsdesk.web import create_app

    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "env.sqlite"))
    app = create_app()
    assert app.state.db == tmp_path / "env.sqlite" and (tmp_path / "env.sqlite").exists()


def test_serve_with_two_workers_shares_one_store(new_store):
    """Two server processes on one port and one store: articles posted at once, twice each, are stored once each,
    and the near copy is linked across processes."""
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    articles = Path(__file__).with_name("api_articles")
    bodies = {"wire": {"text": (articles / "wire-kharkiv-drones.txt").read_text(), "published": "2025-07-08"},
              "copy": {"text": (articles / "daily-kharkiv-drones-copy.txt").read_text(), "published": "2025-07-08"},
              "ferry": {"text": (articles / "local-harbour-ferry.txt").read_text()}}
    store = new_store()
    server = subprocess.Popen([*SERVE, "--port", "0", "--db", str(store), "--workers", "2"], stderr=subprocess.PIPE,
                              text=True)
    try:
        line = server.stderr.readline()
        found = re.search(r"on http://127\.0\.0\.1:(\d+)/.* with 2 workers", line)
        assert found, line
        base = f"http://127.0.0.1:{found[1]}"
        for _ in range(600):  # the workers start (and import the pipeline) after the line is printed
            try:
                if httpx.get(f"{base}/v1/stats", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                import time

                time.sleep(0.1)
        children = open(f"/proc/{server.pid}/task/{server.pid}/children").read().split()
        assert len(children) >= 2  # the workers (and multiprocessing's resource tracker)
        posts = [name for name in bodies for _ in range(2)]
        with ThreadPoolExecutor(len(posts)) as pool:
            answers = list(pool.map(lambda n: (n, httpx.post(f"{base}/v1/articles", json=bodies[n], timeout=120)),
                                    posts))
        assert all(a.status_code in (200, 201) for _, a in answers), [a.text for _, a in answers]
        for name in bodies:
            mine = [a.json() for n, a in answers if n == name]
            assert sorted(m["new"] for m in mine) == [False, True] and mine[0]["id"] == mine[1]["id"], name
        stats = httpx.get(f"{base}/v1/stats", timeout=30).json()
        assert stats["articles"] == 2 and stats["duplicates"] == 1
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert server.returncode == 0
