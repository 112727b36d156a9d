"""Topics: what the reader follows, and which articles each one matches.

A topic is one of three kinds:

* ``entity`` — a person, organisation or place: matches an article whose analysis has an entity of that
  name ("Zelensky" also matches "Volodymyr Zelensky": the topic's words end the name or equal it);
* ``keyword`` — words: matches an article whose headline, text, key points or quotes contain them as a
  phrase (FTS5, stemmed: "drone" matches "drones");
* ``query`` — an FTS5 search as ``newsdesk search`` takes it (``"phrase"``, OR, NOT, ``prefix*``).

``follow`` guesses the kind when none is given: FTS syntax is a query; a name an ingested article
has as an entity, or words that all start with a capital, an entity; anything else a keyword.
"""

from __future__ import annotations

import re

from newsdesk.desk.store import now
from newsdesk.errors import BadOption

KINDS = ("entity", "keyword", "query")
SEARCH_LIMIT = 100_000  # every match: the digest filters by date afterwards
_FTS_SYNTAX = re.compile(r'["*()]|\b(?:AND|OR|NOT|NEAR)\b')


def normalise(topic: str) -> str:
    """The topic with runs of whitespace made one space; an empty topic is a ``BadOption``."""
    text = " ".join((topic or "").split())
    if not text:
        raise BadOption("a topic cannot be empty", source="topic")
    return text


def guess_kind(store, topic: str) -> str:
    """``query`` for FTS syntax, ``entity`` for a known entity name or Capitalised Words, else ``keyword``."""
    if _FTS_SYNTAX.search(topic):
        return "query"
    words = topic.split()
    if all(w[:1].isupper() for w in words) or _known_entity(store, topic):
        return "entity"
    return "keyword"


def follow(store, topic: str, kind: str | None = None) -> dict:
    """Follow ``topic`` (``kind``: entity | keyword | query, else guessed); following it again keeps one
    row and updates its kind when one is given. ``{"id", "query", "kind", "created_at", "new"}``."""
    text = normalise(topic)
    if kind is not None and kind not in KINDS:
        raise BadOption(f"topic kind must be one of {', '.join(KINDS)}, not {kind!r}", source="--kind")
    existing = _find(store, text)
    with store.transaction() as db:
        if existing is not None:
            if kind and kind != existing["kind"]:
                db.execute("UPDATE topics SET kind = ? WHERE id = ?", (kind, existing["id"]))
            row_id, new = existing["id"], False
        else:
            row_id = db.insert("INSERT INTO topics (query, kind, created_at) VALUES (?, ?, ?)",
                               (text, kind or guess_kind(store, text), now()))
            new = True
    return {**_topic(store.execute("SELECT * FROM topics WHERE id = ?", (row_id,)).fetchone()), "new": new}


def unfollow(store, topic: str) -> bool:
    """Stop following ``topic`` (case does not matter); False when it was not followed."""
    existing = _find(store, normalise(topic))
    if existing is None:
        return False
    with store.transaction() as db:
        db.execute("DELETE FROM topics WHERE id = ?", (existing["id"],))
    return True


def list_topics(store) -> list[dict]:
    """Every followed topic, oldest first: ``{"id", "query", "kind", "created_at"}``."""
    return [_topic(r) for r in store.execute("SELECT * FROM topics ORDER BY created_at, id")]


def get_topic(store, topic: str) -> dict:
    """The followed topic of that name, else an unfollowed one of the kind ``follow`` would guess."""
    text = normalise(topic)
    found = _find(store, text)
    return _topic(found) if found is not None else {"id": None, "query": text, "kind": guess_kind(store, text),
                                                    "created_at": None}


def matching_articles(store, topic: dict) -> list[int]:
    """Row ids of the stored articles (not duplicates) that ``topic`` matches."""
    query, kind = topic["query"], topic["kind"]
    if kind == "query":
        return [hit["id"] for hit in store.search(query, SEARCH_LIMIT)]
    phrase = '"' + query.replace('"', " ") + '"'
    hits = [hit["id"] for hit in store.search(phrase, SEARCH_LIMIT)]
    if kind == "keyword":
        return hits
    return [row for row in hits if entity_matches(store.analysis(row), query)]


def entity_matches(analysis: dict, name: str) -> bool:
    """Does the analysis have an entity named ``name``, or whose name ends with its words?"""
    want = name.casefold().split()
    for entity in analysis.get("entities") or []:
        have = entity["name"].casefold().split()
        if have == want or (len(want) < len(have) and have[-len(want):] == want):
            return True
    return False


def _known_entity(store, name: str) -> bool:
    phrase = '"' + name.replace('"', " ") + '"'
    return any(entity_matches(store.analysis(hit["id"]), name) for hit in store.search(phrase, 20))


def _find(store, text: str):
    return store.execute("SELECT * FROM topics WHERE lower(query) = lower(?) ORDER BY id LIMIT 1",
                            (text,)).fetchone()


def _topic(row) -> dict:
    return {"id": row["id"], "query": row["query"], "kind": row["kind"], "created_at": row["created_at"]}
