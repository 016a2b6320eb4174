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
