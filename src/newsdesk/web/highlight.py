"""The article body as HTML with its facts marked from their spans: every text slice escaped, never raw.

``highlight(analysis)`` lays spans in layers — paragraphs, key-point support, event evidence, quotes, then
entities, speakers and quantities — and nests them: where two spans cross, the inner one is closed and reopened
(split) at the outer one's boundary, so any overlap gives well-formed HTML. Only the tags and attributes made
here exist in the output; ``nh3`` checks that again with an allowlist as a second line.

>>> str(highlight({"article": {"text": "Ann <b> said hi."}, "entities": [
...     {"id": "e1", "name": "Ann", "type": "PERSON", "mentions": [{"start": 0, "end": 3}]}]}))
'<p><span class="ent ent-person" title="PERSON: Ann" data-entity="e1">Ann</span> &lt;b&gt; said hi.</p>'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import nh3
from markupsafe import Markup, escape

#: Entity types with their own colour; every other type is drawn as ``ent-other``.
ENTITY_CLASSES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
                  "NORP": "group", "EVENT": "other", "PRODUCT": "other", "LAW": "other", "WORK_OF_ART": "other"}
_TAGS = {"p", "h3", "span", "mark"}
_ATTRIBUTES = {"p": {"id"}, "h3": {"id"}, "span": {"class", "title", "id", "data-entity", "data-kp"},
               "mark": {"class", "title", "id", "data-kp"}}
# layers, outer first: a span of a later layer is split where it crosses one of an earlier layer
PARAGRAPH, SUPPORT, EVIDENCE, QUOTE, WORD = range(5)


@dataclass(order=True)
class Span:
    """One element to draw over ``text[start:end]``."""

    start: int
    end: int
    layer: int = WORD
    tag: str = field(default="span", compare=False)
    attrs: dict[str, str] = field(default_factory=dict, compare=False)

    def open(self, first: bool) -> str:
        attrs = {k: v for k, v in self.attrs.items() if first or k != "id"}  # an id names the first piece only
        return "<" + self.tag + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items()) + ">"

    def close(self) -> str:
        return f"</{self.tag}>"


def entity_class(kind: str | None) -> str:
    return "ent-" + ENTITY_CLASSES.get((kind or "").upper(), "other")


def spans_of(analysis: dict) -> list[Span]:
    """Every span to draw for one analysis, clipped to its text."""
    art = analysis.get("article") or {}
    text = art.get("text") or ""
    headings = {(s.get("heading") or "").strip() for s in art.get("sections") or []} - {""}
    spans: list[Span] = []
    for start, end in paragraphs(text):
        spans.append(Span(start, end, PARAGRAPH, "h3" if text[start:end] in headings else "p", {}))
    for i, kp in enumerate(analysis.get("key_points") or [], 1):
        for j, sup in enumerate(kp.get("support") or []):
            attrs = {"class": "support", "data-kp": str(i)}
            if j == 0:
                attrs["id"] = f"kp-{i}"
            spans.append(Span(sup["start"], sup["end"], SUPPORT, "mark", attrs))
    for i, ev in enumerate(analysis.get("events") or [], 1):
        for j, evid in enumerate(ev.get("evidence") or []):
            attrs = {"class": "evidence", "id": f"ev-{i}"} if j == 0 else {"class": "evidence"}
            spans.append(Span(evid["start"], evid["end"], EVIDENCE, "span", attrs))
    for i, q in enumerate(analysis.get("quotes") or [], 1):
        speaker = q.get("speaker") or {}
        who = speaker.get("name") or "no speaker found"
        spans.append(Span(q["start"], q["end"], QUOTE, "span",
                          {"class": f"quote quote-{q.get('kind') or 'direct'}", "id": f"q-{i}",
                           "title": f"{q.get('kind') or 'quote'} quote — {who}"}))
        if speaker.get("start") is not None and speaker.get("end") is not None:
            spans.append(Span(speaker["start"], speaker["end"], WORD, "span",
                              {"class": "speaker", "title": f"speaker of quote {i}: {who}"}))
    for ent in analysis.get("entities") or []:
        for m in ent.get("mentions") or []:
            spans.append(Span(m["start"], m["end"], WORD, "span",
                              {"class": "ent " + entity_class(ent.get("type")),
                               "title": f"{ent.get('type') or 'entity'}: {ent.get('name') or ''}",
                               "data-entity": str(ent.get("id") or "")}))
    for q in analysis.get("quantities") or []:
        what = " ".join(str(x) for x in (q.get("qualifier"), q.get("kind"), q.get("unit")) if x)
        spans.append(Span(q["start"], q["end"], WORD, "span", {"class": "qty", "title": f"number: {what}"}))
    return [s for s in _clipped(spans, len(text)) if s.end > s.start]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph: text between blank lines, trimmed."""
    out = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*(?:\n\s*\n|\Z))", text, re.DOTALL):
        out.append((m.start(), m.end()))
    return out


