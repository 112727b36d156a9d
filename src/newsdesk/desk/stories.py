"""Stories: articles about the same happening, grouped as they are ingested, each with a title and a timeline.

``assign_story`` compares a new article with the stories whose dates lie within ``WINDOW_DAYS`` of its
own (undated: the ``RECENT`` latest stories) and joins the best one whose score reaches ``THRESHOLD``,
else starts a story. The score (docs/desk.md, "Stories, topics and digests") adds two signals:

* ``text`` — cosine of the article's headline + lead vector (spaCy md word vectors, the key points'
  ``embed``) to the story's centroid, rescaled from ``TEXT_FLOOR``..``TEXT_CEIL`` to 0..1 (any two news
  articles score ~0.7 raw, so the raw cosine alone cannot tell happenings apart);
* ``entities`` — the article's names (PERSON, ORG, GPE, LOC, FAC; the most mentioned ``TOP_ENTITIES``)
  weighted by the share of the story's articles that name them, over the smaller of the two name sets:
  a name every article of the story carries counts 1, one named once in a long story little.

``score = TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * entities``. The story row keeps each member's vector
and names in ``stories.data``, so the centroid and the title (the most central article's headline,
the earliest on a tie) are exact after every join.
"""

from __future__ import annotations

import base64
import json
from datetime import date, timedelta

import numpy as np

from newsdesk.errors import InputError

WINDOW_DAYS = 3
TEXT_FLOOR, TEXT_CEIL = 0.75, 0.95
TEXT_WEIGHT = 0.4
THRESHOLD = 0.475  # measured on tests/desk/fixtures/story_*.txt: P = R = 1.0 from 0.45 to 0.5
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
TOP_ENTITIES = 8
LEAD_PARAGRAPHS = 2
RECENT = 50  # an undated article is compared with this many latest stories
METHOD = "spacy-md-lead+entities/1"


# ---- what an article brings -----------------------------------------------------------------------

def lead_text(analysis: dict) -> str:
    """The headline and the first ``LEAD_PARAGRAPHS`` paragraphs: what the article is about."""
    art = analysis["article"]
    paragraphs = [p for s in art.get("sections") or [] for p in s.get("paragraphs") or []]
    if not paragraphs and art.get("text"):
        paragraphs = art["text"].split("\n\n")
    return "\n".join([art.get("headline") or "", *paragraphs[:LEAD_PARAGRAPHS]]).strip()


def article_vector(analysis: dict) -> np.ndarray:
    """The unit vector of the article's headline + lead (zeros when no word has a vector)."""
    from newsdesk.keypoints.embed import embed
    from newsdesk.language.nlp import load_nlp

    doc = load_nlp().make_doc(lead_text(analysis))  # the tokenizer only: word vectors need no parse
    if not len(doc):
        return np.zeros(1, dtype=np.float32)
    return embed([doc[:]], "spacy")[0].astype(np.float32)


def article_names(analysis: dict) -> list[str]:
    """The article's most mentioned names of people, organisations and places (one per casefolded form)."""
    ents = [e for e in analysis.get("entities") or [] if e.get("type") in ENTITY_TYPES]
    ents.sort(key=lambda e: -len(e.get("mentions") or []))
    names: dict[str, str] = {}
    for e in ents:
        name = " ".join(e["name"].split())
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())[:TOP_ENTITIES]


# ---- scoring ----------------------------------------------------------------------------------------

def centroid(data: dict) -> np.ndarray:
    vectors = [_unpack(v) for v in data.get("vectors", {}).values()]
    vectors = [v for v in vectors if v.size > 1]
    if not vectors:
        return np.zeros(1, dtype=np.float32)
    mean = np.mean(vectors, axis=0)
    norm = np.linalg.norm(mean)
    return mean / norm if norm else mean


def name_shares(data: dict) -> dict[str, float]:
    """Each name of the story (casefolded) with the share of its articles that carry it."""
    members = data.get("names", {})
    shares: dict[str, float] = {}
    for names in members.values():
        for name in {n.casefold() for n in names}:
            shares[name] = shares.get(name, 0.0) + 1 / len(members)
    return shares


def similarity(vector: np.ndarray, names: list[str], data: dict) -> dict:
    """``{"text", "entities", "score"}`` of an article against a story's ``data``."""
    center = centroid(data)
    cosine = float(vector @ center) if vector.shape == center.shape else 0.0
    text = min(max((cosine - TEXT_FLOOR) / (TEXT_CEIL - TEXT_FLOOR), 0.0), 1.0)
    shares = name_shares(data)
    entities = 0.0
    names = list({n.casefold() for n in names})
    if names and shares:
        got = sum(shares.get(n, 0.0) for n in names)
        entities = got / max(min(len(names), sum(shares.values())), 1.0)
    score = TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * entities
    return {"text": round(text, 4), "entities": round(min(entities, 1.0), 4), "score": round(score, 4)}


# ---- assignment -------------------------------------------------------------------------------------

