"""Library operations: plain functions over a :class:`Database`. The CLI holds no SQL; this module does."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from ..kb import KnowledgeBase
from ..merge import participants_key
from ..records import Document, Extraction, Meeting
from .database import Database, Row, StoreError, now
from .remerge import WiderLock, pair_locks, remerge
from .verdicts import verdicts_for, with_verdicts

#: times a PostgreSQL writer starts a document's transaction again holding more locks (see ``remerge.py``)
LOCK_ROUNDS = 8

T = TypeVar("T")

#: how a document's text is kept: whole, zlib-compressed, or not at all (``ingest --store-text``)
TextKept = Literal["full", "compressed", "none"]
TEXT_KEPT: tuple[TextKept, ...] = ("full", "compressed", "none")


def has_document(db: Database, sha256: str) -> bool:
    return db.scalar("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)) is not None


def document_id(db: Database, sha256: str) -> int | None:
    """The id of the stored document with this SHA-256, or None."""
    found = db.scalar("SELECT id FROM documents WHERE sha256 = ?", (sha256,))
    return None if found is None else int(found)


def add_extraction(
    db: Database,
    extraction: Extraction,
    source: str,
    kb: KnowledgeBase,
    *,
    text: TextKept = "full",
    crawled: str | None = None,
) -> int | None:
    """Store one document and its mentions, merge again the meetings they touch, updating them in place, and
    check those meetings again (one transaction).

    Returns the new document's id, or None when the library already holds the document: another process
    may have stored it since :func:`has_document` said no, and then nothing is stored twice.

    Safe with other processes writing at once: on SQLite the transaction holds the write lock; on PostgreSQL
    it holds a lock for each pair of leaders of the meetings it re-merges, so a re-merge sees the mentions
    every earlier one stored and none is lost. Inside a caller's transaction (a batch of documents), it is
    all or nothing as a savepoint.

    ``text``: keep the document's text whole, compressed, or not at all; ``crawled``: the day the document
    was crawled (a WARC record's date)."""

    def store(locks: set[str]) -> int | None:
        doc_id = _insert_document(db, extraction.document, source, text, crawled)
        if doc_id is None:
            return None
        rows = [mention_row(i, m) for i, m in enumerate(extraction.meetings)]
        for row in rows:
            insert_mention(db, doc_id, row)
        keys = {row.key for row in rows}
        locks |= pair_locks(keys)
        db.lock(locks)
        remerge_and_check(db, keys, kb, locks, new_documents=[doc_id])
        return doc_id

    return in_locked_transaction(db, source, store)


def in_locked_transaction(db: Database, what: str, work: Callable[[set[str]], T]) -> T:
    """Run ``work(locks)`` in a transaction, again with more locks whenever it raises :class:`WiderLock`.

    ``work`` adds to ``locks`` the pair locks it takes (``db.lock``) and passes them to the re-merge, which
    asks for more when the meetings it reaches need them (PostgreSQL; on SQLite the transaction holds the
    whole library)."""
    locks: set[str] = set()
    for _ in range(LOCK_ROUNDS):
        try:
            with db.transaction(), savepoint(db):
                return work(locks)
        except WiderLock as wider:
            locks |= wider.names
    raise StoreError(
        f"{what}: the meetings it touches kept changing under other writers ({LOCK_ROUNDS} tries); try again"
    )


def lock_extractions(db: Database, extractions: list[Extraction]) -> None:
    """Inside a transaction of several documents: take at once, in sorted order, the pair locks of all
    their mentions (PostgreSQL; nothing on SQLite), so that two such transactions seldom wait for each other."""
    keys = {participants_key(m.to_dict()["participants"]) for e in extractions for m in e.meetings}
    db.lock(pair_locks(keys))


def retry_later(exc: BaseException) -> bool:
    """A database error that says: try the same transaction again (PostgreSQL's deadlock or serialization
    failure, SQLite's busy library)."""
    return getattr(exc, "sqlstate", None) in ("40P01", "40001") or "database is locked" in str(exc)


@contextmanager
def savepoint(db: Database) -> Iterator[None]:
    """Inside a transaction: what the block wrote is undone when it raises, and only that, so that a
    transaction of many documents can start one of them again (holding more locks) or give it up."""
    db.execute("SAVEPOINT summitline_work")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK TO SAVEPOINT summitline_work")
        db.execute("RELEASE SAVEPOINT summitline_work")
        raise
    db.execute("RELEASE SAVEPOINT summitline_work")


def lock_pairs(db: Database, locks: set[str], keys: Callable[[], set[str]]) -> set[str]:
    """The sets of leaders ``keys()`` finds, read again once their pair locks are held (PostgreSQL): a writer
    that changed them in between makes the transaction start again holding more (:class:`WiderLock`)."""
    found = keys()
    if db.dialect != "postgres":
        return found
    locks |= pair_locks(found)
    db.lock(locks)
    again = keys()
    if not pair_locks(again) <= locks:
        raise WiderLock(locks | pair_locks(again))
    return again


def remerge_and_check(
    db: Database, keys: set[str], kb: KnowledgeBase, locks: set[str], new_documents: list[int] | None = None
) -> list[str]:
    """Merge again the meetings of these sets of leaders, in place, and check the meetings written again;
    return their ids. ``new_documents``: when the mentions of these documents, just stored, are the only
    change, only the meetings near their dates are read and merged again (``remerge.py``)."""
    held = locks if db.dialect == "postgres" else None
    written = remerge(db, sorted(keys), kb, held=held, new_documents=new_documents)
    if written:
        from ..check.checks import check_meetings

        check_meetings(db, kb, written)
    return written


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One meeting of an extraction as the ``mentions`` table holds it."""

    ordinal: int
    key: str
    values: tuple[Any, ...]  # the columns of MENTION_COLUMNS after ordinal and participants_key

    @property
    def data(self) -> str:
        return str(self.values[-1])


MENTION_COLUMNS = (
    "ordinal, participants_key, date, date_first, date_last, date_precision, place_name, place_city, country, "
    "format, status, occasion, data"
)


def mention_row(ordinal: int, meeting: Meeting) -> MentionRow:
    data = meeting.to_dict()
    place = data.get("place") or {}
    first, last = _interval_iso(data["date"])
    values = (
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
    )
    return MentionRow(ordinal, participants_key(data["participants"]), values)


def insert_mention(db: Database, doc_id: int, row: MentionRow) -> None:
    db.execute(
        f"INSERT INTO mentions (document_id, {MENTION_COLUMNS}) VALUES (?{', ?' * 13})",
        (doc_id, row.ordinal, row.key, *row.values),
    )


def update_mention(db: Database, mention_id: int, row: MentionRow) -> None:
    """Give a stored mention new values, keeping its id (and so its place in the meetings built on it)."""
    sets = ", ".join(f"{c.strip()} = ?" for c in MENTION_COLUMNS.split(","))
    db.execute(f"UPDATE mentions SET {sets} WHERE id = ?", (row.ordinal, row.key, *row.values, mention_id))


def _insert_document(db: Database, doc: Document, source: str, kept: TextKept, crawled: str | None) -> int | None:
    text, packed = kept_text(doc.text, kept)
    return db.insert_new(
        "INSERT INTO documents (sha256, source, path, url, title, published, media_type, text, text_kept, "
        "text_zlib, crawled, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
        (
            doc.sha256,
            source,
            doc.path,
            doc.url,
            doc.title,
            doc.published,
            doc.media_type,
            text,
            kept,
            packed,
            crawled,
            now(),
        ),
    )


def kept_text(text: str, kept: TextKept) -> tuple[str, bytes | None]:
    """The ``text`` and ``text_zlib`` columns of a document whose text is kept so."""
    if kept == "compressed":
        return "", zlib.compress(text.encode("utf-8"), 6)
    return (text if kept == "full" else ""), None


def text_of(row: Row) -> str | None:
    """The text of a stored document from its ``text``, ``text_kept`` and ``text_zlib`` columns (None when
    it was not kept)."""
    kept = row.get("text_kept") or "full"
    if kept == "none":
        return None
    if kept == "compressed":
        return zlib.decompress(bytes(row["text_zlib"])).decode("utf-8")
    return str(row["text"])


def _interval_iso(value: str) -> tuple[str, str]:
    from ..merge import date_interval

    a, b = date_interval(value)
    return a.isoformat(), b.isoformat()


def record_failure(db: Database, source: str, reason: str, sha256: str | None = None) -> None:
    """Record a source that could not be used (in the caller's transaction when there is one)."""
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
    """Each meeting's stored findings, each with its ``id``, its ``confidence`` and ``reasoning`` (None on a
    finding stored before they existed, until it is checked again) and the ``verdict`` recorded on it by hand."""
    found = _by_meeting(
        db,
        "SELECT meeting_id, check_name, field, stated, expected, record, record_id, severity, message, confidence, "
        "reasoning FROM findings WHERE meeting_id IN ({marks}) ORDER BY id",
        meeting_ids,
    )
    recorded = verdicts_for(db, meeting_ids)
    return {mid: with_verdicts(mid, rows, recorded[mid]) for mid, rows in found.items()}


def _chunks(items: list[str], n: int) -> list[list[str]]:
    return [items[i : i + n] for i in range(0, len(items), n)]