def _clipped(spans: list[Span], size: int) -> list[Span]:
    for s in spans:
        s.start, s.end = max(0, min(int(s.start), size)), max(0, min(int(s.end), size))
    return spans


def render(text: str, spans: list[Span]) -> str:
    """``text`` with ``spans`` drawn over it, nested by layer; every slice of text is escaped."""
    starts: dict[int, list[Span]] = {}
    ends: dict[int, list[Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
        ends.setdefault(s.end, []).append(s)
    bounds = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    stack: list[Span] = []
    opened: set[int] = set()
    for pos, nxt in zip(bounds, [*bounds[1:], None], strict=True):
        closing = {id(s) for s in ends.get(pos, [])}
        reopen: list[Span] = []
        while any(id(s) in closing for s in stack):
            top = stack.pop()
            out.append(top.close())
            if id(top) not in closing:
                reopen.append(top)
        new = [s for s in starts.get(pos, []) if s.end > pos]
        for s in sorted(reopen + new, key=lambda s: (s.layer, -s.end, s.start)):
            out.append(s.open(id(s) not in opened))
            opened.add(id(s))
            stack.append(s)
        if nxt is not None:
            out.append(str(escape(text[pos:nxt])))
    while stack:
        out.append(stack.pop().close())
    return "".join(out)


def highlight(analysis: dict) -> Markup:
    """The article's body as HTML paragraphs with key-point support, quotes, speakers, entities and numbers
    marked; sanitised by nh3 with an allowlist of exactly the markup made here."""
    text = (analysis.get("article") or {}).get("text") or ""
    html = render(text, _nestable(spans_of(analysis), text))
    return Markup(nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, link_rel=None))


def _nestable(spans: list[Span], text: str) -> list[Span]:
    """Split each span where it crosses the boundary of a span of an earlier layer, so that opening spans
    outer layer first always nests: after this, a span never starts before and ends inside a span of an
    earlier layer (or the reverse). Pieces of a split span that hold only whitespace (the gap between two
    paragraphs) are dropped; the first piece kept has the span's id."""
    cuts_by_layer: dict[int, set[int]] = {}
    for s in spans:
        cuts_by_layer.setdefault(s.layer, set()).update((s.start, s.end))
    out: list[Span] = []
    for s in spans:
        cuts = sorted({c for layer, cs in cuts_by_layer.items() if layer < s.layer for c in cs
                       if s.start < c < s.end})
        if not cuts:
            out.append(s)
            continue
        edges = [s.start, *cuts, s.end]
        pieces = [(a, b) for a, b in zip(edges, edges[1:], strict=False) if text[a:b].strip()]
        for k, (a, b) in enumerate(pieces):
            attrs = s.attrs if k == 0 else {key: v for key, v in s.attrs.items() if key != "id"}
            out.append(Span(a, b, s.layer, s.tag, attrs))
    return out
