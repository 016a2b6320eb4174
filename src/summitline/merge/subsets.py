"""The second step of merging: a report that names some of a meeting's leaders, on its day, at its place and
in its format, joins that meeting."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..kb import KnowledgeBase
from .day_index import DayIndex
from .fields import merge_cluster
from .mentions import PRECISE, MentionRecord, date_interval, leaders_of, overlap, places_agree


@dataclass(slots=True)
class _Part:
    """One group of the first step, with what the second step compares."""

    mentions: list[MentionRecord]
    key: str
    leaders: frozenset[str]
    fields: dict[str, Any]
    documents: frozenset[int]
    cities: frozenset[str]
    countries: frozenset[str]

    @classmethod
    def of(cls, cluster: list[MentionRecord], kb: KnowledgeBase | None) -> _Part:
        merged = merge_cluster(cluster, kb)
        key = merged.participants_key
        cities = frozenset(m.city for m in cluster if m.city)
        countries = frozenset(m.country for m in cluster if m.country)
        return cls(
            cluster, key, leaders_of(key), merged.fields, frozenset(m.document_id for m in cluster), cities, countries
        )

    def order(self) -> tuple[Any, ...]:
        """More leaders first, then by leaders and by what the group states (a hash only between equal statements)."""
        return (-len(self.leaders), self.key, min(m.sort_key() for m in self.mentions))

    @property
    def placed_on_a_day(self) -> bool:
        place = self.fields.get("place") or {}
        return self.fields["date_precision"] in PRECISE and bool(place.get("country"))

    @property
    def days(self) -> tuple[date, date]:
        return date_interval(self.fields["date"])

    def places_agree(self, other: _Part) -> bool:
        """No mention of one states another country or city than a mention of the other (:func:`places_agree`
        for every mention of this part against the other's)."""

        def agree(a: frozenset[str], b: frozenset[str]) -> bool:
            return not (a and b) or (a == b and len(a) == 1)

        return agree(self.countries, other.countries) and agree(self.cities, other.cities)


def _joins(small: _Part, big: _Part) -> bool:
    return (
        small.leaders < big.leaders
        and small.placed_on_a_day
        and big.placed_on_a_day
        and small.fields["format"] == big.fields["format"]
        and overlap(small.days, big.days)
        and small.places_agree(big)
    )


def join_subsets(clusters: list[list[MentionRecord]], kb: KnowledgeBase | None = None) -> list[list[MentionRecord]]:
    """Groups of the first step -> meetings: a group whose leaders are some of another's, on its day, at its
    place and in its format, joins it when it fits exactly one such meeting. Within one meeting no document
    may report two of its groups, and no set of leaders may come twice: those groups stay meetings of their
    own (a bilateral on the sidelines of a trilateral, two days of talks). Groups are taken in the order of
    :meth:`_Part.order`, so the result is a function of the groups; each looks only at the meetings placed
    on its days."""
    keys = {leaders_of(c[0].participants_key) for c in clusters}
    related = {k for k in keys if any(k < other or other < k for other in keys)}
    alone = [c for c in clusters if leaders_of(c[0].participants_key) not in related]
    if len(alone) == len(clusters):
        return [sorted(c, key=MentionRecord.sort_key) for c in clusters]  # no report names some of another's leaders
    involved = [c for c in clusters if leaders_of(c[0].participants_key) in related]
    parts = sorted((_Part.of(c, kb) for c in involved), key=_Part.order)
    roots: DayIndex[int] = DayIndex()
    home: dict[int, int] = {}
    for i, part in enumerate(parts):
        found = [r for r in roots.overlapping(*part.days) if _joins(part, parts[r])] if part.placed_on_a_day else []
        if len(found) == 1:
            home[i] = found[0]
        elif part.placed_on_a_day:
            roots.add(*part.days, i)  # a group not placed on a day can never be joined
    members: dict[int, list[int]] = defaultdict(list)
    for i, r in sorted(home.items()):
        members[r].append(i)
    for r, joined in members.items():
        for i in _apart(parts, r, joined):
            del home[i]
    groups: dict[int, list[MentionRecord]] = {}
    for i, part in enumerate(parts):
        groups.setdefault(home.get(i, i), []).extend(part.mentions)
    return [sorted(g, key=MentionRecord.sort_key) for g in [*alone, *groups.values()]]


def _apart(parts: list[_Part], root: int, joined: list[int]) -> set[int]:
    """The groups that joined ``root`` but must stay apart: sharing a document with the meeting or another
    group that joined it, coming twice with the same leaders, or placed elsewhere than one that came first."""
    out = set()
    for i in joined:
        others = [j for j in joined if j != i]
        if parts[i].documents & parts[root].documents or any(
            parts[i].documents & parts[j].documents or parts[i].key == parts[j].key for j in others
        ):
            out.add(i)
    kept: list[MentionRecord] = []
    for i in joined:
        if i in out:
            continue
        if not all(places_agree(m, kept) for m in parts[i].mentions):
            out.add(i)
        else:
            kept.extend(parts[i].mentions)
    return out
