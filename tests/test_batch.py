"""``newsdesk batch``: a corpus of our own articles analysed into Parquet tables, read back as an analyst would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow (the batch extra) is not installed")

from newsdesk.batch import TABLES, batch, rows_of  # noqa: E402
from newsdesk.cli import main  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EVENTS = REPO / "examples" / "events"
STORIES = REPO / "tests" / "desk" / "fixtures"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch")
    inputs = [str(EVENTS), str(STORIES / "story_fire_1.txt"), str(STORIES / "story_fire_1.txt"),
              str(out.parent / "missing.txt")]
    summary = batch(inputs, out, processes=1)
    return summary, {name: pq.read_table(out / f"{name}.parquet").to_pylist() for name in TABLES}


def test_every_table_is_written_with_its_rows(tables):
    summary, read = tables
    events_files = [p for p in EVENTS.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert summary["articles"] == len(read["articles"]) == len(events_files) + 2  # a file given twice: twice
    assert summary["rows"] == {name: len(rows) for name, rows in read.items()}
    assert read["failures"] == summary["failed"] and read["failures"][0]["reason"].startswith("[E101]")


def test_rows_are_keyed_by_article_and_agree_with_the_analysis(tables):
    _, read = tables
    ids = {a["article_id"] for a in read["articles"]}
    for name in ("entities", "quotes", "quantities", "dates", "key_points", "events", "weapons"):
        assert read[name] and {r["article_id"] for r in read[name]} <= ids, name
    fire = next(a for a in read["articles"] if a["source"].endswith("story_fire_1.txt"))
    assert fire["headline"] == "Fire tears through chemical warehouse at Port of Valmera"
    assert fire["words"] == len(fire["text"].split())
    people = {e["name"] for e in read["entities"] if e["article_id"] == fire["article_id"] and e["type"] == "PERSON"}
    assert "Maria Okafor" in people
    shaheds = [w for w in read["weapons"] if w["model"] == "Shahed"]
    assert shaheds and all(w["event"].startswith("v") and w["launched"] for w in shaheds)


def test_rows_of_flattens_an_event_with_its_weapons_and_casualties():
    analysis = {"article": {"id": "a1", "text": "x y", "wire": ["AP"]}, "notes": [],
                "events": [{"id": "v1", "type": "attack", "date": {"value": "2025-03-12", "granularity": "day"},
                            "actor": {"name": "Russia"}, "location": {"name": "Kharkiv", "country": "Ukraine"},
                            "casualties": {"killed": {"value": 2}, "wounded": {"value": 26, "qualifier": "at_least"}},
                            "weapons": [{"kind": "drone", "model": "Shahed", "launched": 163, "intercepted": 131}]}]}
    rows = rows_of(analysis, "wire.txt")
    event = rows["events"][0]
    assert event["article_id"] == "a1" and event["actor"] == "Russia" and event["date"] == "2025-03-12"
    assert (event["killed"], event["wounded"], event["country"]) == (2, 26, "Ukraine")
    assert rows["weapons"] == [{"article_id": "a1", "event": "v1", "kind": "drone", "model": "Shahed", "launched": 163,
                                "intercepted": 131, "lost": None, "qualifier": None}]
    assert rows["articles"][0]["words"] == 2 and rows["articles"][0]["wire"] == ["AP"]


def test_tables_keep_their_columns_when_empty(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    summary = batch([tmp_path / "empty.txt"], tmp_path / "out")
    assert summary["articles"] == 0 and summary["failed"][0]["reason"].startswith("[E103]")
    events = pq.read_table(tmp_path / "out" / "events.parquet")
    assert events.num_rows == 0 and "killed" in events.column_names


def test_a_run_that_fails_half_way_leaves_the_previous_tables(tmp_path, monkeypatch):
    out = tmp_path / "out"
    batch([STORIES / "story_fire_1.txt"], out)
    before = (out / "articles.parquet").read_bytes()
    from newsdesk import batch as module

    def broken(analysis, source):
        raise RuntimeError("disk full")

    monkeypatch.setattr(module, "rows_of", broken)
    with pytest.raises(RuntimeError):
        batch([STORIES / "story_fire_2.txt"], out)
    assert (out / "articles.parquet").read_bytes() == before
    assert not list(out.glob(".*.part"))


def test_the_command_line(tmp_path, capsys):
    assert main(["batch", str(STORIES / "story_trial_1.txt"), "--out", str(tmp_path / "t"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["articles"] == 1 and summary["rows"]["articles"] == 1
    assert main(["batch", str(tmp_path / "nothing.txt"), "--out", str(tmp_path / "t2")]) == 2
    assert "failed: " in capsys.readouterr().out
    (tmp_path / "afile").write_text("x")
    assert main(["batch", str(STORIES / "story_trial_1.txt"), "--out", str(tmp_path / "afile")]) == 2
    assert "[E110]" in capsys.readouterr().err


def test_a_dask_local_cluster_gives_the_same_tables(tmp_path, tables):
    pytest.importorskip("distributed", reason="dask.distributed (the dask extra) is not installed")
    inputs = [STORIES / "story_fire_1.txt", STORIES / "story_storm_1.txt", EVENTS / "wire-kyiv-record-barrage.txt"]
    here = batch(inputs, tmp_path / "here")
    there = batch(inputs, tmp_path / "there", processes=2, scheduler="local")
    assert there["rows"] == here["rows"] and there["articles"] == 3
    for name in ("articles", "entities", "events", "weapons"):
        key = lambda row: json.dumps(row, sort_keys=True, default=str)  # noqa: E731
        mine = sorted(pq.read_table(tmp_path / "here" / f"{name}.parquet").to_pylist(), key=key)
        theirs = sorted(pq.read_table(tmp_path / "there" / f"{name}.parquet").to_pylist(), key=key)
        assert theirs == mine, name


def test_dask_options_are_checked(tmp_path, capsys):
    out = str(tmp_path / "o")
    assert main(["batch", str(STORIES / "story_trial_1.txt"), "--out", out, "--dask", "remote"]) == 2
    assert "[E110] --dask" in capsys.readouterr().err
    assert main(["batch", str(STORIES / "story_trial_1.txt"), "--out", out, "--dask", "local", "--scheduler",
                 "tcp://127.0.0.1:8786"]) == 2
    assert "not both" in capsys.readouterr().err
