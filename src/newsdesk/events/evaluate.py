"""Scoring extracted events against hand-made gold events (``tests/events/gold``, README there).

Gold events are dicts in the gold-file shape (``GOLD_KEYS``); predictions are ``schema.Event``
records (or dicts already in the gold shape: ``as_gold`` converts an Event).

**Alignment.** Within one article, a predicted event may only be paired with a gold event of the
same ``type``. Every same-type pair gets a similarity (``similarity``: equal date, equal location,
shared weapon kinds, shared launched figures, equal death toll, overlapping evidence); pairs are
taken greedily, most similar first (ties: earlier events first), each event at most once. A
same-type pair with similarity 0 is still paired: the type alone is what "detected" means.

**Fields.** Each field turns an event into a list of items (``items``); scalar fields give at most
one (none when the value is null):

* ``event`` — the type (every event has one): event detection;
* ``date``, ``location``, ``country``, ``actor`` — the value;
* ``launched`` / ``intercepted`` — one ``(kind, number)`` item per weapon entry with that figure;
* ``model`` — one item per weapon entry that names a model;
* ``weapons`` — ``launched`` + ``intercepted`` + ``model`` items together;
* ``weapon_kinds`` — each distinct kind of weapon in the event (counts or not);
* ``killed`` / ``wounded`` — ``(value, qualifier)``: both must agree;
* ``claims`` — each claim ("record").

An item is right when it is matched by an equal item (``same``) of the aligned partner event; the
items of unaligned events are all wrong. Precision = right items / predicted items, recall = right
items / gold items, both summed over every article (micro-average). A ratio over zero items is
``None`` (undefined); F1 is ``None`` only when both are, and 0.0 when one is undefined and the
other is not. ``overall`` pools every field but ``event`` and the ``weapons`` total (its parts
are already in).

Values are compared after light normalisation (``_norm``): case, curly apostrophes, a leading
"the", "oblast" = "region", and for models hyphens and spaces ("Iskander M" = "Iskander-M"). An
actor also matches when one name's words end the other's ("Martyniuk" = "Oleh Martyniuk").
``subtype``, ``target``, ``attributes`` and the weapon ``qualifier`` are not scored.

>>> from newsdesk.schema import Event, Party, Place, EventDate, Weapon
>>> pred = Event(id="v1", type="attack", plover="ASSAULT", summary="Russia fired 40 drones at Kyiv",
...              actor=Party(name="Russia"), location=Place(name="Kyiv", country="Ukraine"),
...              date=EventDate(value="2025-07-04", granularity="day"),
...              weapons=[Weapon(kind="drone", launched=40, intercepted=30)])
>>> gold = [{"type": "attack", "actor": "Russia", "location": "Kyiv", "country": "Ukraine", "date": "2025-07-04",
...          "weapons": [{"kind": "drone", "model": None, "launched": 40, "intercepted": 35}],
...          "killed": {"value": 2, "qualifier": "exact"}, "wounded": None, "claims": []}]
>>> s = score([([pred], gold)])
>>> s["fields"]["event"]["f1"], s["fields"]["launched"]["f1"], s["fields"]["intercepted"]["f1"]
(1.0, 1.0, 0.0)
>>> s["fields"]["killed"]["precision"], s["fields"]["killed"]["recall"]
(None, 0.0)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from newsdesk.schema import Event

TYPES = ("attack", "diplomacy", "prisoner_exchange", "aid", "territorial_claim", "protected_site_damage")
# the gold vocabulary: the extractor's (events/taxonomy.py) plus "air defence system", for aid
WEAPON_KINDS = (
    "drone",
    "cruise missile",
    "ballistic missile",
    "missile",
    "guided bomb",
    "rocket",
    "artillery",
    "aircraft",
    "mixed",
    "air defence system",
)
CLAIMS = ("record", "bounded_record")  # bounded: "largest in almost a year", its bound in attributes
QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "less_than", "about", "up_to")
GOLD_KEYS = (
    "type", "subtype", "actor", "target", "location", "country", "date", "weapons", "killed", "wounded", "claims",
    "evidence",
)
OPTIONAL_KEYS = ("attributes",)
WEAPON_KEYS = ("kind", "model", "launched", "intercepted")
WEAPON_OPTIONAL_KEYS = ("qualifier", "lost")  # real-reports set only: launched's qualifier; lost apart from shot down
REAL_KINDS = ("report", "negative")
FIELDS = (
    "event", "date", "location", "country", "actor", "weapon_kinds", "launched", "intercepted", "model", "weapons",
    "killed", "wounded", "claims",
)
_NOT_POOLED = ("event", "weapons")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?")


# ---- predictions in the gold shape ----------------------------------------------------------------


def _number(value):
    """40.0 → 40 (gold numbers are ints); None and non-integral values pass through."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def as_gold(event: Event | dict) -> dict:
    """A predicted event in the gold-file shape (a dict passes through unchanged)."""
    if isinstance(event, dict):
        return event
    cas = event.casualties

    def count(c):
        return None if c is None else {"value": _number(c.value), "qualifier": c.qualifier}

    return {
        "type": event.type,
        "subtype": event.subtype,
        "actor": event.actor.name if event.actor else None,
        "target": event.target.name if event.target else None,
        "location": event.location.name if event.location else None,
        "country": event.location.country if event.location else None,
        "date": event.date.value if event.date else None,
        "weapons": [
            {"kind": w.kind, "model": w.model, "launched": w.launched, "intercepted": w.intercepted}
            for w in event.weapons
        ],
        "killed": count(cas.killed) if cas else None,
        "wounded": count(cas.wounded) if cas else None,
        "claims": list(event.claims),
        "evidence": [event.summary] if event.summary else [],
        "attributes": dict(event.attributes),
    }


