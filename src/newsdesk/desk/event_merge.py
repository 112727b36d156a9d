"""Merging the reports of one desk event: its sources, per weapon kind (and model) the figure each source gave,
the value used and the spread, the casualties, the claims (``recompute``, run by ``events.attach_events``).

The value used for a figure is the one most sources give; when no value is given by more sources than every
other, the lower median (always a figure some source gave). Killed and wounded use the largest figure (tolls
only rise; later reports carry them). Every merged figure keeps ``min``, ``max`` and each source's value.
"""

from __future__ import annotations

import json
from collections import Counter

from newsdesk.desk.event_keys import (
    PERIOD_TOTAL,
    RULE,
    TOTAL_KINDS,
    kind_rank,
    name_key,
    party_keys,
    party_name,
    tally_kind,
)


def _number(value) -> int | float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number == int(number) else number


def merge_figures(values: list[dict], rule: str = "consensus") -> dict | None:
    """One figure from the sources' ``[{"article", "value", "qualifier"}]``: the value used, how it was chosen,
    min, max and every source's value. ``rule`` "largest" takes the largest (casualties).

    >>> merge_figures([{"article": 1, "value": 539}, {"article": 2, "value": 550}, {"article": 3, "value": 539}])
    ... # doctest: +ELLIPSIS
    {'value': 539, 'how': 'most cited', 'min': 539, 'max': 550, 'sources': 3, 'values': [...]}
    """
    given = [v for v in values if v.get("value") is not None]
    if not given:
        return None
    numbers = [v["value"] for v in given]
    ranked = Counter(numbers).most_common()
    if len(given) == 1:
        value, how = numbers[0], "one source"
    elif rule == "largest":
        value, how = max(numbers), "largest"
    elif len(ranked) == 1:
        value, how = ranked[0][0], "all agree"
    elif ranked[0][1] > ranked[1][1]:
        value, how = ranked[0][0], "most cited"
    else:
        value, how = sorted(numbers)[(len(numbers) - 1) // 2], "median"
    return {"value": value, "how": how, "min": min(numbers), "max": max(numbers), "sources": len(given),
            "values": given}


def _source_figures(reports: list[dict]) -> dict:
    """One source's figures for a desk event from its report(s) of it: per (kind, model), per tally kind, the
    total and casualties (an article telling it twice gives the larger figure of each)."""
    weapons: dict[tuple[str, str | None], dict] = {}
    tolls: dict[str, dict | None] = {"killed": None, "wounded": None}
    for report in reports:
        for weapon in report.get("weapons") or []:
            key = (weapon.get("kind") or "mixed", weapon.get("model"))
            entry = weapons.setdefault(key, {"launched": None, "intercepted": None, "qualifier": "exact"})
            for field in ("launched", "intercepted"):
                value = _number(weapon.get(field))
                if value is not None and (entry[field] is None or value > entry[field]):
                    entry[field] = value
                    if field == "launched":
                        entry["qualifier"] = weapon.get("qualifier") or "exact"
        casualties = report.get("casualties") or {}
        for field, current in tolls.items():
            count = casualties.get(field) or {}
            value = _number(count.get("value"))
            if value is not None and (current is None or value > current["value"]):
                tolls[field] = {"value": value, "qualifier": count.get("qualifier") or "exact"}
    kinds: dict[str, dict] = {}
    for (kind, _model), entry in weapons.items():
        column = kinds.setdefault(tally_kind(kind), {"launched": None, "intercepted": None})
        for field in ("launched", "intercepted"):
            if entry[field] is not None:
                column[field] = (column[field] or 0) + entry[field]
    return {"weapons": weapons, "kinds": kinds, "total": _total({k: v["launched"] for k, v in kinds.items()}),
            **tolls}


def _total(launched: dict[str, int | None]) -> int | None:
    """An attack total: drones + missiles + guided bombs; a "mixed" total ("550 aerial targets") when larger
    or when it is the only figure."""
    parts = [launched[k] for k in TOTAL_KINDS if launched.get(k) is not None]
    mixed = launched.get("mixed")
    if not parts:
        return mixed
    return max(sum(parts), mixed or 0)


def _most_common(values: list[str | None]) -> str | None:
    known = [v for v in values if v]
    return Counter(known).most_common(1)[0][0] if known else None


def recompute(store, event_id: int) -> None:
    """Rebuild a desk event's columns and ``data`` from its reports (the event is deleted when it has none)."""
    db = store
    rows = db.execute(
        "SELECT r.article_id, r.local_id, r.data, a.headline, a.publisher, a.published, a.url "
        "FROM event_reports r JOIN articles a ON a.id = r.article_id WHERE r.event_id = ? "
        "ORDER BY coalesce(a.published, ''), r.article_id, r.local_id", (event_id,)).fetchall()
    if not rows:
        db.execute("DELETE FROM events WHERE id = ?", (event_id,))
        return
    by_article: dict[int, list[dict]] = {}
    sources: list[dict] = []
    for row in rows:
        report = json.loads(row["data"])
        if row["article_id"] not in by_article:
            sources.append({"article": row["article_id"], "local_id": row["local_id"], "headline": row["headline"],
                            "publisher": row["publisher"], "published": row["published"], "url": row["url"],
                            "summary": report.get("summary")})
        by_article.setdefault(row["article_id"], []).append(report)
    reports = [r for group in by_article.values() for r in group]
    per_source = {article: _source_figures(group) for article, group in by_article.items()}
    for source in sources:
        figures = per_source[source["article"]]
        source["launched"] = figures["total"]

    weapon_keys = sorted({k for f in per_source.values() for k in f["weapons"]},
                         key=lambda k: (kind_rank(tally_kind(k[0])), k[0], k[1] or ""))
    weapons = []
    for kind, model in weapon_keys:
        entry = {"kind": kind, "model": model}
        for field in ("launched", "intercepted"):
            entry[field] = merge_figures([
                {"article": a, "value": f["weapons"][(kind, model)][field],
                 **({"qualifier": f["weapons"][(kind, model)]["qualifier"]} if field == "launched" else {})}
                for a, f in per_source.items() if (kind, model) in f["weapons"]])
        weapons.append(entry)
    columns = sorted({k for f in per_source.values() for k in f["kinds"]}, key=kind_rank)
    kinds = {}
    for column in columns:
        kinds[column] = {field: merge_figures([{"article": a, "value": f["kinds"][column][field]}
                                               for a, f in per_source.items() if column in f["kinds"]])
                         for field in ("launched", "intercepted")}
    launched = {k: (v["launched"] or {}).get("value") for k, v in kinds.items()}
    intercepted = {k: (v["intercepted"] or {}).get("value") for k, v in kinds.items()}
    totals = [f["total"] for f in per_source.values() if f["total"] is not None]
    total = {"launched": _total(launched), "intercepted": _total(intercepted),
             "min": min(totals) if totals else None, "max": max(totals) if totals else None}
    casualties = {field: merge_figures([{"article": a, **f[field]} for a, f in per_source.items() if f[field]],
                                       rule="largest") for field in ("killed", "wounded")}

    actors = [party_name(r.get("actor")) for r in reports]
    targets = [party_name(r.get("target")) for r in reports]
    places = [r.get("location") or {} for r in reports]
    countries = [party_name(p, "country") for p in places]
    names = [party_name(p) for p in places]
    precise = [n for n, c in zip(names, countries, strict=True) if n and name_key(n) != name_key(c)]
    claims = sorted({c for r in reports for c in (r.get("claims") or [])})
    parties = sorted({p for r in reports for p in party_keys(party_name(r.get("actor")), party_name(r.get("target")))})
    data = {
        "sources": sources,
        "source_count": len(sources),
        "kinds": kinds,
        "total": total,
        "weapons": weapons,
        "casualties": casualties,
        "claims": claims,
        "locations": sorted({n for n in names if n}),
        "parties": parties,
        "rule": RULE,
    }
    current = db.execute("SELECT type, subtype FROM events WHERE id = ?", (event_id,)).fetchone()
    subtype = current["subtype"] if current["subtype"] == PERIOD_TOTAL else _most_common(
        [r.get("subtype") for r in reports])
    db.execute(
        "UPDATE events SET subtype = ?, location = ?, country = ?, actor = ?, target = ?, summary = ?, data = ? "
        "WHERE id = ?",
        (subtype, _most_common(precise) or _most_common(names), _most_common(countries), _most_common(actors),
         _most_common(targets), sources[0]["summary"], json.dumps(data, ensure_ascii=False), event_id))
