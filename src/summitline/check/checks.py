"""The checks: each meeting against the summits, the leaders' terms of office and the records.

Three checks, each giving ``info`` findings where the record supports a stated
value and ``warning`` findings where it contradicts one:

- ``gathering``: a meeting at a summit of the knowledge base (its ``occasion``)
  on a date outside that summit's dates (two days' grace for arrivals), or in
  another country while the summit was on;
- ``term``: a stated title "former X" while the leader held office X on that
  date, or "then-X" when the leader did not hold X then;
- ``record``: a meeting of a US president with a foreign leader against the
  travel records, which list every foreign trip of a president: abroad on days
  with no trip to that country, a span past the trip, a city far from the
  trip's; at home while the president was abroad, or with no visit of a listed
  visitor then (see ``check_records``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from ..kb import GatheringEvent, GatheringSeries, KnowledgeBase
from ..recognize.occasions import find_event
from ..store.database import Database, in_chunks
from ..store.library import now
from ..store.verdicts import standing_warnings, verdicts_for, with_verdicts
from .model import Finding, Meeting, Stated, country_name, gap, iso_span, load_meetings, span
from .names import RecordIndex, Resolved, fold
from .records import load_records
from .terms import check_terms

RECORD_WINDOW_DAYS = 60
GRACE_DAYS = 2  # leaders meet on the day they arrive for a summit, or the day after it
APPROXIMATE_GRACE_DAYS = 7
_CONTEXT = re.compile(
    r"(?:ahead of|before|after|following|prior to|eve of|since|en route to|way to|way from|returning from|"
    r"preparations? for|preparing for)\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}$",
    re.I,
)


def check_meetings(db: Database, kb: KnowledgeBase, meeting_ids: list[str] | None = None) -> list[Finding]:
    """Check the meetings (all when ``meeting_ids`` is None; an id merged into another meeting checks that
    one); replace their stored findings with these. Verdicts recorded by hand are kept: they are keyed by
    what a finding says, not by its row (``store/verdicts.py``)."""
    meetings = load_meetings(db, meeting_ids)
    index = record_index(db, kb)
    findings = [
        f for m in meetings for f in (*check_gathering(m, kb), *check_terms(m, kb), *check_records(m, kb, index))
    ]
    at = now()
    with db.transaction():
        ids = [m.id for m in meetings]
        for chunk, marks in in_chunks(ids):
            db.execute(f"DELETE FROM findings WHERE meeting_id IN ({marks})", chunk)
        db.executemany(
            "INSERT INTO findings (meeting_id, check_name, field, stated, expected, record, record_id, severity, "
            "message, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    f.meeting_id,
                    f.check_name,
                    f.field,
                    f.stated,
                    f.expected,
                    f.record,
                    f.record_id,
                    f.severity,
                    f.message,
                    at,
                )
                for f in findings
            ],
        )
    return findings


def record_index(db: Database, kb: KnowledgeBase) -> RecordIndex:
    """The reference records of the library, indexed for the checks; built once per connection and
    knowledge base while the records stay the same (an ingest checks the meetings of every document)."""
    stamp = db.query("SELECT COUNT(*) AS n, MAX(id) AS last FROM reference_records")[0]
    cached = db.memo.get("record_index")
    if cached and cached[0] is kb and cached[1] == (stamp["n"], stamp["last"]):
        return cast(RecordIndex, cached[2])
    index = RecordIndex.build(load_records(db), kb)
    db.memo["record_index"] = (kb, (stamp["n"], stamp["last"]), index)
    return index


def summarize(db: Database, findings: list[Finding], meeting_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Each checked meeting with its findings (with their ids and hand verdicts) and a verdict:
    contradicted (a warning nobody dismissed), supported (only ``info`` findings besides dismissed ones) or
    unchecked."""
    by_meeting: dict[str, list[Finding]] = {}
    for f in findings:
        by_meeting.setdefault(f.meeting_id, []).append(f)
    out = []
    meetings = load_meetings(db, meeting_ids)
    recorded = verdicts_for(db, [m.id for m in meetings])
    for m in meetings:
        mine = with_verdicts(m.id, [f.to_dict() for f in by_meeting.get(m.id, [])], recorded[m.id])
        supported = any(f["severity"] == "info" for f in mine)
        verdict = "contradicted" if standing_warnings(mine) else "supported" if supported else "unchecked"
        out.append(
            {
                "id": m.id,
                "date": m.data["date"],
                "leaders": [p["name"] for p in m.data["participants"]],
                "place": m.place.get("name"),
                "verdict": verdict,
                "findings": mine,
            }
        )
    return out


