"""`summitline check`, `gaps`, `reference fetch|import`: the founding article against the Historian's records."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from summitline.check import check_meetings, fetch_records, find_gaps, import_records
from summitline.check.model import Meeting
from summitline.check.names import RecordIndex, name_index
from summitline.check.records import ReferenceRecord, country_code
from summitline.check.terms import check_terms
from summitline.config import Settings
from summitline.ingest import ingest

# The founding article's meetings the records or the summits bear out (date -> the record that supports it)
SUPPORTED = {
    "2000-06-04": "trip:2641",
    "2000-09-07": "visit:1424",
    "2000-11-15": "trip:2650",
    "2001-06": "trip:2387",
    "2001-11": "visit:1506",
    "2002-05": "trip:2399",
    "2005": "trip:2441",
    "2007-07": "visit:1903",
    "2009-07-07": "trip:2973",
    "2013-06-17": "trip:3317",
    "2014-06-06": "trip:3424",
    "2016-09": "trip:3628",
    "2017-11": "trip:3898",
    "2019-06-28": "trip:3889",
    "2021-06-16": "trip:4115",
}


@pytest.fixture
def founding(library: Any, kb: Any, seed_path: Path, shared_dir: Path) -> Any:
    """A library holding the founding article and the reference records."""
    ingest(library, [str(seed_path)], kb, Settings())
    import_records(library, shared_dir / "reference", kb)
    return library


def _by_date(findings: list[Any], library: Any) -> dict[str, list[Any]]:
    dates = {r["id"]: r["date"] for r in library.query("SELECT id, date FROM meetings")}
    out: dict[str, list[Any]] = {}
    for f in findings:
        out.setdefault(dates[f.meeting_id], []).append(f)
    return out


def test_the_hamburg_date_is_contradicted_by_the_summit_and_the_trip(founding: Any, kb: Any) -> None:
    hamburg = _by_date(check_meetings(founding, kb), founding)["2017-06-07"]
    assert {(f.check_name, f.severity, f.record) for f in hamburg} == {
        ("gathering", "warning", "gathering:g20:2017"),
        ("record", "warning", "trip:3738"),
    }
    assert "the G20 summit in Hamburg was 2017-07-07 to 2017-07-08" in hamburg[0].message + hamburg[1].message


def test_former_president_bush_in_april_2008_is_contradicted_by_his_term(founding: Any, kb: Any) -> None:
    sochi = _by_date(check_meetings(founding, kb), founding)["2008-04"]
    warning = next(f for f in sochi if f.severity == "warning")
    assert (warning.check_name, warning.field, warning.record_id) == ("term", "participants.title", "george-w-bush")
    assert "former President" in warning.stated and "2001-01-20 to 2009-01-20" in warning.message


def test_meetings_the_records_bear_out_get_no_warning(founding: Any, kb: Any) -> None:
    by_date = _by_date(check_meetings(founding, kb), founding)
    for day, record in SUPPORTED.items():
        assert {f.severity for f in by_date[day]} == {"info"}, by_date[day]
        assert record in {f.record for f in by_date[day]}, day
    assert "2021-12-07" not in by_date  # a video call: no trip to look for


def test_findings_are_stored_replaced_and_shown_by_the_timeline(founding: Any, kb: Any) -> None:
    from summitline.store.queries import TimelineQuery, timeline

    first = check_meetings(founding, kb)
    check_meetings(founding, kb)
    assert founding.scalar("SELECT COUNT(*) FROM findings") == len(first)
    items = {i["date"]: i for i in timeline(founding, TimelineQuery())}
    assert {f["severity"] for f in items["2017-06-07"]["findings"]} == {"warning"}


def test_gaps_list_the_helsinki_summit_the_article_leaves_out(founding: Any, kb: Any) -> None:
    gaps = find_gaps(founding, kb)
    helsinki = next(e for e in gaps["missing_from_sources"] if e["record"] == "trip:3817")
    assert (helsinki["date_first"], helsinki["place"]) == ("2018-07-16", "Helsinki, Finland")
    assert helsinki["leaders"] == ["Donald Trump", "Vladimir Putin"]
    reported = {e["record"] for e in gaps["missing_from_sources"]}
    assert not reported & set(SUPPORTED.values())
    assert gaps["missing_from_records"] == []


def test_importing_the_records_twice_adds_nothing(library: Any, kb: Any, shared_dir: Path) -> None:
    assert import_records(library, shared_dir / "reference", kb) > 4000
    assert import_records(library, shared_dir / "reference", kb) == 0


@pytest.mark.parametrize(
    "text, country, day, expected",
    [
        ("President Dimitry Medvedev", "RU", "2008-11-14", ["dmitry-medvedev"]),
        ("President Dmitri Medvedev", "RU", "2009-09-24", ["dmitry-medvedev"]),
        ("President Dimitry A. Medvedev", "RU", "2011-11-10", ["dmitry-medvedev"]),
        ("Bilateral meeting with Russian President Vladimir Putin.", "FI", "2018-07-16", ["vladimir-putin"]),
        ("Met with President Putin and President-elect Medvedev.", "RU", "2008-04-05", ["vladimir-putin"]),
        (
            "Met with President Hu and Russian Prime Minister Putin.",
            "CN",
            "2008-08-08",
            ["hu-jintao", "vladimir-putin"],
        ),
        ("President Petro Porochenko", "UA", "2016-03-31", ["petro-poroshenko"]),
        ("Met with President Medvedev", "FR", "2010-06-01", []),  # nothing ties the surname to Russia
    ],
)
def test_record_names_resolve_to_leaders(text: str, country: str, day: str, expected: list[str], kb: Any) -> None:
    d = date.fromisoformat(day)
    assert name_index(kb).named(text, d, d, country) == expected


@pytest.mark.parametrize(
    "text, slug, code",
    [
        ("U.S.S.R.", "russia", "SU"),
        ("China, People’s Republic of", "china", "CN"),
        ("China, Republic of", "taiwan", "TW"),
        ("Korea, South", "korea", "KR"),
        ("United Kingdom (Northern Ireland)", "united-kingdom", "GB"),
        ("Brunei Darussalam", "brunei", "BN"),
    ],
)
def test_record_countries_map_to_iso_codes(text: str, slug: str, code: str, kb: Any) -> None:
    from summitline.check.records import _country_names

    assert country_code(text, slug, _country_names(kb)) == code


def _record(kind: str, who: str, country: str, day: str, remarks: str) -> ReferenceRecord:
    d = date.fromisoformat(day)
    return ReferenceRecord(kind, "1", who, None, country, None, d, d, remarks)


@pytest.mark.parametrize(
    "remarks, meets",
    [
        ("Attended G-8 Economic Summit at Sea Island, Georgia.", False),  # the US state; no meeting stated
        ("Working visit. Met with President Bush at Kennebunkport, Maine.", True),
        ("Private visit.", False),
    ],
)
def test_a_visit_is_a_meeting_with_the_president_only_when_it_says_so(remarks: str, meets: bool, kb: Any) -> None:
    index = RecordIndex.build([_record("visit", "President Vladimir Putin", "RU", "2004-06-08", remarks)], kb)
    assert bool(index.meetings(index.resolved[0])) is meets


def test_then_prime_minister_while_president_is_contradicted(kb: Any) -> None:
    putin = {"id": "vladimir-putin", "name": "Vladimir Putin", "stated_title": "then-Prime Minister"}
    data = {"date": "2015-09-28", "date_precision": "day", "participants": [putin]}
    findings = check_terms(Meeting("m1", data, [{**data, "document_id": 1}]), kb)
    assert [(f.severity, f.record_id) for f in findings] == [("warning", "vladimir-putin")]


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, run_cli: Any, seed_path: Path, shared_dir: Path) -> Path:
    path = tmp_path / "lib.db"
    assert run_cli("ingest", seed_path, "--db", path, "--quiet")[0] == 0
    code, out, err = run_cli("reference", "import", shared_dir / "reference", "--db", path)
    assert code == 0 and "added 4096" in out, err
    return path


def test_cli_check_and_gaps_print_json(db: Path, run_cli: Any) -> None:
    code, out, _ = run_cli("check", "--db", db, "--format", "json")
    assert code == 0
    verdicts = {m["date"]: m["verdict"] for m in json.loads(out)}
    assert verdicts["2017-06-07"] == verdicts["2008-04"] == "contradicted"
    assert verdicts["2021-12-07"] == "unchecked"
    code, out, _ = run_cli("gaps", "--db", db, "--format", "json")
    assert code == 0 and "trip:3817" in {e["record"] for e in json.loads(out)["missing_from_sources"]}


def test_cli_reference_import_again_adds_nothing_and_unknown_meeting_is_an_error(
    db: Path, run_cli: Any, shared_dir: Path, assert_error: Any
) -> None:
    code, out, _ = run_cli("reference", "import", shared_dir / "reference", "--db", db)
    assert code == 0 and out.startswith("added 0 record(s)")
    assert_error(*run_cli("check", "m0000000000", "--db", db), "no meeting")
    assert_error(*run_cli("reference", "import", db.parent / "nowhere", "--db", db), "no such folder")


def _archive(top: str, files: dict[str, Path]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{top}/README.md", "not a record")
        for name, path in files.items():
            z.writestr(f"{top}/{name}", path.read_bytes())
        z.comment = b"3170c773f22c99dadc8ec93da070f8ff6259d6d8"
    return buf.getvalue()


@pytest.fixture
def archives(local_server: Any, shared_dir: Path) -> str:
    ref = shared_dir / "reference"
    travels = {
        "president-travels/trump-donald-j.xml": ref / "hsg-travels/president-travels/trump-donald-j.xml",
        "presidents/presidents.xml": ref / "hsg-travels/presidents/presidents.xml",
        "schema/trips.rnc": ref / "hsg-travels/schema/trips.rnc",
    }
    visits = {"data/2010.xml": ref / "hsg-visits/data/2010.xml"}
    for repo, files in (("travels", travels), ("visits", visits)):
        body = _archive(f"{repo}-master", files)
        local_server.route(f"/HistoryAtState/{repo}/archive/refs/heads/master.zip", 200, "application/zip", body)
    return str(local_server.url)


def test_fetch_keeps_only_the_record_files(archives: str, tmp_path: Path, library: Any, kb: Any) -> None:
    summary = fetch_records(tmp_path / "ref", archives, allow_private=True)
    assert summary.files == {"hsg-travels": 2, "hsg-visits": 1}
    assert (tmp_path / "ref/hsg-travels/president-travels/trump-donald-j.xml").is_file()
    assert not (tmp_path / "ref/hsg-travels/schema").exists()
    assert import_records(library, tmp_path / "ref", kb) > 100


def test_cli_reference_fetch(archives: str, tmp_path: Path, run_cli: Any, assert_error: Any) -> None:
    dest = tmp_path / "ref"
    code, out, err = run_cli("reference", "fetch", "--dest", dest, "--base-url", archives, "--allow-private")
    assert code == 0 and f"summitline reference import {dest}" in out, err
    assert_error(*run_cli("reference", "fetch", "--dest", dest, "--base-url", archives, "--timeout", "5"), "private")


@pytest.fixture
def with_records(library: Any, kb: Any, shared_dir: Path) -> Any:
    """A library holding the reference records, and a way to ingest a text of our own into it."""
    import_records(library, shared_dir / "reference", kb)
    return library


def _checked(library: Any, kb: Any, tmp_path: Path, text: str) -> list[Any]:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    ingest(library, [str(path)], kb, Settings(published="2024-01-01"))
    return [f for f in check_meetings(library, kb) if f.check_name == "record"]


@pytest.mark.parametrize(
    "text, record, words",
    [
        # a meeting abroad on days the president made no trip to that country: the trip that fits is named
        ("President Reagan met Mikhail Gorbachev in Ottawa on Nov. 19-21, 1985.", "trip:", "Switzerland"),
        ("President Obama met Vladimir Putin in Moscow on Sept. 7, 2009.", "trip:", "nearest trip to Russia"),
        # a stated span that runs past the trip
        ("President Reagan met Mikhail Gorbachev in Reykjavik on Oct. 11-14, 1986.", "trip:", "runs past"),
        # a meeting at home while the president was abroad for the whole of it
        ("President Clinton met Vladimir Putin at the White House on June 4, 2000.", "trip:", "Russia"),
    ],
)
def test_the_travel_records_contradict_a_meeting_they_leave_no_room_for(
    with_records: Any, kb: Any, tmp_path: Path, text: str, record: str, words: str
) -> None:
    findings = _checked(with_records, kb, tmp_path, text)
    warnings = [f for f in findings if f.severity == "warning"]
    assert warnings, findings
    assert warnings[0].record and warnings[0].record.startswith(record)
    assert words in warnings[0].message and warnings[0].message.startswith("contradicted")


def test_a_meeting_the_trip_bears_out_is_supported(with_records: Any, kb: Any, tmp_path: Path) -> None:
    findings = _checked(
        with_records, kb, tmp_path, "President Reagan met Mikhail Gorbachev in Geneva on Nov. 19, 1985."
    )
    assert [f.severity for f in findings] == ["info"] and findings[0].record.startswith("trip:")


# --- confidence and reasoning -----------------------------------------------------------------


def test_every_finding_has_a_confidence_and_one_sentence_naming_its_record(founding: Any, kb: Any) -> None:
    findings = check_meetings(founding, kb)
    for f in findings:
        assert 0.0 <= f.confidence <= 1.0, f
        assert f.reasoning[0].isupper() and f.reasoning.endswith(".") and "\n" not in f.reasoning, f.reasoning
        assert f.record is None or f"({f.record})" in f.reasoning, f.reasoning
    assert len({f.confidence for f in findings}) >= 4  # derived from what each rests on, not one number
    bush = next(f for f in findings if f.check_name == "term" and f.severity == "warning")
    assert "20 January 2001 to 20 January 2009 (term:george-w-bush)" in bush.reasoning


def test_the_reasoning_names_where_the_president_was_instead(with_records: Any, kb: Any, tmp_path: Path) -> None:
    (finding,) = _checked(
        with_records, kb, tmp_path, "President Reagan met Mikhail Gorbachev in Ottawa on Nov. 19-21, 1985."
    )
    assert finding.severity == "warning" and finding.confidence >= 0.9
    assert "none reaches Canada on 19–21 November 1985" in finding.reasoning
    assert f"Geneva, Switzerland, 16–21 November 1985 ({finding.record})" in finding.reasoning


@pytest.mark.parametrize(
    "surer, weaker",
    [
        # a day against a month: the same missing trip
        (
            "President Obama met Vladimir Putin in Moscow on Sept. 7, 2009.",
            "President Obama met Vladimir Putin in Moscow in September 2009.",
        ),
        # a city thousands of kilometres from the trip's against one a little over the threshold
        (
            "President Obama met Vladimir Putin in Novosibirsk on July 7, 2009.",
            "President Obama met Vladimir Putin in Voronezh on July 7, 2009.",
        ),
        # the president elsewhere the whole time against a span two days past the trip
        (
            "President Reagan met Mikhail Gorbachev in Ottawa on Nov. 19-21, 1985.",
            "President Reagan met Mikhail Gorbachev in Reykjavik on Oct. 11-14, 1986.",
        ),
    ],
)
def test_confidence_follows_what_the_contradiction_rests_on(
    surer: str, weaker: str, new_library: Any, kb: Any, shared_dir: Path, tmp_path: Path
) -> None:
    found = []
    for text in (surer, weaker):  # each in a library of its own: together, they would merge
        library = new_library()
        import_records(library, shared_dir / "reference", kb)
        (finding,) = _checked(library, kb, tmp_path, text)
        found.append(finding)
    strong, weak = found
    assert strong.severity == weak.severity == "warning"
    assert strong.confidence > weak.confidence, (strong, weak)


def test_a_president_before_1933_is_checked_against_the_travel_records(
    with_records: Any, kb: Any, tmp_path: Path
) -> None:
    # Archigos lists the presidents before 1933 as rulers, not heads of state; they were unchecked
    text = "President Woodrow Wilson met David Lloyd George in Paris on December 31, 1918."
    (finding,) = _checked(with_records, kb, tmp_path, text)
    assert (finding.severity, finding.record_id) == ("info", "2660")
    assert "Woodrow Wilson in Paris, France" in finding.reasoning


def test_findings_computed_at_ingest_carry_confidence_and_reasoning(with_records: Any, kb: Any, tmp_path: Path) -> None:
    from summitline.store.library import findings_for

    path = tmp_path / "story.txt"
    path.write_text("President Obama met Vladimir Putin in Moscow on Sept. 7, 2009.", encoding="utf-8")
    ingest(with_records, [str(path)], kb, Settings(published="2024-01-01"))  # no check run
    (meeting_id,) = [r["id"] for r in with_records.query("SELECT id FROM meetings")]
    (finding,) = findings_for(with_records, [meeting_id])[meeting_id]
    assert finding["confidence"] == 0.95 and finding["reasoning"].startswith("The travel records list every")


def test_cli_check_says_why_a_meeting_is_unchecked(tmp_path: Path, run_cli: Any, shared_dir: Path) -> None:
    path, story = tmp_path / "lib.db", tmp_path / "story.txt"
    story.write_text(
        "President Jacques Chirac met Chancellor Gerhard Schroeder in Paris on March 3, 2001.\n\n"
        "President Theodore Roosevelt met Kaiser Wilhelm II in Berlin on May 5, 1902.\n\n"
        "President Clinton spoke with Boris Yeltsin by phone on May 2, 1998.\n",
        encoding="utf-8",
    )
    assert run_cli("reference", "import", shared_dir / "reference", "--db", path)[0] == 0
    assert run_cli("ingest", story, "--db", path, "--quiet", "--published", "2024-01-01")[0] == 0
    code, out, _ = run_cli("check", "--db", path, "--format", "json")
    report = {m["date"]: m for m in json.loads(out)}
    assert code == 0 and {m["verdict"] for m in report.values()} == {"unchecked"}
    assert "neither Jacques Chirac nor Gerhard Schröder was US president" in report["2001-03-03"]["reason"]
    assert "run from 14 November 1906" in report["1902-05-05"]["reason"]
    assert report["1998-05-02"]["reason"].startswith("A phone call leaves no trip or visit")
    code, out, _ = run_cli("check", "--db", path)
    assert code == 0 and "3 unchecked" in out and "1906" in out  # the reason, wrapped in its cell


def test_cli_check_and_show_print_confidence_and_reasoning(db: Path, run_cli: Any) -> None:
    code, out, _ = run_cli("check", "--db", db, "--format", "json")
    hamburg = next(m for m in json.loads(out) if m["date"] == "2017-06-07")
    assert (hamburg["verdict"], hamburg["confidence"]) == ("contradicted", 0.95)
    assert "(trip:3738)" in hamburg["reason"]
    code, out, _ = run_cli("show", hamburg["id"], "--db", db, "--format", "json")
    shown = {f["record"]: f for f in json.loads(out)["findings"]}
    assert shown["trip:3738"]["confidence"] == 0.95 and shown["trip:3738"]["reasoning"] == hamburg["reason"]
    code, out, _ = run_cli("show", hamburg["id"], "--db", db)
    assert code == 0 and "warning 0.95 date: The travel records list every foreign trip" in " ".join(out.split())
