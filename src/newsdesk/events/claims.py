"""Matching an article's attacks to the missile-attack reference, night by night.

- ``match_attacks(events, ref)`` — each attack of the article (an ``Event`` of type ``attack`` dated to a
  day) against the reference night with the same night date, or the closest in total within one day
  when that night is missing; the figures compared per kind and per model, differences in plain words.
- record claims are judged in ``newsdesk.events.record_claims``; ``newsdesk.events.check`` puts both
  together as the JSON ``newsdesk check-claims --json`` prints.

docs/events.md, "Reference data and record checks", says how nights, kinds and verdicts are decided.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from newsdesk.events.reference import (
    ATTACK_KINDS,
    BALLISTIC,
    CRUISE,
    DRONE,
    DRONE_KINDS,
    GUIDED_BOMB,
    MISSILE,
    MISSILE_KINDS,
    RECON_DRONE,
    SAM,
    Night,
    Reference,
    Tally,
    night_of,
    normalise_model,
)
from newsdesk.schema import Event, Weapon

TOLERANCE_DAYS = 1  # how far from the article's night a reference night may be (see ``find_night``)
CLOSE = 0.25  # the same night is taken when its total is within this share of the article's

_PLURAL = {DRONE: "drones", RECON_DRONE: "reconnaissance drones", BALLISTIC: "ballistic missiles",
           CRUISE: "cruise missiles", SAM: "surface-to-air missiles", MISSILE: "missiles",
           GUIDED_BOMB: "guided bombs"}
_QUALIFIER_WORDS = {"exact": "", "more_than": "more than ", "at_least": "at least ", "about": "about ",
                    "at_most": "at most ", "up_to": "up to ", "less_than": "fewer than "}
_MODEL_ALIASES = {r"geran(?:-\d+)?": "shahed", r"s-300": "c-300", r"s-400": "c-400", r"onyx": "oniks",
                  r"tsirkon": "zircon"}
_KIND_WORDS = (("drones", re.compile(r"\bdrones?\b|\buavs?\b|shahed", re.I)),
               ("missiles", re.compile(r"\bmissiles?\b", re.I)))


# ---- the night (or month) an event is about --------------------------------------------------------


def event_night(event: Event) -> date | None:
    """The night an event's date names (the morning it ends), or None when it names no single night.

    A day is that night ("overnight", published on the 4th → the night ending the 4th); a time is placed
    by the noon rule of the reference; a range ("the night of July 3 to 4") by its last day.
    """
    when = event.date
    if when is None or not when.value:
        return None
    value = when.value
    if when.granularity == "range" and "/" in value:
        value = value.split("/")[-1]
    if when.granularity in ("day", "range"):
        return night_of(value[:10])
    if when.granularity == "time":
        return night_of(value.replace("T", " ")[:16])
    return None


def event_month(event: Event) -> str | None:
    """``YYYY-MM`` of an event dated to a month ("a record number of drones in June")."""
    when = event.date
    if when and when.value and when.granularity == "month" and re.match(r"^\d{4}-\d{2}$", when.value[:7]):
        return when.value[:7]
    return None


def find_night(event: Event, ref: Reference, kinds: Iterable[str] = ATTACK_KINDS) -> tuple[Night | None, str]:
    """The reference night of an event's attack, and a note on how it was chosen (or why there is none).

    The same night when the reference has it and its total of ``kinds`` is within ``CLOSE`` of the
    article's (or the article gives no figure). Otherwise, among that night and the nights within
    ``TOLERANCE_DAYS`` — articles often date an overnight attack by its evening — the one whose total is
    closest to the article's; with no figure from the article, the largest neighbour.
    """
    day = event_night(event)
    if day is None:
        return None, "the article gives no day for this attack"
    exact = ref.night(day)
    near = [n for d in range(1, TOLERANCE_DAYS + 1) for off in (-d, d)
            if (n := ref.night(day + timedelta(days=off))) is not None]
    said = _article_total(event.weapons, kinds)
    if exact is not None and (said is None or not near or abs(exact.launched(kinds) - said) <= CLOSE * said):
        return exact, "same night"
    if exact is None and not near:
        return None, f"the reference has no night within {TOLERANCE_DAYS} day of {day.isoformat()}"
    if said is None:
        best = max(near, key=lambda n: (n.launched(kinds), n.date))
    else:
        candidates = ([exact] if exact else []) + near
        best = min(candidates, key=lambda n: (abs(n.launched(kinds) - said), n is not exact, n.date))
    if best is exact:
        return exact, "same night"
    if exact is None:
        return best, f"no night {day.isoformat()} in the reference; the closest within {TOLERANCE_DAYS} day"
    return best, (f"the night ending {day.isoformat()} has {exact.launched(kinds)}, further from the article's "
                  f"{said}; the closest within {TOLERANCE_DAYS} day")


# ---- comparing figures -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    """The reference figures one article weapon entry is compared with."""

    label: str
    weapon: Weapon
    models: list[tuple[str, Tally]]

    @property
    def launched(self) -> int:
        return sum(t.launched for _, t in self.models)

    @property
    def destroyed(self) -> int:
        return sum(t.destroyed for _, t in self.models)

    @property
    def suppressed(self) -> int:
        return sum(t.suppressed for _, t in self.models)


def model_matches(article_model: str, reference_model: str) -> bool:
    """Whether the article's model name ("Shahed", "Kh-101", "Kinzhal") names a reference model.

    >>> model_matches("Shahed", "Shahed-136/131"), model_matches("Kinzhal", "X-47 Kinzhal")
    (True, True)
    >>> model_matches("Iskander-M", "Iskander-M/KN-23"), model_matches("Iskander-M", "Iskander-K")
    (True, False)
    """
    said = normalise_model(article_model)
    for alias, name in _MODEL_ALIASES.items():
        said = re.sub(rf"\b{alias}\b", name, said)
    said_parts = [p for p in re.split(r" and |/|\s", said) if len(p) >= 3]
    parts = [p for p in re.split(r" and |/|\s", normalise_model(reference_model)) if len(p) >= 3]
    return any(p.startswith(s) or s.startswith(p) for s in said_parts for p in parts)


def _kinds_of(kind: str) -> frozenset[str] | None:
    """The reference kinds an article weapon kind covers (None: not a kind the reference counts)."""
    kind = kind.strip().casefold()
    if kind in (MISSILE, "missiles"):
        return MISSILE_KINDS
    if kind in (DRONE, "drones", "uav", "strike drone"):
        return DRONE_KINDS
    if kind == "mixed":  # a total of several kinds the article never breaks down ("550 aerial targets")
        return ATTACK_KINDS
    if kind in (BALLISTIC, CRUISE, SAM, GUIDED_BOMB, RECON_DRONE):
        return frozenset({kind})
    return None


def _groups(weapons: list[Weapon], night: Night) -> tuple[list[_Group], list[str]]:
    """Pair each article weapon entry with reference models; entries the reference cannot count, named."""
    named = [w for w in weapons if w.model]
    claimed = {m for w in named for m in night.models if model_matches(w.model, m)}
    groups, uncounted = [], []
    for w in weapons:
        if w.model:
            models = [(m, t) for m, t in night.models.items() if model_matches(w.model, m)]
            groups.append(_Group(w.model, w, sorted(models, key=lambda mt: -mt[1].launched)))
            continue
        kinds = _kinds_of(w.kind)
        if kinds is None:
            uncounted.append(w.kind)
            continue
        models = [(m, t) for m, t in night.models_of(kinds) if m not in claimed]
        label = _PLURAL.get(w.kind, w.kind)
        if claimed & {m for m, _ in night.models_of(kinds)}:
            label = f"other {label}"
        groups.append(_Group(label, w, models))
    return groups, uncounted


def consistent(said: int | float, qualifier: str, actual: int) -> bool:
    """Whether the reference figure agrees with the article's, given its qualifier ("more than 400").

    >>> consistent(400, "more_than", 539), consistent(11, "exact", 13), consistent(500, "about", 539)
    (True, False, True)
    """
    if qualifier == "more_than":
        return actual > said
    if qualifier == "at_least":
        return actual >= said
    if qualifier in ("at_most", "up_to"):
        return actual <= said
    if qualifier == "less_than":
        return actual < said
    if qualifier == "about":
        return abs(actual - said) <= max(1, 0.1 * said)
    return actual == said


def _breakdown(models: list[tuple[str, Tally]], figure: str = "launched") -> str:
    parts = [f"{m} {getattr(t, figure)}" for m, t in models if getattr(t, figure)]
    return " + ".join(parts) if parts else "none"


def _said(value: int | float | None, qualifier: str = "exact") -> str:
    if value is None:
        return "no figure"
    number = int(value) if float(value).is_integer() else value
    return f"{_QUALIFIER_WORDS.get(qualifier, '')}{number}"


def _compare(group: _Group, night: Night) -> tuple[dict, list[str]]:
    """One article entry against its reference figures: the structured comparison and any differences."""
    w, ref_launched = group.weapon, group.launched
    noun = group.label if not w.model else f"{w.model} ({w.kind})"
    reference = f"{ref_launched} ({_breakdown(group.models)})" if group.models else "none"
    said = f"{_said(w.launched, w.qualifier)} {noun}" if w.launched is not None else f"{noun} (no figure)"
    line = f"article: {said}; reference: {_breakdown(group.models)}"
    if len(group.models) > 1:
        line += f" = {ref_launched}"
    out = {"label": group.label, "kind": w.kind, "model": w.model,
           "article": {"launched": w.launched, "qualifier": w.qualifier, "intercepted": w.intercepted},
           "reference": {"launched": ref_launched, "destroyed": group.destroyed, "suppressed": group.suppressed,
                         "models": {m: t.to_dict() for m, t in group.models}},
           "line": line, "agrees": None}
    differences = []
    if w.launched is not None:
        agrees = consistent(w.launched, w.qualifier, ref_launched)
        out["agrees"] = agrees
        if not agrees:
            note = ""
            if w.kind == DRONE and not w.model:
                recon = night.launched({RECON_DRONE})
                if recon and consistent(w.launched, w.qualifier, ref_launched + recon):
                    note = f" (agrees if the {recon} reconnaissance drones are counted)"
            differences.append(f"{group.label} launched — article: {_said(w.launched, w.qualifier)}; "
                               f"reference: {reference}{note}")
    if w.intercepted is not None:
        shot, lost = group.destroyed, group.suppressed
        agrees = w.intercepted in (shot, shot + lost) or (w.qualifier == "about" and consistent(
            w.intercepted, "about", shot))
        out["intercepted_agrees"] = agrees
        if not agrees:
            extra = f", {lost} more lost to electronic warfare" if lost else ""
            differences.append(f"{group.label} intercepted — article: {_said(w.intercepted)}; "
                               f"reference: {shot} destroyed{extra}")
    return out, differences


def _article_side(weapons: list[Weapon]) -> dict:
    return {(w.model or w.kind): {"kind": w.kind, "launched": w.launched, "qualifier": w.qualifier,
                                  "intercepted": w.intercepted} for w in weapons}


def _article_total(weapons: list[Weapon], kinds: Iterable[str] = ATTACK_KINDS) -> int | None:
    """The article's total launched of ``kinds`` (None when it gives no figure for them)."""
    kinds = frozenset(kinds)
    figures = [w.launched for w in weapons if w.launched is not None and (_kinds_of(w.kind) or set()) & kinds]
    return sum(figures) if figures else None


