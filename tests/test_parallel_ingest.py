"""ingest.py with worker processes and checkpoints: ``--workers 2`` stores what a serial run stores; an ingest
killed with SIGKILL and run again ends with the library one uninterrupted run gives, reading again only
the inputs it had not finished. Inputs: generated reports (tests/test_ingest_crash.py's ``write_corpus``)
as text files, as a JSONL file and as HTML pages in a WARC.gz file written here with warcio."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from summitline.config import Settings
from summitline.ingest import ingest
from summitline.store import open_database

from .crawl_support import write_pages_warc
from .test_ingest_crash import write_corpus


def write_inputs(folder: Path, count: int) -> list[Path]:
    """``count`` reports split over three inputs: text files in a folder, a JSONL file and a WARC.gz file."""
    texts = [p.read_text(encoding="utf-8") for p in write_corpus(folder / "gen", count)]
    third = count // 3
    files = folder / "files"
    files.mkdir()
    for n, text in enumerate(texts[:third]):
        (files / f"r{n:04d}.txt").write_text(text, encoding="utf-8")
    lines = folder / "reports.jsonl"
    rows = [{"url": f"https://wire.example/{n}", "text": t} for n, t in enumerate(texts[third : 2 * third])]
    lines.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    warc = folder / "crawl.warc.gz"
    write_pages_warc(warc, "https://site.example/", texts[2 * third :], "2025-01-10T00:00:00Z")
    return [files, lines, warc]


def library_content(target: str) -> dict[str, Any]:
    """What a library holds, by content (ids depend on the order of writing, README: "A meeting keeps its id")."""
    with open_database(target) as db:
        meetings = db.query(
            "SELECT m.participants_key, m.date, m.place_name, m.format, m.status, m.source_count, m.conflict_count, "
            "(SELECT COUNT(*) FROM meeting_sources s WHERE s.meeting_id = m.id) AS mentions FROM meetings m"
        )
        documents = db.query("SELECT sha256, source, url, crawled FROM documents")
        sources = db.query(
            "SELECT m.participants_key, m.date, d.sha256 FROM meeting_sources s JOIN meetings m ON m.id = s.meeting_id "
            "JOIN documents d ON d.id = s.document_id"
        )
    return {
        "meetings": sorted(tuple(r.values()) for r in meetings),
        "documents": sorted(tuple(r.values()) for r in documents),
        "sources": sorted(tuple(r.values()) for r in sources),
    }


def test_two_workers_store_the_same_meetings_as_a_serial_run(tmp_path: Path, new_library_target: Any, kb: Any) -> None:
    inputs = [str(p) for p in write_inputs(tmp_path, 90)]
    serial, parallel = new_library_target(), new_library_target()
    with open_database(serial) as db:
        one = ingest(db, inputs, kb, Settings(), workers=1)
    with open_database(parallel) as db:
        two = ingest(db, inputs, kb, Settings(), workers=2)
    assert (one.read, one.new, one.no_meeting, one.failed) == (two.read, two.new, two.no_meeting, two.failed)
    assert one.read == one.new + one.no_meeting == 90 and one.no_meeting > 0  # pages the first look stopped
    assert one.meetings_found == two.meetings_found > 60
    assert library_content(serial) == library_content(parallel)


def test_a_second_run_skips_every_record_and_the_counts_add_up(tmp_path: Path, library: Any, kb: Any) -> None:
    inputs = [str(p) for p in write_inputs(tmp_path, 60)]
    ingest(library, inputs, kb, Settings(), workers=2)
    again = ingest(library, inputs, kb, Settings(), workers=2)
    assert (again.read, again.new, again.failed, again.resumed) == (60, 0, 0, 0)
    assert again.skipped + again.no_meeting == 60 and again.no_meeting > 0
    assert library.scalar("SELECT COUNT(*) FROM ingest_checkpoints") == 0  # a finished ingest leaves none


def _command(inputs: list[Path], db: Path) -> list[str]:
    return [sys.executable, "-m", "summitline", "ingest", *map(str, inputs), "--db", str(db), "--workers", "2"]


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _checkpoints(db: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT input, records, finished FROM ingest_checkpoints").fetchall()
    finally:
        conn.close()


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_parallel_ingest_run_again_ends_as_one_run_and_reads_only_unfinished_inputs(tmp_path: Path) -> None:
    total = 600
    inputs = write_inputs(tmp_path, total)
    killed = tmp_path / "killed.db"
    process = subprocess.Popen(_command(inputs, killed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _stored(killed) < total // 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)  # the workers, left without their parent, end on their own
    process.wait()
    assert workers, "the ingest started no worker processes"
    gone = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < gone:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "worker processes outlived their killed ingest"
    held = _stored(killed)
    assert 0 < held < total, held
    checkpoints = _checkpoints(killed)
    assert checkpoints and sum(n for _, n, _ in checkpoints) <= held + 1

    rerun = subprocess.run(_command(inputs, killed), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    counts = re.search(r"read (\d+), new (\d+), skipped (\d+)", rerun.stdout)
    assert counts, rerun.stdout
    read, new, skipped = map(int, counts.groups())
    no_meeting = int(re.search(r"no meeting possible (\d+)", rerun.stdout).group(1))  # type: ignore[union-attr]
    assert read == total and new + skipped + no_meeting == total, rerun.stdout
    # the records the checkpoints cover (every one the killed run stored, since a batch's checkpoints are
    # written with its documents) count as skipped and are not read again; nothing read again was stored
    assert skipped == sum(n for _, n, _ in checkpoints) >= held, rerun.stdout
    assert f"resumed {len(checkpoints)} input file(s)" in rerun.stdout, rerun.stdout

    clean = tmp_path / "clean.db"
    once = subprocess.run(_command(inputs, clean), capture_output=True, text=True, timeout=600)
    assert once.returncode == 0, once.stderr
    assert f"read {total}, new {total - no_meeting}, skipped 0" in once.stdout, once.stdout
    assert library_content(str(killed)) == library_content(str(clean))
