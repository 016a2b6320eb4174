"""The pages' read model (web/chronology.py, web/meeting.py, web/figures.py) on the shipped example and, where
it is there, the founding article and corpus/dev: on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitline.errors import ConfigError
from summitline.store import open_database
from summitline.store.queries import NotFoundError, TimelineQuery, timeline
from summitline.web.chronology import ChronologyFilter, chronology, date_label, place_label
from summitline.web.figures import land_path, map_markers, project, tone_chart
from summitline.web.meeting import meeting_view, passages
from tests.web_support import EXAMPLES, build_library


@pytest.fixture
def examples_db(new_library_target: Callable[[], str], kb: Any) -> Any:
    target = new_library_target()
    build_library(target, [str(EXAMPLES)], kb)
    with open_database(target, write=False) as db:
        yield db


@pytest.fixture
def shared_db(new_library_target: Callable[[], str], kb: Any, shared_dir: Path) -> Any:
    target = new_library_target()
    sources = [
        str(EXAMPLES),
        str(shared_dir / "seeds" / "000_a39ee73e12a900c8.txt"),
        str(shared_dir / "corpus" / "dev"),
    ]
    build_library(target, sources, kb)
    with open_database(target, write=False) as db:
        yield db


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2005", "2005"),
        ("2001-06", "June 2001"),
        ("2000-06-04", "June 4, 2000"),
        ("1985-11-19/1985-11-21", "November 19–21, 1985"),
        ("1994-04-28/1994-05-02", "April 28 – May 2, 1994"),
        ("1999-12-30/2000-01-02", "December 30, 1999 – January 2, 2000"),
        ("2001-06/2001-07", "June 2001 – July 2001"),
    ],
)
def test_a_date_is_shown_at_its_precision(value: str, label: str) -> None:
    assert date_label(value) == label


def test_a_place_is_shown_at_its_precision(kb: Any) -> None:
    assert place_label({"name": "Brdo Castle, Kranj", "country": "SI", "venue": "Brdo Castle"}, kb) == (
        "Brdo Castle, Kranj, Slovenia"
    )
    assert place_label({"name": "Malta", "country": "MT"}, kb) == "Malta"
    assert place_label({"name": "Hangzhou", "country": "CN", "inferred": True}, kb) == "Hangzhou, China (inferred)"
    assert place_label(None, kb) is None


def test_pages_walk_the_whole_chronology_in_date_order(examples_db: Any, kb: Any) -> None:
    every = timeline(examples_db, TimelineQuery())
    seen: list[str] = []
    after = None
    while True:
        page = chronology(examples_db, kb, ChronologyFilter(), after=after, limit=5)
        assert page.total == len(every)
        seen += [c["id"] for c in page.cards]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert seen == [i["id"] for i in every]
    assert len(seen) == 20  # the two shipped examples: 12 meetings of Merkel, 8 of Modi and Abe


def test_a_card_carries_what_the_gallery_shows(examples_db: Any, kb: Any) -> None:
    cards = chronology(examples_db, kb, ChronologyFilter(), limit=None).cards
    elmau = next(c for c in cards if c["date"] == "2015-06-07")
    assert elmau["date_label"] == "June 7, 2015"
    assert [p["office"] for p in elmau["participants"]] == ["President of the United States", "Chancellor of Germany"]
    assert elmau["occasion"] == "G7 summit"
    assert elmau["photo"]["credit"] == "Official White House Photo / Pete Souza"
    assert elmau["source_count"] == 1
    assert {t["id"] for t in elmau["topics"]} >= {"ukraine"}
    june_2007 = next(c for c in cards if c["date"] == "2007-06")
    assert june_2007["date_label"] == "June 2007"
    assert any(b["kind"] == "finding" for b in june_2007["badges"])  # the G8 summit's dates were checked


@pytest.mark.parametrize(
    ("filt", "expected"),
    [
        (ChronologyFilter(leader=["obama"]), 5),
        (ChronologyFilter(leader=["george-w-bush"]), 3),
        (ChronologyFilter(country=["JP"]), 8),  # a country's meetings, paged by date on both backends
        (ChronologyFilter(date_from="2013", date_to="2016"), 8),
        (ChronologyFilter(format=["phone_call"]), 3),
        (ChronologyFilter(q="pretzels"), 1),
        (ChronologyFilter(q="pretzels", leader=["trump"]), 0),
    ],
)
def test_filters_narrow_the_chronology(examples_db: Any, kb: Any, filt: ChronologyFilter, expected: int) -> None:
    page = chronology(examples_db, kb, filt, limit=None)
    assert page.total == len(page.cards) == expected


@pytest.mark.parametrize(
    ("filt", "error"),
    [
        (ChronologyFilter(leader=["nobody-of-that-name"]), NotFoundError),
        (ChronologyFilter(date_from="20x1"), ConfigError),
        (ChronologyFilter(date_from="2016", date_to="2015"), ConfigError),
        (ChronologyFilter(format=["telepathy"]), ConfigError),
    ],
)
def test_bad_filters_are_errors_that_say_what_to_give(examples_db: Any, kb: Any, filt: Any, error: type) -> None:
    with pytest.raises(error):
        chronology(examples_db, kb, filt)


def test_a_bad_cursor_is_an_error(examples_db: Any, kb: Any) -> None:
    with pytest.raises(ConfigError, match="cursor"):
        chronology(examples_db, kb, ChronologyFilter(), after="yesterday")


def test_the_hamburg_card_shows_its_date_conflict(shared_db: Any, kb: Any) -> None:
    cards = chronology(shared_db, kb, ChronologyFilter(leader=["putin"], q="Hamburg"), limit=None).cards
    hamburg = [c for c in cards if c["place_label"] and c["place_label"].startswith("Hamburg")]
    assert len(hamburg) == 1
    assert any(b["kind"] == "conflict" and b["label"] == "date conflict" for b in hamburg[0]["badges"])


def test_the_meeting_view_highlights_the_evidence_in_each_source(shared_db: Any, kb: Any) -> None:
    card = chronology(shared_db, kb, ChronologyFilter(leader=["putin"], q="Hamburg"), limit=None).cards[0]
    view = meeting_view(shared_db, kb, card["id"])
    assert len(view["mentions"]) == 2
    dates = {s.text for m in view["mentions"] for p in m["passages"] for s in p if "date" in s.fields}
    assert dates == {"June 7, 2017", "July 7, 2017"}
    assert {v["value"] for row in view["fields"] if row["field"] == "date" for v in row["values"]} == {
        "2017-06-07",
        "2017-07-07",
    }
    assert any(f["severity"] == "warning" and f["record"] for f in view["findings"])


def test_passages_keep_the_text_and_mark_overlapping_spans() -> None:
    text = "Intro words. On May 2, 2019, Ana met Ben in Lisbon. Later text."
    evidence = [
        {"field": "summary", "start": 13, "end": 51, "text": text[13:51]},
        {"field": "date", "start": 16, "end": 27, "text": "May 2, 2019"},
        {"field": "place", "start": 44, "end": 50, "text": "Lisbon"},
    ]
    (passage,) = passages(text, evidence)
    assert "".join(s.text for s in passage) == text
    assert [s.text for s in passage if s.marked] == ["May 2, 2019", "Lisbon"]
    assert [s.fields for s in passage if s.marked] == [("date", "summary"), ("place", "summary")]


def test_the_map_has_one_marker_per_place_and_counts_every_placed_meeting(examples_db: Any, kb: Any) -> None:
    cards = chronology(examples_db, kb, ChronologyFilter(), limit=None).cards
    placed = [c for c in cards if c["place"] and c["place"].get("lat") is not None]
    figure = map_markers(examples_db, kb, ChronologyFilter())
    assert figure["placed"] == len(placed)
    assert sum(m["meetings"] for m in figure["markers"]) == len(placed)
    assert len(figure["markers"]) == len({c["place"]["name"] for c in placed})
    assert all(0 <= m["x"] <= 1000 and 0 <= m["y"] <= 500 for m in figure["markers"])


def test_the_outline_is_projected_inside_the_map() -> None:
    assert project(-180, 90) == (0.0, 0.0) and project(180, -90) == (1000.0, 500.0)
    path = land_path()
    assert path.count("M") > 100 and path.endswith("Z")


def test_the_tone_chart_has_one_point_per_toned_meeting_and_the_terms(examples_db: Any, kb: Any) -> None:
    cards = chronology(examples_db, kb, ChronologyFilter(), limit=None).cards
    chart = tone_chart(examples_db, kb, ChronologyFilter())
    assert chart["points"] == sum(1 for c in cards if c["tone"]) == sum(len(r["points"]) for r in chart["rows"])
    merkel_obama = next(r for r in chart["rows"] if r["title"] == "Angela Merkel – Barack Obama")
    assert {b["leader"] for b in merkel_obama["terms"]} == {"Angela Merkel", "Barack Obama"}
