"""kb/lookup.py: finding leaders by what a user types."""

from __future__ import annotations

from datetime import date

import pytest

from summitline.kb.lookup import InvalidDateError, best_leaders, find_leaders, name_score, parse_date_span, query_words


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2005", date(2005, 1, 1), date(2005, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2000-06-04", date(2000, 6, 4), date(2000, 6, 4)),
        ("2007-07-01/2007-07-02", date(2007, 7, 1), date(2007, 7, 2)),
        ("1985/1986-03", date(1985, 1, 1), date(1986, 3, 31)),
    ],
)
def test_dates_at_every_precision(value: str, first: date, last: date) -> None:
    assert parse_date_span(value) == (first, last)


@pytest.mark.parametrize("value", ["yesterday", "2017-13", "20x", "2001-02-30", ""])
def test_bad_dates_say_what_to_give(value: str) -> None:
    with pytest.raises(InvalidDateError, match="YYYY"):
        parse_date_span(value)


def test_titles_and_accents_are_not_part_of_the_name() -> None:
    assert query_words("King Felipe VI") == ["felipe", "vi"]
    assert query_words("President Recep Tayyip Erdoğan") == ["recep", "tayyip", "erdogan"]
    assert query_words("Queen") == ["queen"]  # nothing but a title: kept rather than emptied


@pytest.mark.parametrize(
    "query, name, expected",
    [
        (["vladimir", "putin"], ["vladimir", "putin"], 100),
        (["putin"], ["vladimir", "putin"], 60),
        (["zelensky"], ["zelenskyy"], 70),  # one letter of slack in a long word
        (["xi"], ["xi", "jinping"], 50),  # a family name written first
        (["george", "bush"], ["george", "w", "bush"], 90),
        (["iris", "xiomara", "castro", "sarmiento"], ["xiomara", "castro"], 90),
        (["putin"], ["vladimir", "potanin"], 0),
        (["bush"], ["laura", "welch"], 0),
    ],
)
def test_name_scores(query: list[str], name: list[str], expected: int) -> None:
    assert name_score(query, name) == expected


def test_the_holder_on_the_date_comes_first(kb) -> None:
    assert best_leaders(kb, "bush", on="2005")[0].leader.id == "george-w-bush"
    assert best_leaders(kb, "bush", on="1990-05")[0].leader.id == "george-h-w-bush"
    assert {m.leader.id for m in best_leaders(kb, "bush")} == {"george-w-bush", "george-h-w-bush"}


def test_the_office_shown_is_the_one_held_on_the_date(kb) -> None:
    [first, *_] = find_leaders(kb, "Vladimir Putin", on="2010-03")
    assert first.leader.id == "vladimir-putin" and first.in_office
    assert first.term is not None and first.term.office.startswith("Prime Minister")


def test_a_country_filter_keeps_its_leaders_only(kb) -> None:
    found = find_leaders(kb, "kim", country="KP", limit=None)
    assert found and all("KP" in m.leader.countries for m in found)


def test_an_id_is_a_query_too(kb) -> None:
    assert find_leaders(kb, "george-w-bush")[0].leader.id == "george-w-bush"


def test_json_rows_carry_every_term_and_its_source(kb) -> None:
    row = find_leaders(kb, "Angela Merkel", on="2010")[0].as_dict()
    assert row["office"] == "Chancellor of Germany" and row["in_office"] is True
    assert row["terms"] and all(t["source"] for t in row["terms"])
