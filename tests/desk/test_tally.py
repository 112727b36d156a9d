"""Tallies and records across the desk: each attack counted once, period totals kept apart, the reference
beside, charts, the largest attacks as of a date."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import newsdesk
from newsdesk.cli import main
from newsdesk.desk import Desk
from newsdesk.desk.chart import write_chart
from newsdesk.desk.events import attach_events
from newsdesk.desk.store import content_hash, open_store
from newsdesk.desk.tally import period_of, periods_between, records, tally
from newsdesk.errors import BadOption

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE = FIXTURES / "events_reference.csv"
ARTICLES = {  # fixture → (published, publisher)
    "events_night1_wire.txt": ("2025-07-04", "Wire"),
    "events_night1_daily.txt": ("2025-07-04", "Daily"),
    "events_night1_broadcaster.txt": ("2025-07-04", "Broadcaster"),
    "events_night0.txt": ("2025-06-29", "Herald"),
    "events_night2.txt": ("2025-07-09", "Post"),
    "events_monthly.txt": ("2025-08-01", "AFP"),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory, new_store) -> Path:
    """A desk of the six articles: Russian attacks on the nights ending 2025-06-29 (1 source), 2025-07-04
    (3 sources), 2025-07-09 (2 sources), a Ukrainian drone attack on Rostov on 2025-07-09, a July period total."""
    path = new_store()
    with open_store(path) as store:
        for name, (published, publisher) in ARTICLES.items():
            analysis = newsdesk.analyze(FIXTURES / name, published=published).to_dict()
            analysis["article"].update(published=published, publisher=publisher)
            with store.transaction():
                row = store.insert_article(analysis, source=name, digest=content_hash(analysis["article"]["text"]))
                attach_events(store, row, analysis)
    return path


@pytest.fixture
def store(db):
    with open_store(db) as opened:
        yield opened


def rows(result: dict) -> dict[str, dict]:
    return {row["period"]: row for row in result["rows"]}


def test_each_attack_is_counted_once_by_month(store):
    result = tally(store, by="month")
    june, july = rows(result)["2025-06"], rows(result)["2025-07"]
    assert june["attacks"] == 1 and june["launched"] == {"drone": 477, "missile": 60}
    assert june["intercepted"] == {"drone": 211, "missile": 38}
    # three articles on 07-04, two on 07-09, plus the Rostov attack (no figure): 3 attacks, never 6
    assert july["attacks"] == 3 and july["without_figures"] == 1
    # 07-04: the air force's 270 drones (no article said how many missiles); 07-09: 296 drones and seven missiles
    assert july["intercepted"] == {"drone": 270 + 296, "missile": 7}
    assert july["launched"] == {"drone": 539 + 728, "missile": 11 + 13}
    assert july["total"]["launched"] == 550 + 741
    # the month's 6,297 drones are listed apart, never added to the nights
    assert [(p["period"], p["launched"]) for p in result["period_totals"]] == [("2025-07", {"drone": 6297})]
    assert result["totals"]["attacks"] == 4 and result["totals"]["launched"]["drone"] == 477 + 539 + 728


def test_by_day_and_week_fill_the_periods_between(store):
    by_day = tally(store, by="day", since="2025-07-03", until="2025-07-05")
    assert [(r["period"], r["attacks"]) for r in by_day["rows"]] == [
        ("2025-07-03", 0), ("2025-07-04", 1), ("2025-07-05", 0)]
    by_week = tally(store, by="week")
    assert [(r["period"], r["attacks"]) for r in by_week["rows"]] == [
        ("2025-W26", 1), ("2025-W27", 1), ("2025-W28", 2)]
    assert period_of(__import__("datetime").date(2025, 12, 29), "week") == "2026-W01"
    assert periods_between(__import__("datetime").date(2025, 1, 31), __import__("datetime").date(2025, 3, 1),
                           "month") == ["2025-01", "2025-02", "2025-03"]


def test_weapon_filter(store):
    missiles = tally(store, by="month", weapon="missiles")
    assert missiles["weapon"] == "missile" and missiles["kinds"] == ["missile"]
    july = rows(missiles)["2025-07"]
    assert july["attacks"] == 2  # the Rostov drone attack has no missile
    assert july["launched"] == {"missile": 24} and july["total"]["launched"] == 24
    drones = tally(store, by="month", weapon="drone")
    assert rows(drones)["2025-07"]["attacks"] == 3 and rows(drones)["2025-07"]["total"]["launched"] == 1267
    with pytest.raises(BadOption):
        tally(store, weapon="laser")


def test_range_and_bad_options(store):
    result = tally(store, by="month", since="2025-07-01", until="2025-07-05")
    assert [(r["period"], r["attacks"]) for r in result["rows"]] == [("2025-07", 1)]
    for bad in ({"since": "2025-13-01"}, {"until": "yesterday"}, {"by": "year"}, {"what": "quotes"},
                {"since": "2025-07-09", "until": "2025-07-01"}):
        with pytest.raises(BadOption):
            tally(store, **bad)


def test_the_reference_beside(store):
    result = tally(store, by="month", reference=REFERENCE)
    june, july = rows(result)["2025-06"], rows(result)["2025-07"]
    assert june["reference"]["nights"] == 1
    assert june["reference"]["launched"] == {"drone": 477, "missile": 60}
    assert june["reference"]["intercepted"] == {"drone": 211, "missile": 38}
    assert june["difference"]["launched"] == {"drone": 0, "missile": 0}
    # July up to the desk's last night (07-09): 07-04, 07-08, 07-09; the Orlan is not a strike drone
    assert july["reference"]["nights"] == 3
    assert july["reference"]["launched"] == {"drone": 539 + 40 + 728, "missile": 11 + 13}
    assert july["attacks"] == 2  # beside the reference, only Russia's attacks on Ukraine
    assert july["difference"]["attacks"] == -1 and july["difference"]["launched"] == {"drone": -40, "missile": 0}
    assert result["totals"]["difference"]["total"]["launched"] == -40
    assert any("Russia" in note for note in result["notes"])
    assert result["reference"]["nights"] == 6  # the whole file was read; rows are cut to the desk's span
    # a range the desk does not fill: the reference's nights still stand beside
    later = tally(store, by="day", since="2025-07-10", until="2025-07-11", reference=REFERENCE)
    assert [(r["period"], r["attacks"], r["reference"]["launched"]["drone"]) for r in later["rows"]] == [
        ("2025-07-10", 0, 0), ("2025-07-11", 0, 100)]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_chart_is_a_valid_image(store, tmp_path, suffix):
    path = write_chart(tally(store, by="week", reference=REFERENCE), tmp_path / f"tally{suffix}")
    data = path.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    else:
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")
        assert b"2025-W27" in data or b"reference" in data


def test_records_ordering_and_as_of(store):
    found = {entry["measure"]: entry for entry in records(store)}
    total = found["total"]["top"]
    assert [(r["rank"], r["day"], r["value"]) for r in total] == [
        (1, "2025-07-09", 741), (2, "2025-07-04", 550), (3, "2025-06-29", 537)]
    assert total[1]["source_count"] == 3 and (total[1]["min"], total[1]["max"]) == (550, 561)
    assert {s["publisher"] for s in total[1]["sources"]} == {"Wire", "Daily", "Broadcaster"}
    assert [r["day"] for r in found["missile"]["top"]] == ["2025-06-29", "2025-07-09", "2025-07-04"]
    assert [p["day"] for p in found["total"]["progression"]] == ["2025-06-29", "2025-07-04", "2025-07-09"]
    as_of = {entry["measure"]: entry for entry in records(store, as_of="2025-07-05", limit=1)}
    assert [(r["day"], r["value"]) for r in as_of["total"]["top"]] == [("2025-07-04", 550)]
    assert [(r["day"], r["value"]) for r in as_of["drone"]["top"]] == [("2025-07-04", 539)]
    assert as_of["total"]["as_of"] == "2025-07-05"
    assert records(store, as_of="2025-06-01")[0]["top"] == []
    with pytest.raises(BadOption):
        records(store, as_of="July 5")


def test_desk_api(db):
    with Desk(db) as desk:
        assert rows(desk.tally(by="month", weapon="drone"))["2025-06"]["launched"] == {"drone": 477}
        assert desk.records(as_of="2025-07-05")[0]["top"][0]["day"] == "2025-07-04"


# ---- the CLI ---------------------------------------------------------------------------------------------


def test_tally_cli(db, tmp_path, capsys):
    chart = tmp_path / "tally.svg"
    code = main(["tally", "--db", str(db), "--by", "month", "--weapon", "drone", "--from", "2025-06-01",
                 "--to", "2025-07-31", "--json", "--chart", str(chart), "--reference", str(REFERENCE)])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert [(r["period"], r["launched"]["drone"], r["reference"]["launched"]["drone"]) for r in out["rows"]] == [
        ("2025-06", 477, 477), ("2025-07", 1267, 1407)]
    assert ET.parse(chart).getroot().tag.endswith("svg")
    assert main(["tally", "--db", str(db), "--by", "week"]) == 0
    shown = capsys.readouterr().out
    assert "2025-W27" in shown and "6,297" in shown  # the period total is mentioned, apart


@pytest.mark.parametrize("args, where", [
    (["--from", "2025-02-30"], "--from"),
    (["--to", "soon"], "--to"),
    (["--by", "year"], "--by"),
    (["--weapon", "laser"], "--weapon"),
    (["--chart", "tally.gif"], "tally.gif"),
])
def test_tally_cli_bad_options_exit_2_in_one_line(db, tmp_path, capsys, args, where):
    assert main(["tally", "--db", str(db), *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and where in err[0]
    assert not (tmp_path / "tally.gif").exists()


def test_records_cli(db, capsys):
    assert main(["records", "--db", str(db), "--as-of", "2025-07-05", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [e["measure"] for e in out] == ["total", "drone", "missile"]
    assert out[0]["top"][0]["day"] == "2025-07-04"
    assert main(["records", "--db", str(db)]) == 0
    assert "2025-07-09" in capsys.readouterr().out
    assert main(["records", "--db", str(db), "--as-of", "2025-7-5x"]) == 2
