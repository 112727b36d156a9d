"""The order of newsdesk's stages, in one place.

    source ─read→ Article ─parse→ Doc ─entities→ ─quotes→ ─quantities→ ─dates→ ─events→ ─key points→ Analysis

Each stage is a plain function of the previous stages' output; the spaCy model is the only
cached state, loaded once per process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from newsdesk.errors import BadOption, InputTooLarge
from newsdesk.events import find_events
from newsdesk.keypoints import check_llm_option, check_points_option, find_key_points, key_points_with_llm
from newsdesk.language.dates import find_dates
from newsdesk.language.entities import find_entities
from newsdesk.language.nlp import load_nlp, model_languages
from newsdesk.language.quantities import find_quantities
from newsdesk.language.quotes import find_quotes
from newsdesk.read import read
from newsdesk.read.detect import confident_language
from newsdesk.schema import Analysis, Article

Source = str | bytes | Path | Article


def analyze(
    source: Source, *, published: str | date | None = None, url: str | None = None, points: int = 3,
    llm: str | None = None, llm_model: str | None = None, force_model: bool = False,
) -> Analysis:
    """Read (if needed) and analyse one article.

    ``published`` resolves relative dates ("on Friday"); without it the article's own date is used.
    ``points`` is the number of key points (1 to 5). ``llm``, an OpenAI-compatible base URL
    (``http://127.0.0.1:8080/v1``) or a ``.gguf`` file, has an LLM write them (``llm_model`` names the
    model); its bullets pass the faithfulness guard, and ``notes`` say why when the extractive ones are used.
    An article in a language no installed model reads is returned read but not analysed, with a note saying so
    (``unread_language``); ``force_model`` analyses it with the English model anyway.

    >>> res = analyze("Storm hits coast\\n\\nMayor Ana Silva said on Friday that 12 homes were flooded.",
    ...               published="2025-03-14")
    >>> res.dates[0].value
    '2025-03-14'
    """
    check_points_option(points)
    check_llm_option(llm)
    article = _as_article(source, url=url)
    if not force_model and (note := unread_language(article)) is not None:
        return Analysis(article=article, notes=[note])  # no parse: nothing in it would be read right
    doc = load_nlp()(_parsable(article).text)
    return _analysis(article, doc, published, points, llm, llm_model)


ENGLISH_ONLY = "entities, quotes, quantities, dates, events and key points"
UNREAD = "the article is in a language newsdesk has no model for"  # how the note of ``unread_language`` opens


def unread_language(article: Article) -> str | None:
    """Why the language stages must skip ``article``: it is surely in a language no installed model reads (the
    German page read by the English model finds a PERSON "514 Kinosäle"); None when a model reads it or its
    language is unsure."""
    readable = model_languages()
    if not readable or article.language in readable:
        return None
    lang = confident_language(article.text or "")
    if lang is None or lang in readable:
        return None
    return (f"{UNREAD} ({lang}; models: {', '.join(sorted(readable))}): {ENGLISH_ONLY} were not read; "
            "--force-model reads them with the English model anyway")


def analyze_parsed(article: Article, doc, published: str | date | None = None, *, points: int = 3,
                   llm: str | None = None, llm_model: str | None = None, force_model: bool = False) -> Analysis:
    """The language stages on an article whose text is already parsed into ``doc`` (``llm``, ``force_model``: as
    ``analyze``)."""
    if not force_model and (note := unread_language(article)) is not None:
        return Analysis(article=article, notes=[note])
    return _analysis(article, doc, published, points, llm, llm_model)


def _analysis(article: Article, doc, published: str | date | None, points: int, llm: str | None,
              llm_model: str | None) -> Analysis:
    """The language stages, once the article's language is known to be read."""
    entities = find_entities(doc)
    quantities = find_quantities(doc)
    day = publication_date(published, article)
    dates = find_dates(doc, day)
    key_points, notes = find_key_points(article, doc, entities, quantities, dates, n=points)
    if llm:
        key_points, notes = key_points_with_llm(article, doc, key_points, notes, points, llm, llm_model)
    return Analysis(
        article=article,
        key_points=key_points,
        notes=notes,
        entities=entities,
        quotes=find_quotes(doc, entities),
        quantities=quantities,
        dates=dates,
        events=find_events(doc, entities, quantities, dates, day, article.headline),
    )


def analyze_many(
    sources: Iterable[Source], *, processes: int = 1, published: str | date | None = None, batch_size: int = 8,
    points: int = 3,
) -> Iterator[Analysis]:
    """Analyse many articles, in order: one ``nlp.pipe`` stream per process.

    >>> [len(r.article.text) > 0 for r in analyze_many(["A story.\\n\\nIt rained all day in Lisbon."])]
    [True]
    """
    if processes < 1:
        raise BadOption(f"processes must be at least 1, not {processes}")
    check_points_option(points)
    if processes == 1:
        yield from _analyze_stream(sources, published, batch_size, points)
        return
    chunks = _chunks(sources, batch_size * 2)
    ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    load_nlp()  # forked workers inherit the loaded model instead of loading it again
    with ctx.Pool(processes) as pool:
        for results in pool.imap(_analyze_chunk, ((chunk, published, batch_size, points) for chunk in chunks)):
            yield from results


def _analyze_stream(sources: Iterable[Source], published, batch_size: int, points: int = 3) -> Iterator[Analysis]:
    articles = (_parsable(_as_article(s)) for s in sources)
    pairs = load_nlp().pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size)
    for doc, article in pairs:
        yield analyze_parsed(article, doc, published, points=points)


def _parsable(article: Article) -> Article:
    """``article``, or ``InputTooLarge`` when its text is longer than the language model takes (spaCy's E088)."""
    limit = load_nlp().max_length
    if len(article.text) > limit:
        raise InputTooLarge(f"the article's text is {len(article.text):,} characters, over the {limit:,} the "
                            "language model takes", source=article.url or article.headline or None)
    return article


def _analyze_chunk(job: tuple[list[Source], str | date | None, int, int]) -> list[Analysis]:
    chunk, published, batch_size, points = job
    return list(_analyze_stream(chunk, published, batch_size, points))


def _chunks(items: Iterable[Source], size: int) -> Iterator[list[Source]]:
    chunk: list[Source] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _as_article(source: Source, url: str | None = None) -> Article:
    return source if isinstance(source, Article) else read(source, url=url)


def publication_date(published: str | date | None, article: Article | None) -> date | None:
    """The date relative expressions resolve against: the caller's, else the article's own, else None."""
    value = published or (article.published if article else None)
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise BadOption(f"published date {value!r} is not YYYY-MM-DD", source="--published") from exc
