"""Gaps, both ways: meetings the records show that no source reports, and the reverse.

A record shows a meeting when its remarks say so ("Bilateral meeting with Russian
President Vladimir Putin", "Met with President Clinton…", a state, official or
working visit). Only leaders the library already knows are looked for: a record
of a pair, or of a foreign leader, that no source mentions is no gap of this
library. A meeting whose date misses a record of the same trip or visit by less
than 60 days is a date conflict (``summitline check``), not a gap.
"""

from __future__ import annotations

from typing import Any

from ..kb import KnowledgeBase
from ..store.database import Database
from .model import Meeting, country_name, gap, load_meetings, span
from .names import RecordIndex, Resolved, same_state
from .records import ReferenceRecord, load_records
from .travel import RECORD_WINDOW_DAYS, records_for


def find_gaps(db: Database, kb: KnowledgeBase) -> dict[str, Any]:
    index = RecordIndex.build(load_records(db), kb)
    meetings = [m for m in load_meetings(db, None) if m.held_in_person]
    supported = {m.id for m in meetings if _overlapping(m, kb, index)}
    return {
        "coverage": {k: [a.isoformat(), b.isoformat()] for k, (a, b) in sorted(index.coverage.items())},
        "missing_from_sources": _missing_from_sources(meetings, supported, kb, index),
        "missing_from_records": _missing_from_records(meetings, kb, index),
    }


def _overlapping(m: Meeting, kb: KnowledgeBase, index: RecordIndex) -> bool:
    scope = records_for(m, kb, index)
    return scope is not None and any(gap(m.interval, _dates(r)) == 0 for r in scope[1])


def _dates(r: Resolved) -> tuple[Any, Any]:
    return r.record.date_first, r.record.date_last


def _missing_from_sources(
    meetings: list[Meeting], supported: set[str], kb: KnowledgeBase, index: RecordIndex
) -> list[dict[str, Any]]:
    known = {lid for m in meetings for lid in m.leader_ids(kb)}
    out = []
    for item in index.resolved:
        r = item.record
        for president, foreign in index.meetings(item):
            if foreign not in known:
                continue
            pair = [m for m in meetings if {president, foreign} <= set(m.leader_ids(kb))]
            here = [m for m in pair if not m.place.get("country") or _same_place(r, m.place["country"])]
            days = [min(gap(d.interval, _dates(item)) for d in m.stated_dates()) for m in here]
            if any(d == 0 for d in days):
                continue
            if any(
                d <= RECORD_WINDOW_DAYS and m.precise and m.id not in supported for m, d in zip(here, days, strict=True)
            ):
                continue  # the same meeting, misdated: `summitline check` reports it
            out.append({**_record_entry(item, [president, foreign], kb), "pair_known": bool(pair)})
    return sorted(out, key=lambda e: (e["date_first"], e["record"]))


def _same_place(r: ReferenceRecord, country: str) -> bool:
    return same_state(r.country, country) if r.kind == "trip" else country == "US"


def _record_entry(item: Resolved, leaders: list[str], kb: KnowledgeBase) -> dict[str, Any]:
    r = item.record
    if r.kind == "trip":
        place = ", ".join(x for x in (r.locale, country_name(kb, r.country)) if x)
    else:
        place = "United States"
    return {
        "record": r.ref,
        "kind": r.kind,
        "record_id": r.record_id,
        "date_first": r.date_first.isoformat(),
        "date_last": r.date_last.isoformat(),
        "dates": span(r.date_first, r.date_last),
        "place": place,
        "country": r.country if r.kind == "trip" else "US",
        "leaders": [kb.leaders[lid].name for lid in leaders],
        "leader_ids": leaders,
        "remarks": r.remarks,
    }


def _missing_from_records(meetings: list[Meeting], kb: KnowledgeBase, index: RecordIndex) -> list[dict[str, Any]]:
    out = []
    for m in meetings:
        scope = records_for(m, kb, index)
        if scope is None or scope[0] not in index.coverage:
            continue
        kind, candidates = scope
        first, last = m.interval
        covered_from, covered_to = index.coverage[kind]
        if first < covered_from or last > covered_to:
            continue
        if any(gap(m.interval, _dates(r)) <= RECORD_WINDOW_DAYS for r in candidates):
            continue
        country = m.place.get("country")
        out.append(
            {
                "meeting_id": m.id,
                "date": m.data["date"],
                "leaders": [p["name"] for p in m.data["participants"]],
                "place": m.place.get("name"),
                "country": country,
                "expected": f"a {kind} "
                + ("to " + (country_name(kb, country) or "") if kind == "trip" else "to the United States"),
            }
        )
    return out
