"""Scoring the figures of attacks, as the real-reports set is judged (``tests/events/gold/real/README.md``).

``attack_figures(pairs, negatives)`` scores attack events only: precision, recall and F1 pooled over the figure
fields (``FIGURE_FIELDS``), how many gold attacks get their drones launched exactly, and how many attacks the
extractor invents — in reports (aligned with no gold attack) and in negatives (any attack at all). Alignment and
items are ``newsdesk.events.evaluate``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsdesk.events.evaluate import _gold_events, _round, as_gold, compare, prf
from newsdesk.events.taxonomy import MISSILE_KINDS
from newsdesk.schema import Event

FIGURE_FIELDS = ("date", "launched", "intercepted", "killed", "wounded", "claims")
TALLY_SUBTYPES = ("tally", "period total")  # gold's and the extractor's word for a count over a period


def is_tally(event: dict) -> bool:
    """A total over a month or a week, not one attack."""
    first = (event.get("date") or "").split("/")[0]
    return event.get("subtype") in TALLY_SUBTYPES or len(first) == 7


def launched_of(event: dict, kinds: Iterable[str]) -> int | None:
    """What an attack says was launched of ``kinds`` (its entries summed), None when an entry has no figure."""
    kinds = frozenset(kinds)
    values = [w.get("launched") for w in event.get("weapons") or [] if w.get("kind") in kinds]
    return None if not values or None in values else sum(values)


def drones_launched(event: dict) -> int | None:
    return launched_of(event, ("drone",))


def missiles_launched(event: dict) -> int | None:
    return launched_of(event, MISSILE_KINDS)


def attack_figures(pairs: Iterable[tuple[Sequence[Event | dict], object]], negatives: Sequence[bool] = ()) -> dict:
    """The figures of attacks only (module docstring):

    * ``fields`` and ``figures`` — per field, and pooled over ``FIGURE_FIELDS``, of attack events (tallies
      included);
    * ``drones_launched`` — of the gold attacks (tallies excepted) with a drone figure, how many are aligned with
      a predicted attack whose drones launched sum to the same number;
    * ``invented`` — predicted attacks (tallies excepted) aligned with no gold attack, in reports; and
      ``from_negatives`` — predicted attacks (tallies excepted) in the reports ``negatives`` marks.
    """
    totals = {f: [0, 0, 0] for f in FIGURE_FIELDS}
    drones = {"gold": 0, "exact": 0}
    invented = from_negatives = 0
    pairs = list(pairs)
    negatives = list(negatives) or [False] * len(pairs)
    for (predicted, gold), negative in zip(pairs, negatives, strict=True):
        preds = [e for e in (as_gold(p) for p in predicted) if e["type"] == "attack"]
        golds = [g for g in _gold_events(gold) if g["type"] == "attack"]
        cmp = compare(preds, golds)
        for field in FIGURE_FIELDS:
            c = cmp["fields"][field]
            for k, key in enumerate(("correct", "predicted", "gold")):
                totals[field][k] += c[key]
        partner = {j: i for i, j in cmp["alignment"]}
        for j, g in enumerate(golds):
            if is_tally(g) or (want := drones_launched(g)) is None:
                continue
            drones["gold"] += 1
            drones["exact"] += j in partner and drones_launched(preds[partner[j]]) == want
        aligned = set(partner.values())
        attacks = [i for i, p in enumerate(preds) if not is_tally(p)]
        if negative:
            from_negatives += len(attacks)
        else:
            invented += sum(1 for i in attacks if i not in aligned)
    pooled = [sum(t[k] for t in totals.values()) for k in range(3)]
    return {
        "fields": {f: prf(*t) for f, t in totals.items()},
        "figures": prf(*pooled),
        "drones_launched": {**drones, "share": _round(drones["exact"] / drones["gold"]) if drones["gold"] else None},
        "invented": invented,
        "from_negatives": from_negatives,
    }
