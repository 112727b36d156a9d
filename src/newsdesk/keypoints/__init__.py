"""Key points: the "AI generated" box on top of an article, made of the article's own words.

``find_key_points(article, doc, entities, quantities, dates, n=3)`` returns ``n`` bullets (1 to 5),
each a compressed sentence of the article with the spans it came from (``extractive.py``), every one
passed through the faithfulness guard (``guard.py``): a bullet whose number, name or date is not in its
support is dropped and the next candidate takes its place; the notes say what was dropped and why.
Optional LLM backends (``llm.py``) sit behind the same guard: ``key_points_with_llm`` asks one for the
bullets and falls back to the extractive ones, saying why, when it fails or the guard drops them all.
"""

from __future__ import annotations

import importlib.util

from spacy.tokens import Doc

from newsdesk.errors import BadOption, MissingDependency
from newsdesk.keypoints.extractive import candidates, rank, sentences
from newsdesk.keypoints.guard import guard, unsupported
from newsdesk.schema import Article, DateRef, Entity, KeyPoint, Quantity, Span

__all__ = ["MAX_POINTS", "find_key_points", "guard", "unsupported", "check_points_option", "check_llm_option",
           "key_points_with_llm"]

MAX_POINTS = 5
SPARE = 4  # candidates ranked beyond n, to replace bullets the guard drops


def check_points_option(n: int) -> int:
    """``n`` if it is a number of key points newsdesk makes (1 to 5), else a ``BadOption``."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_POINTS:
        raise BadOption(f"points must be a whole number from 1 to {MAX_POINTS}, not {n!r}", source="--points")
    return n


def check_llm_option(backend: str | None) -> str | None:
    """``backend`` if an LLM backend can be tried with it: an http(s) URL, or a ``.gguf`` file with
    llama-cpp-python installed. Else ``BadOption`` (exit 2) or ``MissingDependency`` (exit 3), before any work."""
    if backend is None:
        return None
    from newsdesk.keypoints.llm import INSTALL_LLM, check_backend, is_url

    if not isinstance(backend, str) or not backend.strip():
        raise BadOption(f"llm must be an OpenAI-compatible base URL or a .gguf file, not {backend!r}", source="--llm")
    check_backend(backend)
    if not is_url(backend) and importlib.util.find_spec("llama_cpp") is None:
        raise MissingDependency("llama-cpp-python is needed to run a GGUF model", install=INSTALL_LLM, source=backend)
    return backend


def key_points_with_llm(article: Article, doc: Doc, extractive: list[KeyPoint], notes: list[str], n: int,
                        backend: str, model: str | None = None) -> tuple[list[KeyPoint], list[str]]:
    """The LLM's guarded key points (method ``llm:<model>``), topped up or replaced by ``extractive``.

    The LLM sees the article's sentences as the extractive method cuts them; ``notes`` (the extractive
    method's) are kept only when an extractive point is in the result."""
    from newsdesk.keypoints.llm import points_with_llm

    spans = []
    for sent in sentences(doc):
        text = sent.text
        start = sent.start_char + len(text) - len(text.lstrip())
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            spans.append((start, end))
    points, llm_notes = points_with_llm(article.text, spans, n, backend, extractive, model)
    if any(p.method == "extractive" for p in points):
        llm_notes = notes + llm_notes
    return points, llm_notes


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