# --- gatherings -------------------------------------------------------------------------------


def _event_span(event: GatheringEvent) -> tuple[date, date, int]:
    return event.start, event.closing or event.end, APPROXIMATE_GRACE_DAYS if event.approximate else GRACE_DAYS


def _series(kb: KnowledgeBase, occasion: str) -> GatheringSeries | None:
    needle = occasion.strip().lower()
    return next(
        (s for s in kb.gatherings.values() if needle in (a.lower() for a in (s.name, *s.aliases))),
        None,
    )


def _same_place(place: dict[str, Any], event: GatheringEvent) -> bool | None:
    stated = [fold(str(place[k])).replace(" ", "") for k in ("name", "city", "venue", "region") if place.get(k)]
    host = [fold(x).replace(" ", "") for x in (event.city, event.venue, event.region) if x]
    if not stated or not host:
        return None
    return any(h in s or s in h for h in host for s in stated)


def _occasion_is_context(m: Meeting, series: GatheringSeries) -> bool:
    """ "ahead of the G20 summit", "after the NATO summit": the summit dates another day."""
    names = sorted((a for a in (series.name, *series.aliases)), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names), re.I)
    return any(_CONTEXT.search(s[: hit.start()]) for s in m.summaries for hit in pattern.finditer(s))


def check_gathering(m: Meeting, kb: KnowledgeBase) -> list[Finding]:
    occasion = m.data.get("occasion")
    series = _series(kb, occasion) if occasion else None
    if series is None or not m.held_in_person or _occasion_is_context(m, series):
        return []
    out: list[Finding] = []
    for stated in m.stated_dates():
        first, last = stated.interval
        event = find_event(kb, series.id, first, last, m.place.get("country"))
        if event is None:
            out += _gathering_elsewhere(m, kb, series) if stated.value == m.data["date"] else []
        else:
            out += _gathering_date(m, kb, series, event, stated)
    return out


def _gathering_date(
    m: Meeting, kb: KnowledgeBase, series: GatheringSeries, event: GatheringEvent, stated: Stated
) -> list[Finding]:
    start, end, grace = _event_span(event)
    where = event.city or country_name(kb, event.country)
    label = f"the {series.name} in {where}" if where else f"the {series.name}"
    if grace == APPROXIMATE_GRACE_DAYS:
        label += " (dates approximate)"
    days = gap(stated.interval, (start, end))
    if days == 0:
        severity, message = "info", f"supported: {label} was {span(start, end)}"
    elif days <= grace or not stated.precise:
        severity, message = "info", f"stated {stated.text}, {days} day(s) from {label} ({span(start, end)})"
    elif _same_place(m.place, event) is False:
        return []  # somewhere else than the host city, another day: perhaps not at the summit at all
    else:
        severity, message = "warning", f"stated {stated.text}; {label} was {span(start, end)}"
    ref = f"{series.id}:{start.year}"
    return [
        Finding(
            m.id, "gathering", "date", stated.value, iso_span(start, end), f"gathering:{ref}", ref, severity, message
        )
    ]


