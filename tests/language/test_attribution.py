"""The learned attribution model: retrained by its script on a tiny corpus of our own (brat, PolNeAR's layout), and
the shipped model's additions to the rules' quotes, on sentences of our own in several outlets' habits."""

from __future__ import annotations

import gzip
import json

import pytest

from newsdesk.language import attribution_train
from newsdesk.language.attribution import model_info, read_model, shipped_model

# Each article: sentences with one attribution marked [source] {cue} <content>; the rest is plain text.
ARTICLES = [
    "[The senator] {said} <the bill would pass by Friday>. Lawmakers met in the afternoon. "
    "[Critics] {argued} <that the plan was too costly>. The vote was delayed again.",
    "[The mayor] {is worried about} <the flooding in the old town>. Rain fell for a week. "
    "[Residents] {want} <the council to act>. [She] {told} <reporters the pumps had failed>.",
    "[Analysts] {believe} <the rate will rise in March>. Markets were calm. "
    "[The bank] {announced} <a new fund for small firms>. [He] {doubts} <the fund will be enough>.",
    "[Officials] {claimed} <the fire was started on purpose>. Smoke covered the valley. "
    "[The governor] {promised} <to rebuild every school>. [Farmers] {fear} <a poor harvest>.",
]


def brat(article: str) -> tuple[str, str]:
    """The article's plain text and its brat annotation."""
    text, lines, spans = "", [], []
    i, n = 0, 0
    while i < len(article):
        if article[i] in "[{<":
            close = {"[": "]", "{": "}", "<": ">"}[article[i]]
            j = article.index(close, i)
            role = {"[": "Source", "{": "Cue", "<": "Content"}[article[i]]
            spans.append((role, len(text), len(text) + j - i - 1))
            text += article[i + 1:j]
            i = j + 1
            continue
        text += article[i]
        i += 1
    for k in range(0, len(spans), 3):
        ids = []
        for role, start, end in spans[k:k + 3]:
            n += 1
            lines.append(f"T{n}\t{role} {start} {end}\t{text[start:end]}")
            ids.append(f"{role}:T{n}")
        lines.append(f"E{k // 3 + 1}\tAttribution:T{n} " + " ".join(ids))
    return text, "\n".join(lines) + "\n"


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for k, article in enumerate(ARTICLES * 2):  # eight articles: two folds of four
        text, ann = brat(article)
        (tmp_path / "text" / f"a{k}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "attributions" / f"a{k}_x.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def test_the_script_retrains_a_model_that_loads_and_reads(corpus, tmp_path):
    out = tmp_path / "model.json.gz"
    assert attribution_train.main(["--data", str(corpus), "--out", str(out), "--folds", "2"]) == 0
    model = read_model(out)
    assert "8 articles" in model.info["trained_on"] and model.info["licence"] == "the corpus states no licence"
    assert set(model.info["cross_validation"]) >= {"rules", f"{model.threshold}/{model.keep_threshold}"}
    assert model.cue.weights and model.content.weights and model.source.weights
    # seeded and deterministic: the same data make the same bytes
    again = tmp_path / "again.json.gz"
    assert attribution_train.main(["--data", str(corpus), "--out", str(again), "--folds", "2"]) == 0
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(again.read_bytes())
    # what it learned: "said" heads a cue, a plain "met" does not
    from newsdesk.language.attribution import cue_features, read_page
    from newsdesk.language.nlp import load_nlp

    doc = load_nlp()("The minister said the talks had failed. The delegates met at noon.")
    page = read_page(doc)
    said, met = doc[2], doc[10]
    assert model.cue.probability(cue_features(doc, said, page)) > model.cue.probability(
        cue_features(doc, met, page))


def test_a_folder_without_polnear_layout_is_one_clear_line(tmp_path, capsys):
    assert attribution_train.main(["--data", str(tmp_path), "--out", str(tmp_path / "m.json.gz")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(tmp_path) in err


def test_the_shipped_model_says_what_it_was_trained_on():
    info = model_info()
    assert info is not None and "PolNeAR train" in info["trained_on"] and info["retrain"] == "scripts/train-attribution"
    assert json.dumps(info)  # JSON-ready, as doctor --json prints it
    from newsdesk.doctor import collect

    assert collect()["attribution_model"]["version"] == info["version"]
    assert shipped_model() is shipped_model()  # loaded once per process


@pytest.fixture(scope="module")
def nlp():
    from newsdesk.language.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize("text, cue, content, source", [
    ("Many farmers are worried about the new import rules. The harvest starts in May.",
     "worried", "the new import rules", "Many farmers"),
    ("The opposition leader was sure that the coalition would collapse before spring.",
     "sure", "that the coalition would collapse before spring", "The opposition leader"),
    ("The coach was confident his team could win the cup this season.",
     "confident", "his team could win the cup this season", "The coach"),
    ("Doctors are concerned about the rise in measles cases among children.",
     "concerned", "the rise in measles cases among children", "Doctors"),
])
def test_stances_the_rules_miss_are_added_with_their_holder(nlp, text, cue, content, source):
    from newsdesk.language.quotes import find_quotes

    doc = nlp(text)
    assert find_quotes(doc, [], model=None) == []  # the rules read no cue here
    (q,) = find_quotes(doc, [])
    assert (q.cue, q.text, q.kind, text[q.speaker.start:q.speaker.end]) == (cue, content, "indirect", source)


@pytest.mark.parametrize("text", [
    "The bridge was closed for repairs on Monday. Traffic moved slowly through the town.",
    'She appeared on "Morning Show" on Tuesday. The so-called "reform" passed easily.',
    "She wore dresses that showed her shoulders. The lake froze in January.",
])
def test_no_attribution_from_plain_facts_titles_or_things(nlp, text):
    from newsdesk.language.quotes import find_quotes

    assert find_quotes(nlp(text), []) == []


def test_a_person_met_is_not_what_was_said(nlp):
    from newsdesk.language.quotes import find_quotes

    text = "Ms Lindqvist also spoke to Mr Okafor by phone."
    assert not any(q.text == "Mr Okafor" for q in find_quotes(nlp(text), []))


def test_the_filter_drops_what_its_weights_put_below_the_threshold(nlp):
    """``attribution_filter.kept`` on the attributions found in a report that holds a wish: the wish nested in the
    report is the filter's to judge, the report at the top of its sentence and the next paragraph's quotation are
    not; weights against nested attributions drop the wish."""
    from newsdesk.language.attribution_filter import in_scope, kept
    from newsdesk.language.quotes import found_attributions
    from newsdesk.linear import Linear

    doc = nlp("The coach said she took the job because she wanted to build a team from scratch.\n\n"
              "“It will take years.”")
    found = found_attributions(doc, None)
    assert {f.cue for f in found if in_scope(f, found)} == {"wanted"}
    assert {"said", None} <= {f.cue for f in found}
    top = [f for f in found if f.cue != "wanted"]
    assert kept(doc, found, Linear(2.0, {"nest=nested": -5.0}), 0.5) == top
    assert kept(doc, found, Linear(-9.0, {}), 0.5) == top
    assert kept(doc, found, Linear(-9.0, {}), 0.0) == found


def test_a_model_with_a_filter_is_written_and_read_back(tmp_path):
    from dataclasses import replace

    from newsdesk.language.attribution import write_model
    from newsdesk.linear import Linear

    model = replace(shipped_model(), keep=Linear(0.5, {"o=model": -1.25}), keep_threshold=0.3)
    write_model(model, tmp_path / "m.json.gz")
    back = read_model(tmp_path / "m.json.gz")
    assert (back.keep, back.keep_threshold) == (model.keep, 0.3)
    assert read_model(tmp_path / "m.json.gz").to_json() == model.to_json()


def test_a_learned_cue_with_no_source_needs_a_clause(nlp):
    """A model sure that "call" heads a cue adds nothing for "a call between the two presidents": with no one to
    say it, a phrase not headed by a verb is no attribution."""
    from dataclasses import replace

    from newsdesk.language.quotes import find_quotes
    from newsdesk.linear import Linear

    sure_of_call = replace(shipped_model(), cue=Linear(-30.0, {"lem=call": 60.0}), keep=None)
    text = "The shelling began hours after a call between the two presidents, which ended without a breakthrough."
    assert find_quotes(nlp(text), [], model=sure_of_call) == []
    owned = "The drivers' union renewed its call for a national strike on Monday."
    (q,) = find_quotes(nlp(owned), [], model=sure_of_call)
    assert q.cue == "call" and q.speaker is not None  # with a source, a noun phrase may be what was said
