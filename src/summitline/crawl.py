"""The work of one record, wherever it runs: read its bytes as a document and extract its meetings.

:func:`extract_record` is pure and picklable (a :class:`~summitline.read.streams.StreamRecord` and options
in, a :class:`RecordOutcome` out): ``ingest`` calls it in-process (``--workers 1``), in worker processes
(:class:`WorkerPool`), and a cluster can call it the same way. Nothing here writes to the library.

A record is first read as bytes (a URL is fetched here), then, when it would go through HTML extraction,
given the first look (``first_look.could_hold_meeting``, a byte-level test over leader names, offices and
meeting words): a page it rejects is a result, "no meeting possible", never
parsed. The rest is read (encoding, HTML through trafilatura), and the main text of a page is given the
same look again: the menus, teasers and link lists that let most pages through are gone from it, and a
page whose own text can hold no meeting is "no meeting possible" too, not extracted (8 of the 15 pages
the first look lets through on ``corpus/web``). Then the document is extracted. A publication
date the page gives that is later than the day it was crawled is dropped: a page is not published after
it is crawled.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import InputError, SummitlineError
from .first_look import could_hold_meeting
from .kb import KnowledgeBase
from .pipeline import extract_document
from .read import read_bytes, read_url
from .read.streams import StreamRecord
from .read.text import looks_like_html
from .records import Document, Extraction

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RecordOptions:
    """How records are read: the reading settings, the time limit per record, whether the first look runs."""

    settings: Settings = dataclasses.field(default_factory=Settings)
    doc_timeout: float | None = None
    first_look: bool = True


@dataclass(slots=True)
class RecordOutcome:
    """What became of one record: an ``extraction``, or ``no_meeting`` (the first look stopped it), or a
    ``reason`` it failed (with the ``stage``: reading, extracting)."""

    record: StreamRecord
    sha256: str | None = None
    extraction: Extraction | None = None
    no_meeting: bool = False
    reason: str | None = None
    stage: str = "reading"
    document: Document | None = None  # read, while it is being extracted


Extract = Callable[..., Extraction]


@dataclass(frozen=True, slots=True)
class Task:
    """A record to read and extract, with what the library knows of it: the id of the stored document of
    the same bytes (read again with ``--force``) and that document's publication date."""

    record: StreamRecord
    known: int | None = None
    stored_published: str | None = None

    def run(self, kb: KnowledgeBase, options: RecordOptions, **how: Any) -> RecordOutcome:
        return extract_record(
            self.record, kb, options, known=self.known is not None, stored_published=self.stored_published, **how
        )


def extract_record(
    record: StreamRecord,
    kb: KnowledgeBase,
    options: RecordOptions,
    *,
    known: bool = False,
    stored_published: str | None = None,
    transport: httpx.BaseTransport | None = None,
    extract: Extract = extract_document,
) -> RecordOutcome:
    """Read and extract one record within ``options.doc_timeout``. ``known``: the library holds a document
    of these bytes already (read again with ``--force``), so the first look does not stop it, and its
    ``stored_published`` date stands when neither the ingest nor the page gives one. ``extract``: the
    pipeline (``extract_document``). Never raises for the record's own faults: they are the outcome's
    ``reason``."""
    outcome = RecordOutcome(record, sha256=record.sha256)
    try:
        with time_limit(options.doc_timeout):
            _extract_into(outcome, record, kb, options, known, transport)
            if outcome.document is not None:
                outcome.stage = "extracting"
                doc = outcome.document
                given = record.published or options.settings.published
                if known and not given and not doc.published and stored_published:
                    doc = dataclasses.replace(doc, published=stored_published, published_source="stored")
                outcome.extraction, outcome.document = extract(doc, kb, published=given), None
    except SummitlineError as exc:
        outcome.reason = str(exc)
    except DocumentTimeout:
        outcome.reason = (
            f"{outcome.stage} took longer than {options.doc_timeout:g} s, the limit per document (--doc-timeout); "
            "a document this slow is worth reporting: extraction takes time in proportion to its length"
        )
    except Exception as exc:  # a defect: this record's failure, not the end of the ingest
        log.debug("unexpected error %s %s", outcome.stage, record.label, exc_info=True)
        outcome.reason = (
            f"unexpected error {outcome.stage} the document ({type(exc).__name__}: {exc}); "
            "this is a defect in summitline: please report it with this document"
        )
    return outcome


