"""Merging: the mentions of many documents -> one chronology, with the conflicts between sources.

Pure and deterministic: the result depends on the mentions, never on the order
they were ingested in (mentions are ordered by date precision, date, document
hash and position before they are clustered).

Two steps. First, mentions of the same leaders are one meeting when their dates
and places are compatible: a year-only date joins a day in that year when it
fits exactly one meeting; a place joins when the countries agree and the cities
do not differ. Two days of one gathering stay apart ("7 and 8 July at the G20"),
but a day outside the gathering the others agree on is the same meeting with a
date conflict ("June 7, 2017" against "July 7, 2017" at the Hamburg G20), and so
is the same day stated with another city (a place conflict), unless one document
states both. Second (:func:`join_subsets`), a report that names some of a
meeting's leaders on its day, at its place and in its format joins that meeting
("Biden met Kishida at Camp David" joins the trilateral with Yoon there that
day), unless it could join two meetings, or one document reports both (then
they were two meetings: a bilateral on the sidelines of the trilateral).

Each field takes the value most sources support, and sources that disagree make
a conflict: date, place, format, participants (the leaders each source names)
and office (the office a source gives a leader). Quotes, tone, photos and
summaries are kept with the document each comes from.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .day_index import DayIndex
from .kb import KnowledgeBase
from .recognize.occasions import find_event

_WIDTH = {"day": 0, "span": 1, "month": 2, "year": 3}
CONFLICT_WINDOW_DAYS = 62
_PRECISE = ("day", "span")


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


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _places_agree(m: MentionRecord, cluster: list[MentionRecord]) -> bool:
    for other in cluster:
        if m.country and other.country and m.country != other.country:
            return False
        if m.city and other.city and m.city != other.city:
            return False
    return True


def _same_gathering_other_day(kb: KnowledgeBase, m: MentionRecord, core: MentionRecord) -> bool:
    """A day outside the gathering that the group's first day falls in: the same meeting, misdated."""
    occasion = m.meeting.get("occasion")
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


def _same_day_elsewhere(statement: _Statement, group: _Group) -> bool:
    """The day the group has, in the same format, stated with another place by documents of their own: the
    same meeting with a place conflict (a document that states two places itself reports two meetings)."""
    core, m = group.core.first, statement.first
    return (
        m.meeting["date_precision"] == "day"
        and core.meeting["date_precision"] == "day"
        and m.meeting["date"] == core.meeting["date"]
        and m.meeting["format"] == core.meeting["format"]
        and not statement.documents & group.documents
    )


def content_key(m: MentionRecord) -> tuple[Any, ...]:
    """What a mention states, in the order the first step takes mentions in: the narrowest date first, then the
    earliest; on one date a stated city before a country alone before no place; then by value. Mentions with
    one key state the same thing (and go to one meeting); the document never decides."""
    first, last = m.interval
    return (
        _WIDTH[m.meeting["date_precision"]],
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


@dataclass(slots=True)
class _Statement:
    """The mentions of one set of leaders that state the same date, place, format and occasion."""

    mentions: list[MentionRecord]
    documents: set[int]

    @property
    def first(self) -> MentionRecord:
        return self.mentions[0]


@dataclass(slots=True)
class _Group:
    """A meeting the first step is building: the statement that began it, and what it holds so far."""

    number: int
    core: _Statement
    mentions: list[MentionRecord] = field(default_factory=list)
    cities: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)

    def agrees(self, statement: _Statement) -> bool:
        """No mention of the group states another country or another city (see :func:`_places_agree`)."""
        m = statement.first
        return (m.country is None or self.countries <= {m.country}) and (m.city is None or self.cities <= {m.city})

    def take(self, statement: _Statement) -> None:
        self.mentions += statement.mentions
        self.documents |= statement.documents
        m = statement.first
        self.cities |= {m.city} if m.city else set()
        self.countries |= {m.country} if m.country else set()


def _statements(mentions: list[MentionRecord]) -> list[_Statement]:
    by_content: dict[tuple[Any, ...], _Statement] = {}
    for m in sorted(mentions, key=MentionRecord.sort_key):
        known = by_content.setdefault(content_key(m), _Statement([], set()))
        known.mentions.append(m)
        known.documents.add(m.document_id)
    return [by_content[k] for k in sorted(by_content)]


