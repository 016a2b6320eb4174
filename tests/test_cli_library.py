"""`summitline ingest`, `failures`, `timeline`, `show`, `stats`, in-process, on SQLite and on PostgreSQL.

The last tests guard two defects found in review: output helpers that bound ``sys.stdout`` at import, and
read commands that left the library open.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitline.merge import date_interval

SUMMARY = re.compile(
    r"^read (\d+), new (\d+), skipped (\d+) \(already in the library\), failed (\d+), meetings found (\d+)$", re.M
)
CSV_COLUMNS = [
    "id",
    "date",
    "leaders",
    "countries",
    "place",
    "country",
    "format",
    "status",
    "occasion",
    "topics",
    "sources",
    "conflicts",
    "findings",
]


@pytest.fixture
def cli(run_cli: Any) -> Any:
    return run_cli


@pytest.fixture
def db(new_library_target: Callable[[], str]) -> str:
    """The --db value of a fresh library."""
    return new_library_target()


@pytest.fixture
def filled(db: str, cli: Any, seed_path: Path, shared_dir: Path) -> str:
    """A library holding the founding article and the dev articles."""
    code, _, err = cli("ingest", seed_path, shared_dir / "corpus" / "dev", "--db", db, "--quiet")
    assert code == 0, err
    return db


def _timeline(cli: Any, db: str, *flags: str) -> list[dict[str, Any]]:
    code, out, err = cli("timeline", "--db", db, "--format", "json", *flags)
    assert code == 0, err
    return json.loads(out)


def test_ingest_prints_the_summary_and_a_second_run_skips(db: str, cli: Any, seed_path: Path, shared_dir: Path) -> None:
    dev = shared_dir / "corpus" / "dev"
    documents = 1 + len(list(dev.glob("*.txt")))
    code, out, err = cli("ingest", seed_path, dev, "--db", db, "--quiet")
    assert code == 0, err
    first = SUMMARY.search(out)
    assert first, out
    read, new, skipped, failed, found = map(int, first.groups())
    assert (read, new, skipped, failed) == (documents, documents, 0, 0) and found > 18

    code, out, err = cli("ingest", seed_path, dev, "--db", db, "--quiet")
    assert code == 0, err
    again = SUMMARY.search(out)
    assert again and tuple(map(int, again.groups())) == (documents, 0, documents, 0, 0), out


def test_timeline_json_items_carry_the_contract(filled: str, cli: Any) -> None:
    items = _timeline(cli, filled)
    assert items
    for item in items:
        assert {"id", "date", "participants", "sources", "conflicts", "findings", "source_count"} <= set(item)
        assert item["sources"] and all({"document_id", "url", "path", "title"} <= set(s) for s in item["sources"])
    assert sum(bool(i["conflicts"]) for i in items) >= 1


def test_timeline_csv_has_a_header_and_one_row_per_meeting(filled: str, cli: Any) -> None:
    code, out, err = cli("timeline", "--db", filled, "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == CSV_COLUMNS
    assert [r[0] for r in rows[1:]] == [i["id"] for i in _timeline(cli, filled)]


def test_timeline_table_lists_the_meetings(filled: str, cli: Any) -> None:
    code, out, err = cli("timeline", "--db", filled, "--leader", "putin", "--with", "united states")
    assert code == 0, err
    assert "2000-06-04" in out and "Hamburg" in out and "2017-06-07" in out


def test_timeline_leader_and_with(filled: str, cli: Any) -> None:
    items = _timeline(cli, filled, "--leader", "putin", "--with", "united states")
    assert items
    for item in items:
        assert "vladimir-putin" in {p["id"] for p in item["participants"]}
        assert "US" in {p["country"] for p in item["participants"]}
    assert _timeline(cli, filled, "--leader", "putin", "--with", "biden") == [
        i for i in items if "joe-biden" in {p["id"] for p in i["participants"]}
    ]


@pytest.mark.parametrize(("date_from", "date_to"), [("2001", "2008"), ("2017-07-01", "2017-07-31"), ("2021-06", None)])
def test_timeline_from_and_to(filled: str, cli: Any, date_from: str, date_to: str | None) -> None:
    everything = _timeline(cli, filled)
    flags = ["--from", date_from] + (["--to", date_to] if date_to else [])
    window = date_interval(date_from)[0], date_interval(date_to)[1] if date_to else date_interval("9999")[1]
    expected = [
        i["id"]
        for i in everything
        if date_interval(i["date"])[1] >= window[0] and date_interval(i["date"])[0] <= window[1]
    ]
    assert expected
    assert [i["id"] for i in _timeline(cli, filled, *flags)] == expected


def test_timeline_meeting_format(filled: str, cli: Any) -> None:
    everything = _timeline(cli, filled)
    for fmt in ("in_person", "video_call", "phone_call"):
        chosen = _timeline(cli, filled, "--meeting-format", fmt)
        assert [i["id"] for i in chosen] == [i["id"] for i in everything if i["format"] == fmt]
    assert _timeline(cli, filled, "--meeting-format", "video_call")


def test_timeline_topic(filled: str, cli: Any, assert_error: Any) -> None:
    everything = _timeline(cli, filled)
    chosen = _timeline(cli, filled, "--topic", "arms_control")
    assert chosen and [i["id"] for i in chosen] == [i["id"] for i in everything if "arms_control" in i["topics"]]
    assert _timeline(cli, filled, "--topic", "Arms control") == chosen  # the label names the same topic
    assert_error(*cli("timeline", "--db", filled, "--topic", "no_such_topic"), "no topic", "arms_control")


def test_timeline_unknown_leader_is_a_one_line_error(filled: str, cli: Any, assert_error: Any) -> None:
    assert_error(*cli("timeline", "--db", filled, "--leader", "nobody-at-all"), "no leader")


def test_show_gives_every_source_with_its_evidence(filled: str, cli: Any) -> None:
    hamburg = next(i for i in _timeline(cli, filled) if (i.get("place") or {}).get("city") == "Hamburg")
    code, out, err = cli("show", hamburg["id"], "--db", filled, "--format", "json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["id"] == hamburg["id"] and len(shown["mentions"]) == 2
    assert {m["date"] for m in shown["mentions"]} == {"2017-06-07", "2017-07-07"}
    assert all(m["evidence"] for m in shown["mentions"])

    code, out, err = cli("show", hamburg["id"], "--db", filled)
    assert code == 0, err
    assert "conflict" in out and "2017-06-07" in out and "2017-07-07" in out


def test_show_of_an_unknown_id_is_a_one_line_error(filled: str, cli: Any, assert_error: Any) -> None:
    assert_error(*cli("show", "m-not-there", "--db", filled), "no meeting", "m-not-there")


def test_stats_json(filled: str, cli: Any) -> None:
    code, out, err = cli("stats", "--db", filled, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    everything = _timeline(cli, filled)
    assert data["totals"]["documents"] == 9 and data["totals"]["meetings"] == len(everything)
    assert data["totals"]["conflicts"] >= 1 and data["totals"]["failures"] == 0
    assert sum(p["meetings"] for p in data["pairs"]) == len(everything)
    assert sum(y["meetings"] for y in data["years"]) == len(everything)

    code, out, err = cli("stats", "--db", filled)
    assert code == 0, err
    assert out.startswith("documents 9, ") and "meetings per pair of leaders:" in out


def test_failures_lists_what_could_not_be_used(db: str, cli: Any, tmp_path: Path) -> None:
    code, out, err = cli("failures", "--db", db)  # reading never creates a library: a mistyped --db says so
    assert code == 2 and "no summitline library there yet" in err
    empty, binary = tmp_path / "empty.txt", tmp_path / "binary.txt"
    empty.write_text("")
    binary.write_bytes(b"\x00\xff" * 64)
    code, out, err = cli("ingest", empty, binary, "--db", db, "--quiet")
    assert code == 1, err  # sources failed, and --max-failures allows none
    assert SUMMARY.search(out) and "failed 2" in out
    assert f"failed: {empty}" in err and f"failed: {binary}" in err

    code, out, err = cli("failures", "--db", db, "--format", "json")
    assert code == 0, err
    assert [r["source"] for r in json.loads(out)] == [str(empty), str(binary)]
    code, out, err = cli("failures", "--db", db)
    assert code == 0, err
    assert len(out.splitlines()) == 2 and str(empty) in out and str(binary) in out


def test_the_library_comes_from_summitline_db(
    db: str, cli: Any, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMITLINE_DB", db)
    code, out, err = cli("ingest", seed_path, "--quiet")
    assert code == 0, err
    assert "new 1" in out
    code, out, err = cli("stats", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["totals"]["documents"] == 1
    assert _timeline(cli, db)  # the same library as --db names


def test_a_database_in_a_missing_folder_is_a_one_line_error(cli: Any, tmp_path: Path, assert_error: Any) -> None:
    assert_error(*cli("stats", "--db", tmp_path / "nowhere" / "lib.db"), "does not exist")


# --- regression tests for defects found in review --------------------------------------------------------


def test_output_goes_to_the_current_stdout(run_cli: Any, tmp_path: Path) -> None:
    from summitline.store import open_database

    open_database(str(tmp_path / "lib.db")).close()  # an empty library: reading never creates one
    code, out, err = run_cli("stats", "--db", tmp_path / "lib.db", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["totals"]["documents"] == 0


@pytest.mark.parametrize(
    "argv", [["failures"], ["timeline", "--format", "json"], ["show", "m-none"], ["stats", "--format", "json"]]
)
def test_read_commands_close_the_library(
    argv: list[str], run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summitline.cli import common
    from summitline.cli import library as commands
    from summitline.store import open_database

    open_database(str(tmp_path / "lib.db")).close()
    opened: list[Any] = []

    def opening(args: Any, write: bool = True) -> Any:
        opened.append(common.open_library(args, write=write))
        return opened[-1]

    monkeypatch.setattr(commands, "open_library", opening)
    run_cli(*argv, "--db", tmp_path / "lib.db")
    assert opened
    try:
        opened[0].execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return  # closed
    opened[0].close()
    raise AssertionError(f"`summitline {argv[0]}` left the library open")
