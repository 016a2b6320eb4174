"""The first step of merging again for one set of leaders, from the groups a library holds and the mentions
added since, reading only the groups near the new mentions' dates.

The groups of a set of leaders are a function of all its mentions (``grouping.py``), taken statement by
statement in the order of what they state; a statement looks only at the groups whose first statement (their
core) lies in its reach: its own days, and two months either side of its first day for a misdated gathering
(:func:`reach`). :func:`regroup` runs that same pass over the statements it is given, and a statement whose
reach holds no group that has changed so far, and that gained no mention, makes the choice the library
recorded (it joins the group it is stored in, or begins it), without a look. Any other statement chooses as
a full merge would (``grouping._home``), and that may change a group: its members, or whether it exists.

Given the groups a library holds near the new mentions, the result is the full merge's as long as nothing
outside is touched by a change: every statement that chose needs all the groups in its reach, and every
statement in reach of a changed group must be among those given (it may choose otherwise now). Those days
are returned (:attr:`Regrouping.needs`); a caller reads the groups stored there and runs again until it
holds them all (``store/remerge.py``). A month or a year that already fits two groups begins its own
whatever the others hold, so it needs no more of its year.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..kb import KnowledgeBase
from .day_index import DayIndex
from .grouping import _begin, _Group, _home, _Statement, _statements
from .mentions import CONFLICT_WINDOW_DAYS, WIDTH, MentionRecord

Days = tuple[date, date]


@dataclass(frozen=True, slots=True)
class Need:
    """Stored mentions a full merge would also look at: those whose days meet ``first``-``last``; with an
    ``occasion``, only those of that gathering; with a ``place`` (city, country), a few that agree with it (a
    month or a year looks for two meetings it fits before it needs every meeting of its days)."""

    first: date
    last: date
    occasion: str | None = None
    place: tuple[str | None, str | None] | None = None


@dataclass(slots=True)
class Regrouping:
    """The groups of the statements given, and the stored mentions a full merge would also look at."""

    groups: list[list[MentionRecord]]
    needs: list[Need]
    changed: int  # groups whose members differ from the stored ones, or that are new or gone


def misdating(m: MentionRecord, kb: KnowledgeBase) -> str | None:
    """The gathering a day may misdate (``grouping._same_gathering_other_day``): its occasion when that is a
    gathering the knowledge base knows and the date is a day; else None."""
    occasion = m.meeting.get("occasion")
    if not occasion or m.meeting["date_precision"] != "day":
        return None
    return occasion if any(s.name == occasion for s in kb.gatherings.values()) else None


def reach(m: MentionRecord, kb: KnowledgeBase) -> list[Need]:
    """What a statement looks at, or what looks at a group it begins: the groups on its days, and the days of
    its gathering two months either side."""
    first, last = m.interval
    occasion = misdating(m, kb)
    window = timedelta(days=CONFLICT_WINDOW_DAYS)
    return [Need(first, last)] + ([Need(first - window, first + window, occasion)] if occasion else [])


def regroup(mentions: list[MentionRecord], stored: Mapping[int, Hashable], kb: KnowledgeBase) -> Regrouping:
    """Group the mentions of one set of leaders again. ``stored``: mention id -> the group the library holds
    it in (a stored meeting's id), for every stored mention given; a mention not in it is new. Every stored
    group must be given whole."""
    statements = _statements(mentions)
    labels: dict[int, Hashable] = {}  # statement number -> its stored group
    fresh: set[int] = set()  # statements that gained a mention (or are new)
    cores: dict[Hashable, int] = {}  # stored group -> the statement that began it
    for n, statement in enumerate(statements):
        kept = {stored[m.id] for m in statement.mentions if m.id in stored}
        if len(kept) == 1:
            labels[n] = kept.pop()
            cores.setdefault(labels[n], n)
        if len(kept) > 1 or any(m.id not in stored for m in statement.mentions):
            fresh.add(n)  # new or grown (a statement split across stored groups, never stored so, chooses too)
    run = _Run(kb)
    for n, statement in enumerate(statements):
        run.place(statement, labels.get(n), cores.get(labels.get(n)) == n, n in fresh)
    needs = run.needs + [n for g in run.groups if g.number in run.changed for n in reach(g.core.first, kb)]
    needs += [n for core in run.gone_cores for n in reach(core, kb)]
    return Regrouping([g.mentions for g in run.groups], needs, len(run.changed) + len(run.gone_cores))


class _Run:
    """The pass of ``grouping._group_statements``, with the stored choices of the statements it need not make."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.groups: list[_Group] = []
        self.cores: DayIndex[_Group] = DayIndex()
        self.gone: DayIndex[MentionRecord] = DayIndex()  # the cores of stored groups that no longer begin one
        self.gone_cores: list[MentionRecord] = []
        self.label: dict[int, Hashable] = {}  # group number -> the stored group it is
        self.of_label: dict[Hashable, _Group] = {}
        self.changed: set[int] = set()  # numbers of the groups that differ from the stored ones so far
        self.needs: list[Need] = []

    def place(self, statement: _Statement, label: Hashable | None, is_core: bool, fresh: bool) -> None:
        m = statement.first
        first, last = m.interval
        occasion = misdating(m, self.kb)
        window = timedelta(days=CONFLICT_WINDOW_DAYS)
        near = self.cores.overlapping(first, last)
        gone = self.gone.overlapping(first, last)
        if occasion:  # a day of a gathering also looks at that gathering's groups two months either side
            near += [g for g in self.cores.starting(first - window, first + window) if _of(g.core.first) == occasion]
            gone += [c for c in self.gone.starting(first - window, first + window) if _of(c) == occasion]
        settled = not fresh and not gone and not any(g.number in self.changed for g in near)
        if settled and (is_core or label in self.of_label):
            home = self._begin(statement, label) if is_core else self.of_label[label]
            home.take(statement)
            return
        chosen = _home(statement, self.cores, self.kb)
        self.needs += self._needs(statement)
        before = self.of_label.get(label) if label is not None else None
        if chosen is None:
            home = self._begin(statement, label if is_core else None)
            if fresh or not is_core:  # grown, or begun by a statement the library had in another group
                self.changed.add(home.number)
        else:
            home = chosen
            if fresh or label is None or is_core or self.label.get(home.number) != label:
                self.changed.add(home.number)
        if label is not None and home is not before:
            if is_core and self.label.get(home.number) != label:  # its stored group is no more
                self.gone.add(first, last, m)
                self.gone_cores.append(m)
            elif before is not None:  # it left its stored group
                self.changed.add(before.number)
        home.take(statement)

    def _begin(self, statement: _Statement, label: Hashable | None) -> _Group:
        group = _begin(statement, self.groups, self.cores)
        if label is not None:
            self.label[group.number] = label
            self.of_label[label] = group
        return group

    def _needs(self, statement: _Statement) -> list[Need]:
        """What a statement that chose needs to have looked at. A month or a year that fits two groups among
        those given begins its own whatever the rest hold; until it has two, it asks for a few that agree
        with its place, then for all of its days."""
        m = statement.first
        if WIDTH[m.meeting["date_precision"]] < 2:
            return reach(m, self.kb)
        if sum(g.agrees(statement) for g in self.cores.overlapping(*m.interval)) >= 2:
            return []
        return [Need(*m.interval, place=(m.city, m.country))]


def _of(m: MentionRecord) -> str | None:
    return m.meeting.get("occasion")
