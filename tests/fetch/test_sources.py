"""Live sources on the desk: adding, listing, removing, polling (new items only, 304s, failures recorded),
``newsdesk watch`` and ``newsdesk ingest URL`` from the CLI, and a poll killed with -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fetch_pages import STORIES, atom_feed, newsroom_page, story, wordpress_feed
from loopback import Reply

from newsdesk.cli import main
from newsdesk.desk.sources import SourceNotFound, add_source, list_sources, parse_every, poll, remove_source, watch
from newsdesk.desk.store import open_store
from newsdesk.errors import BadOption, StoreError
from newsdesk.fetch.guard import FetchRefused

HTML = {"Content-Type": "text/html; charset=utf-8"}


class GrowingFeed:
    """An Atom feed whose entries the test adds; it answers 304 to the ETag of its current version."""

    def __init__(self, site, slugs):
        self.site, self.slugs = site, list(slugs)
        for slug in STORIES:
            site.route(f"/news/{slug}", Reply(200, newsroom_page(story(slug)), HTML))
        site.route("/atom.xml", self.reply)

    def reply(self, hit):
        tag = f'"v{len(self.slugs)}"'
        if hit.headers.get("if-none-match") == tag:
            return Reply(304, headers={"ETag": tag})
        return Reply(200, atom_feed(self.site.base, [story(s) for s in self.slugs]),
                     {"Content-Type": "application/atom+xml", "ETag": tag})


@pytest.fixture
def store(tmp_path, new_store):
    with open_store(new_store()) as s:
        yield s


def test_sources_are_added_listed_updated_and_removed(store):
    first = add_source(store, "https://news.example.org/feed.xml", every="30m", topic="Valmera")
    assert first["new"] and first["source"]["every"] == 1800 and first["source"]["topic"] == "Valmera"
    again = add_source(store, "https://news.example.org/feed.xml", every="2h")
    assert not again["new"] and again["source"]["every"] == 7200 and again["source"]["topic"] == "Valmera"
    assert store.execute("SELECT query FROM topics").fetchall()[0][0] == "Valmera"
    assert [s["url"] for s in list_sources(store)] == ["https://news.example.org/feed.xml"]
    assert remove_source(store, first["source"]["id"])["url"] == "https://news.example.org/feed.xml"
    assert list_sources(store) == []
    with pytest.raises(SourceNotFound):
        remove_source(store, "https://news.example.org/feed.xml")


@pytest.mark.parametrize("bad", ["often", "0m", "-5m", "15 minutes", ""])
def test_a_bad_interval_is_bad_input(bad):
    with pytest.raises(BadOption):
        parse_every(bad)


def test_a_source_with_a_private_address_is_refused_where_the_server_adds_it(store):
    with pytest.raises(FetchRefused):
        add_source(store, "http://127.0.0.1:9/feed", allow_private=False)
    with pytest.raises(FetchRefused, match="only http"):
        add_source(store, "file:///etc/passwd")
    assert list_sources(store) == []


def test_a_feed_that_gains_items_is_read_for_the_new_ones_only(site, fetcher, store):
    feed = GrowingFeed(site, STORIES[:2])
    source = add_source(store, site.url("/atom.xml"), every="1s")["source"]
    first = poll(store, source, fetcher)
    assert (first["status"], first["new"], first["failed"]) == ("200", 2, [])
    feed.slugs.append(STORIES[2])
    second = poll(store, source, fetcher)
    assert (second["status"], second["new"]) == ("200", 1)
    assert len(site.requests_to(f"/news/{STORIES[0]}")) == 1  # an item is fetched once
    third = poll(store, source, fetcher)
    assert (third["status"], third["new"], third["requests"]) == ("304", 0, 1)
    row = list_sources(store)[0]
    assert row["total_new"] == 3 and row["last_status"] == "304" and row["kind"] == "feed"
    assert store.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    urls = {r[0] for r in store.execute("SELECT url FROM articles")}
    assert urls == {site.url(f"/news/{s}") for s in STORIES[:3]}


def test_failures_are_recorded_on_the_source_and_retried_at_most_three_times(site, fetcher, store):
    GrowingFeed(site, STORIES[:2])
    site.route(f"/news/{STORIES[1]}", Reply(404))
    source = add_source(store, site.url("/atom.xml"), every="1s")["source"]
    result = poll(store, source, fetcher)
    assert result["new"] == 1
    assert result["failed"] == [{"input": site.url(f"/news/{STORIES[1]}"), "reason": "[E140] HTTP 404 Not Found"}]
    assert list_sources(store)[0]["last_error"] == result["failed"]
    for _ in range(4):  # the feed changes so that it is read again
        store.execute("UPDATE sources SET etag = NULL")
        poll(store, source, fetcher)
    assert len(site.requests_to(f"/news/{STORIES[1]}")) == 3


def test_a_source_that_cannot_be_fetched_is_an_error_line_not_a_crash(site, fetcher, store):
    site.route("/feed", Reply(500))
    source = add_source(store, site.url("/feed"), every="1s")["source"]
    result = poll(store, source, fetcher)
    assert result["status"] == "error" and "HTTP 500" in result["failed"][0]["reason"]
    assert list_sources(store)[0]["last_status"] == "error"


def test_a_full_text_feed_brings_its_articles_without_fetching_pages(site, fetcher, store):
    site.route("/feed/", Reply(200, wordpress_feed(site.base, [story(s) for s in STORIES[3:5]]),
                                {"Content-Type": "application/rss+xml"}))
    source = add_source(store, site.url("/feed/"))["source"]
    assert poll(store, source, fetcher)["new"] == 2
    assert {h.path for h in site.hits} == {"/robots.txt", "/feed/"}


def test_watch_once_polls_only_due_sources(site, fetcher, store):
    GrowingFeed(site, STORIES[:1])
    add_source(store, site.url("/atom.xml"), every="1h")
    assert [r["new"] for r in watch(store, fetcher, once=True)] == [1]
    assert watch(store, fetcher, once=True) == []  # not due for an hour


def test_cli_sources_and_watch(site, tmp_path, capsys, new_store):
    GrowingFeed(site, STORIES[5:7])
    db = str(new_store())
    assert main(["sources", "add", site.url("/atom.xml"), "--every", "1s", "--db", db]) == 0
    assert "added source 1" in capsys.readouterr().out
    assert main(["watch", "--once", "--db", db, "--json", "--processes", "1"]) == 2  # loopback refused
    refused = json.loads(capsys.readouterr().out.splitlines()[0])
    assert refused["status"] == "error" and "[E141]" in refused["failed"][0]["reason"]
    time.sleep(1.1)
    assert main(["watch", "--once", "--db", db, "--json", "--processes", "1", "--allow-private-fetch",
                 "--delay", "0"]) == 0
    polled = json.loads(capsys.readouterr().out.splitlines()[0])
    assert polled["status"] == "200" and polled["new"] == 2
    assert main(["sources", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert site.url("/atom.xml") in listed and "2 in all" in listed
    assert main(["sources", "remove", "7", "--db", db]) == 2
    assert "[E307]" in capsys.readouterr().err


def test_cli_ingest_url_and_read_url(site, tmp_path, capsys, new_store):
    site.route("/feed/", Reply(200, wordpress_feed(site.base, [story(s) for s in STORIES[:2]]),
                                {"Content-Type": "application/rss+xml"}))
    site.route("/news/a", Reply(200, newsroom_page(story(STORIES[2])), HTML))
    db = str(new_store())
    assert main(["ingest", site.url("/feed/"), site.url("/news/a"), site.url("/missing"), "--db", db, "--json",
                 "--processes", "1"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["new"] == 3
    assert summary["failed"] == [{"input": site.url("/missing"), "reason": "[E140] HTTP 404 Not Found"}]
    assert main(["read", site.url("/news/a"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["headline"] == story(STORIES[2]).headline
    assert main(["read", site.url("/feed/")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is a feed listing 2 articles" in err[0]


def test_a_poll_killed_with_9_loses_and_doubles_nothing(site, tmp_path, new_store):
    slugs = STORIES  # twelve, stored four at a time
    site.route("/atom.xml", Reply(200, atom_feed(site.base, [story(s) for s in slugs])))
    for slug in slugs:  # slow pages, so that the kill lands in the middle of the poll
        site.route(f"/news/{slug}", Reply(200, newsroom_page(story(slug)), HTML, wait=0.4))
    db = new_store()
    with open_store(db) as s:
        add_source(s, site.url("/atom.xml"), every="1s")
    cmd = [sys.executable, "-m", "newsdesk.cli", "watch", "--once", "--db", str(db), "--allow-private-fetch",
           "--processes", "1", "--delay", "0", "--concurrency", "1"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _count(db) < 1:
            time.sleep(0.1)
        assert _count(db) >= 1
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    stored = _count(db)
    assert 1 <= stored < len(slugs)
    time.sleep(1.1)
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=300)
    with open_store(db) as s:
        urls = [r[0] for r in s.execute("SELECT url FROM articles")]
    assert sorted(urls) == sorted(site.url(f"/news/{s}") for s in slugs)


def _count(db: str | Path) -> int:
    try:
        with open_store(db) as s:
            return s.execute("SELECT count(*) FROM articles").fetchone()[0]
    except (sqlite3.Error, StoreError):  # busy, or not created yet
        return 0


def test_a_bug_on_one_source_is_recorded_and_the_others_are_polled(site, fetcher, store, monkeypatch):
    GrowingFeed(site, STORIES[:1])
    site.route("/broken.xml", Reply(200, "<?xml version='1.0'?><urlset><url><loc>", {"Content-Type": "text/xml"}))
    add_source(store, site.url("/broken.xml"))
    add_source(store, site.url("/atom.xml"))
    results = watch(store, fetcher, once=True)
    assert [r["status"] for r in results] == ["200", "200"]
    assert results[0]["new"] == 0 and results[1]["new"] == 1
    from newsdesk.desk import sources as module

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "list_source", boom)
    store.execute("UPDATE sources SET next_poll = NULL")
    results = watch(store, fetcher, once=True)
    assert [r["status"] for r in results] == ["error", "error"]
    assert results[0]["failed"][0]["reason"] == "internal error (RuntimeError: boom)"
    assert list_sources(store)[1]["last_error"][0]["reason"].startswith("internal error")


@pytest.mark.parametrize("processes", ["1", "2"])
def test_watch_runs_until_ctrl_c_and_stops_cleanly(site, tmp_path, processes, new_store):
    """Ctrl-C in a terminal reaches the whole process group: the analysis workers too."""
    GrowingFeed(site, STORIES[:1])
    db = new_store()
    with open_store(db) as s:
        add_source(s, site.url("/atom.xml"), every="1h")
    cmd = [sys.executable, "-m", "newsdesk.cli", "watch", "--db", str(db), "--allow-private-fetch", "--processes",
           processes, "--delay", "0"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _count(db) < 1:
            time.sleep(0.1)
        time.sleep(0.5)
        assert proc.poll() is None  # still watching: the next poll is an hour away
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert f"{site.url('/atom.xml')}: 1 new" in out
    assert "stopped: 1 polls, 1 new articles" in err and "Traceback" not in err


def test_a_url_of_another_scheme_is_refused_not_looked_for_on_disk(tmp_path, capsys):
    assert main(["read", "ftp://example.org/story.txt"]) == 2
    assert "[E141]" in capsys.readouterr().err
    assert main(["ingest", "gopher://example.org/", "--db", str(tmp_path / "d.sqlite"), "--json"]) == 2
    failed = json.loads(capsys.readouterr().out)["failed"]
    assert failed[0]["input"] == "gopher://example.org/" and failed[0]["reason"].startswith("[E141] only http")


class StopAfter:
    """A stop flag that is raised after ``n`` looks (a Ctrl-C in the middle of a poll, at a known place)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def is_set(self) -> bool:
        self.n -= 1
        return self.n < 0


