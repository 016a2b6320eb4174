"""Exports of the chronology: CSV, JSON, Parquet, GeoJSON, TimelineJS JSON and iCalendar.

:func:`export_meetings` takes the timeline's filters (:class:`~summitline.store.queries.TimelineQuery`,
full-text search included) and writes one row, feature, slide or event per meeting, each built from the same
record (``record.py``). CSV and JSON are read back by :func:`read_csv` and :func:`read_json`. Formats a
browser may show as HTML (GeoJSON, TimelineJS) have their text escaped (``web_text.py``). Parquet needs the
optional extra ``summitline[parquet]``; without it the export is refused, before anything is written, with
:class:`MissingExtraError`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from ..errors import ConfigError
from ..store.database import Database
from ..store.queries import TimelineQuery, meeting_days, timeline
from .geojson import write_geojson
from .ical import write_ical
from .parquet import MissingExtraError, write_parquet
from .record import COLUMNS, ExportMeeting, export_meeting
from .tabular import EXPORT_SCHEMA, read_csv, read_json, write_csv, write_json
from .timelinejs import write_timelinejs

__all__ = [
    "COLUMNS",
    "EXPORT_SCHEMA",
    "FORMATS",
    "ExportMeeting",
    "ExportResult",
    "MissingExtraError",
    "export_meetings",
    "export_records",
    "read_csv",
    "read_json",
    "write_records",
]

FORMATS = ("csv", "json", "parquet", "geojson", "timelinejs", "ics")


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: str
    meetings: int  # meetings that matched the filters
    written: int  # rows, features, slides or events written (GeoJSON leaves out unplaced meetings)


def export_records(db: Database, query: TimelineQuery) -> list[ExportMeeting]:
    """The export records of the meetings that match ``query``, by date."""
    items = timeline(db, query)
    days = meeting_days(db, [i["id"] for i in items])
    return [export_meeting(item, days[item["id"]]) for item in items if item["id"] in days]


def write_records(records: list[ExportMeeting], fmt: str, path: Path, stamp: datetime | None = None) -> int:
    """Write ``records`` to ``path`` in format ``fmt``; return how many rows, features or events were written.
    The file appears whole or not at all (written beside it, then renamed). ``stamp``: the iCalendar DTSTAMP."""
    writers: dict[str, Callable[[TextIO], int]] = {
        "csv": lambda out: write_csv(records, out),
        "json": lambda out: write_json(records, out),
        "geojson": lambda out: write_geojson(records, out),
        "timelinejs": lambda out: write_timelinejs(records, out),
        "ics": lambda out: write_ical(records, out, stamp),
    }
    if fmt not in FORMATS:
        raise ConfigError(f"export format {fmt!r}: give one of {', '.join(FORMATS)}")
    folder = path.parent
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder; give the export's file name, such as {path / ('meetings.' + fmt)}")
    if not folder.is_dir():
        raise ConfigError(f"{path}: the folder {folder} does not exist; create it or give another file name")
    temporary = folder / f".{path.name}.{os.getpid()}.partial"
    try:
        if fmt == "parquet":
            written = write_parquet(records, temporary)
        else:
            with temporary.open("w", encoding="utf-8", newline="") as out:
                written = writers[fmt](out)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ConfigError(f"{path}: cannot write the export ({exc.strerror or exc}); give another file name") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return written


def export_meetings(
    db: Database, query: TimelineQuery, fmt: str, path: Path, stamp: datetime | None = None
) -> ExportResult:
    """Export the meetings that match ``query`` to ``path`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "parquet":
        from .parquet import _pyarrow

        _pyarrow()  # refused before the library is read
    records = export_records(db, query)
    written = write_records(records, fmt, path, stamp)
    return ExportResult(path, fmt, len(records), written)