def _gathering_elsewhere(m: Meeting, kb: KnowledgeBase, series: GatheringSeries) -> list[Finding]:
    """On the summit's days, in another country than its host's."""
    first, last = m.interval
    country = m.place.get("country")
    event = find_event(kb, series.id, first, last, None)
    if event is None or not country or m.place.get("inferred") or m.data["date_precision"] not in ("day", "span"):
        return []
    start, end, _ = _event_span(event)
    if not (start <= first and last <= end) or event.country == country:
        return []
    host = ", ".join(x for x in (event.city, country_name(kb, event.country)) if x)
    return [
        Finding(
            m.id,
            "gathering",
            "place",
            f"{m.place.get('name')} ({country})",
            f"{host} ({event.country})",
            f"gathering:{series.id}:{start.year}",
            f"{series.id}:{start.year}",
            "warning",
            f"stated {m.place.get('name')} ({country}); the {series.name} of {span(start, end)} was in {host}",
        )
    ]


# --- the records ------------------------------------------------------------------------------


def _us_presidents(kb: KnowledgeBase, ids: list[str], first: date, last: date) -> list[str]:
    return [
        lid
        for lid in ids
        if any(t.country == "US" and t.role == "head_of_state" for t in kb.leaders[lid].terms_during(first, last))
    ]


def records_for(m: Meeting, kb: KnowledgeBase, index: RecordIndex) -> tuple[str, list[Resolved]] | None:
    """The records that could show this meeting: the president's trips to its country, or the
    foreign leaders' visits when it was in the United States. None: out of the records' scope."""
    country = m.place.get("country")
    if not m.held_in_person or not country:
        return None
    first, last = m.interval
    ids = m.leader_ids(kb)
    presidents = _us_presidents(kb, ids, first, last)
    foreign = [lid for lid in ids if "US" not in kb.leaders[lid].countries]
    if not presidents or not foreign:
        return None
    if country != "US":
        return "trip", [r for p in presidents for r in index.trips.get((p, country), [])]
    return "visit", [r for f in foreign for r in index.visits.get(f, [])]


def check_records(m: Meeting, kb: KnowledgeBase, index: RecordIndex) -> list[Finding]:
    """A meeting of a US president with a foreign leader against the travel records.

    Abroad: the records list every foreign trip of a president, so a stated date on which the president
    made no trip to the stated country is contradicted, and so is a stated span that runs past the trip or
    a stated city far from every city the trip went to; the finding names the trip that fits best. In the
    United States: a stated date on which the president was abroad for the whole time is contradicted; the
    visitor's visits support or contradict as before. Where the records cannot tell (before or after the
    years they cover), nothing is said; an inferred city is not held against the trip's cities."""
    if not m.held_in_person:
        return []
    country = m.place.get("country")
    first, last = m.interval
    ids = m.leader_ids(kb)
    presidents = _us_presidents(kb, ids, first, last)
    foreign = [lid for lid in ids if "US" not in kb.leaders[lid].countries]
    if not presidents or not foreign or not country:
        return []
    covered = index.coverage.get("trip")
    out = []
    for stated in m.stated_dates():
        a, b = stated.interval
        if covered is None or a < covered[0] or b > covered[1]:
            continue  # outside the years the records cover
        if country != "US":
            out += _abroad(m, kb, index, presidents[0], foreign, country, stated)
        else:
            out += _at_home(m, kb, index, presidents[0], foreign, stated)
    return out


