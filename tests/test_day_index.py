"""The index of things by their days (merge/day_index.py): lookups give what a scan of every item would give, in
the order the items were added."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from summitline.merge.day_index import DayIndex

from .properties import PROPERTY

START = date(2017, 1, 1)


@st.composite
def interval(draw: st.DrawFn) -> tuple[date, date]:
    first = START + timedelta(days=draw(st.integers(0, 400)))
    return first, first + timedelta(days=draw(st.sampled_from([0, 0, 0, 1, 3, 30, 365])))


@PROPERTY
@given(st.lists(interval(), max_size=40), interval())
def test_a_lookup_gives_what_a_scan_gives(items: list[tuple[date, date]], asked: tuple[date, date]) -> None:
    index: DayIndex[int] = DayIndex()
    for n, (first, last) in enumerate(items):
        index.add(first, last, n)
    first, last = asked
    assert index.overlapping(first, last) == [n for n, (a, b) in enumerate(items) if a <= last and first <= b]
    assert index.starting(first, last) == [n for n, (a, _) in enumerate(items) if first <= a <= last]


def test_a_meeting_of_one_day_is_found_from_a_month_that_holds_it_and_not_from_the_next() -> None:
    index: DayIndex[str] = DayIndex()
    index.add(date(2018, 7, 16), date(2018, 7, 16), "Helsinki")
    index.add(date(2018, 11, 11), date(2018, 11, 11), "Paris")
    assert index.overlapping(date(2018, 7, 1), date(2018, 7, 31)) == ["Helsinki"]
    assert index.overlapping(date(2018, 8, 1), date(2018, 8, 31)) == []
    assert index.overlapping(date(2018, 1, 1), date(2018, 12, 31)) == ["Helsinki", "Paris"]
