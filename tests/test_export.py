"""summitline.export and `summitline export`: every format from one library of short articles of our own.

CSV and JSON re-read give the same meetings (on SQLite and PostgreSQL); the GeoJSON is an RFC 7946
FeatureCollection with no feature for a place known only to its country; TimelineJS dates keep their
precision; the iCalendar file parses with the ``icalendar`` package; Parquet reads back with pyarrow, and
without pyarrow the export is refused with the pip command. Document text reaches the browser formats
escaped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pyarrow.parquet
import pytest

from summitline.config import Settings
from summitline.export import (
    COLUMNS,
    ExportMeeting,
    MissingExtraError,
    export_meetings,
    export_records,
    read_csv,
    read_json,
    write_records,
)
from summitline.ingest import ingest
from summitline.store import Database, open_database
from summitline.store.queries import TimelineQuery
from summitline.store.verdicts import set_verdict

ARTICLES = {
    "osaka.txt": "On June 28, 2019, President Donald Trump met President Vladimir Putin at the G20 summit in Osaka, "
    'where the two leaders discussed trade. "We had a very good meeting," Trump told reporters after the talks.\n',
    "osaka-misdated.txt": "On June 27, 2019, President Trump met President Putin at the G20 summit in Osaka, where "
    "they discussed arms control.\n",
    "russia.txt": "Chinese President Xi Jinping met Russian President Vladimir Putin in Russia in March 2023 for "
    "talks on Ukraine.\n",
    "bratislava.txt": "In 2005, President George W. Bush met President Vladimir Putin in Bratislava, Slovakia, for a "
    "summit.\n",
    "paris.txt": "On May 5, 2021, Chancellor Angela Merkel met President Emmanuel Macron in Paris <script>alert(1)"
    '</script> and <img src=x onerror=alert(2)> with a <a href="javascript:alert(3)">link</a> in the summary.\n',
}
STAMP = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def _fill(db: Database, kb: Any, folder: Path) -> Database:
    folder.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    summary = ingest(db, [str(folder)], kb, Settings())
    assert (summary.new, summary.failed) == (len(ARTICLES), 0)
    finding = next(f for r in export_records(db, TimelineQuery()) for f in r.findings)
    set_verdict(db, finding["id"], "confirmed", "the record agrees")
    return db


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory, kb: Any) -> list[ExportMeeting]:
    folder = tmp_path_factory.mktemp("export")
    with open_database(folder / "lib.db") as db:
        return export_records(_fill(db, kb, folder / "articles"), TimelineQuery())


def _by_place(records: list[ExportMeeting], name: str) -> ExportMeeting:
    return next(r for r in records if r.place_name == name)


def _written(records: list[ExportMeeting], fmt: str, tmp_path: Path) -> Path:
    path = tmp_path / f"meetings.{fmt}"
    write_records(records, fmt, path, STAMP)
    return path


# --- the record ----------------------------------------------------------------------------------


def test_a_record_holds_leaders_offices_place_sources_conflicts_and_verdicts(records: list[ExportMeeting]) -> None:
    osaka = _by_place(records, "Osaka")
    assert {p["name"] for p in osaka.leaders} == {"Donald Trump", "Vladimir Putin"}
    assert all(p["office"] and p["country"] and p["id"] for p in osaka.leaders)
    assert (osaka.date, osaka.date_first, osaka.date_last, osaka.date_precision) == (
        "2019-06-28", "2019-06-28", "2019-06-28", "day"
    )  # fmt: skip
    assert (osaka.place_level, osaka.place_country, osaka.occasion) == ("city", "JP", "G20 summit")
    assert osaka.latitude == pytest.approx(34.69, abs=0.05) and osaka.longitude == pytest.approx(135.50, abs=0.05)
    assert osaka.source_count == 2 and {s["file"] for s in osaka.sources} == {"osaka.txt", "osaka-misdated.txt"}
    assert [c["field"] for c in osaka.conflicts] == ["date"]
    assert osaka.quotes and osaka.quotes[0]["speaker"]
    verdicts = [(f["verdict"], f["verdict_note"]) for r in records for f in r.findings if f["verdict"]]
    assert verdicts == [("confirmed", "the record agrees")]


def test_a_place_known_only_to_its_country_has_no_coordinates(records: list[ExportMeeting]) -> None:
    russia = _by_place(records, "Russia")
    assert (russia.place_level, russia.place_country, russia.latitude, russia.longitude) == (
        "country",
        "RU",
        None,
        None,
    )


# --- CSV and JSON round-trip --------------------------------------------------------------------------


def test_csv_and_json_read_back_as_the_same_meetings(library: Database, kb: Any, tmp_path: Path) -> None:
    exported = export_records(_fill(library, kb, tmp_path / "articles"), TimelineQuery())
    assert len(exported) == 4
    for fmt, reader in (("csv", read_csv), ("json", read_json)):
        result = export_meetings(library, TimelineQuery(), fmt, tmp_path / f"all.{fmt}", STAMP)
        assert (result.meetings, result.written) == (4, 4)
        assert reader(tmp_path / f"all.{fmt}") == exported, fmt


def test_a_csv_has_one_column_per_field_and_lists_as_json(records: list[ExportMeeting], tmp_path: Path) -> None:
    lines = _written(records, "csv", tmp_path).read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",") == COLUMNS
    osaka = _by_place(read_csv(tmp_path / "meetings.csv"), "Osaka")
    assert isinstance(osaka.latitude, float) and osaka.topics == _by_place(records, "Osaka").topics


def test_a_csv_of_something_else_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,age\nAda,36\n", encoding="utf-8")
    with pytest.raises(Exception, match="not a summitline CSV export"):
        read_csv(path)


# --- GeoJSON -------------------------------------------------------------------------------------


def test_geojson_is_a_feature_collection_of_points_in_lon_lat(records: list[ExportMeeting], tmp_path: Path) -> None:
    data = json.loads(_written(records, "geojson", tmp_path).read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and isinstance(data["features"], list)
    placed = [r for r in records if r.coordinates]
    assert len(data["features"]) == len(placed) == len(records) - 1 and data["summitline:unplaced"] == 1
    for f in data["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    osaka = next(f for f in data["features"] if f["properties"]["place_name"] == "Osaka")
    assert osaka["geometry"]["coordinates"][0] > 100  # longitude first: Osaka is at 135° E, 34° N
    assert "Russia" not in {f["properties"]["place_name"] for f in data["features"]}


# --- TimelineJS ----------------------------------------------------------------------------------


def test_timelinejs_dates_keep_their_precision(records: list[ExportMeeting], tmp_path: Path) -> None:
    data = json.loads(_written(records, "timelinejs", tmp_path).read_text(encoding="utf-8"))
    assert len(data["events"]) == len(records)
    dates = {e["unique_id"]: e["start_date"] for e in data["events"]}
    assert dates[_by_place(records, "Bratislava").id] == {"year": 2005}
    assert dates[_by_place(records, "Russia").id] == {"year": 2023, "month": 3}
    assert dates[_by_place(records, "Osaka").id] == {"year": 2019, "month": 6, "day": 28}
    for e in data["events"]:
        assert e["text"]["headline"] and "end_date" not in e


def test_document_text_reaches_browser_formats_inert(records: list[ExportMeeting], tmp_path: Path) -> None:
    assert "<script>" in (_by_place(records, "Paris").summary or "")  # the record keeps the text as data
    for fmt in ("geojson", "timelinejs"):
        text = _written(records, fmt, tmp_path).read_text(encoding="utf-8")
        assert "<script" not in text and "<img" not in text and 'href="javascript' not in text, fmt
        assert "&lt;script&gt;" in text, fmt


def test_only_http_links_reach_a_slide(records: list[ExportMeeting], tmp_path: Path) -> None:
    paris = _by_place(records, "Paris")
    linked = ExportMeeting.from_dict(
        {
            **paris.to_dict(),
            "sources": [
                {"document_id": 1, "url": "javascript:alert(1)", "title": "bad", "published": None, "file": None},
                {"document_id": 2, "url": "https://example.org/a?b=1&c=2", "title": "<b>good</b>", "published": None,
                 "file": None},
            ],
        }
    )  # fmt: skip
    slide = json.loads(_written([linked], "timelinejs", tmp_path).read_text(encoding="utf-8"))["events"][0]
    assert '<a href="https://example.org/a?b=1&amp;c=2">&lt;b&gt;good&lt;/b&gt;</a>' in slide["text"]["text"]
    assert "Sources: bad, <a" in slide["text"]["text"] and 'href="javascript' not in slide["text"]["text"]


# --- iCalendar -----------------------------------------------------------------------------------


def test_icalendar_parses_with_one_all_day_event_per_meeting(records: list[ExportMeeting], tmp_path: Path) -> None:
    calendar = icalendar.Calendar.from_ical(_written(records, "ics", tmp_path).read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"{r.id}@summitline" for r in records}
    osaka = events[f"{_by_place(records, 'Osaka').id}@summitline"]
    assert (osaka.decoded("DTSTART"), osaka.decoded("DTEND")) == (date(2019, 6, 28), date(2019, 6, 29))
    assert "Osaka" in str(osaka["LOCATION"]) and osaka["GEO"].latitude == pytest.approx(34.69, abs=0.05)


def test_a_month_or_a_year_is_the_whole_month_or_year(records: list[ExportMeeting], tmp_path: Path) -> None:
    calendar = icalendar.Calendar.from_ical(_written(records, "ics", tmp_path).read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    march = events[f"{_by_place(records, 'Russia').id}@summitline"]
    assert (march.decoded("DTSTART"), march.decoded("DTEND")) == (date(2023, 3, 1), date(2023, 4, 1))
    assert str(march["X-SUMMITLINE-DATE-PRECISION"]) == "month" and "GEO" not in march
    year = events[f"{_by_place(records, 'Bratislava').id}@summitline"]
    assert (year.decoded("DTSTART"), year.decoded("DTEND")) == (date(2005, 1, 1), date(2006, 1, 1))


def test_long_lines_are_folded_at_75_octets(records: list[ExportMeeting], tmp_path: Path) -> None:
    raw = _written(records, "ics", tmp_path).read_bytes()
    assert raw.endswith(b"\r\n") and all(len(line) <= 75 for line in raw.split(b"\r\n"))


# --- Parquet -------------------------------------------------------------------------------------


def test_parquet_reads_back_with_typed_columns(records: list[ExportMeeting], tmp_path: Path) -> None:
    table = pyarrow.parquet.read_table(_written(records, "parquet", tmp_path))
    assert table.column_names == COLUMNS and table.num_rows == len(records)
    rows = table.to_pylist()
    assert [r["latitude"] for r in rows] == [r.latitude for r in records]
    assert [json.loads(r["leaders"]) for r in rows] == [r.leaders for r in records]


def test_without_pyarrow_parquet_is_refused_with_the_pip_command(
    records: list[ExportMeeting], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.setitem(sys.modules, name, None)  # an import of it now raises ImportError
    with pytest.raises(MissingExtraError, match=r"pip install 'summitline\[parquet\]'"):
        write_records(records, "parquet", tmp_path / "m.parquet")
    assert list(tmp_path.iterdir()) == []


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture
def library_file(tmp_path: Path, kb: Any) -> Path:
    with open_database(tmp_path / "lib.db") as db:
        _fill(db, kb, tmp_path / "articles")
    return tmp_path / "lib.db"


def test_the_command_exports_with_the_timeline_filters(
    library_file: Path, tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    out = tmp_path / "putin.json"
    code, stdout, _ = run_cli("export", "--db", library_file, "--format", "json", "-o", out, "--leader", "putin",
                              "--from", "2010", "--search", "summit")  # fmt: skip
    assert code == 0 and "wrote 1 of 1 meeting(s)" in stdout
    assert [r.place_name for r in read_json(out)] == ["Osaka"]


def test_the_command_counts_the_meetings_a_map_leaves_out(
    library_file: Path, tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    code, stdout, _ = run_cli("export", "--db", library_file, "--format", "geojson", "-o", tmp_path / "m.geojson")
    assert code == 0 and "wrote 3 of 4 meeting(s)" in stdout and "1 without a place" in stdout


def test_the_command_without_pyarrow_is_one_line(
    library_file: Path,
    tmp_path: Path,
    run_cli: Callable[..., tuple[int, str, str]],
    assert_error: Callable[..., None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    code, out, err = run_cli("export", "--db", library_file, "--format", "parquet", "-o", tmp_path / "m.parquet")
    assert_error(code, out, err, "pip install 'summitline[parquet]'")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--format", "xlsx"], ["--format", "choose from"]),
        (["--format", "csv", "--limit", "0"], ["--limit", "1 or more"]),
        (["--format", "csv", "--search", " "], ["--search", "words to search"]),
    ],
)
def test_bad_values_are_refused_by_the_argument_layer(
    argv: list[str],
    words: list[str],
    tmp_path: Path,
    run_cli: Callable[..., tuple[int, str, str]],
    assert_error: Callable[..., None],
) -> None:
    code, out, err = run_cli("export", "-o", tmp_path / "x", *argv)
    assert_error(code, out, err, *words)


def test_a_folder_as_the_output_is_refused(
    library_file: Path, tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]], assert_error: Callable[..., None]
) -> None:
    code, out, err = run_cli("export", "--db", library_file, "--format", "csv", "-o", tmp_path)
    assert_error(code, out, err, "is a folder")
