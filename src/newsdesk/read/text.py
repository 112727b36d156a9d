"""Reading a page saved as text (copied from a browser, furniture and all) into an Article.

The flow, each step a function:
  lines → tokens (what each line is; ``tokens.py``) → fragments cut by links rejoined → header
  (headline, standfirst, byline, date; ``header.py``) → body walk (captions, key points, subheads,
  link lists, paragraphs; below) → dateline and wire credit (``wire.py``).
"""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.read import credits as C
from newsdesk.read import lines as L
from newsdesk.read.header import credit_leads, is_caption_line, read_header
from newsdesk.read.tokens import Draft, Token, join_fragments, split_lines, tokenize
from newsdesk.read.wire import split_dateline, split_trailing_wire, wire_only_line
from newsdesk.schema import Article, Caption, Diagnostics, Section, build_text

_SKIPPED = ("furniture", "ai_marker", "meta", "nav")
# the date a stored copy of a page carries before the page's own first line (web archives' "save as text")
_SAVED_ON = re.compile(r"\s*date (\d{4}-\d{2}-\d{2})(?=\s)[ \t]*")
_STAMP = re.compile(r"(?:posted|published|first published|updated|last updated)\b", re.IGNORECASE)


def read_text(text: str) -> Article:
    """Read a page saved as text.

    >>> art = read_text("Storm hits coast\\n\\nBy Jane Doe\\n\\nThe storm hit the coast on Friday. AP")
    >>> art.headline, art.byline, art.wire, art.text
    ('Storm hits coast', 'Jane Doe', ['AP'], 'The storm hit the coast on Friday.')
    """
    tokens, draft = page_tokens(text)
    body_start = read_header(tokens, draft)
    walk_body(tokens[body_start:], draft, live=is_live_blog(draft.headline, tokens[body_start:]))
    dateline, wires = take_wire_credits(draft)
    sections = [s for s in draft.sections if s.paragraphs]
    body = build_text(sections)
    diagnostics = Diagnostics(input_kind="text", path="text-rules", removed=dict(draft.removed))
    if len(L.words(body)) < 50:
        diagnostics.reason = _why_tiny(body, draft.removed)
    return Article(
        headline=draft.headline, standfirst=draft.standfirst, byline=draft.byline, dateline=dateline,
        published=draft.published, wire=wires, publisher_key_points=draft.key_points,
        captions=draft.captions, sections=sections, text=body, diagnostics=diagnostics,
    )


def page_tokens(text: str) -> tuple[list[Token], Draft]:
    """A saved page's lines as tokens, and the draft they start (a stored copy's date already in it)."""
    draft = Draft()
    if stamp := _SAVED_ON.match(text):  # " date 2024-11-01 More than 2,000 …": a stored copy's date, before the page
        draft.published, text = stamp.group(1), text[stamp.end():]
    return join_fragments(tokenize(split_lines(text), draft.removed), draft.removed), draft


def is_live_blog(headline: str | None, tokens: list[Token]) -> bool:
    """A live blog says so in its headline, lists its key events, or opens with an entry's timestamp."""
    if headline and re.search(r"\blive\b", headline, re.IGNORECASE):
        return True
    first = next((t for t in tokens if t.kind not in _SKIPPED), None)
    return first is not None and (first.kind == "timestamp" or first.text.lower().startswith("key events"))


