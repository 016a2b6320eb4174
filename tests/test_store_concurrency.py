"""Several processes on one library at once: first opens of a new library, ingests into it, one document twice.

Every case runs on SQLite and, with ``SUMMITLINE_TEST_POSTGRES``, on PostgreSQL (the ``library_backend``
fixture). The processes are forked (they share the loaded knowledge base) and start together at a barrier, so
they really race; each reports the errors it met instead of raising, and the test asserts there were none.
"""

from __future__ import annotations

import multiprocessing
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from summitline.config import Settings
from summitline.ingest import ingest
from summitline.pipeline import extract_document
from summitline.read import read_bytes
from summitline.store import open_database
from summitline.store.library import add_extraction
from summitline.store.queries import TimelineQuery, timeline
from summitline.store.schema import MIGRATIONS

FORK = multiprocessing.get_context("fork")  # the children inherit the knowledge base instead of loading it
WAIT = 300  # seconds before a stuck child counts as a failure (a guard against hanging, not a measurement)
SETTINGS = Settings()

# Pairs of leaders who both held office for the 60 days from the date given.
PAIRS = [
    ("Joe Biden", "Rishi Sunak", "2023-01-10"),
    ("Emmanuel Macron", "Olaf Scholz", "2022-02-01"),
    ("Justin Trudeau", "Joe Biden", "2022-03-01"),
    ("Fumio Kishida", "Joe Biden", "2022-05-01"),
    ("Narendra Modi", "Emmanuel Macron", "2019-04-01"),
    ("Angela Merkel", "Emmanuel Macron", "2018-03-01"),
    ("Olaf Scholz", "Recep Tayyip Erdoğan", "2023-02-01"),
    ("Giorgia Meloni", "Volodymyr Zelensky", "2023-01-15"),
    ("Anthony Albanese", "Fumio Kishida", "2022-09-01"),
    ("Lula da Silva", "Xi Jinping", "2023-03-01"),
]
CITIES = ["Lisbon", "Oslo", "Warsaw", "Dublin", "Prague", "Athens", "Helsinki", "Budapest"]
SENTENCES = [
    "{a} sat down with {b} in {city} on {date} to discuss energy prices.",
    "On {date}, {a} received {b} in {city}.",
    "{a} and {b} met for talks in {city} on {date}.",
    "In {city} on {date}, {a} welcomed {b} for an official visit.",
    "{b} was the guest of {a} at a working lunch in {city} on {date}.",
]


def _events(rng: random.Random) -> list[dict[str, str]]:
    """Four meetings of each pair, 17 days apart, each in a city of its own."""
    events = []
    for a, b, first in PAIRS:
        for step in range(4):
            day = date.fromisoformat(first) + timedelta(days=17 * step)
            events.append({"a": a, "b": b, "city": rng.choice(CITIES), "date": f"{day:%B} {day.day}, {day.year}"})
    return events


def write_dispatches(folder: Path, count: int, parts: int, seed: int = 8) -> list[Path]:
    """``count`` distinct short reports in ``parts`` sub-folders (disjoint sets). There are 40 meetings and
    each is reported by several documents in several sub-folders, so processes merge the same meetings."""
    rng = random.Random(seed)
    events = _events(rng)
    paths = []
    for n in range(count):
        lines = [f"Bulletin {n + 1}", ""]
        for event in rng.sample(events, 2 if rng.random() < 0.25 else 1):
            if rng.random() < 0.5:
                event = {**event, "a": event["b"], "b": event["a"]}
            lines.append(rng.choice(SENTENCES).format(**event))
        path = folder / f"part{n % parts}" / f"bulletin{n + 1:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _run_together(jobs: list[Callable[[], list[str]]]) -> list[str]:
    """Run each job in its own forked process, all released at once; the errors they report, together."""
    barrier = FORK.Barrier(len(jobs))
    results = FORK.Queue()

    def child(job: Callable[[], list[str]]) -> None:
        try:
            barrier.wait(timeout=WAIT)
            results.put(job())
        except BaseException as exc:  # reported, so that the parent's assertion shows it
            results.put([f"{type(exc).__name__}: {exc}"])

    processes = [FORK.Process(target=child, args=(job,)) for job in jobs]
    for p in processes:
        p.start()
    errors = [e for _ in processes for e in results.get(timeout=WAIT)]
    for p in processes:
        p.join(timeout=WAIT)
        assert p.exitcode == 0, f"a child process ended with {p.exitcode}"
    return errors


