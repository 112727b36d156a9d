"""Stories (being written): ``assign_story`` puts an article into the story it belongs to."""

from __future__ import annotations


def assign_story(store, article: int, analysis: dict) -> None:
    """Inside the ingest transaction: put the article into a story (placeholder)."""
