"""The event scorer (``newsdesk.events.evaluate``) on crafted Event records and gold dicts."""

from __future__ import annotations

import copy
import doctest

import pytest

from newsdesk.events import evaluate
from newsdesk.events.evaluate import align, as_gold, compare, items, prf, score
from newsdesk.events.gold import validate_gold
from newsdesk.schema import Casualties, Count, Event, EventDate, Party, Place, Weapon


def gold_event(**kw) -> dict:
    base = {
        "type": "attack", "subtype": None, "actor": "Russia", "target": "Ukraine", "location": "Kyiv",
        "country": "Ukraine", "date": "2025-07-09", "weapons": [], "killed": None, "wounded": None, "claims": [],
        "evidence": ["Russia attacked Kyiv"],
    }
    base.update(kw)
    return base


def W(kind, model=None, launched=None, intercepted=None) -> dict:
    return {"kind": kind, "model": model, "launched": launched, "intercepted": intercepted}


def event_from(g: dict, n: int = 1, **override) -> Event:
    """The Event a perfect extractor would return for gold event ``g``."""
    g = {**g, **override}

    def count(c):
        return None if c is None else Count(value=c["value"], qualifier=c["qualifier"])

    casualties = None
    if g["killed"] or g["wounded"]:
        casualties = Casualties(killed=count(g["killed"]), wounded=count(g["wounded"]))
    return Event(
        id=f"v{n}",
        type=g["type"],
        subtype=g["subtype"],
        plover="ASSAULT",
        summary=g["evidence"][0] if g["evidence"] else "",
        actor=Party(name=g["actor"]) if g["actor"] else None,
        target=Party(name=g["target"]) if g["target"] else None,
        location=Place(name=g["location"], country=g["country"]) if g["location"] else None,
        date=EventDate(value=g["date"], granularity="day") if g["date"] else None,
        weapons=[Weapon(**w) for w in g["weapons"]],
        casualties=casualties,
        claims=g["claims"],
    )


BARRAGE = gold_event(
    weapons=[W("drone", "Shahed", 612, 583), W("missile", None, 17, 12)],
    killed={"value": 3, "qualifier": "exact"},
    wounded={"value": 23, "qualifier": "exact"},
    claims=["record"],
    evidence=["The barrage comprised 612 drones and 17 missiles"],
)
EARLIER = gold_event(
    date="2025-06-21", location="Odesa", weapons=[W("drone", None, 80, None)],
    killed={"value": 1, "qualifier": "exact"}, evidence=["On June 21, Russia fired 80 drones at Odesa"],
)


def test_module_doctests():
    result = doctest.testmod(evaluate)
    assert result.attempted >= 3
    assert result.failed == 0


def test_perfect_prediction_scores_one_everywhere():
    gold = [BARRAGE, EARLIER]
    s = score([([event_from(BARRAGE, 1), event_from(EARLIER, 2)], gold)])
    for field, f in s["fields"].items():
        if f["gold"]:
            assert f["f1"] == 1.0, (field, f)
    assert s["events"] == {"predicted": 2, "gold": 2, "aligned": 2}
    assert s["overall"]["f1"] == 1.0


def test_no_prediction_has_undefined_precision_and_zero_recall():
    s = score([([], [BARRAGE])])
    event = s["fields"]["event"]
    assert (event["precision"], event["recall"], event["f1"]) == (None, 0.0, 0.0)
    assert s["fields"]["claims"]["gold"] == 1


def test_empty_article_on_both_sides_is_undefined():
    s = score([([], [])])
    assert s["fields"]["event"] == {"predicted": 0, "gold": 0, "correct": 0,
                                    "precision": None, "recall": None, "f1": None}


def test_alignment_follows_date_and_location_not_order():
    preds = [as_gold(event_from(EARLIER, 1)), as_gold(event_from(BARRAGE, 2))]
    assert align(preds, [BARRAGE, EARLIER]) == [(0, 1), (1, 0)]


def test_alignment_never_crosses_types():
    exchange = gold_event(type="prisoner_exchange", location=None, country=None, evidence=["swapped 84 prisoners"])
    pred = event_from(BARRAGE, 1, type="prisoner_exchange")
    c = compare([pred], [BARRAGE])
    assert c["alignment"] == []
    assert c["fields"]["event"]["correct"] == 0
    assert compare([event_from(exchange)], [BARRAGE, exchange])["alignment"] == [(0, 1)]


def test_a_wrong_field_on_the_right_event():
    pred = event_from(BARRAGE, date="2025-07-08", location="Kyiv Oblast")
    s = score([([pred], [BARRAGE])])
    assert s["fields"]["event"]["f1"] == 1.0
    assert s["fields"]["date"]["f1"] == 0.0
    assert s["fields"]["location"]["f1"] == 0.0
    assert s["fields"]["killed"]["f1"] == 1.0


def test_weapon_items_pair_kind_with_each_figure():
    assert items(BARRAGE, "launched") == [("launched", "drone", 612), ("launched", "missile", 17)]
    assert items(BARRAGE, "intercepted") == [("intercepted", "drone", 583), ("intercepted", "missile", 12)]
    assert items(BARRAGE, "model") == [("model", "shahed")]
    assert len(items(BARRAGE, "weapons")) == 5
    assert items(BARRAGE, "weapon_kinds") == ["drone", "missile"]


