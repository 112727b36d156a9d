"""Reading an LLM's answer: the bullets and the sentence ids they cite, however the answer is dressed.

JSON arrays or objects (in code fences or not, trailing commas forgiven), ids as numbers, strings or
ranges ("3-4"), and plain bullet or numbered lines with inline citations (``- text [3]``); then
:func:`to_points` turns them into key points whose support is the cited sentences' spans.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from newsdesk.keypoints.llm_backends import LLMFailed, _clean
from newsdesk.schema import KeyPoint, Span

__all__ = ["parse_bullets", "to_points"]

Sentences = Sequence[tuple[int, int]]

_FENCE = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.S)
_CITE = re.compile(r"\[\s*(?:S|sentences?\s*)?\d+(?:\s*(?:,|;|and|-|–)\s*(?:S|sentences?\s*)?\d+)*\s*\]", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+(.*\S)\s*$")
_LEAD_CITE = re.compile(r"^\s*(?:[-*•+]\s*)?(\[\s*(?:S\s*)?\d[\d\s,;S–-]*\])\s*[:.)–-]?\s+(.*\S)\s*$")  # "[3] text"
_TEXT_KEYS = ("text", "point", "bullet", "key_point", "keypoint", "summary", "content")
_IDS_KEYS = ("sentences", "sentence_ids", "ids", "support", "citations", "sources", "cite", "sentence")


def parse_bullets(content: str) -> list[tuple[str, list[int]]]:
    """The bullets of a model's answer: ``(text, [sentence ids])``, tolerant of how the answer is dressed.

    >>> parse_bullets('```json\\n[{"text": "Rain fell.", "sentences": [1, "2"]}]\\n```')
    [('Rain fell.', [1, 2])]
    >>> parse_bullets("Key points:\\n- Rain fell [1].\\n2. Roads shut [2, 3]")
    [('Rain fell.', [1]), ('Roads shut', [2, 3])]
    >>> parse_bullets("[1] Rain fell.\\n[2, 4] Roads shut.")
    [('Rain fell.', [1]), ('Roads shut.', [2, 4])]
    """
    candidates = [m.group(1) for m in _FENCE.finditer(content)] + [content]
    for chunk in candidates:
        data = _loads_lenient(chunk)
        if data is not None:
            bullets = _from_json(data)
            if bullets:
                return bullets
    for chunk in candidates:
        bullets = _from_lines(chunk)
        if bullets:
            return bullets
    return []


def _loads_lenient(chunk: str):
    chunk = chunk.strip()
    for attempt in (chunk, _between(chunk, "[", "]"), _between(chunk, "{", "}")):
        if not attempt:
            continue
        try:
            return json.loads(attempt)
        except json.JSONDecodeError:
            try:  # trailing commas, the commonest slip
                return json.loads(re.sub(r",\s*([\]}])", r"\1", attempt))
            except json.JSONDecodeError:
                continue
    return None


def _between(text: str, first: str, last: str) -> str | None:
    i, j = text.find(first), text.rfind(last)
    return text[i : j + 1] if 0 <= i < j else None


def _from_json(data) -> list[tuple[str, list[int]]]:
    if isinstance(data, dict):  # {"key_points": [...]} or a single bullet
        lists = [v for v in data.values() if isinstance(v, list) and v and not all(isinstance(x, int) for x in v)]
        data = lists[0] if lists else [data]
    if not isinstance(data, list):
        return []
    out = []
    for item in data:
        if isinstance(item, str):
            bullet = _from_text(item)
        elif isinstance(item, dict):
            text = next((item[k] for k in _TEXT_KEYS if isinstance(item.get(k), str)), None)
            if text is None:
                continue
            ids_value = next((item[k] for k in _IDS_KEYS if k in item), None)
            ids = _ids(ids_value)
            cleaned, inline = _strip_citations(text)
            bullet = (cleaned, ids or inline)
        else:
            continue
        if bullet and bullet[0]:
            out.append(bullet)
    return out


def _ids(value) -> list[int]:
    if value is None:
        return []
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, float) and value.is_integer():
        return [int(value)]
    if isinstance(value, str):
        return _range_ids(value)
    if isinstance(value, list):
        return [i for v in value for i in _ids(v)]
    if isinstance(value, dict):
        return _ids(value.get("id"))
    return []


def _range_ids(text: str) -> list[int]:
    ids: list[int] = []
    for a, b in re.findall(r"(\d+)(?:\s*[-–]\s*(\d+))?", text):
        lo, hi = int(a), int(b) if b else int(a)
        ids.extend(range(lo, hi + 1) if 0 <= hi - lo <= 20 else [lo])
    return ids


def _strip_citations(text: str) -> tuple[str, list[int]]:
    ids = [i for m in _CITE.finditer(text) for i in _range_ids(m.group(0))]
    cleaned = _CITE.sub("", text).replace("**", "").replace("__", "")
    cleaned = re.sub(r"\s+([.,;:!?])", r"\1", _clean(cleaned)).strip(" -–")
    return cleaned, ids


def _from_text(line: str) -> tuple[str, list[int]] | None:
    text, ids = _strip_citations(line)
    return (text, ids) if text else None


def _from_lines(chunk: str) -> list[tuple[str, list[int]]]:
    out = []
    for line in chunk.splitlines():
        lead = _LEAD_CITE.match(line)
        if lead:
            text, ids = _strip_citations(lead.group(2).strip("*_ "))
            lead_ids = _range_ids(lead.group(1))
            if text:
                out.append((text, lead_ids + [i for i in ids if i not in lead_ids]))
            continue
        m = _BULLET.match(line)
        if m:
            bullet = _from_text(m.group(1).strip("*_ "))
            if bullet:
                out.append(bullet)
    return out


def to_points(
    bullets: list[tuple[str, list[int]]], sentences: Sentences, n: int, label: str
) -> tuple[list[KeyPoint], list[str]]:
    """KeyPoints from parsed bullets: support = the cited sentences' spans. Raises LLMFailed on bad citations."""
    notes: list[str] = []
    if not bullets:
        raise LLMFailed("no bullets in the model's answer")
    unknown = sorted({i for _, ids in bullets for i in ids if not 1 <= i <= len(sentences)})
    if unknown:
        shown = ", ".join(map(str, unknown[:8]))
        raise LLMFailed(f"the model cited sentence ids that do not exist ({shown}; the article has {len(sentences)})")
    points: list[KeyPoint] = []
    seen: set[str] = set()
    uncited = 0
    for text, ids in bullets:
        key = text.casefold()
        if key in seen:
            continue
        seen.add(key)
        if not ids:
            uncited += 1
            continue
        spans = sorted({sentences[i - 1] for i in ids})
        points.append(KeyPoint(text=text, support=[Span(start=s, end=e) for s, e in spans], method=f"llm:{label}"))
    if uncited:
        notes.append(f"llm:{label}: {uncited} bullet(s) cited no sentence and were dropped")
    if not points:
        raise LLMFailed("no bullet in the model's answer cites a sentence")
    if len(points) > n:
        notes.append(f"llm:{label}: gave {len(points)} bullets for {n}; the first {n} kept")
        points = points[:n]
    return points, notes