def cluster_mentions(mentions: list[MentionRecord], kb: KnowledgeBase) -> list[list[MentionRecord]]:
    """Mentions of the same leaders -> groups, one per meeting: a function of the set of mentions (neither
    their order nor the documents' hashes decide), unchanged when every document is repeated by another."""
    by_pair: dict[str, list[MentionRecord]] = defaultdict(list)
    for m in mentions:
        by_pair[m.participants_key].append(m)
    clusters: list[list[MentionRecord]] = []
    for key in sorted(by_pair):
        clusters += [g.mentions for g in _group_statements(_statements(by_pair[key]), kb)]
    return clusters


def _group_statements(statements: list[_Statement], kb: KnowledgeBase) -> list[_Group]:
    """Statements of one set of leaders, in the order of :func:`content_key`, -> groups. Each joins the group
    whose first day it overlaps and whose places it agrees with (a month or a year only when it fits exactly
    one; a day that fits several joins the first in its format); else the group of its day stated elsewhere
    by other documents; else the group of its gathering it misdates; else it begins a group of its own. Only
    groups near its dates are looked at (:class:`DayIndex`)."""
    groups: list[_Group] = []
    cores: DayIndex[_Group] = DayIndex()
    for statement in statements:
        m = statement.first
        first, last = m.interval
        fits = [g for g in cores.overlapping(first, last) if g.agrees(statement)]
        home = None
        if fits and _WIDTH[m.meeting["date_precision"]] < 2:
            home = min(fits, key=lambda g: (g.core.first.meeting["format"] != m.meeting["format"], g.number))
        elif len(fits) == 1:
            home = fits[0]
        elif not fits:
            elsewhere = [g for g in cores.overlapping(first, last) if _same_day_elsewhere(statement, g)]
            window = timedelta(days=CONFLICT_WINDOW_DAYS)
            misdated = [
                g
                for g in cores.starting(first - window, first + window)
                if g.agrees(statement) and _same_gathering_other_day(kb, m, g.core.first)
            ]
            home = elsewhere[0] if len(elsewhere) == 1 else misdated[0] if len(misdated) == 1 else None
        if home is None:
            home = _Group(len(groups), statement)
            groups.append(home)
            cores.add(first, last, home)
        home.take(statement)
    return groups


# --- a report of some of a meeting's leaders ---------------------------------------------------------


@dataclass(slots=True)
class _Part:
    """One group of the first step, with what the second step compares."""

    mentions: list[MentionRecord]
    key: str
    leaders: frozenset[str]
    fields: dict[str, Any]
    documents: frozenset[int]
    cities: frozenset[str]
    countries: frozenset[str]

    @classmethod
    def of(cls, cluster: list[MentionRecord], kb: KnowledgeBase | None) -> _Part:
        merged = merge_cluster(cluster, kb)
        key = merged.participants_key
        cities = frozenset(m.city for m in cluster if m.city)
        countries = frozenset(m.country for m in cluster if m.country)
        return cls(
            cluster, key, leaders_of(key), merged.fields, frozenset(m.document_id for m in cluster), cities, countries
        )

    def order(self) -> tuple[Any, ...]:
        """More leaders first, then by leaders and by what the group states (a hash only between equal statements)."""
        return (-len(self.leaders), self.key, min(m.sort_key() for m in self.mentions))

    @property
    def placed_on_a_day(self) -> bool:
        place = self.fields.get("place") or {}
        return self.fields["date_precision"] in _PRECISE and bool(place.get("country"))

    @property
    def days(self) -> tuple[date, date]:
        return date_interval(self.fields["date"])

    def places_agree(self, other: _Part) -> bool:
        """No mention of one states another country or city than a mention of the other (:func:`_places_agree`
        for every mention of this part against the other's)."""

        def agree(a: frozenset[str], b: frozenset[str]) -> bool:
            return not (a and b) or (a == b and len(a) == 1)

        return agree(self.countries, other.countries) and agree(self.cities, other.cities)


