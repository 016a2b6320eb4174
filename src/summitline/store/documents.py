"""Documents already in the library: naming them, taking them out, and giving them a new extraction.

A document is named by its id, its SHA-256 (or a prefix of it of at least 8 hex digits), or its path, URL or
source as stored (:func:`find_documents`).

Removing documents (:func:`remove_documents`, one transaction for all of them) deletes them with their
mentions; a meeting left with no source is deleted, the meetings that keep some are merged again in place
(``remerge.py``), so they keep their ids, and checked again. A deleted meeting leaves no alias behind: its id
is free again, so that ingesting the document again brings the meeting back under the same id, with the
verdicts recorded on its findings (they are kept by meeting id, ``verdicts.py``).

Giving a document a new extraction (:func:`reread_document`) replaces its mentions: each new mention takes
over the row, and so the id, of the old mention it matches (the same values; else the same leaders and date;
else the same leaders), so the meetings built on it keep their ids, and an extraction that finds what the
stored one found changes nothing at all.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SummitlineError
from ..kb import KnowledgeBase
from ..records import Caption, Document, Extraction
from .changes import MeetingChanges, compare, snapshot
from .database import Database, Row, in_chunks
from .library import (
    MentionRow,
    in_locked_transaction,
    insert_mention,
    lock_pairs,
    mention_row,
    remerge_and_check,
    text_of,
    update_mention,
)

_SHA_PREFIX = re.compile(r"[0-9a-f]{8,64}")
_DOCUMENT_COLUMNS = "id, sha256, source, path, url, title, published, media_type, ingested_at"

#: how a document may be named, for error messages
NAMES = "a document's id, its sha256 (8 or more hex digits of it), or its path or URL as ingested"


class DocumentNotFoundError(SummitlineError):
    """A reference that names no document of the library, or several."""


class TextNotKeptError(SummitlineError):
    """A document ingested with ``--store-text none``: its text was not kept, so it cannot be read again."""


@dataclass(slots=True)
class Reread:
    """What giving one document a new extraction did."""

    mentions_before: int
    mentions_after: int
    rewritten: bool  # False when the new extraction found exactly what was stored: nothing was written
    changes: MeetingChanges


def find_documents(db: Database, refs: list[str]) -> list[Row]:
    """The stored documents these references name (without their text), each once, in the order named.

    Every reference must name exactly one document; the first that names none or several is a
    :class:`DocumentNotFoundError`, so that a caller changes nothing when one is wrong."""
    found: dict[int, Row] = {}
    for ref in refs:
        rows = _named(db, ref.strip())
        if not rows:
            raise DocumentNotFoundError(
                f"no document {ref!r} in the library; give {NAMES} (`summitline show MEETING_ID` lists a "
                "meeting's documents)"
            )
        if len(rows) > 1:
            listed = "; ".join(f"{r['id']} (sha256 {r['sha256'][:12]}, ingested {r['ingested_at']})" for r in rows[:5])
            raise DocumentNotFoundError(f"{ref!r} names {len(rows)} documents: {listed}; give one id or sha256")
        found.setdefault(int(rows[0]["id"]), rows[0])
    return list(found.values())


def _named(db: Database, ref: str) -> list[Row]:
    select = f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE "
    if ref.isdigit():
        rows = db.query(select + "id = ?", (int(ref),))
        if rows:
            return rows
    if _SHA_PREFIX.fullmatch(ref.lower()):
        rows = db.query(select + "sha256 LIKE ? ORDER BY id", (ref.lower() + "%",))
        if rows:
            return rows
    if not ref:
        return []
    spellings = sorted({ref, str(Path(ref)), str(Path(ref).resolve()), os.path.relpath(Path(ref).resolve())})
    marks = ",".join("?" * len(spellings))
    return db.query(select + f"path IN ({marks}) OR url = ? OR source = ? ORDER BY id", (*spellings, ref, ref))


def all_document_ids(db: Database) -> list[int]:
    return [int(r["id"]) for r in db.query("SELECT id FROM documents ORDER BY id")]


def stored_document(db: Database, doc_id: int) -> Document:
    """A stored document as a :class:`Document` to extract again: its cleaned text and metadata as stored,
    its publication date among them, and the photo captions its mentions hold (an HTML page's figure
    captions are not stored otherwise)."""
    row = db.query(f"SELECT {_DOCUMENT_COLUMNS}, text, text_kept, text_zlib FROM documents WHERE id = ?", (doc_id,))
    if not row:
        raise DocumentNotFoundError(f"no document {doc_id} in the library (removed meanwhile?)")
    r = row[0]
    text = text_of(r)
    if text is None:
        raise TextNotKeptError(
            f"document {doc_id} ({r['path'] or r['url'] or r['source']}) was ingested with --store-text none: its "
            "text was not kept, so it cannot be read again; ingest it again from its source with --force"
        )
    captions: dict[tuple[str | None, str | None], Caption] = {}
    for m in db.query("SELECT data FROM mentions WHERE document_id = ? ORDER BY ordinal", (doc_id,)):
        photo = json.loads(m["data"]).get("photo")
        if photo and photo.get("caption"):
            captions.setdefault((photo["caption"], photo.get("credit")), Caption(photo["caption"], photo.get("credit")))
    return Document(
        text=text,
        sha256=r["sha256"],
        path=r["path"],
        url=r["url"],
        title=r["title"],
        published=r["published"],
        published_source="stored" if r["published"] else None,
        media_type=r["media_type"] or "text/plain",
        captions=list(captions.values()),
    )


def stored_texts(db: Database, doc_ids: list[int]) -> dict[int, str | None]:
    """The stored text (the text evidence offsets refer to) of these documents, by id, whether it was kept
    whole or compressed; None for a document whose text was not kept (``--store-text none``)."""
    out: dict[int, str | None] = {}
    for chunk, marks in in_chunks(sorted(set(doc_ids))):
        for r in db.query(f"SELECT id, text, text_kept, text_zlib FROM documents WHERE id IN ({marks})", chunk):
            out[int(r["id"])] = text_of(r)
    return out


def remove_documents(db: Database, doc_ids: list[int], kb: KnowledgeBase) -> MeetingChanges:
    """Delete these documents and their mentions, the meetings left with no source, and merge and check
    again the meetings that keep some; one transaction. Returns what happened to the meetings."""
    ids = sorted(set(doc_ids))

    def work(locks: set[str]) -> MeetingChanges:
        keys = lock_pairs(db, locks, lambda: _keys_reached(db, ids))
        before = snapshot(db, keys)
        holding = _holding(db, ids)
        for chunk, marks in in_chunks(ids):
            db.execute(f"DELETE FROM documents WHERE id IN ({marks})", chunk)
        _drop_sourceless(db, holding)
        written = remerge_and_check(db, keys, kb, locks)
        return compare(db, before, written)

    return in_locked_transaction(db, f"removing document(s) {', '.join(map(str, ids))}", work)


def reread_document(
    db: Database, doc_id: int, extraction: Extraction, kb: KnowledgeBase, metadata: dict[str, Any] | None = None
) -> Reread:
    """Replace a stored document's mentions with those of ``extraction`` (of the same text), merge and check
    again the meetings that reach, in one transaction. ``metadata``: columns of ``documents`` to set too
    (``published``, ``url``, ``source``, ``title``, ``path``)."""
    rows = [mention_row(i, m) for i, m in enumerate(extraction.meetings)]

    def work(locks: set[str]) -> Reread:
        keys = lock_pairs(db, locks, lambda: _keys_reached(db, [doc_id]) | {r.key for r in rows})
        if metadata:
            sets = ", ".join(f"{column} = ?" for column in sorted(metadata))
            db.execute(f"UPDATE documents SET {sets} WHERE id = ?", (*(metadata[c] for c in sorted(metadata)), doc_id))
        old = db.query(
            "SELECT id, ordinal, participants_key, date, data FROM mentions WHERE document_id = ? ORDER BY ordinal, id",
            (doc_id,),
        )
        if [(o["ordinal"], o["data"]) for o in old] == [(r.ordinal, r.data) for r in rows]:
            return Reread(len(old), len(rows), False, MeetingChanges())
        before = snapshot(db, keys)
        holding = _holding(db, [doc_id])
        _replace_mentions(db, doc_id, old, rows)
        _drop_sourceless(db, holding)
        written = remerge_and_check(db, keys, kb, locks)
        return Reread(len(old), len(rows), True, compare(db, before, written))

    return in_locked_transaction(db, f"document {doc_id}", work)


#: how a new mention finds the old one whose row it takes: the same values, else leaders and date, else leaders
_MATCHES: tuple[tuple[Callable[[Row], Any], Callable[[MentionRow], Any]], ...] = (
    (lambda o: o["data"], lambda n: n.data),
    (lambda o: (o["participants_key"], o["date"]), lambda n: (n.key, n.values[0])),
    (lambda o: o["participants_key"], lambda n: n.key),
)


def _replace_mentions(db: Database, doc_id: int, old: list[Row], new: list[MentionRow]) -> None:
    taken: dict[int, int] = {}  # index in new -> id of the old mention whose row it takes
    free = list(old)
    for old_key, new_key in _MATCHES:
        for i, row in enumerate(new):
            if i in taken:
                continue
            match = next((o for o in free if old_key(o) == new_key(row)), None)
            if match is not None:
                taken[i] = int(match["id"])
                free.remove(match)
    ordinals = {int(o["id"]): (o["ordinal"], o["data"]) for o in old}
    for chunk, marks in in_chunks([int(o["id"]) for o in free]):
        db.execute(f"DELETE FROM mentions WHERE id IN ({marks})", chunk)
    for i, row in enumerate(new):
        if i not in taken:
            insert_mention(db, doc_id, row)
        elif ordinals[taken[i]] != (row.ordinal, row.data):
            update_mention(db, taken[i], row)


def _keys_reached(db: Database, doc_ids: list[int]) -> set[str]:
    """The sets of leaders of these documents' mentions and of every mention of the meetings holding them."""
    keys: set[str] = set()
    for chunk, marks in in_chunks(doc_ids):
        rows = db.query(
            f"SELECT DISTINCT participants_key FROM mentions WHERE document_id IN ({marks}) UNION "
            "SELECT DISTINCT m.participants_key FROM meeting_sources s "
            "JOIN meeting_sources t ON t.meeting_id = s.meeting_id JOIN mentions m ON m.id = t.mention_id "
            f"WHERE s.document_id IN ({marks})",
            [*chunk, *chunk],
        )
        keys |= {r["participants_key"] for r in rows}
    return keys


def _holding(db: Database, doc_ids: list[int]) -> list[str]:
    held: set[str] = set()
    for chunk, marks in in_chunks(doc_ids):
        held |= {
            r["meeting_id"]
            for r in db.query(f"SELECT DISTINCT meeting_id FROM meeting_sources WHERE document_id IN ({marks})", chunk)
        }
    return sorted(held)


def _drop_sourceless(db: Database, meeting_ids: list[str]) -> None:
    """Delete those of these meetings that no mention is left in (their findings go with them), and the
    aliases of ids once merged into them."""
    gone = [
        mid
        for mid in meeting_ids
        if db.scalar("SELECT 1 FROM meeting_sources WHERE meeting_id = ? LIMIT 1", (mid,)) is None
    ]
    for chunk, marks in in_chunks(gone):
        db.execute(f"DELETE FROM meeting_aliases WHERE meeting_id IN ({marks})", chunk)
        db.execute(f"DELETE FROM meetings WHERE id IN ({marks})", chunk)