# ---- items and their comparison -------------------------------------------------------------------


def _norm(text: str | None) -> str | None:
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").strip(" .,;:'\"")
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"\boblast\b", "region", text)
    return re.sub(r"\s+", " ", text)


def _norm_model(text: str) -> str:
    return re.sub(r"[\s\-‐‑–—_]", "", unicodedata.normalize("NFKC", text).casefold())


def items(event: dict, field: str) -> list:
    """The items ``field`` makes of one gold-shaped event (module docstring)."""
    weapons = event.get("weapons") or []
    if field == "event":
        return [event["type"]]
    if field in ("date", "location", "country", "actor"):
        value = event.get(field)
        return [] if value is None else [value]
    if field == "weapon_kinds":
        return sorted({_norm(w["kind"]) for w in weapons})
    if field in ("launched", "intercepted"):
        return [(field, _norm(w["kind"]), w[field]) for w in weapons if w.get(field) is not None]
    if field == "model":
        return [("model", _norm_model(w["model"])) for w in weapons if w.get("model")]
    if field == "weapons":
        return items(event, "launched") + items(event, "intercepted") + items(event, "model")
    if field in ("killed", "wounded"):
        value = event.get(field)
        if value is None or value.get("value") is None:
            return []
        return [(float(value["value"]), value.get("qualifier", "exact"))]
    if field == "claims":
        return [_norm(c) for c in event.get("claims") or []]
    raise ValueError(f"unknown field {field!r}; known: {', '.join(FIELDS)}")


def _same_name(a: str, b: str) -> bool:
    """Equal names, or one's words end the other's ("Martyniuk" / "Oleh Martyniuk")."""
    wa, wb = _norm(a).split(), _norm(b).split()
    short, long_ = sorted((wa, wb), key=len)
    return bool(short) and long_[len(long_) - len(short):] == short


def same(field: str, predicted, gold) -> bool:
    """Whether a predicted item equals a gold item of ``field``."""
    if field == "actor":
        return _same_name(predicted, gold)
    if field in ("location", "country"):
        return _norm(predicted) == _norm(gold)
    return predicted == gold


def _matched(field: str, predicted: list, gold: list) -> int:
    """How many items pair off, each used once (greedy in order; items are short lists)."""
    free = list(gold)
    n = 0
    for p in predicted:
        for i, g in enumerate(free):
            if same(field, p, g):
                del free[i]
                n += 1
                break
    return n


# ---- alignment --------------------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", _norm(text) or ""))


def _evidence_overlaps(predicted: dict, gold: dict) -> bool:
    for p in predicted.get("evidence") or []:
        for g in gold.get("evidence") or []:
            np_, ng = _norm(p), _norm(g)
            if np_ in ng or ng in np_:
                return True
            wp, wg = _words(p), _words(g)
            if wp and wg and len(wp & wg) / min(len(wp), len(wg)) >= 0.6:
                return True
    return False


