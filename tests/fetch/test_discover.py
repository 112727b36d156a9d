"""What a URL holds — page, feed, JSON feed, sitemap, sitemap index, home page — and the articles it leads to,
on pages and feeds of our own in several sites' habits, served on loopback."""

from __future__ import annotations

import pytest
from fetch_pages import (
    STORIES,
    atom_feed,
    json_feed,
    news_sitemap,
    newsroom_page,
    sitemap_index,
    story,
    wordpress_feed,
    wordpress_page,
)
from loopback import Reply

from newsdesk.errors import InputError
from newsdesk.fetch.discover import fetch_article, list_source, read_entries

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml; charset=UTF-8"}
XML = {"Content-Type": "application/xml"}


def serve_newsroom(site, slugs):
    for slug in slugs:
        site.route(f"/news/{slug}", Reply(200, newsroom_page(story(slug)), HTML))


def test_an_article_page_is_read_as_one_article(site, fetcher):
    s = story("story_fire_1")
    site.route("/2025/11/03/fire/", Reply(200, wordpress_page(s), HTML))
    article = fetch_article(fetcher, site.url("/2025/11/03/fire/"))
    assert article.headline == s.headline
    assert article.url == site.url("/2025/11/03/fire/")
    assert s.paragraphs[0][:60] in article.text
    assert "Sign up for our newsletter" not in article.text and "Share this" not in article.text


def test_a_redirected_page_keeps_its_final_url(site, fetcher):
    s = story("story_trial_1")
    site.route("/short/abc", Reply(301, headers={"Location": "/news/story_trial_1"}))
    serve_newsroom(site, ["story_trial_1"])
    article = fetch_article(fetcher, site.url("/short/abc"))
    assert article.url == site.url("/news/story_trial_1") and article.headline == s.headline


def test_read_url_of_a_feed_says_to_ingest_it(site, fetcher):
    site.route("/feed/", Reply(200, wordpress_feed(site.base, [story(x) for x in STORIES[:3]]), RSS))
    with pytest.raises(InputError, match="is a feed listing 3 articles, not one article: `newsdesk ingest URL`"):
        fetch_article(fetcher, site.url("/feed/"))


def test_a_full_text_feed_is_read_from_the_feed_without_fetching_pages(site, fetcher):
    stories = [story(x) for x in STORIES[:4]]
    site.route("/feed/", Reply(200, wordpress_feed(site.base, stories), RSS))
    listing = list_source(fetcher, site.url("/feed/"))
    assert listing.kind == "feed" and len(listing.entries) == 4
    got = dict(read_entries(fetcher, listing.entries))
    assert [a.headline for a in got.values()] == [s.headline for s in stories]
    assert all(a.publisher == "Harbour Gazette" for a in got.values())
    assert [h.path for h in site.hits] == ["/robots.txt", "/feed/"]  # no page was fetched


def test_a_summary_feed_leads_to_the_pages(site, fetcher):
    slugs = STORIES[4:7]
    site.route("/atom.xml", Reply(200, atom_feed(site.base, [story(x) for x in slugs]),
                                  {"Content-Type": "application/atom+xml"}))
    serve_newsroom(site, slugs)
    listing = list_source(fetcher, site.url("/atom.xml"))
    got = dict(read_entries(fetcher, listing.entries))
    assert set(got) == {site.url(f"/news/{x}") for x in slugs}
    for slug in slugs:
        article = got[site.url(f"/news/{slug}")]
        assert article.headline == story(slug).headline
        assert story(slug).paragraphs[1][:50] in article.text
        assert "PHOTO: Staff" not in article.text


def test_an_entry_whose_page_fails_is_a_failure_of_its_own(site, fetcher):
    slugs = STORIES[:2]
    site.route("/atom.xml", Reply(200, atom_feed(site.base, [story(x) for x in slugs])))
    site.route(f"/news/{slugs[0]}", Reply(200, newsroom_page(story(slugs[0])), HTML))
    site.route(f"/news/{slugs[1]}", Reply(410))
    got = dict(read_entries(fetcher, list_source(fetcher, site.url("/atom.xml")).entries))
    assert got[site.url(f"/news/{slugs[0]}")].headline == story(slugs[0]).headline
    failure = got[site.url(f"/news/{slugs[1]}")]
    assert isinstance(failure, InputError) and "HTTP 410 Gone" in failure.message


def test_a_json_feed_is_read(site, fetcher):
    stories = [story(x) for x in STORIES[7:9]]
    site.route("/feed.json", Reply(200, json_feed(site.base, stories), {"Content-Type": "application/feed+json"}))
    listing = list_source(fetcher, site.url("/feed.json"))
    got = dict(read_entries(fetcher, listing.entries))
    assert [a.headline for a in got.values()] == [s.headline for s in stories]
    assert [a.published for a in got.values()] == [s.published for s in stories]
    assert all(a.publisher == "Valley Post" for a in got.values())


def test_a_news_sitemap_lists_its_own_site_newest_first(site, fetcher):
    slugs = STORIES[:5]
    site.route("/news-sitemap.xml", Reply(200, news_sitemap(site.base, [story(x) for x in slugs],
                                                            foreign="https://elsewhere.example/x"), XML))
    listing = list_source(fetcher, site.url("/news-sitemap.xml"))
    assert listing.kind == "sitemap"
    by_date = sorted(slugs, key=lambda x: story(x).published, reverse=True)
    assert [e.url for e in listing.entries] == [site.url(f"/news/{x}") for x in by_date]


