"""Merging: the mentions of many documents -> one chronology, with the conflicts between sources.

Pure and deterministic: the result depends on the mentions, never on the order
they were ingested in (mentions are ordered by date precision, date, document
hash and position before they are clustered).

Two mentions are one meeting when they name the same leaders and their dates
and places are compatible: a year-only date joins a day in that year when it
fits exactly one meeting; a place joins when the countries agree and the cities
do not differ. Two days of one gathering stay apart ("7 and 8 July at the G20"),
but a day outside the gathering the others agree on is the same meeting with a
date conflict ("June 7, 2017" against "July 7, 2017" at the Hamburg G20).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .kb import KnowledgeBase
from .recognize.occasions import find_event

_WIDTH = {"day": 0, "span": 1, "month": 2, "year": 3}
CONFLICT_WINDOW_DAYS = 62


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

    def sort_key(self) -> tuple[int, date, str, int]:
        return (_WIDTH[self.meeting["date_precision"]], self.interval[0], self.document_sha, self.ordinal)


@dataclass(slots=True)
class MergedMeeting:
    id: str
    participants_key: str
    mentions: list[MentionRecord]
    fields: dict[str, Any]
    conflicts: list[dict[str, Any]] = field(default_factory=list)


def participants_key(participants: list[dict[str, Any]]) -> str:
    return "|".join(sorted(p.get("id") or p["name"] for p in participants))


def date_interval(iso: str) -> tuple[date, date]:
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


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _places_agree(m: MentionRecord, cluster: list[MentionRecord]) -> bool:
    for other in cluster:
        if m.country and other.country and m.country != other.country:
            return False
        if m.city and other.city and m.city != other.city:
            return False
    return True


def _same_gathering_other_day(kb: KnowledgeBase, m: MentionRecord, cluster: list[MentionRecord]) -> bool:
    """A day outside the gathering that the cluster's days fall in: the same meeting, misdated."""
    occasion = m.meeting.get("occasion")
    core = cluster[0]
    if not occasion or occasion != core.meeting.get("occasion") or m.meeting["date_precision"] != "day":
        return False
    series = next((s.id for s in kb.gatherings.values() if s.name == occasion), None)
    if series is None:
        return False
    first, last = core.interval
    event = find_event(kb, series, first, last, core.country)
    if event is None or abs((m.interval[0] - first).days) > CONFLICT_WINDOW_DAYS:
        return False
    inside = event.start <= m.interval[0] <= event.end
    core_inside = event.start <= first <= event.end
    return core_inside != inside  # one of the two days lies outside the gathering both name


def cluster_mentions(mentions: list[MentionRecord], kb: KnowledgeBase) -> list[list[MentionRecord]]:
    """Mentions of the same leaders -> groups, one per meeting."""
    by_pair: dict[str, list[MentionRecord]] = defaultdict(list)
    for m in mentions:
        by_pair[m.participants_key].append(m)
    clusters: list[list[MentionRecord]] = []
    for key in sorted(by_pair):
        pair_clusters: list[list[MentionRecord]] = []
        for m in sorted(by_pair[key], key=MentionRecord.sort_key):
            fits = [c for c in pair_clusters if _overlap(m.interval, c[0].interval) and _places_agree(m, c)]
            coarse = _WIDTH[m.meeting["date_precision"]] >= 2
            if len(fits) == 1 or (fits and not coarse):
                fits[0].append(m)
                continue
            misdated = [c for c in pair_clusters if _same_gathering_other_day(kb, m, c) and _places_agree(m, c)]
            if len(misdated) == 1 and not fits:
                misdated[0].append(m)
                continue
            pair_clusters.append([m])
        clusters.extend(pair_clusters)
    return clusters


def _most_specific_place(cluster: list[MentionRecord]) -> dict[str, Any] | None:
    rank = {"venue": 3, "city": 2, "region": 1}
    places = [m.meeting["place"] for m in cluster if m.meeting.get("place")]
    if not places:
        return None

    def level(p: dict[str, Any]) -> int:
        return (
            rank["venue"]
            if p.get("venue")
            else rank["city"]
            if p.get("city")
            else rank["region"]
            if p.get("region")
            else 0
        )

    return max(places, key=lambda p: (level(p), not p.get("inferred")))


def merge_cluster(cluster: list[MentionRecord], kb: KnowledgeBase | None = None) -> MergedMeeting:
    """One meeting from its mentions: the most specific value of each field, and the disagreements."""
    core = cluster[0]
    days = Counter(m.meeting["date"] for m in cluster if m.meeting["date_precision"] in ("day", "span"))
    conflicts = []
    date_value = core.meeting["date"]
    if len(days) > 1:
        # the value most sources state; on a tie, the one inside the gathering's dates
        date_value = sorted(days.items(), key=lambda kv: (-kv[1], not _in_gathering(kb, core, kv[0]), kv[0]))[0][0]
        conflicts.append(
            {
                "field": "date",
                "values": {
                    value: sorted({m.document_id for m in cluster if m.meeting["date"] == value})
                    for value in sorted(days)
                },
            }
        )
    chosen = next(m for m in cluster if m.meeting["date"] == date_value)
    place = _most_specific_place(cluster)
    formats = Counter(m.meeting["format"] for m in cluster)
    status = "held" if any(m.meeting["status"] == "held" for m in cluster) else "planned"
    occasion = next((m.meeting.get("occasion") for m in cluster if m.meeting.get("occasion")), None)
    topics = sorted({t for m in cluster for t in m.meeting.get("topics", [])})
    fields = {
        "date": date_value,
        "date_precision": chosen.meeting["date_precision"],
        "participants": chosen.meeting["participants"],
        "place": place,
        "format": sorted(formats.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
        "status": status,
        "occasion": occasion,
        "topics": topics,
    }
    city = (place or {}).get("city") or (place or {}).get("name") or ""
    digest = hashlib.sha1(f"{core.participants_key}|{date_value}|{city}".encode()).hexdigest()[:10]
    return MergedMeeting(f"m{digest}", core.participants_key, cluster, fields, conflicts)


def _in_gathering(kb: KnowledgeBase | None, core: MentionRecord, value: str) -> bool:
    occasion = core.meeting.get("occasion")
    series = next((s.id for s in kb.gatherings.values() if s.name == occasion), None) if kb and occasion else None
    if series is None or kb is None:
        return False
    first, last = date_interval(value)
    event = find_event(kb, series, first, last, core.country)
    return bool(event and event.start <= first <= event.end)


def merge_mentions(mentions: list[MentionRecord], kb: KnowledgeBase) -> list[MergedMeeting]:
    merged = sorted(
        (merge_cluster(c, kb) for c in cluster_mentions(mentions, kb)),
        key=lambda m: (date_interval(m.fields["date"])[0], m.participants_key, m.id),
    )
    seen: Counter[str] = Counter()
    for m in merged:  # two meetings of a pair on one date in one place: keep their ids apart
        seen[m.id] += 1
        if seen[m.id] > 1:
            m.id = f"{m.id}-{seen[m.id]}"
    return merged
