"""Photo captions and their credits, harvested from the page and kept out of the body.

A caption is a ``<figcaption>`` or an element whose class names a caption (``wp-caption-text``,
``image__caption``, ``newsCaption`` …). Its credit comes from a credit-classed element inside
it or beside it in the same figure (``<span class="credit">``), else from the caption's own
words: "Photo: Reuters/Jane Doe", "PHOTO: EPA", "(Image: Getty)", "Credit...Doug Mills".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsdesk.schema import Caption, Section

# "aption" matches caption, Caption and newsCaption in one cheap test; the class check below refines it.
_CANDIDATES = XPath("//figcaption | //*[contains(@class, 'aption') or @itemprop='caption']")
_NOT_CAPTION_PREFIXES = ("no", "without", "has", "ad", "more", "info", "closed", "with")
_CLASS_PART = re.compile(r"[^a-z0-9]+")
_CREDIT_PARTS = {"credit", "credits", "copyright", "photographer", "attribution", "courtesy", "source"}
_SKIP_ANCESTORS = {"nav", "footer", "button", "a", "li", "script", "style", "noscript", "template"}
_NOT_CAPTION_TAGS = {
    "img",
    "body",
    "html",
    "svg",
    "picture",
    "video",
    "header",
    "section",
    "article",
    "main",
    "form",
    "ul",
    "ol",
    "table",
    "nav",
    "aside",
    "footer",
}
_MAX_CAPTION_WORDS = 120
_MAX_CREDIT_WORDS = 10
_PICTURE_BLOCK_SLACK = 200  # characters a picture block may hold beyond its caption (credit, counters)
_LABEL = re.compile(r"^(?:(?:image|media|photo|video)?\s*caption|file photo)\s*:?\s*", re.IGNORECASE)
_UI_MARKS = re.compile(r"(?:\.\.\.|…)?\s*\[[+-]\]|(?:\.\.\.|…)\s*(?:read )?more\s*$", re.IGNORECASE)
_COUNTER = re.compile(r"^(?:image|photo|slide)?\s*\d+\s*(?:of|/)\s*\d+\s+", re.IGNORECASE)
_JUNK = re.compile(
    r"^(?:\d+\s+comments?|advertisement|caption|close|expand|less|more|always enabled|image \d+ of \d+)$",
    re.IGNORECASE,
)
_CREDIT_LABEL = re.compile(
    r"^(?:(?:image|photo|picture)\s+(?:copyright|source|credit)|copyright|credits?|©|"
    r"(?:photo(?:graph)?s?|pictures?|images?|fotos?|illustration)(?:\s+credit)?\s*(?::|\bby\b|\bvia\b))\s*:?\s*",
    re.IGNORECASE,
)
# "Photo: X", "Photograph: X/Getty Images", "(Image: GETTY)", "Credit...Doug Mills", "Photo by X."
_CREDIT_AT_END = re.compile(
    r"(?:^|(?<=[\s(\[.,;–—-])|(?<=[a-z]))[(\[]?\s*"
    r"(?:photo(?:graph)?s?|pictures?|pic|images?|fotos?|illustration|video|credits?)"
    r"(?:\s+(?:credit|courtesy))?"
    r"\s*(?::|\.\.\.|…|\bby\b)\s*(?P<credit>[^()\[\]]{1,80}?)\s*[)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)
_PAREN_CREDIT = re.compile(r"\s*[(\[](?P<credit>[^()\[\]]{1,60})[)\]]\s*\.?\s*$")
_AGENCIES = re.compile(
    r"\b(?:AP|AFP|EPA|PA|Reuters|REUTERS|Getty(?: Images)?|GETTY(?: IMAGES)?|Associated Press|ASSOCIATED PRESS|"
    r"Shutterstock|iStock(?:photo)?|"
    r"Bloomberg|Alamy|Xinhua|TASS|Anadolu|dpa|UPI|Corbis|NurPhoto|SOPA|Sipa|Courtesy\b[^.]*)\b",
)
_LONE_AGENCY_AT_END = re.compile(
    r"(?<=[.!?”\"’)])\s*(?P<credit>(?:[A-Z][\w.'’-]*\s+){0,4}(?:/\s*)?" + _AGENCIES.pattern + r"[^.!?]{0,30})\s*$",
)
_CREDIT_ONLY = re.compile(
    r"^\(?\s*(?:photo(?:graph)?s?|pictures?|images?|fotos?|credits?|illustration)\s*(?:credit)?\s*(?::|\bby\b|\bvia\b)"
    r"\s*\S.{0,80}$",
    re.IGNORECASE,
)


def _class_parts(elem: HtmlElement) -> list[str]:
    return [p for p in _CLASS_PART.split((elem.get("class") or "").lower()) if p]


def _is_caption_element(elem: HtmlElement) -> bool:
    if elem.tag == "figcaption" or elem.get("itemprop") == "caption":
        return True
    parts = [p for p in _class_parts(elem) if "caption" in p]
    return any(not p.startswith(_NOT_CAPTION_PREFIXES) and "captioning" not in p for p in parts)


def _is_credit_element(elem: HtmlElement) -> bool:
    return any(p in _CREDIT_PARTS for p in _class_parts(elem))


def _usable(elem: HtmlElement) -> bool:
    if not isinstance(elem.tag, str) or elem.tag in _NOT_CAPTION_TAGS:
        return False
    for ancestor in elem.iterancestors():
        if ancestor.tag in _SKIP_ANCESTORS:
            return False
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}".lower()
        if "cookie" in names or "consent" in names or "gdpr" in names:
            return False
    return True


def _text(elem: HtmlElement, skip: Iterable[HtmlElement] = ()) -> str:
    skipped = set(skip)
    parts: list[str] = []
    _gather(elem, skipped, parts)
    return " ".join(" ".join(parts).split())


def _gather(elem: HtmlElement, skipped: set[HtmlElement], parts: list[str]) -> None:
    if elem in skipped or elem.tag in {"script", "style", "noscript", "button"}:
        return
    if elem.text:
        parts.append(elem.text)
    for child in elem:
        if isinstance(child.tag, str):
            _gather(child, skipped, parts)
        if child.tail:
            parts.append(child.tail)


def _credit_elements(elem: HtmlElement) -> list[HtmlElement]:
    """The caption's credit element: inside it, else beside it in its figure (or its parent block)."""
    inside = [e for e in elem.iterdescendants() if isinstance(e.tag, str) and _is_credit_element(e)]
    if inside:
        return inside[:1]
    holder = next(elem.iterancestors("figure"), None)
    if holder is None:
        holder = elem.getparent()
        # a parent much bigger than the caption is the article, not a picture block: its credits are others'
        if holder is None or len(holder.text_content()) > len(elem.text_content()) + _PICTURE_BLOCK_SLACK:
            return []
    above = set(elem.iterancestors())
    return [
        e
        for e in holder.iterdescendants()
        if isinstance(e.tag, str) and e is not elem and e not in above and _is_credit_element(e)
    ][:1]


