"""A set of non-overlapping text spans with fast overlap tests (the recognisers' "already taken")."""

from __future__ import annotations

import bisect
import itertools
import operator


class SpanSet:
    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def free(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps no span in the set (spans may touch)."""
        i = bisect.bisect_right(self._starts, start)
        if i and self._ends[i - 1] > start:
            return False
        return not (i < len(self._starts) and self._starts[i] < end)

    def overlaps(self, start: int, end: int) -> bool:
        return not self.free(start, end)


def word_starts(words: list[str]) -> list[int]:
    """Where each word starts in ``" " + " ".join(words) + " "`` (the string the automata read), built in C."""
    cumulative = itertools.accumulate(map(len, words), initial=0)
    return list(map(operator.add, cumulative, range(1, len(words) + 1)))
