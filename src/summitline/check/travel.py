"""The ``record`` check: a meeting of a US president with a foreign leader against the Historian's records.

The travel records list every foreign trip of a president since 1906, so they can contradict as well as
support: abroad, a stated date on which the president made no trip to the stated country is contradicted
(the finding names the record that fits best: the president abroad elsewhere then, the visitor in the
United States then, or the nearest trip to that country), and so is a stated span that runs past the trip
or a stated city far from every city the trip went to. In the United States, a stated date on which the
president was abroad the whole time is contradicted; a visitor's listed visits support it or, because the
visit records are not known to be complete, contradict it with less confidence. Where the records cannot
tell (dates outside the years they cover), nothing is said; ``coverage.py`` says why.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from ..kb import KnowledgeBase
from . import confidence as c
from .model import Finding, Meeting, Stated, country_name, gap, iso_span, say_days, say_span, span
from .names import RecordIndex, Resolved, fold, words

RECORD_WINDOW_DAYS = 60
FAR_KM = 300  # a stated city this far from every city a trip went to is not on that trip
PRESIDENT_ROLES = ("head_of_state", "effective_ruler")  # Archigos lists the presidents before 1933 as rulers


def us_presidents(kb: KnowledgeBase, ids: list[str], first: date, last: date) -> list[str]:
    return [
        lid
        for lid in ids
        if any(t.country == "US" and t.role in PRESIDENT_ROLES for t in kb.leaders[lid].terms_during(first, last))
    ]


def records_for(m: Meeting, kb: KnowledgeBase, index: RecordIndex) -> tuple[str, list[Resolved]] | None:
    """The records that could show this meeting: the president's trips to its country, or the
    foreign leaders' visits when it was in the United States. None: out of the records' scope."""
    country = m.place.get("country")
    if not m.held_in_person or not country:
        return None
    first, last = m.interval
    ids = m.leader_ids(kb)
    presidents = us_presidents(kb, ids, first, last)
    foreign = [lid for lid in ids if "US" not in kb.leaders[lid].countries]
    if not presidents or not foreign:
        return None
    if country != "US":
        return "trip", [r for p in presidents for r in index.trips.get((p, country), [])]
    return "visit", [r for f in foreign for r in index.visits.get(f, [])]


def check_records(m: Meeting, kb: KnowledgeBase, index: RecordIndex) -> list[Finding]:
    """Every date the meeting's sources state, against the records (see the module's docstring); an inferred
    city is not held against the trip's cities."""
    if not m.held_in_person:
        return []
    country = m.place.get("country")
    first, last = m.interval
    ids = m.leader_ids(kb)
    presidents = us_presidents(kb, ids, first, last)
    foreign = [lid for lid in ids if "US" not in kb.leaders[lid].countries]
    if not presidents or not foreign or not country:
        return []
    covered = index.coverage.get("trip")
    out = []
    basis = c.Basis(1.0).times(c.naming_factor(kb, m.mentions, [presidents[0], *foreign]))
    for stated in m.stated_dates():
        a, b = stated.interval
        if covered is None or a < covered[0] or b > covered[1]:
            continue  # outside the years the records cover
        weighed = basis.times(c.date_factor(stated.precision, stated.inferred))
        if country != "US":
            weighed = weighed.times(c.PLACE_INFERRED if m.place.get("inferred") else 1.0)
            out += _abroad(m, kb, index, presidents[0], foreign, country, stated, weighed)
        else:
            out += _at_home(m, kb, index, presidents[0], foreign, stated, weighed)
    return out


