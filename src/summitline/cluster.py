"""Ingest on a Dask cluster: the per-record work of ``crawl.extract_record`` as dask.distributed tasks.

The only module that imports ``distributed`` (the optional extra ``summitline[dask]``). :class:`ClusterPool`
has the shape of ``crawl.WorkerPool``: ``ingest(..., cluster=ADDRESS)`` hands it the stream of tasks and
writes what comes back, in the order of the stream, through the same batched writer as a local run; so the
library (SQLite, or the PostgreSQL a team shares) gets the same documents and meetings, and a record's
failure is recorded for that document as it is locally.

The stream is never held in memory: records go out in chunks (:data:`CHUNK` records or :data:`CHUNK_BYTES`
of them, a larger chunk scattered to the cluster first rather than put in the task graph), and only a
window of chunks (two per worker thread) is out at once; the next chunk is sent as the oldest comes back.

Each worker process loads the knowledge base once (``kb.load_kb`` keeps it per folder and process) from the
folder ``--kb`` names, which must exist at the same path on every worker. When the pool connects, every
worker loads it and reports its fingerprint (a digest of the data files and of summitline's recognising
code, with its version), and a worker whose fingerprint differs from this process's is refused: the
workers must run the same summitline and the same knowledge base as the client. The time limit per
document (``--doc-timeout``) is not enforced on a cluster: Dask runs tasks in threads, where no alarm can
interrupt them.

A chunk whose worker died on it (``KilledWorker``, after the scheduler's retries) is sent again one record
per task, so that only the record that kills a worker fails, with its reason. Losing the scheduler stops
the ingest with :class:`ClusterError`; run again, it goes on from its checkpoints.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

from .crawl import RecordOptions, RecordOutcome, Task
from .errors import SummitlineError

__all__ = ["INSTALL", "ClusterError", "ClusterPool", "connect"]

INSTALL = "pip install 'summitline[dask]'"
#: records per task, and the bytes above which a chunk is sent as it stands
CHUNK, CHUNK_BYTES = 8, 4_000_000
#: seconds to wait for the scheduler when connecting
CONNECT_TIMEOUT = 10


class ClusterError(SummitlineError):
    """The Dask cluster cannot be used: ``distributed`` is not installed, the scheduler cannot be reached or
    was lost, or its workers run another summitline or knowledge base."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ClusterError(f"--dask needs dask.distributed, which is not installed: {INSTALL}") from exc
    return distributed


def connect(address: str, kb_dir: Path | None = None) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address`` (``tcp://HOST:8786``), once every worker has
    loaded the knowledge base of ``kb_dir`` and shown the same fingerprint as this process's."""
    distributed = _distributed()
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({exc}); start one with `dask scheduler` and give its "
            "address, such as tcp://HOST:8786"
        ) from exc
    try:
        check_workers(client, kb_dir)
    except BaseException:
        client.close()
        raise
    return client


def check_workers(client: Any, kb_dir: Path | None) -> None:
    """Load the knowledge base on every worker (once per worker process) and refuse workers whose
    fingerprint differs from this process's, or a cluster with no worker."""
    from . import __version__
    from .kb import load_kb

    if not client.scheduler_info().get("workers"):
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    ours = (__version__, load_kb(kb_dir).fingerprint)
    try:
        theirs = client.run(worker_fingerprint, kb_dir)
    except SummitlineError as exc:
        raise ClusterError(f"a Dask worker cannot load the knowledge base: {exc}") from exc
    except Exception as exc:  # most often: summitline is not installed on the worker
        raise ClusterError(
            f"the Dask workers cannot run summitline ({type(exc).__name__}: {exc}); install the same summitline "
            "(and its knowledge-base folder) on every worker"
        ) from exc
    differ = sorted(address for address, found in theirs.items() if tuple(found) != ours)
    if differ:
        raise ClusterError(
            f"{len(differ)} Dask worker(s) ({', '.join(differ[:3])}) run another summitline version or knowledge "
            f"base than this one ({ours[0]}, fingerprint {ours[1]}); install the same on every worker"
        )


