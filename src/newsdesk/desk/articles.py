"""One article at a time: ``add`` (read, analyse and store one article as ``ingest`` does), and the
stored articles listed (``list_articles``) or fetched with their analysis (``get_article``).

``add`` goes through the same steps as ingest — exact copy by content hash, near copy by MinHash
(stored linked to its first copy, without analysis of its own), else analysis, then events across
articles and story in one transaction — in the calling process, so a web request or a script can store
articles one by one. The analysis runs outside any lock or transaction, so threads and processes adding
at once analyse in parallel; the copy checks are made again inside the storing transaction (a first copy
stored meanwhile makes this one its near copy; the same text stored meanwhile gives its id).
"""

from __future__ import annotations

import json

from newsdesk.desk import dedup
from newsdesk.desk.store import ArticleNotFound, Store, content_hash
from newsdesk.errors import InputEmpty, InputError, NewsdeskError

FIELDS = ("id", "headline", "publisher", "published", "url", "source", "story_id", "duplicate_of", "ingested_at")
_COLUMNS = ", ".join(FIELDS)


def add(store: Store, *, text: str | None = None, html: str | None = None, published: str | None = None,
        url: str | None = None, source: str | None = None) -> dict:
    """Read (``html`` if given, else ``text``), analyse and store one article:
    ``{"id", "new", "duplicate_of", "story_id", "analysis"}``.

    ``new`` is False when the same text is stored already (``id`` is then the stored article's); a near
    copy is new, with ``duplicate_of`` its first copy. Empty or unreadable input raises the
    ``InputError`` ingest would list for it (exit 2).
    """
    from newsdesk.desk.ingest import Job, insert_job
    from newsdesk.desk.inputs import with_text
    from newsdesk.read import read
    from newsdesk.schema import Analysis

    name = source or url or "<added article>"
    body = html if html is not None else text
    for given, value in (("html", html), ("text", text), ("published", published), ("url", url)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"{given} must be a string, not {type(value).__name__}", source=name)
    if body is None or not body.strip():
        raise InputEmpty("no article: empty text or html", source=name)
    article = with_text(read(body, url=url, published=published, name=name), name)
    job = Job(0, name, article, content_hash(article.text), *dedup.sketch(article.text))
    if store.article_by_hash(job.digest) is not None:  # the same text is stored already
        return _existing(store, article)
    with store.lock:
        _mark_near_copy(store, job)
    # the analysis runs outside any lock or transaction: other threads and processes store meanwhile
    result = Analysis(article=article).to_dict() if job.first_copy is not None else _analysis(job, name)
    with store.lock, store.transaction():
        if job.first_copy is None and _mark_near_copy(store, job):  # its first copy was stored meanwhile
            result = Analysis(article=article).to_dict()
        row = insert_job(store, job, result, job.first_copy)
    if row is None:  # the same text was stored meanwhile
        return _existing(store, article)
    return {**_short(get_article(store, row)), "new": True}


def _mark_near_copy(store: Store, job) -> bool:
    """Link ``job`` to the stored article it is a near copy of, if any (``dedup``); whether it is one."""
    if job.signature is None or (match := _index(store).best(job.signature, job.size)) is None:
        return False
    job.first_copy, job.similarity = match[0], round(match[1], 4)
    return True


def _analysis(job, name: str) -> dict:
    from newsdesk.desk.ingest import _analyse_chunk

    result = _analyse_chunk([job.article])[0]
    if isinstance(result, str):
        raise NewsdeskError(result, source=name)
    return result


def _index(store: Store) -> dedup.NearDuplicateIndex:
    """The store's near-duplicate index, kept on the open store between adds and brought up to date with the
    first copies stored since (by this process or any other): one add does not reread every signature."""
    index, newest = dedup.caught_up(store, *(getattr(store, "_near_index", None) or (None, 0)))
    store._near_index = (index, newest)
    return index


def _existing(store: Store, article) -> dict:
    row = store.article_by_hash(content_hash(article.text))
    return {**_short(get_article(store, row)), "new": False}


def _short(full: dict) -> dict:
    return {"id": full["id"], "new": True, "duplicate_of": full["duplicate_of"], "story_id": full["story_id"],
            "analysis": full["analysis"]}


def list_articles(store: Store, limit: int = 50, offset: int = 0, *, story: int | None = None) -> list[dict]:
    """Stored articles, newest first (by published date, articles without one last; then the latest
    stored first): id, headline, publisher, published, url, source, story_id, duplicate_of, ingested_at."""
    _check_count("limit", limit)
    _check_count("offset", offset)
    where, params = ("WHERE story_id = ?", [story]) if story is not None else ("", [])
    rows = store.execute(
        f"SELECT {_COLUMNS} FROM articles {where} "
        "ORDER BY published IS NULL, published DESC, id DESC LIMIT ? OFFSET ?",
        (*params, limit, offset)).fetchall()
    return [dict(row) for row in rows]


def get_article(store: Store, article_id: int) -> dict:
    """One stored article's fields and its full stored ``analysis``; ``ArticleNotFound`` if there is none."""
    if isinstance(article_id, bool) or not isinstance(article_id, int):
        raise ArticleNotFound(f"no article {article_id!r} (an article id is a whole number)", source=store.location)
    row = store.execute(f"SELECT {_COLUMNS}, analysis FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise ArticleNotFound(f"no article {article_id}", source=store.location)
    out = dict(row)
    out["analysis"] = json.loads(out["analysis"])
    return out


def _check_count(name: str, value: int) -> None:
    from newsdesk.errors import BadOption

    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadOption(f"{name} must be a whole number ≥ 0, not {value!r}", source=name)
