"""The pages in a real browser (Playwright driving Debian's Chromium), with the shipped example, the founding
article and corpus/dev ingested: one card per merged meeting, the Hamburg card's date conflict, a leader filter
that narrows the cards and shows in the URL, evidence highlighted, one map marker per place holding every
placed meeting, one tone point per toned meeting, no request leaving 127.0.0.1. Screenshots of each page are
kept (the folder is printed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summitline.store import open_database
from summitline.store.queries import TimelineQuery, timeline
from summitline.web.app import ServeConfig, create_app
from tests.web_support import EXAMPLES, artifacts_dir, browser_page, build_library, local_only, serving


@pytest.fixture(scope="module")
def library_path(tmp_path_factory: pytest.TempPathFactory, kb: Any, shared_dir: Path) -> str:
    target = str(tmp_path_factory.mktemp("browser") / "lib.db")
    sources = [EXAMPLES, shared_dir / "seeds" / "000_a39ee73e12a900c8.txt", shared_dir / "corpus" / "dev"]
    build_library(target, [str(s) for s in sources], kb)
    return target


@pytest.fixture(scope="module")
def meetings(library_path: str) -> list[dict[str, Any]]:
    with open_database(library_path, write=False) as db:
        return timeline(db, TimelineQuery())


@pytest.fixture(scope="module")
def site(library_path: str) -> Iterator[str]:
    with serving(create_app(ServeConfig(db=library_path))) as url:
        yield url


@pytest.fixture(scope="module")
def shots() -> Path:
    path = artifacts_dir("browser")
    print(f"\nscreenshots in {path}")
    return path


@pytest.fixture
def browser() -> Iterator[tuple[Any, list[str], list[str]]]:
    with browser_page() as opened:
        yield opened
    page, requests, dialogs = opened
    assert local_only(requests) == [], "the page made requests outside 127.0.0.1"
    assert dialogs == []


def test_the_chronology_has_one_card_per_merged_meeting(site: str, browser: Any, meetings: list, shots: Path) -> None:
    page = browser[0]
    page.goto(site)
    page.screenshot(path=str(shots / "chronology.png"))
    assert page.get_attribute("#count", "data-total") == str(len(meetings))
    seen = page.eval_on_selector_all("article.card", "cards => cards.map(c => c.dataset.meeting)")
    while page.locator("a[rel=next]").count():
        page.click("a[rel=next]")
        seen += page.eval_on_selector_all("article.card", "cards => cards.map(c => c.dataset.meeting)")
    assert seen == [m["id"] for m in meetings]


def test_the_hamburg_card_shows_its_date_conflict(site: str, browser: Any) -> None:
    page = browser[0]
    page.goto(site + "?leader=putin&date_from=2017&date_to=2017")
    card = page.locator("article.card", has_text="Hamburg")
    assert card.count() == 1
    assert card.locator(".badge[data-kind=conflict]").inner_text() == "date conflict"


def test_a_leader_filter_narrows_the_cards_and_updates_the_url(site: str, browser: Any, meetings: list) -> None:
    page = browser[0]
    page.goto(site)
    page.fill("input[name=leader]", "merkel")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**leader=merkel**")
    names = page.eval_on_selector_all("article.card", "cards => cards.map(c => c.querySelector('.leaders').innerText)")
    merkel = [m for m in meetings if any(p["name"] == "Angela Merkel" for p in m["participants"])]
    assert 0 < len(names) == len(merkel) < len(meetings)
    assert all("Angela Merkel" in n for n in names)
    page.click("nav >> text=Map")  # the filter goes along to the other views
    assert "leader=merkel" in page.url


def test_the_meeting_page_highlights_the_evidence(site: str, browser: Any, shots: Path) -> None:
    page = browser[0]
    page.goto(site + "?leader=putin&date_from=2017&date_to=2017")
    page.locator("article.card", has_text="Hamburg").locator(".date a").click()
    page.wait_for_url("**/meetings/**")
    page.screenshot(path=str(shots / "meeting.png"), full_page=True)
    assert page.locator("section.source").count() == 2
    dates = page.eval_on_selector_all("mark.ev[title*=date]", "marks => marks.map(m => m.innerText)")
    assert set(dates) == {"June 7, 2017", "July 7, 2017"}
    assert page.locator("mark.ev").count() >= 6
    assert page.locator(".finding.warning").count() >= 1


def test_the_map_has_a_marker_for_every_placed_meeting(site: str, browser: Any, meetings: list, shots: Path) -> None:
    page = browser[0]
    page.goto(site + "map")
    page.screenshot(path=str(shots / "map.png"))
    placed = [m for m in meetings if (m.get("place") or {}).get("lat") is not None]
    counts = page.eval_on_selector_all("svg.map circle.marker", "cs => cs.map(c => Number(c.dataset.meetings))")
    assert sum(counts) == len(placed)
    assert len(counts) == len({(m["place"]["name"], m["place"]["country"]) for m in placed})
    page.goto(site + "map?leader=putin")
    fewer = page.eval_on_selector_all("svg.map circle.marker", "cs => cs.map(c => Number(c.dataset.meetings))")
    assert 0 < sum(fewer) < sum(counts)


def test_the_tone_chart_has_one_point_per_toned_meeting(site: str, browser: Any, meetings: list, shots: Path) -> None:
    page = browser[0]
    page.goto(site + "tone")
    page.screenshot(path=str(shots / "tone.png"), full_page=True)
    points = page.eval_on_selector_all("svg.tone circle.point", "ps => ps.map(p => p.dataset.meeting)")
    assert sorted(points) == sorted(m["id"] for m in meetings if m.get("tone"))
    assert page.locator("svg.tone rect.band0").count() > 0
    page.goto(site + "tone?leader=putin&date_from=2001&date_to=2008")
    narrowed = page.eval_on_selector_all("svg.tone circle.point", "ps => ps.length")
    assert 0 < narrowed < len(points)


def test_the_ingest_page_refuses_without_the_token(site: str, browser: Any, shots: Path) -> None:
    page = browser[0]
    page.goto(site + "ingest")
    page.fill("textarea[name=text]", "On June 19, 2013, Barack Obama met Angela Merkel in Berlin.")
    page.fill("input[name=token]", "wrong")
    page.click("#ingest button[type=submit]")
    page.wait_for_selector("#result .error")
    assert "401" in page.inner_text("#result")
    page.screenshot(path=str(shots / "ingest.png"))
