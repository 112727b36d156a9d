"""Tallies and records across the desk's events.

- ``tally(store, what="attacks", by="month", weapon=None, since=None, until=None, reference=None)`` — a row a
  period (day, ISO week or month) with the number of attacks and the launched and intercepted figures per weapon
  kind. Each attack is a desk event (``newsdesk.desk.events``), counted once however many articles told it, with
  its merged figures. Period totals ("6,297 drones in July") are listed apart, never added to the nights.
  With ``reference`` (the Kaggle missile-attack CSV, read by ``newsdesk.events.reference``) the reference's
  nights are aggregated the same way beside ours, with the difference.
- ``records(store, as_of=None)`` — the largest attacks so far by total launched, by drones and by missiles,
  each with its date and sources, and the succession of records up to ``as_of``.

docs/desk.md, "Events across articles, tallies and records", describes both.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from newsdesk.desk.event_keys import ATTACK, KINDS, PERIOD_TOTAL, TOTAL_KINDS, kind_rank, tally_kind
from newsdesk.desk.events import day_filter, event_dict, parse_day
from newsdesk.errors import BadOption

PERIODS = ("day", "week", "month")
WHATS = ("attacks",)
#: The attacker and attacked state of the reference CSV: beside it, only attacks in its scope are compared.
REFERENCE_SCOPE = ("russia", "ukraine")
_WEAPON_WORDS = {"drones": "drone", "uav": "drone", "uavs": "drone", "missiles": "missile",
                 "guided bombs": "guided bomb", "bombs": "guided bomb", "bomb": "guided bomb", "kab": "guided bomb",
                 "rockets": "rocket", "shells": "artillery"}


def check_weapon(weapon: str | None) -> str | None:
    """A ``--weapon`` value as a tally kind (drone, missile, guided bomb …); BadOption for anything else."""
    if weapon is None:
        return None
    text = " ".join(weapon.split()).casefold()
    kind = _WEAPON_WORDS.get(text) or tally_kind(text)
    if kind not in KINDS:
        raise BadOption(f"unknown weapon {weapon!r} (one of: {', '.join(KINDS)})", source="--weapon")
    return kind


def check_by(by: str) -> str:
    if by not in PERIODS:
        raise BadOption(f"cannot tally by {by!r} (one of: {', '.join(PERIODS)})", source="--by")
    return by


def check_what(what: str) -> str:
    if what not in WHATS:
        raise BadOption(f"cannot tally {what!r} (one of: {', '.join(WHATS)})", source="--what")
    return what


def check_range(since, until) -> tuple[date | None, date | None]:
    start = parse_day(since, "--from")
    end = parse_day(until, "--to", end=True)
    if start and end and start > end:
        raise BadOption(f"--from {start} is after --to {end}", source="--from")
    return start, end


def period_of(day: date, by: str) -> str:
    """The period a night belongs to: ``2025-07-04``, ``2025-W27`` (ISO week) or ``2025-07``."""
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.strftime("%Y-%m")


def periods_between(first: date, last: date, by: str) -> list[str]:
    """Every period from ``first``'s to ``last``'s, in order (empty ones too, so a chart has no gaps)."""
    out: list[str] = []
    day = first
    step = timedelta(days=1 if by == "day" else 7 if by == "week" else 28)
    while day <= last:
        key = period_of(day, by)
        if not out or out[-1] != key:
            out.append(key)
        day += step
    end = period_of(last, by)
    if not out or out[-1] != end:
        out.append(end)
    return out


def _attacks(store, start: date | None, end: date | None) -> list[dict]:
    """The desk's attacks dated to a night (not period totals), oldest first."""
    where, params = day_filter(start, end)
    rows = store.execute(
        f"SELECT * FROM events WHERE type = ? AND granularity = 'day' AND coalesce(subtype, '') != ? "
        f"AND day IS NOT NULL AND {where} ORDER BY day, id", (ATTACK, PERIOD_TOTAL, *params)).fetchall()
    return [event_dict(row) for row in rows]


def _figure(event: dict, kind: str, field: str) -> int | None:
    merged = (event.get("kinds") or {}).get(kind, {}).get(field)
    return merged["value"] if merged else None


def in_reference_scope(event: dict) -> bool:
    """Whether an attack is one the reference counts: by Russia (or unknown) on Ukraine (or unknown)."""
    actor = (event.get("actor") or "").casefold() or None
    attacked = (event.get("target") or event.get("country") or "").casefold() or None
    return actor in (None, REFERENCE_SCOPE[0]) and attacked in (None, REFERENCE_SCOPE[1])


def _plus(total: int | None, value: int | None) -> int | None:
    """A sum where unknown stays unknown until one figure is known (no article said how many were shot down)."""
    if value is None:
        return total
    return (total or 0) + value


def _minus(ours: int | None, theirs: int) -> int | None:
    return None if ours is None else ours - theirs


def _empty_row(period: str, kinds: list[str]) -> dict:
    return {"period": period, "attacks": 0, "launched": dict.fromkeys(kinds, 0),
            "intercepted": dict.fromkeys(kinds), "total": {"launched": 0, "intercepted": None},
            "without_figures": 0, "events": []}


