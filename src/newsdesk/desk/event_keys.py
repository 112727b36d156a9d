"""What desk events are keyed and compared by: their kinds, the tally column of a weapon kind, parties' names.

Shared by ``events`` (attaching an article's events to desk events) and ``event_merge`` (recomputing a desk
event's figures), which both stand above this module.
"""

from __future__ import annotations

from newsdesk.events.reference import MISSILE_KINDS

ATTACK = "attack"
PERIOD_TOTAL = "period total"
#: Tally kinds in display order; every missile kind (cruise, ballistic, surface-to-air, unknown) is ``missile``.
KINDS = ("drone", "missile", "guided bomb", "rocket", "artillery", "aircraft", "mixed")
#: The kinds an attack total adds up (as the reference's attack total): drones, missiles, guided bombs.
TOTAL_KINDS = ("drone", "missile", "guided bomb")
UNORDERED_TYPES = frozenset({"diplomacy", "prisoner_exchange"})
RULE = ("value: the figure most sources give, else the lower median of the sources' figures; "
        "killed and wounded: the largest figure (tolls only rise)")


def tally_kind(kind: str | None) -> str:
    """The tally column of an article's or the reference's weapon kind.

    >>> tally_kind("cruise missile"), tally_kind("ballistic missile"), tally_kind("drone"), tally_kind(None)
    ('missile', 'missile', 'drone', 'mixed')
    """
    text = (kind or "").strip().casefold()
    if not text:
        return "mixed"
    if text in MISSILE_KINDS or text.endswith("missile"):
        return "missile"
    if text in {"drone", "drones", "uav"}:
        return "drone"
    return text


def kind_rank(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def party_name(party: dict | None, key: str = "name") -> str | None:
    if not party:
        return None
    text = " ".join(str(party.get(key) or "").split())
    return text or None


def name_key(text: str | None) -> str | None:
    return text.casefold() if text else None


def compatible(a: str | None, b: str | None) -> bool:
    """Unknown is compatible with anything; two known names only when they are the same."""
    return a is None or b is None or name_key(a) == name_key(b)


def party_keys(actor: str | None, target: str | None) -> set[str]:
    return {k for k in (name_key(actor), name_key(target)) if k}
