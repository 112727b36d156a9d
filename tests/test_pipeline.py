"""The whole analysis, end to end, on our own example pages (examples/): the contract, the spans,
parallel runs, the CLI, and a few facts the typhoon story really states."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import newsdesk
from newsdesk.cli import main
from newsdesk.schema import SCHEMA_VERSION, json_schema

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))
TYPHOON = next(p for p in EXAMPLES if p.name == "typhoon-luzon-floods.txt")
FALLBACK_DATE = "2025-07-04"  # for a page that carries no date of its own


def published_of(path: Path) -> str:
    return newsdesk.read(path).published or FALLBACK_DATE


@pytest.fixture(scope="module")
def analyses() -> dict[str, newsdesk.Analysis]:
    """Every example analysed once, resolved against its own publication date."""
    return {p.name: newsdesk.analyze(p, published=published_of(p)) for p in EXAMPLES}


@pytest.fixture(scope="module")
def typhoon(analyses) -> newsdesk.Analysis:
    return analyses[TYPHOON.name]


def test_there_are_examples():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_analysis_validates_against_the_schema(analyses, path):
    result = analyses[path.name].to_dict()
    errors = sorted(jsonschema.Draft202012Validator(json_schema()).iter_errors(result), key=str)
    assert not errors, f"{path.name}: {errors[0].message} at {list(errors[0].absolute_path)}"
    assert result["schema"] == SCHEMA_VERSION
    assert result["article"]["text"]
    assert result["entities"] and result["quantities"] and result["dates"], "a news story has all three"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_span_indexes_the_article_text(analyses, path):
    result = analyses[path.name]
    text = result.article.text
    spans = [(f"mention of {e.name}", m) for e in result.entities for m in e.mentions]
    spans += [("quote", q) for q in result.quotes]
    spans += [("quantity", q) for q in result.quantities]
    spans += [("date", d) for d in result.dates]
    for what, item in spans:
        assert 0 <= item.start < item.end <= len(text), f"{what}: {item}"
        assert text[item.start:item.end] == item.text, f"{what}: {text[item.start:item.end]!r} != {item.text!r}"
    for quote in result.quotes:
        if quote.speaker is not None:
            sp = quote.speaker
            assert 0 <= sp.start < sp.end <= len(text), f"speaker of {quote.text!r}: {sp}"
            assert text[sp.start:sp.end].strip(), f"speaker of {quote.text!r} spans only blanks"
    ids = {e.id for e in result.entities}
    assert len(ids) == len(result.entities), "entity ids are unique"
    for quote in result.quotes:
        if quote.speaker is not None and quote.speaker.entity is not None:
            assert quote.speaker.entity in ids, f"speaker of {quote.text!r} names an unknown entity"


def test_analyze_many_in_two_processes_matches_one():
    one = [r.to_dict() for r in newsdesk.analyze_many(EXAMPLES, processes=1, published=FALLBACK_DATE)]
    two = [r.to_dict() for r in newsdesk.analyze_many(EXAMPLES, processes=2, published=FALLBACK_DATE)]
    assert len(one) == len(EXAMPLES)
    assert [r["article"]["headline"] for r in two] == [r["article"]["headline"] for r in one]
    assert two == one


def test_analyze_many_matches_analyze():
    many = next(newsdesk.analyze_many([TYPHOON], published="2025-10-21"))
    assert many.to_dict() == newsdesk.analyze(TYPHOON, published="2025-10-21").to_dict()


# ---- the command line ------------------------------------------------------------------------------


def test_cli_analyze_json_prints_the_contract(capsys):
    code = main(["analyze", str(TYPHOON), "--json", "--published", "2025-07-04"])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert result["schema"] == "newsdesk.analysis/1"
    assert not list(jsonschema.Draft202012Validator(json_schema()).iter_errors(result))
    assert {"article", "entities", "quotes", "quantities", "dates"} <= result.keys()
    # --published wins over the page's own date: "this year" is resolved against it
    assert any(d["text"] == "this year" and d["value"] == "2025" for d in result["dates"])


def test_cli_analyze_bad_published_date_is_one_line(capsys):
    code = main(["analyze", str(TYPHOON), "--published", "notadate"])
    out, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "notadate" in lines[0] and "--published" in lines[0]
    assert "Traceback" not in err and not out


def test_cli_analyze_human_output(capsys):
    code = main(["analyze", str(TYPHOON), "--published", "2025-10-21"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Typhoon Kalinaw leaves 23 dead" in out
    assert "Ernesto Baggao" in out and "2025-10-19" in out


# ---- what the typhoon story says (examples/typhoon-luzon-floods.txt, published Oct 21, 2025) ---------


def entity(result: newsdesk.Analysis, name: str):
    found = [e for e in result.entities if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in result.entities]}"
    return found[0]


def test_typhoon_article_head(typhoon):
    art = typhoon.article
    assert art.published == "2025-10-21"
    assert art.dateline == "MANILA"
    assert art.wire == ["AFP"]
    assert [c.credit for c in art.captions] == ["REUTERS", "AFP"]
    assert len(art.publisher_key_points) == 3


def test_typhoon_people_with_roles(typhoon):
    # "Mr Ernesto Baggao, a 56-year-old farmer in Alcala town, said his family had ..." and later "he told AFP"
    farmer = entity(typhoon, "Ernesto Baggao")
    assert farmer.type == "PERSON"
    assert any("farmer" in role for role in farmer.roles), farmer.roles
    assert {"his", "he"} <= {m.text for m in farmer.mentions}
    # "said Ms Rowena Dumlao, 42, a market vendor in Tuguegarao City"
    vendor = entity(typhoon, "Rowena Dumlao")
    assert vendor.type == "PERSON"
    assert any("market vendor" in role for role in vendor.roles), vendor.roles


def test_typhoon_quotes_with_speakers(typhoon):
    text = typhoon.article.text
    by_start = {q.text[:25]: q for q in typhoon.quotes}
    borrowed = by_start["“We borrowed money for th"]
    assert borrowed.kind == "direct"
    assert borrowed.speaker is not None and borrowed.speaker.name == "Ernesto Baggao"
    assert text[borrowed.speaker.start:borrowed.speaker.end] == "he"  # "... pay it back," he told AFP.
    assert borrowed.cue == "told"
    water = by_start["“The water came up to our"]
    assert water.kind == "direct" and water.speaker is not None and water.speaker.name == "Rowena Dumlao"
    missing = next(q for q in typhoon.quotes if q.text.startswith("11 people were still missing"))
    assert missing.kind == "indirect" and missing.speaker.name == "Office of Civil Defense"


def test_typhoon_weather_agency_is_the_speaker_of_its_warning(typhoon):
    warning = next(q for q in typhoon.quotes if "low-pressure area" in q.text)
    assert warning.speaker is not None and warning.speaker.name == "Pagasa"


def test_typhoon_quantities(typhoon):
    found = {q.text: q for q in typhoon.quantities}
    dead = found["at least 23 people"]  # "has killed at least 23 people"
    assert (dead.value, dead.unit, dead.qualifier, dead.kind) == (23, "people", "at_least", "count")
    fled = found["more than 160,000 people"]  # "more than 160,000 people had fled to evacuation centres"
    assert (fled.value, fled.unit, fled.qualifier) == (160_000, "people", "more_than")
    gusts = found["up to 185kmh"]
    assert (gusts.value, gusts.qualifier) == (185, "up_to")
    age = found["56-year-old"]
    assert age.kind == "attribute"  # an age, not a count of anything
    assert (found["37 towns"].value, found["37 towns"].unit) == (37, "towns")


def test_typhoon_dates_resolved_against_publication(typhoon):
    dates = {d.text: d for d in typhoon.dates}
    assert (dates["Oct 19"].value, dates["Oct 19"].granularity) == ("2025-10-19", "day")  # landfall
    assert dates["Oct 24"].value == "2025-10-24"  # schools closed until at least Oct 24
    assert (dates["this year"].value, dates["this year"].granularity) == ("2025", "year")
