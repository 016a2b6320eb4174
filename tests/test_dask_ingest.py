"""cluster.py: ``ingest --dask`` stores what a serial run and ``--workers 2`` store.

The same inputs (the shipped examples, a few reports written here, generated reports as a JSONL file and as
HTML pages in a WARC.gz file, an empty file and a bad JSONL line that fail, and ../shared/corpus/dev when it
is there) are ingested serially, in two worker processes, on a ``LocalCluster`` and on a real cluster: a
``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 started here. Libraries are compared by
content: meetings with their leaders, dates, places and sources, documents, and failures."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from summitline.config import Settings
from summitline.ingest import ingest
from summitline.store import open_database

from .crawl_support import write_pages_warc
from .test_ingest_crash import write_corpus

try:
    import distributed
except ImportError:  # the dev extra installs it, so CI always runs these tests
    if os.environ.get("CI"):
        raise
    pytest.skip("dask.distributed is not installed: pip install 'summitline[dask]'", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]

OWN_REPORTS = {
    "macron-scholz.txt": "PARIS, March 3, 2023 - French President Emmanuel Macron hosted German Chancellor Olaf "
    "Scholz at the Elysee Palace on Friday for a working dinner about energy prices and aid to Ukraine.\n",
    "biden-kishida.txt": "Washington, Jan. 13, 2023 - President Joe Biden welcomed Japanese Prime Minister Fumio "
    "Kishida to the White House on Friday, where the two leaders talked about defence spending.\n",
    "lula-xi.txt": "BEIJING, April 14, 2023 - Brazilian President Luiz Inacio Lula da Silva met Chinese President "
    "Xi Jinping at the Great Hall of the People on Friday to talk about trade.\n",
    "weather.txt": "Heavy snow closed the mountain passes north of Turin on Sunday, and the ski season opened late.\n",
    "empty.txt": "",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Sources of about 50 records in every format, more than ``ingest.SMALL`` so --workers 2 uses processes."""
    folder = tmp_path_factory.mktemp("inputs")
    own = folder / "own"
    own.mkdir()
    for name, text in OWN_REPORTS.items():
        (own / name).write_text(text, encoding="utf-8")
    texts = [p.read_text(encoding="utf-8") for p in write_corpus(folder / "generated", 36, seed=1990)]
    lines = [json.dumps({"url": f"https://wire.example/{n}", "text": t}) for n, t in enumerate(texts[:18])]
    (folder / "wire.jsonl").write_text("\n".join([*lines[:9], "{not json", *lines[9:]]) + "\n", encoding="utf-8")
    write_pages_warc(folder / "crawl.warc.gz", "https://news.example/", texts[18:], "2025-02-01T00:00:00Z", "Dispatch")
    sources = [str(ROOT / "examples"), str(own), str(folder / "wire.jsonl"), str(folder / "crawl.warc.gz")]
    dev = ROOT.parent / "shared" / "corpus" / "dev"
    return [*sources, str(dev)] if dev.is_dir() else sources


def library_content(target: str) -> dict[str, list[tuple[Any, ...]]]:
    """A library by content: ids depend on the order of writing, what they name must not."""
    with open_database(target) as db:
        meetings = db.query(
            "SELECT m.participants_key, m.date_first, m.date_last, m.date_precision, m.place_name, m.country, "
            "m.format, m.status, m.occasion, m.topics, m.source_count, m.conflict_count FROM meetings m"
        )
        leaders = db.query(
            "SELECT m.participants_key, m.date_first, l.leader_id, l.name, l.country "
            "FROM meeting_leaders l JOIN meetings m ON m.id = l.meeting_id"
        )
        sources = db.query(
            "SELECT m.participants_key, m.date_first, d.sha256, d.source FROM meeting_sources s "
            "JOIN meetings m ON m.id = s.meeting_id JOIN documents d ON d.id = s.document_id"
        )
        documents = db.query("SELECT sha256, source, url, published, crawled FROM documents")
        failures = db.query("SELECT source, reason FROM failures")
    return {
        name: sorted(tuple(row.values()) for row in rows)
        for name, rows in [
            ("meetings", meetings),
            ("leaders", leaders),
            ("sources", sources),
            ("documents", documents),
            ("failures", failures),
        ]
    }


def _counts(summary: Any) -> tuple[int, ...]:
    return (summary.read, summary.new, summary.skipped, summary.failed, summary.no_meeting, summary.meetings_found)


def _serial(target: str, sources: list[str], kb: Any) -> Any:
    with open_database(target) as db:
        return ingest(db, sources, kb, Settings(), workers=1)


