"""The checks: each meeting against the summits, the leaders' terms of office and the records.

Three checks, each giving ``info`` findings where the record supports a stated
value and ``warning`` findings where it contradicts one:

- ``gathering``: a meeting at a summit of the knowledge base (its ``occasion``)
  on a date outside that summit's dates (two days' grace for arrivals), or in
  another country while the summit was on;
- ``term``: a stated title "former X" while the leader held office X on that
  date, or "then-X" when the leader did not hold X then;
- ``record``: a US president abroad whose trips to that country, or a foreign
  leader in the United States whose visits, come within 60 days of the stated
  date but none covers it. Only a day, span or month can contradict a record; a
  year can only be supported. No record near the date says nothing.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..kb import GatheringEvent, GatheringSeries, KnowledgeBase
from ..recognize.occasions import find_event
from ..store.database import Database
from ..store.library import now
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
    """Check the meetings (all when ``meeting_ids`` is None); replace their stored findings with these."""
    meetings = load_meetings(db, meeting_ids)
    index = RecordIndex.build(load_records(db), kb)
    findings = [
        f for m in meetings for f in (*check_gathering(m, kb), *check_terms(m, kb), *check_records(m, kb, index))
    ]
    at = now()
    with db.transaction():
        ids = [m.id for m in meetings]
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            db.execute(f"DELETE FROM findings WHERE meeting_id IN ({','.join('?' * len(chunk))})", chunk)
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


def summarize(db: Database, findings: list[Finding], meeting_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Each checked meeting with its findings and a verdict: contradicted, supported or unchecked."""
    by_meeting: dict[str, list[Finding]] = {}
    for f in findings:
        by_meeting.setdefault(f.meeting_id, []).append(f)
    out = []
    for m in load_meetings(db, meeting_ids):
        mine = by_meeting.get(m.id, [])
        verdict = "contradicted" if any(f.severity != "info" for f in mine) else "supported" if mine else "unchecked"
        out.append(
            {
                "id": m.id,
                "date": m.data["date"],
                "leaders": [p["name"] for p in m.data["participants"]],
                "place": m.place.get("name"),
                "verdict": verdict,
                "findings": [f.to_dict() for f in mine],
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


def check_records(m: Meeting, kb: KnowledgeBase, index: RecordIndex) -> list[Finding]:
    scope = records_for(m, kb, index)
    if scope is None:
        return []
    out = []
    for stated in m.stated_dates():
        best = _nearest(m, stated, scope[1])
        if best is not None:  # no record near the date: a missing record is not a contradiction
            out += _record_finding(m, kb, stated, best)
    return out


def _record_finding(m: Meeting, kb: KnowledgeBase, stated: Stated, best: Resolved) -> list[Finding]:
    r = best.record
    who = ", ".join(kb.leaders[x].name for x in best.who) or r.who
    where = country_name(kb, r.country) if r.kind == "trip" else "the United States"
    described = f"{who}'s {r.kind} to {where}" + (f" ({r.locale})" if r.locale else "")
    if gap(stated.interval, (r.date_first, r.date_last)) == 0:
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