def _abroad(
    m: Meeting,
    kb: KnowledgeBase,
    index: RecordIndex,
    president: str,
    foreign: list[str],
    country: str,
    stated: Stated,
    weighed: c.Basis,
) -> list[Finding]:
    trips = index.trips.get((president, country), [])
    on_dates = [t for t in trips if gap(stated.interval, _dates(t)) == 0]
    if not on_dates:
        return [_no_trip(m, kb, index, president, foreign, country, stated, weighed)]
    name = kb.leaders[president].name
    best = min(on_dates, key=lambda t: not _locale_fits(m.place, t))
    r = best.record
    described = f"{name}'s trip to {_trip_place(kb, best)} {_span_of(best)} ({r.ref})"
    trusted = c.Basis(c.TRIPS, weighed.factors)
    if stated.precision in ("day", "span") and not (
        r.date_first <= stated.interval[0] and stated.interval[1] <= r.date_last
    ):
        past = max((stated.interval[1] - r.date_last).days, (r.date_first - stated.interval[0]).days)
        reasoning = (
            f"The travel records have {name} in {_trip_where(kb, best)}, only {say_span(*_dates(best))} ({r.ref}), "
            f"and the stated {stated.said}{stated.documents_note} runs {say_days(past)} past that trip."
        )
        message = f"contradicted: stated {stated.text} runs past {described}"
        basis = trusted.times(c.runs_past_factor(past))
        return [_finding(m, "date", stated.value, best, "warning", message, basis, reasoning)]
    far = None if m.place.get("inferred") else _far_from_trip(kb, m.place, best)
    if far is not None:
        message = f"contradicted: stated {m.place.get('name')}, {far:.0f} km from where {described} went"
        reasoning = (
            f"The travel records have {name}'s trip of {say_span(*_dates(best))} ({r.ref}) going to "
            f"{_trip_where(kb, best)}, and the stated {m.place.get('name')} is {far:,.0f} km from the nearest of "
            "its cities."
        )
        basis = trusted.times(c.distance_factor(far, FAR_KM))
        return [_finding(m, "place", m.place.get("name"), best, "warning", message, basis, reasoning)]
    reasoning = (
        f"The travel records have {name} in {_trip_where(kb, best)}, {say_span(*_dates(best))} ({r.ref}), "
        f"{'which takes in' if stated.precision in ('day', 'span') else 'within'} the stated {stated.said}."
    )
    return [_finding(m, "date", stated.value, best, "info", f"supported by {described}", trusted, reasoning)]


def _no_trip(
    m: Meeting,
    kb: KnowledgeBase,
    index: RecordIndex,
    president: str,
    foreign: list[str],
    country: str,
    stated: Stated,
    weighed: c.Basis,
) -> Finding:
    """No trip of the president to the stated country on the stated dates: the record that shows where they
    were instead (the president abroad elsewhere or the visitor in the United States, for a day, span or
    month), else the president's nearest trip there, or at all."""
    name, where = kb.leaders[president].name, country_name(kb, country)
    trips = index.trips.get((president, country), [])
    precise = stated.precision != "year"
    elsewhere = [t for t in index.abroad.get(president, []) if precise and gap(stated.interval, _dates(t)) == 0]
    visiting = [v for f in foreign for v in index.visits.get(f, []) if precise and gap(stated.interval, _dates(v)) == 0]
    anywhere = index.abroad.get(president, [])
    none = f"The travel records list every foreign trip of {name} and none reaches {where} {stated.on}"
    basis = c.Basis(c.TRIPS, weighed.factors)
    t: Resolved | None
    if elsewhere:
        t = elsewhere[0]
        fits = f"the record has {name} in {_trip_place(kb, t)} {_span_of(t)} ({t.record.ref})"
        reasoning = f"{none}; they have {name} in {_trip_where(kb, t)}, {say_span(*_dates(t))} ({t.record.ref})."
    elif visiting:
        t = visiting[0]
        guest = ", ".join(kb.leaders[x].name for x in t.who) or t.record.who
        fits = f"the record has {guest} visiting the United States {_span_of(t)} ({t.record.ref})"
        there = f"{guest} in the United States {say_span(*_dates(t))} ({t.record.ref})"
        reasoning = f"{none}; the visit records have {there}."
    elif trips:
        t = min(trips, key=lambda x: gap(stated.interval, _dates(x)))
        fits = f"{name}'s nearest trip to {where} was {_span_of(t)} ({t.record.ref})"
        reasoning = f"{none}; the nearest trip there was {say_span(*_dates(t))} ({t.record.ref})."
        basis = basis.times(c.NEAR_TRIP if gap(stated.interval, _dates(t)) <= c.NEAR_TRIP_DAYS else 1.0)
    elif anywhere:
        t = min(anywhere, key=lambda x: gap(stated.interval, _dates(x)))
        fits = (
            f"the records list no trip of {name} to {where}; the nearest trip was to {_trip_place(kb, t)} "
            f"{_span_of(t)} ({t.record.ref})"
        )
        reasoning = (
            f"The travel records list every foreign trip of {name} and none ever reaches {where}; the nearest in "
            f"time went to {_trip_where(kb, t)}, {say_span(*_dates(t))} ({t.record.ref})."
        )
    else:
        t, fits = None, f"the records list no trip of {name} to {where}"
        reasoning = (
            f"The travel records name no foreign trip of {name} at all, which more likely means they spell the "
            f"name otherwise than that {name} never went to {where}."
        )
        basis = basis.times(c.NO_TRIPS_KNOWN)
    message = f"contradicted: stated {stated.text} in {where}; {fits}"
    return _finding(m, "date", stated.value, t, "warning", message, basis, reasoning)


