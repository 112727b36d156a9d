"""Stories: articles on one happening grouped, other happenings apart (tests/desk/fixtures/story_*.txt).

The fixtures are twelve short articles: a port warehouse fire told on three days by three outlets, a
council budget (same city, same mayor), the chemical company's results (same company, same chief
executive), a storm on three days, a football sacking (same city), a drug trial, and another warehouse
fire three weeks later. The gold grouping is the file name: ``story_<happening>_<n>.txt``.
"""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path

import pytest

import newsdesk
from newsdesk.cli import main
from newsdesk.desk.store import Store, content_hash, open_store
from newsdesk.desk.stories import THRESHOLD, assign_story, list_stories, similarity, story_timeline
from newsdesk.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"


def load_fixture(path: Path) -> dict:
    """A fixture's analysis: a ``publisher:``/``published:`` header, a blank line, then the article."""
    head, body = path.read_text("utf-8").split("\n\n", 1)
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    analysis = newsdesk.analyze(body, published=meta["published"]).to_dict()
    analysis["article"]["publisher"] = meta["publisher"]  # as a JSONL line or a feed would give it
    analysis["article"]["published"] = analysis["article"]["published"] or meta["published"]
    return analysis


@pytest.fixture(scope="module")
def analyses() -> dict[str, dict]:
    found = {p.stem.removeprefix("story_"): load_fixture(p) for p in sorted(FIXTURES.glob("story_*.txt"))}
    assert len(found) == 12
    return found


def chronological(analyses: dict[str, dict]) -> list[str]:
    return sorted(analyses, key=lambda k: (analyses[k]["article"]["published"], k))


def build(location, analyses: dict[str, dict], order: list[str]) -> tuple[Store, dict[str, int]]:
    """A store with the articles stored as ingest does: insert + assign_story in one transaction each."""
    store = open_store(location)
    rows = {}
    for name in order:
        analysis = analyses[name]
        with store.transaction():
            rows[name] = store.insert_article(analysis, source=name, digest=content_hash(analysis["article"]["text"]))
            assign_story(store, rows[name], analysis)
    return store, rows


def grouping(store: Store, rows: dict[str, int]) -> dict[str, int]:
    story_of = dict(store.execute("SELECT id, story_id FROM articles").fetchall())
    return {name: story_of[row] for name, row in rows.items()}


