"""Ingest: many sources into the library, in batches of documents, resumable, nothing lost.

Sources are what ``read/streams.py`` reads: files, directories and globs of them, JSONL files of documents,
WARC and WARC.gz files, http(s) URLs and standard input, and the documents of a manifest, each with its
own publication date (``manifest.py``). A document already in the library (same SHA-256 of its bytes) is
skipped, or with ``force`` read again: its mentions are replaced as ``summitline reextract`` replaces them
(``store/documents.py``), and the publication date, URL, title and source this ingest gives replace the
stored ones. A record that cannot be used is recorded with its reason and the rest go on; so is one whose
reading, extraction or storing raises an unexpected exception (a defect, recorded with the exception's type
and message), and one whose reading and extraction take longer than ``doc_timeout`` seconds. An HTML page
that the first look shows can hold no meeting, on its bytes or on its main text (``crawl.py``), is counted
as such and not stored. Every record counts once: ``read == new + reread + skipped + failed + no_meeting``.

Reading and extraction (``crawl.extract_record``) run in-process, or with ``workers`` above 1 in worker
processes (``crawl.WorkerPool``; a stream of fewer than :data:`SMALL` records stays in-process, as starting
workers would cost more than it saves), or with ``cluster`` on a Dask cluster (``cluster.ClusterPool``). The
parent writes, in the order of the stream, several documents per transaction (:class:`_Writer`): the same
meetings as a serial run. A batch that raises is undone and written again one document per transaction, so
a defect in one document is that document's failure.

Resuming: each batch's transaction also stores the checkpoint of every input file it reached
(``store/checkpoints.py``): the position of the last record finished. Run again, an ingest passes over the
inputs finished (counting their records as skipped) and starts the others after their checkpoint. A
failed record holds its input's checkpoint back, so that it is tried again, as it always was; ``force``
reads every input from its start.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, BinaryIO

from .config import Settings
from .crawl import DocumentTimeout, RecordOptions, RecordOutcome, Task, WorkerPool, time_limit
from .errors import ConfigError, SummitlineError
from .kb import KnowledgeBase
from .manifest import ManifestEntry
from .pipeline import extract_document
from .read.streams import DOCUMENT_SUFFIXES, InputDone, Position, StreamItem, StreamRecord, Unusable, iter_records
from .records import Extraction
from .store.changes import MeetingChanges
from .store.checkpoints import Checkpoint, clear_checkpoints, file_identity, load_checkpoints, save_checkpoint
from .store.database import Database
from .store.documents import find_documents, reread_document
from .store.library import (
    TEXT_KEPT,
    TextKept,
    add_extraction,
    document_id,
    lock_extractions,
    record_failure,
    retry_later,
)

if TYPE_CHECKING:  # httpx is imported only when a URL is fetched
    import httpx

__all__ = [
    "DEFAULT_DOC_TIMEOUT",
    "DOCUMENT_SUFFIXES",
    "DocumentTimeout",
    "IngestSummary",
    "default_workers",
    "ingest",
    "time_limit",
]

#: seconds to read and extract one document; news articles take milliseconds, the whole 50 MB a document
#: may hold about half a minute: the limit guards against a defect, it does not ration work
DEFAULT_DOC_TIMEOUT = 60.0
#: a stream of fewer records than this is read in-process whatever ``workers`` says
SMALL = 24
#: documents per transaction, and the most seconds a batch waits before it is written
BATCH, BATCH_SECONDS = 64, 2.0
#: times a document is written again after the database said another writer's transaction crossed it
RETRIES = 5

log = logging.getLogger(__name__)


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did. Every record counts once: ``read == new + reread + skipped + failed + no_meeting``."""

    read: int = 0  # documents and unusable sources (a missing file, a bad JSONL line) met
    new: int = 0
    reread: int = 0  # already in the library, read again (``force``)
    skipped: int = 0  # already in the library (or finished by an earlier, interrupted ingest)
    failed: int = 0  # recorded in the library's failures, with the reason
    no_meeting: int = 0  # HTML pages the first look shows can hold no meeting (bytes or main text): not stored
    meetings_found: int = 0
    resumed: int = 0  # input files passed over, or started after their checkpoint
    failures: list[tuple[str, str]] = field(default_factory=list)
    reread_changes: MeetingChanges = field(default_factory=MeetingChanges)  # what re-reading did to meetings

    def fail(self, label: str, reason: str) -> str:
        self.failed += 1
        self.failures.append((label, reason))
        return "failed"