def _at_home(
    m: Meeting,
    kb: KnowledgeBase,
    index: RecordIndex,
    president: str,
    foreign: list[str],
    stated: Stated,
    weighed: c.Basis,
) -> list[Finding]:
    a, b = stated.interval
    name = kb.leaders[president].name
    if stated.precision in ("day", "span"):
        away = [t for t in index.abroad.get(president, []) if t.record.date_first < a and b < t.record.date_last]
        if away:  # abroad from before the first day to after the last (days of travel aside)
            t = away[0]
            message = (
                f"contradicted: stated {stated.text} in the United States; the record has {name} in "
                f"{_trip_place(kb, t)} {_span_of(t)} ({t.record.ref})"
            )
            reasoning = (
                f"The travel records have {name} abroad in {_trip_where(kb, t)}, {say_span(*_dates(t))} "
                f"({t.record.ref}), the whole of the stated {stated.said}, so not in the United States then."
            )
            basis = c.Basis(c.TRIPS, weighed.factors)
            return [_finding(m, "date", stated.value, t, "warning", message, basis, reasoning)]
    visits = [r for f in foreign for r in index.visits.get(f, [])]
    best = _nearest(m, stated, visits)
    if best is not None:
        return _visit_finding(m, kb, stated, best, weighed)
    covered = index.coverage.get("visit")
    if not visits or covered is None or not (covered[0] <= a and b <= covered[1]):
        return []  # a leader the visit records never list: they cannot tell
    t = min(visits, key=lambda x: gap(stated.interval, _dates(x)))
    guest = ", ".join(kb.leaders[x].name for x in t.who) or t.record.who
    message = (
        f"contradicted: stated {stated.text} in the United States; the records list no visit of {guest} then, "
        f"the nearest {_span_of(t)} ({t.record.ref})"
    )
    reasoning = (
        f"The visit records list no visit of {guest} to the United States {stated.on}, the nearest being "
        f"{say_span(*_dates(t))} ({t.record.ref}), though they are not known to list every visit."
    )
    basis = c.Basis(c.VISIT_MISSING, weighed.factors).times(_visitor_named(kb, t))
    return [_finding(m, "date", stated.value, t, "warning", message, basis, reasoning)]


