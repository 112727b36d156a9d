"""The head of a saved page: headline, standfirst, byline and publication date.

The byline or date line anchors the head: the headline and standfirst are the lines just before
it, and what stands earlier (site name, breadcrumbs, navigation, a cookie banner) is not the story.
A whole page saved as text can open with a hundred lines of menus; there the story's first sentences
are found first, and the head is read in the lines just above them.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import replace

from newsdesk.read import credits as C
from newsdesk.read import headline as H
from newsdesk.read import lines as L
from newsdesk.read.tokens import Draft, Token

_HEAD_WINDOW = 40  # tokens: the byline and date sit near the top, or nowhere
_HEAD_LINES = 12  # lines above the story's first sentence where its head is printed
# lines above a story that are not its title: list items, labels ("You are at:"), handles, reading times, filing
_NOT_TITLE = re.compile(r"^[*+o•·]\s|:$|@\w|\b(?:min(?:ute)?s? read|reading time|tempo de leitura|posted in|"
                        r"filed under|you are (?:at|here))\b", re.IGNORECASE)


def read_header(tokens: list[Token], draft: Draft) -> int:
    """Fill headline, standfirst, byline and date; return the index where the body starts.

    The rules choose first (on copies); the headline model (``headline.py``), with the rules' choice
    among its features, may overrule them on a page where it is sure enough.
    """
    story = story_start(tokens)
    mine, their_draft = [replace(t) for t in tokens], deepcopy(draft)
    head, start = rules_header(mine, their_draft, story)
    model = H.shipped_model()
    if model is not None and story is not None:
        better = H.overrule(H.score(tokens, story, model, head), head, model.threshold, model.margin)
        if better is not None and not _prose_between(tokens, head, better):
            return _finish_head(tokens, better, draft)
    tokens[:] = mine
    for name in draft.__dataclass_fields__:
        setattr(draft, name, getattr(their_draft, name))
    return start


def _prose_between(tokens: list[Token], head: int | None, lower: int) -> bool:
    """Do paragraphs stand between the rules' headline and a line below it? Then that line is a subhead, and
    taking it for the headline would drop them."""
    if head is None or lower < head:
        return False
    return sum(1 for i in range(head + 1, lower) if tokens[i].kind == "line" and _is_prose(tokens, i)) >= 2


def rules_header(tokens: list[Token], draft: Draft, story: int | None) -> tuple[int | None, int]:
    """The rules' head: the headline's index (None when there is none) and where the body starts, for a page
    whose story starts at ``story`` (``story_start``)."""
    anchor = _first_meta(tokens)
    if story is not None and not _head_near(tokens, anchor, story):
        meta = meta_above(tokens, story)  # menus, appeals, teasers first: the head sits just above the story
        head = _headline_above(tokens, story if meta is None else meta, draft)
        head = meta if head is None else head
        if head is not None:
            return head, _finish_head(tokens, head, draft)
    if anchor is None:
        head = _headline_without_anchor(tokens)
        if head is None:
            return None, 0
    else:
        head = _headline_before(tokens, anchor, draft)
        if head is None:
            head = anchor
    return head, _finish_head(tokens, head, draft)


def _head_near(tokens: list[Token], anchor: int | None, story: int) -> bool:
    """Does the head found from the top (the first byline or date, or the first title) sit just above the
    story, with a title before it?"""
    if anchor is not None:
        if anchor > story or _lines_between(tokens, anchor, story) > _HEAD_LINES:
            return False
        before = [i for i in range(anchor) if tokens[i].kind == "line" and not is_caption_line(tokens, i)]
        return any(_title_like(tokens[i].text) for i in before[-3:])
    head = _headline_without_anchor(tokens)
    if head is None or head > story or not _title_like(tokens[head].text):
        return False
    if _lines_between(tokens, head + 1, story) <= 2:
        return True
    after = [i for i in range(head + 1, len(tokens)) if tokens[i].kind == "line"][:6]
    return sum(_is_prose(tokens, i) for i in after) >= 2  # the story follows its title, whatever comes later


def _finish_head(tokens: list[Token], head: int, draft: Draft) -> int:
    """Take line ``head`` as the headline, what stands before it as navigation, the meta lines after it."""
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
        if L.byline(tok.text) or L.date_line(tok.text) or L.wire_place_line(tok.text):
            return i
        if _is_body_sentence(tokens, i):
            sentences += 1
            if sentences >= 2:
                return None
    return None


def story_start(tokens: list[Token]) -> int | None:
    """The story's first line: the first prose line of the page's longest run of prose.

    A run is broken by a byline or date line, or by three lines in a row that are not prose (menus, a
    headline and its labels); a subhead or an "Advertisement" between paragraphs does not break it.
    """
    best, best_words = None, 0
    start, words, gap = None, 0, 0
    for i, tok in enumerate(tokens):
        if tok.kind not in ("line", "bullet"):
            continue
        text = tok.text
        if tok.kind == "line" and _is_prose(tokens, i):
            if start is None:
                start, words = i, 0
            words += len(L.words(text))
            gap = 0
            if words > best_words:
                best, best_words = start, words
            continue
        gap += 1
        if gap >= 3 or L.byline(text) or L.date_line(text):
            start, words = None, 0
    return best


def _is_prose(tokens: list[Token], i: int) -> bool:
    """A paragraph's line: a long line, or a sentence of some words that is not a caption."""
    text = tokens[i].text
    n = len(L.words(text))
    return (n >= 25 or (n >= 8 and L.ends_sentence(text) and not text.endswith(("?", "!")))) \
        and not is_caption_line(tokens, i)


