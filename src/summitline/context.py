"""What the assembly stages share: a document's recognised mentions and the context they are read in."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .kb import KnowledgeBase
from .recognize import CueMention, DateMention, LeaderMention, OccasionMention, PlaceMention
from .records import Evidence


class MentionRun(Sequence[Any]):
    """Mentions in document order, held as pieces without copying them: what comes before a scope can be
    most of a long document, and copying it for every scope made reading quadratic. Readers walk it from
    the newest back (``reversed``) and mostly stop after a few; ``run + more`` is another run."""

    __slots__ = ("_pieces",)

    def __init__(self, *pieces: Sequence[Any]) -> None:
        self._pieces: tuple[Sequence[Any], ...] = pieces

    def __add__(self, other: Sequence[Any]) -> MentionRun:
        return MentionRun(*self._pieces, other)

    def __iter__(self) -> Iterator[Any]:
        for piece in self._pieces:
            yield from piece

    def __reversed__(self) -> Iterator[Any]:
        for k in range(len(self._pieces) - 1, -1, -1):
            newest_first: Iterator[Any] = reversed(self._pieces[k])  # not iterated in place: see ``backwards``
            yield from newest_first

    def __len__(self) -> int:
        return sum(len(p) for p in self._pieces)

    def __getitem__(self, i: Any) -> Any:
        return list(self)[i]


class _Stretch(Sequence[Any]):
    """``items[lo:hi]`` without a copy, keeping those that end by ``end`` (see ``Mentions.stretch``)."""

    __slots__ = ("_items", "_lo", "_hi", "_end")

    def __init__(self, items: list[Any], lo: int, hi: int, end: int) -> None:
        self._items, self._lo, self._hi, self._end = items, lo, hi, end

    def __iter__(self) -> Iterator[Any]:
        items, end = self._items, self._end
        for i in range(self._lo, self._hi):
            if items[i].end <= end:
                yield items[i]

    def __reversed__(self) -> Iterator[Any]:
        items, end = self._items, self._end
        for i in range(self._hi - 1, self._lo - 1, -1):
            if items[i].end <= end:
                yield items[i]

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __getitem__(self, i: Any) -> Any:
        return list(self)[i]


@dataclass(slots=True)
class Mentions:
    """Every recognised mention of a document, sorted by start offset."""

    dates: list[DateMention]
    leaders: list[LeaderMention]
    places: list[PlaceMention]
    occasions: list[OccasionMention]
    cues: list[CueMention]
    topics: list[Evidence] = field(default_factory=list)
    tone: list[tuple[Evidence, float]] = field(default_factory=list)
    excluded_dates: set[int] = field(default_factory=set)  # starts of datelines
    named: set[str] = field(default_factory=set)  # leader ids named by a full, unambiguous name
    starts: dict[tuple[str, int, int], list[int]] = field(default_factory=dict)  # for bisect, per list
    cue_kinds: dict[str, tuple[list[CueMention], list[int]]] = field(default_factory=dict)  # per kind, for bisect

    def cues_of(self, kind: str, a: int, b: int) -> list[CueMention]:
        """The cues of one kind inside [a, b): a bisection in that kind's own list."""
        if not self.cue_kinds:
            for c in self.cues:
                self.cue_kinds.setdefault(c.kind, ([], []))[0].append(c)
            for items, starts in self.cue_kinds.values():
                starts.extend(c.start for c in items)
        found = self.cue_kinds.get(kind)
        if found is None:
            return []
        items, starts = found
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b, lo)
        return [c for c in items[lo:hi] if c.end <= b] if lo < hi else []  # most stretches hold none

    def within(self, kind: str, a: int, b: int) -> list:
        items = getattr(self, kind)
        lo, hi = self._bounds(kind, items, a, b)
        return [m for m in items[lo:hi] if m.end <= b] if lo < hi else []

    def stretch(self, kind: str, a: int, b: int) -> MentionRun:
        """What ``within`` gives, as a run that copies nothing: for the long stretches before a scope."""
        items = getattr(self, kind)
        lo, hi = self._bounds(kind, items, a, b)
        return MentionRun(_Stretch(items, lo, hi, b))

    def _bounds(self, kind: str, items: list[Any], a: int, b: int) -> tuple[int, int]:
        key = (kind, id(items), len(items))
        starts = self.starts.get(key)
        if starts is None:
            starts = self.starts[key] = [m.start for m in items]
        lo = bisect.bisect_left(starts, a)
        return lo, bisect.bisect_left(starts, b, lo)


@dataclass(slots=True)
class Context:
    kb: KnowledgeBase
    text: str
    mentions: Mentions
    published: date | None
    protagonist: str | None
    pair: tuple[str, str] | None = None  # the two leaders the document is about, when it is about two
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # per-document results read once (frames)


def backwards(items: Sequence[Any]) -> Iterator[Any]:
    """``reversed(items)``, for mentions typed only as a sequence: mypyc (``setup.py``) cannot compile a loop
    written directly over ``reversed()`` of a sequence of ``Any``."""
    return reversed(items)


def line_start(ctx: Context, pos: int) -> int:
    """Where the line holding ``pos`` begins: a bisection in the document's line breaks, found once (looking
    back from every mention through a long line made reading quadratic)."""
    breaks = ctx.memo.get(("line breaks",))
    if breaks is None:
        text, found, at = ctx.text, [], ctx.text.find("\n")
        while at != -1:
            found.append(at)
            at = text.find("\n", at + 1)
        breaks = ctx.memo[("line breaks",)] = found
    i = bisect.bisect_left(breaks, pos)
    return breaks[i - 1] + 1 if i else 0


def cues_in(ctx: Context, a: int, b: int, kind: str) -> list[CueMention]:
    return ctx.mentions.cues_of(kind, a, b)