def test_a_local_cluster_stores_what_a_serial_run_stores(
    inputs: list[str], tmp_path: Path, new_library_target: Any, kb: Any
) -> None:
    big = tmp_path / "big.html"  # 5 MB, over a chunk's bytes: scattered to the cluster, stopped by the first look
    big.write_text("<html><body>" + "<p>Harvest figures for the region.</p>" * 140_000 + "</body></html>")
    sources = [*inputs, str(big)]
    serial, clustered = new_library_target(), new_library_target()
    one = _serial(serial, sources, kb)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0"
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        with open_database(clustered) as db:
            two = ingest(db, sources, kb, Settings(), cluster=client)
    assert _counts(one) == _counts(two)
    assert one.new >= 30 and one.failed == 2 and one.no_meeting >= 1 and one.meetings_found >= 30
    content = library_content(serial)
    assert content == library_content(clustered)
    failed = {Path(source).name.split(":")[0]: reason for source, reason in content["failures"]}
    assert failed.keys() == {"wire.jsonl", "empty.txt"} and failed["wire.jsonl"].startswith("not a JSON object")


@contextmanager
def real_cluster(workers: int, env: dict[str, str] | None = None) -> Iterator[str]:
    """A ``dask scheduler`` and ``workers`` ``dask worker`` processes (one thread each, their environment
    ``env``) on 127.0.0.1, stopped on leaving; the scheduler's address."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "dask"]
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    started = [
        subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet)
    ]
    try:
        worker = [*dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1"]
        started += [subprocess.Popen([*worker, "--no-dashboard"], env=env, **quiet) for _ in range(workers)]
        with distributed.Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        deadline = time.monotonic() + 30
        for process in reversed(started):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[str]:
    """A ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, for the module's tests."""
    with real_cluster(2) as address:
        yield address


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_scheduler_and_two_workers_store_what_serial_and_two_processes_store(
    inputs: list[str], tmp_path: Path, dask_cluster: str, kb: Any
) -> None:
    serial, processes, clustered = (str(tmp_path / name) for name in ("serial.db", "two.db", "dask.db"))
    one = _serial(serial, inputs, kb)
    with open_database(processes) as db:
        two = ingest(db, inputs, kb, Settings(), workers=2)
    command = [sys.executable, "-m", "summitline", "ingest", *inputs, "--db", clustered, "--dask", dask_cluster]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr  # 1: the two failures are more than --max-failures 0 allows
    summary = (
        f"read {one.read}, new {one.new}, skipped 0 (already in the library), failed {one.failed}, "
        f"no meeting possible {one.no_meeting}, meetings found {one.meetings_found}"
    )
    assert done.stdout.splitlines()[0] == summary
    assert _counts(one) == _counts(two)
    content = library_content(serial)
    assert content == library_content(processes) == library_content(clustered)
    assert len(content["meetings"]) >= 30


def test_each_worker_loads_the_knowledge_base_once(
    inputs: list[str], tmp_path: Path, dask_cluster: str, kb: Any
) -> None:
    from summitline.kb import _load_kb_cached

    with open_database(str(tmp_path / "lib.db")) as db:
        ingest(db, inputs, kb, Settings(), cluster=dask_cluster)
    with distributed.Client(dask_cluster, set_as_default=False) as client:
        loads = client.run(_load_kb_cached.cache_info)
    assert len(loads) == 2
    assert all(info.misses == 1 for info in loads.values()), loads  # loaded once, then kept
    assert sum(info.hits for info in loads.values()) >= 2  # every chunk's task found it loaded


def test_a_postgres_or_sqlite_library_gets_the_same_meetings_from_the_cluster(
    inputs: list[str], dask_cluster: str, new_library_target: Any, kb: Any
) -> None:
    serial, clustered = new_library_target(), new_library_target()
    one = _serial(serial, inputs, kb)
    with open_database(clustered) as db:
        two = ingest(db, inputs, kb, Settings(), cluster=dask_cluster)
    assert _counts(one) == _counts(two)
    assert library_content(serial) == library_content(clustered)


def test_a_second_run_on_the_cluster_skips_every_document(
    inputs: list[str], tmp_path: Path, dask_cluster: str, kb: Any
) -> None:
    target = str(tmp_path / "lib.db")
    with open_database(target) as db:
        first = ingest(db, inputs, kb, Settings(), cluster=dask_cluster)
        again = ingest(db, inputs, kb, Settings(), cluster=dask_cluster)
    assert again.new == 0 and again.read == first.read
    assert again.skipped + again.no_meeting + again.failed == first.read


