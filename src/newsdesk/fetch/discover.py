"""What a URL holds, and the articles it leads to: an article page, an RSS/Atom/JSON feed, a (news) sitemap or
sitemap index, or a site's home page.

* a feed's entries are read with feedparser (``read.feeds``); JSON Feed, which feedparser 6.0 does not read,
  is mapped field by field (``read.feeds.read_json_feed``). An entry whose feed carries the whole text
  (``FULL_TEXT_PARAGRAPHS`` paragraphs of ``FULL_TEXT_PARAGRAPH_WORDS`` words in all, or ``FULL_TEXT_WORDS``
  words) is read from the feed — or from its page when the feed's copy has no article text; the others —
  teasers — from their page;
* a sitemap is read with lxml: ``<url><loc>`` with ``<lastmod>`` or ``<news:publication_date>``, newest
  first, links to other sites dropped; a sitemap index leads to its ``INDEX_CHILDREN`` newest sitemaps (news
  sitemaps first). trafilatura's sitemap helper is not used: it drops the dates and every host without a
  registered domain (an intranet name, an address);
* a home page leads to its feeds: those its ``<link rel="alternate">`` names (trafilatura's
  ``determine_feed``), else the first of ``COMMON_FEED_PATHS`` that answers with a feed, else the sitemaps its
  robots.txt names or ``/sitemap.xml``;
* any other HTML page is one article.

A page is a home page when its path is ``/`` or it says it is no article (``og:type`` ``website``) while
naming feeds; a page that says it is an article (``og:type`` ``article``, ``article:published_time``,
schema.org ``NewsArticle`` …) is always one.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit

from newsdesk.errors import InputEmpty, InputError
from newsdesk.fetch.client import Fetched, Fetcher, FetchError
from newsdesk.read.feeds import FeedEntry, entry_article, looks_like_feed, read_feed, read_json_feed
from newsdesk.schema import Article

Kind = Literal["page", "feed", "sitemap", "home"]
FULL_TEXT_WORDS = 150
FULL_TEXT_PARAGRAPHS = 3
FULL_TEXT_PARAGRAPH_WORDS = 60  # three paragraphs make a whole text only with this many words
INDEX_CHILDREN = 3
COMMON_FEED_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml", "/feeds/all.atom.xml")
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.8"
_SITEMAP_ROOT = re.compile(r"<(?:[\w.-]+:)?(urlset|sitemapindex)[\s>]")
_ARTICLE_TYPES = re.compile(r'"@type"\s*:\s*\[?\s*"(?:News|Reportage|Analysis|Opinion)?Article"|"BlogPosting"')
_OG_TYPE = re.compile(r"""<meta[^>]+property=["']og:type["'][^>]*content=["']([^"']+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One item a feed or sitemap lists: its page URL, and the feed's own copy when there is one."""

    name: str  # how failures name it: the page URL, else "FEED#N"
    url: str | None
    feed: FeedEntry | None = None


@dataclass
class Listing:
    """What a source URL held when it was fetched."""

    kind: Kind
    fetched: Fetched
    polled: str  # the URL asked (a home page's feed, once found, is polled instead of the page)
    entries: list[Entry] = field(default_factory=list)
    article: Article | None = None  # kind "page"


def kind_of(fetched: Fetched) -> Literal["feed", "jsonfeed", "sitemap", "html"]:
    """A fetched body's kind, by its first bytes (servers' content types are too often wrong)."""
    head = fetched.body[:4096].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if head.startswith("{") and ("jsonfeed.org" in head or "json" in fetched.content_type):
        return "jsonfeed"
    if looks_like_feed(head):
        return "feed"
    if head.startswith("<") and _SITEMAP_ROOT.search(head) and "<html" not in head[:1000].lower():
        return "sitemap"
    return "html"


def fetch_article(fetcher: Fetcher, url: str) -> Article:
    """The article at ``url`` (``read``/``analyze URL``); a feed, sitemap or home page is refused, naming the
    verb that reads it."""
    listing = list_source(fetcher, url)
    if listing.kind != "page":
        what = {"feed": "a feed", "sitemap": "a sitemap", "home": "a site's home page"}[listing.kind]
        raise InputError(f"is {what} listing {len(listing.entries)} articles, not one article: "
                         "`newsdesk ingest URL` reads them", source=url)
    assert listing.article is not None
    return listing.article


def list_source(fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None,
                poll: str | None = None) -> Listing:
    """Fetch a source and list what it holds. ``poll`` is the URL found last time (a home page's feed);
    with ``etag``/``last_modified`` from then, an unchanged source answers 304 (``fetched.not_modified``)."""
    target = poll or url
    fetched = fetcher.get(target, etag=etag, last_modified=last_modified,
                          accept=FEED_ACCEPT if poll and poll != url else None)
    if fetched.not_modified:
        return Listing("feed", fetched, target)
    kind = kind_of(fetched)
    if kind in ("feed", "jsonfeed"):
        return Listing("feed", fetched, target, _feed_entries(fetched, kind))
    if kind == "sitemap":
        return Listing("sitemap", fetched, target, _sitemap_entries(fetcher, fetched))
    html = fetched.text()
    if _is_home(fetched.url, html):
        return _home(fetcher, fetched, html)
    from newsdesk.read import read

    return Listing("page", fetched, target, [Entry(fetched.url, fetched.url)],
                   read(html, url=fetched.url, name=url))


def read_entry(fetcher: Fetcher, entry: Entry) -> Article:
    """The article an entry leads to: the feed's copy when it holds the whole text, else its page."""
    if entry.feed is not None and (_whole_text(entry.feed.body) or not entry.url):
        try:
            return entry_article(entry.feed, source=entry.name)
        except InputEmpty:
            if not entry.url:
                raise  # else the page may hold what the feed's copy does not
    if not entry.url:
        raise InputEmpty("the entry has no link and no text", source=entry.name)
    fetched = fetcher.get(entry.url)
    if kind_of(fetched) != "html":
        raise InputError("the entry's link is not an article page", source=entry.name)
    from newsdesk.read import read

    article = read(fetched.text(), url=fetched.url, name=entry.name,
                   publisher=entry.feed.publisher if entry.feed else None)
    if entry.feed is not None:
        article.published = article.published or entry.feed.published
    if not article.text.strip():
        raise InputEmpty(f"no article text found ({article.diagnostics.reason or 'empty body'})", source=entry.name)
    return article


# ---- feeds -----------------------------------------------------------------------------------------------


def _feed_entries(fetched: Fetched, kind: str) -> list[Entry]:
    body = fetched.text()
    try:
        found = read_json_feed(body, source=fetched.url) if kind == "jsonfeed" else read_feed(body, source=fetched.url)
    except InputEmpty:
        return []
    return [Entry(e.url or f"{fetched.url}#{e.number}", urljoin(fetched.url, e.url) if e.url else None, e)
            for e in found]


def _whole_text(body: str) -> bool:
    """Whether a feed's copy holds the article, not a teaser: ``FULL_TEXT_PARAGRAPHS`` paragraphs or more, or
    ``FULL_TEXT_WORDS`` words."""
    paragraphs = len(re.findall(r"<p[\s>]", body, re.IGNORECASE)) or len(re.split(r"\n\s*\n", body.strip()))
    words = len(re.sub(r"<[^>]+>", " ", body).split())
    return (paragraphs >= FULL_TEXT_PARAGRAPHS and words >= FULL_TEXT_PARAGRAPH_WORDS) or words >= FULL_TEXT_WORDS


# ---- sitemaps --------------------------------------------------------------------------------------------


def _sitemap_entries(fetcher: Fetcher, fetched: Fetched, depth: int = 0) -> list[Entry]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(fetched.body, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise FetchError("is not a readable sitemap", source=fetched.url)
    links = []
    for node in root:
        loc = _child_text(node, "loc")
        when = _child_text(node, "publication_date") or _child_text(node, "lastmod") or ""
        if loc and _same_site(fetched.url, loc):
            links.append((when, urljoin(fetched.url, loc)))
    links.sort(key=lambda pair: pair[0], reverse=True)  # newest first; undated ones keep their order, last
    if etree.QName(root).localname == "sitemapindex":
        if depth:
            return []
        children = sorted(links, key=lambda pair: "news" not in pair[1].lower())[:INDEX_CHILDREN]
        entries: list[Entry] = []
        for _when, child in children:
            try:
                entries += _sitemap_entries(fetcher, fetcher.get(child, accept=FEED_ACCEPT), depth + 1)
            except InputError:
                continue  # one unreadable child sitemap does not hide the others
        return list({e.url: e for e in entries}.values())
    return [Entry(loc, loc) for _when, loc in links]


def _child_text(node, name: str) -> str | None:
    for child in node.iter():
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == name and child.text:
            return child.text.strip()
    return None


def _same_site(base: str, link: str) -> bool:
    a = (urlsplit(base).hostname or "").removeprefix("www.")
    b = (urlsplit(urljoin(base, link)).hostname or "").removeprefix("www.")
    return a == b or b.endswith("." + a) or a.endswith("." + b)


# ---- home pages ------------------------------------------------------------------------------------------


def _is_home(url: str, html: str) -> bool:
    head = html[:200_000]
    og = _OG_TYPE.search(head)
    if (og and og.group(1).lower() == "article") or "article:published_time" in head or _ARTICLE_TYPES.search(head):
        return False
    if urlsplit(url).path.strip("/") == "":
        return True
    return bool(og and og.group(1).lower() == "website" and "application/rss+xml" in head)


def _home(fetcher: Fetcher, fetched: Fetched, html: str) -> Listing:
    from trafilatura.feeds import FeedParameters, determine_feed

    parts = urlsplit(fetched.url)
    params = FeedParameters(fetched.url, parts.netloc, fetched.url)
    named = determine_feed(html, params)[:3]
    candidates = named or [urljoin(fetched.url, p) for p in COMMON_FEED_PATHS]
    for candidate in candidates:
        try:
            feed = fetcher.get(candidate, accept=FEED_ACCEPT)
        except InputError:
            continue
        kind = kind_of(feed)
        if kind in ("feed", "jsonfeed"):
            return Listing("home", feed, candidate, _feed_entries(feed, kind))
    for sitemap in fetcher.robots_sitemaps(fetched.url) or [urljoin(fetched.url, "/sitemap.xml")]:
        try:
            found = fetcher.get(sitemap, accept=FEED_ACCEPT)
        except InputError:
            continue
        if kind_of(found) == "sitemap":
            return Listing("home", found, sitemap, _sitemap_entries(fetcher, found))
    raise FetchError("is a home page with no feed or sitemap newsdesk can find "
                     f"(tried {len(candidates)} feed URLs and the sitemaps)", source=fetched.url)



def read_entries(fetcher: Fetcher, entries: list[Entry]) -> Iterator[tuple[str, Article | InputError]]:
    """``(entry name, Article or why not)`` for each entry, in order; pages are fetched ``concurrency`` at a
    time (the client still keeps its delay per host)."""
    workers = max(1, fetcher.policy.concurrency)
    with ThreadPoolExecutor(workers, thread_name_prefix="newsdesk-fetch") as pool:
        window: deque = deque()
        for entry in entries:
            window.append((entry, pool.submit(_read_or_error, fetcher, entry)))
            if len(window) >= 2 * workers:
                done, future = window.popleft()
                yield done.name, future.result()
        while window:
            done, future = window.popleft()
            yield done.name, future.result()


def _read_or_error(fetcher: Fetcher, entry: Entry) -> Article | InputError:
    try:
        return read_entry(fetcher, entry)
    except InputError as exc:
        return exc
