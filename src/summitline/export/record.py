"""One exported meeting: the flat record every export format writes, built from a timeline item.

Places are exported at the precision they were found at (``place_level``: venue, city, region or country),
and coordinates only for a venue, a city or a region: a place known only to its country carries its
capital's coordinates in the knowledge base, and a meeting "in Russia" is not pinned on Moscow. A region's
coordinates are its rough centre (``regions.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import PurePath
from typing import Any

#: how a value's type is written where a format has only text (CSV): ``json`` for lists and objects
KINDS = {"latitude": float, "longitude": float, "tone_score": float, "source_count": int, "place_inferred": bool}

#: the place levels that may carry coordinates
PLACED_LEVELS = ("venue", "city", "region")


@dataclass(slots=True)
class ExportMeeting:
    """A meeting as exported. Lists hold plain dicts: ``leaders`` (id, name, country, office), ``sources``
    (document_id, url, title, published, file), ``conflicts`` (as merged: field, name, values),
    ``findings`` (id, check, field, severity, stated, expected, record, message, verdict, verdict_note),
    ``quotes`` (text, speaker)."""

    id: str
    date: str  # as stated: 2001-06, 2017-07-07, 1985-11-19/1985-11-21
    date_first: str
    date_last: str
    date_precision: str  # year, month, day, span
    leaders: list[dict[str, Any]] = field(default_factory=list)
    place_name: str | None = None
    place_venue: str | None = None
    place_city: str | None = None
    place_region: str | None = None
    place_country: str | None = None
    place_level: str | None = None  # venue, city, region, country; None when no place is known
    place_inferred: bool | None = None
    latitude: float | None = None
    longitude: float | None = None
    format: str = "in_person"
    status: str = "held"
    occasion: str | None = None
    topics: list[str] = field(default_factory=list)
    tone_label: str | None = None
    tone_score: float | None = None
    summary: str | None = None
    quotes: list[dict[str, Any]] = field(default_factory=list)
    photo_caption: str | None = None
    photo_credit: str | None = None
    source_count: int = 0
    sources: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExportMeeting:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def coordinates(self) -> tuple[float, float] | None:
        """(longitude, latitude), as GeoJSON orders them, when the place is placed."""
        if self.latitude is None or self.longitude is None:
            return None
        return self.longitude, self.latitude


COLUMNS = [f.name for f in fields(ExportMeeting)]


def place_level(place: dict[str, Any] | None) -> str | None:
    if not place:
        return None
    for level in ("venue", "city", "region"):
        if place.get(level):
            return level
    return "country" if place.get("country") or place.get("name") else None


def export_meeting(item: dict[str, Any], days: tuple[str, str]) -> ExportMeeting:
    """The export record of a timeline item (``queries.timeline``) whose date runs over ``days``."""
    place = item.get("place") or {}
    level = place_level(place)
    placed = level in PLACED_LEVELS and place.get("lat") is not None and place.get("lon") is not None
    tone = item.get("tone") or {}
    photo = item.get("photo") or {}
    return ExportMeeting(
        id=item["id"],
        date=item["date"],
        date_first=days[0],
        date_last=days[1],
        date_precision=item["date_precision"],
        leaders=[
            {"id": p.get("id"), "name": p["name"], "country": p.get("country"), "office": p.get("office")}
            for p in item.get("participants", [])
        ],
        place_name=_text(place.get("name")),
        place_venue=_text(place.get("venue")),
        place_city=_text(place.get("city")),
        place_region=_text(place.get("region")),
        place_country=_text(place.get("country")),
        place_level=level,
        place_inferred=bool(place.get("inferred")) if place else None,
        latitude=float(place["lat"]) if placed else None,
        longitude=float(place["lon"]) if placed else None,
        format=item["format"],
        status=item["status"],
        occasion=_text(item.get("occasion")),
        topics=list(item.get("topics") or []),
        tone_label=_text(tone.get("label")),
        tone_score=float(tone["score"]) if tone.get("score") is not None else None,
        summary=_text(item.get("summary")),
        quotes=[{"text": q.get("text"), "speaker": q.get("speaker")} for q in item.get("quotes") or []],
        photo_caption=_text(photo.get("caption")),
        photo_credit=_text(photo.get("credit")),
        source_count=int(item.get("source_count") or 0),
        sources=[_source(s) for s in item.get("sources", [])],
        conflicts=list(item.get("conflicts") or []),
        findings=[_finding(f) for f in item.get("findings", [])],
    )


def _text(value: Any) -> str | None:
    """A text value, with an empty one read as none (so that every format writes and reads it alike)."""
    return str(value) if value not in (None, "") else None


def _source(row: dict[str, Any]) -> dict[str, Any]:
    """A source as exported: its URL and title, and for a local file only its name (not where it was)."""
    path = row.get("path")
    return {
        "document_id": row.get("document_id"),
        "url": row.get("url"),
        "title": row.get("title"),
        "published": row.get("published"),
        "file": PurePath(path).name if path and not row.get("url") else None,
    }


def _finding(row: dict[str, Any]) -> dict[str, Any]:
    verdict = row.get("verdict") or {}
    return {
        "id": row.get("id"),
        "check": row.get("check_name"),
        "field": row.get("field"),
        "severity": row.get("severity"),
        "stated": row.get("stated"),
        "expected": row.get("expected"),
        "record": row.get("record"),
        "message": row.get("message"),
        "verdict": verdict.get("verdict"),
        "verdict_note": verdict.get("note"),
    }
