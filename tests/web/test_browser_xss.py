"""Untrusted text never runs: an article whose every field is an XSS payload, through TestClient and chromium.

Each payload, if it ever ran, would set ``window.__xss`` or open a dialog; the browser test listens for
dialogs, checks ``window.__xss`` stays undefined on every page that shows the article, and that the payloads
are shown as text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '<svg onload="window.__xss=3"></svg>',
    '"><script>window.__xss=4</script>',
    "'><img src=x onerror=alert(5)>",
    "</textarea><script>window.__xss=6</script>",
    '<a href="javascript:window.__xss=7">click</a>',
    '<iframe srcdoc="<script>parent.__xss=8</script>"></iframe>',
    "</title><style>body{display:none}</style>{{ 7*7 }}",
]
JS_URL = "javascript:alert(9)"
HEADLINE = "Flood hits town " + PAYLOADS[0]


def payload_text() -> str:
    """A plain-text article whose headline, byline, caption and body carry the payloads."""
    body = [f"Mayor Ana Silva said on Friday that 12 homes were flooded {p} in the valley." for p in PAYLOADS]
    return "\n\n".join([HEADLINE, "By " + PAYLOADS[1], *body[:5],
                        "A rescuer wades through water " + PAYLOADS[2] + ". PHOTO: EPA", *body[5:]])


def crafted_analysis() -> dict:
    """An analysis with a payload in every field the pages show, and spans over the payloads."""
    paragraphs = [f'"{p} we are working," said {p} Silva, as {p} 12 homes flooded.' for p in PAYLOADS]
    text = "\n\n".join(paragraphs)
    entities, quotes, quantities, support = [], [], [], []
    pos = 0
    for n, (para, p) in enumerate(zip(paragraphs, PAYLOADS, strict=True), 1):
        q_end = para.index(",")
        who = para.index(p, q_end)
        quotes.append({"text": para[:q_end], "kind": "direct", "cue": "said", "start": pos, "end": pos + q_end,
                       "speaker": {"entity": "e1", "name": p, "start": pos + who, "end": pos + who + len(p) + 6}})
        entities.append({"start": pos + who, "end": pos + who + len(p) + 6, "text": p})
        twelve = para.index("12 homes")
        quantities.append({"value": 12, "unit": p, "qualifier": "exact", "kind": "count", "text": "12 homes",
                           "start": pos + twelve - len(p) - 1, "end": pos + twelve + 8})
        if n <= 3:
            support.append({"text": f"Key point {n}: {p}", "support": [{"start": pos, "end": pos + len(para)}],
                            "method": "extractive"})
        pos += len(para) + 2
    return {
        "schema": "newsdesk.analysis/1",
        "article": {"id": "xss0000000000001", "headline": "Crafted " + PAYLOADS[3], "standfirst": PAYLOADS[4],
                    "byline": PAYLOADS[1], "dateline": PAYLOADS[5], "published": "2025-07-09",
                    "publisher": PAYLOADS[6], "url": JS_URL, "wire": [PAYLOADS[7]], "language": "en",
                    "publisher_key_points": [PAYLOADS[8]], "captions": [{"text": PAYLOADS[2], "credit": PAYLOADS[0]}],
                    "sections": [{"heading": None, "paragraphs": paragraphs}], "text": text},
        "key_points": support,
        "entities": [{"id": "e1", "name": PAYLOADS[3], "type": PAYLOADS[0], "roles": [PAYLOADS[5]],
                      "mentions": entities}],
        "quotes": quotes, "quantities": quantities,
        "dates": [{"text": PAYLOADS[6], "value": PAYLOADS[7], "granularity": "day", "start": 0, "end": 5}],
        "events": [{"type": "attack", "subtype": PAYLOADS[0], "actor": {"entity": None, "name": PAYLOADS[1]},
                    "target": {"entity": None, "name": PAYLOADS[2]},
                    "location": {"name": PAYLOADS[3], "country": PAYLOADS[4], "region": None},
                    "date": {"value": PAYLOADS[5], "granularity": "day"},
                    "weapons": [{"kind": PAYLOADS[6], "model": PAYLOADS[7], "launched": 5, "intercepted": 1}],
                    "casualties": {"killed": {"value": 1, "qualifier": "exact"}, "wounded": None},
                    "claims": [PAYLOADS[8]], "evidence": [{"start": 0, "end": 20}], "confidence": 0.5}],
        "notes": [PAYLOADS[0]],
    }


def store_payloads(db: Path) -> tuple[int, int]:
    """Store the payload article as the desk reads it and the crafted analysis as is: their row ids."""
    from newsdesk.desk import Desk
    from newsdesk.desk.store import content_hash

    with Desk(db) as desk:
        added = desk.add(text=payload_text(), published="2025-07-09", url=JS_URL)
        crafted = crafted_analysis()
        with desk.store.transaction():
            row = desk.store.insert_article(crafted, source=PAYLOADS[0],
                                            digest=content_hash(crafted["article"]["text"]))
        desk.store.execute("UPDATE articles SET story_id = ? WHERE id = ?", (added["story_id"], row))
        desk.follow(PAYLOADS[0])
    return added["id"], row


def live_tags(html: str) -> set[str]:
    """The payloads' tags that made it into the page's markup as tags (none may); the page's own only script
    is app.js, in the head."""
    head, body = html.split("</head>", 1)
    assert re.findall(r"<script\b[^>]*>", head) == ['<script src="/static/app.js" defer>']
    return set(re.findall(r"<(script|img|svg|iframe|style|title)\b", body.replace('<svg class="chart"', ""), re.I))


def test_payloads_are_text_in_every_page(page_client):
    added, crafted = store_payloads(page_client.app.state.db)
    paths = [f"/articles/{added}", f"/articles/{crafted}", "/articles", "/stories", "/stories/1", "/topics",
             "/digest?since=2000-01-01", "/search?q=flooded", "/tally"]
    for path in paths:
        r = page_client.get(path)
        assert r.status_code == 200, path
        assert not live_tags(r.text), path
        assert not re.search(r"<a\b[^>]*href=[\"']?\s*javascript:", r.text, re.I), path
        assert "{{ 7*7 }}" not in r.text or "49" not in r.text
    crafted_page = page_client.get(f"/articles/{crafted}").text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in crafted_page
    assert f'<span class="source">{JS_URL}</span>' in crafted_page  # shown, never a link
    analysed = page_client.post("/analyze", data={"text": payload_text()})
    assert analysed.status_code == 200 and not live_tags(analysed.text)
    refilled = page_client.post("/analyze", data={"text": payload_text(), "published": "nope"})
    assert refilled.status_code == 400 and not live_tags(refilled.text)
    assert refilled.text.count("</textarea>") == 1  # the payload's own is escaped


def test_no_payload_runs_in_chromium(browser, live_server):
    added, crafted = store_payloads(live_server.db)
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in [f"/articles/{added}", f"/articles/{crafted}", "/articles", "/stories", "/topics",
                     "/digest?since=2000-01-01", "/search?q=flooded"]:
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__xss") == "undefined", path
            assert page.locator("a[href^='javascript:' i]").count() == 0, path
            assert page.locator("main script, main img, main iframe, main svg:not(.chart)").count() == 0, path
        page.goto(f"{live_server.url}/articles/{crafted}")
        assert page.inner_text("#headline") == "Crafted " + PAYLOADS[3]
        assert PAYLOADS[0] in page.inner_text(".text") and PAYLOADS[5] in page.inner_text(".text")
        assert page.inner_text(".byline") == "By " + PAYLOADS[1]
        assert JS_URL in page.inner_text(".meta")
        page.goto(f"{live_server.url}/articles/{added}")
        assert PAYLOADS[0] in page.inner_text("#headline")
        # pasted, not stored, and the form refilled after an error
        for published in ("", "not a date"):
            page.goto(live_server.url + "/")
            page.fill("#text", payload_text())
            page.fill("input[name=url]", "")
            if published:
                page.evaluate("v => document.querySelector('input[name=published]').type = 'text'")
                page.fill("input[name=published]", published)
            page.click("form.analyse button[type=submit]")
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__xss") == "undefined"
            if published:
                assert page.input_value("#text") == payload_text().replace("\r\n", "\n")
        assert not dialogs, dialogs
    finally:
        context.close()


def test_crafted_analysis_is_valid_json():
    json.dumps(crafted_analysis())