def tally(store, what: str = "attacks", by: str = "month", weapon: str | None = None,
          since: str | date | None = None, until: str | date | None = None, reference=None,
          categories: str | Path | None = None, actor: str | None = None) -> dict:
    """Attacks per period with launched/intercepted per weapon kind; see the module doc.

    ``reference``: a path to the reference CSV or a loaded ``Reference``; beside it only attacks in its scope
    (Russia's on Ukraine, or unknown) are counted unless ``actor`` says whose. ``categories``: the CSV that
    overrides the reference's weapon kinds.
    """
    check_what(what)
    check_by(by)
    kind_filter = check_weapon(weapon)
    start, end = check_range(since, until)
    ref = _load_reference(reference, categories)
    notes: list[str] = []
    events = _attacks(store, start, end)
    if actor:
        events = [e for e in events if (e.get("actor") or "").casefold() == actor.casefold()]
    elif ref is not None:
        outside = [e for e in events if not in_reference_scope(e)]
        if outside:
            notes.append(f"{len(outside)} attack(s) by others than Russia or on others than Ukraine left out: "
                         "the reference counts Russia's attacks on Ukraine")
        events = [e for e in events if in_reference_scope(e)]
    if kind_filter:
        events = [e for e in events if kind_filter in (e.get("kinds") or {})]
    if kind_filter:
        kinds = [kind_filter]
    else:
        present = {k for e in events for k in (e.get("kinds") or {})}
        kinds = sorted(present | set(TOTAL_KINDS[:2]), key=kind_rank)

    nights = _reference_nights(ref, kind_filter) if ref is not None else {}
    first = start or min([date.fromisoformat(e["day"]) for e in events], default=None)
    last = end or max([date.fromisoformat(e["day"]) for e in events], default=None)
    if ref is not None and (first is None or last is None):
        first = first or min(nights, default=None)
        last = last or max(nights, default=None)
    periods = periods_between(first, last, by) if first and last else []
    rows = {p: _empty_row(p, kinds) for p in periods}
    for event in events:
        key = period_of(date.fromisoformat(event["day"]), by)
        row = rows.setdefault(key, _empty_row(key, kinds))
        row["attacks"] += 1
        row["events"].append(event["id"])
        figured = False
        for kind in kinds:
            for field in ("launched", "intercepted"):
                value = _figure(event, kind, field)
                if value is not None:
                    row[field][kind] = _plus(row[field][kind], value)
                    figured = figured or field == "launched"
        if not figured:
            row["without_figures"] += 1
        for field in ("launched", "intercepted"):
            value = _figure(event, kind_filter, field) if kind_filter else (event.get("total") or {}).get(field)
            row["total"][field] = _plus(row["total"][field], value)

    if ref is not None:
        if not start and not end and events:
            notes.append(f"reference cut to the desk's span: {first} to {last}")
        for row in rows.values():
            row["reference"] = _empty_reference(kinds)
        for day, night in nights.items():
            if first <= day <= last:
                key = period_of(day, by)
                if key not in rows:
                    continue
                _add_night(rows[key]["reference"], night)
        for row in rows.values():
            _difference(row, kinds)

    ordered = [rows[p] for p in sorted(rows)]
    totals = _empty_row("total", kinds)
    del totals["period"], totals["events"]
    for row in ordered:
        totals["attacks"] += row["attacks"]
        totals["without_figures"] += row["without_figures"]
        for field in ("launched", "intercepted"):
            for kind in kinds:
                totals[field][kind] = _plus(totals[field][kind], row[field][kind])
            totals["total"][field] = _plus(totals["total"][field], row["total"][field])
    if ref is not None:
        totals["reference"] = _empty_reference(kinds)
        for row in ordered:
            _add_reference(totals["reference"], row["reference"])
        _difference(totals, kinds)
    return {
        "what": what, "by": by, "weapon": kind_filter, "actor": actor,
        "from": start.isoformat() if start else None, "to": end.isoformat() if end else None,
        "kinds": kinds,
        "total_kinds": [kind_filter] if kind_filter else list(TOTAL_KINDS),
        "rows": ordered,
        "totals": totals,
        "period_totals": _period_totals(store, start, end, kind_filter),
        "reference": ref.summary() if ref is not None else None,
        "notes": notes,
        "rule": "each attack counted once (a desk event), with its merged figures; period totals listed apart",
    }


# ---- the reference beside -------------------------------------------------------------------------------


def _load_reference(reference, categories):
    if reference is None:
        return None
    if isinstance(reference, str | Path):
        from newsdesk.events.reference import load_reference

        return load_reference(reference, categories=categories)
    return reference


