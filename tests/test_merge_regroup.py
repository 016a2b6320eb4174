"""Grouping one set of leaders again near new mentions (``merge/regroup.py``, issue 10 item 5): reading stored
groups only where :class:`Regrouping` says a full merge would look, the groups are those of grouping every
mention at once, and a busy pair is read only near the new dates. Pure: the library is a list of stored
groups here (``test_remerge.py`` does it through the store)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from summitline.merge import MentionRecord, cluster_mentions, date_interval
from summitline.merge.regroup import Need, reach, regroup

from .properties import PROPERTY
from .test_merge_properties import KB, PAIRS, PLACES, sha

SPREAD = settings(PROPERTY, max_examples=300)

#: days around which meetings fall: far apart (more than the four months a statement reaches) and close
BASES = [date(2016, 1, 12), date(2016, 2, 25), date(2016, 9, 1), date(2017, 7, 7), date(2017, 8, 30)]


@st.composite
def spread_meeting(draw: st.DrawFn) -> dict[str, Any]:
    """A meeting of one of two pairs (or a trilateral of one with Xi) over two years: days near a few dates,
    spans, months, years, and a day misdated by a month (June 7 for the Hamburg G20's July 7)."""
    day = draw(st.sampled_from(BASES)) + timedelta(days=draw(st.integers(0, 9)))
    kind = draw(st.sampled_from(["day", "day", "day", "span", "month", "year", "misdated"]))
    if kind == "span":
        value = f"{day.isoformat()}/{(day + timedelta(days=draw(st.integers(1, 2)))).isoformat()}"
    elif kind in ("month", "year"):
        value = day.isoformat()[: 7 if kind == "month" else 4]
    elif kind == "misdated":
        value, kind = day.replace(month=day.month - 1 if day.month > 1 else 12).isoformat(), "day"
    else:
        value = day.isoformat()
    return {
        "date": value,
        "date_precision": kind,
        "date_source": "body",
        "participants": draw(st.sampled_from([PAIRS[0], PAIRS[1], PAIRS[3]])),
        "place": draw(st.sampled_from(PLACES)),
        "format": draw(st.sampled_from(["in_person", "in_person", "phone_call"])),
        "status": "held",
        "occasion": draw(st.sampled_from([None, None, "G20 summit"])),
        "topics": [],
    }


def as_records(meetings: list[dict[str, Any]], first_id: int = 1, per_document: int = 2) -> list[MentionRecord]:
    return [
        MentionRecord(first_id + i, (first_id + i) // per_document, sha((first_id + i) // per_document), i, m)
        for i, m in enumerate(meetings)
    ]


def grouped(records: list[MentionRecord]) -> set[frozenset[int]]:
    return {frozenset(m.id for m in g) for g in cluster_mentions(records, KB)}


def asked_for(pool: list[MentionRecord], need: Need) -> list[MentionRecord]:
    """The mentions a need asks for, as ``store/remerge.py`` reads them (for a place, one a day on three days)."""
    found = [
        m
        for m in sorted(pool, key=lambda m: (m.interval[0], m.id))
        if m.interval[0] <= need.last and m.interval[1] >= need.first
        and (need.occasion is None or m.meeting.get("occasion") == need.occasion)
        and (need.place is None or m.meeting["date_precision"] == "day"
             and (not need.place[0] or m.city in (None, need.place[0]))
             and (not need.place[1] or m.country in (None, need.place[1])))
    ]  # fmt: skip
    if need.place is None:
        return found
    days = {m.interval[0]: m for m in reversed(found)}
    return [days[d] for d in sorted(days)][:3]


def near_again(old: list[MentionRecord], added: list[MentionRecord]) -> tuple[set[frozenset[int]], int]:
    """What a library does: the stored groups, the new mentions' sets of leaders grouped again reading only
    the stored groups of the days asked for. Returns the groups and how many stored groups were read."""
    stored = cluster_mentions(old, KB)
    label = {m.id: n for n, g in enumerate(stored) for m in g}
    result = {frozenset(m.id for m in g) for g in stored}
    read_in_all = 0
    for key in sorted({m.participants_key for m in added}):
        pool = [m for m in old + added if m.participants_key == key]
        needs = [n for m in added if m.participants_key == key for n in reach(m, KB)]
        read: set[int] = set()
        loose: set[int] = set()
        known: set[int] = set()
        asked: set[Need] = set()
        groups = None
        while True:
            probes = [n for n in needs if n.place is not None and n not in asked]
            asked |= set(probes)
            hits = {
                m.id for n in probes or [Need(n.first, n.last, n.occasion) for n in needs] for m in asked_for(pool, n)
            }
            if groups is not None and not hits - known:
                if not probes:
                    break
                continue
            read |= {label[i] for i in hits if i in label}
            loose |= {i for i in hits if i not in label}
            mentions = [m for n in sorted(read) for m in stored[n]] + [m for m in pool if m.id in loose]
            known = {m.id for m in mentions}
            again = regroup(mentions, {m.id: label[m.id] for m in mentions if m.id in label}, KB)
            groups, needs = again.groups, again.needs
        result -= {frozenset(m.id for m in stored[n]) for n in read}
        result |= {frozenset(m.id for m in g) for g in groups}
        read_in_all += len(read)
    return result, read_in_all


@SPREAD
@given(st.lists(spread_meeting(), min_size=1, max_size=14), st.lists(spread_meeting(), min_size=1, max_size=3))
def test_grouping_again_near_new_mentions_gives_the_groups_of_grouping_everything(
    old_meetings: list[dict[str, Any]], new_meetings: list[dict[str, Any]]
) -> None:
    old = as_records(old_meetings)
    added = as_records(new_meetings, first_id=len(old) + 1, per_document=1)
    again, _ = near_again(old, added)
    assert again == grouped(old + added)


@SPREAD
@given(st.lists(spread_meeting(), min_size=1, max_size=14))
def test_stored_groups_given_again_are_kept(old_meetings: list[dict[str, Any]]) -> None:
    old = as_records(old_meetings)
    stored = cluster_mentions(old, KB)
    label = {m.id: n for n, g in enumerate(stored) for m in g}
    for key in {m.participants_key for m in old}:
        mentions = [m for m in old if m.participants_key == key]
        again = regroup(mentions, label, KB)
        assert again.changed == 0
        assert {frozenset(m.id for m in g) for g in again.groups} == grouped(mentions)


def busy_pair(days: int, every: int) -> list[dict[str, Any]]:
    first = date(2010, 1, 1)
    cities = [p for p in PLACES if p and p.get("city") and not p.get("inferred")]
    return [
        {
            "date": (first + timedelta(days=d)).isoformat(),
            "date_precision": "day",
            "participants": PAIRS[0],
            "place": cities[(d // every) % len(cities)],
            "format": "in_person",
            "status": "held",
            "occasion": None,
            "topics": [],
        }
        for d in range(0, days, every)
    ]


def test_a_busy_pair_is_read_only_near_the_new_date() -> None:
    """A meeting every three days for six years; a report of a new day in the middle reads the groups of
    its day, not the 730 there are."""
    old = as_records(busy_pair(6 * 365, 3))
    day = date(2013, 5, 2)
    assert day.isoformat() not in {m.meeting["date"] for m in old}
    new = {**old[0].meeting, "date": day.isoformat(), "place": None}
    again, read = near_again(old, as_records([new], first_id=len(old) + 1))
    assert again == grouped([*old, *as_records([new], first_id=len(old) + 1)])
    assert read <= 2


def test_a_year_that_fits_many_meetings_needs_no_more_of_its_year() -> None:
    """A year-only report of a busy pair fits many meetings of that year, so it is its own meeting: a new day
    in that year reads its day, the year's report and a few meetings it fits, not the whole year."""
    old = as_records(busy_pair(6 * 365, 3))
    year = {**old[0].meeting, "date": "2013", "date_precision": "year", "place": None}
    old += as_records([year], first_id=len(old) + 1)
    new = {**old[0].meeting, "date": date(2013, 5, 2).isoformat(), "place": None}
    added = as_records([new], first_id=len(old) + 1)
    again, read = near_again(old, added)
    assert again == grouped(old + added)
    assert read <= 12
    assert date_interval("2013")[0] <= added[0].interval[0]


def test_a_misdated_day_of_a_gathering_added_later_takes_the_stored_day_along() -> None:
    """The Hamburg G20 stored on 7 July 2017; a report of 'June 7' at the G20 comes later. The June day is
    taken first (the earlier date) and the stored July day, a month away, joins it as a date conflict: the
    stored day must choose again although nothing was added on its own day."""
    hamburg = next(p for p in PLACES if p and p["name"] == "Hamburg" and not p["inferred"])
    july = {**busy_pair(1, 1)[0], "date": "2017-07-07", "occasion": "G20 summit", "place": hamburg}
    old = as_records([july, {**july, "date": "2017-07-20", "occasion": None}])
    added = as_records([{**july, "date": "2017-06-07"}], first_id=len(old) + 1)
    again, read = near_again(old, added)
    assert again == grouped(old + added) == {frozenset({1, 3}), frozenset({2})}
    assert read == 1
