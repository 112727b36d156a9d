"""Subheads trafilatura dropped, put back from the page.

On some layouts (a classed ``<div>`` body rather than ``<article>``) trafilatura keeps the
paragraphs but loses the ``<h2>``/``<h3>`` between them. When the body came back with no heading
at all, we walk the page between the body's first and last paragraphs and restore each heading
that is directly followed by one of the body's paragraphs.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsdesk.schema import Section

_WORD = re.compile(r"\w+")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_MAX_HEADING_WORDS = 20
_KEY_CHARS = 80


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text))[:_KEY_CHARS]


def _find(tree: HtmlElement, key: str) -> HtmlElement | None:
    needle = max(key.split()[:6], key=len)
    return next((p for p in tree.iter("p") if needle in (t := p.text_content()) and _key(t) == key), None)


def _common_ancestor(a: HtmlElement, b: HtmlElement) -> HtmlElement | None:
    above_a = {id(x) for x in a.iterancestors()}
    return next((x for x in b.iterancestors() if id(x) in above_a), None)


def _heading_text(elem: HtmlElement) -> str | None:
    text = " ".join(elem.text_content().split())
    words = len(_WORD.findall(text))
    linked = sum(len(a.text_content().strip()) for a in elem.iter("a"))
    if not 1 <= words <= _MAX_HEADING_WORDS or linked >= 0.5 * len(text):
        return None
    return text


def _headings_before(root: HtmlElement, keys: dict[str, int]) -> dict[int, str]:
    """``{paragraph index: heading}`` for headings followed directly by that body paragraph, as siblings.

    Sibling-only: a heading nested in its own block (a related-stories card, a promo) is not a subhead.
    """
    found: dict[int, str] = {}
    pending: HtmlElement | None = None
    for elem in root.iter(*_HEADINGS, "p", "li"):
        if elem.tag in _HEADINGS:
            pending = elem
            continue
        text = elem.text_content()
        index = keys.get(_key(text))
        if index and pending is not None and pending.getparent() is elem.getparent():
            heading = _heading_text(pending)
            if heading:
                found.setdefault(index, heading)
        if index is not None or text.strip():
            pending = None  # a heading counts only when a body paragraph follows it directly
    return found


def restore_subheads(tree: HtmlElement, sections: list[Section]) -> tuple[list[Section], int]:
    """Sections with the page's subheads restored, when the body has none; and how many were."""
    paragraphs = [p for s in sections for p in s.paragraphs]
    if len(paragraphs) < 3 or any(s.heading for s in sections):
        return sections, 0
    keys = {_key(p): i for i, p in reversed(list(enumerate(paragraphs))) if len(_key(p)) >= 20}
    first_key, last_key = _key(paragraphs[0]), _key(paragraphs[-1])
    if first_key not in keys or last_key not in keys:
        return sections, 0
    first, last = _find(tree, first_key), _find(tree, last_key)
    root = _common_ancestor(first, last) if first is not None and last is not None else None
    if root is None:
        return sections, 0
    headings = _headings_before(root, keys)
    if not headings:
        return sections, 0
    rebuilt = [Section()]
    for i, paragraph in enumerate(paragraphs):
        if i in headings:
            rebuilt.append(Section(heading=headings[i]))
        rebuilt[-1].paragraphs.append(paragraph)
    return [s for s in rebuilt if s.heading or s.paragraphs], len(headings)
