"""Re-merging, in place, the meetings a new document touches.

The meetings of the leaders a document names are merged again from every mention that could take part:
all mentions of those sets of leaders, the stored meetings that hold them, and, step by step, the stored
meetings a report of some of their leaders (or of more) could join on the same days (``merge.join_subsets``).
The groups of a set of leaders are a function of all its mentions (``merge/grouping.py``), so a library
built one document at a time, in any order, holds what merging every mention at once gives
(``tests/test_remerge.py``); only the ids depend on the order. A statement is compared only with the
groups near its dates (its days, the days its month or year holds, two months either side for a
misdated gathering), so a later re-merge may read only the mentions near a new document's dates.
The stored rows are then updated in place: each meeting keeps its id (``identity.py``), an unchanged meeting
is not written at all, two meetings found to be one leave an alias from the id that went to the one that
stayed, and the hand verdicts of the one that went move with it. The ids of the meetings written are
returned, so that their findings can be checked again in the same transaction.

On PostgreSQL the writer holds a lock for every pair of leaders of every meeting it re-merges; a meeting
that needs more than the locks held (found once the family is read) makes the transaction start again
holding them all (:class:`WiderLock`), so that two writers never re-merge overlapping meetings at once and
no two lock each other out.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from itertools import combinations
from typing import Any

from ..kb import KnowledgeBase
from ..merge import (
    CONFLICT_WINDOW_DAYS,
    MentionRecord,
    MergedMeeting,
    cluster_mentions,
    date_interval,
    leaders_of,
    merge_clusters,
)
from .database import Database, in_chunks, now
from .identity import Identities, Stored, assign_ids


class WiderLock(Exception):
    """The re-merge reaches meetings whose locks the transaction does not hold: start again holding ``names``."""

    def __init__(self, names: set[str]) -> None:
        super().__init__(f"{len(names)} locks needed")
        self.names = names


def pair_locks(keys: set[str] | list[str]) -> set[str]:
    """The lock names of every pair of leaders of these sets of leaders."""
    return {f"meetings of {a}|{b}" for key in keys for a, b in combinations(sorted(leaders_of(key)), 2)}


@dataclass(slots=True)
class _Old:
    """A stored meeting: its row's values and its mentions."""

    id: str
    key: str
    data: str
    mentions: list[MentionRecord]

    def parts(self) -> list[list[MentionRecord]]:
        by_key: dict[str, list[MentionRecord]] = defaultdict(list)
        for m in self.mentions:
            by_key[m.participants_key].append(m)
        return list(by_key.values())


def remerge(db: Database, keys: list[str], kb: KnowledgeBase, held: set[str] | None = None) -> list[str]:
    """Merge again the meetings of these sets of leaders (and those they reach); return the ids written.

    ``held``: the locks the transaction holds (PostgreSQL), None when it holds the whole library (SQLite)."""
    if not keys:
        return []
    family = _Family(db, kb)
    clusters = family.load(set(keys))
    if held is not None:
        needed = pair_locks({c[0].participants_key for c in clusters} | {o.key for o in family.old.values()})
        if not needed <= held:
            raise WiderLock(needed | held)
    merged = merge_clusters(clusters, kb)
    stored = [Stored(o.id, frozenset(m.id for m in o.mentions), o.key) for o in family.old.values()]
    identities = assign_ids(merged, stored, lambda mid: _taken(db, mid), lambda mid: _alias_of(db, mid) in family.old)
    return _write(db, merged, identities, family.old)


