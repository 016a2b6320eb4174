"""The data model of summitline: one place for every record the pipeline passes on.

Everything the library returns, prints or (later) stores derives from these
classes. ``Extraction.to_dict()`` is the JSON contract of
``summitline extract --format json`` (``summitline/meetings@1``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_ID = "summitline/meetings@1"

MeetingFormat = Literal["in_person", "video_call", "phone_call"]
MeetingStatus = Literal["held", "planned"]
DatePrecision = Literal["year", "month", "day", "span"]
DateSource = Literal["body", "caption", "heading", "publication", "gathering"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the extracted text that states a field's value."""

    field: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption and its credit, as found on the page or in the text."""

    caption: str | None
    credit: str | None


@dataclass(slots=True)
class Document:
    """One document as read: its bytes' hash, its metadata and its cleaned text.

    ``text`` is the extracted text that every evidence offset refers to.
    """

    text: str
    sha256: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    media_type: str = "text/plain"
    captions: list[Caption] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Place:
    name: str | None
    country: str | None
    venue: str | None = None
    city: str | None = None
    region: str | None = None
    lat: float | None = None
    lon: float | None = None
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "venue": self.venue,
            "city": self.city,
            "region": self.region,
            "lat": self.lat,
            "lon": self.lon,
            "inferred": self.inferred,
        }


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    country: str | None
    office: str | None
    id: str | None
    mention: str
    resolved_by: str = "name"  # name, title, pronoun, plural, context
    stated_title: str | None = None  # the title the text gives, e.g. "former President"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "office": self.office,
            "id": self.id,
            "mention": self.mention,
            "resolved_by": self.resolved_by,
            "stated_title": self.stated_title,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "speaker": self.speaker}


@dataclass(frozen=True, slots=True)
class Tone:
    score: float
    label: str
    cues: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "label": self.label, "cues": list(self.cues)}


@dataclass(slots=True)
class Meeting:
    """One meeting between two or more leaders, with the evidence for each field."""

    date: str
    date_precision: DatePrecision
    date_source: DateSource
    participants: list[Participant]
    place: Place | None
    format: MeetingFormat
    status: MeetingStatus
    occasion: str | None = None
    topics: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    tone: Tone | None = None
    photo: Caption | None = None
    summary: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "date_inferred": self.date_source in ("publication", "gathering"),
            "participants": [p.to_dict() for p in self.participants],
            "place": self.place.to_dict() if self.place else None,
            "format": self.format,
            "status": self.status,
            "occasion": self.occasion,
            "topics": list(self.topics),
            "quotes": [q.to_dict() for q in self.quotes],
            "tone": self.tone.to_dict() if self.tone else None,
            "photo": {"caption": self.photo.caption, "credit": self.photo.credit} if self.photo else None,
            "summary": self.summary,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(slots=True)
class FrameReport:
    """One meeting frame as ``summitline extract --explain`` shows it: a meeting word, its status and why,
    the leaders tied to it, and the meeting it became (if any)."""

    sentence: str
    predicate: str
    start: int
    end: int
    format: str
    status: str  # held, planned, hypothetical, denied, cancelled, other_sense, setting
    reason: str
    arguments: tuple[str, ...]
    meeting: str | None  # "DATE: A, B" of the meeting it supports

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "predicate": self.predicate,
            "start": self.start,
            "end": self.end,
            "format": self.format,
            "status": self.status,
            "reason": self.reason,
            "arguments": list(self.arguments),
            "meeting": self.meeting,
        }


@dataclass(slots=True)
class Extraction:
    """The result of extracting one document: the document and its meetings (and, when asked for, the
    meeting frames behind them)."""

    document: Document
    meetings: list[Meeting]
    frames: list[FrameReport] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "schema": SCHEMA_ID,
            "source": {
                "path": doc.path,
                "url": doc.url,
                "title": doc.title,
                "published": doc.published,
                "published_source": doc.published_source,
                "sha256": doc.sha256,
                "media_type": doc.media_type,
                "chars": len(doc.text),
            },
            "meetings": [m.to_dict() for m in self.meetings],
        }