def worker_fingerprint(kb_dir: Path | None) -> tuple[str, str]:
    """On a worker: load the knowledge base (kept for the worker's tasks) and say which it is."""
    from . import __version__
    from .kb import load_kb

    return __version__, load_kb(kb_dir).fingerprint


def extract_tasks(tasks: list[Task], options: RecordOptions) -> list[RecordOutcome]:
    """On a worker: the outcome of each task, with the knowledge base this worker process loaded once."""
    from .kb import load_kb

    kb = load_kb(options.settings.kb_dir)
    return [task.run(kb, options) for task in tasks]


Sent = tuple[list[Any], list[Task], Any]
Work = Callable[[list[Task], RecordOptions], list[RecordOutcome]]


class ClusterPool:
    """Tasks extracted on a Dask cluster: ``map`` yields each item with its outcome in the order given (an
    item that is not a :class:`~summitline.crawl.Task` with None), with a bounded window of chunks out."""

    def __init__(self, cluster: Any, options: RecordOptions, chunk: int = CHUNK, work: Work = extract_tasks) -> None:
        """``cluster``: a scheduler's address, or a ``distributed.Client`` (left open by :meth:`close`).
        ``work``: what a worker does with a chunk (:func:`extract_tasks`; importable on the workers)."""
        self.options, self.chunk, self.work = options, chunk, work
        if isinstance(cluster, str):
            self.client, self.owned = connect(cluster, options.settings.kb_dir), True
        else:
            check_workers(cluster, options.settings.kb_dir)
            self.client, self.owned = cluster, False
        self.distributed = _distributed()
        self.window = max(2, 2 * sum(self.client.nthreads().values()))
        self.pending: deque[Sent] = deque()

    def map(self, items: Iterable[Any]) -> Iterator[tuple[Any, RecordOutcome | None]]:
        chunk: list[Any] = []
        size = 0
        for item in items:
            chunk.append(item)
            size += len(item.record.data or b"") if isinstance(item, Task) else 0
            if len(chunk) >= self.chunk or size >= CHUNK_BYTES:
                self._send(chunk)
                chunk, size = [], 0
                while len(self.pending) >= self.window:
                    yield from self._collect(self.pending.popleft())
        if chunk:
            self._send(chunk)
        while self.pending:
            yield from self._collect(self.pending.popleft())

    def _send(self, items: list[Any]) -> None:
        work = [item for item in items if isinstance(item, Task)]
        self.pending.append((items, work, self._submit(work) if work else None))

    def _submit(self, work: list[Task]) -> Any:
        size = sum(len(task.record.data or b"") for task in work)
        sent: Any = work
        if size >= CHUNK_BYTES:  # kept out of the task graph: sent to a worker, then named by its future
            sent = self.client.scatter(work)
        return self.client.submit(self.work, sent, self.options, pure=False)

    def _collect(self, sent: Sent) -> Iterator[tuple[Any, RecordOutcome | None]]:
        items, work, future = sent
        outcomes = iter(self._result(work, future) if future is not None else [])
        for item in items:
            yield item, next(outcomes) if isinstance(item, Task) else None

    def _result(self, work: list[Task], future: Any) -> list[RecordOutcome]:
        try:
            return list(future.result())
        except self.distributed.KilledWorker as exc:
            if len(work) > 1:  # one record killed the worker: find it, one record per task
                return [outcome for task in work for outcome in self._result([task], self._submit([task]))]
            reason = (
                f"the Dask workers died extracting this document ({exc}); this is a defect in summitline or a "
                "worker out of memory: please report it with this document"
            )
            return [RecordOutcome(work[0].record, sha256=work[0].record.sha256, reason=reason, stage="extracting")]
        except (OSError, TimeoutError, CancelledError) as exc:  # the scheduler lost: the futures cancelled
            raise ClusterError(
                f"lost the Dask cluster ({type(exc).__name__}: {exc}); run the ingest again: it goes on from "
                "where it stopped"
            ) from exc

    def close(self) -> None:
        """Cancel the chunks still out (an interrupted ingest) and close a client this pool opened."""
        futures = [future for _, _, future in self.pending if future is not None]
        self.pending.clear()
        try:
            if futures:
                self.client.cancel(futures)
        finally:
            if self.owned:
                self.client.close()
