"""Finding the events of an analysed article: attacks (``attacks``) and the other types (``others``)."""

from __future__ import annotations

from datetime import date

from newsdesk.events.attacks import find_attacks
from newsdesk.events.others import find_others
from newsdesk.events.parties import EntityIndex
from newsdesk.schema import DateRef, Entity, Event, Quantity


def find_events(doc, entities: list[Entity], quantities: list[Quantity], dates: list[DateRef],
                published: date | None = None, headline: str | None = None) -> list[Event]:
    """The events the article tells: attacks first (v1, v2 …), then the others, each in text order.
    ``published`` keeps a "Monday night" from being dated after the article appeared; ``headline``'s figures fill
    what the body names without counting ("dozens of drones" under "… 36 drones" in the headline)."""
    index = EntityIndex(entities)
    attacks = find_attacks(doc, index, quantities, dates, published, headline)
    return attacks + find_others(doc, index, quantities, dates, attacks, len(attacks) + 1)
