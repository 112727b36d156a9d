"""Entities: one per referent, with roles, resolved pronouns and descriptions, model slips corrected.

Every fixture paragraph here was written for these tests.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from spacy.tokens import Doc, Span

from newsdesk.language.entities import find_entities
from newsdesk.language.nlp import load_nlp
from newsdesk.schema import Entity

US_STYLE = (
    "US President Donald Trump spoke by phone with Russian President Vladimir Putin on Thursday, "
    "but the call ended without a deal. Mr Trump later told reporters he was disappointed. "
    "Trump said the two leaders would speak again next week."
)

WAR_REPORT = (
    "Ukrainian President Volodymyr Zelensky said the overnight barrage targeted power stations "
    "near Kharkiv and in the Donetsk region. Mr Zelensky said he had spoken to Mr Putin's envoy "
    "only once. \"We will rebuild,\" he said.\n\n"
    "Kremlin spokesman Dmitry Peskov said Moscow saw no quick end to the fighting. "
    "\"Talks are not on the agenda,\" Peskov said. The spokesman added that the Kremlin was ready "
    "to wait.\n\n"
    "Kyiv resident Tymur, who said he had slept in a metro station, told reporters the night was "
    "the loudest yet. European Commission President Ursula von der Leyen promised more air defence "
    "for Kyiv."
)

APPOSITIONS = (
    "Dmitry Peskov, the Kremlin spokesman, said Moscow would not hurry. "
    "The acting governor of the Rostov region, Yuri Slyusar, said a drone had hit a warehouse. "
    "The acting governor of the Belgorod region said two people were hurt."
)

MINISTRY = (
    "Germany's Foreign Ministry condemned the strikes on Kharkiv and Kyiv. "
    "The ministry said in a statement that Berlin would send more generators."
)

UK_STYLE = (
    "Łukasz Nowak, a Warsaw-based analyst, said the talks had stalled. Dr Anna Müller, a historian "
    "at Leipzig University, disagreed. Mr Nowak expects little from the next round, but Dr Müller "
    "said she was hopeful. The 52-year-old said the summer would decide it."
)

TWO_PRESIDENTS = (
    "French President Emmanuel Macron met Ukrainian President Volodymyr Zelensky in Paris on Monday. "
    "The president said Europe would keep paying for drones."
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def by_name(entities: list[Entity], name: str) -> Entity:
    """The entity called ``name`` (fails the test listing the names found when there is none)."""
    found = [e for e in entities if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in entities]}"
    return found[0]


def mention_texts(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]


def retag(doc: Doc, text: str, label: str, only: int | None = None) -> Doc:
    """Simulate a model slip: every occurrence of ``text`` (or occurrence number ``only``) becomes
    one entity labelled ``label``."""
    found = list(re.finditer(re.escape(text), doc.text))
    found = found if only is None else [found[only]]
    spans = [doc.char_span(m.start(), m.end(), label=label) for m in found]
    assert all(spans), f"{text!r} does not fall on token boundaries"
    keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
    doc.ents = sorted(keep + spans, key=lambda s: s.start)
    return doc


def assert_spans_exact(text: str, entities: list[Entity]) -> None:
    for entity in entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text, (entity.name, m)


# ---- one entity per referent ------------------------------------------------------------------


def test_titled_name_honorific_and_surname_are_one_entity(nlp):
    entities = find_entities(nlp(US_STYLE))
    trump = by_name(entities, "Donald Trump")
    assert trump.type == "PERSON"
    assert trump.roles == ["US President"]
    assert mention_texts(trump) == ["Donald Trump", "Trump", "he", "Trump"]
    assert [e.name for e in entities].count("Donald Trump") == 1
    assert not [e for e in entities if e.name in ("Trump", "Mr Trump")]
    putin = by_name(entities, "Vladimir Putin")
    assert putin.roles == ["Russian President"]
    assert mention_texts(putin) == ["Vladimir Putin"]


def test_ids_follow_first_mention_and_skip_numbers_and_dates(nlp):
    entities = find_entities(nlp(US_STYLE))
    assert [e.id for e in entities] == [f"e{n}" for n in range(1, len(entities) + 1)]
    firsts = [e.mentions[0].start for e in entities]
    assert firsts == sorted(firsts)
    assert not {e.type for e in entities} & {"CARDINAL", "DATE", "TIME", "QUANTITY", "MONEY", "PERCENT"}
    assert_spans_exact(US_STYLE, entities)


def test_honorific_surname_joins_the_full_name(nlp):
    entities = find_entities(nlp(WAR_REPORT))
    zelensky = by_name(entities, "Volodymyr Zelensky")
    assert zelensky.roles == ["Ukrainian President"]
    assert mention_texts(zelensky)[:2] == ["Volodymyr Zelensky", "Zelensky"]
    assert_spans_exact(WAR_REPORT, entities)


def test_single_first_name_stays_itself(nlp):
    entities = find_entities(nlp(WAR_REPORT))
    tymur = by_name(entities, "Tymur")
    assert tymur.type == "PERSON"
    assert tymur.roles == ["Kyiv resident"]
    assert mention_texts(tymur) == ["Tymur", "he"]


def test_non_ascii_names_and_uk_honorifics(nlp):
    entities = find_entities(nlp(UK_STYLE))
    nowak = by_name(entities, "Łukasz Nowak")
    muller = by_name(entities, "Anna Müller")
    assert mention_texts(nowak)[-1] == "Nowak"
    assert "Müller" in mention_texts(muller)
    assert nowak.roles == ["Warsaw-based analyst"]
    assert muller.roles == ["historian at Leipzig University"]
    assert_spans_exact(UK_STYLE, entities)


def test_president_x_then_mr_x(nlp):
    text = ("President Volodymyr Zelensky said on Tuesday that the new drones had reached the front. "
            "Mr. Zelensky thanked the volunteers who built them.")
    entities = find_entities(nlp(text))
    zelensky = by_name(entities, "Volodymyr Zelensky")
    assert zelensky.roles == ["President"]
    assert mention_texts(zelensky) == ["Volodymyr Zelensky", "Zelensky"]
    assert_spans_exact(text, entities)


def test_first_name_joins_the_only_person_with_it(nlp):
    text = ("Yuliia Golovnina sheltered in the metro with her neighbours. "
            "Yuliia said the night felt endless.")
    golovnina = by_name(find_entities(nlp(text)), "Yuliia Golovnina")
    assert "Yuliia" in mention_texts(golovnina)


def test_first_name_shared_by_two_people_stays_apart(nlp):
    text = ("Anna Müller and Anna Kowalska both spoke at the meeting in Warsaw. "
            "Anna said the plan would fail.")
    entities = find_entities(nlp(text))
    for name in ("Anna Müller", "Anna Kowalska"):
        assert "Anna" not in mention_texts(by_name(entities, name))


# ---- roles ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, role", [
    ("Dmitry Peskov", "Kremlin spokesman"),
    ("Ursula von der Leyen", "European Commission President"),
    ("Tymur", "Kyiv resident"),
    ("Volodymyr Zelensky", "Ukrainian President"),
])
def test_role_from_title_before_the_name(nlp, name, role):
    entities = find_entities(nlp(WAR_REPORT))
    assert by_name(entities, name).roles == [role]


def test_role_from_apposition_after_and_before_the_name(nlp):
    entities = find_entities(nlp(APPOSITIONS))
    peskov = by_name(entities, "Dmitry Peskov")
    assert peskov.roles == ["Kremlin spokesman"]
    assert "the Kremlin spokesman" in mention_texts(peskov)
    slyusar = by_name(entities, "Yuri Slyusar")
    assert slyusar.roles == ["acting governor of the Rostov region"]
    assert_spans_exact(APPOSITIONS, entities)


def test_a_role_without_a_name_is_no_entity(nlp):
    entities = find_entities(nlp(APPOSITIONS))
    assert not [e for e in entities if "governor" in e.name.lower()]
    assert not [e for e in entities if any("Belgorod region" in m.text for m in e.mentions)
                and e.type == "PERSON"]


def test_secretary_of_state_is_one_role_not_an_organisation(nlp):
    text = "Secretary of State Marco Rubio said the United States was ready to help."
    entities = find_entities(nlp(text))
    assert by_name(entities, "Marco Rubio").roles == ["Secretary of State"]
    assert not [e for e in entities if e.name == "State"]


# ---- pronouns and descriptions ----------------------------------------------------------------


def test_pronoun_resolves_to_the_subject_not_the_last_name(nlp):
    entities = find_entities(nlp(WAR_REPORT))
    zelensky = by_name(entities, "Volodymyr Zelensky")
    he = [m for m in zelensky.mentions if m.text == "he"]
    assert len(he) == 2  # "… said he had spoken to Mr Putin's envoy", '"We will rebuild," he said'
    putin = [e for e in entities if e.name == "Putin"]
    assert not putin or "he" not in mention_texts(putin[0])


def test_description_by_role_word(nlp):
    entities = find_entities(nlp(WAR_REPORT))
    assert "The spokesman" in mention_texts(by_name(entities, "Dmitry Peskov"))


def test_the_ministry_is_the_last_organisation_called_ministry(nlp):
    entities = find_entities(nlp(MINISTRY))
    ministry = by_name(entities, "Foreign Ministry")
    assert ministry.type == "ORG"
    assert mention_texts(ministry) == ["Foreign Ministry", "The ministry"]
    assert by_name(entities, "Germany").type == "GPE"
    assert_spans_exact(MINISTRY, entities)


def test_age_description_and_gendered_pronoun(nlp):
    entities = find_entities(nlp(UK_STYLE))
    muller = by_name(entities, "Anna Müller")
    assert "she" in mention_texts(muller)
    assert "The 52-year-old" in mention_texts(muller)
    assert "she" not in mention_texts(by_name(entities, "Łukasz Nowak"))


def test_ambiguous_description_is_left_unresolved(nlp):
    entities = find_entities(nlp(TWO_PRESIDENTS))
    for entity in entities:
        assert "The president" not in mention_texts(entity)


def test_object_pronoun_never_means_its_own_subject(nlp):
    text = "Kremlin spokesman Dmitry Peskov met the envoy on Monday. Peskov told him the talks were over."
    peskov = by_name(find_entities(nlp(text)), "Dmitry Peskov")
    assert "him" not in mention_texts(peskov)


def test_pronoun_after_an_unnamed_person_is_left_alone(nlp):
    text = ("Dr Anna Müller spoke to reporters on Friday. "
            "A woman in the crowd said she had waited for hours.")
    entities = find_entities(nlp(text))
    assert all("she" not in mention_texts(e) for e in entities)


def test_pronoun_inside_a_quote_is_not_resolved(nlp):
    text = 'Peskov spoke after the call. "He knows our terms," Peskov said of the envoy.'
    entities = find_entities(nlp(text))
    assert mention_texts(by_name(entities, "Peskov")) == ["Peskov", "Peskov"]


# ---- places -----------------------------------------------------------------------------------


def test_places_including_the_donetsk_region(nlp):
    entities = find_entities(nlp(WAR_REPORT))
    for place in ("Kharkiv", "Donetsk", "Kyiv", "Moscow"):
        assert by_name(entities, place).type == "GPE", place
    assert len(mention_texts(by_name(entities, "Kyiv"))) == 2


# ---- model slips corrected --------------------------------------------------------------------


def test_honorific_inside_a_person_span_is_stripped(nlp):
    doc = retag(nlp(WAR_REPORT), "Mr Zelensky", "PERSON")
    zelensky = by_name(find_entities(doc), "Volodymyr Zelensky")
    assert "Zelensky" in mention_texts(zelensky)
    assert "Mr Zelensky" not in mention_texts(zelensky)


def test_surname_tagged_as_organisation_joins_the_person(nlp):
    text = ("European Commission President Ursula von der Leyen arrived in Kyiv. "
            "Leyen said the union would pay for the repairs.")
    doc = retag(nlp(text), "Leyen", "ORG")
    doc = retag(doc, "Ursula von der Leyen", "PERSON")
    entities = find_entities(doc)
    leyen = by_name(entities, "Ursula von der Leyen")
    assert mention_texts(leyen)[:2] == ["Ursula von der Leyen", "Leyen"]
    assert not [e for e in entities if e.name == "Leyen"]


def test_name_cut_short_is_joined(nlp):
    text = "Ursula von der Leyen promised more help for Ukraine."
    doc = nlp(text)
    doc.ents = [Span(doc, 0, 3, label="PERSON"), Span(doc, 3, 4, label="GPE")]  # "Ursula von der" + "Leyen"
    entities = find_entities(doc)
    assert by_name(entities, "Ursula von der Leyen").type == "PERSON"
    assert not [e for e in entities if e.name == "Leyen"]


def test_place_tagged_as_person_becomes_a_place(nlp):
    text = "Drones struck Sumy overnight. Officials in Sumy said a school was damaged."
    entities = find_entities(retag(nlp(text), "Sumy", "PERSON"))
    assert by_name(entities, "Sumy").type == "GPE"


def test_place_tagged_person_once_and_place_once_is_a_place(nlp):
    text = "Shelling hit Bilozerske overnight. Rescuers in Bilozerske found two people alive."
    doc = retag(retag(nlp(text), "Bilozerske", "PERSON", only=0), "Bilozerske", "GPE", only=1)
    bilozerske = by_name(find_entities(doc), "Bilozerske")
    assert bilozerske.type == "GPE"
    assert len(bilozerske.mentions) == 2


def test_name_before_region_is_a_place(nlp):
    text = "Shelling hit Pokrovsk again. Officials said Pokrovsk region villages lost power."
    entities = find_entities(retag(nlp(text), "Pokrovsk", "PERSON"))
    assert by_name(entities, "Pokrovsk").type == "GPE"


def test_possessive_and_leading_the_are_stripped(nlp):
    text = "Mrs Thatcher's legacy was debated at the Kremlin. The Kremlin's response was brief."
    doc = retag(nlp(text), "Mrs Thatcher's", "PERSON")
    doc = retag(doc, "the Kremlin", "ORG")
    entities = find_entities(doc)
    assert mention_texts(by_name(entities, "Thatcher")) == ["Thatcher"]
    kremlin = by_name(entities, "Kremlin")
    assert mention_texts(kremlin) == ["Kremlin", "Kremlin"]


# ---- real articles: spans exact, and cheap beside the parse --------------------------------------


def test_real_articles_spans_exact_and_cheap(nlp, shared):
    rows = [json.loads(line) for line in (shared / "eval/cnndm/dev.jsonl").open(encoding="utf-8")][:30]
    parse = extract = 0.0
    for row in rows:
        t0 = time.perf_counter()
        doc = nlp(row["article"])
        t1 = time.perf_counter()
        entities = find_entities(doc)
        extract += time.perf_counter() - t1
        parse += t1 - t0
        assert_spans_exact(row["article"], entities)
        assert len({e.id for e in entities}) == len(entities)
    assert extract < 0.25 * parse, f"entities took {extract:.2f}s beside a {parse:.2f}s parse"
