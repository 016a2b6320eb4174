"""recognize/places.py: venues, cities, regions and countries; and what is not a place."""

from __future__ import annotations

import bisect
import importlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from summitline.recognize.places import PlaceMention, recognize_places

from .properties import PROPERTY

place_module = importlib.import_module("summitline.recognize.places")  # the package names a function "places"


def places(text: str, kb, exclude: list[tuple[int, int]] | None = None) -> list[PlaceMention]:
    return recognize_places(text, kb, exclude=exclude or [])


def first(text: str, kb) -> PlaceMention:
    found = sorted(places(text, kb), key=lambda p: p.start)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    "text, venue, city, country",
    [
        ("Obama met Putin at the Waldorf Astoria Hotel in New York.", "Waldorf Astoria Hotel", "New York", "US"),
        ("Bush and Putin met at Brdo Castle.", "Brdo Castle", "Kranj", "SI"),
        ("Putin received Merkel at Bocharov Ruchei.", "Bocharov Ruchei", "Sochi", "RU"),
        ("Bush hosted Putin at Walker's Point.", "Walker's Point", "Kennebunkport", "US"),
        ("Bush and Putin met at Camp David.", "Camp David", "Thurmont", "US"),
    ],
)
def test_venue(kb, text: str, venue: str, city: str, country: str) -> None:
    p = first(text, kb)
    assert (p.text, p.entry.level, p.entry.city, p.entry.country) == (venue, "venue", city, country)


@pytest.mark.parametrize(
    "text, city, country",
    [
        ("Trump and Putin met in Osaka.", "Osaka", "JP"),
        ("Merkel and Obama held talks in Dresden.", "Dresden", "DE"),
        ("Obama and Merkel toured the trade fair in Hanover.", "Hannover", "DE"),
    ],
)
def test_city_after_locative(kb, text: str, city: str, country: str) -> None:
    p = first(text, kb)
    assert (p.entry.level, p.entry.city, p.entry.country, p.locative) == ("city", city, country, True)


@pytest.mark.parametrize("text", ["Nice to meet you, said Obama.", "He called Obama later."])
def test_small_city_name_needs_a_locative(kb, text: str) -> None:
    assert places(text, kb) == []


@pytest.mark.parametrize(
    "text, town, region",
    [
        ("Bush hosted Merkel at his ranch in Crawford, Texas.", "Crawford", "Texas"),
        ("Carter welcomed him in Plains, Georgia.", "Plains", "Georgia"),
        ("They met in Glenfield, Bavaria.", "Glenfield", "Bavaria"),
        ("Roosevelt received him in Warm Springs, Georgia.", "Warm Springs", "Georgia"),
    ],
)
def test_town_before_region(kb, text: str, town: str, region: str) -> None:
    p = first(text, kb)
    assert (p.text, p.entry.name, p.entry.level, p.entry.region) == (town, town, "city", region)


@pytest.mark.parametrize("text, country", [("They met in Moscow, Idaho.", "US"), ("They met in Moscow.", "RU")])
def test_region_after_comma_picks_the_town(kb, text: str, country: str) -> None:
    p = first(text, kb)
    assert (p.text, p.entry.country) == ("Moscow", country)


@pytest.mark.parametrize(
    "text, name, level, country",
    [
        ("Leaders gathered in Normandy for the D-Day anniversary.", "Normandy", "region", "FR"),
        ("Clinton met Blair in Northern Ireland.", "Northern Ireland", "region", "GB"),
        ("Bush and Putin met in Slovenia.", "Slovenia", "country", "SI"),
        ("Obama and Medvedev met in the U.S.", "United States", "country", "US"),
    ],
)
def test_region_or_country(kb, text: str, name: str, level: str, country: str) -> None:
    p = first(text, kb)
    assert (p.entry.name, p.entry.level, p.entry.country) == (name, level, country)


