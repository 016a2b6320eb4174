"""cli/arguments.py: every bad value is one line naming the problem, exit 2, from the argument layer.

Each case runs the whole command in-process (``main``), so a value that slipped past the parser into the
library would show up as a traceback, a different message or another exit status.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summitline.cli import arguments

ARTICLE = "President Joe Biden met Prime Minister Rishi Sunak in London on July 10, 2023.\n"

# (argv, words the one line must contain); "{doc}" is a short article, "{db}" a library in the test's folder
BAD_VALUES = [
    (["timeline", "--limit", "0"], ["--limit '0'", "1 or more", "no limit"]),
    (["timeline", "--limit", "-3"], ["--limit '-3'", "1 or more"]),
    (["timeline", "--limit", "ten"], ["--limit 'ten'", "whole number"]),
    (["leaders", "sunak", "--limit", "0"], ["--limit '0'", "1 or more"]),
    (["ingest", "{doc}", "--timeout", "-1"], ["--timeout '-1'", "above zero"]),
    (["ingest", "https://example.invalid/", "--timeout", "0"], ["--timeout '0'", "above zero"]),
    (["extract", "{doc}", "--timeout", "nan"], ["--timeout 'nan'", "seconds"]),
    (["extract", "{doc}", "--timeout", "soon"], ["--timeout 'soon'", "seconds"]),
    (["reference", "fetch", "--timeout", "0"], ["--timeout '0'", "above zero"]),
    (["ingest", "{doc}", "--doc-timeout", "0"], ["--doc-timeout '0'", "above zero"]),
    (["ingest", "{doc}", "--doc-timeout", "-5"], ["--doc-timeout '-5'", "above zero"]),
    (["ingest", "{doc}", "--max-failures", "-1"], ["--max-failures '-1'", "0 or more"]),
    (["ingest", "{doc}", "--max-failures", "some"], ["--max-failures 'some'", "whole number"]),
    (["ingest", "{doc}", "--max-bytes", "0"], ["--max-bytes '0'", "above zero"]),
    (["extract", "{doc}", "--max-bytes", "lots"], ["--max-bytes 'lots'", "bytes"]),
    (["extract", "{doc}", "--published", "2023-02-29"], ["--published '2023-02-29'", "does not exist"]),
    (["extract", "{doc}", "--published", "10/07/2023"], ["--published", "YYYY-MM-DD"]),
    (["ingest", "{doc}", "--published", "20230710"], ["--published '20230710'", "YYYY-MM-DD"]),
    (["extract", "{doc}", "--published", "2023-07"], ["--published '2023-07'", "YYYY-MM-DD"]),
    (["timeline", "--from", "2023-13"], ["--from '2023-13'", "YYYY-MM", "does not exist"]),
    (["timeline", "--from", "July 2023"], ["--from 'July 2023'", "YYYY, YYYY-MM or YYYY-MM-DD"]),
    (["timeline", "--from", "2001/2005"], ["--from '2001/2005'", "YYYY"]),
    (["timeline", "--to", "2023-02-30"], ["--to '2023-02-30'", "does not exist"]),
    (["timeline", "--to", "23"], ["--to '23'", "YYYY"]),
    (["timeline", "--from", "2024", "--to", "2023-12"], ["--from 2024 is after --to 2023-12"]),
    (["leaders", "sunak", "--on", "2023-00"], ["--on '2023-00'", "does not exist"]),
    (["leaders", "sunak", "--on", "last year"], ["--on 'last year'", "START/END"]),
    (["leaders", "sunak", "--on", "2024/2023-06"], ["--on '2024/2023-06'", "ends before it starts"]),
    (["timeline", "--topic", "%"], ["no topic '%'", "arms_control", "ukraine"]),
    (["timeline", "--topic", "arms_%"], ["no topic 'arms_%'", "arms_control"]),
    (["timeline", "--meeting-format", "telepathy"], ["--meeting-format", "invalid choice", "in_person"]),
    (["timeline", "--format", "xml"], ["--format", "invalid choice", "csv"]),
    (["timeline", "--leader", "bush"], ["'bush' fits 2 leaders", "george-w-bush", "george-h-w-bush"]),
    (["timeline", "--bogus"], ["unrecognized arguments: --bogus", "summitline timeline --help"]),
    (["reference", "fetch", "--bogus"], ["unrecognized arguments: --bogus", "summitline reference fetch --help"]),
    (["ingest"], ["give the documents", "SOURCE", "--manifest"]),
    (["sightsee"], ["invalid choice: 'sightsee'", "timeline"]),
]


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "london.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _argv(argv: list[str], doc: Path, db: Path) -> list[str]:
    filled = [a.replace("{doc}", str(doc)) for a in argv]
    if filled[0] in ("timeline", "ingest") and len(filled) > 1:
        filled += ["--db", str(db)]
    return filled


@pytest.mark.parametrize(("argv", "words"), BAD_VALUES, ids=[" ".join(argv) for argv, _ in BAD_VALUES])
def test_a_bad_value_is_one_line_and_exit_2(
    argv: list[str], words: list[str], doc: Path, tmp_path: Path, run_cli: Any, assert_error: Any
) -> None:
    db = tmp_path / "lib.db"
    assert_error(*run_cli(*_argv(argv, doc, db)), *words)
    assert not db.exists()  # refused before the library was opened, let alone written


@pytest.mark.parametrize(
    "argv",
    [
        ["timeline", "--from", "2023", "--to", "2023"],
        ["timeline", "--from", "2023-07", "--to", "2023-07-10"],
        ["timeline", "--from", "2023-07-10", "--limit", "1"],
        ["timeline", "--from", "2023-06", "--to", "2023"],  # June 2023 is within 2023
        ["timeline", "--topic", "Arms control", "--topic", "trade"],
        ["leaders", "sunak", "--on", "2023"],
        ["leaders", "sunak", "--on", "2022-10/2024-07-05", "--limit", "1"],
    ],
    ids=" ".join,
)
def test_good_values_at_every_precision_pass(argv: list[str], tmp_path: Path, run_cli: Any) -> None:
    flags = ["--db", str(tmp_path / "lib.db")] if argv[0] == "timeline" else []
    if flags:  # a library to read (reading never creates one)
        from summitline.store import open_database

        open_database(str(tmp_path / "lib.db")).close()
    code, out, err = run_cli(*argv, *flags, "--format", "json")
    assert (code, err) == (0, ""), err


def test_the_console_script_gives_no_traceback_for_a_negative_timeout(doc: Path, tmp_path: Path) -> None:
    """Regression: `summitline ingest FILE --timeout -1` printed a traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "summitline", "ingest", str(doc), "--timeout", "-1", "--db", str(tmp_path / "l.db")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "summitline: error: --timeout '-1': give a number of seconds above zero, such as 20"
    ]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [("2023", "2023-01-01", "2023-12-31"), ("2024-02", "2024-02-01", "2024-02-29"), ("2023-07-10", "2023-07-10", None)],
)
def test_a_date_covers_the_days_of_its_precision(text: str, first: str, last: str | None) -> None:
    assert arguments.date_value(text) == text
    assert str(arguments.first_day(text)) == first and str(arguments.last_day(text)) == (last or first)
