"""Datelines ('KYIV, July 4 (Reuters) -') and trailing wire credits ('… agreement. AFP')."""

from __future__ import annotations

import re

from newsdesk.read.lines import canonical_wire

# A dateline opens with a place in capitals, maybe a date, maybe "(Agency)", then a dash or colon.
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_.'’\-]*(?:[.'’\-][^\W\d_]*)*(?:\s+[^\W\d_][^\W\d_.'’\-]*){0,3}"
    r"(?:,\s*[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2})?"
    r"(?:,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?)"
    r"\s*(?:\((?P<wire>[^()]{2,40})\))?\s*(?P<sep>[-–—:]+|>>|»)\s+(?=\S)"
)
_CREDIT_OPENING = re.compile(r"^\((?P<org>[A-Z][\w .&-]{1,30})\)\s*[-–—]+\s+(?=\S)")
# Capitalised labels that open a paragraph with a colon but are not places.
_LABELS = frozenset("""NOTE UPDATE UPDATED EDITOR'S EDITORS CORRECTION CLARIFICATION WARNING BREAKING WATCH READ
LISTEN PHOTOS PHOTO VIDEO LIVE ANALYSIS OPINION EXCLUSIVE FACT CHECK Q A FAQ TL;DR PS""".split())
_TRAIL_SEP = r"(?:\s*[-–—]+\s*|\s+)"


def split_dateline(paragraph: str) -> tuple[str | None, list[str], str]:
    """'KYIV, July 4 (Reuters) - Russia said …' → ('KYIV, July 4', ['Reuters'], 'Russia said …').

    A credit with no place, '(CNN) — …', goes too: the agency, if it is one, into the wire list.
    """
    m = _CREDIT_OPENING.match(paragraph)
    if m:
        return None, _wires_in(m.group("org")), paragraph[m.end():]
    m = _DATELINE.match(paragraph)
    if not m:
        return None, [], paragraph
    place, wire_text = m.group("place").strip(), m.group("wire")
    first_word = place.split(",")[0]
    # "I -" or "A:" are not places; a dateline place is in capitals ("GDAŃSK", "NEW DELHI").
    if not first_word.isupper() or sum(ch.isupper() for ch in first_word) < 2:
        return None, [], paragraph
    wires = _wires_in(wire_text) if wire_text else []
    if wire_text and not wires:
        return None, [], paragraph
    if m.group("sep") == ":" and not wires and (place.split(",")[0].upper() in _LABELS or not place.isupper()):
        return None, [], paragraph  # "NOTE: …" or "UPDATE: …" is not a dateline
    return place, wires, paragraph[m.end():]


def split_trailing_wire(paragraph: str) -> tuple[list[str], str]:
    """'… as part of that agreement. AFP' → (['AFP'], '… as part of that agreement.')."""
    m = re.search(rf"(?<=[.!?”\"’)]){_TRAIL_SEP}\(?(?P<wire>[A-Za-z][\w .,/&-]{{1,40}}?)\)?\.?$", paragraph)
    if not m:
        return [], paragraph
    wires = _wires_in(m.group("wire"))
    if not wires:
        return [], paragraph
    return wires, paragraph[: m.start()].rstrip()


def wire_only_line(line: str) -> list[str]:
    """A line that is only a wire credit ('— Reuters', '(AFP)', 'AFP, Reuters') → its agencies."""
    inner = line.strip().strip("-–—()[] .")
    return _wires_in(inner)


def _wires_in(text: str) -> list[str]:
    """'AFP, Reuters' → ['AFP', 'Reuters']; [] unless every part is a wire agency."""
    parts = [p for p in re.split(r"\s*(?:,|/|&|\band\b)\s*", text.strip()) if p]
    names = [canonical_wire(p) for p in parts]
    if not names or any(n is None for n in names):
        return []
    return [n for n in names if n]