def _lines_between(tokens: list[Token], a: int, b: int) -> int:
    return sum(1 for t in tokens[a:b] if t.kind == "line")


def meta_above(tokens: list[Token], story: int) -> int | None:
    """The first byline or date line of the block just above the story's first sentence."""
    found = None
    seen = 0
    for i in range(story - 1, -1, -1):
        if tokens[i].kind != "line":
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if L.byline(tokens[i].text) or L.date_line(tokens[i].text):
            found = i
        elif found is not None and len(L.words(tokens[i].text)) >= 3:
            break
    return found


def _headline_above(tokens: list[Token], story: int, draft: Draft) -> int | None:
    """No byline or date above the story: its headline (and standfirst) among the lines just above it."""
    window, seen = [], 0
    for i in range(story - 1, -1, -1):
        if tokens[i].kind == "line":
            seen += 1
            window.append(i)
            if seen >= _HEAD_LINES:
                break
    titles = [i for i in window if _title_like(tokens[i].text) and not is_caption_line(tokens, i)]
    if not titles:
        return None
    head = titles[0]
    below = next((i for i in range(head + 1, story) if tokens[i].kind == "line"), None)
    if below is not None and _is_standfirst(tokens[below].text, tokens[head].text) \
            and not is_caption_line(tokens, below):
        draft.standfirst = tokens[below].text
        tokens[below].kind = "meta"
    return head


def _title_like(text: str) -> bool:
    """A line that may be a story's title: a few words, not a sentence, a byline, a date, a label or a list item."""
    n = len(L.words(text))
    return (3 <= n <= 30 and not text.rstrip().endswith(".") and not _NOT_TITLE.search(text)
            and not L.byline(text) and not L.date_line(text) and not L.wire_place_line(text)
            and not (L.find_date(text) and n <= 12))


def _headline_before(tokens: list[Token], anchor: int, draft: Draft, start: int = 0) -> int | None:
    """Pick headline and standfirst among the lines before the anchor (and a bare-name byline)."""
    cands = [i for i in range(start, anchor) if tokens[i].kind == "line" and not is_caption_line(tokens, i)]
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
    for k, i in enumerate(lines_idx[:5]):
        text = tokens[i].text
        below = tokens[lines_idx[k + 1]].text if k + 1 < len(lines_idx) else ""
        if len(L.words(below)) >= 3 and len(text) > len(below) + 2 and text.startswith(below):
            return lines_idx[k + 1]  # the page's title and description saved first, then the title alone
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
        if tok.kind == "bullet" and tok.value and _take_meta(tok.value, draft):  # "• by Jane Doe", "• 26th August"
            tok.kind = "meta"
            continue
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
        if not L.is_desk_name(names):  # "By Staff Writer", "News Desk": nobody named
            draft.byline = draft.byline or L.tidy_name(names)
        when = L.find_date(rest) if rest else None
        if when and not draft.published:
            draft.published = when.isoformat()
        return True
    if agency := L.wire_place_line(line):  # "Press Trust of India New Delhi"
        if agency not in draft.wire:
            draft.wire.append(agency)
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
    """A line followed by a credit line, or carrying its credit inline, or (AP's habit) a line between its
    credit and the byline or date."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if C.split_inline_credit(tokens[i].text)[1] is not None:
        return True
    if nxt is not None and nxt.kind == "credit":
        j = i + 1
        while j < len(tokens) and tokens[j].kind == "credit":
            j += 1
        return not credit_leads(tokens, j)  # the credit heads the caption under it, not this line
    prev = tokens[i - 1] if i > 0 else None
    return prev is not None and prev.kind == "credit" and credit_leads(tokens, i)


def credit_leads(tokens: list[Token], i: int) -> bool:
    """Is line ``i``, after a credit, that credit's caption: a line of some words, with the byline or date under
    it?"""
    if i + 1 >= len(tokens) or tokens[i].kind != "line" or tokens[i + 1].kind not in ("line", "meta"):
        return False
    text, under = tokens[i].text, tokens[i + 1].text
    if len(L.words(text)) < 6 or L.byline(text) or L.date_line(text):
        return False
    return bool(L.byline(under) or L.date_line(under))
