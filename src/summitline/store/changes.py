"""What a change to the library's documents did to its meetings: which were added, removed or changed, and
in which fields.

Before a document is removed or read again, :func:`snapshot` keeps the stored meetings the change may reach:
those that hold a mention of the sets of leaders it touches, and every meeting with two or more of those
leaders (the re-merge joins reports of some of a meeting's leaders to it, see ``remerge.py``). After the
re-merge, :func:`compare` sets them against what the library holds now and the ids the re-merge wrote. A
written id not kept in the snapshot is a new meeting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..merge import leaders_of
from .database import Database, in_chunks

#: a meeting's stored state: its merged values (``meetings.data``) and its number of sources
Stored = tuple[dict[str, Any], int]


@dataclass(slots=True)
class MeetingChanges:
    """Meetings added, removed, and changed (id -> the fields whose value changed; ``sources`` for the
    number of documents that report it)."""

    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    changed: dict[str, set[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def then(self, later: MeetingChanges) -> None:
        """Fold in the changes made after these ones: a meeting added then removed was never there."""
        for mid in sorted(later.added):
            if mid in self.removed:  # gone, then back under the same id
                self.removed.discard(mid)
                self.changed.setdefault(mid, set()).add("sources")
            else:
                self.added.add(mid)
        for mid, fields in later.changed.items():
            if mid not in self.added:
                self.changed.setdefault(mid, set()).update(fields)
        for mid in later.removed:
            if mid in self.added:
                self.added.discard(mid)
            else:
                self.removed.add(mid)
                self.changed.pop(mid, None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": sorted(self.added),
            "removed": sorted(self.removed),
            "changed": {mid: sorted(fields) for mid, fields in sorted(self.changed.items())},
        }


def snapshot(db: Database, keys: set[str]) -> dict[str, Stored]:
    """The stored meetings a change to the mentions of these sets of leaders may reach, with their values."""
    ids: set[str] = set()
    if keys:
        for chunk, marks in in_chunks(sorted(keys)):
            ids |= {
                r["meeting_id"]
                for r in db.query(
                    "SELECT DISTINCT s.meeting_id FROM mentions m JOIN meeting_sources s ON s.mention_id = m.id "
                    f"WHERE m.participants_key IN ({marks})",
                    chunk,
                )
            }
    for leaders in sorted({tuple(sorted(leaders_of(k))) for k in keys}):
        if len(leaders) < 2:
            continue
        marks = ",".join("?" * len(leaders))
        ids |= {
            r["meeting_id"]
            for r in db.query(
                f"SELECT meeting_id FROM meeting_leaders WHERE leader_id IN ({marks}) GROUP BY meeting_id "
                "HAVING COUNT(*) >= 2",
                leaders,
            )
        }
    return _stored(db, sorted(ids))


def compare(db: Database, before: dict[str, Stored], written: list[str]) -> MeetingChanges:
    """The changes from ``before`` (a :func:`snapshot`) to now, given the ids the re-merge wrote."""
    now = _stored(db, sorted(set(before) | set(written)))
    out = MeetingChanges()
    for mid in sorted(set(before) | set(now)):
        if mid not in now:
            out.removed.add(mid)
        elif mid not in before:
            out.added.add(mid)
        elif now[mid] != before[mid]:
            out.changed[mid] = changed_fields(before[mid], now[mid])
    return out


def changed_fields(old: Stored, new: Stored) -> set[str]:
    (a, sources_a), (b, sources_b) = old, new
    fields = {k for k in set(a) | set(b) if a.get(k) != b.get(k)}
    return fields | ({"sources"} if sources_a != sources_b else set())


def _stored(db: Database, ids: list[str]) -> dict[str, Stored]:
    out: dict[str, Stored] = {}
    for chunk, marks in in_chunks(ids):
        for r in db.query(f"SELECT id, data, source_count FROM meetings WHERE id IN ({marks})", chunk):
            out[r["id"]] = (json.loads(r["data"]), int(r["source_count"]))
    return out