def _reference_side(night: Night) -> dict:
    kinds = {k: t.to_dict() for k, t in sorted(night.kinds.items())}
    return {"launched": night.launched(), "drones": night.launched(DRONE_KINDS),
            "missiles": night.launched(MISSILE_KINDS), "kinds": kinds,
            "models": {m: {"kind": night.model_kinds[m], **t.to_dict()} for m, t in night.models.items()},
            "regional": {m: t.to_dict() for m, t in night.regional.items()},
            "regional_only": night.regional_only}


def match_event(event: Event, ref: Reference) -> dict:
    """One attack against its reference night: ``{"event", "night", "how", "article", "reference", ...}``."""
    night, how = find_night(event, ref)
    out: dict = {"event": event.id, "summary": event.summary, "night": None, "how": how,
                 "article": _article_side(event.weapons), "reference": None,
                 "comparisons": [], "differences": []}
    if night is None:
        return out
    out["night"] = night.date.isoformat()
    out["reference"] = _reference_side(night)
    groups, uncounted = _groups(event.weapons, night)
    covered: set[str] = set()
    for group in groups:
        comparison, differences = _compare(group, night)
        out["comparisons"].append(comparison)
        out["differences"].extend(differences)
        covered |= {m for m, _ in group.models}
    out["differences"].extend(f"{kind}: not counted by the reference" for kind in uncounted)
    if not event.weapons:
        out["differences"].append(f"the article gives no weapon figures; reference: {_night_line(night)}")
        return out
    for kind in sorted(ATTACK_KINDS):
        rest = [(m, t) for m, t in night.models_of({kind}) if m not in covered]
        if rest:
            total = sum(t.launched for _, t in rest)
            out["differences"].append(f"{_PLURAL[kind]}: the article gives none; reference: {total} "
                                      f"({_breakdown(rest)})")
    return out


def _night_line(night: Night) -> str:
    parts = [f"{night.launched({k})} {_PLURAL[k]}" for k in sorted(ATTACK_KINDS) if night.launched({k})]
    return " + ".join(parts) or "nothing launched"


REFERENCE_ATTACKER = "Russia"  # the Kaggle data set records Russia's missile and drone attacks on Ukraine
REFERENCE_ATTACKED = "Ukraine"


def in_scope(event: Event) -> bool:
    """Whether the reference can speak of an attack: not one whose attacker or attacked country the article
    names as another ("a Ukrainian drone attack" on Russia's Rostov region)."""
    if event.actor is not None and event.actor.name != REFERENCE_ATTACKER:
        return False
    attacked = event.target.name if event.target else event.location.country if event.location else None
    return attacked in (None, REFERENCE_ATTACKED)


def match_attacks(events: list[Event], ref: Reference) -> list[dict]:
    """Every attack of the article dated to a day (or time, or a night's range), matched to the reference."""
    return [match_event(e, ref) for e in events if e.type == "attack" and event_month(e) is None and in_scope(e)]
