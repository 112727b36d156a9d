"""What a page holds besides its article: why the body came back empty or tiny."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_WORD = re.compile(r"\w+")
# A page showing fewer words than this, with heavy inline script, is drawn by that script.
TINY_PAGE_WORDS = 50
_FURNITURE = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg"}
_APP_ROOT_IDS = {"root", "app", "__next", "__nuxt", "main-app", "application", "app-root"}
_NEEDS_JS = re.compile(
    r"(?:enable|turn on|activate)\s+javascript|javascript\s+(?:is\s+)?(?:required|disabled)", re.IGNORECASE
)
_PAYWALL = re.compile(
    r"subscribe to (?:continue|read)|subscribers only|already a subscriber|create a free account to "
    r"(?:continue|read)|this (?:article|content) is (?:for|available to) (?:subscribers|members)",
    re.IGNORECASE,
)


def visible_words(tree: HtmlElement) -> int:
    """Words of text a reader would see outside navigation, headers, footers and scripts."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    return sum(len(_WORD.findall(t)) for t in _visible_text(root))


def _visible_text(elem: HtmlElement) -> list[str]:
    texts: list[str] = []
    stack = [elem]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node.tag in _FURNITURE:
            if node is not elem and node.tail:
                texts.append(node.tail)
            continue
        if node.text:
            texts.append(node.text)
        if node is not elem and node.tail:
            texts.append(node.tail)
        stack.extend(reversed(list(node)))
    return texts


def script_bytes(tree: HtmlElement) -> int:
    """Characters of inline script on the page."""
    return sum(len(s.text or "") for s in tree.iter("script"))


def is_javascript_shell(tree: HtmlElement, words: int) -> bool:
    """A page whose article is drawn by scripts in the browser: little text, an app root, or a plea for JS."""
    if words >= 3 * TINY_PAGE_WORDS:
        return False
    noscript = " ".join(" ".join(n.itertext()) for n in tree.iter("noscript"))
    if _NEEDS_JS.search(noscript):
        return True
    empty_root = any(
        (d.get("id") or "").lower() in _APP_ROOT_IDS and not len(d) and not (d.text or "").strip()
        for d in tree.iter("div", "app-root")
    )
    return empty_root or (words < TINY_PAGE_WORDS and script_bytes(tree) > 10_000)


def _words(n: int) -> str:
    return f"{n} word" if n == 1 else f"{n} words"


def explain_short_body(tree: HtmlElement, body_words: int) -> str:
    """Why the body is empty or tiny, in one sentence a user can act on."""
    words = visible_words(tree)
    if is_javascript_shell(tree, words):
        return (
            f"page is a JavaScript shell: {_words(words)} of visible text and "
            f"{script_bytes(tree) // 1000} KB of inline script; the article is drawn in the browser"
        )
    page_text = " ".join(_visible_text(tree))
    if _PAYWALL.search(page_text):
        return f"body is only {_words(body_words)}: the page looks paywalled ({_words(words)} of visible text)"
    if body_words == 0:
        return f"no article body found: page has {_words(words)} of visible text outside navigation"
    return (
        f"body is only {_words(body_words)}: no longer article text found "
        f"(page has {_words(words)} of visible text outside navigation)"
    )
