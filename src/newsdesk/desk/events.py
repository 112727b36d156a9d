"""Events across articles: the same happening told by several articles is one desk event.

``attach_events(store, article, analysis)`` runs inside the ingest transaction for each stored (non-duplicate)
article. Each of the article's events is tied to a desk event (an ``events`` row) through an ``event_reports``
row holding that article's own Event JSON; the desk event's ``data`` is then recomputed from all its reports:
its sources, per weapon kind (and model) the figure each source gave, the value used and the spread, the
casualties, the claims (``newsdesk.desk.event_merge``). ``list_events(store, ...)`` lists desk events with
their sources.

How reports join a desk event (docs/desk.md, "Events across articles, tallies and records"):

- **Attacks** dated to a day (or a time, or a night's range) join the desk attack of the same **night** (the
  night named by the morning it ends, the reference's noon rule) whose attacker, attacked state and country are
  compatible: unknown is compatible with anything, two different known names are not. A night's attack on a
  country is one event whichever cities each outlet names; the places named are listed in ``data.locations``.
- **Period totals** (subtype "period total", dated to a month: "6,297 drones in July") are desk events of their
  own, keyed by the month; they are never summed into the tallies of nights.
- **Other events** (diplomacy, aid, prisoner exchanges, territorial claims, damaged protected sites) are keyed
  by type + day + parties: diplomacy and exchanges by the set of parties in either role ("Zelensky spoke to
  Trump" and "Trump held a call" are one call), aid by actor and target, territorial claims also by the place
  taken, protected sites also by the site (subtype) and place. An event without a date of its own is dated by
  the article's publication day; an *attack* without a date is not attached (it cannot be placed on a night).

The value used for a figure is the one most sources give; when no value is given by more sources than every
other, the lower median (always a figure some source gave). Killed and wounded use the largest figure (tolls
only rise; later reports carry them). Every merged figure keeps ``min``, ``max`` and each source's value.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from newsdesk.desk.event_keys import (
    ATTACK,
    PERIOD_TOTAL,
    UNORDERED_TYPES,
    compatible,
    party_keys,
    party_name,
)
from newsdesk.desk.event_merge import recompute
from newsdesk.errors import BadOption
from newsdesk.events.reference import night_of

# ---- dates -----------------------------------------------------------------------------------------------

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def parse_day(value: str | date | None, option: str = "--from", *, end: bool = False) -> date | None:
    """A date option: YYYY-MM-DD, or YYYY-MM (its first day, or its last with ``end``); a bad one is BadOption."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if _DAY.match(text):
            return date.fromisoformat(text)
        if _MONTH.match(text):
            year, month = int(text[:4]), int(text[5:])
            first = date(year, month, 1)
            if not end:
                return first
            following = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
    except ValueError:
        pass
    raise BadOption(f"not a date: {text!r} (expected YYYY-MM-DD or YYYY-MM)", source=option)


def event_day(event: dict, published: str | None = None) -> tuple[str | None, str | None]:
    """``(day, granularity)`` a desk event is keyed by: a night (YYYY-MM-DD) for a dated attack, a month for a
    period total, the date's day for other events (else the article's publication day); ``(None, None)`` when
    the event cannot be placed."""
    when = event.get("date") or {}
    value, granularity = when.get("value"), when.get("granularity")
    attack = event.get("type") == ATTACK
    if value:
        if granularity == "range" and "/" in value:
            value, granularity = value.split("/")[-1], "day"
        if granularity == "month" and _MONTH.match(value[:7]):
            return value[:7], "month"
        if granularity in ("week", "year"):
            return value, granularity
        if granularity in ("day", "time", "range") and _DAY.match(value[:10]):
            if not attack:
                return value[:10], "day"
            night = night_of(value.replace("T", " ")[:16] if granularity == "time" else value[:10])
            if night is not None:
                return night.isoformat(), "day"
    if attack or event.get("subtype") == PERIOD_TOTAL:
        return None, None
    if published and _DAY.match(published[:10]):
        return published[:10], "day"
    return None, None


def is_period_total(event: dict, granularity: str | None) -> bool:
    return event.get("type") == ATTACK and (event.get("subtype") == PERIOD_TOTAL or granularity != "day")


# ---- attaching an article's events -----------------------------------------------------------------------


