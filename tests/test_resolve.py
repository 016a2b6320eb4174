"""resolve.py: who a name or a title means on a given date."""

from __future__ import annotations

from datetime import date

import pytest

from summitline.recognize.leaders import LeaderMention, recognize_leaders
from summitline.resolve import resolve_backwards, resolve_explicit, resolve_title


def mention(text: str, kb) -> LeaderMention:
    found = [m for m in recognize_leaders(text, kb) if m.kind in ("name", "title", "counterpart")]
    assert len(found) == 1, found
    return found[0]


def resolve(kb, text: str, first: date, last: date | None = None, named: frozenset[str] = frozenset()):
    return resolve_explicit(kb, mention(text, kb), first, last or first, set(named))


@pytest.mark.parametrize(
    "text, first, last, leader_id",
    [
        ("Bush", date(1989, 12, 2), None, "george-h-w-bush"),
        ("Bush", date(2008, 4, 6), None, "george-w-bush"),
        ("the U.S. president", date(2001, 6, 1), date(2001, 6, 30), "george-w-bush"),
        ("the Russian president", date(2009, 7, 7), None, "dmitry-medvedev"),
        ("the Kremlin leader", date(2009, 7, 7), None, "dmitry-medvedev"),
        ("the Russian prime minister", date(2009, 7, 7), None, "vladimir-putin"),
        ("his US counterpart", date(2021, 6, 16), None, "joe-biden"),
        ("Britain's prime minister", date(2019, 6, 1), None, "theresa-may"),
        ("the German chancellor", date(1990, 10, 3), None, "helmut-kohl"),
    ],
)
def test_mention_resolves_to_holder_on_date(kb, text: str, first: date, last: date | None, leader_id: str) -> None:
    r = resolve(kb, text, first, last)
    assert r is not None and r.leader.id == leader_id


@pytest.mark.parametrize(
    "on, office",
    [
        (date(2000, 6, 4), "President of Russia"),
        (date(2009, 7, 7), "Prime Minister of Russia"),
        (date(1999, 8, 16), "Prime Minister of Russia"),
    ],
)
def test_office_held_on_the_date(kb, on: date, office: str) -> None:
    r = resolve(kb, "Putin", on)
    assert r is not None and r.term.office == office


def test_head_of_state_term_wins_when_two_overlap(kb) -> None:
    # Dec. 31, 1999: acting president and (until May 2000) still prime minister
    r = resolve(kb, "Putin", date(1999, 12, 31))
    assert r is not None and r.term.role == "head_of_state"


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("Gorbachev", date(2005, 1, 1), date(2005, 12, 31)),
        ("Merkel", date(2021, 12, 9), None),  # the day after she left office
        ("the former Soviet leader", date(1990, 1, 1), None),  # a former holder is not the holder
    ],
)
def test_leader_out_of_office_is_not_resolved(kb, text: str, first: date, last: date | None) -> None:
    assert resolve(kb, text, first, last) is None


@pytest.mark.parametrize(
    "named, leader_id", [({"dmitry-medvedev"}, "dmitry-medvedev"), ({"vladimir-putin"}, "vladimir-putin")]
)
def test_leader_named_in_document_breaks_a_tie(kb, named: set[str], leader_id: str) -> None:
    # 2008 saw both Putin and Medvedev as President of Russia
    r = resolve(kb, "the Russian president", date(2008, 1, 1), date(2008, 12, 31), frozenset(named))
    assert r is not None and r.leader.id == leader_id


def test_resolved_how_is_the_mention_kind(kb) -> None:
    assert [resolve(kb, t, date(2021, 6, 16)).how for t in ("Putin", "the U.S. president")] == ["name", "title"]


def test_backwards_takes_the_latest_distinct_leaders_in_office(kb) -> None:
    history = recognize_leaders("Bush met Gorbachev in Malta. Bush said the Soviet leader was a partner.", kb)
    found = resolve_backwards(kb, history, date(1989, 12, 2), date(1989, 12, 3), set(), 2, set())
    assert [r.leader.id for r in found] == ["mikhail-gorbachev", "george-h-w-bush"]


