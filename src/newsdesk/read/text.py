"""Reading a page saved as text (copied from a browser, furniture and all) into an Article.

The flow, each step a function below:
  lines → tokens (what each line is) → fragments cut by links rejoined → header
  (headline, standfirst, byline, date) → body walk (captions, key points, subheads,
  link lists, paragraphs) → dateline and wire credit.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsdesk.read import lines as L
from newsdesk.read.wire import split_dateline, split_trailing_wire, wire_only_line
from newsdesk.schema import Article, Caption, Diagnostics, Section, build_text

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_NO_SPACE_BEFORE = re.compile(r"^[,.;:!?)\]’”]")


@dataclass(slots=True)
class Token:
    kind: str  # line | furniture | ai_marker | list_header | summary_header | credit | caption | bullet | timestamp
    text: str
    value: str | None = None  # the credit, the caption text or the bullet item


@dataclass(slots=True)
class _Draft:
    headline: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    published: str | None = None
    key_points: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    sections: list[Section] = field(default_factory=lambda: [Section()])
    removed: Counter = field(default_factory=Counter)


def read_text(text: str) -> Article:
    """Read a page saved as text.

    >>> art = read_text("Storm hits coast\\n\\nBy Jane Doe\\n\\nThe storm hit the coast on Friday. AP")
    >>> art.headline, art.byline, art.wire, art.text
    ('Storm hits coast', 'Jane Doe', ['AP'], 'The storm hit the coast on Friday.')
    """
    draft = _Draft()
    tokens = join_fragments(tokenize(split_lines(text), draft.removed), draft.removed)
    body_start = read_header(tokens, draft)
    walk_body(tokens[body_start:], draft)
    dateline, wires = take_wire_credits(draft)
    sections = [s for s in draft.sections if s.paragraphs or s.heading]
    body = build_text(sections)
    diagnostics = Diagnostics(input_kind="text", path="text-rules", removed=dict(draft.removed))
    if len(L.words(body)) < 50:
        diagnostics.reason = _why_tiny(body, draft.removed)
    return Article(
        headline=draft.headline, standfirst=draft.standfirst, byline=draft.byline, dateline=dateline,
        published=draft.published, wire=wires, publisher_key_points=draft.key_points,
        captions=draft.captions, sections=sections, text=body, diagnostics=diagnostics,
    )


def split_lines(text: str) -> list[str]:
    """Non-empty lines, whitespace normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [s for s in (_SPACES.sub(" ", line).strip() for line in text.split("\n")) if s]


def tokenize(raw: list[str], removed: Counter) -> list[Token]:
    """Say what each line is; drop exact repeats (a caption printed twice)."""
    tokens: list[Token] = []
    seen: set[str] = set()
    for line in raw:
        key = line.casefold()
        if key in seen and len(L.words(line)) >= 3:
            removed["duplicate"] += 1
            continue
        seen.add(key)
        tokens.append(classify(line))
    return tokens


def classify(line: str) -> Token:
    if L.is_summary_header(line):
        return Token("summary_header", line)
    if L.is_list_header(line):
        return Token("list_header", line)
    if re.fullmatch(r"(?:this summary was |summary )?(?:ai|a\.i\.)[- ]generated.{0,60}", line, re.IGNORECASE):
        return Token("ai_marker", line)
    if (item := L.bullet_text(line)) is not None:
        return Token("bullet", line, item)
    if L.is_furniture(line):
        return Token("furniture", line)
    if (credit := L.credit_line(line)) is not None:
        return Token("credit", line, credit)
    if (caption := L.caption_mark(line)) is not None:
        return Token("caption", line, caption)
    if L.is_timestamp(line):
        return Token("timestamp", line)
    return Token("line", line)


def join_fragments(tokens: list[Token], removed: Counter) -> list[Token]:
    """Rejoin a sentence cut apart by links: 'The' + 'hours-long bombardments' + 'sent …'."""
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if prev is not None and tok.kind == prev.kind == "line" and len(out) > 1 and _continues(prev.text, tok.text):
            glue = "" if _NO_SPACE_BEFORE.match(tok.text) else " "
            prev.text = prev.text + glue + tok.text
            removed["fragments_joined"] += 1
            continue
        out.append(tok)
    return out


def _continues(prev: str, nxt: str) -> bool:
    if L.ends_sentence(prev):
        return False
    if _NO_SPACE_BEFORE.match(nxt) or L.first_letter_is_lower(nxt):
        return True
    return L.ends_with_continuation(prev)


def read_header(tokens: list[Token], draft: _Draft) -> int:
    """Fill headline, standfirst, byline and date; return the index where the body starts."""
    lines_idx = [i for i, t in enumerate(tokens) if t.kind == "line"]
    if not lines_idx:
        return len(tokens)
    head = _headline_index(tokens, lines_idx)
    if head is None:
        return 0
    draft.headline = tokens[head].text
    draft.removed["before_headline"] += sum(1 for i in lines_idx if i < head)
    meta_end, standfirst = head, []
    for i in range(head + 1, min(len(tokens), head + 16)):
        tok = tokens[i]
        if tok.kind != "line":
            continue
        if _take_meta(tok.text, draft):
            tok.kind, meta_end = "meta", i
            continue
        if _is_caption_line(tokens, i):
            continue
        standfirst.append(i)
        if len(standfirst) > 3:
            break
    chosen = [tokens[i].text for i in standfirst if i < meta_end]
    if chosen:
        draft.standfirst = " ".join(chosen)
        for i in standfirst:
            if i < meta_end:
                tokens[i].kind = "meta"
    return head + 1