def walk_body(tokens: list[Token], draft: Draft, live: bool = False) -> None:
    """Sort the body's tokens into paragraphs, sections, captions and key points.

    Timestamps start sections only on a live blog; elsewhere they belong to lists and feeds.
    """
    i, pending_credit, in_list, summary_next, signed = 0, None, False, False, False
    while i < len(tokens):
        tok, kind = tokens[i], tokens[i].kind
        if kind == "end" and _has_body(draft):
            draft.removed["after_end"] += len(tokens) - i
            return
        if signed and kind == "line" and not L.is_sentence(tok.text):
            draft.removed["after_sign_off"] += 1  # "… continuing. — BBC", then the page's related headlines
            i += 1
            continue
        if kind in _SKIPPED or kind == "end":
            draft.removed[kind] += kind in ("furniture", "ai_marker", "end")
            if kind == "furniture" and not draft.byline and (m := _WRITTEN_BY.search(tok.text)):
                draft.byline = m.group(1)  # "This article was written by Jane Doe and originally appeared on …"
        elif kind == "list_header":
            in_list = True
            draft.removed["link_list"] += 1
        elif kind == "summary_header":
            summary_next = True
        elif kind == "bullet":
            i = _take_bullets(tokens, i, draft, summary_next, in_list)
            summary_next = False
            continue
        elif kind == "credit":
            pending_credit = _attach_credit(tok.value, draft, tokens, i)
        elif kind == "caption":
            _add_caption(draft, tok.value or "", pending_credit)
            pending_credit = None
        elif kind == "timestamp" and live:
            in_list = _take_timestamp(tokens, i, draft, in_list)
        elif kind == "timestamp":
            draft.removed["timestamp"] += 1
        elif _is_date_stamp(tok.text) and _story_told(draft):  # the footer's "Posted … updated …"
            draft.removed["after_end"] += len(tokens) - i
            return
        else:
            in_list = _take_line(tokens, i, draft, in_list)
            signed = signed or (kind == "line" and _signed_off(tok.text) and (
                _story_told(draft) or len(L.words(tok.text)) >= 120))
        i += 1


_WRITTEN_BY = re.compile(r"\b(?:article|story|post) was written by ((?:[A-Z][\w'’.-]+\s){1,3}[A-Z][\w'’.-]+)"
                         r"(?: and (?:originally|first))")
# a story's sign-off after its last sentence: "… was continuing. — BBC", "… the ministry said. – AFP"
_SIGN_OFF = re.compile(r"[.!?”\"’)]\s+[—–]\s*(?:[A-Z][\w&.'’]*)(?:\s+[A-Z][\w&.'’]*){0,3}\s*$")


def _signed_off(text: str) -> bool:
    return bool(split_trailing_wire(text)[0]) or bool(_SIGN_OFF.search(text))


def _is_date_stamp(text: str) -> bool:
    return (bool(_STAMP.match(text)) and len(L.words(text)) <= 25 and not L.ends_sentence(text)
            and L.find_date(text) is not None)


def _story_told(draft: Draft) -> bool:
    """Enough of the story has come for a date stamp to be its footer rather than its head."""
    paragraphs = [p for s in draft.sections for p in s.paragraphs]
    return len(paragraphs) >= 3 and sum(len(L.words(p)) for p in paragraphs) >= 120


def _has_body(draft: Draft) -> bool:
    """A paragraph of the story has come: a sentence (a caption's "… in Kyiv" and its "Copyright AFP" is not)."""
    return any(L.is_sentence(p) for s in draft.sections for p in s.paragraphs)


def _take_timestamp(tokens: list[Token], i: int, draft: Draft, in_list: bool) -> bool:
    """A live-blog entry starts when a timestamp is followed by prose; before a title it is a list item."""
    nxt = _next_content(tokens, i)
    if nxt is not None and nxt.kind == "line" and _is_prose(nxt.text) and not (in_list and _is_list_item(nxt.text)):
        draft.sections.append(Section(heading=tokens[i].text))
        return False
    draft.removed["link_list"] += 1
    return in_list


def _take_line(tokens: list[Token], i: int, draft: Draft, in_list: bool) -> bool:
    """Place one plain line; return whether we are still inside a list of links."""
    text = tokens[i].text
    caption, credit = C.split_inline_credit(text)
    if credit is not None and len(L.words(caption)) <= 60:
        _add_caption(draft, caption, credit)
        return in_list
    if _echoes_caption(tokens, i) or _echoes_caption_above(tokens, i):
        draft.removed["caption_echo"] += 1
        return in_list
    if C.is_portrait_caption(text):
        _add_caption(draft, text.rstrip("."), None)
        return in_list
    if tokens[i].twice and len(L.words(text)) <= 45 and not _prose_follows(tokens, i):
        _add_caption(draft, text, None)  # printed twice in a row, then a credit or a label: alt text and caption
        return in_list
    if in_list and _is_list_item(text):
        draft.removed["link_list"] += 1
        return True
    if wire_only_line(text) or _is_prose(text):
        if _is_question_subhead(tokens, i, draft):
            draft.sections.append(Section(heading=text))
        else:
            draft.sections[-1].paragraphs.append(text)  # wire credits are resolved at the end
        return False
    if in_list or _in_run_of_titles(tokens, i):
        draft.removed["link_list"] += 1
        return in_list
    if _between_furniture(tokens, i):  # a video's title between its player's labels
        draft.removed["furniture_block"] += 1
        return in_list
    if _looks_like_subhead(tokens, i, draft):
        draft.sections.append(Section(heading=text))
    elif len(L.words(text)) >= 8:  # prose that lost its full stop: keep it, never lose the article's text
        draft.sections[-1].paragraphs.append(text)
    else:
        draft.removed["short_line"] += 1
    return in_list


