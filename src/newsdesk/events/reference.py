"""The missile-attack reference: the Kaggle "Massive Missile Attacks on Ukraine" CSV, read by night.

``load_reference(path, categories=None) -> Reference`` reads ``missile_attacks_daily.csv`` (the user
passes its path; newsdesk never ships it) into nights, each with launched/destroyed figures per weapon
kind and per model. ``newsdesk.events.claims`` matches an article's attacks and record claims to them.

Conventions (docs/events.md, "Reference data and record checks"):

- **Night** — named by the date of the morning it ends. A time from 12:00 onward belongs to the night
  ending the next day, a time before noon to the night ending that day, and a row with a date and no
  time to the night ending that morning (that date). ``time_start`` decides; ``time_end`` when
  ``time_start`` cannot be read. So 2025-07-03 18:00 and 2025-07-04 02:00 are both the night 2025-07-04.
- **Kind** — each model maps to one kind: ``drone`` (strike drones and decoys: Shahed/Geran, Lancet,
  "Unknown UAV"), ``reconnaissance drone`` (Orlan, ZALA, Supercam, Merlin …, kept apart and out of
  attack totals), ``ballistic missile``, ``cruise missile``, ``surface-to-air missile`` (S-300/S-400
  fired at ground targets; a missile), ``guided bomb``, ``other`` (a model nobody knows; out of
  totals, with a warning). A row combining models ("X-101/X-555 and Kalibr") takes the kind of its
  first model; a ``--categories`` CSV (missiles_and_uavs.csv format) overrides the built-in mapping.
- **Sources** — the Air Force's national summary (``kpszsu`` …) and the regional air commands
  (``PvKPivden``, ``pvkshid``, ``PvkZahid``, ``PvkCenter``) report the same nights; a regional report is
  part of the national picture or a later day's incident. A night's figures are its national rows; its
  regional rows are kept apart (``Night.regional``) and stand as the figures only on a night with no
  national row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from newsdesk.errors import (
    InputEmpty,
    InputError,
)
from newsdesk.events.csv_input import count_cell, read_csv

DRONE = "drone"
RECON_DRONE = "reconnaissance drone"
BALLISTIC = "ballistic missile"
CRUISE = "cruise missile"
SAM = "surface-to-air missile"
MISSILE = "missile"  # a missile of unknown kind
GUIDED_BOMB = "guided bomb"
OTHER = "other"

MISSILE_KINDS = frozenset({BALLISTIC, CRUISE, SAM, MISSILE})
DRONE_KINDS = frozenset({DRONE})
#: The kinds an attack's total counts: strike drones, every missile, guided bombs.
ATTACK_KINDS = frozenset({DRONE, GUIDED_BOMB}) | MISSILE_KINDS

# Built-in model → kind, tried in order on the first model of a row (lower case, "Kh-" read as "X-").
_BUILTIN_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"orlan|zala|supercam|merlin|eleron|forpost|granat|reconnaissance|картограф", RECON_DRONE),
        (r"\b[cс]-[34]00\b|\bs-[34]00\b|surface-to-air", SAM),
        (r"iskander-m|kn-23|kinzhal|x-47|ballistic|tochka", BALLISTIC),
        (r"iskander-k|kalibr|x-101|x-555|x-59|x-69|x-22|x-32|x-31|x-35|zircon|oniks|onyx|banderol|cruise"
         r"|unknown missile", CRUISE),
        (r"\bgbu\b|\bkab\b|bomb", GUIDED_BOMB),
        (r"shahed|geran|gerbera|lancet|kub\b|молні|molniya|привет|orion|mohajer|\buav\b|drone", DRONE),
        (r"missile", MISSILE),
    )
)
_REGIONAL_SOURCES = ("pvk",)  # PvKPivden, pvkshid, PvkZahid, PvkCenter: regional air commands
_STAMP = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*$")
_REQUIRED = ("model", "launched")
_TIME_COLUMNS = ("time_start", "time_end")


def normalise_model(name: str) -> str:
    """A model name for comparison: lower case, single spaces, Kh-/Х- read as X- ("Kh-101" → "x-101")."""
    text = " ".join(name.split()).casefold()
    return re.sub(r"\b(?:kh|х)-", "x-", text)


def builtin_kind(model: str) -> str:
    """The kind of a model by the built-in mapping; a combined row ("A and B") by its first model.

    >>> builtin_kind("X-101/X-555 and Kalibr"), builtin_kind("Orlan-10"), builtin_kind("Iskander-M/KN-23")
    ('cruise missile', 'reconnaissance drone', 'ballistic missile')
    """
    name = normalise_model(model)
    first = name.split(" and ")[0]
    for part in (first, name):
        for pattern, kind in _BUILTIN_KINDS:
            if pattern.search(part):
                return kind
    return OTHER


@dataclass(slots=True)
class Tally:
    """Launched and destroyed figures of one kind or one model on one night."""

    launched: int = 0
    destroyed: int = 0
    suppressed: int = 0  # ``not_reach_goal``: lost to electronic warfare ("locationally lost"), not shot down
    destroyed_unknown: int = 0  # rows that gave launched but no destroyed figure

    def add(self, launched: int, destroyed: int | None, suppressed: int = 0) -> None:
        self.launched += launched
        self.suppressed += suppressed
        if destroyed is None:
            self.destroyed_unknown += 1
        else:
            self.destroyed += destroyed

    def to_dict(self) -> dict:
        out = {"launched": self.launched, "destroyed": self.destroyed}
        if self.suppressed:
            out["suppressed"] = self.suppressed
        if self.destroyed_unknown:
            out["destroyed_unknown_rows"] = self.destroyed_unknown
        return out


@dataclass(slots=True)
class Row:
    """One readable row of the CSV."""

    line: int
    night: date
    model: str
    kind: str
    launched: int
    destroyed: int | None
    suppressed: int
    source: str
    regional: bool


@dataclass(slots=True)
class Night:
    """One night of attacks: its figures per kind and per model (national rows, see the module doc)."""

    date: date
    kinds: dict[str, Tally] = field(default_factory=dict)
    models: dict[str, Tally] = field(default_factory=dict)
    model_kinds: dict[str, str] = field(default_factory=dict)
    regional: dict[str, Tally] = field(default_factory=dict)  # regional commands' figures per model, kept apart
    regional_only: bool = False  # the figures come from regional commands: no national report that night
    rows: int = 0

    def launched(self, kinds: Iterable[str] = ATTACK_KINDS) -> int:
        """Total launched of ``kinds`` (default: the attack total — strike drones, missiles, guided bombs)."""
        kinds = frozenset(kinds)
        return sum(t.launched for k, t in self.kinds.items() if k in kinds)

    def destroyed(self, kinds: Iterable[str] = ATTACK_KINDS) -> int:
        kinds = frozenset(kinds)
        return sum(t.destroyed for k, t in self.kinds.items() if k in kinds)

    def models_of(self, kinds: Iterable[str]) -> list[tuple[str, Tally]]:
        """(model, tally) of ``kinds``, largest first."""
        kinds = frozenset(kinds)
        found = [(m, t) for m, t in self.models.items() if self.model_kinds[m] in kinds and t.launched]
        return sorted(found, key=lambda mt: -mt[1].launched)

    def to_dict(self) -> dict:
        return {
            "night": self.date.isoformat(),
            "launched": self.launched(),
            "kinds": {k: t.to_dict() for k, t in sorted(self.kinds.items())},
            "models": {m: {"kind": self.model_kinds[m], **t.to_dict()} for m, t in self.models.items()},
            "regional": {m: t.to_dict() for m, t in self.regional.items()},
            "regional_only": self.regional_only,
        }


@dataclass(slots=True)
class Reference:
    """The reference CSV read by night; ``skipped`` rows and why, ``warnings`` for the user."""

    path: str
    nights: dict[date, Night] = field(default_factory=dict)
    skip_reasons: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)  # rows read with a caveat (blank destroyed, unknown model)
    rows: int = 0  # rows read

    @property
    def skipped(self) -> int:
        return sum(self.skip_reasons.values())

    @property
    def warnings(self) -> list[str]:
        """One line each: rows skipped (with reasons) and rows read with a caveat."""
        out = []
        if self.skipped:
            why = "; ".join(f"{n} {reason}" for reason, n in self.skip_reasons.most_common())
            out.append(f"skipped {self.skipped} unreadable row{'s' if self.skipped != 1 else ''} ({why})")
        if self.notes:
            out.append("read with a caveat: " + "; ".join(f"{n} {note}" for note, n in self.notes.most_common()))
        return out

    @property
    def first(self) -> date | None:
        return min(self.nights) if self.nights else None

    @property
    def last(self) -> date | None:
        return max(self.nights) if self.nights else None

    def night(self, day: date) -> Night | None:
        return self.nights.get(day)

    def summary(self) -> dict:
        return {
            "path": self.path,
            "rows": self.rows,
            "nights": len(self.nights),
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "skipped": self.skipped,
            "skip_reasons": dict(self.skip_reasons),
            "warnings": self.warnings,
        }


# ---- reading ------------------------------------------------------------------------------------


def night_of(stamp: str) -> date | None:
    """The night a CSV timestamp belongs to (named by the morning it ends), or None if unreadable.

    >>> night_of("2025-07-03 18:00"), night_of("2025-07-04 02:00"), night_of("2025-07-04 ")
    (datetime.date(2025, 7, 4), datetime.date(2025, 7, 4), datetime.date(2025, 7, 4))
    >>> night_of("2023-05-16 3:30"), night_of("16/05/2023") is None
    (datetime.date(2023, 5, 16), True)
    """
    match = _STAMP.match(stamp or "")
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    try:
        day_ = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if hour is None:
        return day_
    if not (0 <= int(hour) <= 23 and 0 <= int(minute) <= 59):
        return None
    return day_ + timedelta(days=1) if int(hour) >= 12 else day_


def load_categories(path: str | Path) -> dict[str, str]:
    """Model → kind from a missiles_and_uavs.csv-like file (columns ``model``, ``category``, optional ``type``)."""
    rows, _ = read_csv(Path(path), required=("model", "category"))
    mapping: dict[str, str] = {}
    for row in rows:
        model = (row.get("model") or "").strip()
        if model:
            mapping[normalise_model(model)] = _kind_of_category(
                row.get("category") or "", row.get("type") or "", model
            )
    return mapping


def _kind_of_category(category: str, type_: str, model: str) -> str:
    """missiles_and_uavs.csv's ``category`` (and ``type`` for drones) → a kind."""
    cat, typ = category.strip().casefold(), type_.strip().casefold()
    if cat in {"uav", "drone"}:
        return RECON_DRONE if "reconnaissance" in typ and "armed" not in typ else DRONE
    first = cat.split(" and ")[0]
    for kind in (BALLISTIC, CRUISE, SAM, GUIDED_BOMB):
        if first == kind or first == kind.split()[0]:  # "surface-to-air and ballistic" → surface-to-air
            return kind
    if "missile" in first:
        return MISSILE
    return builtin_kind(model)


