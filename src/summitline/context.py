"""What the assembly stages share: a document's recognised mentions and the context they are read in."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .kb import KnowledgeBase
from .recognize import CueMention, DateMention, LeaderMention, OccasionMention, PlaceMention
from .records import Evidence


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
        items, starts = self.cue_kinds.get(kind, ([], []))
        lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        return [c for c in items[lo:hi] if c.end <= b]

    def within(self, kind: str, a: int, b: int) -> list:
        items = getattr(self, kind)
        key = (kind, id(items), len(items))
        starts = self.starts.get(key)
        if starts is None:
            starts = self.starts[key] = [m.start for m in items]
        lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        return [m for m in items[lo:hi] if m.end <= b]


@dataclass(slots=True)
class Context:
    kb: KnowledgeBase
    text: str
    mentions: Mentions
    published: date | None
    protagonist: str | None
    pair: tuple[str, str] | None = None  # the two leaders the document is about, when it is about two
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # per-document results read once (frames)


def cues_in(ctx: Context, a: int, b: int, kind: str) -> list[CueMention]:
    return ctx.mentions.cues_of(kind, a, b)