def _prose_follows(tokens: list[Token], i: int) -> bool:
    nxt = _next_content(tokens, i)
    return nxt is not None and nxt.kind == "line" and _is_prose(nxt.text)


def _echoes_caption(tokens: list[Token], i: int) -> bool:
    """The image's alternative text just above its caption: the caption's first words ("… walks under a net...")
    or most of its words, when the next line is a caption with its credit."""
    nxt = i + 1
    while nxt < len(tokens) and tokens[nxt].kind == "furniture":
        nxt += 1
    if nxt >= len(tokens) or tokens[nxt].kind != "line":
        return False
    following = tokens[nxt].text
    if C.split_inline_credit(following)[1] is None and not is_caption_line(tokens, nxt):
        return False
    mine = tokens[i].text.rstrip(" .…").removesuffix("...").rstrip()
    if len(L.words(mine)) < 4:
        return False
    return following.startswith(mine) or _mostly_in(L.words(mine), following)


def _echoes_caption_above(tokens: list[Token], i: int) -> bool:
    """The same photo's caption again, just under its credited caption (one the image's, one the page's:
    "… in New York, April 18, 2019. REUTERS/Carlo Allegri" then "… in New York. Reuters"): most of its words."""
    if i == 0 or tokens[i - 1].kind != "line":
        return False
    above, credit = C.split_inline_credit(tokens[i - 1].text)
    mine = L.words(tokens[i].text)
    return credit is not None and 6 <= len(mine) <= 1.5 * len(L.words(above)) + 2 and _mostly_in(mine, above)


def _mostly_in(words: list[str], other: str) -> bool:
    """Whether 80 % of the distinct ``words`` (case aside) are words of ``other``."""
    mine = {w.casefold() for w in words}
    return len(mine & {w.casefold() for w in L.words(other)}) >= 0.8 * len(mine)


def _is_prose(text: str) -> bool:
    """A sentence, or a long line, even with a wire credit after its full stop."""
    prose = split_trailing_wire(text)[1]
    return L.is_sentence(prose) or len(L.words(prose)) > 14


def _is_list_item(text: str) -> bool:
    """Inside a list of links: a title (no full stop), even one ending in a question mark."""
    n = len(L.words(text))
    quoted = any(q in text for q in "\"“”")
    return (not L.ends_sentence(text) and n <= 25) or (text.rstrip().endswith("?") and n <= 14 and not quoted)


def _is_question_subhead(tokens: list[Token], i: int, draft: Draft) -> bool:
    """'What is a red weather warning?' between paragraphs is a subhead, unless someone is quoted."""
    text = tokens[i].text
    if not text.endswith("?") or len(L.words(text)) > 10 or any(q in text for q in "\"“”‘’'«»"):
        return False
    return _looks_like_subhead(tokens, i, draft)


def _between_furniture(tokens: list[Token], i: int) -> bool:
    return 0 < i < len(tokens) - 1 and tokens[i - 1].kind == tokens[i + 1].kind == "furniture"


def _in_run_of_titles(tokens: list[Token], i: int) -> bool:
    """Two plain non-sentence lines in a row are a list of links, not prose."""
    def title_like(j: int) -> bool:
        return (0 <= j < len(tokens) and tokens[j].kind == "line" and not L.is_sentence(tokens[j].text)
                and not is_caption_line(tokens, j))

    nxt = _next_content(tokens, i)
    before_prose = nxt is not None and nxt.kind == "line" and _is_prose(nxt.text)
    return title_like(i + 1) or (title_like(i - 1) and not before_prose)