def test_a_stopped_poll_keeps_what_it_stored_and_the_next_one_reads_the_rest(site, fetcher, store):
    GrowingFeed(site, STORIES[:5])
    source = add_source(store, site.url("/atom.xml"), every="1s")["source"]
    first = poll(store, source, fetcher, stop=StopAfter(2))
    assert first["new"] == 2
    assert store.execute("SELECT etag FROM sources").fetchone()[0] is None  # the feed must be listed again
    second = poll(store, source, fetcher)
    assert (second["status"], second["new"]) == ("200", 3)
    assert poll(store, source, fetcher)["status"] == "304"
    assert store.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_a_poll_cut_by_its_limit_reads_the_rest_next_time(site, fetcher, store):
    GrowingFeed(site, STORIES[:3])
    source = add_source(store, site.url("/atom.xml"), every="1s")["source"]
    assert poll(store, source, fetcher, limit=2)["new"] == 2
    assert poll(store, source, fetcher, limit=2)["new"] == 1
    assert poll(store, source, fetcher, limit=2)["status"] == "304"


def test_a_fetched_page_without_article_text_is_a_failure_and_the_run_goes_on(site, tmp_path, capsys, new_store):
    site.route("/empty", Reply(200, "<html><head><meta property='og:type' content='article'><title>Gone</title>"
                                    "</head><body><script>load()</script></body></html>", HTML))
    site.route("/news/a", Reply(200, newsroom_page(story(STORIES[2])), HTML))
    db = str(new_store())
    assert main(["ingest", site.url("/empty"), site.url("/news/a"), "--db", db, "--json", "--processes", "1"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["new"] == 1 and summary["failed"][0]["input"] == site.url("/empty")
    assert summary["failed"][0]["reason"].startswith("[E103]")
