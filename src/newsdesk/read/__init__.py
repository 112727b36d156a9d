"""Reading: any source (a path, text, HTML, bytes) → a clean :class:`~newsdesk.schema.Article`."""

from __future__ import annotations

from pathlib import Path

from newsdesk.read.detect import decode, detect_language, read_file
from newsdesk.read.html import read_html
from newsdesk.read.text import read_text
from newsdesk.schema import Article, article_id

__all__ = ["read", "read_html", "read_text"]


def read(
    source: str | bytes | Path,
    *,
    url: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    name: str | None = None,
) -> Article:
    """Read one article. A ``str`` or ``bytes`` is the content itself; a ``Path`` is a file.

    >>> read("Headline\\n\\nFirst sentence of the story. Second one.").headline
    'Headline'
    """
    if isinstance(source, Path):
        name = name or str(source)
        raw: str | bytes = read_file(source)
    else:
        name = name or "<input>"
        raw = source
    decoded = decode(raw, source=name)
    if decoded.kind == "html":
        article = read_html(decoded.text, url=url)
    else:
        article = read_text(decoded.text)
    article.diagnostics.encoding = decoded.encoding
    if decoded.compressed:
        article.diagnostics.warnings.append("input was gzip-compressed")
    if url:
        article.url = url
    if published:
        article.published = published
    if publisher:
        article.publisher = publisher
    article.language = article.language or detect_language(article.text or article.headline or "")
    article.id = article_id(article.text, article.url)
    return article
