"""Page metadata (headline, byline, date, publisher, standfirst, URL) from a parsed HTML tree.

Built from trafilatura's own metadata steps and htmldate, minus what newsdesk does not use
(categories, tags, licence). htmldate's extensive date search tries its fast heuristics first, and
scans the page's text only when they find nothing; that scan hands its last candidates to
dateparser with every one of its locales, which costs about a quarter of a second a page; on
trafilatura's 668 evaluation pages it dated none of them (the extensive search dates 89 pages the fast one
does not, the same 89 without dateparser, in 0.9 s instead of 2.1 s), so it is left out.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import htmldate.extractors
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)

LOGGER = logging.getLogger(__name__)


def _no_external_date(_string: str) -> None:
    return None


if callable(getattr(htmldate.extractors, "_external_date", None)):  # htmldate 1.9–1.x: its dateparser step
    htmldate.extractors._external_date = _no_external_date
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MAX_HEADLINE_CHARS = 300
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " « ", " » ", ": ")
_SITE_FROM_URL = re.compile(r"https?://(?:www\.)?([^/:]+)")


@dataclass(slots=True)
class PageMeta:
    """What the page says about itself, each field ``None`` when the page does not say."""

    headline: str | None = None
    byline: str | None = None
    published: str | None = None
    publisher: str | None = None
    standfirst: str | None = None
    url: str | None = None


def page_metadata(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """Metadata from meta tags, JSON-LD and the page's markup; the tree is not modified.

    >>> from lxml.html import fromstring
    >>> page = fromstring('<html><head><title>Hi there - Site</title>'
    ...     '<meta property="article:published_time" content="2024-05-01T10:00:00Z"></head>'
    ...     '<body><h1>Hi there</h1><p>Text.</p></body></html>')
    >>> meta = page_metadata(page)
    >>> meta.headline, meta.published
    ('Hi there', '2024-05-01')
    """
    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None  # a single token is usually a handle or a site name, not a person
    try:
        doc = extract_meta_json(tree, doc)
    except Exception as exc:  # malformed JSON-LD must not cost the article
        LOGGER.debug("JSON-LD metadata skipped: %s", exc)
    page_url = doc.url or extract_url(tree, url) or url
    publisher = _publisher(doc.sitename or extract_sitename(tree), page_url)
    return PageMeta(
        headline=_without_site_name(_headline(tree, doc.title), publisher),
        byline=_clean(doc.author or extract_author(tree)),
        published=_published(tree, page_url),
        publisher=publisher,
        standfirst=_clean(doc.description),
        url=page_url,
    )


def _headline(tree: HtmlElement, title: str | None) -> str | None:
    """The page's title; an unclosed ``<h1>`` can swallow the whole page, so overlong ones fall back to ``<title>``."""
    headline = _clean(title or extract_title(tree))
    if headline and len(headline) > _MAX_HEADLINE_CHARS:
        title_elem = tree.find(".//title")
        headline = _clean(title_elem.text_content()) if title_elem is not None else None
    if headline and len(headline) > _MAX_HEADLINE_CHARS:
        return None
    return headline


def _published(tree: HtmlElement, url: str | None) -> str | None:
    try:  # one extensive search: it tries the fast heuristics first (the same date on 667 of 668 pages)
        found = find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception as exc:  # htmldate on odd markup: no date rather than no article
        LOGGER.debug("date search failed: %s", exc)
        return None
    return found[:10] if found and _ISO_DAY.match(found) else None


def _publisher(sitename: str | None, url: str | None) -> str | None:
    name = _clean(sitename)
    if name:
        name = name.lstrip("@")
        if "." not in name and not name[0].isupper():
            name = name.title()
        return name or None
    match = _SITE_FROM_URL.match(url or "")
    return match[1] if match else None


def _without_site_name(headline: str | None, publisher: str | None) -> str | None:
    """ "Dam bursts | The Daily" → "Dam bursts" when the page's publisher is The Daily."""
    if not headline or not publisher:
        return headline
    low, site = headline.lower(), publisher.lower()
    for sep in _TITLE_SEPARATORS:
        if low.endswith(sep + site) and len(headline) > len(sep + site):
            return headline[: -len(sep + site)].strip()
        if low.startswith(site + sep.rstrip() + " ") and len(headline) > len(site + sep):
            return headline[len(site + sep.rstrip()) :].strip()
    return headline


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None
