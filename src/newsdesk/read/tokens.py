"""A saved page as tokens: each line said what it is, repeats and promotion boxes dropped,
sentences cut apart by links rejoined."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsdesk.read import credits as C
from newsdesk.read import lines as L
from newsdesk.schema import Caption, Section

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_NO_SPACE_BEFORE = re.compile(r"^[,.;:!?)\]’”]")
_PROMO_MAX_LINES = 10
# "von Stefan Niggemeier", "by jdoe · 31. Oktober 2023", "por Sarah Moreno": a byline printed in lower case under its
# headline; the name (or a handle) ends the line, or a separator or a date follows it
_LOWER_BYLINE = re.compile(rf"^(?:by|von|por|par|door|durch)\s+"
                           rf"(?:{L._NAME}|(?=[\w.-]*[^\W\d_])[\w.-]+(?=\s*(?:$|[·|,–—-])))(?P<rest>.*)$")
_AI_MARKER = re.compile(r"(?:this summary was |summary )?(?:ai|a\.i\.)[- ]generated.{0,60}", re.IGNORECASE)


@dataclass(slots=True)
class Token:
    # line | furniture | end | ai_marker | list_header | summary_header | credit | caption | bullet
    # | timestamp | meta (byline, date, standfirst: read by the header) | nav (before the headline)
    kind: str
    text: str
    value: str | None = None  # the credit, the caption text or the bullet item
    repeated: bool = False  # the page printed this line again (the later copies were dropped)
    twice: bool = False  # … right under itself: an image's alternative text above its caption


@dataclass(slots=True)
class Draft:
    """The article as it is being assembled."""

    headline: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    published: str | None = None
    wire: list[str] = field(default_factory=list)  # agencies credited in the head ("PTI | Updated …")
    key_points: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    sections: list[Section] = field(default_factory=lambda: [Section()])
    removed: Counter = field(default_factory=Counter)


# a site's marker left inside a sentence: "…the region.[continue reading]", "… overnight. [post_ads]" (a shortcode)
_INLINE_MARKER = re.compile(r"\s*\[(?:continue reading|read more|read full (?:story|article)|advertisement|ads?|"
                            r"embed|[a-z]+(?:_[a-z0-9]+)+)\]", re.IGNORECASE)


# markup a page was saved with: "<span style=…>North Korean troops …</span><br />"
_MARKUP = re.compile(r"</?(?:span|div|p|br|a|b|i|u|em|strong|font|img|sup|sub|small|section|article)\b[^<>]{0,300}>"
                     r"[ \t]*(?:''[ \t]*)?", re.IGNORECASE)


# a page's text-size widget saved at the end of its date line: "Xinhua, July 7, 2015 Adjust font size:" (after a
# number or a stop, so that a sentence about a font keeps its words)
_WIDGET_TAIL = re.compile(r"(?<=[\d.)\]|:-])\s+(?:(?:adjust|change|increase|decrease) (?:the )?(?:font|text) size|"
                          r"(?:font|text) size)\s*:?\s*(?:A[-+]?\s*){0,3}$", re.IGNORECASE)


def split_lines(text: str) -> list[str]:
    """Non-empty lines, whitespace normalised, without the markers sites leave inside sentences, nor markup, nor
    a text-size widget glued to their end."""
    text = _INLINE_MARKER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [s for s in (_WIDGET_TAIL.sub("", line) for line in lines) if s]


def tokenize(raw: list[str], removed: Counter) -> list[Token]:
    """Say what each line is; drop exact repeats (a caption printed twice) and promotion boxes."""
    tokens: list[Token] = []
    seen: dict[str, Token] = {}
    skip_to = -1
    for i, line in enumerate(raw):
        if i <= skip_to:
            removed["promotion"] += 1
            continue
        if (end := _promo_box_end(raw, i)) is not None:
            skip_to = end
            removed["promotion"] += 1
            continue
        tok = classify(line)
        key = line.casefold()
        if key in seen and tok.kind in ("line", "caption") and len(L.words(line)) >= 4:
            removed["duplicate"] += 1
            seen[key].repeated = True
            seen[key].twice = seen[key].twice or (bool(tokens) and tokens[-1] is seen[key])
            continue
        seen.setdefault(key, tok)
        tokens.append(tok)
    return tokens


def _promo_box_end(raw: list[str], i: int) -> int | None:
    """When line ``i`` opens a promotion box that closes within a few lines, the closing line's index.

    A box that never closes is not one: the story after it must not be swallowed.
    """
    closing = L.promo_block_end(raw[i])
    if closing is None:
        return None
    return next((j for j in range(i + 1, min(len(raw), i + _PROMO_MAX_LINES)) if closing.fullmatch(raw[j])), None)


def classify(line: str) -> Token:
    if L.is_summary_header(line):
        return Token("summary_header", line)
    if L.is_list_header(line):
        return Token("list_header", line)
    if _AI_MARKER.fullmatch(line):
        return Token("ai_marker", line)
    if L.is_end_marker(line):
        return Token("end", line)
    if (item := L.bullet_text(line)) is not None:
        return Token("bullet", line, item)
    if L.is_furniture(line):
        return Token("furniture", line)
    if (credit := C.credit_line(line)) is not None:
        return Token("credit", line, credit)
    if (caption := C.caption_mark(line)) is not None:
        return Token("caption", line, caption)
    if L.is_timestamp(line):
        return Token("timestamp", line)
    return Token("line", line)


def join_fragments(tokens: list[Token], removed: Counter) -> list[Token]:
    """Rejoin a sentence cut apart by links: 'The' + 'hours-long bombardments' + 'sent …'."""
    out: list[Token] = []
    for i, tok in enumerate(tokens):
        prev = out[-1] if len(out) > 1 else None  # the page's first line is never a fragment
        after = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].kind == "line" else None
        if prev is not None and tok.kind == prev.kind == "line" and continues(prev.text, tok.text, after):
            glue = "" if _NO_SPACE_BEFORE.match(tok.text) else " "
            prev.text = prev.text + glue + tok.text
            removed["fragments_joined"] += 1
            continue
        out.append(tok)
    return out


def continues(prev: str, nxt: str, after: Token | None = None) -> bool:
    """Does ``nxt`` carry on the sentence that ``prev`` left unfinished?"""
    if L.ends_sentence(prev) or _is_meta(nxt) or _is_meta(prev) or _lower_byline(nxt):
        return False
    if _NO_SPACE_BEFORE.match(nxt):
        return True
    if L.first_letter_is_lower(nxt):  # not after a counter or an id ('2631553' + 'iPhone 14: …')
        return any(ch.isalpha() for ch in prev)
    ws = L.words(prev)
    last = ws[-1] if ws else ""
    menu_item = 2 <= len(ws) <= 4 and all(w[:1].isupper() for w in ws)  # "Just In", then "For You"
    if L.ends_with_continuation(prev) and not menu_item:
        return True  # "… talks with" + "Vladimir Putin"
    # "The state weather agency" + "Pagasa" (a link) + "warned that …": the link sits mid-sentence.
    # Not a count ('3.409' + 'letture'), nor a name above a date or a byline ('Jane Roe' + 'am 3. Mai 2022 um 9:10').
    return (after is not None and last.islower() and len(L.words(prev)) >= 3 and not L.ends_sentence(nxt)
            and any(ch.isalpha() for ch in nxt)
            and (L.first_letter_is_lower(after.text) or bool(_NO_SPACE_BEFORE.match(after.text)))
            and not _is_meta(after.text) and not _lower_byline(after.text))


def _lower_byline(line: str) -> bool:
    m = _LOWER_BYLINE.match(line)
    if m is None:
        return False
    rest = m.group("rest").strip()
    return not rest or rest[0] in "·|–—-" or L.find_date(rest) is not None


def _is_meta(line: str) -> bool:
    return L.byline(line) is not None or L.date_line(line) is not None
