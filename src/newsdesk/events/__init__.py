"""Events: what happened, to whom, where, when and how big, read from one analysed article.

``find_events(doc, entities, quantities, dates)`` returns ``schema.Event`` records (docs/events.md);
``reference`` reads the missile-attack reference CSV and checks an article's attacks and record
claims against it.
"""

from newsdesk.events.extract import find_events

__all__ = ["find_events"]
