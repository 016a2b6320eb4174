"""Stable identities (issue 8, item 2): in one library a meeting keeps its id when more sources arrive or a
merged value changes; an id merged into another meeting resolves to it; findings are checked again at every
ingest for the meetings it changed; an older library is upgraded in place. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitline.check import check_meetings
from summitline.config import Settings
from summitline.ingest import ingest
from summitline.merge import MentionRecord, MergedMeeting
from summitline.store import Database, open_database
from summitline.store.identity import Stored, assign_ids
from summitline.store.queries import TimelineQuery, show, timeline

# Our own reports. Merkel and Xi at the 2017 G20 in Hamburg: one source misdates the meeting to June.
MISDATED = (
    "Hamburg talks\n\nOn June 8, 2017, Chancellor Merkel hosted President Xi Jinping in Hamburg for the G20 summit.\n"  # noqa: E501
)
RIGHT_DAY = (
    "A summit day\n\nOn July 8, 2017, Xi Jinping and Angela Merkel met in Hamburg on the margins of the G20 summit.\n"  # noqa: E501
)
AGAIN = "Notes from the G20\n\nAngela Merkel and Xi Jinping spoke for an hour in Hamburg on July 8, 2017, at the G20.\n"
# Camp David, August 2023: two reports of two leaders each, then one of all three.
WITH_KISHIDA = "Allies at the retreat\n\nOn August 18, 2023, Joe Biden met Fumio Kishida at Camp David.\n"
WITH_YOON = "Seoul and Washington\n\nOn August 18, 2023, Joe Biden sat down with Yoon Suk Yeol at Camp David.\n"
ALL_THREE = (
    "Three allies\n\nOn August 18, 2023, President Joe Biden hosted Japanese Prime Minister Fumio Kishida and "
    "South Korean President Yoon Suk Yeol at Camp David for a trilateral summit.\n"
)
# A wrong title: Abe was prime minister in 2019.
ABE = "Golf diplomacy\n\nOn May 26, 2019, former Prime Minister Shinzo Abe hosted Donald Trump in Tokyo for a round of golf.\n"  # noqa: E501


@pytest.fixture
def add(library: Database, kb: Any, tmp_path: Path) -> Callable[..., list[dict[str, Any]]]:
    """``add(TEXT, …)`` ingests each text as a document of its own and returns the chronology."""
    count = [0]

    def run(*texts: str) -> list[dict[str, Any]]:
        paths = []
        for text in texts:
            count[0] += 1
            path = tmp_path / f"report{count[0]:02d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        summary = ingest(library, paths, kb, Settings())
        assert (summary.new, summary.failed) == (len(texts), 0), summary.failures
        return timeline(library, TimelineQuery())

    return run


def _id_with(items: list[dict[str, Any]], leader: str) -> str:
    (found,) = [i["id"] for i in items if leader in {p["id"] for p in i["participants"]}]
    return str(found)


def test_a_meeting_keeps_its_id_when_another_source_changes_its_date(add: Callable[..., Any]) -> None:
    (first,) = add(MISDATED)
    assert first["date"] == "2017-06-08"
    (after,) = add(RIGHT_DAY)
    assert (after["id"], after["date"], after["source_count"]) == (first["id"], "2017-07-08", 2)
    assert [c["field"] for c in after["conflicts"]] == ["date"]
    (again,) = add(AGAIN)
    assert (again["id"], again["source_count"]) == (first["id"], 3)


def test_two_meetings_found_to_be_one_leave_an_alias_that_show_follows(library: Database, add: Any) -> None:
    kishida = _id_with(add(WITH_KISHIDA), "fumio-kishida")
    yoon = _id_with(add(WITH_YOON), "yoon-suk-yeol")
    assert kishida != yoon

    (meeting,) = add(ALL_THREE)
    assert meeting["id"] == kishida  # the older of two meetings of equal standing keeps its id
    assert {p["id"] for p in meeting["participants"]} == {"joe-biden", "fumio-kishida", "yoon-suk-yeol"}
    assert meeting["source_count"] == 3 and meeting["aliases"] == [yoon]

    shown = show(library, yoon)
    assert (shown["id"], shown["merged_from"]) == (kishida, yoon)
    assert show(library, kishida)["merged_from"] is None


def test_show_of_an_alias_says_so_on_the_command_line(library: Database, add: Any, run_cli: Any) -> None:
    add(WITH_KISHIDA)
    yoon = _id_with(add(WITH_YOON), "yoon-suk-yeol")
    (meeting,) = add(ALL_THREE)
    code, out, err = run_cli("show", yoon, "--db", library.target)
    assert code == 0, err
    assert f"{yoon} was merged into {meeting['id']}" in out


def test_a_meeting_merged_away_takes_its_id_back_when_a_source_tells_the_two_apart(library: Database, add: Any) -> None:
    kishida = _id_with(add(WITH_KISHIDA), "fumio-kishida")
    yoon = _id_with(add(WITH_YOON), "yoon-suk-yeol")
    add(ALL_THREE)
    # one document reports the trilateral and, beside it, talks of Biden and Yoon alone: two meetings
    both = ALL_THREE + "\nOn August 18, 2023, Joe Biden also met Yoon Suk Yeol alone at Camp David.\n"
    items = {i["id"]: i for i in add(both)}
    assert sorted(items) == sorted([kishida, yoon])
    assert {p["id"] for p in items[yoon]["participants"]} == {"joe-biden", "yoon-suk-yeol"}
    assert items[yoon]["source_count"] == 2 and items[kishida]["aliases"] == []
    assert show(library, yoon)["merged_from"] is None


def test_findings_are_checked_at_ingest_for_the_meetings_it_changes(library: Database, add: Any) -> None:
    abe, hamburg = sorted(add(ABE, MISDATED), key=lambda i: i["date"], reverse=True)
    assert {(f["check_name"], f["severity"]) for f in abe["findings"]} == {("term", "warning")}
    assert {(f["check_name"], f["severity"]) for f in hamburg["findings"]} == {("gathering", "warning")}
    rows = {r["id"] for r in library.query("SELECT id FROM findings WHERE meeting_id = ?", (abe["id"],))}

    after = {i["id"]: i for i in add(RIGHT_DAY)}
    stated = {(f["stated"], f["severity"]) for f in after[hamburg["id"]]["findings"]}
    assert stated == {("2017-06-08", "warning"), ("2017-07-08", "info")}
    # a meeting the document does not touch is not checked again: its findings are the same rows
    assert {r["id"] for r in library.query("SELECT id FROM findings WHERE meeting_id = ?", (abe["id"],))} == rows


def test_check_of_an_alias_checks_the_meeting_it_resolves_to(library: Database, add: Any, kb: Any) -> None:
    add(WITH_KISHIDA)
    yoon = _id_with(add(WITH_YOON), "yoon-suk-yeol")
    (meeting,) = add(ALL_THREE)
    check_meetings(library, kb, [yoon])
    from summitline.check import summarize

    assert [m["id"] for m in summarize(library, [], [yoon])] == [meeting["id"]]


def test_a_library_of_the_previous_schema_is_upgraded_in_place(
    new_library_target: Callable[[], str], kb: Any, tmp_path: Path
) -> None:
    target = new_library_target()
    path = tmp_path / "hamburg.txt"
    path.write_text(MISDATED, encoding="utf-8")
    with open_database(target) as db:
        ingest(db, [str(path)], kb, Settings())
        (first,) = timeline(db, TimelineQuery())
        with db.transaction():  # back to the schema before stable ids: no aliases, no verdicts
            db.execute("DROP TABLE meeting_aliases")
            db.execute("DROP TABLE verdicts")
            db.execute("DROP INDEX meeting_sources_mention")
            db.execute("DELETE FROM schema_migrations WHERE version = 5")

    with open_database(target, write=False) as db:  # reading upgrades it too, as any older library
        assert {"meeting_aliases", "verdicts"} <= set(db.table_names())
        assert [i["id"] for i in timeline(db, TimelineQuery())] == [first["id"]]
    later = tmp_path / "later.txt"
    later.write_text(RIGHT_DAY, encoding="utf-8")
    with open_database(target) as db:
        ingest(db, [str(later)], kb, Settings())
        (after,) = timeline(db, TimelineQuery())
    assert (after["id"], after["source_count"]) == (first["id"], 2)


def _merged(key: str, *mention_ids: int) -> MergedMeeting:
    mentions = [MentionRecord(i, i, f"{i:064d}", 0, {}) for i in mention_ids]
    return MergedMeeting(f"m-{key}", key, mentions, {})


TRIO = "fumio-kishida|joe-biden|yoon-suk-yeol"
PAIR = "fumio-kishida|joe-biden"


def test_a_meeting_that_splits_in_two_halves_leaves_its_id_with_its_own_leaders() -> None:
    """A summit of three that held a report of two of them splits (a vote on its format turned): the three keep
    the id whichever comes first, so when a later source joins the two again the id is still the summit's."""
    stored = [Stored("m-summit", frozenset({1, 2, 3, 4}), TRIO)]
    for merged in ([_merged(PAIR, 1, 2), _merged(TRIO, 3, 4)], [_merged(TRIO, 3, 4), _merged(PAIR, 1, 2)]):
        identities = assign_ids(merged, stored, lambda _: False)
        assert dict(zip([m.participants_key for m in merged], identities.ids, strict=True))[TRIO] == "m-summit"


def test_two_meetings_of_equal_standing_found_to_be_one_keep_the_older_id() -> None:
    stored = [Stored("m-newer", frozenset({5}), TRIO), Stored("m-older", frozenset({1}), PAIR)]
    identities = assign_ids([_merged(TRIO, 1, 5)], stored, lambda _: False)
    assert (identities.ids, identities.aliases) == (["m-older"], {"m-newer": "m-older"})
