"""store/documents.py: naming stored documents, removing them, giving them a new extraction; on SQLite and
PostgreSQL. Texts are our own, plus the example article that ships with the project."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitline.config import settings_from_env
from summitline.ingest import ingest
from summitline.pipeline import extract_document
from summitline.store.database import Database
from summitline.store.documents import (
    DocumentNotFoundError,
    find_documents,
    remove_documents,
    reread_document,
    stored_document,
)
from summitline.store.queries import TimelineQuery, timeline
from summitline.store.verdicts import set_verdict

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "merkel-us-presidents.txt"

TEXTS = {
    "dresden.txt": "Obama in Dresden\n\nOn June 5, 2009, President Barack Obama and Chancellor Angela Merkel held "
    "talks in Dresden, Germany, before visiting the Buchenwald memorial together.\n",
    "geneva1.txt": "Talks by the lake\n\nOn June 16, 2021, U.S. President Joe Biden met Russian President Vladimir "
    "Putin at a villa in Geneva, Switzerland. They discussed arms control and cybersecurity.\n",
    "geneva2.txt": "Geneva summit\n\nJoe Biden and Vladimir Putin held talks in Geneva on June 16, 2021, their first "
    "meeting since Biden took office. They agreed to send their ambassadors back.\n",
    "hamburg.txt": "Hamburg sidelines\n\nOn June 7, 2017, U.S. President Donald Trump met Russian President Vladimir "
    "Putin on the sidelines of the G20 summit in Hamburg, Germany. They talked about Syria for two hours.\n",
}


@pytest.fixture
def docs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    out = {"example": EXAMPLE}
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        out[name] = folder / name
    return out


def _ingest(db: Database, kb: Any, paths: list[Path]) -> None:
    summary = ingest(db, [str(p) for p in paths], kb, settings_from_env())
    assert summary.failed == 0, summary.failures


def _doc_id(db: Database, path: Path) -> int:
    return int(find_documents(db, [str(path)])[0]["id"])


def _content(db: Database) -> list[tuple[Any, ...]]:
    """The chronology by content (leaders, date, place, format, topics, sources by file name, conflicts, findings),
    independent of ids, which depend on the order documents came in."""
    names = {r["id"]: Path(r["path"]).name for r in db.query("SELECT id, path FROM documents")}
    rows = []
    for i in timeline(db, TimelineQuery()):
        conflicts = [
            (c["field"], sorted((v, sorted(names[d] for d in docs)) for v, docs in c["values"].items()))
            for c in i["conflicts"]
        ]
        rows.append(
            (
                sorted(p["id"] for p in i["participants"]),
                i["date"],
                json.dumps(i["place"], sort_keys=True),
                i["format"],
                i["occasion"],
                i["topics"],
                i["source_count"],
                sorted(names[s["document_id"]] for s in i["sources"]),
                conflicts,
                sorted((f["check_name"], f["field"], f["stated"] or "") for f in i["findings"]),
            )
        )
    return sorted(rows, key=repr)


def _ids(db: Database) -> set[str]:
    return {r["id"] for r in db.query("SELECT id FROM meetings")}


@pytest.mark.parametrize("gone", ["dresden.txt", "geneva1.txt", "hamburg.txt", "example"])
def test_removing_a_document_leaves_the_library_as_if_it_had_never_been_ingested(
    new_library: Callable[[], Database], kb: Any, docs: dict[str, Path], gone: str
) -> None:
    everything, without = new_library(), new_library()
    _ingest(everything, kb, list(docs.values()))
    before = _ids(everything)
    _ingest(without, kb, [p for name, p in docs.items() if name != gone])

    changes = remove_documents(everything, [_doc_id(everything, docs[gone])], kb)

    assert _content(everything) == _content(without)
    assert _ids(everything) <= before  # the meetings that stay keep their ids
    assert changes.removed == before - _ids(everything)
    assert not changes.added
    assert everything.scalar("SELECT COUNT(*) FROM mentions") == without.scalar("SELECT COUNT(*) FROM mentions")


def test_a_meeting_that_loses_one_of_two_sources_keeps_its_id_and_says_what_changed(
    library: Database, kb: Any, docs: dict[str, Path]
) -> None:
    _ingest(library, kb, [docs["geneva1.txt"], docs["geneva2.txt"]])
    [meeting] = timeline(library, TimelineQuery())
    assert meeting["source_count"] == 2

    changes = remove_documents(library, [_doc_id(library, docs["geneva2.txt"])], kb)

    [after] = timeline(library, TimelineQuery())
    assert (after["id"], after["source_count"]) == (meeting["id"], 1)
    assert "sources" in changes.changed[meeting["id"]] and not changes.removed


def test_a_removed_meeting_comes_back_under_its_id_with_its_verdict_when_its_document_returns(
    library: Database, kb: Any, docs: dict[str, Path]
) -> None:
    _ingest(library, kb, [docs["hamburg.txt"]])
    [meeting] = timeline(library, TimelineQuery())
    [finding] = [f for f in meeting["findings"] if f["severity"] != "info"]
    set_verdict(library, finding["id"], "dismissed", "a test of our own")

    changes = remove_documents(library, [_doc_id(library, docs["hamburg.txt"])], kb)
    assert changes.removed == {meeting["id"]}
    assert library.scalar("SELECT COUNT(*) FROM findings") == 0
    _ingest(library, kb, [docs["hamburg.txt"]])

    [back] = timeline(library, TimelineQuery())
    assert back["id"] == meeting["id"]
    assert [f["verdict"]["verdict"] for f in back["findings"] if f["id"] == finding["id"]] == ["dismissed"]


def test_documents_are_named_by_id_sha256_prefix_path_or_url(library: Database, kb: Any, docs: dict[str, Path]) -> None:
    _ingest(library, kb, [docs["geneva1.txt"], docs["hamburg.txt"]])
    row = library.query("SELECT id, sha256, path FROM documents WHERE path = ?", (str(docs["hamburg.txt"]),))[0]
    for ref in (str(row["id"]), row["sha256"], row["sha256"][:8].upper(), row["path"]):
        assert [d["id"] for d in find_documents(library, [ref])] == [row["id"]], ref
    library.execute("UPDATE documents SET url = ? WHERE id = ?", ("https://example.org/hamburg", row["id"]))
    assert [d["id"] for d in find_documents(library, ["https://example.org/hamburg"])] == [row["id"]]


@pytest.mark.parametrize("ref", ["nothing.txt", "12345", "abcdef0", "deadbeefdeadbeef", ""])
def test_a_reference_that_names_no_document_is_refused(
    library: Database, kb: Any, docs: dict[str, Path], ref: str
) -> None:
    _ingest(library, kb, [docs["geneva1.txt"]])
    with pytest.raises(DocumentNotFoundError, match="no document"):
        find_documents(library, [str(docs["geneva1.txt"]), ref])


def test_a_path_ingested_with_two_contents_is_ambiguous(library: Database, kb: Any, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXTS["geneva1.txt"], encoding="utf-8")
    _ingest(library, kb, [path])
    path.write_text(TEXTS["geneva2.txt"], encoding="utf-8")
    _ingest(library, kb, [path])
    with pytest.raises(DocumentNotFoundError, match="names 2 documents"):
        find_documents(library, [str(path)])


def test_extracting_the_stored_text_again_finds_what_the_ingest_found(
    library: Database, kb: Any, docs: dict[str, Path]
) -> None:
    _ingest(library, kb, list(docs.values()))
    content, ids = _content(library), _ids(library)
    for doc_id in [r["id"] for r in library.query("SELECT id FROM documents")]:
        done = reread_document(library, doc_id, extract_document(stored_document(library, doc_id), kb), kb)
        assert not done.rewritten and not done.changes
    assert (_content(library), _ids(library)) == (content, ids)


def test_a_new_publication_date_gives_a_stored_document_its_meetings(
    library: Database, kb: Any, docs: dict[str, Path], tmp_path: Path
) -> None:
    """The case of a document stored with no meetings because its publication date was missing."""
    undated = tmp_path / "call.txt"
    undated.write_text("A call\n\nVladimir Putin spoke with Joe Biden by phone on Friday about Ukraine.\n", "utf-8")
    _ingest(library, kb, [undated, docs["geneva1.txt"]])
    geneva = {i["id"] for i in timeline(library, TimelineQuery())}
    doc_id = _doc_id(library, undated)
    library.execute("UPDATE documents SET published = ? WHERE id = ?", ("2022-02-18", doc_id))

    done = reread_document(library, doc_id, extract_document(stored_document(library, doc_id), kb), kb)

    items = timeline(library, TimelineQuery())
    [call] = [i for i in items if i["id"] not in geneva]
    assert (call["date"], call["format"]) == ("2022-02-18", "phone_call")
    assert (done.mentions_before, done.mentions_after, done.changes.added) == (0, 1, {call["id"]})
    assert geneva <= {i["id"] for i in items}


def test_a_meeting_keeps_its_id_when_a_new_extraction_moves_its_date(
    library: Database, kb: Any, tmp_path: Path
) -> None:
    path = tmp_path / "calls.txt"
    path.write_text(
        "Two calls\n\nVladimir Putin spoke with Joe Biden by phone on Friday about Ukraine.\n\nOn March 18, 2022, "
        "Joe Biden held a video call with Chinese President Xi Jinping.\n",
        encoding="utf-8",
    )
    _ingest(library, kb, [path])
    doc_id = _doc_id(library, path)
    library.execute("UPDATE documents SET published = ? WHERE id = ?", ("2022-02-18", doc_id))
    reread_document(library, doc_id, extract_document(stored_document(library, doc_id), kb), kb)
    first = {
        tuple(sorted(p["id"] for p in i["participants"])): (i["id"], i["date"])
        for i in timeline(library, TimelineQuery())
    }
    library.execute("UPDATE documents SET published = ? WHERE id = ?", ("2022-03-04", doc_id))

    done = reread_document(library, doc_id, extract_document(stored_document(library, doc_id), kb), kb)

    now = {
        tuple(sorted(p["id"] for p in i["participants"])): (i["id"], i["date"])
        for i in timeline(library, TimelineQuery())
    }
    assert {k: v[0] for k, v in now.items()} == {k: v[0] for k, v in first.items()}
    assert sorted(v[1] for v in now.values()) == ["2022-03-04", "2022-03-18"]
    [(moved, fields)] = done.changes.changed.items()
    assert "date" in fields and not done.changes.added and not done.changes.removed