def _abroad(
    m: Meeting, kb: KnowledgeBase, index: RecordIndex, president: str, foreign: list[str], country: str, stated: Stated
) -> list[Finding]:
    trips = index.trips.get((president, country), [])
    on_dates = [t for t in trips if gap(stated.interval, _dates(t)) == 0]
    name = kb.leaders[president].name
    where = country_name(kb, country)
    if not on_dates:
        # the record that shows where they were instead: the president abroad elsewhere or the visitor in the
        # United States then (a day, span or month), else the president's nearest trip there, or at all
        precise = stated.precision != "year"
        elsewhere = [t for t in index.abroad.get(president, []) if precise and gap(stated.interval, _dates(t)) == 0]
        visiting = [
            v for f in foreign for v in index.visits.get(f, []) if precise and gap(stated.interval, _dates(v)) == 0
        ]
        anywhere = index.abroad.get(president, [])
        if elsewhere:
            t = elsewhere[0]
            fits = f"the record has {name} in {_trip_place(kb, t)} {_span_of(t)} ({t.record.ref})"
        elif visiting:
            t = visiting[0]
            guest = ", ".join(kb.leaders[x].name for x in t.who) or t.record.who
            fits = f"the record has {guest} visiting the United States {_span_of(t)} ({t.record.ref})"
        elif trips:
            t = min(trips, key=lambda x: gap(stated.interval, _dates(x)))
            fits = f"{name}'s nearest trip to {where} was {_span_of(t)} ({t.record.ref})"
        elif anywhere:
            t = min(anywhere, key=lambda x: gap(stated.interval, _dates(x)))
            fits = (
                f"the records list no trip of {name} to {where}; the nearest trip was to {_trip_place(kb, t)} "
                f"{_span_of(t)} ({t.record.ref})"
            )
        else:
            t, fits = None, f"the records list no trip of {name} to {where}"
        message = f"contradicted: stated {stated.text} in {where}; {fits}"
        return [_finding(m, "date", stated.value, t, "warning", message)]
    best = min(on_dates, key=lambda t: not _locale_fits(kb, m.place, t))
    r = best.record
    described = f"{name}'s trip to {_trip_place(kb, best)} {_span_of(best)} ({r.ref})"
    if stated.precision in ("day", "span") and not (
        r.date_first <= stated.interval[0] and stated.interval[1] <= r.date_last
    ):
        return [
            _finding(
                m, "date", stated.value, best, "warning", f"contradicted: stated {stated.text} runs past {described}"
            )
        ]
    far = None if m.place.get("inferred") else _far_from_trip(kb, m.place, best)
    if far is not None:
        message = f"contradicted: stated {m.place.get('name')}, {far:.0f} km from where {described} went"
        return [_finding(m, "place", m.place.get("name"), best, "warning", message)]
    return [_finding(m, "date", stated.value, best, "info", f"supported by {described}")]


def _at_home(
    m: Meeting, kb: KnowledgeBase, index: RecordIndex, president: str, foreign: list[str], stated: Stated
) -> list[Finding]:
    a, b = stated.interval
    if stated.precision in ("day", "span"):
        away = [t for t in index.abroad.get(president, []) if t.record.date_first < a and b < t.record.date_last]
        if away:  # abroad from before the first day to after the last (days of travel aside)
            t = away[0]
            name = kb.leaders[president].name
            message = (
                f"contradicted: stated {stated.text} in the United States; the record has {name} in "
                f"{_trip_place(kb, t)} {_span_of(t)} ({t.record.ref})"
            )
            return [_finding(m, "date", stated.value, t, "warning", message)]
    visits = [r for f in foreign for r in index.visits.get(f, [])]
    best = _nearest(m, stated, visits)
    if best is not None:
        return _record_finding(m, kb, stated, best)
    covered = index.coverage.get("visit")
    if not visits or covered is None or not (covered[0] <= a and b <= covered[1]):
        return []  # a leader the visit records never list: they cannot tell
    t = min(visits, key=lambda x: gap(stated.interval, _dates(x)))
    guest = ", ".join(kb.leaders[x].name for x in t.who) or t.record.who
    message = (
        f"contradicted: stated {stated.text} in the United States; the records list no visit of {guest} then, "
        f"the nearest {_span_of(t)} ({t.record.ref})"
    )
    return [_finding(m, "date", stated.value, t, "warning", message)]


def _dates(item: Resolved) -> tuple[date, date]:
    return item.record.date_first, item.record.date_last


def _span_of(item: Resolved) -> str:
    r = item.record
    return f"on {r.date_first.isoformat()}" if r.date_first == r.date_last else f"from {r.date_first} to {r.date_last}"