class _Family:
    """The mentions and stored meetings one re-merge works on."""

    def __init__(self, db: Database, kb: KnowledgeBase) -> None:
        self.db = db
        self.kb = kb
        self.old: dict[str, _Old] = {}
        self._mentions: dict[int, MentionRecord] = {}

    def load(self, touched: set[str]) -> list[list[MentionRecord]]:
        """Every first-step group that the re-merge of ``touched`` may change or be changed by."""
        clusters = [c for key in sorted(touched) for c in cluster_mentions(self._of_key(key), self.kb)]
        queue = list(clusters)
        for old in self._add(self._holding(touched)):
            queue += [p for p in old.parts() if p[0].participants_key not in touched]
        while queue:
            for old in self._add(self._neighbours(queue.pop())):
                queue += [p for p in old.parts() if p[0].participants_key not in touched]
        kept = [p for old in self.old.values() for p in old.parts() if p[0].participants_key not in touched]
        return clusters + kept

    def _record(self, row: dict[str, Any]) -> MentionRecord:
        known = self._mentions.get(row["id"])
        if known is None:
            data = json.loads(row["data"])
            known = MentionRecord(row["id"], row["document_id"], row["sha256"], row["ordinal"], data)
            self._mentions[row["id"]] = known
        return known

    def _of_key(self, key: str) -> list[MentionRecord]:
        rows = self.db.query(
            "SELECT m.id, m.document_id, m.ordinal, m.data, d.sha256 FROM mentions m "
            "JOIN documents d ON d.id = m.document_id WHERE m.participants_key = ?",
            (key,),
        )
        return [self._record(r) for r in rows]

    def _holding(self, keys: set[str]) -> set[str]:
        marks = ",".join("?" * len(keys))
        rows = self.db.query(
            "SELECT DISTINCT s.meeting_id FROM mentions m JOIN meeting_sources s ON s.mention_id = m.id "
            f"WHERE m.participants_key IN ({marks})",
            sorted(keys),
        )
        return {r["meeting_id"] for r in rows}

    def _add(self, ids: set[str]) -> list[_Old]:
        fresh = sorted(ids - set(self.old))
        added = []
        for chunk, marks in in_chunks(fresh):
            rows = self.db.query(f"SELECT id, participants_key, data FROM meetings WHERE id IN ({marks})", chunk)
            mentions: dict[str, list[MentionRecord]] = defaultdict(list)
            for r in self.db.query(
                "SELECT s.meeting_id, m.id, m.document_id, m.ordinal, m.data, d.sha256 FROM meeting_sources s "
                "JOIN mentions m ON m.id = s.mention_id JOIN documents d ON d.id = m.document_id "
                f"WHERE s.meeting_id IN ({marks})",
                chunk,
            ):
                mentions[r["meeting_id"]].append(self._record(r))
            for r in rows:
                if mentions[r["id"]]:  # a meeting with no sources (written by hand or a tool) is left alone
                    self.old[r["id"]] = _Old(r["id"], r["participants_key"], r["data"], mentions[r["id"]])
                    added.append(self.old[r["id"]])
        return added

    def _neighbours(self, part: list[MentionRecord]) -> set[str]:
        """Stored meetings, on days near this group's, that hold a report of some of its leaders or of more."""
        days = [m.interval for m in part if m.meeting["date_precision"] in ("day", "span")]
        if not days or not any(m.country for m in part):
            return set()  # a group that can neither join nor be joined (see merge.join_subsets)
        leaders = leaders_of(part[0].participants_key)
        first, last = min(d[0] for d in days), max(d[1] for d in days)
        window = ((first - timedelta(days=CONFLICT_WINDOW_DAYS)).isoformat(), last.isoformat())
        hits: dict[str, int] = defaultdict(int)
        for leader in sorted(leaders):
            for r in self.db.query(
                "SELECT meeting_id FROM meeting_leaders WHERE leader_id = ? AND date_first >= ? AND date_first <= ?",
                (leader, *window),
            ):
                hits[r["meeting_id"]] += 1
        candidates = sorted(mid for mid, n in hits.items() if n >= 2 and mid not in self.old)
        if not candidates:
            return set()
        marks = ",".join("?" * len(candidates))
        rows = self.db.query(
            "SELECT DISTINCT s.meeting_id, m.participants_key FROM meeting_sources s "
            f"JOIN mentions m ON m.id = s.mention_id WHERE s.meeting_id IN ({marks})",
            candidates,
        )
        return {r["meeting_id"] for r in rows if _related(leaders, leaders_of(r["participants_key"]))}


def _related(a: frozenset[str], b: frozenset[str]) -> bool:
    return a < b or b < a


def _alias_of(db: Database, meeting_id: str) -> str | None:
    return db.scalar("SELECT meeting_id FROM meeting_aliases WHERE old_id = ?", (meeting_id,))


