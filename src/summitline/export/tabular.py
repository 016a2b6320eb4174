"""CSV and JSON exports, and the readers that take them back (an export re-read gives the same meetings).

CSV: one row per meeting, the columns of :data:`~summitline.export.record.COLUMNS`; a cell that holds a
list or an object (leaders, topics, quotes, sources, conflicts, findings) holds it as JSON, and an empty cell
is no value. JSON: ``{"schema": "summitline/export@1", "meetings": [...]}``, one object per meeting with the
same keys.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from ..errors import InputError
from .record import COLUMNS, KINDS, ExportMeeting

EXPORT_SCHEMA = "summitline/export@1"

_JSON_COLUMNS = {"leaders", "topics", "quotes", "sources", "conflicts", "findings"}


def write_csv(meetings: Iterable[ExportMeeting], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for meeting in meetings:
        writer.writerow(_cell(name, value) for name, value in meeting.to_dict().items())
        count += 1
    return count


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name in _JSON_COLUMNS:
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read_csv(path: Path) -> list[ExportMeeting]:
    """The meetings of a CSV export. A file that is not one is an :class:`InputError` naming what is amiss."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}: not a summitline CSV export (no column {missing[0]!r}); export one again")
        try:
            return [ExportMeeting.from_dict({c: _value(c, row[c]) for c in COLUMNS}) for row in reader]
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            raise InputError(f"{path}: line {reader.line_num}: a cell cannot be read ({exc})") from exc


def _value(name: str, cell: str) -> Any:
    if cell == "":
        return [] if name in _JSON_COLUMNS else None
    if name in _JSON_COLUMNS:
        return json.loads(cell)
    kind = KINDS.get(name)
    if kind is bool:
        return cell == "true"
    return kind(cell) if kind else cell


def write_json(meetings: Iterable[ExportMeeting], out: TextIO) -> int:
    rows = [m.to_dict() for m in meetings]
    json.dump({"schema": EXPORT_SCHEMA, "meetings": rows}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(rows)


def read_json(path: Path) -> list[ExportMeeting]:
    """The meetings of a JSON export."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not JSON ({exc}); give a file written by `summitline export --format json`") from exc
    if not isinstance(data, dict) or data.get("schema") != EXPORT_SCHEMA or not isinstance(data.get("meetings"), list):
        raise InputError(f"{path}: not a summitline JSON export (no schema {EXPORT_SCHEMA!r}); export one again")
    return [ExportMeeting.from_dict(row) for row in data["meetings"]]
