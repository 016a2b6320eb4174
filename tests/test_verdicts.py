"""Verdicts by hand (issue 8): a finding marked confirmed or dismissed, with a note, keeps its verdict when its
findings are computed again, when its meeting is merged again or merged into another; and the bar of stable
ids: the founding article's meetings, checked and one finding dismissed, survive three corpora ingested after
them without `check` being run again. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summitline.check import check_meetings, import_records, summarize
from summitline.config import Settings
from summitline.errors import ConfigError
from summitline.ingest import ingest
from summitline.merge import date_interval
from summitline.store import Database
from summitline.store.queries import NotFoundError, TimelineQuery, show, timeline
from summitline.store.verdicts import set_verdict

# Our own reports: a wrong title ("former" while in office) makes a finding with no records needed.
TITLED = "Seoul and Washington\n\nOn August 18, 2023, former President Joe Biden sat down with Yoon Suk Yeol at Camp David.\n"  # noqa: E501
ANOTHER = (
    "Camp David notes\n\nJoe Biden and Yoon Suk Yeol talked at Camp David on August 18, 2023, about North Korea.\n"
)
WITH_KISHIDA = "Allies at the retreat\n\nOn August 18, 2023, Joe Biden met Fumio Kishida at Camp David.\n"
ALL_THREE = (
    "Three allies\n\nOn August 18, 2023, President Joe Biden hosted Japanese Prime Minister Fumio Kishida and "
    "South Korean President Yoon Suk Yeol at Camp David for a trilateral summit.\n"
)


def _add(db: Database, kb: Any, folder: Path, *texts: str) -> list[dict[str, Any]]:
    folder.mkdir(exist_ok=True)
    paths = []
    for text in texts:
        path = folder / f"report{len(list(folder.iterdir())) + 1:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    summary = ingest(db, paths, kb, Settings())
    assert (summary.new, summary.failed) == (len(texts), 0), summary.failures
    return timeline(db, TimelineQuery())


def _overlap(a: str, b: str) -> bool:
    (a0, a1), (b0, b1) = date_interval(a), date_interval(b)
    return a0 <= b1 and b0 <= a1


def _title_finding(item: dict[str, Any]) -> dict[str, Any]:
    (found,) = [f for f in item["findings"] if f["check_name"] == "term"]
    return found


def test_a_verdict_is_shown_with_its_finding_and_replaced_by_another(
    library: Database, kb: Any, tmp_path: Path
) -> None:
    (item,) = _add(library, kb, tmp_path / "docs", TITLED)
    finding = _title_finding(item)
    assert finding["verdict"] is None and finding["id"].startswith(item["id"] + ".")

    marked = set_verdict(library, finding["id"], "dismissed", "the source quotes an old caption")
    assert marked["verdict"]["verdict"] == "dismissed"
    assert _title_finding(show(library, item["id"]))["verdict"]["note"] == "the source quotes an old caption"

    set_verdict(library, finding["id"], "confirmed")
    assert _title_finding(show(library, item["id"]))["verdict"] | {"at": None} == {
        "verdict": "confirmed",
        "note": None,
        "at": None,
    }
    assert library.scalar("SELECT COUNT(*) FROM verdicts") == 1


def test_a_verdict_outlives_check_and_a_re_merge(library: Database, kb: Any, tmp_path: Path) -> None:
    (item,) = _add(library, kb, tmp_path / "docs", TITLED)
    set_verdict(library, _title_finding(item)["id"], "dismissed", "a slip of the wire")
    check_meetings(library, kb)  # every finding computed again
    (after,) = _add(library, kb, tmp_path / "docs", ANOTHER)  # the meeting merged again, and checked
    assert (after["id"], after["source_count"]) == (item["id"], 2)
    assert _title_finding(after)["verdict"]["verdict"] == "dismissed"


def test_a_verdict_moves_with_its_meeting_into_the_one_it_merges_into(
    library: Database, kb: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    (kishida,) = _add(library, kb, folder, WITH_KISHIDA)
    yoon = next(i for i in _add(library, kb, folder, TITLED) if i["id"] != kishida["id"])
    old_id = _title_finding(yoon)["id"]
    set_verdict(library, old_id, "confirmed", "he was in office")

    (meeting,) = _add(library, kb, folder, ALL_THREE)
    assert meeting["id"] == kishida["id"] and meeting["aliases"] == [yoon["id"]]
    moved = _title_finding(meeting)
    assert moved["verdict"]["verdict"] == "confirmed" and moved["verdict"]["note"] == "he was in office"
    # the finding's old id still names it, through the alias of its meeting
    assert set_verdict(library, old_id, "dismissed")["id"] == moved["id"]
    assert _title_finding(show(library, meeting["id"]))["verdict"]["verdict"] == "dismissed"


def test_a_meeting_whose_warnings_are_all_dismissed_is_not_contradicted(
    library: Database, kb: Any, tmp_path: Path
) -> None:
    (item,) = _add(library, kb, tmp_path / "docs", TITLED)
    assert [m["verdict"] for m in summarize(library, check_meetings(library, kb))] == ["contradicted"]
    set_verdict(library, _title_finding(item)["id"], "dismissed")
    (report,) = summarize(library, check_meetings(library, kb))
    assert report["verdict"] == "unchecked"
    assert report["findings"][0]["verdict"]["verdict"] == "dismissed"


@pytest.mark.parametrize(
    "finding, verdict, error",
    [
        ("m0000000000.12345678", "dismissed", NotFoundError),
        ("no-dot-at-all", "dismissed", NotFoundError),
        ("{meeting}.00000000", "dismissed", NotFoundError),
        ("{finding}", "wrong", ConfigError),
    ],
)
def test_a_verdict_on_what_is_not_there_is_refused(
    library: Database, kb: Any, tmp_path: Path, finding: str, verdict: str, error: type[Exception]
) -> None:
    (item,) = _add(library, kb, tmp_path / "docs", TITLED)
    name = finding.format(meeting=item["id"], finding=_title_finding(item)["id"])
    with pytest.raises(error):
        set_verdict(library, name, verdict)
    assert library.scalar("SELECT COUNT(*) FROM verdicts") == 0


# --- the bar: the founding article's ids survive three corpora -------------------------------------------


def test_the_founding_articles_meetings_and_a_dismissed_finding_survive_three_corpora(
    library: Database, kb: Any, seed_path: Path, shared_dir: Path
) -> None:
    ingest(library, [str(seed_path)], kb, Settings())
    import_records(library, shared_dir / "reference", kb)
    check_meetings(library, kb)
    first = timeline(library, TimelineQuery())
    assert len(first) == 18
    hamburg = next(i for i in first if i["date"] == "2017-06-07")
    warning = next(f for f in hamburg["findings"] if f["check_name"] == "gathering")
    set_verdict(library, warning["id"], "dismissed", "checked by hand")

    corpus = shared_dir / "corpus"
    summary = ingest(library, [str(corpus / name) for name in ("dev", "dev2", "dev3")], kb, Settings())
    assert summary.failed == 0 and summary.new > 30, summary.failures[:2]

    for item in first:
        shown = show(library, item["id"])
        assert {p["id"] for p in shown["participants"]} == {p["id"] for p in item["participants"]}
        # the date it is listed under now, or one its sources state (Hamburg: 2017-07-07 now, and June 7)
        dates = [shown["date"], *(v for c in shown["conflicts"] if c["field"] == "date" for v in c["values"])]
        assert any(_overlap(item["date"], d) for d in dates), (item["id"], item["date"], dates)
        said = {(f["check_name"], f["field"], f["record"], f["stated"]) for f in shown["findings"]}
        assert {(f["check_name"], f["field"], f["record"], f["stated"]) for f in item["findings"]} <= said
    after = next(f for f in show(library, hamburg["id"])["findings"] if f["id"] == warning["id"])
    assert after["verdict"]["verdict"] == "dismissed" and after["verdict"]["note"] == "checked by hand"


# --- the command line ---------------------------------------------------------------------------------------


def test_summitline_verdict_marks_a_finding_that_show_timeline_and_check_then_show(
    new_library_target: Any, run_cli: Any, assert_error: Any, tmp_path: Path
) -> None:
    db = new_library_target()
    report = tmp_path / "report.txt"
    report.write_text(TITLED, encoding="utf-8")
    code, _, err = run_cli("ingest", report, "--db", db, "--quiet")
    assert code == 0, err
    code, out, err = run_cli("timeline", "--db", db, "--format", "json")
    (item,) = json.loads(out)
    finding = _title_finding(item)["id"]

    code, out, err = run_cli("verdict", finding, "dismissed", "--note", "an old caption", "--db", db)
    assert code == 0, err
    assert out.startswith(f"{finding}: dismissed: an old caption")
    code, out, err = run_cli("show", item["id"], "--db", db)
    assert code == 0 and "(dismissed by hand: an old caption)" in out and finding in out, err
    code, out, err = run_cli("check", "--db", db, "--format", "json")
    (checked,) = json.loads(out)
    assert checked["verdict"] == "unchecked" and checked["findings"][0]["verdict"]["verdict"] == "dismissed"

    assert_error(*run_cli("verdict", finding, "maybe", "--db", db), "invalid choice", "dismissed")
    assert_error(*run_cli("verdict", item["id"] + ".00000000", "confirmed", "--db", db), "no finding")