@pytest.mark.parametrize(
    "text",
    [
        "according to The New York Times",
        "The Washington Post reported the talks.",
        "before the U.S. presidential election",
        "after Russia's launch of the invasion",
        "Putin said the Kremlin also wanted talks.",
        # a place naming an arrangement, not where anyone is
        "Both sides said the Minsk agreements still stood.",
        "He wanted to revive the Normandy format before the winter.",
        "The Oslo accords were signed that September.",
    ],
)
def test_not_a_place(kb, text: str) -> None:
    assert places(text, kb) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Abe and Putin met in Osaka.", "Osaka"),
        ("Abe visited Obama in Washington.", "Obama"),
    ],
)
def test_excluded_span_is_not_a_place(kb, text: str, name: str) -> None:
    start = text.index(name)
    found = places(text, kb, exclude=[(start, start + len(name))])
    assert all(p.text != name for p in found)
    assert [p.text for p in found] == [p.text for p in places(text, kb) if p.text != name]


def test_a_town_in_an_item_heading_before_its_country(kb) -> None:
    from summitline.recognize.places import recognize_places

    found = {p.text: p for p in recognize_places("May 26, 2011 – Deauville, France", kb)}
    assert found["Deauville"].entry.country == "FR" and found["Deauville"].locative


def test_lines_read_a_string_by_line_number_as_a_list_would() -> None:
    from summitline.recognize.places import Lines

    words = ["Aachen", "", "New\x1fYork", "Zürich"]
    lines = Lines.from_plain(Lines.of(words).to_plain())
    assert len(lines) == 4
    assert [lines[i] for i in range(4)] == words
    assert lines[-1] == "Zürich" and lines[1:3] == ["", "New\x1fYork"]
    assert bisect.bisect_left(lines, "New\x1fYork") == 2  # bisection works on it as on the list


def test_the_place_index_answers_the_same_from_the_compiled_cache(kb) -> None:
    from summitline.recognize.places import Gazetteer, build_gazetteer

    built = build_gazetteer(kb)
    loaded = Gazetteer.from_plain(built.to_plain())
    for key in [("Paris",), ("New", "York"), ("Camp", "David"), ("Nowhere", "Town")]:
        assert [e.name for e in loaded.index.get(key)] == [e.name for e in built.index.get(key)]
        assert loaded.index.is_prefix(key) == built.index.is_prefix(key)
    assert loaded.index.is_prefix(("New",)) and ("New", "York") in loaded.index


@pytest.mark.parametrize("written", ["Reykjavik", "Bogota", "Brasilia"])
def test_a_curated_city_written_without_its_accents_is_still_that_city(kb, written: str) -> None:
    (p,) = recognize_places(f"- Dec. 2, 1989, {written}: talks on trade.", kb)
    assert p.entry.curated and p.entry.level == "city"


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("The forum met in the Cook Islands in November 2023.", "Cook Islands", "NZ"),
        ("The leaders gathered in Aruba for the talks.", "Aruba", "NL"),
        ("They met on Réunion during the tour.", "Réunion", "FR"),
    ],
)
def test_a_territory_is_a_place_of_its_sovereign_or_associated_state(kb, text: str, name: str, country: str) -> None:
    p = first(text, kb)
    assert (p.entry.name, p.entry.level, p.entry.country) == (name, "region", country)


_WINDOW_PIECES = st.sampled_from(
    ["in", "at", "the", "The", "near", "Russia", "'s", "’s", "s", " ", "  ", ",", "\n", "-", "9", "é", "Kyiv"]
)


@settings(PROPERTY, max_examples=400)
@given(st.lists(_WINDOW_PIECES, max_size=14), st.integers(min_value=0, max_value=30))
@example(["Russia"] * 5 + [" "], 0)  # a word longer than the window, which cuts it
@example(["The", " ", "Russia"] * 3 + ["’s", " "], 0)
def test_the_word_before_a_place_is_the_leftmost_match_of_its_pattern(pieces: list[str], cut: int) -> None:
    """``_preceding_word`` tries only the starts of runs of letters: it finds what a search that tries every
    position of the 24 characters before the place finds."""
    text = "".join(pieces) + "Moscow"
    start = len(text) - len("Moscow")
    text = text[min(cut, start) :]  # a window that may cut a word
    start = len(text) - len("Moscow")
    m = place_module._PRECEDING_WORD.search(text, max(0, start - 24), start)
    assert place_module._preceding_word(text, start) == (m.group(1).lower() if m else "")
