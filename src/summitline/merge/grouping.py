"""The first step of merging: the mentions of one set of leaders -> groups, one per meeting.

Mentions that state the same thing (date, place, format, occasion) are one statement and always go together;
statements are taken in the order of what they state (:func:`~.mentions.content_key`: the narrowest date
first, then the earliest, a stated place before none), never by document hash, so the groups are a function
of the set of mentions, unchanged when every document is repeated by another. Each statement looks only at
the groups near its dates (:class:`~.day_index.DayIndex`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from ..kb import KnowledgeBase
from ..recognize.occasions import find_event
from .day_index import DayIndex
from .mentions import CONFLICT_WINDOW_DAYS, WIDTH, MentionRecord, content_key


def _same_gathering_other_day(kb: KnowledgeBase, m: MentionRecord, core: MentionRecord) -> bool:
    """A day outside the gathering that the group's first day falls in: the same meeting, misdated."""
    occasion = m.meeting.get("occasion")
    if not occasion or occasion != core.meeting.get("occasion") or m.meeting["date_precision"] != "day":
        return False
    series = next((s.id for s in kb.gatherings.values() if s.name == occasion), None)
    if series is None:
        return False
    first, last = core.interval
    event = find_event(kb, series, first, last, core.country)
    if event is None or abs((m.interval[0] - first).days) > CONFLICT_WINDOW_DAYS:
        return False
    inside = event.start <= m.interval[0] <= event.end
    core_inside = event.start <= first <= event.end
    return core_inside != inside  # one of the two days lies outside the gathering both name


def _same_day_elsewhere(statement: _Statement, group: _Group) -> bool:
    """The day the group has, in the same format, stated with another place by documents of their own: the
    same meeting with a place conflict (a document that states two places itself reports two meetings)."""
    core, m = group.core.first, statement.first
    return (
        m.meeting["date_precision"] == "day"
        and core.meeting["date_precision"] == "day"
        and m.meeting["date"] == core.meeting["date"]
        and m.meeting["format"] == core.meeting["format"]
        and not statement.documents & group.documents
    )


@dataclass(slots=True)
class _Statement:
    """The mentions of one set of leaders that state the same date, place, format and occasion."""

    mentions: list[MentionRecord]
    documents: set[int]

    @property
    def first(self) -> MentionRecord:
        return self.mentions[0]


@dataclass(slots=True)
class _Group:
    """A meeting the first step is building: the statement that began it, and what it holds so far."""

    number: int
    core: _Statement
    mentions: list[MentionRecord] = field(default_factory=list)
    cities: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)

    def agrees(self, statement: _Statement) -> bool:
        """No mention of the group states another country or another city (see :func:`places_agree`)."""
        m = statement.first
        return (m.country is None or self.countries <= {m.country}) and (m.city is None or self.cities <= {m.city})

    def take(self, statement: _Statement) -> None:
        self.mentions += statement.mentions
        self.documents |= statement.documents
        m = statement.first
        self.cities |= {m.city} if m.city else set()
        self.countries |= {m.country} if m.country else set()


def _statements(mentions: list[MentionRecord]) -> list[_Statement]:
    by_content: dict[tuple[Any, ...], _Statement] = {}
    for m in sorted(mentions, key=MentionRecord.sort_key):
        known = by_content.setdefault(content_key(m), _Statement([], set()))
        known.mentions.append(m)
        known.documents.add(m.document_id)
    return [by_content[k] for k in sorted(by_content)]


def cluster_mentions(mentions: list[MentionRecord], kb: KnowledgeBase) -> list[list[MentionRecord]]:
    """Mentions of the same leaders -> groups, one per meeting: a function of the set of mentions (neither
    their order nor the documents' hashes decide), unchanged when every document is repeated by another."""
    by_pair: dict[str, list[MentionRecord]] = defaultdict(list)
    for m in mentions:
        by_pair[m.participants_key].append(m)
    clusters: list[list[MentionRecord]] = []
    for key in sorted(by_pair):
        clusters += [g.mentions for g in _group_statements(_statements(by_pair[key]), kb)]
    return clusters


def _group_statements(statements: list[_Statement], kb: KnowledgeBase) -> list[_Group]:
    """Statements of one set of leaders, in the order of :func:`content_key`, -> groups. Each joins the group
    whose first day it overlaps and whose places it agrees with (a month or a year only when it fits exactly
    one; a day that fits several joins the first in its format); else the group of its day stated elsewhere
    by other documents; else the group of its gathering it misdates; else it begins a group of its own. Only
    groups near its dates are looked at (:class:`DayIndex`)."""
    groups: list[_Group] = []
    cores: DayIndex[_Group] = DayIndex()
    for statement in statements:
        home = _home(statement, cores, kb)
        if home is None:
            home = _begin(statement, groups, cores)
        home.take(statement)
    return groups


def _begin(statement: _Statement, groups: list[_Group], cores: DayIndex[_Group]) -> _Group:
    group = _Group(len(groups), statement)
    groups.append(group)
    cores.add(*statement.first.interval, group)
    return group


def _home(statement: _Statement, cores: DayIndex[_Group], kb: KnowledgeBase) -> _Group | None:
    """The group a statement joins, among the groups begun before it, or None when it begins one."""
    m = statement.first
    first, last = m.interval
    fits = [g for g in cores.overlapping(first, last) if g.agrees(statement)]
    if fits and WIDTH[m.meeting["date_precision"]] < 2:
        return min(fits, key=lambda g: (g.core.first.meeting["format"] != m.meeting["format"], g.number))
    if len(fits) == 1:
        return fits[0]
    if fits:
        return None
    elsewhere = [g for g in cores.overlapping(first, last) if _same_day_elsewhere(statement, g)]
    window = timedelta(days=CONFLICT_WINDOW_DAYS)
    misdated = [
        g
        for g in cores.starting(first - window, first + window)
        if g.agrees(statement) and _same_gathering_other_day(kb, m, g.core.first)
    ]
    return elsewhere[0] if len(elsewhere) == 1 else misdated[0] if len(misdated) == 1 else None
