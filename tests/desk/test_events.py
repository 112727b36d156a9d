"""Events across articles: the same attack told by several articles is one desk event with all its sources and
the spread of their figures.

The articles are ours (``fixtures/events_*.txt``: three outlets on the night ending 2025-07-04 with slightly
different figures, another night, a monthly tally piece), analysed by ``newsdesk.analyze`` and stored the way
ingest stores them (``store.insert_article`` + ``attach_events`` in one transaction). The matching rules are
also tested on hand-made events, so a change in the extractor cannot hide a change in the desk.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsdesk
from newsdesk.cli import main
from newsdesk.desk import Desk
from newsdesk.desk.event_keys import tally_kind
from newsdesk.desk.event_merge import merge_figures
from newsdesk.desk.events import attach_events, event_day, list_events
from newsdesk.desk.store import Store, content_hash, open_store
from newsdesk.errors import BadOption

FIXTURES = Path(__file__).parent / "fixtures"
#: fixture → (published, publisher)
ARTICLES = {
    "events_night1_wire.txt": ("2025-07-04", "Wire"),
    "events_night1_daily.txt": ("2025-07-04", "Daily"),
    "events_night1_broadcaster.txt": ("2025-07-04", "Broadcaster"),
    "events_night0.txt": ("2025-06-29", "Herald"),
    "events_night2.txt": ("2025-07-09", "Post"),
    "events_monthly.txt": ("2025-08-01", "AFP"),
}
NIGHT_1 = ("events_night1_wire.txt", "events_night1_daily.txt", "events_night1_broadcaster.txt")


@pytest.fixture(scope="module")
def analyses() -> dict[str, dict]:
    out = {}
    for name, (published, publisher) in ARTICLES.items():
        analysis = newsdesk.analyze(FIXTURES / name, published=published).to_dict()
        analysis["article"]["published"] = published
        analysis["article"]["publisher"] = publisher
        out[name] = analysis
    return out


def store_articles(store: Store, items: list[dict]) -> list[int]:
    """Store analyses as ingest does: one transaction per article, its events attached inside it."""
    ids = []
    for analysis in items:
        with store.transaction():
            row = store.insert_article(analysis, source=analysis["article"]["id"],
                                       digest=content_hash(analysis["article"]["text"]))
            attach_events(store, row, analysis)
        ids.append(row)
    return ids


@pytest.fixture
def store(tmp_path, new_store):
    with open_store(new_store()) as opened:
        yield opened


def attacks(store: Store, day: str | None = None) -> list[dict]:
    found = [e for e in list_events(store, type="attack") if e["subtype"] != "period total"]
    return [e for e in found if day is None or e["day"] == day]


# ---- the articles, analysed ------------------------------------------------------------------------------


def test_three_articles_about_one_night_are_one_event_with_three_sources(store, analyses):
    store_articles(store, [analyses[name] for name in NIGHT_1])
    found = attacks(store)
    assert len(found) == 1
    event = found[0]
    assert (event["day"], event["actor"], event["target"], event["country"]) == \
        ("2025-07-04", "Russia", "Ukraine", "Ukraine")
    assert event["source_count"] == 3
    assert {s["publisher"] for s in event["sources"]} == {"Wire", "Daily", "Broadcaster"}
    drones = event["kinds"]["drone"]["launched"]
    assert sorted(v["value"] for v in drones["values"]) == [539, 539, 550]
    assert (drones["value"], drones["how"], drones["min"], drones["max"]) == (539, "most cited", 539, 550)
    missiles = event["kinds"]["missile"]["launched"]
    assert (missiles["value"], missiles["min"], missiles["max"]) == (11, 11, 13)
    shot_down = event["kinds"]["drone"]["intercepted"]  # 270, 268, 272: no value twice → the median
    assert (shot_down["value"], shot_down["how"], shot_down["min"], shot_down["max"]) == (270, "median", 268, 272)
    assert event["total"] == {"launched": 550, "intercepted": 270, "min": 550, "max": 561}
    killed = event["casualties"]["killed"]  # 2, 1, at least 3: tolls rise, the largest is used
    assert (killed["value"], killed["how"], killed["min"], killed["max"], killed["sources"]) == (3, "largest", 1, 3, 3)
    assert event["casualties"]["wounded"]["value"] == 26
    assert "record" in event["claims"]
    assert store.stats()["event_reports"] >= 3


def test_two_nights_are_two_events_and_the_monthly_piece_joins_its_night(store, analyses):
    store_articles(store, list(analyses.values()))
    russian = [e for e in attacks(store) if e["actor"] == "Russia"]
    assert [e["day"] for e in russian] == ["2025-07-09", "2025-07-04", "2025-06-29"]
    night_2 = russian[0]
    assert night_2["source_count"] == 2  # the Post's report and the monthly piece's "on July 9, … 728 drones"
    assert {s["publisher"] for s in night_2["sources"]} == {"Post", "AFP"}
    assert night_2["kinds"]["drone"]["launched"]["value"] == 728
    assert night_2["total"]["launched"] == 741
    # the Ukrainian drone attack on the Rostov region the same night is another event
    rostov = [e for e in attacks(store, "2025-07-09") if e["actor"] == "Ukraine"]
    assert len(rostov) == 1 and rostov[0]["target"] == "Russia" and rostov[0]["source_count"] == 1
    # the month's count is a period total of its own, keyed by the month
    totals = [e for e in list_events(store, type="attack") if e["subtype"] == "period total"]
    assert [(e["day"], e["kinds"]["drone"]["launched"]["value"]) for e in totals] == [("2025-07", 6297)]


def test_one_call_told_by_two_outlets_is_one_diplomacy_event(store, analyses):
    store_articles(store, [analyses[name] for name in NIGHT_1])
    calls = list_events(store, type="diplomacy")
    assert len(calls) == 1
    assert calls[0]["day"] == "2025-07-04" and calls[0]["source_count"] == 2
    assert set(calls[0]["parties"]) == {"volodymyr zelensky", "donald trump"}


def test_attaching_the_same_article_again_changes_nothing(store, analyses):
    analysis = analyses["events_night1_wire.txt"]
    [row] = store_articles(store, [analysis])
    before = list_events(store)
    with store.transaction():
        attach_events(store, row, analysis)
    assert list_events(store) == before


def test_desk_api_and_filters(tmp_path, analyses, new_store):
    with Desk(new_store()) as desk:
        store_articles(desk.store, list(analyses.values()))
        assert {e["type"] for e in desk.events()} == {"attack", "diplomacy"}
        july_4 = desk.events(since="2025-07-01", until="2025-07-04")
        assert {e["day"] for e in july_4} == {"2025-07-04", "2025-07"}  # the July total overlaps the range
        assert [e["day"] for e in desk.events(type="attack", until="2025-06-30")] == ["2025-06-29"]
        assert len(desk.events(limit=2)) == 2
        with pytest.raises(BadOption):
            desk.events(since="4 July")


# ---- the rules, on hand-made events ----------------------------------------------------------------------


def _analysis(events: list[dict], published: str = "2025-07-04", publisher: str = "Outlet", n: int = 0) -> dict:
    text = f"article {publisher} {n} {json.dumps(events)}"
    return {"schema": "newsdesk.analysis/1", "key_points": [], "quotes": [], "entities": [], "events": events,
            "article": {"id": f"{publisher}-{n}", "headline": f"{publisher} {n}", "published": published,
                        "publisher": publisher, "url": None, "language": "en", "text": text}}


def _attack(day: str | None = "2025-07-04", actor: str | None = "Russia", target: str | None = "Ukraine",
            weapons=(), granularity: str = "day", subtype: str = "drone strike", killed=None, place=None,
            id_: str = "v1", type_: str = "attack") -> dict:
    return {"id": id_, "type": type_, "subtype": subtype, "summary": f"{actor} attacked {target}",
            "actor": {"entity": None, "name": actor} if actor else None,
            "target": {"entity": None, "name": target} if target else None,
            "location": {"name": place, "country": "Ukraine", "region": None} if place else None,
            "date": {"value": day, "granularity": granularity} if day else None,
            "weapons": [{"kind": k, "model": m, "launched": n, "intercepted": i} for k, m, n, i in weapons],
            "casualties": {"killed": {"value": killed, "qualifier": "exact"}, "wounded": None} if killed else None,
            "claims": []}


def test_unknown_actors_join_and_different_known_actors_do_not(store):
    store_articles(store, [
        _analysis([_attack(weapons=[("drone", None, 100, None)])], publisher="A"),
        _analysis([_attack(actor=None, weapons=[("drone", None, 110, None)])], publisher="B"),
        _analysis([_attack(actor="Ukraine", target="Russia", weapons=[("drone", None, 40, None)])], publisher="C"),
        _analysis([_attack(day="2025-07-05", weapons=[("drone", None, 100, None)])], publisher="D"),
    ])
    found = attacks(store)
    assert sorted((e["day"], e["actor"], e["source_count"]) for e in found) == [
        ("2025-07-04", "Russia", 2), ("2025-07-04", "Ukraine", 1), ("2025-07-05", "Russia", 1)]


def test_different_cities_named_for_one_night_are_one_attack(store):
    store_articles(store, [_analysis([_attack(place="Kyiv")], publisher="A"),
                           _analysis([_attack(place="Lviv")], publisher="B"),
                           _analysis([_attack(place="Kyiv")], publisher="C")])
    [event] = attacks(store)
    assert event["source_count"] == 3 and event["location"] == "Kyiv" and event["locations"] == ["Kyiv", "Lviv"]


def test_breakdowns_merge_by_kind_without_double_counting(store):
    """One outlet says 11 missiles, another 6 ballistic + 4 cruise: the missile column compares 11 with 10."""
    store_articles(store, [
        _analysis([_attack(weapons=[("drone", "Shahed", 500, 400), ("missile", None, 11, None)])], publisher="A"),
        _analysis([_attack(weapons=[("drone", "Shahed", 500, 410), ("ballistic missile", "Iskander-M", 6, 0),
                                    ("cruise missile", "Kh-101", 4, 3)])], publisher="B"),
    ])
    [event] = attacks(store)
    missiles = event["kinds"]["missile"]["launched"]
    assert (missiles["value"], missiles["how"], missiles["min"], missiles["max"]) == (10, "median", 10, 11)
    assert event["kinds"]["drone"]["launched"]["how"] == "all agree"
    assert event["total"]["launched"] == 510
    assert [(w["kind"], w["model"]) for w in event["weapons"]] == [
        ("drone", "Shahed"), ("ballistic missile", "Iskander-M"), ("cruise missile", "Kh-101"), ("missile", None)]


def test_casualties_take_the_largest_toll(store):
    store_articles(store, [_analysis([_attack(killed=2)], publisher="A"),
                           _analysis([_attack(killed=7)], publisher="B", published="2025-07-05"),
                           _analysis([_attack(killed=5)], publisher="C")])
    killed = attacks(store)[0]["casualties"]["killed"]
    assert (killed["value"], killed["min"], killed["max"]) == (7, 2, 7)


def test_period_totals_are_their_own_events(store):
    store_articles(store, [
        _analysis([_attack(day="2025-07", granularity="month", subtype="period total",
                           weapons=[("drone", None, 6297, None)]),
                   _attack(day="2025-07-04", weapons=[("drone", None, 539, None)], id_="v2")], publisher="A"),
        _analysis([_attack(day="2025-07", granularity="month", subtype="period total",
                           weapons=[("drone", None, 6300, None)])], publisher="B"),
    ])
    events = list_events(store, type="attack")
    assert sorted((e["day"], e["subtype"], e["source_count"]) for e in events) == [
        ("2025-07", "period total", 2), ("2025-07-04", "drone strike", 1)]


def test_undated_attacks_are_not_attached_other_events_take_the_publication_day(store):
    call = _attack(day=None, actor="Zelensky", target="Macron", type_="diplomacy", subtype="call", id_="v2")
    store_articles(store, [_analysis([_attack(day=None), call], published="2025-07-06")])
    assert [(e["type"], e["day"]) for e in list_events(store)] == [("diplomacy", "2025-07-06")]


def test_event_day_uses_the_night_rule_for_attacks():
    assert event_day(_attack(day="2025-07-03T22:00", granularity="time")) == ("2025-07-04", "day")
    assert event_day(_attack(day="2025-07-04T03:00", granularity="time")) == ("2025-07-04", "day")
    assert event_day(_attack(day="2025-07-03/2025-07-04", granularity="range")) == ("2025-07-04", "day")
    assert event_day(_attack(day="2025-07", granularity="month")) == ("2025-07", "month")
    talks = _attack(day="2025-07-03T22:00", granularity="time", type_="diplomacy")
    assert event_day(talks) == ("2025-07-03", "day")


def test_merge_figures_rules():
    def values(*numbers):
        return [{"article": i, "value": n} for i, n in enumerate(numbers)]

    assert merge_figures(values(539, 550, 539))["value"] == 539
    assert merge_figures(values(539, 550))["value"] == 539  # a tie: the lower median, a figure some source gave
    assert merge_figures(values(1, 2, 3, 4))["value"] == 2
    assert merge_figures(values(5))["how"] == "one source"
    assert merge_figures(values(2, 7, 5), rule="largest")["value"] == 7
    assert merge_figures(values(None, None)) is None
    assert [tally_kind(k) for k in ("cruise missile", "ballistic missile", "missile", "guided bomb")] == [
        "missile", "missile", "missile", "guided bomb"]


# ---- the CLI ---------------------------------------------------------------------------------------------


def test_events_cli_json_and_bad_dates(tmp_path, analyses, capsys, new_store):
    db = new_store()
    with open_store(db) as opened:
        store_articles(opened, [analyses[name] for name in NIGHT_1])
    assert main(["events", "--db", str(db), "--json", "--type", "attack"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(e["day"], e["source_count"]) for e in out] == [("2025-07-04", 3)]
    assert main(["events", "--db", str(db)]) == 0
    assert "2025-07-04" in capsys.readouterr().out
    assert main(["events", "--db", str(db), "--from", "July"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--from" in err[0] and "E110" in err[0]
