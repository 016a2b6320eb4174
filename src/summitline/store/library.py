"""Library operations: plain functions over a :class:`Database`. The CLI holds no SQL; this module does."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ..kb import KnowledgeBase
from ..merge import MentionRecord, merge_mentions, participants_key
from ..records import Document, Extraction
from .database import Database, Row


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def has_document(db: Database, sha256: str) -> bool:
    return db.scalar("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)) is not None


def add_extraction(db: Database, extraction: Extraction, source: str, kb: KnowledgeBase) -> int | None:
    """Store one document, its mentions, and re-merge the meetings of the leaders it names (one transaction).

    Returns the new document's id, or None when the library already holds the document: another process
    may have stored it since :func:`has_document` said no, and then nothing is stored twice.

    Safe with other processes writing at once: on SQLite the transaction holds the write lock; on PostgreSQL
    it locks each set of leaders before re-merging their meetings, so a re-merge sees the mentions every
    earlier one stored and none is lost."""
    doc = extraction.document
    with db.transaction():
        doc_id = _insert_document(db, doc, source)
        if doc_id is None:
            return None
        keys = set()
        for ordinal, meeting in enumerate(extraction.meetings):
            data = meeting.to_dict()
            key = participants_key(data["participants"])
            keys.add(key)
            place = data.get("place") or {}
            first, last = _interval_iso(data["date"])
            db.execute(
                "INSERT INTO mentions (document_id, ordinal, participants_key, date, date_first, date_last, "
                "date_precision, place_name, place_city, country, format, status, occasion, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id,
                    ordinal,
                    key,
                    data["date"],
                    first,
                    last,
                    data["date_precision"],
                    place.get("name"),
                    place.get("city"),
                    place.get("country"),
                    data["format"],
                    data["status"],
                    data.get("occasion"),
                    json.dumps(data, ensure_ascii=False),
                ),
            )
        db.lock(f"meetings of {key}" for key in keys)
        remerge(db, sorted(keys), kb)
    return doc_id


def _insert_document(db: Database, doc: Document, source: str) -> int | None:
    return db.insert_new(
        "INSERT INTO documents (sha256, source, path, url, title, published, media_type, text, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
        (doc.sha256, source, doc.path, doc.url, doc.title, doc.published, doc.media_type, doc.text, now()),
    )


def _interval_iso(value: str) -> tuple[str, str]:
    from ..merge import date_interval

    a, b = date_interval(value)
    return a.isoformat(), b.isoformat()


def remerge(db: Database, keys: list[str], kb: KnowledgeBase) -> None:
    """Rebuild the merged meetings of these participant sets from all their mentions."""
    for key in keys:
        rows = db.query(
            "SELECT m.id, m.document_id, m.ordinal, m.data, d.sha256 FROM mentions m "
            "JOIN documents d ON d.id = m.document_id WHERE m.participants_key = ?",
            (key,),
        )
        mentions = [
            MentionRecord(r["id"], r["document_id"], r["sha256"], r["ordinal"], json.loads(r["data"])) for r in rows
        ]
        db.execute("DELETE FROM meetings WHERE participants_key = ?", (key,))
        for merged in merge_mentions(mentions, kb):
            _insert_meeting(db, merged)


def _insert_meeting(db: Database, merged: Any) -> None:
    f = merged.fields
    first, last = _interval_iso(f["date"])
    place = f.get("place") or {}
    data = {**f, "conflicts": merged.conflicts}
    db.execute(
        "INSERT INTO meetings (id, participants_key, date, date_first, date_last, date_precision, place_name, "
        "country, format, status, occasion, topics, source_count, conflict_count, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            merged.id,
            merged.participants_key,
            f["date"],
            first,
            last,
            f["date_precision"],
            place.get("name"),
            place.get("country"),
            f["format"],
            f["status"],
            f.get("occasion"),
            json.dumps(f["topics"]),
            len({m.document_id for m in merged.mentions}),
            len(merged.conflicts),
            json.dumps(data, ensure_ascii=False),
        ),
    )
    db.executemany(
        "INSERT INTO meeting_leaders (meeting_id, leader_id, name, country, date_first) VALUES (?, ?, ?, ?, ?)",
        [(merged.id, p.get("id") or p["name"], p["name"], p.get("country"), first) for p in f["participants"]],
    )
    db.executemany(
        "INSERT INTO meeting_sources (meeting_id, mention_id, document_id) VALUES (?, ?, ?)",
        [(merged.id, m.id, m.document_id) for m in merged.mentions],
    )


def record_failure(db: Database, source: str, reason: str, sha256: str | None = None) -> None:
    with db.transaction():
        db.execute(
            "INSERT INTO failures (source, sha256, reason, at) VALUES (?, ?, ?, ?)", (source, sha256, reason, now())
        )


def failures(db: Database) -> list[Row]:
    return db.query("SELECT source, reason, at FROM failures ORDER BY id")


def _by_meeting(db: Database, select: str, meeting_ids: list[str]) -> dict[str, list[Row]]:
    """Rows of ``select`` (whose first column is ``meeting_id`` and which ends in ``IN ({marks})``) per meeting."""
    out: dict[str, list[Row]] = {m: [] for m in meeting_ids}
    for chunk in _chunks(meeting_ids, 500):
        for r in db.query(select.format(marks=",".join("?" * len(chunk))), chunk):
            out[r.pop("meeting_id")].append(r)
    return out


def meeting_sources(db: Database, meeting_ids: list[str]) -> dict[str, list[Row]]:
    return _by_meeting(
        db,
        "SELECT DISTINCT s.meeting_id, d.id AS document_id, d.url, d.path, d.title, d.published "
        "FROM meeting_sources s JOIN documents d ON d.id = s.document_id WHERE s.meeting_id IN ({marks}) "
        "ORDER BY d.id",
        meeting_ids,
    )


def findings_for(db: Database, meeting_ids: list[str]) -> dict[str, list[Row]]:
    return _by_meeting(
        db,
        "SELECT meeting_id, check_name, field, stated, expected, record, record_id, severity, message "
        "FROM findings WHERE meeting_id IN ({marks}) ORDER BY id",
        meeting_ids,
    )


def _chunks(items: list[str], n: int) -> list[list[str]]:
    return [items[i : i + n] for i in range(0, len(items), n)]