def _visit_finding(m: Meeting, kb: KnowledgeBase, stated: Stated, best: Resolved, weighed: c.Basis) -> list[Finding]:
    r = best.record
    who = ", ".join(kb.leaders[x].name for x in best.who) or r.who
    described = f"{who}'s visit to the United States" + (f" ({r.locale})" if r.locale else "")
    dates = say_span(r.date_first, r.date_last)
    listed = f"The visit records list {who}'s visit to the United States of {dates} ({r.ref})"
    inside = r.date_first <= stated.interval[0] and stated.interval[1] <= r.date_last
    days = gap(stated.interval, (r.date_first, r.date_last))
    if days == 0 and (inside or stated.precision not in ("day", "span")):
        severity, start = "info", c.VISIT_LISTED
        message = f"supported by {r.kind} {r.record_id}: {described}, {span(r.date_first, r.date_last)}"
        reasoning = f"{listed}, {'which takes in' if inside else 'within'} the stated {stated.said}."
    elif stated.precise:
        severity, start = "warning", c.VISIT_MISSING
        remarks = f": {r.remarks}" if r.remarks else ""
        message = f"stated {stated.text}; {described} was {span(r.date_first, r.date_last)} ({r.ref}{remarks})"
        off = f"{say_days(days)} from" if days else "running past"
        reasoning = (
            f"{listed}, {off} the stated {stated.said}{stated.documents_note}, and no visit on those days, though "
            "they are not known to list every visit."
        )
    else:
        return []
    basis = c.Basis(start, weighed.factors).times(_visitor_named(kb, best))
    return [_finding(m, "date", stated.value, best, severity, message, basis, reasoning)]


def _visitor_named(kb: KnowledgeBase, item: Resolved) -> float:
    """A visit record that names the visitor by surname only ("President Putin") ties them less firmly."""
    written = set(words(item.record.who))
    firsts = [set(words(kb.leaders[x].name)[:-1]) for x in item.who]
    return 1.0 if all(f & written for f in firsts if f) else c.SURNAME_ONLY


def _dates(item: Resolved) -> tuple[date, date]:
    return item.record.date_first, item.record.date_last


def _span_of(item: Resolved) -> str:
    r = item.record
    return f"on {r.date_first.isoformat()}" if r.date_first == r.date_last else f"from {r.date_first} to {r.date_last}"


def _trip_place(kb: KnowledgeBase, item: Resolved) -> str:
    r = item.record
    where = country_name(kb, r.country) or "abroad"
    return f"{r.locale} ({where})" if r.locale else str(where)


def _trip_where(kb: KnowledgeBase, item: Resolved) -> str:
    """ "Geneva, Switzerland"."""
    r = item.record
    return ", ".join(x for x in (r.locale, country_name(kb, r.country)) if x) or "a country the record names"


def _finding(
    m: Meeting,
    field: str,
    stated: str | None,
    item: Resolved | None,
    severity: str,
    message: str,
    basis: c.Basis,
    reasoning: str,
) -> Finding:
    r = item.record if item is not None else None
    expected = iso_span(r.date_first, r.date_last) if r is not None else None
    return Finding(
        m.id,
        "record",
        field,
        stated,
        expected,
        r.ref if r else None,
        r.record_id if r else None,
        severity,
        message,
        basis.value,
        reasoning,
    )


def _locale_fits(place: dict[str, Any], item: Resolved) -> bool:
    locale = fold(item.record.locale or "")
    return any(fold(str(place[k])) in locale for k in ("name", "city", "venue") if place.get(k))


def _far_from_trip(kb: KnowledgeBase, place: dict[str, Any], item: Resolved) -> float | None:
    """The distance from the stated city to the nearest city of the trip's locale, when it is over ``FAR_KM``;
    None when it is nearer, or when the stated place or the trip's cities cannot be placed on the map."""
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None or not place.get("city") or _locale_fits(place, item):
        return None
    from ..recognize.places import gazetteer

    index = gazetteer(kb).index
    points = []
    for name in re.split(r",|;|\band\b", item.record.locale or ""):
        toks = tuple(name.split())
        entries = [e for e in index.get(toks) if e.lat is not None and e.lon is not None] if toks else []
        entries = [e for e in entries if e.country == item.record.country] or entries
        if not entries:
            return None  # a city of the trip we cannot place: no contradiction from distance
        points.append((entries[0].lat, entries[0].lon))
    if not points:
        return None
    nearest = min(_km(lat, lon, p[0], p[1]) for p in points)  # type: ignore[arg-type]
    return nearest if nearest > FAR_KM else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
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
