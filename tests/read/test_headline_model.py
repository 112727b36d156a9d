"""The headline model of the saved-text reader: retrained by its script on a tiny benchmark of our own (HTML
pages in ScrapingHub's layout), and the shipped model on whole pages of our own saved as text."""

from __future__ import annotations

import gzip
import json

import pytest

from newsdesk.read import headline_train, read_text
from newsdesk.read.headline import HeadlineModel, model_info, shipped_model

STORIES = [
    ("Harbour authority closes ferry terminal for repairs", "Mara Lindqvist",
     "The harbour authority said on Monday that the old terminal would close for two years of repairs."),
    ("Storm brings floods to three valleys", "Jonas Berg",
     "Heavy rain swelled the rivers overnight, and the water reached the first houses before dawn on Sunday."),
    ("Council approves budget after long debate", "Ana Silva",
     "The city council approved its budget late on Thursday after a debate that lasted more than eleven hours."),
    ("Rail strike halts trains across the north", "Tom Okafor",
     "No trains ran north of the capital on Friday as drivers walked out over pay and the length of shifts."),
]
MENUS = ["World", "Business", "Sport", "Culture", "Opinion", "Weather", "Podcasts", "Newsletters"]


def page(k: int) -> str:
    title, author, lede = STORIES[k % len(STORIES)]
    menu = "".join(f"<li><a href='/{m.lower()}'>{m}</a></li>" for m in MENUS[k % 3:] + MENUS[:k % 3])
    related = "".join(f"<li><a href='/r{j}'>{STORIES[(k + j) % len(STORIES)][0]} in pictures</a></li>"
                      for j in (1, 2))
    body = "".join(f"<p>{lede} Paragraph {j} of the story goes on with more words about what happened.</p>"
                   for j in range(4))
    return (f"<html><head><title>{title} | The Daily Example</title><meta property='og:title' content='{title}'>"
            f"</head><body><header><p>The Daily Example</p><ul>{menu}</ul></header><aside><ul>{related}</ul>"
            f"</aside><article><p>News</p><h1>{title}</h1><p>By {author}</p><p>3 March 2024</p>{body}</article>"
            f"<footer><p>Sign up for our newsletter</p></footer></body></html>")


@pytest.fixture()
def benchmark(tmp_path):
    root = tmp_path / "eval" / "article-extraction"
    (root / "html").mkdir(parents=True)
    truth = {}
    for k in range(12):
        key = f"p{k:02d}"
        (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(page(k).encode("utf-8"), mtime=0))
        truth[key] = {"articleBody": "", "url": f"https://example.org/{key}"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path / "eval"


def test_the_script_retrains_a_model_that_loads_and_picks_headlines(benchmark, tmp_path):
    out = tmp_path / "model.json"
    assert headline_train.main(["--data", str(benchmark), "--out", str(out), "--folds", "2"]) == 0
    model = HeadlineModel.from_json(json.loads(out.read_text(encoding="utf-8")))
    assert model.info["pages"] == 12 and model.info["retrain"] == "scripts/train-headline"
    assert 0.0 <= model.info["cv_exact"] <= 1.0 and model.linear.weights
    again = tmp_path / "again.json"
    assert headline_train.main(["--data", str(benchmark), "--out", str(again), "--folds", "2"]) == 0
    assert again.read_bytes() == out.read_bytes(), "the same data and seed give the same model"


def test_the_script_refuses_data_it_cannot_use(tmp_path):
    assert headline_train.main(["--data", str(tmp_path), "--out", str(tmp_path / "m.json")]) == 2


def test_labels_come_from_the_h1_where_the_title_agrees():
    html = page(0)
    assert headline_train.headline_label(html, {STORIES[0][0]}) == STORIES[0][0]
    assert headline_train.headline_label(html, set()) is None  # not a line of the rendering
    other = html.replace("<title>Harbour authority", "<title>Something else entirely").replace(
        "content='Harbour authority closes ferry terminal for repairs'", "content='Another story'")
    assert headline_train.headline_label(other, {STORIES[0][0]}) is None


def test_the_shipped_model_says_what_it_was_trained_on():
    info = model_info()
    assert shipped_model() is not None and info["retrain"] == "scripts/train-headline"
    assert "inscriptis" in info["trained_on"] and info["pages"] >= 500


@pytest.mark.parametrize("k", range(4))
def test_a_whole_page_rendered_to_text_gets_its_headline(k):
    """A page of our own in the habits of whole pages saved as text: menus, teasers above the headline."""
    title, author, lede = STORIES[k]
    teasers = "\n".join(f"{s[0]} in pictures" for s in STORIES if s[0] != title)
    menus = "\n".join(f"* {m}" for m in MENUS * 4)
    text = (f"The Daily Example\n{menus}\nMost read\n{teasers}\nNews\n{title}\nBy {author}\n3 March 2024\n"
            + "\n".join(f"{lede} Paragraph {j} of the story goes on with more words about it." for j in range(4)))
    art = read_text(text)
    assert art.headline == title and art.byline == author and art.published == "2024-03-03"
    assert art.paragraphs[0].startswith(lede[:30]) and "in pictures" not in art.text


def test_doctor_shows_the_headline_model():
    from newsdesk.doctor import collect

    shown = collect()["headline_model"]
    assert shown["version"] == model_info()["version"] and shown["retrain"] == "scripts/train-headline"
