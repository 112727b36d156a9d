"""Trafilatura's XML body (``p``, ``head``, ``list``, ``quote``, ``table`` …) → newsdesk sections.

Headings open a new :class:`~newsdesk.schema.Section`; every other block becomes one or more
paragraphs, in reading order. Whitespace is normalised; line breaks inside a paragraph survive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.etree import _Element

from newsdesk.schema import Section

# Blocks trafilatura emits: each holds one paragraph unless it nests other blocks.
_BLOCKS = {"p", "code", "div", "ab", "fw", "item", "quote", "list", "table", "row", "head", "section", "article"}
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_BLANKS = re.compile(r"\s*\n\s*")


def clean_line(text: str) -> str:
    """One paragraph's text: invisible characters dropped, spaces collapsed, line breaks kept.

    >>> clean_line("  a\u00a0 b \\n  c\u00ad ")
    'a b\\nc'
    """
    return _BLANKS.sub("\n", _SPACES.sub(" ", _INVISIBLE.sub("", text))).strip()


def element_text(elem: _Element) -> str:
    """The text of an element with ``<lb/>`` as a line break and inline markup flattened."""
    parts: list[str] = []
    _collect(elem, parts)
    return clean_line("".join(parts))


def _collect(elem: _Element, parts: list[str]) -> None:
    if elem.tag == "lb":
        parts.append("\n")
    elif elem.text:
        parts.append(elem.text)
    for child in elem:
        _collect(child, parts)
        if child.tag == "cell":
            parts.append(" | ")
        if child.tail:
            parts.append(child.tail)


def _has_blocks(elem: _Element) -> bool:
    return any(child.tag in _BLOCKS for child in elem)


def iter_blocks(elem: _Element) -> Iterator[tuple[str, str]]:
    """``(kind, text)`` pairs in reading order; kind is ``"heading"`` or ``"paragraph"``.

    Inline runs between nested blocks (text, ``<hi>``, ``<lb/>``, tails) become paragraphs of their own.
    """
    if elem.tag == "head":
        text = element_text(elem).replace("\n", " ")
        if text:
            yield "heading", text
        return
    if not _has_blocks(elem):
        text = element_text(elem)
        if elem.tag == "row":
            text = text.rstrip(" |\n")
        if text:
            yield "paragraph", text
        return
    run: list[str] = [elem.text or ""]
    for child in elem:
        if child.tag in _BLOCKS:
            yield from _flush(run)
            yield from iter_blocks(child)
            run = [child.tail or ""]
        else:
            _collect(child, run)
            run.append(child.tail or "")
    yield from _flush(run)


def _flush(run: list[str]) -> Iterator[tuple[str, str]]:
    text = clean_line("".join(run))
    if text:
        yield "paragraph", text


def body_sections(body: _Element | None) -> list[Section]:
    """Sections of a trafilatura body element: a new section at each in-body heading.

    >>> from lxml import etree
    >>> body = etree.fromstring("<body><p>Lead.</p><head rend='h2'>Sub</head><p>More.</p></body>")
    >>> [(s.heading, s.paragraphs) for s in body_sections(body)]
    [(None, ['Lead.']), ('Sub', ['More.'])]
    """
    if body is None:
        return []
    sections: list[Section] = [Section()]
    for kind, text in iter_blocks(body):
        if kind == "heading":
            sections.append(Section(heading=text))
        else:
            sections[-1].paragraphs.append(text)
    return [s for s in sections if s.heading or s.paragraphs]


def body_with_headings(sections: list[Section]) -> str:
    """The body with each section's heading on its own line before its paragraphs.

    This is what the article-extraction benchmark scores: its true bodies keep subheads.
    """
    lines: list[str] = []
    for section in sections:
        if section.heading:
            lines.append(section.heading)
        lines.extend(section.paragraphs)
    return "\n".join(lines)