Progress = Callable[[str, str], None]


def ingest(
    db: Database,
    sources: Sequence[str],
    kb: KnowledgeBase,
    settings: Settings,
    *,
    manifest: Sequence[ManifestEntry] = (),
    force: bool = False,
    on_progress: Progress | None = None,
    on_advance: Callable[[int], None] | None = None,
    transport: httpx.BaseTransport | None = None,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    workers: int = 1,
    store_text: TextKept = "full",
    stdin: BinaryIO | None = None,
    cluster: Any = None,
) -> IngestSummary:
    """Read, extract and store every document of the sources and of the ``manifest`` (``read_manifest``);
    report each outcome ("new", "re-read", "skipped", "failed", "no meeting") to ``on_progress``, and the
    bytes of input files read so far to ``on_advance`` (``read.streams.input_bytes`` gives their total).
    ``force``: read a document already in the library again rather than skip it. ``doc_timeout``: seconds
    to read and extract one document (None: no limit). ``workers``: processes that read and extract.
    ``store_text``: keep documents' text ``full``, ``compressed`` or ``none``. ``stdin``: what ``-`` reads
    (default the process's standard input). ``cluster``: a Dask scheduler's address (``tcp://HOST:8786``) or
    a ``distributed.Client``, whose workers read and extract instead (``workers`` is then not used). Only an
    error of the library itself or an interrupt stops the ingest; run again, it goes on from the checkpoints."""
    if doc_timeout is not None and not doc_timeout > 0:
        raise ConfigError(f"doc_timeout {doc_timeout}: give a number of seconds above zero, or None for no limit")
    if workers < 1:
        raise ConfigError(f"workers {workers}: give 1 or more processes")
    if store_text not in TEXT_KEPT:
        raise ConfigError(f"store_text {store_text!r}: give one of {', '.join(TEXT_KEPT)}")
    summary = IngestSummary()
    writer = _Writer(db, kb, summary, (on_progress, on_advance), store_text)
    resume = writer.resume_from({} if force else load_checkpoints(db))
    items = iter_records(sources, settings, manifest, resume, stdin)
    tasks = (_task(db, item, force) for item in items)
    options = RecordOptions(settings, doc_timeout)
    head = list(islice(tasks, SMALL))
    if cluster is None and (workers == 1 or len(head) < SMALL):
        done = _in_process(chain(head, tasks), kb, options, transport)
        writer.write_all(done)
    else:
        pool = WorkerPool(workers, options) if cluster is None else _cluster_pool(cluster, options)
        try:
            writer.write_all(pool.map(chain(head, tasks)))
        finally:
            pool.close()
    clear_checkpoints(db, writer.seen())  # run to its end: nothing to resume
    return summary


def _cluster_pool(cluster: Any, options: RecordOptions) -> Any:
    from .cluster import ClusterPool  # imports dask.distributed, an optional extra

    return ClusterPool(cluster, options)


def _task(db: Database, item: StreamItem, force: bool) -> Task | StreamItem:
    """A record to read (with the stored document of the same bytes, if any), or the record itself when it
    is already in the library and not to be read again, or an item that is no record."""
    if not isinstance(item, StreamRecord):
        return item
    sha = item.sha256
    known = document_id(db, sha) if sha else None
    if known is not None and not force:
        return item
    stored = find_documents(db, [str(known)])[0]["published"] if known is not None else None
    return Task(item, known, stored)