def test_without_distributed_the_flag_names_the_extra_to_install(
    run_cli: Any, assert_error: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets when it is missing
    code, out, err = run_cli("ingest", ROOT / "examples", "--db", tmp_path / "lib.db", "--dask", "tcp://127.0.0.1:8786")
    assert_error(code, out, err, "--dask", "pip install 'summitline[dask]'")
    assert not (tmp_path / "lib.db").exists()


def test_without_distributed_the_library_raises_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kb: Any
) -> None:
    from summitline.cluster import ClusterError

    monkeypatch.setitem(sys.modules, "distributed", None)
    with open_database(str(tmp_path / "lib.db")) as db, pytest.raises(ClusterError, match=r"summitline\[dask\]"):
        ingest(db, [str(ROOT / "examples")], kb, Settings(), cluster="tcp://127.0.0.1:8786")


@pytest.mark.parametrize("address", ["scheduler", "tcp://", "http://127.0.0.1:8786", "127.0.0.1:port"])
def test_an_address_that_is_no_scheduler_address_is_refused(
    address: str, run_cli: Any, assert_error: Any, tmp_path: Path
) -> None:
    code, out, err = run_cli("ingest", ROOT / "examples", "--db", tmp_path / "lib.db", "--dask", address)
    assert_error(code, out, err, "--dask", "tcp://HOST:8786")


def test_a_scheduler_nobody_listens_on_is_one_line_naming_it(
    run_cli: Any, assert_error: Any, closed_port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("summitline.cluster.CONNECT_TIMEOUT", 2)
    address = f"tcp://127.0.0.1:{closed_port}"
    code, out, err = run_cli("ingest", ROOT / "examples", "--db", tmp_path / "lib.db", "--dask", address)
    assert_error(code, out, err, "cannot reach the Dask scheduler", address, "dask scheduler")


def extract_or_die(tasks: list[Any], options: Any) -> list[Any]:
    """On a worker: a chunk holding the record named 'poison' ends the worker process, as a crash would."""
    from summitline.cluster import extract_tasks

    if any("poison" in task.record.label for task in tasks):
        os._exit(1)
    return extract_tasks(tasks, options)


def test_a_record_that_kills_its_worker_fails_alone(tmp_path: Path, kb: Any) -> None:
    import dask

    from summitline.cluster import ClusterPool
    from summitline.crawl import RecordOptions, Task
    from summitline.read.streams import StreamRecord, iter_records

    own = tmp_path / "own"
    own.mkdir()
    for name, text in [*OWN_REPORTS.items(), ("poison.txt", OWN_REPORTS["lula-xi.txt"] + "\nAgain.\n")]:
        (own / name).write_text(text, encoding="utf-8")
    tasks = [Task(item) for item in iter_records([str(ROOT / "examples"), str(own)], Settings())]
    tasks = [task for task in tasks if isinstance(task.record, StreamRecord)]
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        pool = ClusterPool(client, RecordOptions(Settings()), work=extract_or_die)
        try:
            outcomes = {task.record.label: outcome for task, outcome in pool.map(tasks)}
        finally:
            pool.close()
    assert len(outcomes) == len(tasks) == 8  # one chunk: the worker died on all eight, then on one
    died = {
        Path(label).name
        for label, outcome in outcomes.items()
        if outcome and outcome.reason and "died" in outcome.reason
    }
    assert died == {"poison.txt"}
    here = {task.record.label: task.run(kb, RecordOptions(Settings())) for task in tasks}
    found = {label: len(o.extraction.meetings) for label, o in outcomes.items() if o and o.extraction}
    assert found == {
        label: len(o.extraction.meetings) for label, o in here.items() if o.extraction and "poison" not in label
    }
    assert len(found) == 6 and sum(found.values()) > 20  # the other records as extracted in this process


def test_workers_running_another_summitline_are_refused(run_cli: Any, assert_error: Any, tmp_path: Path) -> None:
    import shutil

    other = tmp_path / "other"
    shutil.copytree(ROOT / "src" / "summitline", other / "summitline", ignore=shutil.ignore_patterns("__pycache__"))
    init = other / "summitline" / "__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]+"', '__version__ = "0.0.1"', init.read_text(encoding="utf-8")))
    with real_cluster(1, env={**os.environ, "PYTHONPATH": str(other)}) as address:
        code, out, err = run_cli("ingest", ROOT / "examples", "--db", tmp_path / "lib.db", "--dask", address)
    assert_error(code, out, err, "1 Dask worker(s)", "another summitline version", "install the same on every worker")
    with open_database(str(tmp_path / "lib.db")) as db:
        assert db.query("SELECT COUNT(*) AS n FROM documents")[0]["n"] == 0
