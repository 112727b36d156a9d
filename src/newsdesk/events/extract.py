"""Finding events in an analysed article (placeholder until the attack rules land)."""

from __future__ import annotations

from newsdesk.schema import DateRef, Entity, Event, Quantity


def find_events(doc, entities: list[Entity], quantities: list[Quantity], dates: list[DateRef]) -> list[Event]:
    """The events the article tells, in order of first evidence."""
    return []
