"""Re-merging in the library (issue 8): a library built one document at a time, in any order, holds the
meetings that merging every mention at once gives (leaders, date, place, every field, conflicts and sources),
and merging its meetings again changes nothing. Documents are drawn as in ``test_merge_properties.py`` and
stored through ``store.library.add_extraction``, so ``store/remerge.py`` decides what each ingest merges
again. SQLite; the lock path of PostgreSQL is in ``test_store_concurrency.py``."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from summitline.merge import MentionRecord, merge_mentions
from summitline.records import Document, Extraction, Meeting, Participant, Place
from summitline.store import Database, open_database
from summitline.store.library import add_extraction, insert_mention, mention_row
from summitline.store.remerge import remerge

from .properties import PROPERTY
from .test_merge_properties import KB, a_meeting, sha
from .test_merge_regroup import busy_pair, spread_meeting

LIBRARY = settings(PROPERTY, max_examples=40)

Content = list[tuple[Any, ...]]


def as_meeting(drawn: dict[str, Any]) -> Meeting:
    people = [Participant(p["name"], None, None, p["id"], p["name"]) for p in drawn["participants"]]
    place = Place(**drawn["place"]) if drawn["place"] else None
    return Meeting(
        drawn["date"], drawn["date_precision"], "body", people, place, drawn["format"], drawn["status"],
        drawn["occasion"], drawn["topics"],
    )  # fmt: skip


@st.composite
def documents(draw: st.DrawFn) -> list[Extraction]:
    """One to six documents of one to three meetings each."""
    out = []
    for n in range(1, draw(st.integers(1, 6)) + 1):
        meetings = [as_meeting(m) for m in draw(st.lists(a_meeting(), min_size=1, max_size=3))]
        out.append(Extraction(Document(f"report {n}", sha(n), path=f"report{n}.txt"), meetings))
    return out


def merged_at_once(extractions: list[Extraction]) -> Content:
    records = []
    for n, extraction in enumerate(extractions, start=1):
        for ordinal, meeting in enumerate(extraction.meetings):
            records.append(MentionRecord(len(records) + 1, n, extraction.document.sha256, ordinal, meeting.to_dict()))
    shas = {n: e.document.sha256 for n, e in enumerate(extractions, start=1)}
    by_id = {r.id: r for r in records}
    return sorted(
        (
            m.participants_key,
            _by_hash({**m.fields, "conflicts": m.conflicts}, shas),
            sorted((by_id[x.id].document_sha, x.ordinal) for x in m.mentions),
        )
        for m in merge_mentions(records, KB)
    )


def _by_hash(data: dict[str, Any], shas: dict[int, str]) -> str:
    """A meeting's values, with the document ids in its conflicts replaced by the documents' hashes, as JSON."""
    conflicts = [
        {**c, "values": {v: sorted(shas[d] for d in docs) for v, docs in c["values"].items()}}
        for c in data["conflicts"]
    ]
    return json.dumps({**data, "conflicts": conflicts}, sort_keys=True)


def content(db: Database) -> Content:
    """The library's meetings by content (ids and document ids depend on the order documents came in)."""
    shas = {r["id"]: r["sha256"] for r in db.query("SELECT id, sha256 FROM documents")}
    sources: dict[str, list[tuple[str, int]]] = {}
    for r in db.query(
        "SELECT s.meeting_id, m.document_id, m.ordinal FROM meeting_sources s JOIN mentions m ON m.id = s.mention_id"
    ):
        sources.setdefault(r["meeting_id"], []).append((shas[r["document_id"]], r["ordinal"]))
    return sorted(
        (r["participants_key"], _by_hash(json.loads(r["data"]), shas), sorted(sources[r["id"]]))
        for r in db.query("SELECT id, participants_key, data FROM meetings")
    )


def built(extractions: list[Extraction], folder: str, name: str) -> Database:
    db = open_database(Path(folder) / f"{name}.db")
    for extraction in extractions:
        assert add_extraction(db, extraction, extraction.document.path or "", KB) is not None
    return db


