"""Events across articles (being written): ``attach_events`` ties each article's events to desk events."""

from __future__ import annotations


def attach_events(store, article: int, analysis: dict) -> None:
    """Inside the ingest transaction: link the article's events to desk events (placeholder)."""