def _joins(small: _Part, big: _Part) -> bool:
    return (
        small.leaders < big.leaders
        and small.placed_on_a_day
        and big.placed_on_a_day
        and small.fields["format"] == big.fields["format"]
        and _overlap(small.days, big.days)
        and small.places_agree(big)
    )


def join_subsets(clusters: list[list[MentionRecord]], kb: KnowledgeBase | None = None) -> list[list[MentionRecord]]:
    """Groups of the first step -> meetings: a group whose leaders are some of another's, on its day, at its
    place and in its format, joins it when it fits exactly one such meeting. Within one meeting no document
    may report two of its groups, and no set of leaders may come twice: those groups stay meetings of their
    own (a bilateral on the sidelines of a trilateral, two days of talks). Groups are taken in the order of
    :meth:`_Part.order`, so the result is a function of the groups; each looks only at the meetings placed
    on its days."""
    keys = {leaders_of(c[0].participants_key) for c in clusters}
    related = {k for k in keys if any(k < other or other < k for other in keys)}
    alone = [c for c in clusters if leaders_of(c[0].participants_key) not in related]
    if len(alone) == len(clusters):
        return [sorted(c, key=MentionRecord.sort_key) for c in clusters]  # no report names some of another's leaders
    involved = [c for c in clusters if leaders_of(c[0].participants_key) in related]
    parts = sorted((_Part.of(c, kb) for c in involved), key=_Part.order)
    roots: DayIndex[int] = DayIndex()
    home: dict[int, int] = {}
    for i, part in enumerate(parts):
        found = [r for r in roots.overlapping(*part.days) if _joins(part, parts[r])] if part.placed_on_a_day else []
        if len(found) == 1:
            home[i] = found[0]
        elif part.placed_on_a_day:
            roots.add(*part.days, i)  # a group not placed on a day can never be joined
    members: dict[int, list[int]] = defaultdict(list)
    for i, r in sorted(home.items()):
        members[r].append(i)
    for r, joined in members.items():
        for i in _apart(parts, r, joined):
            del home[i]
    groups: dict[int, list[MentionRecord]] = {}
    for i, part in enumerate(parts):
        groups.setdefault(home.get(i, i), []).extend(part.mentions)
    return [sorted(g, key=MentionRecord.sort_key) for g in [*alone, *groups.values()]]


def _apart(parts: list[_Part], root: int, joined: list[int]) -> set[int]:
    """The groups that joined ``root`` but must stay apart: sharing a document with the meeting or another
    group that joined it, coming twice with the same leaders, or placed elsewhere than one that came first."""
    out = set()
    for i in joined:
        others = [j for j in joined if j != i]
        if parts[i].documents & parts[root].documents or any(
            parts[i].documents & parts[j].documents or parts[i].key == parts[j].key for j in others
        ):
            out.add(i)
    kept: list[MentionRecord] = []
    for i in joined:
        if i in out:
            continue
        if not all(_places_agree(m, kept) for m in parts[i].mentions):
            out.add(i)
        else:
            kept.extend(parts[i].mentions)
    return out


# --- one meeting's fields --------------------------------------------------------------------------


def _place_level(p: dict[str, Any]) -> int:
    return 3 if p.get("venue") else 2 if p.get("city") else 1 if p.get("region") else 0


def _most_specific_place(cluster: list[MentionRecord]) -> dict[str, Any] | None:
    places = [m.meeting["place"] for m in cluster if m.meeting.get("place")]
    if not places:
        return None
    return max(places, key=lambda p: (_place_level(p), not p.get("inferred")))


def _documents(mentions: list[MentionRecord]) -> list[int]:
    return sorted({m.document_id for m in mentions})


