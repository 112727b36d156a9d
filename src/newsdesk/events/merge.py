"""One attack's figures, merged from all the sentences that tell it (docs/events.md, "Merging").

Weapon entries are keyed by kind and model; a total plus its breakdown is kept as the breakdown (the
remainder, when there is one, as its own entry), so the entries never overlap and sum to the total; a city's or a
region's count gives way to the country's and is kept as an alternate. Killed and wounded keep the largest figure
told (tolls only rise), or the sum of each place's when every figure is one place's.
"""

from __future__ import annotations

from newsdesk.events.figures import WeaponFigure
from newsdesk.events.parties import lies_in
from newsdesk.events.taxonomy import MISSILE_KINDS
from newsdesk.events.tolls import CasualtyFigure
from newsdesk.schema import Casualties, Count, Weapon


def merge_weapons(figures: list[WeaponFigure], named: list[tuple[str, str | None]]) -> list[Weapon]:
    """One entry per kind and model, never overlapping (module docstring, step 3)."""
    entries: dict[tuple[str, str | None], Weapon] = {}
    national = {(f.kind, f.model, f.role) for f in figures if f.scope is None}
    down = {}  # the country's largest count shot down, per kind
    for f in figures:
        if f.scope is None and f.role == "intercepted":
            down[f.kind] = max(down.get(f.kind, 0), f.value)
    for f in figures:  # a city's or a region's count stands only where the country's is not told, and never below
        # it: "all 10 drones directed at Kyiv were intercepted" beside 23 drones shot down is not the night's launch
        if f.role in ("lost", "all") or f.scope is not None and ((f.kind, f.model, f.role) in national
                                                                  or f.value < down.get(f.kind, 0)):
            continue
        if f.kind == "aircraft" and f.role == "intercepted":
            continue  # "two Ka-52 helicopters were shot down": losses at the front, not weapons of the attack
        entry = entries.setdefault((f.kind, f.model), Weapon(kind=f.kind, model=f.model))
        if f.role == "launched" and (entry.launched is None or entry.qualifier != "exact" and (
                f.qualifier == "exact" or f.value > entry.launched)):  # "400+ drones", then "over 430 drones"
            entry.launched, entry.qualifier = f.value, f.qualifier
    for f in figures:  # several counts shot down: a part of the country's is smaller than it, so the largest
        entry = entries.get((f.kind, f.model)) if f.role == "intercepted" else None
        if entry is not None and (entry.intercepted is None or f.value > entry.intercepted) and (
                f.scope is None or (f.kind, f.model, f.role) not in national):
            entry.intercepted = f.value
    for f in figures:  # "all of which were shot down": as many as were launched
        if f.role == "all":
            family = [w for k, w in entries.items() if _kin(k, (f.kind, f.model)) and w.launched is not None]
            if len(family) == 1 and family[0].intercepted is None:
                family[0].intercepted = family[0].launched
    _subtract(entries, lambda key: key[1] is None, lambda key, other: other[0] == key[0] and other[1] is not None)
    for key, entry in list(entries.items()):  # "118 of the drones" after "147 Shahed drones": the Shaheds;
        if entry.launched is not None or entry.intercepted is None:  # "34 cruise missiles were shot down"
            continue  # after "Russia fired 81 missiles": the 81's; "Neither missile was intercepted" after Iskanders
        family = [w for k, w in entries.items() if k != key and k[0] != "mixed" and w.intercepted is None and
                  _kin(key, k) and (w.launched is None or w.launched >= entry.intercepted)]
        if len(family) == 1:
            family[0].intercepted = entry.intercepted
            del entries[key]
    _rockets_as_missiles(entries)
    _subtract(entries, lambda key: key == ("missile", None),
              lambda key, other: other[0] in MISSILE_KINDS and other[0] != "missile")
    if any(k[0] != "mixed" and (w.launched or w.intercepted) for k, w in entries.items()):
        entries.pop(("mixed", None), None)
    for key in [k for k, w in entries.items() if w.launched is None and w.intercepted == 0]:
        if any(k != key and k[0] == key[0] for k in entries):  # "none of them was shot down" told of one place,
            del entries[key]  # beside the kind's own count
    for key, entry in list(entries.items()):  # a count shot down larger than the entry's launch counts its kin too
        if entry.launched is None or entry.intercepted is None or entry.intercepted <= entry.launched:
            continue
        kin = [k for k in entries if k != key and _kin(key, k)]
        if kin and all(k[0] == key[0] for k in kin) and all(entries[k].intercepted is None for k in kin):
            for k in kin:  # "126 drones, about 80 of them Shaheds" then "117 drones shot down": the drones again
                entry.launched += entries.pop(k).launched or 0  # as one entry, as the count shot down tells them
        elif kin:  # "39 missiles, including 11 ballistic ones", then "32 missiles shot down": of both kinds
            entry.intercepted = None
    _add_lost(entries, [f for f in figures if f.role == "lost"])
    for kind, model in named:  # weapons the article names without a figure
        if not any(k[0] == kind or (kind == "missile" and k[0] in MISSILE_KINDS) for k in entries):
            entries[(kind, model)] = Weapon(kind=kind, model=model)
    return list(entries.values())