def pair_scores(groups: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping against the fixtures' gold (the happening in the name)."""
    pairs = list(itertools.combinations(groups, 2))
    predicted = {p for p in pairs if groups[p[0]] == groups[p[1]]}
    gold = {p for p in pairs if p[0].rsplit("_", 1)[0] == p[1].rsplit("_", 1)[0]}
    hits = len(predicted & gold)
    return hits / max(len(predicted), 1), hits / len(gold)


def test_articles_on_one_happening_make_one_story(tmp_path, analyses, new_store):
    store, rows = build(new_store(), analyses, chronological(analyses))
    groups = grouping(store, rows)
    assert groups["fire_1"] == groups["fire_2"] == groups["fire_3"]
    assert groups["storm_1"] == groups["storm_2"] == groups["storm_3"]
    assert groups["budget_1"] == groups["budget_2"]
    assert store.stats()["stories"] == 7


def test_other_happenings_sharing_names_are_other_stories(tmp_path, analyses, new_store):
    store, rows = build(new_store(), analyses, chronological(analyses))
    groups = grouping(store, rows)
    assert groups["results_1"] != groups["fire_1"]  # same company and chief executive, not the fire
    assert groups["budget_1"] != groups["fire_1"]  # same city and mayor
    assert groups["football_1"] not in {groups["fire_1"], groups["budget_1"]}  # same city
    assert groups["dunmore_1"] != groups["fire_1"]  # a warehouse fire too, three weeks later
    assert pair_scores(groups) == (1.0, 1.0)


def test_grouping_does_not_hang_on_the_order_articles_arrive_in(tmp_path, analyses, new_store):
    order = chronological(analyses)[::-1]
    store, rows = build(new_store(), analyses, order)
    assert pair_scores(grouping(store, rows)) == (1.0, 1.0)


def test_story_title_and_timeline(tmp_path, analyses, new_store):
    store, rows = build(new_store(), analyses, chronological(analyses))
    story_id = grouping(store, rows)["fire_1"]
    story = story_timeline(store, story_id)
    fire = [analyses[f"fire_{n}"]["article"] for n in (1, 2, 3)]
    assert story["title"] in {a["headline"] for a in fire}
    assert (story["first_published"], story["last_published"]) == ("2025-11-03", "2025-11-06")
    assert [item["headline"] for item in story["timeline"]] == [a["headline"] for a in fire]
    assert [item["publisher"] for item in story["timeline"]] == ["Harbour Gazette", "Coastal Herald", "Valmera Post"]
    assert story["timeline"][0]["key_points"] == [kp["text"] for kp in analyses["fire_1"]["key_points"]]
    assert "Harlow Chemicals" in story["entities"]


def test_stories_list_latest_first_with_their_size(tmp_path, analyses, new_store):
    store, rows = build(new_store(), analyses, chronological(analyses))
    listed = list_stories(store)
    assert listed[0]["title"] == analyses["dunmore_1"]["article"]["headline"]  # 27 November: the latest
    fire = next(s for s in listed if s["id"] == grouping(store, rows)["fire_1"])
    assert fire["articles"] == 3
    assert fire["publishers"] == ["Coastal Herald", "Harbour Gazette", "Valmera Post"]
    assert [s["id"] for s in list_stories(store, limit=2)] == [s["id"] for s in listed[:2]]


def test_an_undated_article_joins_its_story_by_content(tmp_path, analyses, new_store):
    store, rows = build(new_store(), analyses, chronological(analyses))
    undated = copy.deepcopy(analyses["storm_2"])
    undated["article"]["published"] = None
    undated["article"]["text"] += "\n\nThis copy was updated."
    with store.transaction():
        row = store.insert_article(undated, source="undated", digest=content_hash(undated["article"]["text"]))
        assign_story(store, row, undated)
    assert grouping(store, {"undated": row})["undated"] == grouping(store, rows)["storm_1"]


def test_unknown_story_is_bad_input(tmp_path, new_store):
    with open_store(new_store()) as store, pytest.raises(InputError, match="no story 42"):
        story_timeline(store, 42)


def test_score_parts_are_fractions_and_the_threshold_separates_them(tmp_path, analyses, new_store):
    store, rows = build(new_store(), analyses, chronological(analyses)[:3])  # fire_1, storm_1, budget_1 …
    data = json.loads(store.execute("SELECT data FROM stories WHERE id = ?",
                                       (grouping(store, rows)["fire_1"],)).fetchone()[0])
    from newsdesk.desk.stories import article_names, article_vector

    same = similarity(article_vector(analyses["fire_3"]), article_names(analyses["fire_3"]), data)
    other = similarity(article_vector(analyses["results_1"]), article_names(analyses["results_1"]), data)
    for part in ("text", "entities", "score"):
        assert 0.0 <= same[part] <= 1.0 and 0.0 <= other[part] <= 1.0
    assert same["score"] >= THRESHOLD > other["score"]


def test_cli_stories_and_story(tmp_path, analyses, capsys, new_store):
    db = str(new_store())
    store, rows = build(db, analyses, chronological(analyses))
    story_id = grouping(store, rows)["storm_1"]
    store.close()
    assert main(["stories", "--db", db, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 7
    assert main(["story", str(story_id), "--db", db, "--json"]) == 0
    story = json.loads(capsys.readouterr().out)
    assert [item["publisher"] for item in story["timeline"]] == ["Western Courier", "Irish Daily Report",
                                                                  "Western Courier"]
    assert main(["story", str(story_id), "--db", db]) == 0
    assert "Storm Brannagh" in capsys.readouterr().out
    assert main(["story", "999", "--db", db]) == 2
    assert capsys.readouterr().err.count("\n") == 1