def _errors_of(action: Callable[[], Any]) -> list[str]:
    try:
        action()
    except Exception as exc:
        return [f"{type(exc).__name__}: {exc}"]
    return []


def _content(target: str) -> dict[str, Any]:
    """What the library holds, independent of ids: the documents, and each meeting's leaders, date, place,
    format, status and the documents it comes from."""
    with open_database(target) as db:
        names = {r["id"]: Path(r["path"]).name for r in db.query("SELECT id, path FROM documents")}
        meetings = sorted(
            (
                tuple(sorted(p["id"] for p in m["participants"])),
                m["date"],
                (m.get("place") or {}).get("name") or "",
                m["format"],
                m["status"],
                tuple(sorted(names[s["document_id"]] for s in m["sources"])),
            )
            for m in timeline(db, TimelineQuery())
        )
        return {
            "documents": sorted(names.values()),
            "mentions": db.scalar("SELECT COUNT(*) FROM mentions"),
            "mentions in meetings": db.scalar("SELECT COUNT(DISTINCT mention_id) FROM meeting_sources"),
            "meetings": meetings,
        }


# --- first opens -----------------------------------------------------------------------------------------

ROUNDS = 20
OPENERS = 6


def _opening(target: str) -> Callable[[], list[str]]:
    return lambda: _errors_of(lambda: open_database(target).close())


def test_six_processes_opening_a_new_library_at_once_all_succeed(new_library_target: Callable[[], str]) -> None:
    for _ in range(ROUNDS):
        target = new_library_target()
        assert _run_together([_opening(target)] * OPENERS) == []
        with open_database(target) as db:
            recorded = db.query("SELECT version, name FROM schema_migrations ORDER BY version")
            assert [(r["version"], r["name"]) for r in recorded] == [
                (n, m[0]) for n, m in enumerate(MIGRATIONS, start=1)
            ]
            assert db.scalar("SELECT COUNT(*) FROM documents") == 0


# --- writers ---------------------------------------------------------------------------------------------