def test_a_sitemap_index_leads_to_its_newest_sitemaps(site, fetcher):
    site.route("/sitemap.xml", Reply(200, sitemap_index(site.base, [
        ("/sitemap-2019.xml", "2019-01-01"), ("/sitemap-news.xml", "2025-11-06"), ("/sitemap-pages.xml", "2025-01-01"),
        ("/sitemap-2020.xml", "2020-01-01")]), XML))
    site.route("/sitemap-news.xml", Reply(200, news_sitemap(site.base, [story(STORIES[0])]), XML))
    site.route("/sitemap-pages.xml", Reply(200, news_sitemap(site.base, [story(STORIES[1])]), XML))
    site.route("/sitemap-2020.xml", Reply(500))
    listing = list_source(fetcher, site.url("/sitemap.xml"))
    assert [e.url for e in listing.entries] == [site.url(f"/news/{STORIES[0]}"), site.url(f"/news/{STORIES[1]}")]
    assert not site.requests_to("/sitemap-2019.xml")


def test_a_home_page_leads_to_the_feed_it_names(site, fetcher):
    home = ("<html><head><title>Harbour Gazette</title><link rel='alternate' type='application/rss+xml' "
            "href='/feed/'></head><body><h2><a href='/a'>Fire</a></h2><h2><a href='/b'>Budget</a></h2></body></html>")
    site.route("/", Reply(200, home, HTML))
    site.route("/feed/", Reply(200, wordpress_feed(site.base, [story(x) for x in STORIES[:2]]), RSS))
    listing = list_source(fetcher, site.url("/"))
    assert listing.kind == "home" and listing.polled == site.url("/feed/") and len(listing.entries) == 2


def test_a_home_page_without_feed_links_is_tried_at_the_common_paths(site, fetcher):
    site.route("/", Reply(200, "<html><body><h1>Valley Post</h1><a href='/p/1'>One</a></body></html>", HTML))
    site.route("/rss.xml", Reply(200, wordpress_feed(site.base, [story(STORIES[3])]), RSS))
    listing = list_source(fetcher, site.url("/"))
    assert listing.kind == "home" and listing.polled == site.url("/rss.xml")


def test_a_home_page_without_feeds_falls_back_to_the_sitemap_robots_txt_names(site, fetcher):
    site.route("/robots.txt", Reply(200, f"User-agent: *\nAllow: /\nSitemap: {site.base}/news.xml\n"))
    site.route("/", Reply(200, "<html><body><h1>Daily Newsroom</h1></body></html>", HTML))
    site.route("/news.xml", Reply(200, news_sitemap(site.base, [story(STORIES[2])]), XML))
    listing = list_source(fetcher, site.url("/"))
    assert listing.kind == "home" and listing.polled == site.url("/news.xml") and len(listing.entries) == 1


def test_a_home_page_with_nothing_to_follow_is_one_clear_error(site, fetcher):
    site.route("/", Reply(200, "<html><body><h1>Under construction</h1></body></html>", HTML))
    with pytest.raises(InputError, match="home page with no feed or sitemap"):
        list_source(fetcher, site.url("/"))


def test_an_article_at_the_site_root_is_still_an_article(site, fetcher):
    s = story("story_storm_1")
    site.route("/", Reply(200, wordpress_page(s), HTML))
    assert list_source(fetcher, site.url("/")).kind == "page"


def test_a_teaser_of_three_short_paragraphs_still_leads_to_the_page(site, fetcher):
    s = story(STORIES[8])
    teaser = "Storm latest.\n\nRoads closed.\n\nMore soon."
    feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Western Courier</title><item>"
            f"<title>{s.headline}</title><link>{site.base}/news/storm</link><description>{teaser}</description>"
            f"</item></channel></rss>")
    site.route("/rss", Reply(200, feed, {"Content-Type": "application/rss+xml"}))
    site.route("/news/storm", Reply(200, newsroom_page(s), HTML))
    got = dict(read_entries(fetcher, list_source(fetcher, site.url("/rss")).entries))
    assert s.paragraphs[1][:40] in got[site.url("/news/storm")].text
    assert site.requests_to("/news/storm")


def test_a_feed_copy_without_article_text_falls_back_to_the_page(site, fetcher, monkeypatch):
    """The feed carries a whole text by its size, but the reader finds no article in it (a gallery, an embed):
    the page is read instead."""
    from newsdesk.errors import InputEmpty
    from newsdesk.fetch import discover

    def nothing(entry, source):
        raise InputEmpty("feed entry has no article text", source=source)

    monkeypatch.setattr(discover, "entry_article", nothing)
    stories = [story(STORIES[9])]
    site.route("/feed/", Reply(200, wordpress_feed(site.base, stories), {"Content-Type": "application/rss+xml"}))
    site.route(f"/{STORIES[9]}/", Reply(200, wordpress_page(stories[0]), HTML))
    got = dict(read_entries(fetcher, list_source(fetcher, site.url("/feed/")).entries))
    article = got[site.url(f"/{STORIES[9]}/")]
    assert not isinstance(article, InputError) and stories[0].paragraphs[0][:40] in article.text
