"""`summitline remove`, `summitline reextract`, `ingest --force` and `ingest --manifest`, in-process, on
SQLite and PostgreSQL, with texts of our own and the example article that ships with the project."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitline.store import open_database

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "merkel-us-presidents.txt"
GENEVA = (
    "Talks by the lake\n\nOn June 16, 2021, U.S. President Joe Biden met Russian President Vladimir Putin at a villa "
    "in Geneva, Switzerland. They discussed arms control and cybersecurity.\n"
)
GENEVA_AGAIN = (
    "Geneva summit\n\nJoe Biden and Vladimir Putin held talks in Geneva on June 16, 2021, their first meeting since "
    "Biden took office. They agreed to send their ambassadors back.\n"
)
HAMBURG = (
    "Hamburg sidelines\n\nOn June 7, 2017, U.S. President Donald Trump met Russian President Vladimir Putin on the "
    "sidelines of the G20 summit in Hamburg, Germany. They talked about Syria for two hours.\n"
)
CALL = "A call\n\nVladimir Putin spoke with Joe Biden by phone on Friday about Ukraine.\n"


@pytest.fixture
def db(new_library_target: Callable[[], str]) -> str:
    return new_library_target()


@pytest.fixture
def docs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    out = {}
    for name, text in {
        "geneva.txt": GENEVA,
        "geneva2.txt": GENEVA_AGAIN,
        "hamburg.txt": HAMBURG,
        "call.txt": CALL,
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
        out[name] = folder / name
    return out


def _ok(cli: Any, *argv: str | Path) -> str:
    code, out, err = cli(*argv)
    assert code == 0, (code, out, err)
    return out


def _timeline(cli: Any, db: str) -> list[dict[str, Any]]:
    return json.loads(_ok(cli, "timeline", "--db", db, "--format", "json"))


def _by_leaders(items: list[dict[str, Any]]) -> dict[tuple[str, ...], dict[str, Any]]:
    return {tuple(sorted(p["id"] for p in i["participants"])): i for i in items}


def _documents(db: str) -> list[dict[str, Any]]:
    with open_database(db) as library:
        return library.query("SELECT id, path, published, url, source FROM documents ORDER BY id")


# --- remove -----------------------------------------------------------------------------------------------


def test_remove_prints_what_went_and_what_changed(run_cli: Any, db: str, docs: dict[str, Path]) -> None:
    _ok(run_cli, "ingest", docs["geneva.txt"], docs["geneva2.txt"], docs["hamburg.txt"], "--db", db, "--quiet")
    before = {i["date"]: i["id"] for i in _timeline(run_cli, db)}

    out = _ok(run_cli, "remove", docs["geneva2.txt"], docs["hamburg.txt"], "--db", db)

    assert out.splitlines()[0] == "removed 2 document(s):"
    assert str(docs["geneva2.txt"]) in out and str(docs["hamburg.txt"]) in out
    assert f"meetings removed (1): {before['2017-06-07']}" in out
    assert f"meetings changed (1): {before['2021-06-16']} (" in out and "sources" in out
    assert [(i["id"], i["source_count"]) for i in _timeline(run_cli, db)] == [(before["2021-06-16"], 1)]
    assert [Path(d["path"]).name for d in _documents(db)] == ["geneva.txt"]


def test_remove_with_one_unknown_document_removes_nothing(
    run_cli: Any, db: str, docs: dict[str, Path], assert_error: Any
) -> None:
    _ok(run_cli, "ingest", docs["geneva.txt"], docs["hamburg.txt"], "--db", db, "--quiet")
    code, out, err = run_cli("remove", docs["geneva.txt"], "not-in-the-library.txt", "--db", db)
    assert_error(code, out, err, "no document 'not-in-the-library.txt'")
    assert len(_documents(db)) == 2 and len(_timeline(run_cli, db)) == 2


def test_remove_by_sha256_prefix_with_json_output(run_cli: Any, db: str, docs: dict[str, Path]) -> None:
    _ok(run_cli, "ingest", docs["hamburg.txt"], "--db", db, "--quiet")
    with open_database(db) as library:
        sha = library.scalar("SELECT sha256 FROM documents")
    [meeting] = _timeline(run_cli, db)
    done = json.loads(_ok(run_cli, "remove", sha[:10], "--db", db, "--format", "json"))
    assert [d["sha256"] for d in done["documents"]] == [sha]
    assert done["meetings"] == {"added": [], "removed": [meeting["id"]], "changed": {}}


# --- reextract --------------------------------------------------------------------------------------------


def test_reextract_right_after_ingest_changes_nothing_and_again_nothing(
    run_cli: Any, db: str, docs: dict[str, Path]
) -> None:
    _ok(run_cli, "ingest", EXAMPLE, docs["geneva.txt"], docs["hamburg.txt"], "--db", db, "--quiet")
    before = _timeline(run_cli, db)
    for _ in range(2):
        out = _ok(run_cli, "reextract", "--all", "--db", db)
        assert out.splitlines()[0].startswith("re-read 3 document(s), 0 with new mentions; mentions ")
        assert out.splitlines()[1] == "meetings: no change"
    assert _timeline(run_cli, db) == before


def test_reextract_lists_a_document_whose_text_was_not_kept_and_reads_the_others(
    run_cli: Any, db: str, docs: dict[str, Path]
) -> None:
    _ok(run_cli, "ingest", docs["geneva.txt"], "--db", db, "--quiet", "--store-text", "none")
    _ok(run_cli, "ingest", docs["hamburg.txt"], "--db", db, "--quiet")
    code, out, err = run_cli("reextract", "--all", "--db", db)
    assert code == 1, (out, err)  # one document failed; the other was read again
    assert "re-read 1 document(s)" in out and "--store-text none" in out + err


def test_reextract_after_the_publication_date_is_corrected_finds_the_meeting_and_keeps_verdicts(
    run_cli: Any, db: str, docs: dict[str, Path]
) -> None:
    """A document stored with no meeting because its publication date was missing."""
    _ok(run_cli, "ingest", docs["call.txt"], docs["hamburg.txt"], "--db", db, "--quiet")
    [hamburg] = _timeline(run_cli, db)
    [finding] = [f for f in hamburg["findings"] if f["severity"] != "info"]
    _ok(run_cli, "verdict", finding["id"], "dismissed", "--note", "our own test", "--db", db)
    with open_database(db) as library:
        library.execute("UPDATE documents SET published = ? WHERE path = ?", ("2022-02-18", str(docs["call.txt"])))
        library.conn.commit()

    out = _ok(run_cli, "reextract", "--all", "--db", db, "--format", "json")

    summary = json.loads(out)
    items = _by_leaders(_timeline(run_cli, db))
    call = next(i for i in items.values() if i["format"] == "phone_call")
    assert call["date"] == "2022-02-18"
    assert summary["documents"] == 2 and summary["documents_changed"] == 1
    assert (summary["mentions_before"], summary["mentions_after"]) == (1, 2)
    assert summary["meetings"] == {"added": [call["id"]], "removed": [], "changed": {}}
    kept = next(i for i in items.values() if i["id"] == hamburg["id"])
    assert [f["verdict"]["verdict"] for f in kept["findings"] if f["id"] == finding["id"]] == ["dismissed"]


def test_reextract_of_named_documents_says_which_fields_changed(run_cli: Any, db: str, docs: dict[str, Path]) -> None:
    _ok(run_cli, "ingest", docs["call.txt"], "--db", db, "--quiet", "--published", "2022-02-18")
    [call] = _timeline(run_cli, db)
    with open_database(db) as library:
        library.execute("UPDATE documents SET published = ?", ("2022-03-04",))
        library.conn.commit()
    out = _ok(run_cli, "reextract", docs["call.txt"], "--db", db)
    assert out.splitlines()[1].startswith(f"meetings changed (1): {call['id']} (") and "date" in out
    assert [(i["id"], i["date"]) for i in _timeline(run_cli, db)] == [(call["id"], "2022-03-04")]


@pytest.mark.parametrize("argv", [(), ("--all", "call.txt"), ("nothing.txt",)])
def test_reextract_needs_documents_or_all(
    run_cli: Any, db: str, docs: dict[str, Path], assert_error: Any, argv: tuple[str, ...]
) -> None:
    _ok(run_cli, "ingest", docs["call.txt"], "--db", db, "--quiet")
    code, out, err = run_cli("reextract", *argv, "--db", db)
    assert_error(code, out, err, "no document" if argv == ("nothing.txt",) else "--all")


# --- ingest --force ---------------------------------------------------------------------------------------


def test_ingest_force_reads_a_stored_document_again_with_the_date_given(
    run_cli: Any, db: str, docs: dict[str, Path]
) -> None:
    _ok(run_cli, "ingest", docs["call.txt"], docs["geneva.txt"], "--db", db, "--quiet")
    [geneva] = _timeline(run_cli, db)
    out = _ok(run_cli, "ingest", docs["call.txt"], "--db", db, "--quiet", "--published", "2022-02-18")
    assert out.startswith("read 1, new 0, skipped 1 ")

    out = _ok(
        run_cli,
        "ingest",
        docs["call.txt"],
        docs["geneva.txt"],
        "--db",
        db,
        "--quiet",
        "--force",
        "--published",
        "2022-02-18",
    )

    assert (
        out.splitlines()[0]
        == "read 2, new 0, re-read 2, skipped 0 (already in the library), failed 0, meetings found 2"
    )
    items = _timeline(run_cli, db)
    call = next(i for i in items if i["format"] == "phone_call")
    assert out.splitlines()[1] == f"re-read: meetings added (1): {call['id']}"
    assert call["date"] == "2022-02-18" and geneva["id"] in {i["id"] for i in items}
    assert [d["published"] for d in _documents(db)] == ["2022-02-18", "2022-02-18"]


def test_ingest_force_without_a_date_keeps_the_stored_one(run_cli: Any, db: str, docs: dict[str, Path]) -> None:
    _ok(run_cli, "ingest", docs["call.txt"], "--db", db, "--quiet", "--published", "2022-02-18")
    before = _timeline(run_cli, db)
    out = _ok(run_cli, "ingest", docs["call.txt"], "--db", db, "--quiet", "--force")
    assert out.splitlines()[1] == "re-read: meetings: no change"
    assert _timeline(run_cli, db) == before and _documents(db)[0]["published"] == "2022-02-18"


# --- ingest --manifest ------------------------------------------------------------------------------------


def _manifest(folder: Path, lines: list[dict[str, Any] | str]) -> Path:
    path = folder / "manifest.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_manifest_gives_each_document_its_own_publication_date(
    run_cli: Any, db: str, docs: dict[str, Path], tmp_path: Path
) -> None:
    second = docs["call.txt"].with_name("call-later.txt")
    second.write_text(CALL.replace("about Ukraine", "about grain exports"), encoding="utf-8")
    manifest = _manifest(
        docs["call.txt"].parent,
        [
            {"path": "call.txt", "published": "2022-02-18", "title": "February call"},
            {"path": "call-later.txt", "published": "2022-07-29"},
        ],
    )

    out = _ok(run_cli, "ingest", "--manifest", manifest, docs["geneva.txt"], "--db", db, "--quiet")

    assert out.startswith("read 3, new 3, skipped 0 ")
    calls = sorted(i["date"] for i in _timeline(run_cli, db) if i["format"] == "phone_call")
    assert calls == ["2022-02-18", "2022-07-29"]
    stored = {Path(d["path"]).name: d["published"] for d in _documents(db)}
    assert stored["call.txt"] == "2022-02-18" and stored["call-later.txt"] == "2022-07-29"


def test_manifest_with_force_moves_a_stored_document_to_its_corrected_date(
    run_cli: Any, db: str, docs: dict[str, Path]
) -> None:
    folder = docs["call.txt"].parent
    _ok(
        run_cli,
        "ingest",
        "--manifest",
        _manifest(folder, [{"path": "call.txt", "published": "2022-02-18"}]),
        "--db",
        db,
    )
    [call] = _timeline(run_cli, db)
    corrected = _manifest(folder, [{"path": "call.txt", "published": "2022-03-04"}])
    assert "skipped 1" in _ok(run_cli, "ingest", "--manifest", corrected, "--db", db)
    _ok(run_cli, "ingest", "--manifest", corrected, "--db", db, "--force")
    assert [(i["id"], i["date"]) for i in _timeline(run_cli, db)] == [(call["id"], "2022-03-04")]


def test_a_bad_manifest_line_stops_the_ingest_before_anything_is_written(
    run_cli: Any, db: str, docs: dict[str, Path], assert_error: Any
) -> None:
    manifest = _manifest(
        docs["call.txt"].parent,
        [{"path": "call.txt", "published": "2022-02-18"}, {"path": "geneva.txt", "published": "2021-06-31"}],
    )
    code, out, err = run_cli("ingest", "--manifest", manifest, docs["hamburg.txt"], "--db", db)
    assert_error(code, out, err, f"{manifest}:2:", "'published' '2021-06-31'", "nothing was ingested")
    if "://" not in db:
        assert not Path(db).exists()
    assert _documents(db) == []


def test_ingest_needs_a_source_or_a_manifest(run_cli: Any, db: str, assert_error: Any) -> None:
    code, out, err = run_cli("ingest", "--db", db)
    assert_error(code, out, err, "SOURCE", "--manifest")