def _ingested_together_and_serially(
    parts: list[Path], together: str, serial: str, kb: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One process per part ingesting into ``together`` at once (none may fail), then all parts one after
    another into ``serial``: the two libraries' contents."""

    def ingest_part(part: Path) -> Callable[[], list[str]]:
        def job() -> list[str]:
            with open_database(together) as db:
                summary = ingest(db, [str(part)], kb, SETTINGS)
            return [f"{label}: {reason}" for label, reason in summary.failures]

        return job

    assert _run_together([ingest_part(part) for part in parts]) == []
    with open_database(serial) as db:
        ingest(db, [str(part) for part in parts], kb, SETTINGS)
    return _content(together), _content(serial)


def test_four_processes_ingesting_disjoint_documents_store_all_and_merge_as_one_run(
    new_library_target: Callable[[], str], kb: Any, tmp_path: Path
) -> None:
    documents = write_dispatches(tmp_path / "inbox", count=200, parts=4)
    parts = sorted({p.parent for p in documents})
    together, serial = new_library_target(), new_library_target()  # a new library: the four create it too

    held, expected = _ingested_together_and_serially(parts, together, serial, kb)
    assert held["documents"] == sorted(p.name for p in documents)
    assert held["mentions in meetings"] == held["mentions"]
    assert len(expected["meetings"]) >= 40
    assert held == expected


def test_the_same_documents_ingested_by_four_processes_at_once_are_stored_once(
    new_library_target: Callable[[], str], kb: Any, tmp_path: Path
) -> None:
    documents = write_dispatches(tmp_path / "inbox", count=30, parts=1)
    together, serial = new_library_target(), new_library_target()
    open_database(together).close()

    def job() -> list[str]:
        with open_database(together) as db:
            summary = ingest(db, [str(documents[0].parent)], kb, SETTINGS)
        return [f"{label}: {reason}" for label, reason in summary.failures]

    assert _run_together([job] * 4) == []
    with open_database(serial) as db:
        ingest(db, [str(documents[0].parent)], kb, SETTINGS)
    assert _content(together) == _content(serial)


def test_a_document_stored_by_two_processes_at_once_is_stored_by_one_and_already_there_for_the_other(
    new_library_target: Callable[[], str], kb: Any
) -> None:
    text = "Bulletin 1\n\nOn May 3, 2023, Giorgia Meloni received Olaf Scholz in Rome.\n"
    extraction = extract_document(read_bytes(text.encode("utf-8"), label="bulletin.txt"), kb)
    target = new_library_target()
    open_database(target).close()
    stored = FORK.Queue()

    def job() -> list[str]:
        with open_database(target) as db:
            stored.put(add_extraction(db, extraction, "bulletin.txt", kb))
        return []

    assert _run_together([job, job]) == []
    outcomes = [stored.get(timeout=WAIT), stored.get(timeout=WAIT)]
    assert [o for o in outcomes if o is None] == [None], outcomes  # the other one got the new document's id
    assert all(isinstance(o, int) for o in outcomes if o is not None), outcomes
    with open_database(target) as db:
        assert db.scalar("SELECT COUNT(*) FROM documents") == 1
        assert db.scalar("SELECT COUNT(*) FROM mentions") == 1
        assert db.scalar("SELECT COUNT(*) FROM meetings") == 1


# --- reports of some of a meeting's leaders, ingested at once --------------------------------------------

TRIOS = [
    ("Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni"),
    ("Joe Biden", "Fumio Kishida", "Yoon Suk Yeol"),
    ("Anthony Albanese", "Fumio Kishida", "Joe Biden"),
]


def write_summits(folder: Path, parts: int) -> list[Path]:
    """Meetings of three leaders, each reported whole by one document and in pairs by others, the reports of
    one meeting spread over the sub-folders: which pair joins which meeting depends on what each process
    sees, unless re-merges that reach the same meetings take turns."""
    texts = []
    for n, (a, b, c) in enumerate(TRIOS * 3):
        day = date(2023, 3, 1) + timedelta(days=23 * n)
        when, city = f"{day:%B} {day.day}, {day.year}", CITIES[n % len(CITIES)]
        texts.append(f"On {when}, {a} hosted {b} and {c} in {city} for a summit of the three.")
        texts.append(f"{b} and {c} talked in {city} on {when}.")
        texts.append(f"In {city} on {when}, {a} met {c}.")
    paths = []
    for n, text in enumerate(texts):
        path = folder / f"part{n % parts}" / f"note{n + 1:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Summit note {n + 1}\n\n{text}\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_reports_of_pairs_and_of_their_summits_ingested_at_once_merge_as_one_run(
    new_library_target: Callable[[], str], kb: Any, tmp_path: Path
) -> None:
    documents = write_summits(tmp_path / "inbox", parts=3)
    parts = sorted({p.parent for p in documents})
    together, serial = new_library_target(), new_library_target()
    open_database(together).close()

    held, expected = _ingested_together_and_serially(parts, together, serial, kb)
    assert len(expected["meetings"]) == 9  # every pair joined its summit
    assert all(len(m[0]) == 3 and len(m[-1]) == 3 for m in expected["meetings"])
    assert held == expected