def split_credit(text: str) -> tuple[str, str | None]:
    """Split a caption's own credit off its end (two at most: "… (Photo: Getty Images) Getty").

    >>> split_credit("Firefighters at the scene. Photo: Reuters/Jane Doe")
    ('Firefighters at the scene.', 'Reuters/Jane Doe')
    >>> split_credit("China has warned Hong Kong (Image: GETTY )")
    ('China has warned Hong Kong', 'GETTY')
    """
    credit: str | None = None
    for _ in range(2):
        text, found = _split_once(text)
        if found is None:
            break
        if credit is None or len(found) > len(credit):
            credit = found
    return text, credit


def _split_once(text: str) -> tuple[str, str | None]:
    for pattern in (_CREDIT_AT_END, _PAREN_CREDIT, _LONE_AGENCY_AT_END):
        match = pattern.search(text)
        if not match:
            continue
        credit = match["credit"].strip(" .,;:–—-")
        rest = text[: match.start()].rstrip(" ,;:–—-")
        if rest and _plausible_credit(credit, pattern is _PAREN_CREDIT):
            return rest, credit
    return text, None


def _plausible_credit(credit: str, parenthesised: bool) -> bool:
    """Credits are short names: capitalised, or one token ("iFixit"); a parenthesis needs an agency or a slash."""
    if not credit or len(credit.split()) > _MAX_CREDIT_WORDS:
        return False
    if parenthesised and "/" not in credit and not _AGENCIES.search(credit):
        return False
    return credit[0].isupper() or credit[0].isdigit() or " " not in credit


