"""Finding the events of an analysed article: attacks (``attacks``) and the other types (``others``)."""

from __future__ import annotations

from newsdesk.events.attacks import find_attacks
from newsdesk.events.parties import EntityIndex
from newsdesk.schema import DateRef, Entity, Event, Quantity


def find_events(doc, entities: list[Entity], quantities: list[Quantity], dates: list[DateRef]) -> list[Event]:
    """The events the article tells: attacks first (v1, v2 …), in order of first evidence."""
    index = EntityIndex(entities)
    return find_attacks(doc, index, quantities, dates)
