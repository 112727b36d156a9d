"""Several writers on one desk, on both engines: ingest processes running at once store every article once,
and a wire story stored by another writer while this one analysed its copy still makes that copy a near copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from newsdesk.desk import Desk
from newsdesk.desk.ingest import store_items
from newsdesk.read import read

DEDUP = Path(__file__).parent / "fixtures" / "dedup"
REPO = Path(__file__).resolve().parents[2]


def test_a_first_copy_stored_meanwhile_by_another_writer_makes_a_near_copy(new_store):
    db = new_store()
    with Desk(db) as mine, Desk(db) as theirs:
        def items():
            # the run has built its near-copy index from the empty store; another writer stores the wire story
            assert theirs.ingest([DEDUP / "fire-wire.txt"])["new"] == 1
            yield "fire-outlet1.txt", read(DEDUP / "fire-outlet1.txt")

        summary = store_items(mine.store, items())
        rows = mine.store.execute("SELECT source, duplicate_of, analysis FROM articles ORDER BY id").fetchall()
    assert (summary["new"], summary["near_copies"]) == (0, 1)
    assert rows[1]["source"] == "fire-outlet1.txt" and rows[1]["duplicate_of"] == 1
    assert json.loads(rows[1]["analysis"])["entities"] == []  # a near copy keeps no analysis of its own
    with Desk(db) as desk:
        assert len(desk.stories()) == 1


def test_two_ingest_processes_at_once_store_each_article_once(tmp_path, new_store):
    db = str(new_store())
    with Desk(db):
        pass  # the schema, made before the race
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    inputs = sorted(str(p) for p in DEDUP.glob("*.txt"))
    commands = [[sys.executable, "-m", "newsdesk.cli", "ingest", *order, "--db", db, "--processes", "1", "--json"]
                for order in (inputs, inputs[::-1])]  # the same 16 articles, in opposite orders
    runs = [subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for c in commands]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert json.loads(out)["failed"] == []
    with Desk(db) as desk:
        stats = desk.stats()
        hashes = desk.store.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone()
    with Desk(new_store()) as alone:
        one = alone.ingest(inputs)
    assert hashes[0] == hashes[1] == one["new"] + one["near_copies"]  # every text once, none twice
    assert (stats["articles"], stats["duplicates"]) == (one["new"], one["near_copies"])  # no wire story twice