def similarity(predicted: dict, gold: dict) -> float:
    """How alike two events of the same type are (used only to choose among same-type pairs)."""
    sim = 0.0
    if predicted.get("date") and predicted.get("date") == gold.get("date"):
        sim += 3
    if predicted.get("location") and gold.get("location") and same("location", predicted["location"],
                                                                   gold["location"]):
        sim += 3
    kp, kg = set(items(predicted, "weapon_kinds")), set(items(gold, "weapon_kinds"))
    if kp | kg:
        sim += len(kp & kg) / len(kp | kg)
    lp = {w.get("launched") for w in predicted.get("weapons") or []} - {None}
    lg = {w.get("launched") for w in gold.get("weapons") or []} - {None}
    if lp & lg:
        sim += 2
    if items(predicted, "killed") and items(predicted, "killed") == items(gold, "killed"):
        sim += 1
    if _evidence_overlaps(predicted, gold):
        sim += 2
    return sim


def align(predicted: Sequence[dict], gold: Sequence[dict]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index), same type only, most similar first, each event once."""
    candidates = [
        (-similarity(p, g), i, j)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if p["type"] == g["type"]
    ]
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _neg, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


# ---- scoring ----------------------------------------------------------------------------------------


def _gold_events(gold) -> list[dict]:
    return gold["events"] if isinstance(gold, dict) else list(gold)


def compare(predicted: Sequence[Event | dict], gold) -> dict:
    """One article: the alignment and, per field, the predicted and gold items and how many are right.

    ``gold`` is a list of gold events or a whole gold file (``{"published", "events"}``).
    """
    preds = [as_gold(e) for e in predicted]
    golds = _gold_events(gold)
    pairs = align(preds, golds)
    partner = dict(pairs)
    fields = {}
    for field in FIELDS:
        pred_items = [items(p, field) for p in preds]
        gold_items = [items(g, field) for g in golds]
        correct = sum(_matched(field, pred_items[i], gold_items[j]) for i, j in partner.items())
        fields[field] = {
            "predicted": sum(len(x) for x in pred_items),
            "gold": sum(len(x) for x in gold_items),
            "correct": correct,
            "pairs": [(i, j, pred_items[i], gold_items[j]) for i, j in pairs],
            "unaligned_predicted": [pred_items[i] for i in range(len(preds)) if i not in partner],
            "unaligned_gold": [gold_items[j] for j in range(len(golds)) if j not in set(partner.values())],
        }
    return {"predicted": preds, "gold": golds, "alignment": pairs, "fields": fields}


def prf(correct: int, predicted: int, gold: int) -> dict:
    """Precision, recall and F1 (``None`` where undefined: module docstring).

    >>> prf(2, 4, 2)["f1"], prf(0, 0, 0)["f1"], prf(0, 0, 3)["f1"]
    (0.6667, None, 0.0)
    """
    p = correct / predicted if predicted else None
    r = correct / gold if gold else None
    if p is None and r is None:
        f = None
    elif not p or not r:
        f = 0.0
    else:
        f = 2 * p * r / (p + r)
    return {"predicted": predicted, "gold": gold, "correct": correct,
            "precision": _round(p), "recall": _round(r), "f1": _round(f)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def score(pairs: Iterable[tuple[Sequence[Event | dict], object]]) -> dict:
    """Per-field precision, recall and F1 over articles given as (predicted events, gold events)."""
    totals = {f: [0, 0, 0] for f in FIELDS}
    articles = 0
    aligned = 0
    for predicted, gold in pairs:
        articles += 1
        cmp = compare(predicted, gold)
        aligned += len(cmp["alignment"])
        for field, c in cmp["fields"].items():
            t = totals[field]
            t[0] += c["correct"]
            t[1] += c["predicted"]
            t[2] += c["gold"]
    fields = {f: prf(*t) for f, t in totals.items()}
    pooled = [sum(totals[f][k] for f in FIELDS if f not in _NOT_POOLED) for k in range(3)]
    return {
        "articles": articles,
        "events": {"predicted": totals["event"][1], "gold": totals["event"][2], "aligned": aligned},
        "fields": fields,
        "overall": prf(*pooled),
    }
