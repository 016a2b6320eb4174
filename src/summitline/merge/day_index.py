"""Things placed on spans of days, found by the days they cover without a scan of them all.

Merging looks, for each statement of a meeting, only at the meetings near its dates; with an index of their
first and last days that look costs a bisection and the meetings in reach, so a pair of leaders with
thousands of mentions is grouped in about n log n steps, not n squared.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")


class DayIndex(Generic[T]):
    """Items by their interval of days. Lookups give items in the order they were added."""

    def __init__(self) -> None:
        self._starts: list[tuple[int, int]] = []  # (first day's ordinal, number), sorted
        self._items: list[tuple[int, T]] = []  # number -> (last day's ordinal, item)
        self._longest = 0  # the most days any item spans, less one

    def add(self, first: date, last: date, item: T) -> None:
        number = len(self._items)
        self._items.append((last.toordinal(), item))
        insort(self._starts, (first.toordinal(), number))
        self._longest = max(self._longest, last.toordinal() - first.toordinal())

    def overlapping(self, first: date, last: date) -> list[T]:
        """The items whose days share at least one day with ``first``-``last``."""
        low = first.toordinal()
        found = self._numbers(low - self._longest, last.toordinal())
        return [self._items[n][1] for n in found if self._items[n][0] >= low]

    def starting(self, first: date, last: date) -> list[T]:
        """The items whose first day is between ``first`` and ``last``."""
        return [self._items[n][1] for n in self._numbers(first.toordinal(), last.toordinal())]

    def _numbers(self, low: int, high: int) -> list[int]:
        begin = bisect_left(self._starts, (low, -1))
        end = bisect_right(self._starts, (high, len(self._items)))
        return sorted(n for _, n in self._starts[begin:end])
