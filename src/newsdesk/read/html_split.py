"""Articles split into several same-class containers (ads or promos between the chunks).

Trafilatura keeps the first container that looks like an article body; on pages that cut the
body into repeated ``<div class="article__body">`` chunks, everything after the first ad is lost.
We find the container holding the body's first paragraph, look for other containers of the very
same tag and class that hold paragraphs the body lacks, and move their content into it.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_KEY_CHARS = 80  # enough words of a paragraph to recognise it in the page
_MIN_PART_WORDS = 30  # a chunk smaller than this is a teaser or a promo, not article text


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text))[:_KEY_CHARS]


def body_container(tree: HtmlElement, first_paragraph: str) -> HtmlElement | None:
    """The nearest classed ancestor of the page paragraph the body starts with."""
    key = _key(first_paragraph)
    if len(key) < 40:
        return None
    needle = max(key.split()[:6], key=len)  # found by libxml2 before the full comparison
    for para in tree.xpath("//p[contains(., $needle)]", needle=needle):
        text = para.text_content()
        if _key(text).startswith(key):
            return next((a for a in para.iterancestors() if a.get("class")), None)
    return None


def missing_parts(tree: HtmlElement, container: HtmlElement, body_text: str) -> list[HtmlElement]:
    """Other containers of the same tag and class whose paragraphs the body does not have yet."""
    cls = container.get("class")
    related = set(container.iterancestors()) | set(container.iterdescendants())
    body_key = " ".join(_WORD.findall(body_text))
    parts: list[HtmlElement] = []
    after = False  # only chunks after the body's first one: earlier ones are teasers or headers
    tag = container.tag if isinstance(container.tag, str) and _TAG.fullmatch(container.tag) else "*"
    for elem in tree.xpath(f"//{tag}[@class = $cls]", cls=cls):  # libxml2 finds the same-class containers
        if elem is container:
            after = True
        if not after or elem is container or elem.tag != container.tag or elem in related:
            continue
        paragraphs = [p.text_content() for p in elem.iter("p")]
        if sum(len(_WORD.findall(p)) for p in paragraphs) < _MIN_PART_WORDS:
            continue
        first = next((_key(p) for p in paragraphs if len(_key(p)) >= 40), "")
        if first and first not in body_key:
            parts.append(elem)
    return parts


def rejoin(container: HtmlElement, parts: list[HtmlElement]) -> None:
    """Move the parts' children into the container, in page order, and drop the emptied parts."""
    for part in parts:
        if any(part in set(p.iterancestors()) for p in parts if p is not part):
            continue  # nested inside another part, moved with it
        for child in list(part):
            container.append(child)
        parent = part.getparent()
        if parent is not None:
            parent.remove(part)
