"""Digests: the newsletter of what a topic's articles said since a date, grouped by story.

``digest(store, topic, since, fmt)`` renders ``digest_data`` as Markdown, HTML (Jinja2, autoescaped:
article text is untrusted), Atom or JSON. Each story lists its matching articles in date order, each with
headline, publisher, date, key points (when the analysis has them), its top two quotes with speakers and
its top numbers (quantities with units).

>>> parse_since("2025-11-04").date().isoformat()
'2025-11-04'
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import quote

from newsdesk.desk.stories import key_point_texts
from newsdesk.desk.topics import get_topic, list_topics, matching_articles
from newsdesk.errors import BadOption

FORMATS = ("md", "html", "atom", "json")
QUOTES_PER_ARTICLE = 2
NUMBERS_PER_ARTICLE = 3
QUOTE_CHARS = 280
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}
_QUOTE_RANK = {"direct": 0, "mixed": 1, "indirect": 2}
_SKIP_NUMBER_KINDS = {"duration", "ordinal"}  # "three months", "second": context, not news
ATOM = "http://www.w3.org/2005/Atom"


# ---- when --------------------------------------------------------------------------------------------

def parse_since(value: str, now: datetime | None = None) -> datetime:
    """The cutoff ``--since`` means: ``12h``, ``1d``, ``2w`` back from now, or a day ``YYYY-MM-DD`` (UTC).
    A bad value is a ``BadOption`` (exit 2)."""
    text = (value or "").strip()
    now = now or datetime.now(UTC)
    if m := re.fullmatch(r"(\d+)\s*([hdw])", text.lower()):
        return now - timedelta(**{_UNITS[m[2]]: int(m[1])})
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
    except ValueError:
        raise BadOption(f"since must be like 12h, 1d, 2w or YYYY-MM-DD, not {value!r}", source="--since") from None


def is_since(published: str | None, cutoff: datetime) -> bool:
    """Is an article's date on or after the cutoff? A date without a time counts as the whole day."""
    if not published:
        return False
    try:
        if len(published) <= 10:
            return date.fromisoformat(published) >= cutoff.date()
        when = datetime.fromisoformat(published)
    except ValueError:
        return False
    return (when if when.tzinfo else when.replace(tzinfo=UTC)) >= cutoff


# ---- what ------------------------------------------------------------------------------------------

def top_quotes(analysis: dict, n: int = QUOTES_PER_ARTICLE) -> list[dict]:
    """The article's ``n`` best quotes: spoken by someone named, direct before reported, earliest first."""
    quotes = [q for q in analysis.get("quotes") or [] if q.get("speaker") and len(q["text"].split()) >= 4]
    quotes.sort(key=lambda q: (_QUOTE_RANK.get(q.get("kind"), 3), q.get("start", 0)))
    return [{"text": _clip(q["text"].strip().strip("\"“”").strip().rstrip(","), QUOTE_CHARS),
             "speaker": q["speaker"]["name"], "kind": q.get("kind")} for q in quotes[:n]]


def top_numbers(analysis: dict, n: int = NUMBERS_PER_ARTICLE) -> list[dict]:
    """The article's first ``n`` figures that count or measure something (a value and a unit), one per
    stretch of text ("two of its three terminals" is not also "three terminals")."""
    found: list[dict] = []
    spans: list[tuple[int, int]] = []
    for q in analysis.get("quantities") or []:
        if q.get("value") is None or not q.get("unit") or q.get("kind") in _SKIP_NUMBER_KINDS:
            continue
        start, end = q.get("start", -1), q.get("end", -1)
        if any(start < e and s < end for s, e in spans) or any(f["text"].casefold() == q["text"].casefold()
                                                                 for f in found):
            continue
        spans.append((start, end))
        found.append({"text": q["text"], "value": q["value"], "unit": q["unit"], "kind": q.get("kind")})
    return found[:n]


def digest_data(store, topic: str | None = None, since: str = "1d", now: datetime | None = None) -> dict:
    """The digest as data: ``{"title", "topics", "since", "generated", "stories": [{"id", "title",
    "articles": [...]}]}``. No topic: every followed topic, or every article when none is followed."""
    now = now or datetime.now(UTC)
    cutoff = parse_since(since, now)
    topics = [get_topic(store, topic)] if topic is not None else list_topics(store)
    matched: dict[int, list[str]] = {}
    for t in topics:
        for row_id in matching_articles(store, t):
            matched.setdefault(row_id, []).append(t["query"])
    if not topics:
        matched = {r[0]: [] for r in store.execute("SELECT id FROM articles WHERE duplicate_of IS NULL")}
    stories: dict[object, dict] = {}
    for row in _rows(store, list(matched)):
        if not is_since(row["published"] or row["ingested_at"], cutoff):
            continue
        analysis = json.loads(row["analysis"])
        key = row["story_id"] if row["story_id"] is not None else f"article-{row['id']}"
        story = stories.setdefault(key, {"id": row["story_id"], "title": row["story_title"] or row["headline"],
                                         "articles": []})
        story["articles"].append({
            "id": row["id"], "headline": row["headline"] or "(no headline)", "publisher": row["publisher"],
            "published": row["published"], "url": row["url"], "key_points": key_point_texts(analysis),
            "quotes": top_quotes(analysis), "numbers": top_numbers(analysis), "topics": matched[row["id"]]})
    ordered = sorted(stories.values(), key=lambda s: max(a["published"] or "" for a in s["articles"]), reverse=True)
    for story in ordered:
        story["articles"].sort(key=lambda a: (a["published"] or "", a["id"]))
    names = [t["query"] for t in topics]
    return {"title": "newsdesk digest: " + (", ".join(names) if names else "everything"),
            "topics": topics, "since": cutoff.isoformat(timespec="seconds"),
            "generated": now.isoformat(timespec="seconds"), "stories": ordered,
            "articles": sum(len(s["articles"]) for s in ordered)}


