"""Ingest: many sources into the library, each document in its own transaction, nothing lost.

Sources are files, directories (recursively: .txt, .html, .htm, .jsonl), http(s)
URLs, and JSONL files whose lines are documents (``text`` or ``html``, plus
optional ``url``, ``title``, ``published``). A document already in the library
(same SHA-256 of its bytes) is skipped; one that cannot be used is recorded with
its reason and the rest go on. So is a document whose reading, extraction or
storing raises an unexpected exception (a defect, recorded with the exception's
type and message), and one whose reading and extraction take longer than
``doc_timeout`` seconds. Every source counts once: ``read == new + skipped + failed``.

The time limit is an interval timer (``signal.setitimer``, SIGALRM) whose handler
raises in the ingesting code, so nothing runs in another thread and nothing is
killed; it takes effect between Python bytecodes. It is armed only on POSIX, in
the main thread, and when no other timer is pending (pytest-timeout, a caller's
own alarm); elsewhere documents have no time limit. Storing a document is never
interrupted: its transaction is all or nothing anyway.
"""

from __future__ import annotations

import json
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from .config import Settings
from .errors import ConfigError, InputError, SummitlineError
from .kb import KnowledgeBase
from .pipeline import extract_document
from .read import read_bytes, read_path, read_url
from .read.text import encode_text
from .records import Document
from .store.database import Database
from .store.library import add_extraction, has_document, record_failure

if TYPE_CHECKING:  # httpx is imported only when a URL is fetched
    import httpx

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")

#: seconds to read and extract one document; news articles take milliseconds, the whole 50 MB a document
#: may hold about half a minute: the limit guards against a defect, it does not ration work
DEFAULT_DOC_TIMEOUT = 60.0

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did. Every source counts once: ``read == new + skipped + failed``."""

    read: int = 0  # documents and unusable sources (a missing file, a bad JSONL line) met
    new: int = 0
    skipped: int = 0  # already in the library
    failed: int = 0  # recorded in the library's failures, with the reason
    meetings_found: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def fail(self, label: str, reason: str) -> str:
        self.failed += 1
        self.failures.append((label, reason))
        return "failed"


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One document to ingest: where it comes from and how to read it."""

    label: str
    load: Callable[[], Document]


def iter_sources(
    sources: list[str], settings: Settings, transport: httpx.BaseTransport | None = None
) -> Iterator[SourceItem | tuple[str, str]]:
    """Documents to read, in a stable order; a (label, reason) pair for a source that is unusable as a whole."""
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


def ingest(
    db: Database,
    sources: list[str],
    kb: KnowledgeBase,
    settings: Settings,
    *,
    on_progress: Callable[[str, str], None] | None = None,
    transport: httpx.BaseTransport | None = None,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
) -> IngestSummary:
    """Read, extract and store every document of the sources; report each outcome ("new", "skipped",
    "failed") to ``on_progress``. ``doc_timeout``: seconds to read and extract one document (None: no limit).
    Only an error of the library itself (it cannot record a failure) or an interrupt stops the ingest."""
    if doc_timeout is not None and not doc_timeout > 0:
        raise ConfigError(f"doc_timeout {doc_timeout}: give a number of seconds above zero, or None for no limit")
    summary = IngestSummary()
    for item in iter_sources(sources, settings, transport):
        summary.read += 1
        if isinstance(item, tuple):
            label, reason = item
            record_failure(db, label, reason)
            outcome = summary.fail(label, reason)
        else:
            label, outcome = item.label, _ingest_one(db, item, kb, settings, summary, doc_timeout)
        _tell(on_progress, label, outcome)
    return summary


def _ingest_one(
    db: Database, item: SourceItem, kb: KnowledgeBase, settings: Settings, summary: IngestSummary, limit: float | None
) -> str:
    stage = "reading"
    try:
        with time_limit(limit):
            doc = item.load()
            if not doc.text.strip():
                raise InputError("no readable text was found in the document")
            stage = "extracting"
            known = has_document(db, doc.sha256)
            extraction = None if known else extract_document(doc, kb, published=settings.published)
        if extraction is None:  # counted outside the time limit: an alarm now would count it twice
            summary.skipped += 1
            return "skipped"
        stage = "storing"
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
