"""Merging: the mentions of many documents -> one chronology, with the conflicts between sources.

Pure and deterministic: the result is a function of the set of mentions. Neither
the order they were ingested in nor the documents' hashes decide which meeting a
mention joins (mentions are taken in the order of what they state), and repeating
every document by another changes no meeting, so libraries built in any order, or
by several processes at once, hold the same meetings.

Two steps. First, mentions of the same leaders are one meeting when their dates
and places are compatible: a year-only date joins a day in that year when it
fits exactly one meeting (a day that fits several joins the first in its
format); a place joins when the countries agree and the cities do not differ.
Two days of one gathering stay apart ("7 and 8 July at the G20"), but a day
outside the gathering the others agree on is the same meeting with a date
conflict ("June 7, 2017" against "July 7, 2017" at the Hamburg G20), and so is
the same day stated with another city (a place conflict), unless one document
states both. Second (:func:`join_subsets`), a report that names some of a
meeting's leaders on its day, at its place and in its format joins that meeting
("Biden met Kishida at Camp David" joins the trilateral with Yoon there that
day), unless it could join two meetings, or one document reports both (then
they were two meetings: a bilateral on the sidelines of the trilateral).

Each field takes the value most sources support, and sources that disagree make
a conflict: date, place, format, participants (the leaders each source names)
and office (the office a source gives a leader). Quotes, tone, photos and
summaries are kept with the document each comes from.

Modules: ``mentions.py`` (the records and the comparisons every step shares),
``grouping.py`` (the first step), ``subsets.py`` (the second), ``fields.py`` (one
meeting's fields and conflicts), ``day_index.py`` (meetings found by their days,
so that a pair of leaders with thousands of mentions is merged in n log n steps), ``regroup.py`` (the first
step again for a library, near new mentions only).
"""

from __future__ import annotations

from collections import Counter

from ..kb import KnowledgeBase
from .fields import content_id, merge_cluster
from .grouping import cluster_mentions
from .mentions import (
    CONFLICT_WINDOW_DAYS,
    MentionRecord,
    MergedMeeting,
    content_key,
    date_interval,
    leaders_of,
    participants_key,
)
from .subsets import join_subsets

__all__ = [
    "CONFLICT_WINDOW_DAYS",
    "MentionRecord",
    "MergedMeeting",
    "cluster_mentions",
    "content_id",
    "content_key",
    "date_interval",
    "join_subsets",
    "leaders_of",
    "merge_cluster",
    "merge_clusters",
    "merge_groups",
    "merge_mentions",
    "participants_key",
]


def merge_clusters(clusters: list[list[MentionRecord]], kb: KnowledgeBase) -> list[MergedMeeting]:
    """Groups of the first step (of any leaders) -> the meetings, by date."""
    return merge_groups(join_subsets(clusters, kb), kb)


def merge_groups(groups: list[list[MentionRecord]], kb: KnowledgeBase) -> list[MergedMeeting]:
    """The mentions of each meeting (groups joined by :func:`join_subsets`) -> the meetings, by date."""
    merged = sorted(
        (merge_cluster(c, kb) for c in groups),
        key=lambda m: (date_interval(m.fields["date"])[0], m.participants_key, m.id, m.mentions[0].sort_key()),
    )
    seen: Counter[str] = Counter()
    for m in merged:  # two meetings of a pair on one date in one place: keep their ids apart
        seen[m.id] += 1
        if seen[m.id] > 1:
            m.id = f"{m.id}-{seen[m.id]}"
    return merged


def merge_mentions(mentions: list[MentionRecord], kb: KnowledgeBase) -> list[MergedMeeting]:
    return merge_clusters(cluster_mentions(mentions, kb), kb)
