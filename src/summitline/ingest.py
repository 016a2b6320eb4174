"""Ingest: many sources into the library, each document in its own transaction, nothing lost.

Sources are files, directories (recursively: .txt, .html, .htm, .jsonl), http(s)
URLs, and JSONL files whose lines are documents (``text`` or ``html``, plus
optional ``url``, ``title``, ``published``), and the documents of a manifest, each
with its own publication date (``manifest.py``). A document already in the library
(same SHA-256 of its bytes) is skipped, or with ``force`` read again: its mentions
are replaced as ``summitline reextract`` replaces them (``store/documents.py``), and
the publication date, URL, title and source this ingest gives replace the stored
ones. A document that cannot be used is recorded with its reason and the rest go
on. So is a document whose reading, extraction or storing raises an unexpected
exception (a defect, recorded with the exception's type and message), and one whose
reading and extraction take longer than ``doc_timeout`` seconds. Every source counts
once: ``read == new + reread + skipped + failed``.

The time limit is an interval timer (``signal.setitimer``, SIGALRM) whose handler
raises in the ingesting code, so nothing runs in another thread and nothing is
killed; it takes effect between Python bytecodes. It is armed only on POSIX, in
the main thread, and when no other timer is pending (pytest-timeout, a caller's
own alarm); elsewhere documents have no time limit. Storing a document is never
interrupted: its transaction is all or nothing anyway.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from .config import Settings
from .errors import ConfigError, InputError, SummitlineError
from .kb import KnowledgeBase
from .manifest import ManifestEntry
from .pipeline import extract_document
from .read import read_bytes, read_path, read_url
from .read.text import encode_text
from .records import Document, Extraction
from .store.changes import MeetingChanges
from .store.database import Database
from .store.documents import find_documents, reread_document
from .store.library import add_extraction, document_id, record_failure

if TYPE_CHECKING:  # httpx is imported only when a URL is fetched
    import httpx

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")

#: seconds to read and extract one document; news articles take milliseconds, the whole 50 MB a document
#: may hold about half a minute: the limit guards against a defect, it does not ration work
DEFAULT_DOC_TIMEOUT = 60.0

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did. Every source counts once: ``read == new + reread + skipped + failed``."""

    read: int = 0  # documents and unusable sources (a missing file, a bad JSONL line) met
    new: int = 0
    reread: int = 0  # already in the library, read again (``force``)
    skipped: int = 0  # already in the library
    failed: int = 0  # recorded in the library's failures, with the reason
    meetings_found: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    reread_changes: MeetingChanges = field(default_factory=MeetingChanges)  # what re-reading did to meetings

    def fail(self, label: str, reason: str) -> str:
        self.failed += 1
        self.failures.append((label, reason))
        return "failed"


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One document to ingest: where it comes from and how to read it."""

    label: str
    load: Callable[[], Document]
    published: str | None = None  # this document's own publication date (a manifest's), before --published


def iter_sources(
    sources: list[str],
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    manifest: Sequence[ManifestEntry] = (),
) -> Iterator[SourceItem | tuple[str, str]]:
    """Documents to read, in a stable order (the sources, then the manifest's documents); a (label, reason)
    pair for a source that is unusable as a whole."""
    for entry in manifest:
        yield SourceItem(entry.label, lambda e=entry: _from_entry(e, settings, transport), entry.published)  # type: ignore[misc]
    for source in sources:
        if source.startswith(("http://", "https://")):
            yield SourceItem(source, lambda s=source: read_url(s, settings, transport))  # type: ignore[misc]
            continue
        path = Path(source)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in DOCUMENT_SUFFIXES:
                    yield SourceItem(str(child), lambda c=child: read_path(c, settings))  # type: ignore[misc]
                elif child.suffix.lower() == ".jsonl":
                    yield from _jsonl(child)
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            yield from _jsonl(path)
        elif not path.exists():
            yield (source, "no such file or directory")
        else:
            yield SourceItem(str(path), lambda p=path: read_path(p, settings))  # type: ignore[misc]


def _jsonl(path: Path) -> Iterator[SourceItem | tuple[str, str]]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            label = f"{path}:{n}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield (label, f"not a JSON object ({exc.msg})")
                continue
            if not isinstance(record, dict) or not (record.get("text") or record.get("html")):
                yield (label, "a JSONL line needs a 'text' or an 'html' field")
                continue
            yield SourceItem(label, lambda r=record, lab=label: _from_record(r, lab))  # type: ignore[misc]


def _from_record(record: dict, label: str) -> Document:
    body = record.get("html") or record.get("text")
    media = "text/html" if record.get("html") else "text/plain"
    doc = read_bytes(encode_text(str(body)), label=label, url=record.get("url"), media_type=media)
    if record.get("title"):
        doc.title = str(record["title"])
    if record.get("published"):
        doc.published, doc.published_source = str(record["published"])[:10], "given"
    return doc


def _from_entry(entry: ManifestEntry, settings: Settings, transport: httpx.BaseTransport | None) -> Document:
    doc = read_url(entry.url, settings, transport) if entry.url else read_path(entry.path or Path(), settings)
    return dataclasses.replace(doc, title=entry.title) if entry.title else doc


def ingest(
    db: Database,
    sources: list[str],
    kb: KnowledgeBase,
    settings: Settings,
    *,
    manifest: Sequence[ManifestEntry] = (),
    force: bool = False,
    on_progress: Callable[[str, str], None] | None = None,
    transport: httpx.BaseTransport | None = None,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
) -> IngestSummary:
    """Read, extract and store every document of the sources and of the ``manifest`` (``read_manifest``);
    report each outcome ("new", "re-read", "skipped", "failed") to ``on_progress``. ``force``: read a
    document already in the library again rather than skip it. ``doc_timeout``: seconds to read and extract
    one document (None: no limit). Only an error of the library itself (it cannot record a failure) or an
    interrupt stops the ingest."""
    if doc_timeout is not None and not doc_timeout > 0:
        raise ConfigError(f"doc_timeout {doc_timeout}: give a number of seconds above zero, or None for no limit")
    summary = IngestSummary()
    for item in iter_sources(sources, settings, transport, manifest):
        summary.read += 1
        if isinstance(item, tuple):
            label, reason = item
            record_failure(db, label, reason)
            outcome = summary.fail(label, reason)
        else:
            label, outcome = item.label, _ingest_one(db, item, kb, settings, summary, doc_timeout, force)
        _tell(on_progress, label, outcome)
    return summary


def _ingest_one(
    db: Database,
    item: SourceItem,
    kb: KnowledgeBase,
    settings: Settings,
    summary: IngestSummary,
    limit: float | None,
    force: bool,
) -> str:
    stage = "reading"
    try:
        with time_limit(limit):
            doc = item.load()
            if not doc.text.strip():
                raise InputError("no readable text was found in the document")
            stage = "extracting"
            known = document_id(db, doc.sha256)
            extraction = None if known is not None and not force else _extract(db, doc, known, item, kb, settings)
        if extraction is None:  # counted outside the time limit: an alarm now would count it twice
            summary.skipped += 1
            return "skipped"
        stage = "storing"
        if known is not None:
            return _reread(db, known, extraction, item.label, kb, summary)
        if add_extraction(db, extraction, item.label, kb) is None:  # another process stored it first
            summary.skipped += 1
            return "skipped"
    except SummitlineError as exc:
        reason = str(exc)
    except DocumentTimeout:
        reason = (
            f"{stage} took longer than {limit:g} s, the limit per document (--doc-timeout); a document "
            "this slow is worth reporting: extraction takes time in proportion to its length"
        )
    except Exception as exc:  # a defect: this document's failure, not the end of the ingest
        log.debug("unexpected error %s %s", stage, item.label, exc_info=True)
        reason = (
            f"unexpected error {stage} the document ({type(exc).__name__}: {exc}); "
            + ("if the library database is sound, " if stage == "storing" else "")
            + "this is a defect in summitline: please report it with this document"
        )
    else:
        summary.new += 1
        summary.meetings_found += len(extraction.meetings)
        return "new"
    record_failure(db, item.label, reason)
    return summary.fail(item.label, reason)


def _extract(
    db: Database, doc: Document, known: int | None, item: SourceItem, kb: KnowledgeBase, settings: Settings
) -> Extraction:
    """The document's extraction; one already in the library keeps its stored publication date when this
    ingest gives none."""
    published = item.published or settings.published
    if known is not None and not published and not doc.published:
        stored = find_documents(db, [str(known)])[0]["published"]
        doc = dataclasses.replace(doc, published=stored, published_source="stored" if stored else None)
    return extract_document(doc, kb, published=published)


def _reread(
    db: Database, doc_id: int, extraction: Extraction, label: str, kb: KnowledgeBase, summary: IngestSummary
) -> str:
    """Replace a stored document's mentions (``force``); what this ingest gives of its metadata replaces
    what is stored."""
    doc = extraction.document
    given = {"published": doc.published, "url": doc.url, "title": doc.title, "path": doc.path}
    metadata = {"source": label, **{column: value for column, value in given.items() if value}}
    done = reread_document(db, doc_id, extraction, kb, metadata)
    summary.reread += 1
    summary.meetings_found += len(extraction.meetings)
    summary.reread_changes.then(done.changes)
    return "re-read"


class DocumentTimeout(BaseException):
    """Raised by the SIGALRM handler in the ingesting code when a document runs out of time.

    A ``BaseException``, like ``KeyboardInterrupt``, so that an ``except Exception`` on the way (HTML
    parsing catches broadly) does not swallow it; :func:`ingest` turns it into the document's failure."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block if it runs longer than ``seconds`` (see the module's
    docstring for where this can be armed; elsewhere, and with ``None``, the block runs unlimited)."""
    if seconds is None or not _can_alarm():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # even if the alarm went off right at the end: the handler is always put back
            signal.signal(signal.SIGALRM, previous)


def _can_alarm() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _tell(callback: Callable[[str, str], None] | None, label: str, outcome: str) -> None:
    if callback:
        callback(label, outcome)