def _reference_nights(ref, kind_filter: str | None) -> dict[date, dict]:
    """The reference's nights as tally figures: launched and destroyed per tally kind (strike drones, every
    missile, guided bombs; reconnaissance drones and unknown models left out, as in its attack totals)."""
    out = {}
    for day, night in ref.nights.items():
        launched: dict[str, int] = {}
        destroyed: dict[str, int] = {}
        for kind, figures in night.kinds.items():
            column = tally_kind(kind)
            if column not in TOTAL_KINDS:
                continue
            launched[column] = launched.get(column, 0) + figures.launched
            destroyed[column] = destroyed.get(column, 0) + figures.destroyed
        if kind_filter:
            if not launched.get(kind_filter):
                continue
            launched = {kind_filter: launched[kind_filter]}
            destroyed = {kind_filter: destroyed.get(kind_filter, 0)}
        if sum(launched.values()):
            out[day] = {"launched": launched, "intercepted": destroyed}
    return out


def _empty_reference(kinds: list[str]) -> dict:
    return {"nights": 0, "launched": dict.fromkeys(kinds, 0), "intercepted": dict.fromkeys(kinds, 0),
            "total": {"launched": 0, "intercepted": 0}}


def _add_night(target: dict, night: dict) -> None:
    target["nights"] += 1
    for field in ("launched", "intercepted"):
        for kind, value in night[field].items():
            if kind in target[field]:
                target[field][kind] += value
            target["total"][field] += value


def _add_reference(target: dict, other: dict) -> None:
    target["nights"] += other["nights"]
    for field in ("launched", "intercepted"):
        for kind, value in other[field].items():
            target[field][kind] += value
        target["total"][field] += other["total"][field]


def _difference(row: dict, kinds: list[str]) -> None:
    """Ours minus the reference's, per kind, for attacks (nights) and the totals."""
    ref = row["reference"]
    row["difference"] = {
        "attacks": row["attacks"] - ref["nights"],
        "launched": {k: row["launched"][k] - ref["launched"][k] for k in kinds},
        "intercepted": {k: _minus(row["intercepted"][k], ref["intercepted"][k]) for k in kinds},
        "total": {f: _minus(row["total"][f], ref["total"][f]) for f in ("launched", "intercepted")},
    }


def _period_totals(store, start: date | None, end: date | None, kind_filter: str | None) -> list[dict]:
    """The counts over a month the articles give ("6,297 drones in July"), apart from the nights."""
    where, params = day_filter(start, end)
    rows = store.execute(
        f"SELECT * FROM events WHERE type = ? AND subtype = ? AND day IS NOT NULL AND {where} ORDER BY day, id",
        (ATTACK, PERIOD_TOTAL, *params)).fetchall()
    out = []
    for row in rows:
        event = event_dict(row)
        launched = {k: v["launched"]["value"] for k, v in (event.get("kinds") or {}).items() if v.get("launched")}
        if kind_filter and kind_filter not in launched:
            continue
        out.append({"id": event["id"], "period": event["day"], "launched": launched,
                    "claims": event.get("claims") or [], "sources": event.get("source_count", 0),
                    "summary": event.get("summary")})
    return out


# ---- records ---------------------------------------------------------------------------------------------

MEASURES = (
    ("total", "attack total (drones + missiles + guided bombs)"),
    ("drone", "drones"),
    ("missile", "missiles"),
)


def _measure(event: dict, measure: str) -> int | None:
    if measure == "total":
        return (event.get("total") or {}).get("launched")
    return _figure(event, measure, "launched")


def records(store, as_of: str | date | None = None, limit: int = 5) -> list[dict]:
    """The largest attacks on the nights up to ``as_of`` (default: all): one entry per measure (attack total,
    drones, missiles), each with its ``top`` attacks (date, value, spread, sources) and the ``progression`` of
    records — each attack that beat every one before it."""
    cutoff = parse_day(as_of, "--as-of", end=True)
    events = _attacks(store, None, cutoff)
    out = []
    for measure, label in MEASURES:
        scored = [(value, e) for e in events if (value := _measure(e, measure)) is not None and value > 0]
        top = sorted(scored, key=lambda ve: (-ve[0], ve[1]["day"], ve[1]["id"]))[: max(int(limit), 0)]
        progression, best = [], None
        for value, event in scored:  # oldest first
            if best is None or value > best:
                progression.append({"day": event["day"], "event": event["id"], "value": value, "previous": best})
                best = value
        out.append({
            "measure": measure, "label": label, "as_of": cutoff.isoformat() if cutoff else None,
            "top": [_record_entry(rank, value, event, measure) for rank, (value, event) in enumerate(top, 1)],
            "progression": progression,
        })
    return out


def _record_entry(rank: int, value: int, event: dict, measure: str) -> dict:
    if measure == "total":
        spread = {"min": event["total"].get("min"), "max": event["total"].get("max")}
    else:
        merged = event["kinds"][measure]["launched"]
        spread = {"min": merged["min"], "max": merged["max"]}
    return {
        "rank": rank, "event": event["id"], "day": event["day"], "value": value, **spread,
        "actor": event.get("actor"), "target": event.get("target"), "location": event.get("location"),
        "claims": event.get("claims") or [], "source_count": event.get("source_count", 0),
        "sources": [{k: s.get(k) for k in ("article", "publisher", "headline", "published", "url", "launched")}
                    for s in event.get("sources") or []],
    }