def _rows(store, ids: list[int]):
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        yield from store.execute(
            "SELECT a.id, a.headline, a.publisher, a.published, a.url, a.story_id, a.ingested_at, a.analysis, "
            f"s.title AS story_title FROM articles a LEFT JOIN stories s ON s.id = a.story_id "
            f"WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# ---- how ---------------------------------------------------------------------------------------------

def digest(store, topic: str | None = None, since: str = "1d", fmt: str = "md", now: datetime | None = None) -> str:
    """The digest of ``topic`` (None: every followed topic) since ``since`` as ``fmt``: md | html | atom | json."""
    if fmt not in FORMATS:
        raise BadOption(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}", source="--format")
    return render(digest_data(store, topic=topic, since=since, now=now), fmt)


def render(data: dict, fmt: str) -> str:
    """A digest's data as md | html | atom | json."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "atom":
        return render_atom(data)
    text = _environment(fmt == "html").get_template(f"digest.{fmt}.j2").render(d=data)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


@lru_cache(maxsize=2)
def _environment(html: bool):
    """Jinja2 for HTML (autoescape on: every value is escaped) or Markdown (every value md-escaped)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("newsdesk.desk", "templates"), autoescape=html,
                      finalize=None if html else md_escape, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["day"] = lambda value: (value or "")[:10]
    env.filters["http_url"] = http_url
    env.filters["md_url"] = md_url
    return env


def http_url(url: str | None) -> str:
    """The URL if it is http(s), else "" (a ``javascript:`` link in an article's metadata is never made live)."""
    return url.strip() if url and re.match(r"https?://[^\s]+$", url.strip(), re.IGNORECASE) else ""


def md_url(url: str):
    """An http(s) URL as a Markdown autolink, percent-encoding what could end it early."""
    from markupsafe import Markup

    return Markup("<" + quote(url, safe=":/?#[]@!$&'()*+,;=%~-._") + ">")


def md_escape(value: object) -> object:
    """A value printed into Markdown: one line, with the characters that make links, HTML or emphasis
    backslash-escaped (so an article's ``<script>`` or ``[link](…)`` shows as text)."""
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    text = re.sub(r"\s+", " ", value)
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", text)


def render_atom(data: dict) -> str:
    """A valid Atom 1.0 feed: one entry per article, its key points, quotes and numbers as HTML content."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    key = "|".join(t["query"] for t in data["topics"]) or "*"
    _sub(feed, "id", "urn:newsdesk:digest:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16])
    _sub(feed, "title", data["title"])
    _sub(feed, "subtitle", f"Articles since {data['since'][:10]}, grouped by story")
    _sub(feed, "updated", data["generated"])
    ET.SubElement(_sub(feed, "author"), f"{{{ATOM}}}name").text = "newsdesk"
    _sub(feed, "generator", "newsdesk")
    article_html = _environment(True).get_template("article.html.j2")
    for story in data["stories"]:
        for art in story["articles"]:
            entry = _sub(feed, "entry")
            _sub(entry, "id", http_url(art["url"]) or f"urn:newsdesk:article:{art['id']}")
            _sub(entry, "title", art["headline"])
            _sub(entry, "updated", _rfc3339(art["published"]) or data["generated"])
            if art["publisher"]:
                ET.SubElement(_sub(entry, "author"), f"{{{ATOM}}}name").text = art["publisher"]
            if http_url(art["url"]):
                ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=http_url(art["url"]))
            ET.SubElement(entry, f"{{{ATOM}}}category", term=f"story-{story['id']}", label=story["title"])
            content = _sub(entry, "content", article_html.render(a=art, story=story))
            content.set("type", "html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    if text is not None:
        node.text = text
    return node


def _rfc3339(published: str | None) -> str | None:
    """An article's date as Atom wants it (a date alone is midnight UTC)."""
    if not published:
        return None
    try:
        when = datetime.fromisoformat(published) if len(published) > 10 else datetime.combine(
            date.fromisoformat(published), datetime.min.time())
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat(timespec="seconds")