def _looks_like_subhead(tokens: list[Token], i: int, draft: Draft) -> bool:
    if len(L.words(tokens[i].text)) > 12 or not _has_body(draft):
        return False
    nxt = _next_content(tokens, i)
    return nxt is not None and nxt.kind == "line" and _is_prose(nxt.text)


def _next_content(tokens: list[Token], i: int) -> Token | None:
    return next((t for t in tokens[i + 1:] if t.kind not in _SKIPPED), None)


def _take_bullets(tokens: list[Token], i: int, draft: Draft, summary: bool, in_list: bool) -> int:
    """A run of bullets: the site's summary box, a list of links, or a list inside the story."""
    j = i
    while j < len(tokens) and tokens[j].kind == "bullet":
        j += 1
    items = [t.value or "" for t in tokens[i:j]]
    after = next((t for t in tokens[j:] if t.kind != "furniture"), None)
    if summary or (after is not None and after.kind == "ai_marker") or (not _has_body(draft) and not in_list):
        draft.key_points.extend(items)
    elif in_list or (len(items) > 1 and all(not L.ends_sentence(x) and len(L.words(x)) >= 4 for x in items)):
        draft.removed["link_list"] += len(items)
    else:  # a list inside the story: numbered items keep their numbers, as printed
        draft.sections[-1].paragraphs.extend(t.text if t.text[:1].isdigit() else t.value or "" for t in tokens[i:j])
    return j


def _attach_credit(credit: str | None, draft: Draft, tokens: list[Token], i: int) -> str | None:
    """A credit line belongs to the caption just before it, or (BBC style) to the one after it, or (AP style) to
    the line after it with the byline under that."""
    if i + 1 < len(tokens) and tokens[i + 1].kind == "caption":
        return credit
    j = i + 1
    while j < len(tokens) and tokens[j].kind == "credit":
        j += 1
    if credit_leads(tokens, j):
        tokens[j].kind, tokens[j].value = "caption", tokens[j].text
        return credit
    prev = tokens[i - 1] if i > 0 else None
    paragraphs = draft.sections[-1].paragraphs
    if prev is not None and prev.kind == "line" and paragraphs and paragraphs[-1] == prev.text:
        if len(L.words(prev.text)) <= 60:
            paragraphs.pop()
            _add_caption(draft, prev.text, credit)
            return None
    if draft.captions and draft.captions[-1].credit is None:
        draft.captions[-1].credit = credit
    return None


def _add_caption(draft: Draft, text: str, credit: str | None) -> None:
    key = text.casefold().strip()
    for cap in draft.captions:
        if cap.text.casefold().strip() == key:
            cap.credit = cap.credit or credit
            return
    draft.captions.append(Caption(text=text, credit=credit))


def take_wire_credits(draft: Draft) -> tuple[str | None, list[str]]:
    """Move the dateline and trailing wire credits out of the paragraphs."""
    wires: list[str] = list(draft.wire)
    paragraphs = [s.paragraphs for s in draft.sections if s.paragraphs]
    if not paragraphs:
        return None, wires
    dateline, found, first = split_dateline(paragraphs[0][0])
    paragraphs[0][0] = first
    wires += found
    for section in draft.sections:  # a line that is only a wire credit ("— Reuters") is no paragraph
        kept = []
        for p in section.paragraphs:
            only = wire_only_line(p)
            wires.extend(only)
            if not only:
                kept.append(p)
        section.paragraphs = kept
    last = next((s.paragraphs for s in reversed(draft.sections) if s.paragraphs), None)
    if last:
        found, last[-1] = split_trailing_wire(last[-1])
        wires += found
    return dateline, list(dict.fromkeys(wires))


def _why_tiny(body: str, removed: Counter) -> str:
    n = len(L.words(body))
    dropped = ", ".join(f"{k}: {v}" for k, v in removed.most_common(4))
    if n == 0:
        return f"no article body found: every line looked like page furniture ({dropped or 'nothing to read'})"
    return f"body is tiny ({n} words); lines removed as furniture: {dropped or 'none'}"