def _match_score(event: dict, row: Any) -> int | None:
    """How well an article's event fits a desk event of the same type and day: None when incompatible, else the
    number of known fields that agree."""
    actor, target = party_name(event.get("actor")), party_name(event.get("target"))
    place = event.get("location") or {}
    location, country = party_name(place), party_name(place, "country")
    kind = event.get("type")
    if kind in UNORDERED_TYPES:
        mine = party_keys(actor, target)
        theirs = set(json.loads(row["data"]).get("parties") or []) or party_keys(row["actor"], row["target"])
        if mine and theirs and not (mine <= theirs or theirs <= mine):
            return None
        return len(mine & theirs)
    pairs = [(actor, row["actor"]), (target, row["target"]), (country, row["country"])]
    if kind == "territorial_claim":
        pairs.append((location, row["location"]))
    if kind == "protected_site_damage":
        pairs += [(location, row["location"]), (event.get("subtype"), row["subtype"])]
    if any(not compatible(a, b) for a, b in pairs):
        return None
    return sum(1 for a, b in pairs if a and b)


def attach_events(store, article: int, analysis: dict) -> None:
    """Inside the ingest transaction: tie each event of the article (row id ``article``) to its desk event,
    creating desk events as needed, and recompute the figures of every desk event touched."""

    db = store
    published = (analysis.get("article") or {}).get("published")
    for event in analysis.get("events") or []:
        kind, local_id = event.get("type"), event.get("id")
        if not kind or not local_id:
            continue
        day, granularity = event_day(event, published)
        if day is None:
            continue
        period = is_period_total(event, granularity)
        subtype = PERIOD_TOTAL if period else event.get("subtype")
        rows = db.execute(
            "SELECT * FROM events WHERE type = ? AND day = ? AND (coalesce(subtype, '') = ?) = ?",
            (kind, day, PERIOD_TOTAL, period)).fetchall()
        best: tuple[tuple, int] | None = None
        for row in rows:
            score = _match_score(event, row)
            if score is None:
                continue
            sources = db.execute("SELECT count(DISTINCT article_id) FROM event_reports WHERE event_id = ?",
                                 (row["id"],)).fetchone()[0]
            rank = (score, sources, -row["id"])
            if best is None or rank > best[0]:
                best = (rank, row["id"])
        if best is not None:
            event_id = best[1]
        else:
            event_id = db.insert(
                "INSERT INTO events (type, subtype, day, granularity, summary) VALUES (?, ?, ?, ?, ?)",
                (kind, subtype, day, granularity, event.get("summary")))
        previous = db.execute("SELECT event_id FROM event_reports WHERE article_id = ? AND local_id = ?",
                              (article, local_id)).fetchone()
        db.execute("INSERT INTO event_reports (event_id, article_id, local_id, data) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (article_id, local_id) DO UPDATE "
                   "SET event_id = excluded.event_id, data = excluded.data",
                   (event_id, article, local_id, json.dumps(event, ensure_ascii=False)))
        recompute(store, event_id)  # now: the article's next event is matched against up-to-date columns
        if previous is not None and previous[0] != event_id:
            recompute(store, previous[0])


# ---- reading desk events ---------------------------------------------------------------------------------


def event_dict(row: Any) -> dict:
    """A desk event as the API and ``--json`` give it: its columns and its merged ``data``."""
    out = {key: row[key] for key in ("id", "type", "subtype", "day", "granularity", "actor", "target", "location",
                                     "country", "summary")}
    out.update(json.loads(row["data"] or "{}"))
    return out


def day_filter(since: date | None, until: date | None) -> tuple[str, list]:
    """SQL (on ``events.day``) keeping the events whose day, month or year overlaps [since, until]."""
    clauses, params = [], []
    if since is not None:
        clauses.append("day >= substr(?, 1, length(day))")
        params.append(since.isoformat())
    if until is not None:
        clauses.append("day <= substr(?, 1, length(day))")
        params.append(until.isoformat())
    return (" AND ".join(clauses) or "1 = 1"), params


def list_events(store, type: str | None = None, since: str | date | None = None,  # noqa: A002 - the API's word
                until: str | date | None = None, limit: int = 100) -> list[dict]:
    """Desk events, latest day first, each with its sources and merged figures. ``since``/``until``: YYYY-MM-DD
    or YYYY-MM (a period total's month overlapping the range is kept); ``type``: attack, diplomacy …"""
    start = parse_day(since, "--from")
    end = parse_day(until, "--to", end=True)
    if start and end and start > end:
        raise BadOption(f"--from {start} is after --to {end}", source="--from")
    where, params = day_filter(start, end)
    if type:
        where += " AND type = ?"
        params.append(type)
    rows = store.execute(
        f"SELECT * FROM events WHERE day IS NOT NULL AND {where} ORDER BY day DESC, id DESC LIMIT ?",
        (*params, int(limit))).fetchall()
    return [event_dict(row) for row in rows]