def _caption_from(elem: HtmlElement) -> Caption | None:
    credit_elems = _credit_elements(elem)
    text = " ".join(_UI_MARKS.sub(" ", _text(elem, skip=credit_elems)).split())
    text = _LABEL.sub("", _COUNTER.sub("", text)).strip()
    if _is_junk(text):
        return None
    credit = _clean_credit(_text(credit_elems[0])) if credit_elems else None
    text, own_credit = split_credit(text)
    credit = _clean_credit(credit or own_credit or "")
    if credit and _key(credit) == _key(text):
        credit = None
    if not text or len(text.split()) > _MAX_CAPTION_WORDS:
        return None
    return Caption(text=text, credit=credit or None)


def _is_junk(text: str) -> bool:
    """Empty, a bare credit ("Photo: iFixit"), or interface words that merely sit in a caption slot."""
    return not text or bool(_CREDIT_ONLY.match(text)) or bool(_JUNK.match(text))


def _clean_credit(credit: str) -> str | None:
    for _ in range(2):  # "Image: © TNG" carries two labels
        credit = _CREDIT_LABEL.sub("", credit).strip(" ()[].,;:")
    return credit or None


@lru_cache(maxsize=4096)  # the same captions are compared with each other and with every paragraph
def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def harvest_captions(tree: HtmlElement) -> list[Caption]:
    """Every photo caption on the page, deduplicated by their words.

    A ``<figcaption>`` is taken whole (its inner caption/credit parts are read inside it); other
    caption-classed elements count only when innermost and outside any figcaption.
    """
    candidates = [
        e
        for e in _CANDIDATES(tree)
        if isinstance(e.tag, str) and _is_caption_element(e) and _usable(e) and not _is_link_text(e)
    ]
    figcaptions = [e for e in candidates if e.tag == "figcaption"]
    inside_figcaption = {d for f in figcaptions for d in f.iterdescendants()}
    others = {e for e in candidates if e.tag != "figcaption" and e not in inside_figcaption}
    others -= {e for e in others if _is_credit_element(e)}
    found = set(figcaptions) | others
    chosen = [
        e
        for e in candidates
        if e.tag == "figcaption"
        and not any(a.tag == "figcaption" for a in e.iterancestors())
        or e in others
        and not any(d in found for d in e.iterdescendants())
    ]
    captions: list[Caption] = []
    for elem in chosen:
        caption = _caption_from(elem)
        if caption is not None:
            _add_unique(captions, caption)
    return captions


def _is_link_text(elem: HtmlElement) -> bool:
    """A caption that is all link text is a teaser headline, not a photo caption."""
    linked = sum(len(a.text_content().strip()) for a in elem.iter("a"))
    return linked > 0 and linked >= 0.8 * len(elem.text_content().strip())


def _add_unique(captions: list[Caption], caption: Caption) -> None:
    key = _key(caption.text)
    for i, seen in enumerate(captions):
        seen_key = _key(seen.text)
        if key in seen_key:
            if seen.credit is None and caption.credit:
                captions[i] = Caption(text=seen.text, credit=caption.credit)
            return
        if seen_key in key:
            captions[i] = Caption(text=caption.text, credit=caption.credit or seen.credit)
            return
    captions.append(caption)


def is_caption_paragraph(paragraph: str, caption_keys: set[str]) -> bool:
    """True for a body paragraph that is a caption, a caption followed by its credit, or a bare credit line."""
    if len(paragraph) < 100 and _CREDIT_ONLY.match(paragraph):
        return True
    key = _key(paragraph)
    if not key or not caption_keys:
        return False
    if key in caption_keys:
        return True
    # a caption then its credit ("… the scene. Photo: AP"); the cheap prefix test guards the regex
    if any(key.startswith(c) for c in caption_keys):
        return _key(split_credit(paragraph)[0]) in caption_keys
    return False


def remove_captions(sections: list[Section], captions: list[Caption]) -> tuple[list[Section], int]:
    """The sections without caption paragraphs, and how many paragraphs were removed."""
    keys = {_key(c.text) for c in captions} - {""}
    removed = 0
    kept: list[Section] = []
    for section in sections:
        paragraphs = [p for p in section.paragraphs if not is_caption_paragraph(p, keys)]
        removed += len(section.paragraphs) - len(paragraphs)
        if paragraphs or section.heading:
            kept.append(Section(heading=section.heading, paragraphs=paragraphs))
    return kept, removed
