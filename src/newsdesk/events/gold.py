"""Checking a hand-made gold file of events (``tests/events/gold/*.json``) before it is scored.

``validate_gold(data)`` lists every way ``data`` breaks the gold format that ``evaluate.py`` documents
(types, weapon kinds, qualifiers, dates, non-overlapping weapon entries, evidence phrases); empty means valid.
``validate_gold(data, real=True)`` checks a file of the real-reports set (``tests/events/gold/real``): its
url, outlet and kind too, and the weapon keys ``qualifier`` and ``lost`` that set may use.
"""

from __future__ import annotations

import re
from datetime import date as _date

from newsdesk.events.evaluate import (
    _DATE,
    CLAIMS,
    GOLD_KEYS,
    OPTIONAL_KEYS,
    QUALIFIERS,
    REAL_KINDS,
    TYPES,
    WEAPON_KEYS,
    WEAPON_KINDS,
    WEAPON_OPTIONAL_KEYS,
)


def _valid_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    for part in value.split("/"):
        try:
            _date.fromisoformat(part if len(part) == 10 else (part + "-01-01")[:10])
        except ValueError:
            return False
    return True


def validate_gold(data: dict, real: bool = False) -> list[str]:
    """What is wrong with one gold file (empty when nothing): keys, types, vocabularies, dates."""
    errors = []
    if real:
        required, optional = {"url", "outlet", "published", "kind", "events"}, {"via", "text_sha256", "notes"}
        if not required <= set(data) <= required | optional:
            return [f"keys must be {sorted(required)} and optionally {sorted(optional)}, not {sorted(data)}"]
        if not (isinstance(data["url"], str) and re.match(r"https?://\S+$", data["url"])):
            errors.append(f"url {data['url']!r} is not an http(s) address")
        if not (isinstance(data["outlet"], str) and data["outlet"].strip()):
            errors.append("outlet must be a non-empty string")
        if data["kind"] not in REAL_KINDS:
            errors.append(f"kind {data['kind']!r} not in {REAL_KINDS}")
        sha = data.get("text_sha256")
        if sha is not None and not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha)):
            errors.append("text_sha256 must be 64 lower-case hex digits")
    elif set(data) != {"published", "events"}:
        errors.append(f"top-level keys must be published and events, not {sorted(data)}")
        return errors
    if not (isinstance(data["published"], str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["published"])):
        errors.append(f"published {data['published']!r} is not YYYY-MM-DD")
    if not isinstance(data["events"], list):
        return errors + ["events must be a list"]
    for n, ev in enumerate(data["events"]):
        where = f"event {n}"
        missing = set(GOLD_KEYS) - set(ev)
        unknown = set(ev) - set(GOLD_KEYS) - set(OPTIONAL_KEYS)
        if missing or unknown:
            errors.append(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
            continue
        if ev["type"] not in TYPES:
            errors.append(f"{where}: type {ev['type']!r} not in {TYPES}")
        for key in ("subtype", "actor", "target", "location", "country"):
            if ev[key] is not None and not (isinstance(ev[key], str) and ev[key].strip()):
                errors.append(f"{where}: {key} must be a non-empty string or null")
        if ev["date"] is not None and not (isinstance(ev["date"], str) and _valid_date(ev["date"])):
            errors.append(f"{where}: date {ev['date']!r} is not YYYY-MM-DD, YYYY-MM, YYYY or start/end")
        for w in ev["weapons"]:
            allowed = set(WEAPON_KEYS) | (set(WEAPON_OPTIONAL_KEYS) if real else set())
            if not set(WEAPON_KEYS) <= set(w) <= allowed:
                extra = f" (and optionally {WEAPON_OPTIONAL_KEYS})" if real else ""
                errors.append(f"{where}: weapon keys must be {WEAPON_KEYS}{extra}, not {sorted(w)}")
                continue
            if "qualifier" in w and w["qualifier"] not in QUALIFIERS:
                errors.append(f"{where}: weapon qualifier {w['qualifier']!r} not in {QUALIFIERS}")
            if "lost" in w and not (isinstance(w["lost"], int) and w["lost"] >= 0):
                errors.append(f"{where}: weapon lost must be a non-negative int")
            if w["kind"] not in WEAPON_KINDS:
                errors.append(f"{where}: weapon kind {w['kind']!r} not in {WEAPON_KINDS}")
            for key in ("launched", "intercepted"):
                if w[key] is not None and not (isinstance(w[key], int) and w[key] >= 0):
                    errors.append(f"{where}: weapon {key} must be a non-negative int or null")
            if None not in (w["launched"], w["intercepted"]) and w["intercepted"] + w.get("lost", 0) > w["launched"]:
                errors.append(f"{where}: more {w['kind']} intercepted than launched")
        kinds_models = [(w.get("kind"), w.get("model")) for w in ev["weapons"]]
        if len(kinds_models) != len(set(kinds_models)):
            errors.append(f"{where}: two weapon entries with the same kind and model (entries never overlap)")
        for key in ("killed", "wounded"):
            c = ev[key]
            if c is None:
                continue
            if set(c) != {"value", "qualifier"} or not isinstance(c["value"], int) or c["qualifier"] not in QUALIFIERS:
                errors.append(f"{where}: {key} must be {{value: int, qualifier: one of {QUALIFIERS}}} or null")
        if not isinstance(ev["claims"], list) or any(c not in CLAIMS for c in ev["claims"]):
            errors.append(f"{where}: claims must be a list drawn from {CLAIMS}")
        evidence = ev["evidence"]
        if not (isinstance(evidence, list) and evidence and all(isinstance(e, str) for e in evidence)):
            errors.append(f"{where}: evidence must be a non-empty list of phrases from the article")
        if "attributes" in ev and not isinstance(ev["attributes"], dict):
            errors.append(f"{where}: attributes must be an object")
    return errors
