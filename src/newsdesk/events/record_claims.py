"""Record claims ("the largest attack of the war", "a record number of drones in June") judged against
the missile-attack reference: ``holds`` / ``does_not_hold`` / ``cannot_tell``, with the value and the
largest earlier night (or month). docs/events.md, "Record claims", says how.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from newsdesk.events.claims import (
    _KIND_WORDS,
    _article_total,
    _kinds_of,
    event_month,
    find_night,
    in_scope,
)
from newsdesk.events.reference import ATTACK_KINDS, DRONE_KINDS, MISSILE_KINDS, Reference
from newsdesk.schema import Event


def claim_kinds(event: Event) -> tuple[str, frozenset[str]]:
    """What a record claim counts: ``("drones", …)``, ``("missiles", …)`` or ``("drones and missiles", …)``.

    From the words of the claim itself when the extractor kept them (``attributes["record_of"]``: "a record
    6,415 drones"), else from the event's weapons when they are all drones or all missiles, else from the
    words of its summary ("a record number of drones"), else everything an attack total counts.
    """
    said = event.attributes.get("record_of")
    if said == "drones":
        return "drones", DRONE_KINDS
    if said == "missiles":
        return "missiles", MISSILE_KINDS
    kinds = [k for w in event.weapons if (k := _kinds_of(w.kind))]
    if kinds and all(k <= DRONE_KINDS for k in kinds):
        return "drones", DRONE_KINDS
    if kinds and all(k <= MISSILE_KINDS for k in kinds):
        return "missiles", MISSILE_KINDS
    if not kinds:
        named = [label for label, pattern in _KIND_WORDS if pattern.search(event.summary)]
        if named == ["drones"]:
            return "drones", DRONE_KINDS
        if named == ["missiles"]:
            return "missiles", MISSILE_KINDS
    return "drones and missiles", ATTACK_KINDS


def _months(ref: Reference, kinds: frozenset[str]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for day, night in ref.nights.items():
        key = day.strftime("%Y-%m")
        totals[key] = totals.get(key, 0) + night.launched(kinds)
    return totals


def _previous_max(items: Iterable[tuple[str, int]]) -> dict | None:
    """The largest value and the first period that reached it, among (period, value) in time order."""
    best: tuple[str, int] | None = None
    for period, value in items:
        if best is None or value > best[1]:
            best = (period, value)
    return {"value": best[1], "date": best[0]} if best else None


def check_claim(event: Event, ref: Reference) -> dict:
    """One record claim: ``{"text", "verdict", "value", "previous_max", ...}``."""
    label, kinds = claim_kinds(event)
    month = event_month(event)
    said = _article_total(event.weapons, kinds)
    out: dict = {"event": event.id, "text": event.summary, "claim": "record", "kinds": label,
                 "scope": "month" if month else "night", "period": month, "verdict": "cannot_tell",
                 "value": None, "article_value": said, "previous_max": None, "reason": None}
    if month:
        totals = _months(ref, kinds)
        if month not in totals:
            out["reason"] = f"the reference has no night in {month}"
            return out
        out["value"] = totals[month]
        out["previous_max"] = _previous_max((m, v) for m, v in sorted(totals.items()) if m < month)
        complete = ref.last is not None and (ref.last + timedelta(days=1)).strftime("%Y-%m") != month
        return _verdict(out, f"the reference ends on {ref.last} and {month} is not complete" if not complete else None)
    night, how = find_night(event, ref, kinds)
    if night is None:
        out["reason"] = how
        return out
    out["period"] = night.date.isoformat()
    out["value"] = night.launched(kinds)
    out["previous_max"] = _previous_max(
        (d.isoformat(), n.launched(kinds)) for d, n in sorted(ref.nights.items()) if d < night.date)
    return _verdict(out, None, how if how != "same night" else None)


def _verdict(out: dict, incomplete: str | None, how: str | None = None) -> dict:
    """holds when the value beats every earlier period; does_not_hold when one matched or beat it."""
    previous = out["previous_max"]
    notes = [how] if how else []
    if previous is None:
        out["reason"] = "; ".join(notes + ["the reference has nothing before it to compare with"])
        return out
    if out["value"] > previous["value"]:
        out["verdict"] = "holds"
        notes.append(f"{out['value']} > {previous['value']} on {previous['date']}")
    elif incomplete:
        notes.append(incomplete)
    else:
        out["verdict"] = "does_not_hold"
        notes.append(f"{previous['date']} had {previous['value']}, at least {out['value']}")
    if out["article_value"] is not None and out["article_value"] != out["value"]:
        notes.append(f"the article says {out['article_value']}, the reference {out['value']}")
    out["reason"] = "; ".join(notes)
    return out


def check_claims(events: list[Event], ref: Reference) -> list[dict]:
    """Every record claim of the article's attacks, judged against the reference."""
    return [check_claim(e, ref) for e in events if e.type == "attack" and "record" in e.claims and in_scope(e)]
