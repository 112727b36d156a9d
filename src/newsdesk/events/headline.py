"""The figures a headline gives ("Russia fires 122 missiles and 36 drones in …", "Air defence intercepts 7 out of 8
missiles"), read by pattern — a headline is short and is not parsed. They never make or date an attack: they only
fill a figure of the report's main attack whose body names the weapon without counting it ("dozens of drones")."""

from __future__ import annotations

import re

from newsdesk.events.figures import (
    ABOUT,
    INTERCEPT_WORDS,
    NUMBER,
    OUT_OF,
    QUALIFIERS,
    WeaponFigure,
    count_value,
)
from newsdesk.events.taxonomy import kind_of
from newsdesk.schema import Event

# a number and the weapon it counts, with no word between them that ends the phrase ("26 Killed In Russian Missile
# Strike" counts people)
_BREAK = r"(?!(?:in|on|at|of|by|for|to|from|with|after|as|and|killed|dead|die[ds]?|injured|wounded|hurt|people|" \
         r"civilians|children|strikes?)\b)"
COUNT = re.compile(rf"\b{ABOUT}{NUMBER}(\+?) ((?:{_BREAK}[\w-]+ ){{0,3}}?(?:missiles?|drones?|UAVs?|rockets?|bombs?|"
                   r"Shaheds?|Gerans?|unmanned (?:aerial )?(?:aircraft|vehicles?)))\b", re.IGNORECASE)
CLAUSE = re.compile(r"[,;:|–—]")
LAUNCH_WORDS = re.compile(r"(?<!-)\b(?:launch\w*|fire[sd]?|firing|attack\w*|send[s]?|sent|use[sd]?|hit[s]?|strike[s]?|"
                          r"struck|pound\w*|barrage)\b", re.IGNORECASE)


def headline_figures(headline: str) -> list[WeaponFigure]:
    """Launched and intercepted counts of a headline, by kind: "7 out of 8 missiles" gives both; a count in a
    clause with a verb of interception ("five cruise missiles shot down") is intercepted, else launched."""
    out: list[WeaponFigure] = []
    for m in OUT_OF.finditer(headline):
        done, total = count_value(m.group(2)), count_value(m.group(4))
        kind, model = kind_of(m.group(5)) if m.group(5) else (None, None)
        if kind not in (None, "mixed") and 0 < done <= total:
            qualifier = QUALIFIERS.get((m.group(3) or "").lower(), "exact")
            out.append(WeaponFigure(kind, model, "launched", total, qualifier, m.start(), m.end()))
            out.append(WeaponFigure(kind, model, "intercepted", done, "exact", m.start(), m.end()))
    for m in COUNT.finditer(headline):
        kind, model = kind_of(m.group(4))
        if kind in (None, "mixed") or any(f.start <= m.start() < f.end for f in out):
            continue
        left = max((c.end() for c in CLAUSE.finditer(headline, 0, m.start())), default=0)
        right = next((c.start() for c in CLAUSE.finditer(headline, m.end())), len(headline))
        clause, before = headline[left:right], headline[:m.start()]
        downs = [d.end() for d in INTERCEPT_WORDS.finditer(before)]
        launches = [d.end() for d in LAUNCH_WORDS.finditer(before)]
        listed = downs and (not launches or downs[-1] > launches[-1]) and not LAUNCH_WORDS.search(clause)
        role = "intercepted" if INTERCEPT_WORDS.search(clause) or listed else "launched"  # "downs 4 missiles, 15
        # drones": a list under one verb
        qualifier = "more_than" if m.group(3) else QUALIFIERS.get((m.group(1) or "").lower(), "exact")  # "400+"
        out.append(WeaponFigure(kind, model, role, count_value(m.group(2)), qualifier, m.start(), m.end()))
    return out


def fill_from_headline(event: Event, figures: list[WeaponFigure], events: list[Event]) -> None:
    """Give ``event`` the headline's count of a weapon its body names but does not count: only where the event has
    exactly one entry of that kind and the figure is missing there (a body's own figure always stands), and never a
    count the body gives another attack (a headline may quote the other side's night)."""
    told = {(w.kind, role, getattr(w, role)) for e in events for w in e.weapons for role in ("launched", "intercepted")}
    for f in figures:
        if (f.kind, f.role, f.value) in told:
            continue
        entries = [w for w in event.weapons if w.kind == f.kind and (f.model is None or w.model in (None, f.model))]
        if len(entries) != 1 or getattr(entries[0], f.role) is not None:
            continue
        entry = entries[0]
        if f.role == "launched" and (entry.intercepted is None or f.value >= entry.intercepted):
            entry.launched, entry.qualifier = f.value, f.qualifier
        elif f.role == "intercepted" and f.qualifier == "exact" and (
                entry.launched is None or f.value <= entry.launched):
            entry.intercepted = f.value
