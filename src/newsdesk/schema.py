"""Typed records that flow between newsdesk's stages.

The JSON shape of these models is a contract (``newsdesk.analysis/1``, see
``schemas/analysis.schema.json``): fields may be added, never renamed or removed
without a schema version bump.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "newsdesk.analysis/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def to_dict(self) -> dict:
        """The JSON-ready dict of this record (the contract's field names)."""
        return self.model_dump(mode="json")


class Caption(_Model):
    """A photo caption kept apart from the body, with its credit ("PHOTO: EPA" → "EPA")."""

    text: str
    credit: str | None = None


class Section(_Model):
    """A run of body paragraphs under one in-body subhead (``heading`` is null for the lead)."""

    heading: str | None = None
    paragraphs: list[str] = Field(default_factory=list)


class Diagnostics(_Model):
    """How the reader got its result, so a user never gets a silent empty article."""

    input_kind: Literal["text", "html", "empty"] = "text"
    encoding: str | None = None
    path: str = ""  # which extraction path was taken, e.g. "text-rules", "trafilatura", "trafilatura+fallback"
    reason: str | None = None  # why the body is empty or tiny, when it is
    removed: dict[str, int] = Field(default_factory=dict)  # furniture removed, by rule
    warnings: list[str] = Field(default_factory=list)


class Article(_Model):
    """A clean news article: what ``newsdesk.read`` returns."""

    id: str = ""
    headline: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    publisher: str | None = None
    url: str | None = None
    wire: list[str] = Field(default_factory=list)
    language: str | None = None
    publisher_key_points: list[str] = Field(default_factory=list)
    captions: list[Caption] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    text: str = ""
    diagnostics: Diagnostics = Field(default_factory=Diagnostics)

    @property
    def paragraphs(self) -> list[str]:
        """Every body paragraph in reading order, across sections."""
        return [p for s in self.sections for p in s.paragraphs]


def build_text(sections: list[Section]) -> str:
    """The clean body: paragraphs joined by blank lines (headings are structure, not text)."""
    return "\n\n".join(p for s in sections for p in s.paragraphs)


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: the same URL, or else the same body, gives the same id."""
    basis = url or text
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


# ---- language facts (every start/end indexes into Article.text) -------------------------------


Qualifier = Literal["exact", "at_least", "more_than", "at_most", "less_than", "about", "up_to"]


class Span(_Model):
    start: int
    end: int


class Mention(_Model):
    start: int
    end: int
    text: str


class Entity(_Model):
    """One real-world referent within an article, with every mention resolved to it."""

    id: str  # "e1", "e2" … unique within the analysis
    name: str  # canonical name: the longest proper name used ("Donald Trump")
    type: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC …
    roles: list[str] = Field(default_factory=list)  # "US President", "Kremlin spokesman"
    mentions: list[Mention] = Field(default_factory=list)


class Speaker(_Model):
    entity: str | None = None  # Entity.id, when the speaker resolves to one
    name: str  # the entity's canonical name, even where the text says "he"
    start: int  # the local mention ("he", "Mr Zelensky", "the ministry")
    end: int


class Quote(_Model):
    text: str
    kind: Literal["direct", "indirect", "mixed"]
    cue: str | None = None  # the speech verb or phrase ("said", "according to")
    start: int
    end: int
    speaker: Speaker | None = None


class Quantity(_Model):
    value: float | None
    unit: str | None = None  # the noun counted ("drones", "people")
    qualifier: Qualifier = "exact"
    kind: str = "count"  # count | attribute | duration | money | percent | ordinal …
    text: str
    start: int
    end: int


class DateRef(_Model):
    text: str
    value: str | None = None  # ISO date, month (YYYY-MM), year, week (YYYY-Www) or "start/end" range
    granularity: Literal["day", "week", "month", "year", "range", "time", "unknown"] = "day"
    start: int
    end: int
    reason: str | None = None  # why value is null, when it is


# ---- events (docs/events.md: the taxonomy, the weapon vocabulary, how figures merge) ----------

class Party(_Model):
    """Who acts or is acted on: an entity of the analysis when one fits, else the words used."""

    entity: str | None = None  # Entity.id
    name: str  # the entity's canonical name ("Russia"), or the text ("Russian forces")


class Place(_Model):
    """Where an event happened, as precisely as the article says."""

    entity: str | None = None
    name: str  # the most precise place named ("Kyiv", "Donetsk region")
    region: str | None = None  # a region the article names for it ("Donetsk region", "Kharkiv oblast")
    country: str | None = None  # "Ukraine"


class EventDate(_Model):
    value: str | None = None  # as DateRef.value: "2025-07-04", "2025-06", "start/end"
    granularity: Literal["day", "week", "month", "year", "range", "time", "unknown"] = "unknown"
    text: str | None = None  # the words it came from ("overnight", "on July 4")


class Weapon(_Model):
    """One kind (and model) of weapon in an attack; entries never overlap, so they sum to the total."""

    kind: str  # docs/events.md vocabulary: drone | cruise missile | ballistic missile | missile | guided bomb …
    model: str | None = None  # "Shahed", "Iskander-M", "Kinzhal" when named
    launched: int | None = None
    intercepted: int | None = None  # shot down, destroyed, neutralised or jammed
    lost: int | None = None  # told apart from those shot down: "locationally lost", lost to electronic warfare
    qualifier: Qualifier = "exact"  # of ``launched`` ("more than 400 drones")


class Count(_Model):
    value: float | None
    qualifier: Qualifier = "exact"
    text: str | None = None  # "at least 26 people"


class Casualties(_Model):
    killed: Count | None = None
    wounded: Count | None = None


class Event(_Model):
    """One thing that happened, told by the article, with the evidence it was read from."""

    id: str  # "v1", "v2" … unique within the analysis
    type: str  # attack | diplomacy | prisoner_exchange | aid | territorial_claim | protected_site_damage
    subtype: str | None = None  # e.g. attack: air/drone strike; diplomacy: call, talks, statement
    plover: str  # PLOVER root category: ASSAULT, CONSULT, AGREE, AID, …
    acled: str | None = None  # ACLED sub-event type, for violence
    summary: str  # the sentence that triggers it, trimmed
    actor: Party | None = None
    target: Party | None = None
    location: Place | None = None
    date: EventDate | None = None
    weapons: list[Weapon] = Field(default_factory=list)
    casualties: Casualties | None = None
    claims: list[str] = Field(default_factory=list)  # "record" (largest of the war, record number …)
    # type-specific: "direction", "count"; an attack's "alternates" (counts its figures did not take, with their
    # source) and "casualties_by_place" ({"Kyiv": {"killed": 1, "wounded": 4}, …})
    attributes: dict[str, str | float | int | None | list[dict[str, str | int | None]] | dict[str, dict[str, float]]
                     ] = Field(default_factory=dict)
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = 0.5


class KeyPoint(_Model):
    """One bullet of the summary box: ``support`` are the spans of ``article.text`` it says no more than."""

    text: str
    support: list[Span] = Field(default_factory=list)
    method: str = "extractive"


class Analysis(_Model):
    """Everything newsdesk knows about one article: the ``newsdesk.analysis/1`` JSON."""

    schema_: str = Field(default=SCHEMA_VERSION, alias="schema")
    article: Article
    key_points: list[KeyPoint] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateRef] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # what a stage dropped or replaced, and why ("key point dropped …")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


def json_schema() -> dict:
    """The JSON Schema of ``newsdesk.analysis/1`` (published as ``schemas/analysis.schema.json``)."""
    schema = Analysis.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://newsdesk.invalid/schemas/analysis-1.json"
    schema["title"] = SCHEMA_VERSION
    return schema

