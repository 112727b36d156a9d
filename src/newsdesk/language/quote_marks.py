"""Finding quoted passages by their quotation marks, on the raw text.

A passage runs from its opening mark to its closing mark, both included. Curly marks (“ ”) pair
by shape; straight marks (") alternate within a paragraph; doubled apostrophes ('') count as a
straight double mark. A passage left open at the end of a paragraph continues when the next
paragraph opens with a mark (the newspaper convention for a quotation of several paragraphs);
otherwise it ends with its paragraph.

>>> [ (s, e) for s, e in find_quoted('He said “we won” today.') ]
[(8, 16)]
"""

from __future__ import annotations

import re

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_MARK = re.compile(r"''|[\"“”„«»]")
_PARAGRAPH = re.compile(r"[^\n]+")


def _marks(paragraph: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every double quotation mark; kind is "open", "close" or "straight"."""
    found = []
    for m in _MARK.finditer(paragraph):
        char = m.group()[0]
        kind = "open" if char in OPENING else "close" if char in CLOSING else "straight"
        found.append((offset + m.start(), offset + m.end(), kind))
    return found


def _pair(text: str, marks: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int]], int | None]:
    """Closed passages of one paragraph, and the start of a passage still open at its end."""
    passages: list[tuple[int, int]] = []
    open_at: int | None = None
    for start, end, kind in marks:
        if open_at is None and kind != "close":
            open_at = start
        elif open_at is not None and kind != "open":
            passages.append((open_at, end))
            open_at = None
        elif open_at is not None and text[start - 1: start].isspace():
            # a new opening mark after a space while one is open: the earlier close was lost
            passages.append((open_at, _trim_end(text, open_at, start)))
            open_at = start
    return passages, open_at


def _trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved left past trailing whitespace."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def find_quoted(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the quoted passages in ``text``, marks included, in order."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    passages: list[tuple[int, int]] = []
    carried: int | None = None  # start of a passage continued from an earlier paragraph
    for i, (p_start, p_end) in enumerate(paragraphs):
        marks = _marks(text[p_start:p_end], p_start)
        if carried is not None:
            # the reopening mark that starts this paragraph belongs to the carried passage
            if marks and marks[0][0] == _first_char(text, p_start, p_end):
                marks = marks[1:]
            inner, open_at = _pair(text, [(carried, carried, "open"), *marks])
        else:
            inner, open_at = _pair(text, marks)
        passages.extend(inner)
        carried = None
        if open_at is not None:
            nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            if nxt and _opens_with_mark(text, *nxt):
                carried = open_at
            elif p_end - open_at > 1:
                passages.append((open_at, _trim_end(text, open_at, p_end)))
    return [(s, e) for s, e in passages if e - s > 2]


def _first_char(text: str, start: int, end: int) -> int:
    """Offset of the first non-space character of a paragraph."""
    while start < end and text[start].isspace():
        start += 1
    return start


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    """Whether a paragraph starts with an opening double quotation mark."""
    first = _first_char(text, start, end)
    return text[first: first + 1] in OPENING + STRAIGHT or text[first: first + 2] == "''"
