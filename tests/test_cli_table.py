"""cli/tables.py: the default table lists each meeting's date and leaders."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "merkel-us-presidents.txt"
GOLD = json.loads(EXAMPLE.with_name("merkel-us-presidents.gold.json").read_text(encoding="utf-8"))


def table_rows(out: str) -> dict[str, list[str]]:
    """Date -> leaders of each row of the Rich table, joining cells that wrap over several lines."""
    rows: list[list[str]] = []
    for line in out.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if re.match(r"\d{4}", cells[0]):
            rows.append(cells)
        elif rows:
            joined = [rows[-1][0] + cells[0]]  # a date wraps without a space: "2016-04-24/2016" "-04-25"
            joined += [f"{a} {b}".strip() for a, b in zip(rows[-1][1:], cells[1:], strict=True)]
            rows[-1] = joined
    return {r[0]: r[1].split(" – ") for r in rows}


@pytest.mark.parametrize("gold", GOLD["meetings"], ids=lambda g: g["date"])
def test_table_lists_date_and_both_leaders(run_cli, gold: dict) -> None:
    code, out, err = run_cli("extract", EXAMPLE)
    assert (code, err) == (0, "")
    assert sorted(table_rows(out).get(gold["date"], [])) == sorted(gold["participants"])


def test_a_boxed_table_wraps_its_cells_to_fit_the_width() -> None:
    from summitline.cli.tables import boxed_table

    rows = [["2014-09-01", "Narendra Modi – Shinzo Abe – " * 4, "Tokyo (JP)"], ["2015", "Xi Jinping", ""]]
    drawn = boxed_table("Title", ["Date", "Leaders", "Place"], rows, 60)
    lines = drawn.splitlines()
    assert max(len(line) for line in lines[1:]) <= 60
    assert len({len(line) for line in lines[1:]}) == 1  # every row of the box as wide as its rules
    body = [line for line in lines if line.startswith("│")]
    assert body[0].split("│")[1].strip() == "2014-09-01" and len(body) > 3  # the long cell wrapped over lines
    assert " ".join(line.split("│")[2].strip() for line in body[:-1]).split() == rows[0][1].split()


def test_terminal_columns_follow_columns_then_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from summitline.cli.tables import terminal_columns

    monkeypatch.setenv("COLUMNS", "132")
    assert terminal_columns() == 132
    monkeypatch.setenv("COLUMNS", "wide")  # not a number: the terminal's, else the fallback
    monkeypatch.setattr("sys.__stdout__", None)
    assert terminal_columns(77) == 77


def test_help_is_wrapped_to_the_columns_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from summitline.cli import main

    monkeypatch.setenv("COLUMNS", "60")
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 60