def assign_story(store, article: int, analysis: dict) -> None:
    """Inside the ingest transaction: put the article (row id ``article``) into the story it belongs to,
    or start one. Sets ``articles.story_id`` and updates the story's title, dates and data."""
    db = store
    day = _day(analysis["article"].get("published"))
    vector, names = article_vector(analysis), article_names(analysis)
    best, best_score = None, -1.0
    for row in _candidates(db, day):
        data = json.loads(row["data"] or "{}")
        score = similarity(vector, names, data)["score"]
        if score > best_score:
            best, best_score = (row, data), score
    if best is not None and best_score >= THRESHOLD:
        story_id, data = best[0]["id"], best[1]
    else:
        headline = analysis["article"].get("headline") or "(no headline)"
        story_id = db.insert("INSERT INTO stories (title, first_published, last_published, data) VALUES (?, ?, ?, ?)",
                             (headline, None, None, "{}"))
        data = {"method": METHOD, "vectors": {}, "names": {}}
    data["vectors"][str(article)] = _pack(vector)
    data["names"][str(article)] = names
    db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article))
    _refresh(db, story_id, data)


def _candidates(db, day: date | None) -> list:
    """Stories within ``WINDOW_DAYS`` of ``day`` (and recent undated ones); undated: the latest stories."""
    if day is None:
        return db.execute("SELECT id, data FROM stories ORDER BY id DESC LIMIT ?", (RECENT,)).fetchall()
    low, high = (day - timedelta(days=WINDOW_DAYS)).isoformat(), (day + timedelta(days=WINDOW_DAYS)).isoformat()
    return db.execute(
        "SELECT id, data FROM stories WHERE substr(last_published, 1, 10) >= ? AND substr(first_published, 1, 10) <= ? "
        "UNION SELECT id, data FROM (SELECT id, data FROM stories WHERE first_published IS NULL "
        "ORDER BY id DESC LIMIT ?) AS undated", (low, high, RECENT)).fetchall()


def _refresh(db, story_id: int, data: dict) -> None:
    """The story's dates and title from its members: the most central headline, the earliest on a tie."""
    rows = db.execute("SELECT id, headline, published FROM articles WHERE story_id = ?", (story_id,)).fetchall()
    center = centroid(data)

    def centrality(row) -> float:
        vec = _unpack(data["vectors"].get(str(row["id"]), ""))
        return round(float(vec @ center), 4) if vec.shape == center.shape and vec.size > 1 else -1.0

    ranked = sorted(rows, key=lambda r: (-centrality(r), r["published"] is None, r["published"] or "", r["id"]))
    title = next((r["headline"] for r in ranked if r["headline"]), "(no headline)")
    dates = sorted(r["published"] for r in rows if r["published"])
    db.execute("UPDATE stories SET title = ?, first_published = ?, last_published = ?, data = ? WHERE id = ?",
               (title, dates[0] if dates else None, dates[-1] if dates else None,
                json.dumps(data, separators=(",", ":")), story_id))


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _pack(vector: np.ndarray) -> str:
    return base64.b64encode(vector.astype(np.float16).tobytes()).decode("ascii")


def _unpack(packed: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(packed), dtype=np.float16).astype(np.float32) if packed else np.zeros(1)


# ---- reading stories back ---------------------------------------------------------------------------

def list_stories(store, limit: int = 50) -> list[dict]:
    """The latest stories first: ``{"id", "title", "first_published", "last_published", "articles",
    "publishers", "entities"}`` (entities: the names most of its articles share)."""
    rows = store.execute(
        "SELECT s.id, s.title, s.first_published, s.last_published, s.data, count(a.id) AS n, "
        f"{store.distinct_list('a.publisher')} AS publishers FROM stories s JOIN articles a ON a.story_id = s.id "
        "GROUP BY s.id ORDER BY s.last_published IS NULL, s.last_published DESC, s.id DESC LIMIT ?",
        (limit,)).fetchall()
    return [{"id": r["id"], "title": r["title"], "first_published": r["first_published"],
             "last_published": r["last_published"], "articles": r["n"],
             "publishers": sorted((r["publishers"] or "").split(",")) if r["publishers"] else [],
             "entities": _top_names(json.loads(r["data"] or "{}"))} for r in rows]


def story_timeline(store, story_id: int) -> dict:
    """One story and its timeline: its articles by published date, each with headline, publisher and
    key points. An unknown id is bad input (exit 2)."""
    row = store.execute("SELECT id, title, first_published, last_published, data FROM stories WHERE id = ?",
                           (story_id,)).fetchone()
    if row is None:
        raise InputError(f"no story {story_id} (newsdesk stories lists them)", source="story")
    articles = store.execute(
        "SELECT id, headline, publisher, published, url, analysis FROM articles WHERE story_id = ? "
        "ORDER BY published IS NULL, published, id", (story_id,)).fetchall()
    timeline = [{"id": a["id"], "headline": a["headline"], "publisher": a["publisher"], "published": a["published"],
                 "url": a["url"], "key_points": key_point_texts(json.loads(a["analysis"]))} for a in articles]
    return {"id": row["id"], "title": row["title"], "first_published": row["first_published"],
            "last_published": row["last_published"], "entities": _top_names(json.loads(row["data"] or "{}")),
            "timeline": timeline}


def key_point_texts(analysis: dict) -> list[str]:
    """The article's key points as text (empty when none were made)."""
    return [kp["text"] for kp in analysis.get("key_points") or [] if kp.get("text")]


def _top_names(data: dict, n: int = 5) -> list[str]:
    """The story's names most of its articles share, as the articles spell them."""
    shares = name_shares(data)
    spelt = {name.casefold(): name for names in data.get("names", {}).values() for name in names}
    return [spelt[key] for key, _ in sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
