"""Requests at once: articles posted from several threads are each stored once, duplicates found across
requests, readers never see an error; analyses in parallel give what one at a time gives."""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.web import create_app

ARTICLES = Path(__file__).with_name("api_articles")
BODIES = {
    "wire": {"text": (ARTICLES / "wire-kharkiv-drones.txt").read_text(), "published": "2025-07-08"},
    "copy": {"text": (ARTICLES / "daily-kharkiv-drones-copy.txt").read_text(), "published": "2025-07-08"},
    "ferry": {"text": (ARTICLES / "local-harbour-ferry.txt").read_text()},
    "heat": {"html": (ARTICLES / "broadcaster-heatwave.html").read_text()},
}


def test_threads_posting_at_once_store_each_article_once(new_store):
    """On both engines: every article posted twice at once is stored once, and found once."""
    with TestClient(create_app(new_store())) as client:
        posts = [name for name in BODIES for _ in range(2)]  # every article posted twice, all at once
        reads: list[int] = []

        def post(name: str):
            return name, client.post("/v1/articles", json=BODIES[name])

        def read(_: int) -> None:
            for url in ("/v1/stats", "/v1/articles", "/v1/stories", "/v1/events", "/v1/search?q=Kharkiv"):
                reads.append(client.get(url).status_code)

        with ThreadPoolExecutor(max_workers=len(posts) + 2) as pool:
            readers = [pool.submit(read, i) for i in range(4)]
            results = list(pool.map(post, posts))
            for reader in readers:
                reader.result()

        by_name: dict[str, list] = defaultdict(list)
        for name, response in results:
            assert response.status_code in (200, 201), response.text
            by_name[name].append(response.json())
        for name, answers in by_name.items():
            assert sorted(a["new"] for a in answers) == [False, True], name  # stored once, found once
            assert answers[0]["id"] == answers[1]["id"], name
        assert set(reads) == {200}

        stats = client.get("/v1/stats").json()
        assert stats["articles"] == 3 and stats["duplicates"] == 1  # the wire story and its copy: one linked
        stored = {row["id"]: row for row in client.get("/v1/articles").json()}
        assert len(stored) == 4
        wire, copy = (by_name[n][0]["id"] for n in ("wire", "copy"))
        assert {stored[wire]["duplicate_of"], stored[copy]["duplicate_of"]} in ({None, wire}, {None, copy})
        assert len(client.get("/v1/events", params={"type": "attack"}).json()) == 1


def test_parallel_analyses_match_serial_ones(tmp_path):
    with TestClient(create_app(tmp_path / "desk.sqlite")) as client:
        names = list(BODIES)
        serial = {name: client.post("/v1/analyze", json=BODIES[name]).json() for name in names}
        with ThreadPoolExecutor(max_workers=8) as pool:
            parallel = list(pool.map(lambda name: (name, client.post("/v1/analyze", json=BODIES[name])),
                                     names * 2))
        for name, response in parallel:
            assert response.status_code == 200
            assert response.json() == serial[name], name
        assert client.get("/v1/stats").json()["articles"] == 0


def test_articles_posted_at_once_are_analysed_side_by_side(tmp_path, monkeypatch):
    """The analysis runs outside any lock or transaction: two different articles posted at once are analysed
    at the same time (each analysis here waits until the other has started, or gives up after 20 s)."""
    import threading

    from newsdesk.desk import ingest

    started = threading.Barrier(2, timeout=20)
    real = ingest._analyse_chunk
    overlapped = []

    def analyse(articles):
        try:
            started.wait()
            overlapped.append(True)
        except threading.BrokenBarrierError:
            overlapped.append(False)
        return real(articles)

    monkeypatch.setattr(ingest, "_analyse_chunk", analyse)
    with TestClient(create_app(tmp_path / "desk.sqlite")) as client, ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda name: client.post("/v1/articles", json=BODIES[name]), ["ferry", "heat"]))
    assert [a.status_code for a in answers] == [201, 201]
    assert overlapped == [True, True]