def _extract_into(
    outcome: RecordOutcome,
    record: StreamRecord,
    kb: KnowledgeBase,
    options: RecordOptions,
    known: bool,
    transport: httpx.BaseTransport | None,
) -> None:
    if record.data is None:  # a URL: fetched here, in the worker
        doc = read_url(record.url or record.label, options.settings, transport)
        outcome.sha256 = doc.sha256
    else:
        looks = options.first_look and not known and _goes_through_html(record)
        if looks and not could_hold_meeting(record.data, kb):
            outcome.no_meeting = True
            return
        doc = read_bytes(
            record.data, label=record.label, path=record.path, url=record.url, media_type=record.media_type
        )
        if looks and doc.media_type == "text/html" and not could_hold_meeting(doc.text, kb):
            outcome.no_meeting = True  # the page's own text, without its menus and teasers, holds no meeting
            return
    doc = _with_record_metadata(doc, record)
    if not doc.text.strip():
        raise InputError("no readable text was found in the document")
    outcome.document = doc


def _goes_through_html(record: StreamRecord) -> bool:
    """Whether ``read_bytes`` would parse these bytes as HTML (the same test, on the first bytes)."""
    path = (record.path or "").lower()
    if path.endswith((".html", ".htm", ".xhtml")):
        return True
    if path.endswith(".txt"):
        return False
    if record.media_type:
        return record.media_type.endswith(("html", "xhtml+xml"))
    return looks_like_html((record.data or b"")[:4000].decode("utf-8", errors="replace"))


def _with_record_metadata(doc: Document, record: StreamRecord) -> Document:
    changes: dict[str, Any] = {}
    if record.title:
        changes["title"] = record.title
    if record.published:
        changes.update(published=record.published, published_source="given")
    elif record.crawled and doc.published and doc.published[:10] > record.crawled:
        changes.update(published=None, published_source=None)  # "published" after the crawl: not its date
    return dataclasses.replace(doc, **changes) if changes else doc


class DocumentTimeout(BaseException):
    """Raised by the SIGALRM handler in the ingesting code when a document runs out of time.

    A ``BaseException``, like ``KeyboardInterrupt``, so that an ``except Exception`` on the way (HTML
    parsing catches broadly) does not swallow it; :func:`extract_record` turns it into the record's failure."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block if it runs longer than ``seconds``.

    An interval timer (``signal.setitimer``, SIGALRM) whose handler raises in the running code, so nothing
    runs in another thread and nothing is killed; it takes effect between Python bytecodes. It is armed
    only on POSIX, in the main thread (a worker process's too), and when no other timer is pending
    (pytest-timeout, a caller's own alarm); elsewhere, and with ``None``, the block runs unlimited."""
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


# --- worker processes ------------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _start_worker(kb_dir: Any, options: RecordOptions) -> None:
    """Each worker process loads the knowledge base once (from the compiled cache) and keeps it."""
    import gc

    from .kb import load_kb

    gc.enable()
    _WORKER["kb"] = load_kb(kb_dir)
    _WORKER["options"] = options
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose ingest was killed (SIGKILL leaves its workers behind, waiting for work that will never
    come) ends itself within a second or two."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _work(batch: list[Task]) -> list[RecordOutcome]:
    kb, options = _WORKER["kb"], _WORKER["options"]
    return [task.run(kb, options) for task in batch]


class WorkerPool:
    """Worker processes (started fresh, ``spawn``: nothing of the parent's state, its database connection
    included, is inherited) that extract batches of records; results come back in the order sent, and
    only a bounded number of batches is in flight, so a stream of any length takes bounded memory."""

    def __init__(self, workers: int, options: RecordOptions, batch: int = 8) -> None:
        context = multiprocessing.get_context("spawn")
        self.batch = batch
        self.window = workers * 3
        self.executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(options.settings.kb_dir, options)
        )

    def map(self, items: Iterable[Any]) -> Iterator[tuple[Any, RecordOutcome | None]]:
        """Each item with its outcome, in order; items that are not a :class:`Task` are passed through with
        None."""
        pending: deque[tuple[list[Any], Future[list[RecordOutcome]] | None]] = deque()
        chunk: list[Any] = []

        def send() -> None:
            work = [item for item in chunk if isinstance(item, Task)]
            pending.append((list(chunk), self.executor.submit(_work, work) if work else None))
            chunk.clear()

        for item in items:
            chunk.append(item)
            if len(chunk) >= self.batch:
                send()
                while len(pending) > self.window:
                    yield from _collect(pending.popleft())
        if chunk:
            send()
        while pending:
            yield from _collect(pending.popleft())

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _collect(sent: tuple[list[Any], Future[list[RecordOutcome]] | None]) -> Iterator[tuple[Any, RecordOutcome | None]]:
    items, future = sent
    outcomes = iter(future.result() if future is not None else [])
    for item in items:
        yield item, next(outcomes) if isinstance(item, Task) else None
