"""HTML page → :class:`~newsdesk.schema.Article`: trafilatura for the body, our own passes for the rest.

The body comes from a short cascade (see :func:`extract_body`); each step runs only when the
previous ones left the body short, so the common page costs one fast trafilatura pass. The
path taken is recorded in ``article.diagnostics.path``; an empty or tiny body always carries a
``diagnostics.reason``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from lxml.etree import ParserError, _Element
from lxml.html import HtmlElement, HTMLParser, document_fromstring
from trafilatura import bare_extraction
from trafilatura.utils import load_html

from newsdesk.read.html_body import body_sections, body_with_headings
from newsdesk.read.html_captions import harvest_captions, remove_captions
from newsdesk.read.html_meta import PageMeta, page_metadata
from newsdesk.read.html_page import explain_short_body
from newsdesk.read.html_split import body_container, missing_parts, rejoin
from newsdesk.read.html_subheads import restore_subheads
from newsdesk.schema import Article, Diagnostics, Section, build_text

__all__ = ["read_html", "extract_body", "scored_body", "TINY_BODY_WORDS"]

LOGGER = logging.getLogger(__name__)

# A body under this many words is reported as tiny, with a reason.
TINY_BODY_WORDS = 50
# Below this, the fast pass may have missed the article: compare with readability/jusText.
COMPARE_BELOW_WORDS = 100
# Below this, still suspiciously short: let trafilatura's balanced mode escalate for recall.
RECALL_BELOW_WORDS = 50
RECALL_MIN_WORDS = 20
# Accept a re-extraction over joined chunks only when it brings this much more text.
REJOIN_GAIN = 1.25
_WORD = re.compile(r"\w+")
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)


@dataclass(frozen=True, slots=True)
class _Step:
    name: str
    below_words: int  # run this step only when the best body so far has fewer words
    options: dict[str, bool]
    min_words: int = 1  # a result shorter than this is not taken from this step


# Precision mode, no comparison first; trafilatura's comparison and recall escalation only on short bodies.
CASCADE: tuple[_Step, ...] = (
    _Step("trafilatura", 1, {"fast": True, "favor_precision": True}),
    _Step("trafilatura+compare", COMPARE_BELOW_WORDS, {"favor_precision": True}),
    # the recall pass grabs whatever text a page has: a few words from it are menu items, not an article
    _Step("trafilatura+recall", RECALL_BELOW_WORDS, {}, min_words=RECALL_MIN_WORDS),
)


def read_html(html: str, *, url: str | None = None) -> Article:
    """Read one news page: body in sections, captions apart, metadata, and how it was done.

    >>> page = ("<html><head><title>Dam bursts</title></head><body><article><h1>Dam bursts</h1>"
    ...         "<p>" + "Water flooded the valley after the dam gave way on Monday. " * 8 + "</p>"
    ...         "</article></body></html>")
    >>> art = read_html(page)
    >>> art.headline, art.diagnostics.path, art.text.startswith("Water flooded")
    ('Dam bursts', 'trafilatura', True)
    """
    html = _sanitize(html)
    tree = _parse(html)
    if tree is None:
        reason = "no article body found: the page is empty or cannot be parsed as HTML"
        return Article(url=url, diagnostics=Diagnostics(input_kind="html", path="none", reason=reason))
    meta = page_metadata(tree, url)
    captions = harvest_captions(tree)
    body, path = extract_body(html, url=url)
    sections = body_sections(body)
    joined = _rejoin_split_body(tree, sections, url)
    if joined is not None:
        sections, path = body_sections(joined), f"{path}+rejoined"
    sections, restored = restore_subheads(tree, sections)
    sections = _strip_headline(sections, meta.headline)
    sections, caption_lines = remove_captions(sections, captions)
    article = _article(meta, sections, url)
    article.captions = captions
    article.diagnostics.path = path
    if caption_lines:
        article.diagnostics.removed["caption"] = caption_lines
    if restored:
        article.diagnostics.path += "+subheads"
    words = len(_WORD.findall(article.text))
    if words < TINY_BODY_WORDS:
        article.diagnostics.reason = explain_short_body(tree, words)
    return article


def _sanitize(html: str) -> str:
    """Drop what makes libxml2 stop reading mid-page: NUL characters and lone surrogates."""
    if "\x00" in html:
        html = html.replace("\x00", "")
    try:
        html.encode("utf-8")
    except UnicodeEncodeError:
        html = html.encode("utf-8", "replace").decode("utf-8")
    return html


def _parse(html: str) -> HtmlElement | None:
    """Our own read-only tree (trafilatura parses its own: a second parse is cheaper than a deep copy)."""
    try:
        return document_fromstring(html, parser=_PARSER)
    except (ValueError, ParserError):
        pass  # control characters, an encoding declaration, or nothing at all: trafilatura's repairs
    try:
        return load_html(html)
    except Exception as exc:  # lxml refuses some byte soups outright; that is "no article", not a crash
        LOGGER.debug("HTML parse failed: %s", exc)
        return None


def _article(meta: PageMeta, sections: list[Section], url: str | None) -> Article:
    return Article(
        headline=meta.headline,
        standfirst=meta.standfirst,
        byline=meta.byline,
        published=meta.published,
        publisher=meta.publisher,
        url=url or meta.url,
        sections=sections,
        text=build_text(sections),
        diagnostics=Diagnostics(input_kind="html"),
    )


def extract_body(html: str | HtmlElement, *, url: str | None = None) -> tuple[_Element | None, str]:
    """The body element trafilatura finds, and the cascade step that produced it.

    Each step of :data:`CASCADE` runs only while the best body has fewer words than the step's
    threshold, and its result is kept only when it is longer.
    """
    best: _Element | None = None
    best_words, path = 0, "none"
    for step in CASCADE:
        if best_words >= step.below_words:
            break
        body = _trafilatura_body(html, url, step.options)
        words = _count_words(body)
        if words > best_words and words >= step.min_words:
            best, best_words, path = body, words, step.name
    return best, path


def _rejoin_split_body(tree: HtmlElement, sections: list[Section], url: str | None) -> _Element | None:
    """A new body extracted with split body chunks joined, when the page has chunks the body lacks.

    Our tree is changed in place: call this after every other use of it.
    """
    paragraphs = [p for s in sections for p in s.paragraphs]
    container = body_container(tree, paragraphs[0]) if paragraphs else None
    if container is None:
        return None
    body_text = " ".join(paragraphs)
    parts = missing_parts(tree, container, body_text)
    if not parts:
        return None
    rejoin(container, parts)
    before = len(_WORD.findall(body_text))
    joined = _trafilatura_body(tree, url, CASCADE[0].options)
    if _count_words(joined) >= max(REJOIN_GAIN * before, before + TINY_BODY_WORDS):
        return joined
    return None


def _trafilatura_body(html: str | HtmlElement, url: str | None, options: dict[str, bool]) -> _Element | None:
    try:
        document = bare_extraction(html, url=url, include_comments=False, **options)
    except Exception as exc:  # trafilatura raising on odd markup must not lose the page
        LOGGER.warning("trafilatura failed (%s): %s", options, exc)
        return None
    return None if document is None else document.body


def _count_words(body: _Element | None) -> int:
    if body is None:
        return 0
    return sum(len(_WORD.findall(t)) for t in body.itertext())


def _strip_headline(sections: list[Section], headline: str | None) -> list[Section]:
    """Drop the page title where the body repeats it as its first line."""
    if not headline or not sections:
        return sections
    key = _key(headline)
    first = sections[0]
    if first.heading and _key(first.heading) == key:
        return [Section(heading=None, paragraphs=first.paragraphs), *sections[1:]]
    if first.heading is None and first.paragraphs and _key(first.paragraphs[0]) == key:
        return [Section(heading=None, paragraphs=first.paragraphs[1:]), *sections[1:]]
    return sections


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def scored_body(article: Article) -> str:
    """The body as the article-extraction benchmark scores it: subheads included, one block a line."""
    return body_with_headings(article.sections)
