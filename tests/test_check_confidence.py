"""check/confidence.py: the scale a finding's confidence is read on."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from summitline.check import confidence as c


def test_a_basis_multiplies_what_weakens_it_and_rounds() -> None:
    assert c.Basis(c.TRIPS).value == 0.95
    assert c.Basis(c.TRIPS).times(c.date_factor("month"), c.SURNAME_ONLY).value == 0.73
    assert c.Basis(c.VISIT_MISSING).times(c.date_factor("year")).value == 0.42


@pytest.mark.parametrize(
    "precision, inferred, factor",
    [("day", False, 1.0), ("span", False, 1.0), ("month", False, 0.85), ("year", False, 0.7), ("day", True, 0.8)],
)
def test_a_looser_date_weighs_less(precision: str, inferred: bool, factor: float) -> None:
    assert c.date_factor(precision, inferred) == pytest.approx(factor)


def test_a_city_just_over_the_threshold_weighs_less_than_one_far_away() -> None:
    assert c.distance_factor(300, 300) == pytest.approx(0.6)
    assert c.distance_factor(650, 300) == pytest.approx(0.8)
    assert c.distance_factor(1000, 300) == c.distance_factor(6000, 300) == 1.0


def test_a_span_one_day_past_a_trip_weighs_less_than_three() -> None:
    assert c.runs_past_factor(1) < c.runs_past_factor(2) < c.runs_past_factor(3) == 1.0


def test_a_date_near_a_term_boundary_weighs_less() -> None:
    end_of_term = [date(2009, 1, 20)]
    assert c.term_edge_factor(date(2008, 4, 1), date(2008, 4, 30), end_of_term) == 1.0
    assert c.term_edge_factor(date(2009, 1, 1), date(2009, 1, 1), end_of_term) == c.TERM_EDGE


@pytest.mark.parametrize(
    "leader, mentions, factor",
    [
        ("george-w-bush", ["Bush"], c.SURNAME_ONLY),  # two presidents Bush
        ("george-w-bush", ["Bush", "George W. Bush"], 1.0),  # another source names him in full
        ("barack-obama", ["Obama"], 1.0),  # a surname no other leader has
    ],
)
def test_a_surname_other_leaders_share_weighs_less(leader: str, mentions: list[str], factor: float, kb: Any) -> None:
    said = [{"participants": [{"id": leader, "mention": m, "resolved_by": "name"}]} for m in mentions]
    assert c.naming_factor(kb, said, [leader]) == factor


def test_a_leader_found_by_context_weighs_less(kb: Any) -> None:
    said = [{"participants": [{"id": "vladimir-putin", "mention": "the Russian leader", "resolved_by": "title"}]}]
    assert c.naming_factor(kb, said, ["vladimir-putin"]) == c.NAME_INFERRED
