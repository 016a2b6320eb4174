"""The checks: each meeting against the summits, the leaders' terms of office and the records.

Three checks, each giving ``info`` findings where the record supports a stated
value and ``warning`` findings where it contradicts one:

- ``gathering`` (``gatherings.py``): a meeting at a summit of the knowledge base
  (its ``occasion``) on a date outside that summit's dates (two days' grace for
  arrivals), or in another country while the summit was on;
- ``term`` (``terms.py``): a stated title "former X" while the leader held
  office X on that date, or "then-X" when the leader did not hold X then;
- ``record`` (``travel.py``): a meeting of a US president with a foreign leader
  against the travel records, which list every foreign trip of a president:
  abroad on days with no trip to that country, a span past the trip, a city far
  from the trip's; at home while the president was abroad, or with no visit of
  a listed visitor then.

Each finding carries a ``confidence`` (``confidence.py``) and its ``reasoning``
in one sentence naming the record. A meeting no finding bears on is
``unchecked``, with the reason the records cannot tell (``coverage.py``).
"""

from __future__ import annotations

from typing import Any, cast

from ..kb import KnowledgeBase
from ..store.database import Database, in_chunks
from ..store.library import now
from ..store.verdicts import standing_warnings, verdicts_for, with_verdicts
from .coverage import why_unchecked
from .gatherings import check_gathering
from .model import Finding, load_meetings
from .names import RecordIndex
from .records import load_records
from .terms import check_terms
from .travel import check_records


def check_meetings(db: Database, kb: KnowledgeBase, meeting_ids: list[str] | None = None) -> list[Finding]:
    """Check the meetings (all when ``meeting_ids`` is None; an id merged into another meeting checks that
    one); replace their stored findings with these. Verdicts recorded by hand are kept: they are keyed by
    what a finding says, not by its row (``store/verdicts.py``)."""
    meetings = load_meetings(db, meeting_ids)
    index = record_index(db, kb)
    findings = [
        f for m in meetings for f in (*check_gathering(m, kb), *check_terms(m, kb), *check_records(m, kb, index))
    ]
    at = now()
    with db.transaction():
        ids = [m.id for m in meetings]
        for chunk, marks in in_chunks(ids):
            db.execute(f"DELETE FROM findings WHERE meeting_id IN ({marks})", chunk)
        db.executemany(
            "INSERT INTO findings (meeting_id, check_name, field, stated, expected, record, record_id, severity, "
            "message, confidence, reasoning, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    f.meeting_id,
                    f.check_name,
                    f.field,
                    f.stated,
                    f.expected,
                    f.record,
                    f.record_id,
                    f.severity,
                    f.message,
                    f.confidence,
                    f.reasoning,
                    at,
                )
                for f in findings
            ],
        )
    return findings


def record_index(db: Database, kb: KnowledgeBase) -> RecordIndex:
    """The reference records of the library, indexed for the checks; built once per connection and
    knowledge base while the records stay the same (an ingest checks the meetings of every document)."""
    stamp = db.query("SELECT COUNT(*) AS n, MAX(id) AS last FROM reference_records")[0]
    cached = db.memo.get("record_index")
    if cached and cached[0] is kb and cached[1] == (stamp["n"], stamp["last"]):
        return cast(RecordIndex, cached[2])
    index = RecordIndex.build(load_records(db), kb)
    db.memo["record_index"] = (kb, (stamp["n"], stamp["last"]), index)
    return index


def check_report(db: Database, kb: KnowledgeBase, meeting_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Check the meetings (all when ``meeting_ids`` is None) and report each with its verdict, the verdict's
    confidence and reason, and its findings: what `summitline check` prints."""
    return summarize(db, check_meetings(db, kb, meeting_ids), meeting_ids, kb)


def summarize(
    db: Database, findings: list[Finding], meeting_ids: list[str] | None = None, kb: KnowledgeBase | None = None
) -> list[dict[str, Any]]:
    """Each checked meeting with its findings (with their ids and hand verdicts) and a verdict:
    contradicted (a warning nobody dismissed), supported (only ``info`` findings besides dismissed ones) or
    unchecked. ``reason`` is one sentence: the reasoning of the finding the verdict rests on (the surest
    standing warning, else the surest support), or why nothing could be checked (given ``kb``, which records
    could not tell and why); ``confidence`` is that finding's, None when unchecked."""
    by_meeting: dict[str, list[Finding]] = {}
    for f in findings:
        by_meeting.setdefault(f.meeting_id, []).append(f)
    out = []
    meetings = load_meetings(db, meeting_ids)
    recorded = verdicts_for(db, [m.id for m in meetings])
    index = record_index(db, kb) if kb is not None else None
    for m in meetings:
        mine = with_verdicts(m.id, [f.to_dict() for f in by_meeting.get(m.id, [])], recorded[m.id])
        standing = standing_warnings(mine)
        supports = [f for f in mine if f["severity"] == "info"]
        verdict = "contradicted" if standing else "supported" if supports else "unchecked"
        basis = max(standing or supports, key=lambda f: f["confidence"], default=None)
        if basis is not None:
            reason = basis["reasoning"]
        elif kb is not None and index is not None:
            reason = why_unchecked(m, kb, index, dismissed=bool(mine))
        else:
            reason = "No summit, term of office or record bore on this meeting's date, place or titles."
        out.append(
            {
                "id": m.id,
                "date": m.data["date"],
                "leaders": [p["name"] for p in m.data["participants"]],
                "place": m.place.get("name"),
                "verdict": verdict,
                "confidence": basis["confidence"] if basis is not None else None,
                "reason": reason,
                "findings": mine,
            }
        )
    return out
