"""Pages, feeds and sitemaps of our own, in the habits of several kinds of news site, built from our story
fixtures (``tests/desk/fixtures/story_*.txt``: ``publisher:``/``published:`` lines, headline, byline, paragraphs).

* ``wordpress_page`` / ``wordpress_feed``: a blog-style local site — ``og:type article``, an ``entry-content``
  div, share buttons and a newsletter box; an RSS 2.0 feed with the whole text in ``content:encoded``;
* ``newsroom_page`` / ``atom_feed``: a big outlet — navigation, schema.org ``NewsArticle`` JSON-LD, a lead
  photo with caption and credit; an Atom feed with one-line summaries linking to the pages;
* ``json_feed``: JSON Feed 1.1 with ``content_html``;
* ``news_sitemap`` / ``sitemap_index``: a Google News sitemap with publication dates, and an index of sitemaps.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "desk" / "fixtures"
STORIES = sorted(p.stem for p in FIXTURES.glob("story_*.txt"))


@dataclass
class Story:
    slug: str
    headline: str
    byline: str
    published: str
    publisher: str
    paragraphs: list[str]


def story(slug: str) -> Story:
    head, _, rest = (FIXTURES / f"{slug}.txt").read_text(encoding="utf-8").partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    blocks = [b.strip() for b in rest.split("\n\n") if b.strip()]
    byline = blocks[1].removeprefix("By ") if blocks[1].startswith("By ") else ""
    paragraphs = blocks[2:] if byline else blocks[1:]
    return Story(slug, blocks[0], byline, meta.get("published", "2025-11-03"), meta.get("publisher", "Gazette"),
                 paragraphs)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def wordpress_page(s: Story, *, charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{_e(p)}</p>" for p in s.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="{charset}">
<title>{_e(s.headline)} &#8211; {_e(s.publisher)}</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{_e(s.headline)}">
<meta property="article:published_time" content="{s.published}T07:30:00+00:00">
<link rel="alternate" type="application/rss+xml" title="{_e(s.publisher)} &raquo; Feed" href="/feed/">
</head><body class="post-template-default single">
<div id="masthead"><a href="/">{_e(s.publisher)}</a><ul class="menu"><li><a href="/news/">News</a></li>
<li><a href="/sport/">Sport</a></li></ul></div>
<main id="main"><article class="post type-post">
<header class="entry-header"><h1 class="entry-title">{_e(s.headline)}</h1>
<div class="entry-meta">By <span class="author vcard">{_e(s.byline)}</span> &middot;
<time datetime="{s.published}">{s.published}</time></div></header>
<div class="entry-content">
{body}
<div class="sharedaddy"><h3>Share this:</h3><ul><li>Facebook</li><li>X</li><li>Email</li></ul></div>
</div></article>
<aside class="newsletter"><h2>Sign up for our newsletter</h2><p>Get the day's news in your inbox.</p></aside>
</main><footer>&copy; {_e(s.publisher)}</footer></body></html>"""


def newsroom_page(s: Story) -> str:
    body = "\n".join(f"<p>{_e(p)}</p>" for p in s.paragraphs)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": s.headline,
                     "datePublished": f"{s.published}T06:00:00Z", "author": [{"@type": "Person", "name": s.byline}],
                     "publisher": {"@type": "Organization", "name": s.publisher}})
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{_e(s.headline)} | {_e(s.publisher)}</title>
<script type="application/ld+json">{ld}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<div class="article-page"><h1>{_e(s.headline)}</h1><p class="byline">By {_e(s.byline)}</p>
<figure><img src="/img/lead.jpg" alt="The scene"><figcaption>The scene on Monday evening. PHOTO: Staff</figcaption>
</figure>
<div class="story-body">{body}</div>
<div class="related"><h3>Most read</h3><ul><li><a href="/a">Council tax to rise</a></li></ul></div>
</div></body></html>"""


def wordpress_feed(site: str, stories: list[Story], *, title: str = "Harbour Gazette") -> str:
    items = "\n".join(f"""<item><title>{_e(s.headline)}</title><link>{site}/{s.slug}/</link>
<dc:creator><![CDATA[{s.byline}]]></dc:creator>
<pubDate>{format_datetime(datetime.fromisoformat(s.published).replace(hour=7, tzinfo=UTC))}</pubDate>
<guid isPermaLink="false">{site}/?p={n}</guid>
<description><![CDATA[{s.paragraphs[0][:120]} [&#8230;]]]></description>
<content:encoded><![CDATA[{"".join(f"<p>{_e(p)}</p>" for p in s.paragraphs)}]]></content:encoded></item>"""
                      for n, s in enumerate(stories, 1))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>{_e(title)}</title><link>{site}</link><description>Local news</description>
{items}
</channel></rss>"""


def atom_feed(site: str, stories: list[Story], *, title: str = "The Daily Newsroom") -> str:
    entries = "\n".join(f"""<entry><title>{_e(s.headline)}</title><link href="{site}/news/{s.slug}"/>
<id>{site}/news/{s.slug}</id><updated>{s.published}T06:00:00Z</updated>
<summary>{_e(s.paragraphs[0][:100])}</summary></entry>""" for s in stories)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{_e(title)}</title><id>{site}/</id>
<updated>2025-11-04T00:00:00Z</updated>
{entries}
</feed>"""


def json_feed(site: str, stories: list[Story]) -> str:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Valley Post", "home_page_url": site,
                       "items": [{"id": s.slug, "url": f"{site}/p/{s.slug}", "title": s.headline,
                                  "date_published": f"{s.published}T09:00:00Z",
                                  "content_html": "".join(f"<p>{_e(p)}</p>" for p in s.paragraphs)}
                                 for s in stories]})


def news_sitemap(site: str, stories: list[Story], *, foreign: str | None = None) -> str:
    urls = "".join(f"""<url><loc>{site}/news/{s.slug}</loc><news:news><news:publication>
<news:name>Daily Newsroom</news:name><news:language>en</news:language></news:publication>
<news:publication_date>{s.published}T06:00:00Z</news:publication_date><news:title>{_e(s.headline)}</news:title>
</news:news></url>""" for s in stories)
    if foreign:
        urls += f"<url><loc>{foreign}</loc></url>"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>"""


def sitemap_index(site: str, children: list[tuple[str, str]]) -> str:
    maps = "".join(f"<sitemap><loc>{site}{path}</loc><lastmod>{when}</lastmod></sitemap>" for path, when in children)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>"""
