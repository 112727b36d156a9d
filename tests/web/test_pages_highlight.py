"""The highlighted body and the tally chart: well-formed markup from crossing spans, every slice escaped."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from newsdesk.web.highlight import highlight, paragraphs
from newsdesk.web.pages_chart import nice_max, tally_chart

TEXT = 'Mayor Ana Silva said "12 <b>homes</b> flooded" on Friday.\n\nThe river rose & fell.'


class Tree(HTMLParser):
    """Checks that tags nest (every end tag closes the innermost open one) and collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> Tree:
    tree = Tree()
    tree.feed(markup)
    tree.close()
    assert not tree.stack
    return tree


def analysis(**parts) -> dict:
    return {"article": {"text": TEXT}, **parts}


def test_text_is_escaped_and_kept_whole():
    out = str(highlight(analysis()))
    assert "<b>" not in out and "&lt;b&gt;homes&lt;/b&gt;" in out and "&amp;" in out
    tree = parse(out)
    assert [t for t, _ in tree.tags] == ["p", "p"]
    assert "".join(tree.text).replace("\n", "") == "".join(TEXT[a:b] for a, b in paragraphs(TEXT))


def test_crossing_spans_nest_and_keep_their_ids_once():
    quote = {"start": 21, "end": 46, "kind": "direct", "speaker": {"name": "Ana Silva", "start": 6, "end": 15}}
    entities = [{"id": "e1", "name": "Ana Silva", "type": "PERSON", "mentions": [{"start": 0, "end": 15}]}]
    numbers = [{"start": 22, "end": 36, "value": 12, "unit": "homes", "kind": "count", "qualifier": "exact"}]
    # support crosses the paragraph break and the quote; the entity and the speaker overlap
    key_points = [{"text": "x", "support": [{"start": 16, "end": 70}]}]
    out = str(highlight(analysis(quotes=[quote], entities=entities, quantities=numbers, key_points=key_points)))
    tree = parse(out)
    ids = [a["id"] for _, a in tree.tags if "id" in a]
    assert sorted(ids) == ["kp-1", "q-1"]  # a split span names only its first piece
    assert sum(1 for t, a in tree.tags if t == "mark" and a.get("data-kp") == "1") == 2  # split by the paragraph
    assert "".join(tree.text).replace("\n", "") == "".join(TEXT[a:b] for a, b in paragraphs(TEXT))
    assert 'title="PERSON: Ana Silva"' in out and 'title="direct quote — Ana Silva"' in out


def test_spans_outside_the_text_are_clipped_and_attributes_escaped():
    entities = [{"id": 'e1" onmouseover="x', "name": '"><script>alert(1)</script>', "type": "PERSON",
                 "mentions": [{"start": 80, "end": 999}, {"start": 0, "end": 5}]}]
    out = str(highlight(analysis(entities=entities)))
    tree = parse(out)
    assert "<script" not in out and "onmouseover" not in {k for _, a in tree.tags for k in a}
    titles = [a["title"] for _, a in tree.tags if "title" in a]
    assert titles == ['PERSON: "><script>alert(1)</script>'] * len(titles) and titles


def test_empty_text_gives_nothing():
    assert str(highlight({"article": {"text": ""}, "quotes": [{"start": 0, "end": 4}]})) == ""


def test_chart_escapes_labels_and_scales():
    rows = [{"period": "<script>", "attacks": 2, "launched": {"drone": 400, "missile": 20}},
            {"period": "2025-07", "attacks": 0, "launched": {"drone": None, "missile": None}}]
    svg = str(tally_chart({"by": "month", "kinds": ["drone", "missile"], "rows": rows}))
    assert "<script>" not in svg and html.escape("<script>", quote=False) in svg
    assert svg.count('class="bar k-drone"') == 1 and svg.count('class="bar k-missile"') == 1
    assert ">500</text>" in svg  # the axis top: the next round number over 420
    assert "no attacks" in str(tally_chart({"by": "day", "kinds": [], "rows": []})).casefold()
    assert [nice_max(v) for v in (0, 1, 7, 420, 1000, 1001)] == [1, 1, 10, 500, 1000, 2000]