def _taken(db: Database, meeting_id: str) -> bool:
    return (
        db.scalar(
            "SELECT 1 FROM meetings WHERE id = ? UNION ALL SELECT 1 FROM meeting_aliases WHERE old_id = ?",
            (meeting_id, meeting_id),
        )
        is not None
    )


_COLUMNS = (
    "participants_key, date, date_first, date_last, date_precision, place_name, country, format, status, "
    "occasion, topics, source_count, conflict_count, data"
)


def _write(db: Database, merged: list[MergedMeeting], identities: Identities, old: dict[str, _Old]) -> list[str]:
    written = []
    for mid in identities.revived:
        db.execute("DELETE FROM meeting_aliases WHERE old_id = ?", (mid,))
    for meeting, mid in zip(merged, identities.ids, strict=True):
        values = _row(meeting)
        before = old.get(mid)
        sources = sorted(m.id for m in meeting.mentions)
        if before is not None:
            if (before.key, before.data, sorted(m.id for m in before.mentions)) == (values[0], values[-1], sources):
                continue  # unchanged: nothing written, its findings stand
            sets = ", ".join(f"{c.strip()} = ?" for c in _COLUMNS.split(","))
            db.execute(f"UPDATE meetings SET {sets} WHERE id = ?", (*values, mid))
            db.execute("DELETE FROM meeting_leaders WHERE meeting_id = ?", (mid,))
            db.execute("DELETE FROM meeting_sources WHERE meeting_id = ?", (mid,))
        else:
            db.execute(f"INSERT INTO meetings (id, {_COLUMNS}) VALUES (?{', ?' * len(values)})", (mid, *values))
        first = date_interval(meeting.fields["date"])[0].isoformat()
        db.executemany(
            "INSERT INTO meeting_leaders (meeting_id, leader_id, name, country, date_first) VALUES (?, ?, ?, ?, ?)",
            [
                (mid, p.get("id") or p["name"], p["name"], p.get("country"), first)
                for p in meeting.fields["participants"]
            ],
        )
        db.executemany(
            "INSERT INTO meeting_sources (meeting_id, mention_id, document_id) VALUES (?, ?, ?)",
            [(mid, m.id, m.document_id) for m in meeting.mentions],
        )
        written.append(mid)
    at = now()
    for gone, survivor in sorted(identities.aliases.items()):
        _merge_into(db, gone, survivor, at)
    for gone in identities.dropped:
        db.execute("DELETE FROM meetings WHERE id = ?", (gone,))
    return written


def _row(meeting: MergedMeeting) -> tuple[Any, ...]:
    f = meeting.fields
    first, last = date_interval(f["date"])
    place = f.get("place") or {}
    return (
        meeting.participants_key,
        f["date"],
        first.isoformat(),
        last.isoformat(),
        f["date_precision"],
        place.get("name"),
        place.get("country"),
        f["format"],
        f["status"],
        f.get("occasion"),
        json.dumps(f["topics"]),
        len({m.document_id for m in meeting.mentions}),
        len(meeting.conflicts),
        json.dumps({**f, "conflicts": meeting.conflicts}, ensure_ascii=False),
    )


def _merge_into(db: Database, gone: str, survivor: str, at: str) -> None:
    """``gone`` was found to be ``survivor``: its id and the ids merged into it before resolve to the survivor,
    and its hand verdicts move there (where the survivor has its own verdict on a finding, that one stays)."""
    db.execute(
        "INSERT OR IGNORE INTO verdicts (meeting_id, check_name, field, record, stated, verdict, note, at) "
        "SELECT ?, check_name, field, record, stated, verdict, note, at FROM verdicts WHERE meeting_id = ?",
        (survivor, gone),
    )
    db.execute("DELETE FROM verdicts WHERE meeting_id = ?", (gone,))
    db.execute("UPDATE meeting_aliases SET meeting_id = ? WHERE meeting_id = ?", (survivor, gone))
    db.execute("INSERT INTO meeting_aliases (old_id, meeting_id, at) VALUES (?, ?, ?)", (gone, survivor, at))
    db.execute("DELETE FROM meetings WHERE id = ?", (gone,))
