"""Ingest: files, folders, JSONL and feeds into the store; copies recognised; failures listed; kill -9 safe.

tests/desk/fixtures/ingest/: two saved articles and an HTML page in a nested folder, a JSONL file
(two good lines, one cut short, one without a body), an RSS feed (two entries and one empty) and an
Atom feed, and two files that are not articles (an empty one and a PNG).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk.cli import main
from newsdesk.desk import Desk
from newsdesk.desk.ingest import ingest
from newsdesk.desk.store import open_store
from newsdesk.errors import StoreError

FIXTURES = Path(__file__).parent / "fixtures"
INGEST = FIXTURES / "ingest"
DEDUP = FIXTURES / "dedup"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, new_store):
    """The ingest fixtures in a fresh store, once: (summary, store path)."""
    path = new_store()
    with Desk(path) as desk:
        summary = desk.ingest([INGEST], processes=1)
    return summary, path


def rows(path: str | Path, sql: str, *args) -> list[tuple]:
    with open_store(path) as store:
        return [tuple(r) for r in store.execute(sql, args).fetchall()]


def test_every_kind_of_input_is_read(ingested):
    summary, path = ingested
    assert summary["new"] == 9 and summary["duplicates"] == 0
    sources = {r[0] for r in rows(path, "SELECT source FROM articles")}
    assert sources == {
        f"{INGEST}/articles/harbour-strike.txt", f"{INGEST}/articles/library-reopens.txt",
        f"{INGEST}/articles/more/rail-line.html", f"{INGEST}/articles.jsonl:1", f"{INGEST}/articles.jsonl:2",
        f"{INGEST}/valley.rss#1", f"{INGEST}/valley.rss#2", f"{INGEST}/coast.atom#1", f"{INGEST}/coast.atom#2"}


def test_failures_are_listed_with_their_reasons_and_the_run_goes_on(ingested):
    failed = {f["input"]: f["reason"] for f in ingested[0]["failed"]}
    assert set(failed) == {f"{INGEST}/articles.jsonl:3", f"{INGEST}/articles.jsonl:4", f"{INGEST}/bad/empty.txt",
                           f"{INGEST}/bad/pixel.png", f"{INGEST}/valley.rss#3"}
    assert "line 3 is not valid JSON" in failed[f"{INGEST}/articles.jsonl:3"]
    assert 'line 4 has no "text" or "html"' in failed[f"{INGEST}/articles.jsonl:4"]
    assert "empty" in failed[f"{INGEST}/bad/empty.txt"]
    assert "PNG image" in failed[f"{INGEST}/bad/pixel.png"]
    assert "no content or summary" in failed[f"{INGEST}/valley.rss#3"]


def test_feed_entries_and_jsonl_lines_keep_their_metadata(ingested):
    path = ingested[1]
    got = {r[0]: r[1:] for r in rows(path, "SELECT source, headline, url, published, publisher FROM articles")}
    assert got[f"{INGEST}/valley.rss#1"] == (
        "Bridge over the Tarn reopens after repairs", "https://valleyherald.example/bridge-reopens", "2025-03-03",
        "Valley Herald")
    assert got[f"{INGEST}/coast.atom#2"] == ("Harbour fees to rise by 5%", "https://coastgazette.example/harbour-fees",
                                             "2025-06-10", "Coast Gazette")
    assert got[f"{INGEST}/articles.jsonl:1"] == ("Storm closes mountain pass", "https://example.org/kessel-pass",
                                                 "2025-01-15", "Alpine Courier")
    assert got[f"{INGEST}/articles.jsonl:2"][:2] == ("School wins robotics prize", "https://example.org/robotics")
    analysis = json.loads(rows(path, "SELECT analysis FROM articles WHERE source LIKE '%rss#1'")[0][0])
    assert analysis["schema"] == "newsdesk.analysis/1"
    assert "3 million crowns" in analysis["article"]["text"] and analysis["entities"]


def test_every_stored_article_is_searchable(ingested):
    path = ingested[1]
    with Desk(path) as desk:
        assert desk.search("lifeboat gale")[0]["headline"] == "Lifeboat crew rescues four sailors in gale"
        assert desk.stats()["articles"] == 9
    orphans = rows(path, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                         "(SELECT 1 FROM search s WHERE s.article_id = a.id AND s.field = 'text')")
    assert orphans == [(0,)]


def test_the_same_articles_ingested_again_add_nothing(ingested):
    with Desk(ingested[1]) as desk:
        again = desk.ingest([INGEST])
        assert (again["new"], again["duplicates"], again["exact_copies"]) == (0, 9, 9)
        assert len(again["failed"]) == 5
        assert desk.stats()["articles"] == 9 and desk.stats()["duplicates"] == 0


def test_near_copies_are_linked_to_the_first_copy_and_not_analysed(tmp_path, new_store):
    with Desk(new_store()) as desk:
        summary = desk.ingest([DEDUP], processes=1)
        stored = desk.store.execute(
            "SELECT a.source, f.source, a.similarity, a.analysis FROM articles a "
            "LEFT JOIN articles f ON f.id = a.duplicate_of ORDER BY a.id").fetchall()
    # 3 stories x 4 copies + 4 others; dam-wire is dam-outlet1 once the reader drops the furniture
    assert (summary["new"], summary["exact_copies"], summary["near_copies"], summary["failed"]) == (7, 1, 8, [])
    first = {Path(src).stem: Path(orig).stem if orig else None for src, orig, _, _ in stored}
    assert first["dam-outlet2"] == first["dam-outlet3"] == "dam-outlet1"
    assert first["fire-outlet2"] == first["fire-outlet3"] == first["fire-wire"] == "fire-outlet1"
    assert first["rates-outlet2"] == first["rates-outlet3"] == first["rates-wire"] == "rates-outlet1"
    assert all(first[n] is None for n in first if "-other-" in n)
    for _, orig, similarity, analysis in stored:
        if orig:
            assert similarity >= 0.3 and json.loads(analysis)["entities"] == []


def test_events_and_stories_are_attached_inside_the_transaction_for_first_copies_only(monkeypatch, new_store):
    import newsdesk.desk.events as events
    import newsdesk.desk.stories as stories

    calls = []

    def spy(kind):
        def record(store, article, analysis):
            calls.append((kind, article, store.in_transaction, analysis["article"]["headline"]))
        return record

    monkeypatch.setattr(events, "attach_events", spy("events"))
    monkeypatch.setattr(stories, "assign_story", spy("story"))
    with Desk(new_store()) as desk:
        desk.ingest([DEDUP / "fire-wire.txt", DEDUP / "fire-outlet1.txt", DEDUP / "fire-other-day2.txt"])
        firsts = [r[0] for r in desk.store.execute("SELECT id FROM articles WHERE duplicate_of IS NULL")]
    assert sorted({c[1] for c in calls}) == sorted(firsts) and len(firsts) == 2
    assert [c[0] for c in calls] == ["events", "story", "events", "story"]
    assert all(c[2] for c in calls)


def test_a_failure_while_storing_rolls_the_article_back(tmp_path, monkeypatch, new_store):
    import newsdesk.desk.stories as stories

    def broken(store, article, analysis):
        if "Pera" in analysis["article"]["headline"]:
            raise ValueError("story centroid is NaN")

    monkeypatch.setattr(stories, "assign_story", broken)
    path = new_store()
    with Desk(path) as desk:
        summary = desk.ingest([DEDUP / "fire-wire.txt", DEDUP / "rates-wire.txt"])
    assert summary["new"] == 1
    assert summary["failed"][0]["input"].endswith("fire-wire.txt")
    assert "story centroid is NaN" in summary["failed"][0]["reason"]
    assert rows(path, "SELECT count(*) FROM articles") == [(1,)]
    assert rows(path, "SELECT count(DISTINCT article_id) FROM search") == [(1,)]


def test_parallel_analysis_stores_the_same_articles(tmp_path, new_store):
    with Desk(new_store()) as desk:
        summary = ingest(desk.store, [INGEST / "articles", INGEST / "coast.atom"], processes=2, batch_size=1)
        assert (summary["new"], summary["failed"]) == (5, [])


def test_progress_is_reported_up_to_the_total(tmp_path, new_store):
    seen = []
    with Desk(new_store()) as desk:
        ingest(desk.store, [INGEST], progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (14, 14)
    assert all(done <= total for done, total in seen)


def test_cli_ingest_json_stats_and_search(tmp_path, capsys, new_store):
    db = str(new_store())
    assert main(["ingest", str(INGEST / "articles"), "--db", db, "--json", "--processes", "1"]) == 0
    assert json.loads(capsys.readouterr().out) == {"new": 3, "duplicates": 0, "failed": [], "exact_copies": 0,
                                                   "near_copies": 0}
    assert main(["stats", "--db", db, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 3 and {"stories", "events", "duplicates"} <= set(stats)
    assert main(["search", "dock workers strike", "--db", db, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["results"][0]["headline"] == "Dock workers in Port Selin begin 48-hour strike over pay"
    assert main(["search", "dock workers", "--db", db]) == 0
    assert "Port Selin" in capsys.readouterr().out


def test_cli_exit_codes(tmp_path, capsys, new_store):
    db = str(new_store())
    assert main(["ingest", str(INGEST / "bad"), str(tmp_path / "missing.txt"), "--db", db]) == 2
    out = capsys.readouterr().out
    assert "0 new" in out and "missing.txt: [E101]" in out
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    assert main(["ingest", str(empty), "--db", db]) == 2  # nothing to ingest is an error too
    assert main(["ingest", str(INGEST / "articles"), str(INGEST / "bad"), "--db", db, "--processes", "1"]) == 0
    capsys.readouterr()
    for bad in (tmp_path, INGEST / "articles" / "harbour-strike.txt"):
        assert main(["stats", "--db", str(bad)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "[E30" in err
    assert main(["ingest", str(INGEST), "--db", db, "--processes", "0"]) == 2


def write_articles(folder: Path, count: int) -> None:
    """``count`` small articles of made-up words: no two share a 5-word shingle by chance."""
    rng = random.Random(11)
    syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "dre", "sil", "pan", "or", "eth", "gu", "bar", "nix"]
    vocab = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 3))) for _ in range(600)})

    def sentence() -> str:
        return " ".join(rng.choices(vocab, k=rng.randint(9, 14))).capitalize() + "."

    folder.mkdir()
    for n in range(count):
        body = "\n\n".join(" ".join(sentence() for _ in range(3)) for _ in range(4))
        (folder / f"article-{n:02d}.txt").write_text(f"{sentence()[:-1]}\n\n{body}\n", encoding="utf-8")


def test_kill_9_in_the_middle_leaves_a_consistent_store_and_a_rerun_completes_it(tmp_path, engine, new_store):
    folder, db = tmp_path / "articles", new_store()
    write_articles(folder, 30)
    command = [sys.executable, "-m", "newsdesk.cli", "ingest", str(folder), "--db", str(db), "--processes", "2",
               "--json"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # its own process group: the kill takes the workers too
    stored, deadline = 0, time.monotonic() + 120
    try:
        while stored < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            if engine == "postgresql" or db.exists():
                try:
                    stored = rows(db, "SELECT count(*) FROM articles")[0][0]
                except (sqlite3.OperationalError, StoreError):  # schema not created yet
                    pass
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    assert 3 <= stored < 30

    if engine == "sqlite":
        assert rows(db, "PRAGMA integrity_check") == [("ok",)]
        assert rows(db, "PRAGMA foreign_key_check") == []
    n = rows(db, "SELECT count(*) FROM articles")[0][0]
    assert 3 <= n < 30
    assert rows(db, "SELECT count(DISTINCT article_id) FROM search WHERE field = 'text'") == [(n,)]
    assert rows(db, "SELECT count(*) FROM search WHERE article_id NOT IN (SELECT id FROM articles)") == [(0,)]

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert (summary["new"], summary["duplicates"], summary["failed"]) == (30 - n, n, [])
    assert rows(db, "SELECT count(*), count(DISTINCT source), count(DISTINCT content_hash) FROM articles") == [
        (30, 30, 30)]
    assert rows(db, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL") == [(0,)]