def _rockets_as_missiles(entries: dict) -> None:
    """"69 rockets were fired" and "54 of 69 missiles were downed": translated reports call missiles rockets; a rocket
    count (of no named rocket system) equal to or below a missile count of the same attack is that count or part of
    it, and rockets beside drones with no missile and no artillery told are the attack's missiles."""
    missiles = {w.launched for k, w in entries.items() if k[0] in MISSILE_KINDS and w.launched}
    for key in [k for k, w in entries.items() if k[0] == "rocket" and k[1] is None and w.launched and missiles
                and (w.launched in missiles or w.launched < max(missiles))]:
        del entries[key]  # ("One rocket landed in Belarus" after "54 of 69 missiles": one of them)
    rocket = entries.get(("rocket", None))
    if rocket is not None and any(k[0] == "drone" for k in entries) and not any(
            k[0] in MISSILE_KINDS or k[0] == "artillery" or k[0] == "rocket" and k[1] for k in entries):
        entries.pop(("rocket", None))  # "122 rockets and 36 drones": a translated missile strike, not rocket artillery
        entries[("missile", None)] = Weapon(kind="missile", launched=rocket.launched, qualifier=rocket.qualifier,
                                            intercepted=rocket.intercepted)


def alternates(figures: list[WeaponFigure], weapons: list[Weapon]) -> list[dict]:
    """The counts an attack's figures did not take: a city's or a region's beside the country's, an approximate one
    beside an exact one — kept with who or where told them, never added."""
    used = {(w.kind, w.model, role): getattr(w, role) for w in weapons for role in ("launched", "intercepted")}
    out: list[dict] = []
    for f in figures:
        if f.role not in ("launched", "intercepted") or used.get((f.kind, f.model, f.role)) in (None, f.value):
            continue
        alt = {"source": f.scope, "kind": f.kind, "model": f.model, f.role: f.value}
        if f.role == "launched" and f.qualifier != "exact":
            alt["qualifier"] = f.qualifier
        if alt not in out:
            out.append(alt)
    return out


def _add_lost(entries: dict, lost: list[WeaponFigure]) -> None:
    """Weapons told lost apart from those shot down ("25 were locationally lost"): the largest such count, on the
    entry of that kind and model, else of that kind that counts the most launched, else an entry of their own."""
    best: dict[tuple[str, str | None], int] = {}
    for f in lost:
        best[(f.kind, f.model)] = max(best.get((f.kind, f.model), 0), f.value)
    for key, value in best.items():
        entry = entries.get(key) or max((w for k, w in entries.items() if k[0] == key[0]),
                                        key=lambda w: w.launched or 0, default=None)
        if entry is None:
            entry = entries[key] = Weapon(kind=key[0], model=key[1])
        entry.lost = value if entry.lost is None else max(entry.lost, value)


def _kin(key: tuple[str, str | None], other: tuple[str, str | None]) -> bool:
    """Whether two entries may count the same weapons: same kind, or both missiles, and no two different models."""
    same_kind = key[0] == other[0] or key[0] in MISSILE_KINDS and other[0] in MISSILE_KINDS
    return same_kind and (key[1] is None or other[1] is None or key[1] == other[1])


