"""Re-merging, in place, the meetings a new document touches.

The meetings of the leaders a document names are merged again from every mention that could take part:
all mentions of those sets of leaders, the stored meetings that hold them, and, step by step, the stored
meetings a report of some of their leaders (or of more) could join on the same days (``merge.join_subsets``).
The groups of a set of leaders are a function of all its mentions (``merge/grouping.py``), so a library
built one document at a time, in any order, holds what merging every mention at once gives
(``tests/test_remerge.py``); only the ids depend on the order. A statement is compared only with the
groups near its dates (its days, the days its month or year holds, two months either side for a
misdated gathering), so a later re-merge may read only the mentions near a new document's dates.
Given the documents just stored (``new_documents``, when their mentions are the only change), it does: for
each set of leaders they name, the stored groups on the new mentions' days are grouped again with them
(``merge/regroup.py``), and more are read only where a full merge would also look (a gathering's days two
months either side, a few meetings a month or a year fits, then all its days), until none is missing; a
meeting whose mentions are a meeting again is left as it is. The library is the one a full re-merge gives
(``tests/test_remerge.py``), and adding a report of a pair with thousands of meetings reads a few of them
(``bench/merge_scale.py``); the index of mentions by leaders and dates keeps that look-up small.
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
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import Any

from ..kb import KnowledgeBase
from ..merge import (
    CONFLICT_WINDOW_DAYS,
    MentionRecord,
    MergedMeeting,
    cluster_mentions,
    date_interval,
    join_subsets,
    leaders_of,
    merge_clusters,
    merge_groups,
)
from ..merge.regroup import Need, reach, regroup
from .database import Database, in_chunks, now
from .identity import Identities, Stored, assign_ids

#: how many days of stored mentions that agree with a month's or a year's place are read first (``Need.place``)
PROBE = 3


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


def remerge(
    db: Database,
    keys: list[str],
    kb: KnowledgeBase,
    held: set[str] | None = None,
    new_documents: Collection[int] | None = None,
) -> list[str]:
    """Merge again the meetings of these sets of leaders (and those they reach); return the ids written.

    ``held``: the locks the transaction holds (PostgreSQL), None when it holds the whole library (SQLite).
    ``new_documents``: documents stored since these meetings were last merged, when their mentions are the only
    change; then, for each set of leaders they name, only the meetings near their dates are read and merged
    again (the same library as merging them all again: ``merge/regroup.py``)."""
    if not keys:
        return []
    family = _Family(db, kb)
    clusters = family.load(set(keys), family.added(new_documents, set(keys)) if new_documents else {})
    if held is not None:
        needed = pair_locks({c[0].participants_key for c in clusters} | {o.key for o in family.old.values()})
        if not needed <= held:
            raise WiderLock(needed | held)
    old = family.old
    if new_documents:  # a stored meeting whose mentions are a meeting again is that meeting: not merged again
        groups = join_subsets(clusters, kb)
        stored_as = {frozenset(m.id for m in o.mentions): o.id for o in old.values()}
        same = {stored_as.get(frozenset(m.id for m in g)) for g in groups}
        old = {mid: o for mid, o in old.items() if mid not in same}
        merged = merge_groups([g for g in groups if frozenset(m.id for m in g) not in stored_as], kb)
    else:
        merged = merge_clusters(clusters, kb)
    stored = [Stored(o.id, frozenset(m.id for m in o.mentions), o.key) for o in old.values()]
    identities = assign_ids(merged, stored, lambda mid: _taken(db, mid), family.revivable)
    return _write(db, merged, identities, old)


class _Family:
    """The mentions and stored meetings one re-merge works on."""

    def __init__(self, db: Database, kb: KnowledgeBase) -> None:
        self.db = db
        self.kb = kb
        self.old: dict[str, _Old] = {}
        self._mentions: dict[int, MentionRecord] = {}

    def load(self, touched: set[str], added: dict[str, list[MentionRecord]]) -> list[list[MentionRecord]]:
        """Every first-step group that the re-merge of ``touched`` may change or be changed by: of each set of
        leaders in ``added`` (its new mentions), the groups near those; of the others, all of them."""
        self.touched = touched
        whole = touched - set(added)
        clusters = [c for key in sorted(whole) for c in cluster_mentions(self._of_key(key), self.kb)]
        for key in sorted(added):
            clusters += self._regroup(key, added[key])
        self._merged = {m.id for c in clusters for m in c}
        self._whole = whole
        self._add(self._holding(whole))
        queue = list(clusters) + [p for old in self.old.values() for p in self._kept(old)]
        while queue:
            queue = [p for old in self._add(self._neighbours(queue)) for p in self._kept(old)]
        return clusters + [p for old in self.old.values() for p in self._kept(old)]

    def _kept(self, old: _Old) -> list[list[MentionRecord]]:
        """The groups of a stored meeting that are taken as they are (not grouped again)."""
        return [p for p in old.parts() if p[0].participants_key not in self._whole and p[0].id not in self._merged]

    def added(self, documents: Collection[int], keys: set[str]) -> dict[str, list[MentionRecord]]:
        """The mentions of these documents, by set of leaders, of the sets of leaders in ``keys``."""
        out: dict[str, list[MentionRecord]] = defaultdict(list)
        for chunk, marks in in_chunks(sorted(set(documents))):
            for r in self.db.query(f"{_MENTION} WHERE m.document_id IN ({marks})", chunk):
                record = self._record(r)
                if record.participants_key in keys:
                    out[record.participants_key].append(record)
        return dict(out)

    def _regroup(self, key: str, added: list[MentionRecord]) -> list[list[MentionRecord]]:
        """The groups of ``key`` near its new mentions, grouped again; more stored groups are read until every
        group a full merge would look at is held (``Regrouping.needs``)."""
        needs = [n for m in added for n in reach(m, self.kb)]
        known: set[int] = set()
        asked: set[Need] = set()
        loose: dict[int, MentionRecord] = {}  # mentions of no stored meeting: the new ones
        result = None
        while True:
            # first a few mentions that agree with a month's or a year's place (before what a choice made
            # without them asks for), then, asked again, all of its days
            probes = [n for n in needs if n.place is not None and n not in asked]
            ask = probes or [n for n in {Need(n.first, n.last, n.occasion) for n in needs} if n not in asked]
            asked |= set(ask)  # the stored mentions asked for before are all held
            unknown = self._ids_within(key, ask) - known
            if result is not None and not unknown:
                if not probes:
                    return result.groups
                continue
            self._add(self._meetings_of(unknown))
            held = {m.id: old.id for old in self.old.values() for m in old.mentions if m.participants_key == key}
            for chunk, marks in in_chunks(sorted(unknown - set(held) - set(loose))):
                rows = self.db.query(f"{_MENTION} WHERE m.id IN ({marks})", chunk)
                loose.update((r["id"], self._record(r)) for r in rows)
            mentions = [self._mentions[i] for i in sorted(held)] + [loose[i] for i in sorted(loose)]
            known = {m.id for m in mentions}
            result = regroup(mentions, held, self.kb)
            needs = result.needs

    def _ids_within(self, key: str, needs: list[Need]) -> set[int]:
        """The ids of the stored mentions of ``key`` that these needs ask for."""
        out: set[int] = set()
        plain = _joined([(n.first, n.last) for n in needs if n.occasion is None and n.place is None])
        for n in [Need(a, b) for a, b in plain] + sorted({n for n in needs if n.occasion or n.place}, key=str):
            sql = "SELECT MIN(id) AS id" if n.place is not None else "SELECT id"
            sql += " FROM mentions WHERE participants_key = ? AND date_first <= ? AND date_last >= ?"
            params: list[Any] = [key, n.last.isoformat(), n.first.isoformat()]
            if n.occasion is not None:
                sql += " AND occasion = ?"
                params.append(n.occasion)
            if n.place is not None:
                city, country = n.place
                sql += " AND (place_city IS NULL OR place_city = ?)" if city else ""
                sql += " AND (country IS NULL OR country = ?)" if country else ""
                params += [v for v in (city, country) if v]
                sql += f" AND date_precision = 'day' GROUP BY date_first ORDER BY date_first LIMIT {PROBE}"
            out |= {int(r["id"]) for r in self.db.query(sql, params)}
        return out

    def _meetings_of(self, mention_ids: set[int]) -> set[str]:
        out: set[str] = set()
        for chunk, marks in in_chunks(sorted(mention_ids)):
            rows = self.db.query(f"SELECT meeting_id FROM meeting_sources WHERE mention_id IN ({marks})", chunk)
            out |= {r["meeting_id"] for r in rows}
        return out

    def revivable(self, meeting_id: str) -> bool:
        """Whether an id is the alias of a meeting this re-merge holds, or could hold: one of its sets of leaders."""
        survivor = _alias_of(self.db, meeting_id)
        if survivor is None or survivor in self.old:
            return survivor is not None
        marks = ",".join("?" * len(self.touched))
        return (
            self.db.scalar(
                "SELECT 1 FROM meeting_sources s JOIN mentions m ON m.id = s.mention_id "
                f"WHERE s.meeting_id = ? AND m.participants_key IN ({marks})",
                (survivor, *sorted(self.touched)),
            )
            is not None
        )

    def _record(self, row: dict[str, Any]) -> MentionRecord:
        known = self._mentions.get(row["id"])
        if known is None:
            data = json.loads(row["data"])
            known = MentionRecord(row["id"], row["document_id"], row["sha256"], row["ordinal"], data)
            self._mentions[row["id"]] = known
        return known

    def _of_key(self, key: str) -> list[MentionRecord]:
        return [self._record(r) for r in self.db.query(f"{_MENTION} WHERE m.participants_key = ?", (key,))]

    def _holding(self, keys: set[str]) -> set[str]:
        if not keys:
            return set()
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

    def _neighbours(self, parts: list[list[MentionRecord]]) -> set[str]:
        """Stored meetings, on days near these groups', that hold a report of some of a group's leaders or of
        more (one look per set of leaders and stretch of days its groups cover)."""
        spans: dict[str, list[tuple[date, date]]] = defaultdict(list)
        for part in parts:
            days = [m.interval for m in part if m.meeting["date_precision"] in ("day", "span")]
            if days and any(m.country for m in part):  # else it can neither join nor be joined (join_subsets)
                spans[part[0].participants_key].append((min(d[0] for d in days), max(d[1] for d in days)))
        found: set[str] = set()
        for key, days in sorted(spans.items()):
            leaders = leaders_of(key)
            window = timedelta(days=CONFLICT_WINDOW_DAYS)
            hits: dict[str, int] = defaultdict(int)
            keys: dict[str, str] = {}
            for first, last in _joined([(a - window, b) for a, b in days]):
                for leader in sorted(leaders):
                    for r in self.db.query(
                        "SELECT l.meeting_id, g.participants_key FROM meeting_leaders l JOIN meetings g "
                        "ON g.id = l.meeting_id WHERE l.leader_id = ? AND l.date_first >= ? AND l.date_first <= ?",
                        (leader, first.isoformat(), last.isoformat()),
                    ):
                        hits[r["meeting_id"]] += 1
                        keys[r["meeting_id"]] = r["participants_key"]
            candidates = sorted(mid for mid, n in hits.items() if n >= 2 and mid not in self.old and mid not in found)
            # a meeting of more of these leaders, or of some of them, holds such a report (its own); one of the
            # same two leaders holds none (every report names two leaders at least); the others are looked at
            found |= {mid for mid in candidates if _related(leaders, leaders_of(keys[mid]))}
            unsure = [mid for mid in candidates if mid not in found and (keys[mid] != key or len(leaders) > 2)]
            for chunk, marks in in_chunks(unsure):
                rows = self.db.query(
                    "SELECT DISTINCT s.meeting_id, m.participants_key FROM meeting_sources s "
                    f"JOIN mentions m ON m.id = s.mention_id WHERE s.meeting_id IN ({marks})",
                    chunk,
                )
                found |= {r["meeting_id"] for r in rows if _related(leaders, leaders_of(r["participants_key"]))}
        return found


def _joined(windows: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Spans of days, those that meet joined into one."""
    out: list[tuple[date, date]] = []
    for first, last in sorted(windows):
        if out and first <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


_MENTION = (
    "SELECT m.id, m.document_id, m.ordinal, m.data, d.sha256 FROM mentions m JOIN documents d ON d.id = m.document_id"
)


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
