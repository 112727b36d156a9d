"""What an input holds: the files under folders, each file's articles (one, a JSONL file's lines, a feed's
entries), and each URL's (a page, or the entries of a feed, sitemap or home page). ``ingest`` and ``batch``
read through it; every input that cannot be read is an ``InputError`` beside its name, and the reading goes on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import InputEmpty, InputError, InputNotFound
from newsdesk.schema import Article

if TYPE_CHECKING:
    from newsdesk.fetch.client import Fetcher

JSONL_SUFFIXES = (".jsonl", ".ndjson")
TABLE_SUFFIXES = (".csv", ".tsv")


def is_url(value: str) -> bool:
    """Whether an input names a URL (``scheme://``) rather than a file: http(s) is fetched, any other scheme is
    refused (``fetch.guard``) instead of being looked for on disk."""
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]{1,15}://", value))


def expand(paths: Iterable[str | Path], *, skip: frozenset[Path] = frozenset()
           ) -> tuple[list[Path], list[tuple[str, InputError]]]:
    """The files under ``paths`` (folders recursively; hidden files and the resolved paths in ``skip`` left out),
    and the paths that hold none."""
    files: list[Path] = []
    missing: list[tuple[str, InputError]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if p.is_file() and not _hidden(p, path)
                     and p.resolve() not in skip]
            if not found:
                missing.append((str(path), InputEmpty("folder has no files")))
            files += found
        elif path.exists():
            files.append(path)
        else:
            missing.append((str(path), InputNotFound("no such file or folder")))
    return files, missing


def fetch_inputs(urls: list[str], fetcher: Fetcher | None = None, *, on_count: Callable[[int], None] | None = None
                 ) -> Iterator[tuple[str, Article | InputError]]:
    """``(input name, Article or why it cannot be read)`` for the articles of each URL: the page itself, or every
    entry of its feed or sitemap (``on_count(n)`` is told when a URL turns out to list ``n``); ``fetcher``, else a
    default ``Fetcher`` (which refuses private addresses)."""
    from newsdesk.fetch.client import Fetcher
    from newsdesk.fetch.discover import list_source, read_entries

    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for url in urls:
            try:
                listing = list_source(fetcher, url)
            except InputError as exc:
                yield url, exc
                continue
            if listing.article is not None:
                try:
                    item: Article | InputError = with_text(listing.article, url)
                except InputError as exc:
                    item = exc
                yield url, item
                continue
            if on_count:
                on_count(len(listing.entries))
            if not listing.entries:
                yield url, InputEmpty(f"the {listing.kind} lists no articles")
            yield from read_entries(fetcher, listing.entries)
    finally:
        if own:
            fetcher.close()


def read_inputs(path: Path, *, on_count: Callable[[int], None] | None = None
                ) -> Iterator[tuple[str, Article | InputError]]:
    """``(input name, Article or why it cannot be read)`` for each article in one file: the file itself,
    each line of a JSONL file (``name:LINE``) or each entry of an RSS/Atom feed (``name#ENTRY``).
    ``on_count(n)`` is told when a file turns out to hold ``n`` articles."""
    from newsdesk.read import read
    from newsdesk.read.detect import read_file
    from newsdesk.read.feeds import iter_articles, looks_like_feed, read_feed

    name = str(path)
    try:
        raw = read_file(path)
    except InputError as exc:
        yield name, exc
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        lines = raw.splitlines()
        if on_count:
            on_count(len(lines))
        yield from _jsonl_articles(name, lines)
    elif looks_like_feed(raw):
        try:
            if on_count:
                on_count(len(read_feed(raw, source=name)))
            yield from iter_articles(raw, source=name)
        except InputError as exc:
            yield name, exc
    elif looks_like_table(path, raw):
        yield name, InputError("is a table (CSV/TSV rows), not an article", source=name)
    else:
        try:
            yield name, with_text(read(raw, name=name), name)
        except InputError as exc:
            yield name, exc


def looks_like_table(path: Path, raw: bytes) -> bool:
    """A CSV or TSV file — by its name, or by its first lines: at least four, nearly all with the same number
    (two or more) of commas or tabs — holds rows of data, not an article (articles' commas vary by line)."""
    if path.suffix.lower() in TABLE_SUFFIXES:
        return True
    lines = [ln for ln in raw[:20_000].splitlines()[:40] if ln.strip()]
    if len(lines) < 4:
        return False
    for sep in (b",", b"\t"):
        counts = [ln.count(sep) for ln in lines]
        common = max(set(counts), key=counts.count)
        if common >= 2 and counts.count(common) >= 0.9 * len(lines):
            return True
    return False


def _jsonl_articles(name: str, lines: list[bytes]) -> Iterator[tuple[str, Article | InputError]]:
    """One article a line: ``{"text" | "html", "url"?, "published"?, "publisher"?, "headline"?}``."""
    from newsdesk.read import read

    for number, line in enumerate(lines, 1):
        source = f"{name}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield source, InputError(f"line {number} is not valid JSON ({exc})", source=source)
            continue
        try:
            yield source, with_text(_jsonl_article(record, number, source, read), source)
        except InputError as exc:
            yield source, exc


def _jsonl_article(record, number: int, source: str, read) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"line {number} is not a JSON object", source=source)
    body = record.get("text") or record.get("html")
    if not isinstance(body, str) or not body.strip():
        raise InputEmpty(f'line {number} has no "text" or "html"', source=source)
    meta = {k: record.get(k) for k in ("url", "published", "publisher", "headline")}
    bad = [k for k, v in meta.items() if v is not None and not isinstance(v, str)]
    if bad:
        raise InputError(f'line {number}: "{bad[0]}" must be a string', source=source)
    if meta["headline"] and "text" in record:  # the saved-text reader takes a first line for the headline
        body = f"{meta['headline']}\n\n{body}"
    article = read(body, url=meta["url"], published=meta["published"], publisher=meta["publisher"], name=source)
    if meta["headline"]:
        article.headline = meta["headline"]
    return article


def with_text(article: Article, source: str) -> Article:
    if not article.text.strip():
        raise InputEmpty(f"no article text found ({article.diagnostics.reason or 'empty body'})", source=source)
    return article


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