def _subtract(entries: dict, is_total, is_part) -> None:
    """Replace each total by the remainder its breakdown leaves (or drop it when nothing remains)."""
    for key in [k for k in entries if is_total(k)]:
        parts = [w for k, w in entries.items() if k != key and is_part(key, k)]
        if not parts or key not in entries:
            continue
        total = entries[key]
        if len(parts) == 1 and parts[0].launched == total.launched and parts[0].intercepted is None:
            parts[0].intercepted = total.intercepted  # "90 cruise missiles" and "70 of the 90 missiles": one count
            del entries[key]
            continue
        if total.launched is not None and total.launched == total.intercepted:  # "all 18 missiles were shot down,
            for p in parts:  # including six Kinzhals": every part was shot down too
                p.launched = p.intercepted if p.launched is None else p.launched
                p.intercepted = p.launched if p.intercepted is None else p.intercepted
        for attr in ("launched", "intercepted"):
            value = getattr(total, attr)
            told = [getattr(p, attr) for p in parts if getattr(p, attr) is not None]
            if value is not None and told:
                setattr(total, attr, max(value - sum(told), 0))
        if not total.launched and total.intercepted is None or total.launched == 0 and not total.intercepted:
            del entries[key]


def casualties(figures: list[CasualtyFigure]) -> Casualties | None:
    """Killed and wounded: the largest toll told (tolls only rise); when every figure is one place's and they name
    several places ("one killed in Kyiv …, 19 wounded in Kharkiv"), the sum of each place's largest."""
    count: dict[str, Count] = {}
    for role in ("killed", "wounded"):
        told = [f for f in figures if f.role == role]
        if not told:
            continue
        places = _outermost(by_place(told))
        if len(places) > 1 and all(f.place for f in told):
            exact = all(f.qualifier == "exact" for f in places.values())
            count[role] = Count(value=sum(f.value for f in places.values()),
                                qualifier="exact" if exact else "at_least",
                                text="; ".join(f"{f.text} ({p})" for p, f in places.items()))
        else:
            f = max(told, key=lambda f: f.value)
            count[role] = Count(value=f.value, qualifier=f.qualifier, text=f.text)
    if not count:
        return None
    return Casualties(killed=count.get("killed"), wounded=count.get("wounded"))


def _outermost(places: dict[str, CasualtyFigure]) -> dict[str, CasualtyFigure]:
    """A town's figure told again for its region ("four injured in the Sumy region", "four injured … near
    Bilopillia") is the region's, not a second count."""
    return {place: f for place, f in places.items() if not any(
        other != place and g.value == f.value and lies_in(place, other) for other, g in places.items())}


def by_place(figures: list[CasualtyFigure]) -> dict[str, CasualtyFigure]:
    """Each place's largest figure (the capital's under "the capital" and the city's name alike are two places)."""
    best: dict[str, CasualtyFigure] = {}
    for f in figures:
        if f.place and (f.place not in best or f.value > best[f.place].value):
            best[f.place] = f
    return best


def casualties_by_place(figures: list[CasualtyFigure]) -> dict:
    """{"Kyiv": {"killed": 1, "wounded": 4}, "Kharkiv": {"wounded": 19}} when figures are told of two places or more."""
    out: dict[str, dict[str, float]] = {}
    for role in ("killed", "wounded"):
        for place, f in by_place([f for f in figures if f.role == role]).items():
            out.setdefault(place, {})[role] = f.value
    return {"casualties_by_place": out} if len(out) > 1 else {}


def record_of(clues: list) -> dict[str, str]:
    """What a record claim counts, from the weapons its own sentence names: {"record_of": "drones"}."""
    for clue in clues:
        if not clue.record:
            continue
        kinds = {f.kind for f in clue.weapons} | {k for k, _ in clue.named}
        drones, missiles = "drone" in kinds, bool(kinds & MISSILE_KINDS)
        if drones or missiles:
            return {"record_of": "drones and missiles" if drones and missiles else "drones" if drones else "missiles"}
    return {}


def rescued(figures: list[CasualtyFigure]) -> dict[str, str | float]:
    """People pulled from rubble or rescued ("one person was pulled from the rubble")."""
    values = [f.value for f in figures if f.role == "rescued"]
    return {"rescued": max(values)} if values else {}


def subtype_of(kinds: set[str], period: bool) -> str | None:
    if period:
        return "period total"
    if kinds & {"drone"} and kinds & MISSILE_KINDS:
        return "drone and missile strike"
    if kinds == {"drone"}:
        return "drone strike"
    if kinds and kinds <= MISSILE_KINDS:
        return "missile strike"
    if "guided bomb" in kinds or "aircraft" in kinds:
        return "air strike"
    if kinds & {"artillery", "rocket"}:
        return "shelling"
    return None