def load_reference(path: str | Path, categories: str | Path | dict[str, str] | None = None) -> Reference:
    """Read the reference CSV into nights; unreadable rows are skipped and counted.

    Raises an ``InputError`` naming the file (exit code 2) only when the file as a whole is unusable:
    missing, a directory, undecodable, empty, without the needed columns, or without one readable row.
    """
    path = Path(path)
    mapping = load_categories(categories) if isinstance(categories, str | Path) else (categories or {})
    records, header = read_csv(path, required=_REQUIRED, one_of=_TIME_COLUMNS)
    ref = Reference(path=str(path))
    read_rows: list[Row] = []
    for line, record in enumerate(records, start=2):
        row = _parse_row(record, line, mapping, ref)
        if row is not None:
            read_rows.append(row)
    if not read_rows:
        if not ref.skipped:
            raise InputEmpty("reference CSV has a header but no rows", source=str(path))
        reasons = "; ".join(f"{n} {r}" for r, n in ref.skip_reasons.most_common(3))
        raise InputError(f"reference CSV has no readable row ({ref.skipped} skipped: {reasons})", source=str(path))
    ref.rows = len(read_rows)
    ref.nights = _nights(read_rows)
    return ref


def _parse_row(record: dict, line: int, mapping: dict[str, str], ref: Reference) -> Row | None:
    stamp = (record.get("time_start") or "").strip() or (record.get("time_end") or "").strip()
    night = night_of(record.get("time_start") or "") or night_of(record.get("time_end") or "")
    if night is None:
        ref.skip_reasons["no time" if not stamp else "with an unreadable time"] += 1
        return None
    model = " ".join((record.get("model") or "").split())
    if not model:
        ref.skip_reasons["with no model"] += 1
        return None
    launched = count_cell(record.get("launched"))
    if launched is None or launched == "bad":
        ref.skip_reasons[f"with {'a blank' if launched is None else 'an unreadable'} launched count"] += 1
        return None
    destroyed = count_cell(record.get("destroyed"))
    if destroyed == "bad":
        ref.notes["unreadable destroyed counts (launched kept)"] += 1
        destroyed = None
    elif destroyed is None:
        ref.notes["blank destroyed counts (launched kept)"] += 1
    suppressed = count_cell(record.get("not_reach_goal"))
    suppressed = suppressed if isinstance(suppressed, int) else 0
    kind = mapping.get(normalise_model(model)) or builtin_kind(model)
    if kind == OTHER:
        ref.notes[f"row(s) of unknown model {model!r} (kind 'other', out of totals)"] += 1
    source = (record.get("source") or "").strip()
    regional = source.casefold().startswith(_REGIONAL_SOURCES)
    return Row(line, night, model, kind, launched, destroyed, suppressed, source, regional)


def _nights(rows: list[Row]) -> dict[date, Night]:
    by_night: dict[date, list[Row]] = {}
    for row in rows:
        by_night.setdefault(row.night, []).append(row)
    nights = {}
    for day in sorted(by_night):
        group = by_night[day]
        national = [r for r in group if not r.regional]
        night = Night(date=day, regional_only=not national, rows=len(group))
        for row in national or group:
            night.kinds.setdefault(row.kind, Tally()).add(row.launched, row.destroyed, row.suppressed)
            night.models.setdefault(row.model, Tally()).add(row.launched, row.destroyed, row.suppressed)
            night.model_kinds[row.model] = row.kind
        if national:
            for row in group:
                if row.regional:
                    night.regional.setdefault(row.model, Tally()).add(row.launched, row.destroyed, row.suppressed)
        nights[day] = night
    return nights
