"""Writes from the web app: a pasted or uploaded document into the library, a verdict, a removal. Each is
one call of the library's own functions; the app checks the token before it gets here (``access.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..config import Settings
from ..errors import ConfigError, DocumentTooLargeError, InputError
from ..kb import KnowledgeBase
from ..pipeline import extract_document
from ..read import read_bytes
from ..store.database import Database
from ..store.library import add_extraction
from ..store.queries import document_id_by_sha256, document_meetings
from .chronology import _bounds, card


@dataclass(slots=True)
class Upload:
    """A document sent from the browser: its bytes, the file's name (None for pasted text) and type."""

    data: bytes
    filename: str | None = None
    media_type: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD


def ingest_upload(db: Database, kb: KnowledgeBase, upload: Upload, settings: Settings) -> dict[str, Any]:
    """Read, extract and store one uploaded document; return its id, whether it was new (``stored``) and the
    cards of the meetings it reports. A document the library holds already is not stored twice."""
    if len(upload.data) > settings.max_bytes:
        raise DocumentTooLargeError(
            f"{len(upload.data)} bytes is over the limit of {settings.max_bytes} bytes (SUMMITLINE_MAX_BYTES)"
        )
    if upload.published and (len(upload.published) != 10 or _bounds(upload.published) is None):
        raise ConfigError(f"published {upload.published!r}: give a day as YYYY-MM-DD")
    name = (upload.filename or "").replace("\x00", "")[-200:] or None
    label = f"upload:{name}" if name else "pasted text"
    media = upload.media_type if upload.media_type in ("text/html", "application/xhtml+xml") else None
    doc = read_bytes(upload.data, label=label, path=name, media_type=media)
    if not doc.text.strip():
        raise InputError(f"{label}: no readable text was found in the document")
    if upload.title:
        doc.title = upload.title.replace("\x00", "")
    if upload.published:
        doc.published, doc.published_source = upload.published, "given"
    doc_id = document_id_by_sha256(db, doc.sha256)
    stored = False
    if doc_id is None:
        extraction = extract_document(doc, kb, published=upload.published)
        doc_id = add_extraction(db, extraction, label, kb)
        stored = doc_id is not None
        doc_id = doc_id if doc_id is not None else document_id_by_sha256(db, doc.sha256)
    meetings = document_meetings(db, doc_id) if doc_id is not None else []
    return {"document_id": doc_id, "stored": stored, "meetings": [card(m, kb) for m in meetings]}


def remove_document(db: Database, kb: KnowledgeBase, document_id: int) -> dict[str, Any]:
    """Take one document out of the library (``summitline.manage.remove``): its meetings with no other
    source go, the others are merged again and keep their ids."""
    from ..manage import remove

    removal = remove(db, [str(document_id)], kb)
    return {"documents": [int(d["id"]) for d in removal.documents], "meetings": removal.meetings.to_dict()}