def _in_process(
    tasks: Iterable[Task | StreamItem], kb: KnowledgeBase, options: RecordOptions, transport: Any
) -> Iterator[tuple[Task | StreamItem, RecordOutcome | None]]:
    for task in tasks:
        if isinstance(task, Task):  # extract_document looked up here, so that tests may wrap it
            yield task, task.run(kb, options, transport=transport, extract=extract_document)
        else:
            yield task, None


@dataclass(slots=True)
class _Entry:
    """One item of a batch: what to write, and the outcome to count once it is written."""

    label: str
    position: Position | None
    outcome: RecordOutcome | None = None
    reason: str | None = None  # a failure to record
    known: int | None = None
    counted: str | None = None  # an outcome with nothing to write: "skipped", "no meeting"


class _Writer:
    """Writes outcomes in order, many documents per transaction, with the checkpoints of their inputs."""

    def __init__(
        self,
        db: Database,
        kb: KnowledgeBase,
        summary: IngestSummary,
        tell: tuple[Progress | None, Callable[[int], None] | None],
        kept: TextKept,
    ) -> None:
        self.db, self.kb, self.summary, self.kept = db, kb, summary, kept
        self.on_progress, self.on_advance = tell
        self.done_bytes = 0  # of the input files finished
        self.batch: list[_Entry] = []
        self.started = time.monotonic()
        self.records: dict[str, int] = {}  # per input: records finished in a row from its start
        self.last: dict[str, Position] = {}  # per input: the last of them
        self.held: set[str] = set()  # inputs with a failed record: their checkpoint stays where it was
        self.finished: list[str] = []  # inputs all read, to checkpoint as finished with this batch
        self.passed: set[str] = set()  # inputs an earlier ingest finished
        self.ended: set[str] = set()  # inputs read to their end

    def resume_from(self, checkpoints: dict[str, Checkpoint]) -> Callable[[str], Position | None | bool]:
        """The ``resume`` of ``iter_records``: counts the records an earlier ingest finished as skipped."""

        def resume(key: str) -> Position | None | bool:
            found = checkpoints.get(key)
            if found is None:
                return False
            self.summary.read += found.records
            self.summary.skipped += found.records
            self.summary.resumed += 1
            self.records[key] = found.records
            if found.finished:
                self.passed.add(key)
                return None
            self.last[key] = found.position
            return found.position if found.records else False

        return resume

    def seen(self) -> set[str]:
        """The input files this ingest read or passed over."""
        return self.passed | set(self.records) | set(self.last) | self.held | self.ended

    def write_all(self, done: Iterable[tuple[Task | StreamItem, RecordOutcome | None]]) -> None:
        for item, outcome in done:
            self.add(item, outcome)
            if len(self.batch) >= BATCH or time.monotonic() - self.started > BATCH_SECONDS:
                self.flush()
        self.flush()

    def add(self, item: Task | StreamItem, outcome: RecordOutcome | None) -> None:
        if isinstance(item, InputDone):
            self.ended.add(item.input)
            if item.input not in self.passed:
                self.finished.append(item.input)
            self.done_bytes += (file_identity(item.input) or (0, 0))[0]
            if self.on_advance:
                self.on_advance(self.done_bytes)
            return
        if isinstance(item, Unusable):
            self.batch.append(_Entry(item.label, item.position, reason=item.reason))
        elif isinstance(item, StreamRecord):
            self.batch.append(_Entry(item.label, item.position, counted="skipped"))
        elif isinstance(item, Task) and outcome is not None:
            entry = _Entry(item.record.label, item.record.position, outcome, known=item.known)
            if outcome.reason is not None:
                entry.reason = outcome.reason
            elif outcome.no_meeting:
                entry.counted = "no meeting"
            self.batch.append(entry)

    def flush(self) -> None:
        batch, finished = self.batch, self.finished
        self.batch, self.finished, self.started = [], [], time.monotonic()
        if not batch and not finished:
            return
        try:
            with self.db.transaction():
                lock_extractions(self.db, [e.outcome.extraction for e in batch if e.outcome and e.outcome.extraction])
                results = [self._write(entry) for entry in batch]
                self._checkpoint(batch, results, finished)
        except Exception:  # one document's defect, or the database's: each document in its own transaction
            log.debug("a batch of %d documents failed; writing them one by one", len(batch), exc_info=True)
            results = [self._write_alone(entry) for entry in batch]
            with self.db.transaction():
                self._checkpoint(batch, results, finished)
        for entry, (outcome, count) in zip(batch, results, strict=True):
            self._count(entry, outcome, count)

    def _write(self, entry: _Entry) -> tuple[str, Any]:
        """Write one entry in the open transaction; (outcome, what to count) for after the commit."""
        if entry.reason is not None:
            record_failure(self.db, entry.label, entry.reason)
            return "failed", entry.reason
        if entry.counted is not None:
            return entry.counted, None
        assert entry.outcome is not None and entry.outcome.extraction is not None
        extraction = entry.outcome.extraction
        if entry.known is not None:
            return "re-read", _reread(self.db, entry.known, extraction, entry.label, self.kb)
        record = entry.outcome.record
        if add_extraction(self.db, extraction, entry.label, self.kb, text=self.kept, crawled=record.crawled) is None:
            return "skipped", None  # another process stored it first
        return "new", len(extraction.meetings)

    def _write_alone(self, entry: _Entry) -> tuple[str, Any]:
        for attempt in range(RETRIES):
            try:
                with self.db.transaction():
                    return self._write(entry)
            except SummitlineError as exc:
                reason = str(exc)
                break
            except Exception as exc:
                if retry_later(exc) and attempt < RETRIES - 1:  # another writer's transaction crossed ours
                    time.sleep(0.05 * (attempt + 1))
                    continue
                log.debug("unexpected error storing %s", entry.label, exc_info=True)
                reason = (
                    f"unexpected error storing the document ({type(exc).__name__}: {exc}); if the library "
                    "database is sound, this is a defect in summitline: please report it with this document"
                )
        record_failure(self.db, entry.label, reason)
        return "failed", reason

    def _checkpoint(self, batch: list[_Entry], results: list[tuple[str, Any]], finished: list[str]) -> None:
        touched: set[str] = set()
        for entry, (outcome, _) in zip(batch, results, strict=True):
            where = entry.position
            if where is None or not where.resumable or where.input in self.held:
                continue
            if outcome == "failed":
                self.held.add(where.input)
                continue
            self.records[where.input] = self.records.get(where.input, 0) + 1
            self.last[where.input] = where
            touched.add(where.input)
        for key in touched - set(finished):
            save_checkpoint(self.db, self.last[key], self.records[key], finished=False)
        for key in finished:
            if key in self.held or key == "-" or file_identity(key) is None:
                continue
            save_checkpoint(self.db, self.last.get(key, Position(key)), self.records.get(key, 0), finished=True)

    def _count(self, entry: _Entry, outcome: str, count: Any) -> None:
        summary = self.summary
        summary.read += 1
        if outcome == "failed":
            summary.fail(entry.label, str(count))
        elif outcome == "skipped":
            summary.skipped += 1
        elif outcome == "no meeting":
            summary.no_meeting += 1
        elif outcome == "re-read":
            summary.reread += 1
            summary.meetings_found += count[0]
            summary.reread_changes.then(count[1])
        else:
            summary.new += 1
            summary.meetings_found += count
        if self.on_progress:
            self.on_progress(entry.label, outcome)
        if self.on_advance and entry.position is not None and entry.position.offset:
            self.on_advance(self.done_bytes + entry.position.offset)


def _reread(db: Database, doc_id: int, extraction: Extraction, label: str, kb: KnowledgeBase) -> tuple[int, Any]:
    """Replace a stored document's mentions (``force``); what this ingest gives of its metadata replaces
    what is stored."""
    doc = extraction.document
    given = {"published": doc.published, "url": doc.url, "title": doc.title, "path": doc.path}
    metadata = {"source": label, **{column: value for column, value in given.items() if value}}
    done = reread_document(db, doc_id, extraction, kb, metadata)
    return len(extraction.meetings), done.changes
