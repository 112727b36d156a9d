"""The API's request and response models (what ``/openapi.json`` documents)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsdesk.schema import Analysis

MAX_ID = 2**63 - 1  # SQLite's largest integer


def _no_surrogates(value: str | None) -> str | None:
    """Lone surrogates (valid in JSON's \\ud800 escapes, not in UTF-8) cannot be stored or parsed."""
    if value is not None and any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("contains a lone surrogate (not valid Unicode text)")
    return value


class ArticleIn(BaseModel):
    """One article: its ``text`` (a page saved as text, furniture and all) or its ``html``, or only its ``url``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "oneOf": [{"required": ["text"], "properties": {"text": {"type": "string"}}},
                  {"required": ["html"], "properties": {"html": {"type": "string"}}},
                  {"required": ["url"], "properties": {"url": {"type": "string", "pattern": "\\S"}},
                   "not": {"anyOf": [{"required": ["text"]}, {"required": ["html"]}]}}],
        "examples": [{"text": "Storm floods coastal towns\n\nBy Ana Silva\n\nLISBON (Reuters) - Heavy rain flooded "
                              "120 homes on Friday, the mayor said.", "published": "2025-03-14"}]})

    text: str | None = Field(None, description="The article as text (a saved page; the first line may be "
                                                "its headline).")
    html: str | None = Field(None, description="The article page's HTML.")
    published: date | None = Field(None, description="Publication date (YYYY-MM-DD) that relative dates "
                                                     "(\"on Friday\") resolve against; else the article's own.")
    url: str | None = Field(None, max_length=2048, description="The page's URL, when known; given alone, the "
                                                               "server fetches the page (a public address only, "
                                                               "unless started with --allow-private-fetch).")

    _check_text = field_validator("text", "html", "url")(_no_surrogates)

    @field_validator("published", mode="before")
    @classmethod
    def _date_as_text(cls, value):
        if value is not None and not isinstance(value, str):  # pydantic would take 0 for 1970-01-01
            raise ValueError("must be a date as text, YYYY-MM-DD")
        return value

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if self.text is not None and self.html is not None:
            raise ValueError('give one of "text" or "html", not both')
        if self.text is None and self.html is None and not (self.url or "").strip():
            raise ValueError('give "text" or "html", or a "url" alone to fetch the page')
        return self

    @property
    def published_text(self) -> str | None:
        return self.published.isoformat() if self.published else None


class AnalyzeIn(ArticleIn):
    """An article to analyse, and how many key points to make."""

    points: int = Field(3, ge=1, le=5, description="How many key points, 1 to 5.")


class Added(BaseModel):
    """What ``POST /v1/articles`` stored (201) or found stored already (200)."""

    id: int = Field(description="The article's id in the desk (the first copy's for an exact copy).")
    new: bool = Field(description="False when the same text was stored already.")
    duplicate_of: int | None = Field(description="For a near copy (the same wire story from another outlet): "
                                                 "the first copy's id.")
    story_id: int | None = Field(description="The story the article joined.")
    analysis: Analysis


class ArticleSummary(BaseModel):
    id: int
    headline: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    story_id: int | None = None
    duplicate_of: int | None = None
    ingested_at: str | None = None


class StoredArticle(ArticleSummary):
    analysis: Analysis


class Story(BaseModel):
    id: int
    title: str
    first_published: str | None = None
    last_published: str | None = None
    articles: int = Field(description="How many articles it has.")
    publishers: list[str] = []
    entities: list[str] = Field([], description="The names most of its articles share.")


class TimelineEntry(BaseModel):
    id: int
    headline: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    key_points: list[str] = []


class StoryTimeline(BaseModel):
    id: int
    title: str
    first_published: str | None = None
    last_published: str | None = None
    entities: list[str] = []
    timeline: list[TimelineEntry]


class SearchMatch(BaseModel):
    field: str = Field(description="headline | text | key_point | quote")
    snippet: str = Field(description="The matching words in [brackets].")


class SearchHit(BaseModel):
    id: int
    headline: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    score: float
    matches: list[SearchMatch]


class SourceIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"url": "https://example.org/feed.xml", "every": "15m"}]})

    url: str = Field(min_length=1, max_length=2048, description="A feed, a (news) sitemap, a site's home page or an "
                                                                "article page (http or https).")
    every: str = Field("15m", max_length=20, description="How often to poll it: 30s, 15m, 2h, 1d.")
    topic: str | None = Field(None, min_length=1, max_length=500, description="A topic to follow with it.")

    _check_text = field_validator("url", "topic")(_no_surrogates)


class Source(BaseModel):
    id: int
    url: str
    every: int = Field(description="Seconds between polls.")
    every_text: str = Field(description='The same as "15m", "2h".')
    topic: str | None = None
    added_at: str
    kind: str | None = Field(None, description="page, feed, sitemap or home, once polled.")
    poll_url: str | None = Field(None, description="What is polled: a home page's feed once found.")
    last_poll: str | None = None
    next_poll: str | None = None
    last_status: str | None = Field(None, description='"200", "304" or "error".')
    last_new: int = 0
    total_new: int = 0
    last_error: list[dict[str, str]] = Field(default_factory=list, description='The last poll\'s failures: '
                                                                                '[{"input", "reason"}].')


class SourceAdded(BaseModel):
    source: Source
    new: bool


class TopicIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"topic": "Volodymyr Zelensky"}]})

    topic: str = Field(min_length=1, max_length=500, description="An entity, a keyword or a search query.")
    kind: Literal["entity", "keyword", "query"] | None = Field(None, description="Else guessed from the topic.")

    _check_text = field_validator("topic")(_no_surrogates)


class Topic(BaseModel):
    id: int | None
    query: str
    kind: str
    created_at: str | None = None
    new: bool | None = Field(None, description="On follow: False when it was followed already.")


class Stats(BaseModel):
    model_config = ConfigDict(extra="allow")

    articles: int
    duplicates: int
    stories: int
    events: int
    topics: int
    first_published: str | None = None
    last_published: str | None = None
    schema_version: int


class Problem(BaseModel):
    """An RFC 9457 problem detail (``application/problem+json``)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="urn:newsdesk:problem:<code>")
    title: str
    status: int
    detail: str
    instance: str | None = None
    code: str = Field(description="newsdesk's stable error code (E1xx input, E2xx models, E3xx store, "
                                  "E12x/E13x HTTP, E000 a bug).")
    errors: list[dict[str, Any]] | None = Field(None, description="Validation errors, each with loc, msg, type.")


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` entries documenting problem responses."""
    return {s: {"model": Problem} for s in statuses}