def _merged_place(cluster: list[MentionRecord]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The place most documents state (a stated place before an inferred one), the most specific of its kind;
    and a conflict when documents state places that disagree (another country or another city)."""
    groups: list[list[MentionRecord]] = []
    for m in cluster:
        if m.meeting.get("place"):
            home = next((g for g in groups if _places_agree(m, g)), None)
            if home is None:
                groups.append([m])
            else:
                home.append(m)
    if not groups:
        return None, None

    def stated(g: list[MentionRecord]) -> list[MentionRecord]:
        return [m for m in g if not m.meeting["place"].get("inferred")]

    def rank(g: list[MentionRecord]) -> tuple[int, int, int, str]:
        # on a tie, the most specific, then by name: never the order mentions came in
        top = _most_specific_place(g) or {}
        return (-len(_documents(stated(g))), -len(_documents(g)), -_place_level(top), str(top.get("name")))

    place = _most_specific_place(min(groups, key=rank))
    disputed = [g for g in groups if stated(g)]
    if len(disputed) < 2:
        return place, None
    values: dict[str, list[int]] = {}
    for g in disputed:
        label = (_most_specific_place(stated(g)) or {}).get("name") or "?"
        values.setdefault(label, []).extend(_documents(stated(g)))
    return place, {"field": "place", "values": {k: sorted(set(v)) for k, v in sorted(values.items())}}


def _tally(field_name: str, by_value: dict[str, set[int]], **extra: str) -> list[dict[str, Any]]:
    if len(by_value) < 2:
        return []
    return [{"field": field_name, **extra, "values": {v: sorted(d) for v, d in sorted(by_value.items())}}]


def _roster_conflicts(cluster: list[MentionRecord], participants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sources that name other leaders (some of them), and sources that give a leader another office."""
    rosters: dict[str, set[int]] = defaultdict(set)
    for m in cluster:
        rosters[", ".join(sorted(p["name"] for p in m.meeting["participants"]))].add(m.document_id)
    out = _tally("participants", rosters)
    for person in participants:
        who = person.get("id") or person["name"]
        offices: dict[str, set[int]] = defaultdict(set)
        for m in cluster:
            for p in m.meeting["participants"]:
                if (p.get("id") or p["name"]) == who and p.get("office"):
                    offices[p["office"]].add(m.document_id)
        out += _tally("office", offices, leader=who, name=person["name"])
    return out


def _tone_label(kb: KnowledgeBase | None, score: float, labels: list[str]) -> str:
    if kb is not None and kb.tone_labels:
        return next((lab for lab, low in kb.tone_labels if score >= low), "neutral")
    return Counter(labels).most_common(1)[0][0]


def _kept_with_sources(ordered: list[MentionRecord], kb: KnowledgeBase | None) -> dict[str, Any]:
    """Quotes, tone, photos and summaries of every source, each with the document it comes from; ``photo``
    and ``summary`` are those of the source the meeting's date comes from when it has them."""
    quotes: dict[tuple[str, str], dict[str, Any]] = {}
    tones: list[dict[str, Any]] = []
    photos: list[dict[str, Any]] = []
    summaries: list[dict[str, Any]] = []
    for m in ordered:
        d = m.document_id
        for q in m.meeting.get("quotes") or []:
            quotes.setdefault((q["text"], q["speaker"]), {**q, "document_id": d})
        if m.meeting.get("tone"):
            tones.append({**m.meeting["tone"], "document_id": d})
        photo = m.meeting.get("photo")
        if photo and not any((p["caption"], p["credit"]) == (photo["caption"], photo["credit"]) for p in photos):
            photos.append({**photo, "document_id": d})
        text = m.meeting.get("summary")
        if text and not any(s["text"] == text for s in summaries):
            summaries.append({"text": text, "document_id": d})
    tone = None
    if tones:
        score = round(sum(t["score"] for t in tones) / len(tones), 2)
        cues = sorted({c for t in tones for c in t.get("cues", [])})
        by_source = [{k: t[k] for k in ("document_id", "score", "label")} for t in tones]
        tone = {"score": score, "label": _tone_label(kb, score, [t["label"] for t in tones]), "cues": cues}
        tone["by_source"] = by_source
    return {
        "quotes": list(quotes.values()),
        "tone": tone,
        "photo": photos[0] if photos else None,
        "photos": photos,
        "summary": summaries[0]["text"] if summaries else None,
        "summaries": summaries,
    }


def merge_cluster(cluster: list[MentionRecord], kb: KnowledgeBase | None = None) -> MergedMeeting:
    """One meeting from its mentions: the value most sources support for each field, and the disagreements.
    The leaders are those of the mentions that name the most of them."""
    ordered = sorted(cluster, key=MentionRecord.sort_key)
    key = max({m.participants_key for m in ordered}, key=lambda k: (len(leaders_of(k)), k))
    core = next(m for m in ordered if m.participants_key == key)
    days = Counter(m.meeting["date"] for m in ordered if m.meeting["date_precision"] in _PRECISE)
    conflicts = []
    date_value = core.meeting["date"]
    if len(days) > 1:
        # the value most sources state; on a tie, the one inside the gathering's dates
        date_value = sorted(days.items(), key=lambda kv: (-kv[1], not _in_gathering(kb, core, kv[0]), kv[0]))[0][0]
        conflicts += _tally("date", {v: {m.document_id for m in ordered if m.meeting["date"] == v} for v in days})
    chosen = next(m for m in ordered if m.meeting["date"] == date_value)
    named = next((m for m in ordered if m.participants_key == key and m.meeting["date"] == date_value), core)
    place, place_conflict = _merged_place(ordered)
    conflicts += [place_conflict] if place_conflict else []
    formats: dict[str, set[int]] = defaultdict(set)
    for m in ordered:
        formats[m.meeting["format"]].add(m.document_id)
    conflicts += _tally("format", formats)
    conflicts += _roster_conflicts(ordered, named.meeting["participants"])
    status = "held" if any(m.meeting["status"] == "held" for m in ordered) else "planned"
    # the occasion most documents state; on a tie, by name (never the order mentions came in)
    occasions = Counter(o for _, o in {(m.document_id, m.meeting.get("occasion")) for m in ordered} if o)
    occasion = min(occasions, key=lambda o: (-occasions[o], o)) if occasions else None
    fields = {
        "date": date_value,
        "date_precision": chosen.meeting["date_precision"],
        "participants": named.meeting["participants"],
        "place": place,
        "format": sorted(formats.items(), key=lambda kv: (-len(kv[1]), kv[0]))[0][0],
        "status": status,
        "occasion": occasion,
        "topics": sorted({t for m in ordered for t in m.meeting.get("topics", [])}),
        **_kept_with_sources([chosen, *(m for m in ordered if m is not chosen)], kb),
    }
    city = (place or {}).get("city") or (place or {}).get("name") or ""
    return MergedMeeting(content_id(key, date_value, city), key, ordered, fields, conflicts)


def content_id(key: str, date_value: str, city: str) -> str:
    """``m`` and ten hex digits of the leaders, the date and the city: the id a new meeting is given."""
    return "m" + hashlib.sha1(f"{key}|{date_value}|{city}".encode()).hexdigest()[:10]


def _in_gathering(kb: KnowledgeBase | None, core: MentionRecord, value: str) -> bool:
    occasion = core.meeting.get("occasion")
    series = next((s.id for s in kb.gatherings.values() if s.name == occasion), None) if kb and occasion else None
    if series is None or kb is None:
        return False
    first, last = date_interval(value)
    event = find_event(kb, series, first, last, core.country)
    return bool(event and event.start <= first <= event.end)


def merge_clusters(clusters: list[list[MentionRecord]], kb: KnowledgeBase) -> list[MergedMeeting]:
    """Groups of the first step (of any leaders) -> the meetings, by date."""
    merged = sorted(
        (merge_cluster(c, kb) for c in join_subsets(clusters, kb)),
        key=lambda m: (date_interval(m.fields["date"])[0], m.participants_key, m.id),
    )
    seen: Counter[str] = Counter()
    for m in merged:  # two meetings of a pair on one date in one place: keep their ids apart
        seen[m.id] += 1
        if seen[m.id] > 1:
            m.id = f"{m.id}-{seen[m.id]}"
    return merged


def merge_mentions(mentions: list[MentionRecord], kb: KnowledgeBase) -> list[MergedMeeting]:
    return merge_clusters(cluster_mentions(mentions, kb), kb)
