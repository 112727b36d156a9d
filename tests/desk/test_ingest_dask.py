"""``ingest --dask local`` / ``--scheduler``: the analyses on a real Dask LocalCluster of two workers, stored on
the desk as they come back — the same desk as local processes make, on both engines, and no article lost when
a worker is killed mid-run."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from newsdesk.cli import main
from newsdesk.desk import Desk

pytest.importorskip("distributed", reason="dask.distributed (the dask extra) is not installed")

DEDUP = Path(__file__).parent / "fixtures" / "dedup"
INPUTS = sorted(DEDUP.glob("*.txt"))  # 3 wire stories with 3 outlets' copies each, and 4 other stories


def desk_contents(location) -> dict:
    with Desk(location) as desk:
        rows = desk.store.execute(
            "SELECT a.source, a.headline, a.content_hash, f.source AS first FROM articles a "
            "LEFT JOIN articles f ON f.id = a.duplicate_of").fetchall()
        stories = desk.stories()
        return {
            "articles": sorted((Path(r["source"]).name, r["headline"], r["content_hash"],
                                Path(r["first"]).name if r["first"] else None) for r in rows),
            "stories": sorted(sorted(a["headline"] for a in desk.story(s["id"])["timeline"]) for s in stories),
            "events": sorted((e["type"], e["day"], e["source_count"]) for e in desk.events()),
        }


def test_a_dask_local_cluster_stores_what_local_processes_store(new_store):
    here, there = new_store(), new_store()
    with Desk(here) as desk:
        local = desk.ingest(INPUTS, processes=1)
    with Desk(there) as desk:
        on_dask = desk.ingest(INPUTS, processes=2, scheduler="local")
    assert on_dask == local and local["new"] >= 7 and local["near_copies"] >= 6
    assert desk_contents(there) == desk_contents(here)


def test_a_worker_killed_mid_run_loses_no_article(tmp_path):
    from distributed import default_client

    killed: list[int] = []

    def kill_a_worker(done: int, total: int | None) -> None:
        if done >= 1 and not killed:
            pids = default_client().run(os.getpid)  # worker address → its process id
            killed.append(sorted(pids.values())[0])
            os.kill(killed[0], signal.SIGKILL)

    with Desk(tmp_path / "desk.sqlite") as desk:
        from newsdesk.desk.ingest import ingest

        summary = ingest(desk.store, INPUTS, processes=2, scheduler="local", batch_size=1, progress=kill_a_worker)
        stored = desk.stats()
    assert killed, "no worker was killed"
    assert summary["failed"] == [] and summary["new"] + summary["duplicates"] == len(INPUTS)
    assert (stored["articles"], stored["duplicates"]) == (summary["new"], summary["near_copies"])


def test_ingest_dask_options_are_checked(tmp_path, capsys):
    db = str(tmp_path / "desk.sqlite")
    assert main(["ingest", str(INPUTS[0]), "--db", db, "--dask", "remote"]) == 2
    assert "[E110] --dask" in capsys.readouterr().err
    assert main(["ingest", str(INPUTS[0]), "--db", db, "--dask", "local", "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "not both" in capsys.readouterr().err
    with Desk(db) as desk:
        assert desk.stats()["articles"] == 0