def test_weapon_figures_scored_separately():
    weapons = [W("drone", None, 612, 500), W("cruise missile", None, 17, 12)]  # no model, 1 wrong, 1 wrong kind
    s = score([([event_from(BARRAGE, weapons=weapons)], [BARRAGE])])
    f = s["fields"]
    assert (f["launched"]["correct"], f["launched"]["predicted"], f["launched"]["gold"]) == (1, 2, 2)
    assert (f["intercepted"]["correct"], f["intercepted"]["predicted"]) == (0, 2)
    assert (f["model"]["predicted"], f["model"]["gold"], f["model"]["recall"]) == (0, 1, 0.0)
    assert f["weapons"]["correct"] == 1 and f["weapons"]["predicted"] == 4 and f["weapons"]["gold"] == 5
    assert f["weapon_kinds"]["correct"] == 1


def test_a_total_instead_of_the_breakdown_is_wrong():
    gold = gold_event(weapons=[W("ballistic missile", "Iskander-M", 4), W("cruise missile", "Kh-101", 6, 5)])
    pred = event_from(gold, weapons=[W("missile", None, 10, 5)])
    f = score([([pred], [gold])])["fields"]
    assert f["launched"]["correct"] == 0 and f["intercepted"]["correct"] == 0


def test_model_names_compare_without_case_hyphen_or_space():
    gold = gold_event(weapons=[W("ballistic missile", "Iskander-M", 4)])
    pred = event_from(gold, weapons=[W("ballistic missile", "iskander M", 4)])
    assert score([([pred], [gold])])["fields"]["model"]["f1"] == 1.0


def test_casualty_qualifier_must_agree():
    gold = gold_event(wounded={"value": 40, "qualifier": "more_than"})
    right = event_from(gold)
    wrong = event_from(gold, wounded={"value": 40, "qualifier": "exact"})
    assert score([([right], [gold])])["fields"]["wounded"]["f1"] == 1.0
    assert score([([wrong], [gold])])["fields"]["wounded"]["f1"] == 0.0


def test_actor_surname_matches_full_name_and_region_spellings_match():
    gold = gold_event(type="diplomacy", actor="Oleh Martyniuk", location="Kharkiv region", evidence=["spoke by phone"])
    pred = event_from(gold, actor="Martyniuk", location="Kharkiv Oblast")
    f = score([([pred], [gold])])["fields"]
    assert f["actor"]["f1"] == 1.0
    assert f["location"]["f1"] == 1.0
    other = event_from(gold, actor="Karsten Holm")
    assert score([([other], [gold])])["fields"]["actor"]["f1"] == 0.0


def test_unaligned_prediction_costs_precision_only():
    extra = event_from(EARLIER, 2)
    s = score([([event_from(BARRAGE, 1), extra], [BARRAGE])])
    assert s["fields"]["event"]["precision"] == 0.5 and s["fields"]["event"]["recall"] == 1.0
    assert s["fields"]["date"]["precision"] == 0.5
    assert s["fields"]["killed"]["precision"] == 0.5 and s["fields"]["killed"]["recall"] == 1.0


def test_micro_average_over_articles():
    s = score([([event_from(BARRAGE)], [BARRAGE]), ([], [EARLIER])])
    assert s["articles"] == 2
    assert s["fields"]["event"]["recall"] == 0.5
    assert s["fields"]["event"]["precision"] == 1.0


def test_claims():
    pred = event_from(BARRAGE, claims=[])
    f = score([([pred], [BARRAGE])])["fields"]["claims"]
    assert (f["precision"], f["recall"]) == (None, 0.0)


def test_as_gold_turns_float_counts_into_ints():
    e = Event(id="v1", type="attack", plover="ASSAULT", summary="x",
              casualties=Casualties(killed=Count(value=3.0, qualifier="at_least")))
    g = as_gold(e)
    assert g["killed"] == {"value": 3, "qualifier": "at_least"}
    assert g["location"] is None and g["weapons"] == [] and g["evidence"] == ["x"]


def test_prf():
    assert prf(1, 2, 4) == {"predicted": 2, "gold": 4, "correct": 1, "precision": 0.5, "recall": 0.25,
                            "f1": 0.3333}


def test_unknown_field_is_an_error():
    with pytest.raises(ValueError):
        items(BARRAGE, "colour")


# ---- gold-file validation ------------------------------------------------------------------------


def test_validate_accepts_a_good_file():
    assert validate_gold({"published": "2025-07-09", "events": [BARRAGE, EARLIER]}) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e.pop("claims"), "missing keys"),
        (lambda e: e.update(type="battle"), "type"),
        (lambda e: e.update(date="9 July"), "date"),
        (lambda e: e.update(date="2025-02-30"), "date"),
        (lambda e: e["weapons"].append(W("laser")), "weapon kind"),
        (lambda e: e["weapons"].append(W("drone", "Shahed", 5)), "same kind and model"),
        (lambda e: e["weapons"][1].update(intercepted=20), "intercepted than launched"),
        (lambda e: e.update(killed={"value": 3, "qualifier": "roughly"}), "killed"),
        (lambda e: e.update(claims=["biggest"]), "claims"),
        (lambda e: e.update(evidence=[]), "evidence"),
    ],
)
def test_validate_rejects(change, message):
    event = copy.deepcopy(BARRAGE)
    change(event)
    errors = validate_gold({"published": "2025-07-09", "events": [event]})
    assert any(message in e for e in errors), errors


def test_validate_accepts_month_and_range_dates():
    for value in ("2025-07", "2025", "2025-07-01/2025-07-31"):
        assert validate_gold({"published": "2025-08-01", "events": [gold_event(date=value)]}) == []
