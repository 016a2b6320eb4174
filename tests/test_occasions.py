"""recognize/occasions.py: recurring gatherings and the event a stated date points to."""

from __future__ import annotations

from datetime import date

import pytest

from summitline.recognize.occasions import find_event, recognize_occasions


@pytest.mark.parametrize(
    "text, stated, series",
    [
        ("Obama met Putin at the G20 summit in China.", "G20 summit", "g20"),
        ("Bush and Merkel met on the sidelines of the G8 Summit.", "G8 Summit", "g8"),
        ("They met at the APEC Economic Leaders' meeting in Da Nang.", "APEC Economic Leaders' meeting", "apec"),
        ("Bush and Putin met at the UN General Assembly.", "UN General Assembly", "unga"),
        ("Trump and Putin talked during the G20 in Osaka.", "G20", "g20"),
        ("Biden and Xi met at the COP26 talks.", "COP26", "cop"),
    ],
)
def test_gathering_is_recognised(kb, text: str, stated: str, series: str) -> None:
    found = recognize_occasions(text, kb)
    assert [(o.text, o.series) for o in found] == [(stated, series)]
    assert text[found[0].start : found[0].end] == stated


@pytest.mark.parametrize(
    "text",
    [
        "Putin criticised NATO expansion.",
        "The G20 is a forum of major economies.",
    ],
)
def test_organisation_without_event_is_not_an_occasion(kb, text: str) -> None:
    assert recognize_occasions(text, kb) == []


def test_occasion_name_is_the_series_name(kb) -> None:
    (o,) = recognize_occasions("They met at the APEC Economic Leaders' meeting.", kb)
    assert o.name == kb.gatherings["apec"].name


def test_event_by_month_and_host_country(kb) -> None:
    event = find_event(kb, "g20", date(2016, 9, 1), date(2016, 9, 30), "CN")
    assert event is not None and (event.city, event.start) == ("Hangzhou", date(2016, 9, 4))


def test_wrong_month_still_finds_the_years_event(kb) -> None:
    # "the G20 summit on June 7, 2017": the 2017 summit was in Hamburg on July 7-8
    event = find_event(kb, "g20", date(2017, 6, 7), date(2017, 6, 7), None)
    assert event is not None and (event.city, event.start) == ("Hamburg", date(2017, 7, 7))


def test_closest_event_of_a_year_with_two(kb) -> None:
    event = find_event(kb, "g20", date(2009, 9, 1), date(2009, 9, 30), None)
    assert event is not None and event.city == "Pittsburgh"


def test_no_event_in_another_country(kb) -> None:
    assert find_event(kb, "g20", date(2017, 6, 7), date(2017, 6, 7), "CN") is None
