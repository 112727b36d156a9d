"""The pages in a real browser: Playwright (sync API) driving Debian's chromium against a live server.

Skipped, saying why, when /usr/bin/chromium or playwright is missing. Each test checks that the page logged
no error (a Content-Security-Policy violation would be one).
"""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KYIV = EXAMPLES / "events" / "wire-kyiv-record-barrage.txt"
ATTACKS = [EXAMPLES / "events" / "airforce-night-summary.txt", EXAMPLES / "events" / "lviv-two-nights.txt"]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def tab(browser):
    """A fresh browser tab at laptop size; fails the test if the page logs an error."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def store(page, base: str, path: Path, published: str = "") -> str:
    """Paste an article on the front page with "store it" ticked; the stored article's URL."""
    page.goto(base + "/")
    page.fill("#text", path.read_text())
    if published:
        page.fill("input[name=published]", published)
    page.check("input[name=store]")
    page.click("form.analyse button[type=submit]")
    page.wait_for_url("**/articles/*")
    return page.url


def test_paste_an_article_see_three_key_points_and_highlighted_quotes(tab, live_server):
    tab.goto(live_server.url + "/")
    tab.fill("#text", KYIV.read_text())
    tab.fill("input[name=published]", "2025-07-09")
    tab.click("form.analyse button[type=submit]")
    tab.wait_for_selector("#headline")
    assert tab.inner_text("#headline") == "Russia pounds Kyiv in largest air attack of the war, killing three"
    assert tab.locator(".keypoints ol li").count() == 3
    quotes = tab.locator(".text .quote")
    assert quotes.count() >= 5 and quotes.first.is_visible()
    # a quote's highlight is drawn: its background differs from the page's
    assert tab.locator(".text .quote-direct").first.evaluate("e => getComputedStyle(e).backgroundColor") not in (
        "rgba(0, 0, 0, 0)", "transparent")
    assert tab.locator(".text .speaker", has_text="Tymur Melnyk").count() >= 1
    # following a key point lights its support in the text (app.js runs under the CSP)
    tab.click(".keypoints a[data-kp='2']")
    assert tab.locator("mark.support.active").first.get_attribute("data-kp") == "2"
    assert tab.evaluate("location.hash") == "#kp-2"


def test_store_attack_articles_and_see_the_tally_chart(tab, live_server):
    for path in ATTACKS:
        assert "/articles/" in store(tab, live_server.url, path)
    tab.goto(live_server.url + "/tally?by=day")
    chart = tab.locator("svg.chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 600 and box["height"] > 200
    bars = tab.locator("svg.chart rect.bar")
    assert bars.count() >= 2 and bars.first.bounding_box()["height"] > 0
    assert tab.locator("table.tally tbody tr").count() >= 2
    tab.select_option("select[name=weapon]", "drone")
    tab.click("form.filters button")
    tab.wait_for_url("**weapon=drone**")
    assert tab.locator("svg.chart rect.bar.k-missile").count() == 0


def test_follow_a_topic_then_unfollow_it(tab, live_server):
    tab.goto(live_server.url + "/topics")
    tab.fill("#topic", "Kyiv air defence")
    tab.click("#follow-form button")
    tab.wait_for_url("**/topics?done=*")
    row = tab.locator("#topics tr", has_text="Kyiv air defence")
    assert row.count() == 1 and row.locator("td").nth(1).inner_text() == "keyword"
    assert "Following Kyiv air defence" in tab.inner_text(".banner")
    row.locator("button", has_text="Unfollow").click()
    tab.wait_for_url("**done=Stopped*")
    assert tab.locator("#topics tr", has_text="Kyiv air defence").count() == 0


def test_pages_fit_a_phone_and_a_laptop_without_sideways_scrolling(browser, live_server):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    article = store(page, live_server.url, KYIV, "2025-07-09")
    paths = ["/", article.removeprefix(live_server.url), "/articles", "/stories", "/stories/1", "/tally",
             "/tally?by=day", "/topics", "/digest?since=2000-01-01", "/search?q=Kyiv"]
    try:
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            for path in paths:
                page.goto(live_server.url + path)
                width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                assert width[0] <= width[1], f"{path} at {size}: {width[0]} px wide in a {width[1]} px window"
    finally:
        context.close()