def _headline_index(tokens: list[Token], lines_idx: list[int]) -> int | None:
    """The page title: an early line of a few words that does not end like a sentence.

    Shorter lines before it (breadcrumbs, the site's name) are navigation.
    """
    for i in lines_idx[:5]:
        text = tokens[i].text
        if L.is_sentence(text) and len(L.words(text)) > 15:
            break
        if len(L.words(text)) >= 3 and not text.endswith("."):
            return i
    first = tokens[lines_idx[0]].text
    return lines_idx[0] if len(L.words(first)) <= 15 else None


def _take_meta(line: str, draft: _Draft) -> bool:
    """A byline or date line of the header: record it and say True."""
    found = L.byline(line)
    if found:
        names, rest = found
        draft.byline = draft.byline or L.tidy_name(names)
        when = L.find_date(rest) if rest else None
        if when and not draft.published:
            draft.published = when.isoformat()
        return True
    when = L.date_line(line)
    if when:
        draft.published = draft.published or when.isoformat()
        return True
    return False


def _is_caption_line(tokens: list[Token], i: int) -> bool:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (nxt is not None and nxt.kind == "credit") or L.split_inline_credit(tokens[i].text)[1] is not None


def walk_body(tokens: list[Token], draft: _Draft) -> None:
    """Sort the body's tokens into paragraphs, sections, captions and key points."""
    i, pending_credit, in_list, summary_next = 0, None, False, False
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.kind
        if kind in ("furniture", "ai_marker", "meta"):
            draft.removed[kind] += kind != "meta"
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
        elif kind == "timestamp":
            draft.sections.append(Section(heading=tok.text))
            in_list = False
        else:
            in_list = _take_line(tokens, i, draft, in_list)
        i += 1


def _take_line(tokens: list[Token], i: int, draft: _Draft, in_list: bool) -> bool:
    """Place one plain line; return whether we are still inside a list of links."""
    text = tokens[i].text
    caption, credit = L.split_inline_credit(text)
    if credit is not None and len(L.words(caption)) <= 60:
        _add_caption(draft, caption, credit)
        return in_list
    prose = split_trailing_wire(text)[1]  # "… spring. - Reuters" is still a sentence
    if wire_only_line(text) or L.is_sentence(prose):
        draft.sections[-1].paragraphs.append(text)  # wire credits are resolved at the end
        return in_list and not L.is_sentence(prose)
    if in_list or _in_run_of_titles(tokens, i):
        draft.removed["link_list"] += 1
        return in_list
    if _looks_like_subhead(tokens, i, draft):
        draft.sections.append(Section(heading=text))
    elif len(L.words(text)) >= 8:  # prose that lost its full stop: keep it, never lose the article's text
        draft.sections[-1].paragraphs.append(text)
    else:
        draft.removed["short_line"] += 1
    return in_list


def _in_run_of_titles(tokens: list[Token], i: int) -> bool:
    """Two plain non-sentence lines in a row are a list of links, not prose."""
    def title_like(j: int) -> bool:
        return 0 <= j < len(tokens) and tokens[j].kind == "line" and not L.is_sentence(tokens[j].text)

    return title_like(i - 1) or title_like(i + 1)


def _looks_like_subhead(tokens: list[Token], i: int, draft: _Draft) -> bool:
    text = tokens[i].text
    if len(L.words(text)) > 12 or not any(s.paragraphs for s in draft.sections):
        return False
    nxt = next((t for t in tokens[i + 1:] if t.kind not in ("furniture", "ai_marker")), None)
    return nxt is not None and nxt.kind == "line" and L.is_sentence(nxt.text)


def _take_bullets(tokens: list[Token], i: int, draft: _Draft, summary: bool, in_list: bool) -> int:
    """A run of bullets: the site's summary box, a list of links, or a list inside the story."""
    j = i
    while j < len(tokens) and tokens[j].kind == "bullet":
        j += 1
    items = [t.value or "" for t in tokens[i:j]]
    after = next((t for t in tokens[j:] if t.kind != "furniture"), None)
    no_body_yet = not any(s.paragraphs for s in draft.sections)
    if summary or (after is not None and after.kind == "ai_marker") or (no_body_yet and not in_list):
        draft.key_points.extend(items)
    elif in_list or all(not L.ends_sentence(x) for x in items) and len(items) > 1 and _all_titles(items):
        draft.removed["link_list"] += len(items)
    else:
        draft.sections[-1].paragraphs.extend(items)
    return j


def _all_titles(items: list[str]) -> bool:
    return all(len(L.words(x)) >= 4 for x in items)


def _attach_credit(credit: str | None, draft: _Draft, tokens: list[Token], i: int) -> str | None:
    """A credit line belongs to the caption just before it, or (BBC style) to the next one."""
    prev = tokens[i - 1] if i > 0 else None
    paragraphs = draft.sections[-1].paragraphs
    if prev is not None and prev.kind == "line" and paragraphs and paragraphs[-1] == prev.text:
        if len(L.words(prev.text)) <= 60:
            paragraphs.pop()
            _add_caption(draft, prev.text, credit)
            return None
    if prev is not None and prev.kind == "caption" and draft.captions and draft.captions[-1].credit is None:
        draft.captions[-1].credit = credit
        return None
    if draft.captions and prev is not None and prev.text.casefold() == draft.captions[-1].text.casefold():
        draft.captions[-1].credit = draft.captions[-1].credit or credit
        return None
    return credit


def _add_caption(draft: _Draft, text: str, credit: str | None) -> None:
    key = text.casefold().strip()
    for cap in draft.captions:
        if cap.text.casefold().strip() == key:
            cap.credit = cap.credit or credit
            return
    draft.captions.append(Caption(text=text, credit=credit))


def take_wire_credits(draft: _Draft) -> tuple[str | None, list[str]]:
    """Move the dateline and trailing wire credits out of the paragraphs."""
    wires: list[str] = []
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
