"""What merging works on: one document's report of a meeting (:class:`MentionRecord`), the meetings it
makes (:class:`MergedMeeting`), and the comparisons every step shares (dates as intervals of days, places
that agree, the content order of mentions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

WIDTH = {"day": 0, "span": 1, "month": 2, "year": 3}
CONFLICT_WINDOW_DAYS = 62
PRECISE = ("day", "span")


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """One meeting as one document reports it (``meeting`` is the JSON of :class:`~summitline.records.Meeting`)."""

    id: int
    document_id: int
    document_sha: str
    ordinal: int
    meeting: dict[str, Any]

    @property
    def participants_key(self) -> str:
        return participants_key(self.meeting["participants"])

    @property
    def interval(self) -> tuple[date, date]:
        return date_interval(self.meeting["date"])

    @property
    def city(self) -> str | None:
        place = self.meeting.get("place") or {}
        return place.get("city") or (place.get("name") if place.get("venue") else None)

    @property
    def country(self) -> str | None:
        return (self.meeting.get("place") or {}).get("country")

    def sort_key(self) -> tuple[Any, ...]:
        """By what the mention states (:func:`content_key`), then by document hash and position."""
        return (*content_key(self), self.document_sha, self.ordinal)


@dataclass(slots=True)
class MergedMeeting:
    """One meeting of the chronology. ``id`` is its content id (leaders, date, city); a library keeps the id a
    meeting was first given (see ``store/identity.py``)."""

    id: str
    participants_key: str
    mentions: list[MentionRecord]
    fields: dict[str, Any]
    conflicts: list[dict[str, Any]] = field(default_factory=list)


def participants_key(participants: list[dict[str, Any]]) -> str:
    return "|".join(sorted(p.get("id") or p["name"] for p in participants))


def leaders_of(key: str) -> frozenset[str]:
    return frozenset(key.split("|"))


@lru_cache(maxsize=65536)
def date_interval(iso: str) -> tuple[date, date]:
    """The first and last day of an ISO date at any precision, or of a span (``START/END``)."""
    from calendar import monthrange

    if "/" in iso:
        a, b = iso.split("/", 1)
        return date_interval(a)[0], date_interval(b)[1]
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], monthrange(parts[0], parts[1])[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def places_agree(m: MentionRecord, cluster: list[MentionRecord]) -> bool:
    for other in cluster:
        if m.country and other.country and m.country != other.country:
            return False
        if m.city and other.city and m.city != other.city:
            return False
    return True


def content_key(m: MentionRecord) -> tuple[Any, ...]:
    """What a mention states, in the order the first step takes mentions in: the narrowest date first, then the
    earliest; on one date a stated city before a country alone before no place; then by value. Mentions with
    one key state the same thing (and go to one meeting); the document never decides."""
    first, last = m.interval
    return (
        WIDTH[m.meeting["date_precision"]],
        first,
        last,
        m.country is None,
        m.city is None,
        m.city or "",
        m.country or "",
        m.meeting["format"],
        m.meeting.get("occasion") or "",
        m.meeting["date"],
    )