def test_backwards_skips_excluded_leaders(kb) -> None:
    history = recognize_leaders("Bush met Gorbachev in Malta.", kb)
    found = resolve_backwards(kb, history, date(1989, 12, 2), date(1989, 12, 3), set(), 2, {"mikhail-gorbachev"})
    assert [r.leader.id for r in found] == ["george-h-w-bush"]


@pytest.mark.parametrize(
    "text, on, named, leader_id",
    [
        ("the Queen", date(1976, 7, 7), {"elizabeth-ii", "gerald-ford"}, "elizabeth-ii"),
        ("the King", date(2023, 9, 20), {"charles-iii", "emmanuel-macron"}, "charles-iii"),
        ("the monarch", date(2023, 9, 20), {"charles-iii", "emmanuel-macron"}, "charles-iii"),
        ("the Emperor", date(2019, 5, 27), {"naruhito", "donald-trump"}, "naruhito"),
        ("the King", date(2018, 11, 12), {"felipe-vi", "xi-jinping"}, "felipe-vi"),
    ],
)
def test_a_monarchs_title_alone_means_the_monarch_the_document_names(kb, text, on, named, leader_id) -> None:
    r = resolve(kb, text, on, named=frozenset(named))
    assert r is not None and r.leader.id == leader_id


@pytest.mark.parametrize(
    "text, on, named",
    [
        ("the Queen", date(2023, 9, 20), {"charles-iii", "emmanuel-macron"}),  # a queen consort, not the King
        ("the King", date(1976, 7, 7), {"elizabeth-ii", "gerald-ford"}),  # the title's gender does not fit
        ("the Queen", date(1950, 5, 1), {"elizabeth-ii", "harry-s-truman"}),  # not yet reigning
        ("the King", date(2018, 11, 12), {"felipe-vi", "mohammed-vi"}),  # two kings named: which one is unsaid
        ("the King", date(2018, 11, 12), {"xi-jinping"}),  # no monarch named at all
    ],
)
def test_a_monarchs_title_alone_stays_unresolved_without_one_fitting_monarch(kb, text, on, named) -> None:
    assert resolve(kb, text, on, named=frozenset(named)) is None


@pytest.mark.parametrize(
    "text",
    [
        "The president had tea with the Queen at Windsor.",
        "The Queen's guests that evening included two presidents.",  # possessive: still her
    ],
)
def test_monarch_titles_that_are_mentions(kb, text) -> None:
    assert any(m.reigning == "F" for m in recognize_leaders(text, kb))


@pytest.mark.parametrize(
    "text",
    [
        "She was crowned and became the Queen in 1953.",  # a role taken on, not a mention
        "The Queen Mother opened the hospital.",  # another person's title
        "The King of Spain was there.",  # the country is stated: an ordinary title
        "Chess players say the queen is the strongest piece.",  # lower case: a figure of speech
    ],
)
def test_monarch_titles_that_are_not_mentions_of_a_reigning_monarch(kb, text) -> None:
    assert not any(m.reigning is not None for m in recognize_leaders(text, kb))


@pytest.mark.parametrize(
    "adjective, on, expected",
    [
        ("German", date(2025, 6, 1), "Friedrich Merz"),  # a parliamentary republic: the chancellor leads
        ("Dutch", date(2023, 6, 1), "Mark Rutte"),  # a monarchy: the prime minister leads
        ("French", date(2023, 6, 1), "Emmanuel Macron"),  # the president leads
    ],
)
def test_a_countrys_leader_is_whoever_leads_its_government(kb, adjective: str, on: date, expected: str) -> None:
    code = next(c.code for c in kb.countries.values() if adjective in c.adjectives)
    m = LeaderMention(0, 10, f"the {adjective} leader", "title", (), code, ("*",))
    found = resolve_title(kb, m, on, on, set())
    assert found is not None and found[0].name == expected


def test_a_stated_titles_country_decides_between_two_leaders_of_one_name(kb) -> None:
    m = LeaderMention(0, 3, "Kim", "name", ("kim-dae-jung", "kim-jong-il"), title="North Korea's leader")
    found = resolve_explicit(kb, m, date(2000, 6, 13), date(2000, 6, 13), {"kim-dae-jung"})
    assert found is not None and found.leader.id == "kim-jong-il"
