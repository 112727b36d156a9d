"""The head of a saved page: headline, standfirst, byline and publication date.

The byline or date line anchors the head: the headline and standfirst are the lines just before
it, and what stands earlier (site name, breadcrumbs, navigation, a cookie banner) is not the story.
"""

from __future__ import annotations

from newsdesk.read import credits as C
from newsdesk.read import lines as L
from newsdesk.read.tokens import Draft, Token

_HEAD_WINDOW = 40  # tokens: the byline and date sit near the top, or nowhere


def read_header(tokens: list[Token], draft: Draft) -> int:
    """Fill headline, standfirst, byline and date; return the index where the body starts."""
    anchor = _first_meta(tokens)
    if anchor is None:
        head = _headline_without_anchor(tokens)
        if head is None:
            return 0
    else:
        head = _headline_before(tokens, anchor, draft)
        if head is None:
            head = anchor
    if tokens[head].kind == "line":
        draft.headline = tokens[head].text
        tokens[head].kind = "meta"
    for tok in tokens[:head]:
        if tok.kind == "line":
            tok.kind = "nav"
            draft.removed["before_headline"] += 1
    _take_meta_lines(tokens, head, draft)
    draft.published = draft.published or _updated_date(tokens)
    return head + 1


def _first_meta(tokens: list[Token]) -> int | None:
    """The first byline or date line, if it comes before the story has clearly begun."""
    sentences = 0
    for i, tok in enumerate(tokens[:_HEAD_WINDOW]):
        if tok.kind != "line":
            continue
        if L.byline(tok.text) or L.date_line(tok.text):
            return i
        if _is_body_sentence(tokens, i):
            sentences += 1
            if sentences >= 2:
                return None
    return None


def _headline_before(tokens: list[Token], anchor: int, draft: Draft) -> int | None:
    """Pick headline and standfirst among the lines before the anchor (and a bare-name byline)."""
    cands = [i for i in range(anchor) if tokens[i].kind == "line" and not is_caption_line(tokens, i)]
    if cands and cands[-1] == _previous_line(tokens, anchor) and L.is_name_line(tokens[cands[-1]].text):
        draft.byline = L.tidy_name(tokens[cands[-1]].text)
        tokens[cands[-1]].kind = "meta"
        cands.pop()
    cands = [i for i in cands if len(L.words(tokens[i].text)) >= 3]
    if not cands:
        return None
    adjacent = len(cands) >= 2 and _previous_line(tokens, cands[-1]) == cands[-2]
    if adjacent and _is_standfirst(tokens[cands[-1]].text, tokens[cands[-2]].text):
        draft.standfirst = tokens[cands[-1]].text
        tokens[cands[-1]].kind = "meta"
        return cands[-2]
    return cands[-1]


def _is_standfirst(last: str, before: str) -> bool:
    """A standfirst follows the headline and reads as prose: a full stop, or longer than the headline."""
    n = len(L.words(last))
    return n >= 6 and (last.rstrip().endswith(".") or (n >= 10 and n > len(L.words(before))))


def _headline_without_anchor(tokens: list[Token]) -> int | None:
    """No byline or date: the first line of a few words that does not end like a sentence."""
    lines_idx = [i for i, t in enumerate(tokens) if t.kind == "line"]
    if not lines_idx:
        return None
    for i in lines_idx[:5]:
        text = tokens[i].text
        if L.is_sentence(text) and len(L.words(text)) > 15:
            break
        if 3 <= len(L.words(text)) <= 30 and not text.endswith("."):
            return i
    first = tokens[lines_idx[0]].text
    return lines_idx[0] if len(L.words(first)) <= 15 and not L.is_sentence(first) else None


def _take_meta_lines(tokens: list[Token], head: int, draft: Draft) -> None:
    """Byline, date, role and bare-name lines between the headline and the story's first sentence."""
    for i in range(head + 1, min(len(tokens), head + 20)):
        tok = tokens[i]
        if tok.kind != "line":
            continue
        if _is_body_sentence(tokens, i):
            break
        if _take_meta(tok.text, draft):
            tok.kind = "meta"
        elif L.is_role_line(tok.text) and _previous_is_meta(tokens, i):
            tok.kind = "meta"
            draft.removed["role_line"] += 1
        elif L.is_name_line(tok.text) and not draft.byline and _next_is_role_or_date(tokens, i):
            draft.byline = L.tidy_name(tok.text)
            tok.kind = "meta"


def _updated_date(tokens: list[Token]) -> str | None:
    """When the page prints only an "Updated …" stamp, that date is the best we have."""
    for tok in tokens[:_HEAD_WINDOW]:
        if tok.kind == "furniture" and tok.text.lower().startswith(("updated", "last updated", "latest update")):
            when = L.find_date(tok.text)
            if when:
                return when.isoformat()
    return None


def _take_meta(line: str, draft: Draft) -> bool:
    """A byline or date line of the header: record it and say True."""
    found = L.byline(line)
    if found:
        names, rest = found
        draft.byline = draft.byline or L.tidy_name(names)
        when = L.find_date(rest) if rest else None
        if when and not draft.published:
            draft.published = when.isoformat()
        return True
    first, sep, rest = line.partition(" | ")
    agency = L.canonical_wire(first)
    if agency and sep and (L.find_date(rest) or L.is_furniture(rest)):  # "PTI | Last updated on: …"
        draft.wire.append(agency)
        draft.published = draft.published or (d.isoformat() if (d := L.find_date(rest)) else None)
        return True
    when = L.date_line(line)
    if when:
        draft.published = draft.published or when.isoformat()
        return True
    return False


def _next_is_role_or_date(tokens: list[Token], i: int) -> bool:
    nxt = next((t for t in tokens[i + 1:] if t.kind not in ("furniture", "nav")), None)
    return nxt is not None and nxt.kind == "line" and (L.is_role_line(nxt.text) or L.date_line(nxt.text) is not None)


def _previous_is_meta(tokens: list[Token], i: int) -> bool:
    j = _previous_line(tokens, i)
    return j is not None and tokens[j].kind == "meta"


def _previous_line(tokens: list[Token], i: int) -> int | None:
    j = i - 1
    while j >= 0 and tokens[j].kind in ("furniture", "nav"):
        j -= 1
    return j if j >= 0 and tokens[j].kind in ("line", "meta") else None


def _is_body_sentence(tokens: list[Token], i: int) -> bool:
    text = tokens[i].text
    return L.is_sentence(text) and len(L.words(text)) >= 12 and not is_caption_line(tokens, i)


def is_caption_line(tokens: list[Token], i: int) -> bool:
    """A line followed by a credit line, or carrying its credit inline."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (nxt is not None and nxt.kind == "credit") or C.split_inline_credit(tokens[i].text)[1] is not None
