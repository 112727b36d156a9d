"""RSS, Atom (feedparser) and JSON Feed: each entry becomes one article.

An entry's title is the headline, its content (else its summary) the body, its link the URL, its
published (else updated) date the publication date and the feed's title the publisher.

    >>> feed = b'''<?xml version="1.0"?><rss version="2.0"><channel><title>Valley News</title>
    ... <item><title>Bridge reopens</title><link>https://example.org/bridge</link>
    ... <description>The old bridge over the river reopened on Monday after two years of repairs.</description>
    ... </item></channel></rss>'''
    >>> [(e.headline, e.url, e.publisher) for e in read_feed(feed)]
    [('Bridge reopens', 'https://example.org/bridge', 'Valley News')]
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

from newsdesk.errors import InputEmpty, InputError, MissingDependency
from newsdesk.schema import Article

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


class NotAFeed(InputError):
    code = "E108"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, before it is read as an article."""

    number: int  # 1-based position in the feed
    headline: str | None
    body: str  # HTML or plain text
    is_html: bool
    url: str | None
    published: str | None  # YYYY-MM-DD
    publisher: str | None


def looks_like_feed(head: str | bytes) -> bool:
    """True when the start of a file is an RSS or Atom document (not an HTML page).

    >>> looks_like_feed('<?xml version="1.0"?>\\n<feed xmlns="http://www.w3.org/2005/Atom">')
    True
    >>> looks_like_feed("<!doctype html><html><body><p>rss</p></body></html>")
    False
    """
    if isinstance(head, bytes):
        head = head[:4096].decode("utf-8", "ignore")
    head = head[:4096].lstrip("\ufeff \t\r\n")
    return head.startswith("<") and bool(_FEED_ROOT.search(head)) and "<html" not in head[:1000].lower()


def read_feed(data: str | bytes, *, source: str = "<feed>") -> list[FeedEntry]:
    """The entries of an RSS/Atom document; NotAFeed when it has no entries and is not well formed."""
    try:
        import feedparser
    except ImportError as exc:  # a declared dependency; only a broken install lands here
        raise MissingDependency("feedparser is not installed", install="pip install feedparser") from exc
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.feed:
            raise NotAFeed(f"is not a readable RSS/Atom feed ({parsed.get('bozo_exception')})", source=source)
        raise InputEmpty("feed has no entries", source=source)
    publisher = _clean(parsed.feed.get("title"))
    return [_entry(i, e, publisher) for i, e in enumerate(parsed.entries, 1)]


def read_json_feed(data: str | bytes, *, source: str = "<feed>") -> list[FeedEntry]:
    """The items of a JSON Feed (jsonfeed.org 1.0/1.1), which feedparser 6.0 does not read: ``title``,
    ``content_html`` (else ``content_text``, else ``summary``), ``url`` and ``date_published``.

    >>> [e.headline for e in read_json_feed('{"version": "https://jsonfeed.org/version/1.1", "title": "T",'
    ...  ' "items": [{"id": "1", "title": "Dam opens", "content_text": "The dam opened."}]}')]
    ['Dam opens']
    """
    import json

    try:
        feed = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotAFeed(f"is not a readable JSON Feed ({exc})", source=source) from exc
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(feed, dict) or "jsonfeed.org" not in str(feed.get("version", "")) or not isinstance(items, list):
        raise NotAFeed("is JSON but not a JSON Feed (no jsonfeed.org version and items)", source=source)
    if not items:
        raise InputEmpty("feed has no entries", source=source)
    publisher = _clean(feed.get("title") if isinstance(feed.get("title"), str) else None)
    entries = []
    for number, item in enumerate((i for i in items if isinstance(i, dict)), 1):
        html_body = item.get("content_html")
        body = html_body or item.get("content_text") or item.get("summary") or ""
        when = str(item.get("date_published") or item.get("date_modified") or "")
        entries.append(FeedEntry(
            number=number, headline=_clean(item.get("title") if isinstance(item.get("title"), str) else None),
            body=body if isinstance(body, str) else "", is_html=bool(html_body),
            url=item.get("url") if isinstance(item.get("url"), str) else None,
            published=when[:10] if re.match(r"\d{4}-\d{2}-\d{2}", when) else None, publisher=publisher))
    return entries


def iter_articles(data: str | bytes, *, source: str = "<feed>") -> Iterator[tuple[str, Article | InputError]]:
    """``(entry source, Article or the error that kept it from being read)`` for each entry of a feed."""
    for entry in read_feed(data, source=source):
        name = f"{source}#{entry.number}"
        try:
            yield name, entry_article(entry, source=name)
        except InputError as exc:
            yield name, exc


def entry_article(entry: FeedEntry, *, source: str) -> Article:
    """Read one entry as an article; its title stays the headline whatever the body starts with."""
    from newsdesk.read import read

    if not entry.body.strip():
        raise InputEmpty("feed entry has no content or summary", source=source)
    title = html.escape(entry.headline or "")
    body = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{entry.body}"
            "</article></body></html>") if entry.is_html else f"{entry.headline or ''}\n\n{entry.body}"
    article = read(body, url=entry.url, published=entry.published, publisher=entry.publisher, name=source)
    if entry.headline:
        article.headline = entry.headline
    if not article.text.strip():
        raise InputEmpty(f"feed entry has no article text ({article.diagnostics.reason or 'empty body'})",
                         source=source)
    return article


def _entry(number: int, entry, publisher: str | None) -> FeedEntry:
    content = entry.get("content") or []
    best = max(content, key=lambda c: len(c.get("value", "")), default=None)
    if best is not None and len(best.get("value", "")) >= len(entry.get("summary", "")):
        body, kind = best.get("value", ""), best.get("type", "text/html")
    else:
        detail = entry.get("summary_detail") or {}
        body, kind = entry.get("summary", ""), detail.get("type", "text/html")
    return FeedEntry(
        number=number,
        headline=_clean(entry.get("title")),
        body=body,
        is_html="html" in kind or bool(re.search(r"<(?:p|br|div|a)\b", body, re.IGNORECASE)),
        url=entry.get("link"),
        published=_day(entry.get("published_parsed") or entry.get("updated_parsed")),
        publisher=publisher,
    )


def _day(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _clean(text: str | None) -> str | None:
    text = re.sub(r"\s+", " ", html.unescape(text or "")).strip()
    return text or None
