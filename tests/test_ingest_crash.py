"""A crash in the middle of an ingest leaves the library consistent, and re-running the ingest completes it.

``python -m summitline ingest`` runs on 500 small generated documents and is killed with SIGKILL once some,
but not all, are in; the library must then open, pass SQLite's integrity check, hold no half-stored
document, and a second run must end with exactly what one clean run gives.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from summitline.store import open_database

# Real pairs of leaders and a stretch of days on which both held office.
PAIRS = [
    ("Vladimir Putin", "George W. Bush", "2001-02-01", "2008-04-30"),
    ("Angela Merkel", "Barack Obama", "2009-02-01", "2016-12-31"),
    ("Xi Jinping", "Joe Biden", "2021-02-01", "2024-12-31"),
    ("Narendra Modi", "Shinzo Abe", "2014-06-01", "2020-08-31"),
    ("Emmanuel Macron", "Justin Trudeau", "2017-06-01", "2024-12-31"),
    ("Jacques Chirac", "Gerhard Schröder", "1998-11-01", "2005-10-31"),
    ("Tony Blair", "Bill Clinton", "1997-06-01", "2000-12-31"),
    ("Helmut Kohl", "François Mitterrand", "1983-01-01", "1995-04-30"),
    ("Ronald Reagan", "Margaret Thatcher", "1981-02-01", "1988-12-31"),
    ("Mikhail Gorbachev", "Ronald Reagan", "1985-04-01", "1988-12-31"),
    ("Recep Tayyip Erdoğan", "Vladimir Putin", "2014-09-01", "2024-12-31"),
    ("Xi Jinping", "Vladimir Putin", "2013-04-01", "2024-12-31"),
    ("Boris Johnson", "Donald Trump", "2019-08-01", "2020-12-31"),
    ("Theresa May", "Angela Merkel", "2016-08-01", "2019-06-30"),
    ("Shinzo Abe", "Donald Trump", "2017-02-01", "2020-08-31"),
    ("Olaf Scholz", "Emmanuel Macron", "2022-01-01", "2024-12-31"),
    ("Hu Jintao", "Manmohan Singh", "2004-06-01", "2012-10-31"),
    ("Nicolas Sarkozy", "Silvio Berlusconi", "2008-06-01", "2011-10-31"),
    ("Benjamin Netanyahu", "Barack Obama", "2009-04-01", "2016-12-31"),
    ("Giorgia Meloni", "Rishi Sunak", "2022-11-01", "2024-06-30"),
]
CITIES = ["Paris", "Berlin", "Tokyo", "London", "Rome", "Madrid", "Ottawa", "Geneva", "Vienna", "Brussels"]
MEETINGS = [
    "On {date}, {a} met {b} in {city}.",
    "{a} and {b} held talks in {city} on {date}.",
    "{a} hosted {b} in {city} on {date}, and the two leaders discussed trade.",
    "{a} spoke by phone with {b} on {date}.",
    "{b} welcomed {a} to {city} on {date} for a working visit.",
]
OTHER = [
    "Markets in {city} closed higher on {date} after a quiet session.",
    "{a} gave a speech on the economy in {city} on {date}.",
    "Heavy rain fell over {city} on {date}, delaying flights.",
]


def _day(rng: random.Random, first: str, last: str) -> str:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    d = a + timedelta(days=rng.randrange((b - a).days + 1))
    return f"{d:%B} {d.day}, {d.year}"


def write_corpus(directory: Path, count: int = 500, seed: int = 2017) -> list[Path]:
    """``count`` short, distinct text documents: most report one meeting of a real pair on a day both were
    in office, some report two, and about one in six reports none. The same seed gives the same files."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        a, b, first, last = rng.choice(PAIRS)
        if rng.random() < 0.5:
            a, b = b, a
        fill = {"a": a, "b": b, "city": rng.choice(CITIES), "date": _day(rng, first, last)}
        kind = rng.random()
        lines = [f"Dispatch {n + 1}", ""]
        if kind < 0.17:
            lines.append(rng.choice(OTHER).format(**fill))
        else:
            lines.append(rng.choice(MEETINGS).format(**fill))
            if kind > 0.85:
                a2, b2, first2, last2 = rng.choice(PAIRS)
                more = {"a": a2, "b": b2, "city": rng.choice(CITIES), "date": _day(rng, first2, last2)}
                lines += ["", rng.choice(MEETINGS).format(**more)]
        path = directory / f"doc{n + 1:04d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _count_documents(db_path: Path) -> int | None:
    """Documents in the library, read through a read-only connection; None before the schema exists."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return None
    try:
        return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _ingest_command(corpus: Path, db_path: Path) -> list[str]:
    return [sys.executable, "-m", "summitline", "ingest", str(corpus), "--db", str(db_path), "--quiet"]


def _kill_mid_way(corpus: Path, db_path: Path, total: int) -> int:
    """Start an ingest, SIGKILL it once the library holds some but not all documents; return how many it held."""
    proc = subprocess.Popen(_ingest_command(corpus, db_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            count = _count_documents(db_path)
            if count:
                assert count < total, "the ingest finished before it could be interrupted"
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
                return count
            assert proc.poll() is None, f"the ingest ended early: {proc.stderr.read() if proc.stderr else ''}"
            time.sleep(0.002)
        raise AssertionError("no document reached the library within two minutes")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()


def _assert_consistent(db_path: Path) -> None:
    db = open_database(db_path)  # opens, and has no migration left to apply
    try:
        assert db.scalar("PRAGMA integrity_check") == "ok"
        assert db.query("PRAGMA foreign_key_check") == []
        orphans = {
            "mention without its document": "SELECT COUNT(*) FROM mentions m "
            "WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.document_id)",
            "mention in no meeting": "SELECT COUNT(*) FROM mentions m "
            "WHERE NOT EXISTS (SELECT 1 FROM meeting_sources s WHERE s.mention_id = m.id)",
            "mention in two meetings": "SELECT COUNT(*) FROM (SELECT mention_id FROM meeting_sources "
            "GROUP BY mention_id HAVING COUNT(*) > 1) AS t",
            "meeting without sources": "SELECT COUNT(*) FROM meetings g "
            "WHERE NOT EXISTS (SELECT 1 FROM meeting_sources s WHERE s.meeting_id = g.id)",
            "meeting without leaders": "SELECT COUNT(*) FROM meetings g "
            "WHERE NOT EXISTS (SELECT 1 FROM meeting_leaders l WHERE l.meeting_id = g.id)",
            "source count that disagrees with the sources": "SELECT COUNT(*) FROM meetings g WHERE source_count <> "
            "(SELECT COUNT(DISTINCT document_id) FROM meeting_sources s WHERE s.meeting_id = g.id)",
        }
        for problem, sql in orphans.items():
            assert db.scalar(sql) == 0, problem
    finally:
        db.close()


def _library_rows(db_path: Path) -> dict[str, list[tuple]]:
    db = open_database(db_path)
    try:
        return {
            "documents": [tuple(r.values()) for r in db.query("SELECT sha256, path FROM documents ORDER BY sha256")],
            "meetings": [
                tuple(r.values())
                for r in db.query(
                    "SELECT id, participants_key, date, place_name, format, source_count, conflict_count "
                    "FROM meetings ORDER BY id"
                )
            ],
            "sources": [
                tuple(r.values())
                for r in db.query(
                    "SELECT s.meeting_id, d.sha256, m.ordinal FROM meeting_sources s "
                    "JOIN documents d ON d.id = s.document_id JOIN mentions m ON m.id = s.mention_id "
                    "ORDER BY 1, 2, 3"
                )
            ],
        }
    finally:
        db.close()


def test_a_killed_ingest_leaves_a_consistent_library_that_a_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    total = len(write_corpus(corpus, 500))
    killed = tmp_path / "killed.db"

    held = _kill_mid_way(corpus, killed, total)
    assert 0 < held < total
    _assert_consistent(killed)

    rerun = subprocess.run(_ingest_command(corpus, killed), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    summary = re.search(r"read (\d+), new (\d+), skipped (\d+)", rerun.stdout)
    assert summary, rerun.stdout
    read, new, skipped = map(int, summary.groups())
    assert read == total and new + skipped == total and skipped >= held, rerun.stdout
    _assert_consistent(killed)

    clean = tmp_path / "clean.db"
    once = subprocess.run(_ingest_command(corpus, clean), capture_output=True, text=True, timeout=600)
    assert once.returncode == 0, once.stderr
    assert f"read {total}, new {total}, skipped 0" in once.stdout, once.stdout

    after_crash, single_run = _library_rows(killed), _library_rows(clean)
    assert len(after_crash["documents"]) == total
    assert after_crash == single_run
