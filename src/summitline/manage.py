"""Correcting the library: removing documents, and extracting stored documents again.

:func:`remove` takes documents out as if they had never been ingested: their mentions go, a meeting left
with no source goes, the others are merged again in place and keep their ids. :func:`reextract` runs the
current extractor and knowledge base on the text the library stored (after an upgrade, a change to the
knowledge base, or a corrected publication date) and replaces each document's mentions, keeping its
publication date, source and URL; meetings keep their ids where they keep their mentions, and verdicts
recorded by hand stay with them. Both say what happened to the meetings (:class:`MeetingChanges`). Running
:func:`reextract` twice with nothing changed in between changes nothing the second time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import ConfigError, SummitlineError
from .ingest import DocumentTimeout, time_limit
from .kb import KnowledgeBase
from .pipeline import extract_document
from .store.changes import MeetingChanges
from .store.database import Database, Row
from .store.documents import (
    all_document_ids,
    find_documents,
    remove_documents,
    reread_document,
    stored_document,
)

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Removal:
    """What :func:`remove` did: the documents removed (id, sha256, path, url, source) and the meetings."""

    documents: list[Row]
    meetings: MeetingChanges


def remove(db: Database, refs: list[str], kb: KnowledgeBase) -> Removal:
    """Remove the documents ``refs`` name (see ``store/documents.py``): all of them or, when one names no
    document or several, none."""
    if not refs:
        raise ConfigError("name at least one document to remove")
    documents = find_documents(db, refs)
    changes = remove_documents(db, [int(d["id"]) for d in documents], kb)
    return Removal(documents, changes)


@dataclass(slots=True)
class ReextractSummary:
    """What :func:`reextract` did. ``documents`` counts the documents read again, ``changed`` those whose
    mentions changed, ``failed`` those that could not be extracted (left as they were)."""

    documents: int = 0
    changed: int = 0
    mentions_before: int = 0
    mentions_after: int = 0
    meetings: MeetingChanges = field(default_factory=MeetingChanges)
    failures: list[tuple[str, str]] = field(default_factory=list)


def documents_to_reextract(db: Database, refs: list[str] | None) -> list[int]:
    """The ids of the documents ``refs`` name (every one must name one), or of every document for None."""
    if refs is None:
        return all_document_ids(db)
    if not refs:
        raise ConfigError("name the documents to extract again, or give --all for every document")
    return [int(d["id"]) for d in find_documents(db, refs)]


def reextract(
    db: Database,
    kb: KnowledgeBase,
    doc_ids: list[int],
    *,
    on_progress: Callable[[str, str], None] | None = None,
    doc_timeout: float | None = None,
) -> ReextractSummary:
    """Extract these stored documents again and replace their mentions, each document in its own
    transaction; report each outcome ("changed", "same", "failed") with the document's label to
    ``on_progress``. A document whose extraction fails or runs out of ``doc_timeout`` seconds keeps its
    mentions and is listed in ``failures``."""
    summary = ReextractSummary()
    for doc_id in doc_ids:
        label = f"document {doc_id}"
        try:
            doc = stored_document(db, doc_id)  # a document whose text was not kept fails here, with the reason
            label = doc.path or doc.url or label
            with time_limit(doc_timeout):
                extraction = extract_document(doc, kb)
        except DocumentTimeout:
            summary.failures.append((label, f"extraction took longer than {doc_timeout:g} s"))
            _tell(on_progress, label, "failed")
            continue
        except SummitlineError as exc:
            summary.failures.append((label, str(exc)))
            _tell(on_progress, label, "failed")
            continue
        except Exception as exc:  # a defect: this document's failure, the others go on
            log.debug("unexpected error extracting %s", label, exc_info=True)
            summary.failures.append((label, f"unexpected error ({type(exc).__name__}: {exc}); please report it"))
            _tell(on_progress, label, "failed")
            continue
        done = reread_document(db, doc_id, extraction, kb)
        summary.documents += 1
        summary.mentions_before += done.mentions_before
        summary.mentions_after += done.mentions_after
        summary.changed += done.rewritten
        summary.meetings.then(done.changes)
        _tell(on_progress, label, "changed" if done.rewritten else "same")
    return summary


def _tell(callback: Callable[[str, str], None] | None, label: str, outcome: str) -> None:
    if callback:
        callback(label, outcome)
