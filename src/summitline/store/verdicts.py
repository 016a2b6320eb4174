"""Findings as the library shows them, with their ids and the verdicts recorded on them by hand.

A finding's id is its meeting's id and a digest of what it says (the check, the field, the record and the
stated value): ``m2bcd7eddad.5e0c1a9b``. Findings are computed again whenever a meeting changes, so their rows
come and go; the id of a finding that says the same thing stays the same. A verdict (``confirmed`` or
``dismissed``, with a note) is kept under the same key in ``verdicts``, so it outlives every recomputation,
and it moves with its meeting when that meeting merges into another (``remerge.py``). An id whose meeting
was merged away still names the finding: the meeting part resolves through the meeting's alias.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..errors import ConfigError
from .database import Database, Row, in_chunks, now

VERDICTS = ("confirmed", "dismissed")


def finding_key(f: Row | Any) -> tuple[str, str, str, str]:
    """(check, field, record, stated) of a finding row or :class:`~summitline.check.model.Finding`."""
    get = f.get if isinstance(f, dict) else lambda name: getattr(f, name)
    return (str(get("check_name")), str(get("field")), str(get("record") or ""), str(get("stated") or ""))


def finding_id(meeting_id: str, f: Row | Any) -> str:
    digest = hashlib.sha1("\x1f".join(finding_key(f)).encode("utf-8")).hexdigest()[:8]
    return f"{meeting_id}.{digest}"


def resolve_meeting_id(db: Database, meeting_id: str) -> str | None:
    """The id of the meeting ``meeting_id`` names now: itself, the meeting it was merged into, or None."""
    if db.scalar("SELECT 1 FROM meetings WHERE id = ?", (meeting_id,)):
        return meeting_id
    return db.scalar("SELECT meeting_id FROM meeting_aliases WHERE old_id = ?", (meeting_id,))


def aliases_of(db: Database, meeting_ids: list[str]) -> dict[str, list[str]]:
    """The ids that were merged into each of these meetings."""
    out: dict[str, list[str]] = {m: [] for m in meeting_ids}
    for chunk, marks in in_chunks(meeting_ids):
        for r in db.query(
            f"SELECT old_id, meeting_id FROM meeting_aliases WHERE meeting_id IN ({marks}) ORDER BY old_id", chunk
        ):
            out[r["meeting_id"]].append(r["old_id"])
    return out


def verdicts_for(db: Database, meeting_ids: list[str]) -> dict[str, dict[tuple[str, str, str, str], Row]]:
    """The verdicts recorded on each meeting's findings, by finding key."""
    out: dict[str, dict[tuple[str, str, str, str], Row]] = {m: {} for m in meeting_ids}
    for chunk, marks in in_chunks(meeting_ids):
        for r in db.query(
            "SELECT meeting_id, check_name, field, record, stated, verdict, note, at FROM verdicts "
            f"WHERE meeting_id IN ({marks})",
            chunk,
        ):
            out[r["meeting_id"]][finding_key(r)] = {"verdict": r["verdict"], "note": r["note"], "at": r["at"]}
    return out


def with_verdicts(
    meeting_id: str, findings: list[dict[str, Any]], recorded: dict[tuple[str, str, str, str], Row]
) -> list[dict[str, Any]]:
    """Finding dicts of one meeting, each with its ``id`` and its ``verdict`` (None when none was recorded);
    ``recorded`` is the meeting's entry of :func:`verdicts_for`."""
    return [{"id": finding_id(meeting_id, f), **f, "verdict": recorded.get(finding_key(f))} for f in findings]


def set_verdict(db: Database, finding: str, verdict: str, note: str | None = None) -> dict[str, Any]:
    """Record a verdict on a finding (its id as ``timeline``, ``show`` and ``check`` give it); return the
    finding with it. Recording another verdict on the same finding replaces the first."""
    from .queries import NotFoundError

    if verdict not in VERDICTS:
        raise ConfigError(f"verdict {verdict!r}: give one of {', '.join(VERDICTS)}")
    meeting_part, _, digest = finding.rpartition(".")
    meeting_id = resolve_meeting_id(db, meeting_part) if meeting_part else None
    if meeting_id is None:
        raise NotFoundError(
            f"no finding {finding!r}: no meeting {meeting_part or finding!r} in the library; finding ids look "
            "like m2bcd7eddad.5e0c1a9b (`summitline show MEETING_ID` lists them)"
        )
    rows = db.query(
        "SELECT check_name, field, stated, expected, record, record_id, severity, message, confidence, reasoning "
        "FROM findings "
        "WHERE meeting_id = ? ORDER BY id",
        (meeting_id,),
    )
    found = [r for r in rows if finding_id(meeting_id, r).endswith("." + digest)]
    if not found:
        raise NotFoundError(
            f"no finding {finding!r} on meeting {meeting_id}; `summitline show {meeting_id}` lists its findings "
            "(`summitline check` computes them)"
        )
    check_name, field, record, stated = finding_key(found[0])
    with db.transaction():
        db.execute(
            "INSERT INTO verdicts (meeting_id, check_name, field, record, stated, verdict, note, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (meeting_id, check_name, field, record, stated) "
            "DO UPDATE SET verdict = excluded.verdict, note = excluded.note, at = excluded.at",
            (meeting_id, check_name, field, record, stated, verdict, note, now()),
        )
    return with_verdicts(meeting_id, found, verdicts_for(db, [meeting_id])[meeting_id])[0]


def standing_warnings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings that contradict the meeting and that nobody dismissed by hand."""
    return [f for f in findings if f["severity"] != "info" and (f.get("verdict") or {}).get("verdict") != "dismissed"]
