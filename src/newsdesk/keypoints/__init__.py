"""Key points: the "AI generated" box on top of an article, made of the article's own words.

``find_key_points(article, doc, entities, quantities, dates, n=3)`` returns ``n`` bullets (1 to 5),
each a compressed sentence of the article with the spans it came from (``extractive.py``), every one
passed through the faithfulness guard (``guard.py``): a bullet whose number, name or date is not in its
support is dropped and the next candidate takes its place; the notes say what was dropped and why.
Optional LLM backends (``llm.py``) sit behind the same guard.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsdesk.errors import BadOption
from newsdesk.keypoints.extractive import candidates, rank
from newsdesk.keypoints.guard import guard, unsupported
from newsdesk.schema import Article, DateRef, Entity, KeyPoint, Quantity, Span

__all__ = ["MAX_POINTS", "find_key_points", "guard", "unsupported", "check_points_option"]

MAX_POINTS = 5
SPARE = 4  # candidates ranked beyond n, to replace bullets the guard drops


def check_points_option(n: int) -> int:
    """``n`` if it is a number of key points newsdesk makes (1 to 5), else a ``BadOption``."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_POINTS:
        raise BadOption(f"points must be a whole number from 1 to {MAX_POINTS}, not {n!r}", source="--points")
    return n


def find_key_points(article: Article, doc: Doc, entities: list[Entity], quantities: list[Quantity],
                    dates: list[DateRef], n: int = 3, *, embedder: str = "spacy") -> tuple[list[KeyPoint], list[str]]:
    """Up to ``n`` guarded key points of a parsed article, and a note for each bullet dropped or replaced.

    ``quantities`` and ``dates`` are the article's own facts; the guard reads numbers and dates from the
    support text itself, so a bullet can never state one its sentences do not.

    >>> from newsdesk.language.nlp import load_nlp
    >>> from newsdesk.language.entities import find_entities
    >>> from newsdesk.schema import Section
    >>> body = "Floods cut off three villages in Galway on Monday. Rescuers reached them by boat."
    >>> art = Article(text=body, sections=[Section(paragraphs=[body])])
    >>> doc = load_nlp()(body)
    >>> points, notes = find_key_points(art, doc, find_entities(doc), [], [], n=1)
    >>> points[0].text, points[0].support[0].start
    ('Floods cut off three villages in Galway on Monday.', 0)
    """
    check_points_option(n)
    ranked = rank(candidates(article, doc, entities), limit=n + SPARE, embedder=embedder)
    points: list[KeyPoint] = []
    notes: list[str] = []
    for cand in ranked:
        if len(points) == n:
            break
        point = KeyPoint(text=cand.text, support=[Span(start=s, end=e) for s, e in cand.spans], method="extractive")
        kept, dropped = guard([point], article.text)
        points.extend(kept)
        notes.extend(note + "; the next candidate replaces it" for note in dropped)
    if len(points) < n and article.text.strip():
        notes.append(f"key points: {len(points)} of {n} made; the article has no more sentences that stand alone")
    return points, notes