@LIBRARY
@given(documents(), st.randoms(use_true_random=False))
def test_a_library_built_in_any_order_holds_what_merging_everything_at_once_gives(
    extractions: list[Extraction], rnd: Any
) -> None:
    shuffled = list(extractions)
    rnd.shuffle(shuffled)
    with tempfile.TemporaryDirectory() as folder:
        forward, other = built(extractions, folder, "forward"), built(shuffled, folder, "shuffled")
        expected = merged_at_once(extractions)
        assert content(forward) == expected
        assert content(other) == expected
        forward.close()
        other.close()


@LIBRARY
@given(documents())
def test_merging_a_library_again_writes_nothing(extractions: list[Extraction]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = built(extractions, folder, "library")
        keys = sorted({r["participants_key"] for r in db.query("SELECT DISTINCT participants_key FROM mentions")})
        with db.transaction():
            assert remerge(db, keys, KB) == []
        db.close()


def meetings_by_id(db: Database) -> dict[str, tuple[str, str, list[str]]]:
    """Each meeting's leaders, values (leaders by name: their order is that of one source, and means nothing)
    and the conflicting values (without the documents), by id."""
    out = {}
    for r in db.query("SELECT id, participants_key, data FROM meetings"):
        data = json.loads(r["data"])
        conflicts = [f"{c['field']}: {sorted(c['values'])}" for c in data.pop("conflicts")]
        data["participants"] = sorted(data["participants"], key=lambda p: p["name"])
        out[r["id"]] = (r["participants_key"], json.dumps(data, sort_keys=True), conflicts)
    return out


@LIBRARY
@given(documents())
def test_the_same_reports_again_keep_every_meeting_and_its_id(extractions: list[Extraction]) -> None:
    """Every document repeated by another (the same meetings, another text): the library holds the same
    meetings, each with the copies of its own sources, and every id resolves (as itself, or through the alias
    a merge left) to the meeting it named. The copies come one at a time, so a meeting may split and join
    again on the way (a third source outvotes a second), and keep its id through an alias only."""
    copies = [
        Extraction(Document(f"copy {n}", sha(100 + n), path=f"copy{n}.txt"), e.meetings)
        for n, e in enumerate(extractions, start=1)
    ]
    with tempfile.TemporaryDirectory() as folder:
        db = built(extractions, folder, "library")
        before, sources = meetings_by_id(db), _sources(db)
        for copy in copies:
            assert add_extraction(db, copy, copy.document.path or "", KB) is not None
        after, now = meetings_by_id(db), _sources(db)
        assert sorted(after.values()) == sorted(before.values())
        for mid, values in before.items():
            resolved = db.scalar("SELECT meeting_id FROM meeting_aliases WHERE old_id = ?", (mid,)) or mid
            assert (after[resolved], now[resolved]) == (values, 2 * sources[mid])
        db.close()


def _sources(db: Database) -> dict[str, int]:
    return {
        r["meeting_id"]: r["n"]
        for r in db.query("SELECT meeting_id, COUNT(*) AS n FROM meeting_sources GROUP BY meeting_id")
    }


# --- re-merging near the new dates (issue 10, item 5) ------------------------------------------------------


def add_near(db: Database, extraction: Extraction) -> list[str]:
    """Store a document as ``add_extraction`` does, but re-merge with ``new_documents``: only the meetings
    near its mentions' dates are read and merged again. Returns the ids written (and checked again)."""
    from summitline.check.checks import check_meetings

    with db.transaction():
        doc = extraction.document
        doc_id = db.insert(
            "INSERT INTO documents (sha256, source, path, text, ingested_at) VALUES (?, ?, ?, ?, ?)",
            (doc.sha256, doc.path, doc.path, doc.text, "2024-01-01T00:00:00+00:00"),
        )
        rows = [mention_row(i, m) for i, m in enumerate(extraction.meetings)]
        for row in rows:
            insert_mention(db, doc_id, row)
        written = remerge(db, sorted({r.key for r in rows}), KB, new_documents=[doc_id])
        if written:
            check_meetings(db, KB, written)
    return written


def library_state(db: Database) -> dict[str, Any]:
    """Everything a re-merge writes: meetings with their ids and values, sources, aliases, findings, verdicts."""
    return {
        "meetings": db.query("SELECT id, participants_key, date_first, source_count, data FROM meetings ORDER BY id"),
        "sources": db.query("SELECT meeting_id, mention_id FROM meeting_sources ORDER BY meeting_id, mention_id"),
        "aliases": db.query("SELECT old_id, meeting_id FROM meeting_aliases ORDER BY old_id"),
        "findings": db.query("SELECT meeting_id, check_name, field, stated, message FROM findings ORDER BY id"),
        "verdicts": db.query("SELECT meeting_id, check_name, field, verdict FROM verdicts ORDER BY meeting_id"),
    }


@st.composite
def spread_documents(draw: st.DrawFn) -> list[Extraction]:
    """Two to eight documents of one to three meetings each, over two years (``test_merge_regroup.py``)."""
    out = []
    for n in range(1, draw(st.integers(2, 8)) + 1):
        meetings = [as_meeting(m) for m in draw(st.lists(spread_meeting(), min_size=1, max_size=3))]
        out.append(Extraction(Document(f"report {n}", sha(n), path=f"report{n}.txt"), meetings))
    return out


@LIBRARY
@given(spread_documents())
def test_merging_near_the_new_dates_gives_the_library_merging_everything_again_gives(
    extractions: list[Extraction],
) -> None:
    """One document at a time, in the same order: a library re-merged only near each document's dates holds
    what a library re-merged in full holds, to the ids, the aliases and the findings."""
    with tempfile.TemporaryDirectory() as folder:
        full, near = open_database(Path(folder) / "full.db"), open_database(Path(folder) / "near.db")
        for extraction in extractions:
            add_extraction(full, extraction, extraction.document.path or "", KB)
            add_near(near, extraction)
            assert library_state(near) == library_state(full)
        full.close()
        near.close()


def busy_documents(count: int) -> list[Extraction]:
    """``count`` reports of Putin and Trump, one meeting every nine days from 2017, in Hamburg or Berlin."""
    drawn = busy_pair(count * 9, 9)
    return [
        Extraction(
            Document(f"talks {n}", sha(500 + n), path=f"talks{n}.txt"), [as_meeting({**m, "date_source": "body"})]
        )
        for n, m in enumerate(drawn)
    ]


def test_a_new_report_of_a_busy_pair_writes_only_its_meeting(
    new_library_target: Callable[[], str],
) -> None:
    """Both backends: 40 meetings of one pair; a second report of one of them, and a report of a new day,
    each write one meeting, keep every id, and leave the library a full re-merge leaves."""
    documents = busy_documents(40)
    again = Extraction(Document("talks again", sha(900), path="again.txt"), documents[20].meetings)
    moved = dataclasses.replace(documents[20].meetings[0], date="2010-06-05")
    new_day = Extraction(Document("talks new", sha(901), path="new.txt"), [moved])
    full, near = open_database(new_library_target()), open_database(new_library_target())
    for extraction in documents:
        add_extraction(full, extraction, extraction.document.path or "", KB)
        add_extraction(near, extraction, extraction.document.path or "", KB)
    ids = {r["id"] for r in near.query("SELECT id FROM meetings")}
    for extraction in (again, new_day):
        add_extraction(full, extraction, extraction.document.path or "", KB)
        assert len(add_near(near, extraction)) == 1
        assert library_state(near) == library_state(full)
    assert ids < {r["id"] for r in near.query("SELECT id FROM meetings")}
    full.close()
    near.close()