def _trip_place(kb: KnowledgeBase, item: Resolved) -> str:
    r = item.record
    where = country_name(kb, r.country) or "abroad"
    return f"{r.locale} ({where})" if r.locale else str(where)


def _finding(m: Meeting, field: str, stated: str | None, item: Resolved | None, severity: str, message: str) -> Finding:
    r = item.record if item is not None else None
    expected = iso_span(r.date_first, r.date_last) if r is not None else None
    return Finding(
        m.id, "record", field, stated, expected, r.ref if r else None, r.record_id if r else None, severity, message
    )


def _locale_fits(kb: KnowledgeBase, place: dict[str, Any], item: Resolved) -> bool:
    locale = fold(item.record.locale or "")
    return any(fold(str(place[k])) in locale for k in ("name", "city", "venue") if place.get(k))


FAR_KM = 300  # a stated city this far from every city a trip went to is not on that trip


def _far_from_trip(kb: KnowledgeBase, place: dict[str, Any], item: Resolved) -> float | None:
    """The distance from the stated city to the nearest city of the trip's locale, when it is over ``FAR_KM``;
    None when it is nearer, or when the stated place or the trip's cities cannot be placed on the map."""
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None or not place.get("city") or _locale_fits(kb, place, item):
        return None
    from ..recognize.places import gazetteer

    index = gazetteer(kb).index
    points = []
    for name in re.split(r",|;|\band\b", item.record.locale or ""):
        words = tuple(name.split())
        entries = [e for e in index.get(words) if e.lat is not None and e.lon is not None] if words else []
        entries = [e for e in entries if e.country == item.record.country] or entries
        if not entries:
            return None  # a city of the trip we cannot place: no contradiction from distance
        points.append((entries[0].lat, entries[0].lon))
    if not points:
        return None
    nearest = min(_km(lat, lon, p[0], p[1]) for p in points)  # type: ignore[arg-type]
    return nearest if nearest > FAR_KM else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _nearest(m: Meeting, stated: Stated, records: list[Resolved]) -> Resolved | None:
    """The record closest to the stated date; among equals, the one whose locale names the stated place."""
    interval = stated.interval
    places = {fold(str(m.place[k])) for k in ("name", "city", "venue") if m.place.get(k)} - {""}

    def key(item: Resolved) -> tuple[int, bool, date]:
        r = item.record
        locale = fold(r.locale or "")
        return (gap(interval, (r.date_first, r.date_last)), not any(s in locale for s in places), r.date_first)

    near = [r for r in records if gap(interval, (r.record.date_first, r.record.date_last)) <= RECORD_WINDOW_DAYS]
    return min(near, key=key) if near else None


def _record_finding(m: Meeting, kb: KnowledgeBase, stated: Stated, best: Resolved) -> list[Finding]:
    r = best.record
    who = ", ".join(kb.leaders[x].name for x in best.who) or r.who
    where = country_name(kb, r.country) if r.kind == "trip" else "the United States"
    described = f"{who}'s {r.kind} to {where}" + (f" ({r.locale})" if r.locale else "")
    inside = r.date_first <= stated.interval[0] and stated.interval[1] <= r.date_last
    if gap(stated.interval, (r.date_first, r.date_last)) == 0 and (inside or stated.precision not in ("day", "span")):
        severity = "info"
        message = f"supported by {r.kind} {r.record_id}: {described}, {span(r.date_first, r.date_last)}"
    elif stated.precise:
        severity = "warning"
        remarks = f": {r.remarks}" if r.remarks else ""
        message = f"stated {stated.text}; {described} was {span(r.date_first, r.date_last)} ({r.ref}{remarks})"
    else:
        return []
    expected = iso_span(r.date_first, r.date_last)
    return [Finding(m.id, "record", "date", stated.value, expected, r.ref, r.record_id, severity, message)]
