"""recognize/open_leaders.py: leaders the knowledge base does not list, by office, country and name."""

from __future__ import annotations

import dataclasses

import pytest

from summitline import extract
from summitline.config import Settings
from summitline.recognize.leaders import recognize_leaders
from summitline.recognize.open_leaders import open_id, proper_name

# States whose leaders are taken out of the knowledge base here, so that these tests do not depend on
# what the data files list: their leaders are then as unknown as a new president elected tomorrow.
UNLISTED = {"CL", "KE", "GH", "PT", "EC"}


@pytest.fixture(scope="module")
def open_kb(kb):
    leaders = {lid: p for lid, p in kb.leaders.items() if not (p.countries & UNLISTED)}
    return dataclasses.replace(kb, leaders=leaders, derived={})


def meetings(text: str, kb, published: str = "2024-06-01"):
    return extract(text.encode(), settings=Settings(published=published), kb=kb).meetings


@pytest.mark.parametrize(
    "text, expected",
    [
        (" Amara Okonkwo said", "Amara Okonkwo"),
        (" Okonkwo of Chile", "Okonkwo"),
        (" Felipe VI of Spain", "Felipe VI"),
        (" Maria da Costa met", "Maria da Costa"),
        (" Okonkwo.", "Okonkwo"),
        (" Lee Jae-sun on Monday", "Lee Jae-sun"),
        (" Khalid bin Hamad arrived", "Khalid bin Hamad"),
        (" J. R. Tolland spoke", "J. R. Tolland"),
    ],
)
def test_a_proper_name_is_capitalised_words_with_particles(text: str, expected: str) -> None:
    span = proper_name(text, 0)
    assert span is not None and text[span[0] : span[1]] == expected


@pytest.mark.parametrize("text", ["  on Monday", " said on", " The talks", " in May"])
def test_no_proper_name_where_none_starts(text: str) -> None:
    assert proper_name(text, 0) is None


def test_adjective_office_and_name_is_an_open_leader(open_kb) -> None:
    found = [m for m in recognize_leaders("Kenyan President Amara Okonkwo spoke first.", open_kb) if m.kind == "name"]
    assert [(m.text, m.ids, m.country, m.open_office) for m in found] == [
        ("Amara Okonkwo", ("ke-amara-okonkwo",), "KE", "President")
    ]
    assert found[0].title == "Kenyan President"


def test_office_name_of_country_is_an_open_leader(open_kb) -> None:
    found = [m for m in recognize_leaders("Prime Minister Okonkwo of Portugal spoke.", open_kb) if m.kind == "name"]
    assert [(m.text, m.ids, m.country) for m in found] == [("Okonkwo", ("pt-okonkwo",), "PT")]


@pytest.mark.parametrize(
    "text",
    [
        "Amara Okonkwo spoke first.",  # a bare unknown name is never a leader
        "Former Kenyan President Amara Okonkwo spoke first.",
        "The late Chilean President Amara Okonkwo was remembered.",
        "Kenyan Foreign Minister Amara Okonkwo spoke first.",
        "Kenyan opposition leader Amara Okonkwo spoke first.",
    ],
)
def test_no_open_leader_without_a_sitting_leaders_office_and_country(open_kb, text: str) -> None:
    assert not [m for m in recognize_leaders(text, open_kb) if m.open_office]


def test_a_known_surname_of_that_country_is_the_known_person(kb) -> None:
    found = [m for m in recognize_leaders("Russian President Vladimir V. Putin spoke.", kb) if m.kind == "name"]
    assert found and all(m.open_office is None for m in found)
    assert any("vladimir-putin" in m.ids for m in found)


def test_open_leaders_meet_and_later_surnames_join_them(open_kb) -> None:
    text = (
        "Chilean President Amara Okonkwo met Ghanaian President Kofi Mensah-Boateng in Accra on March 3, 2024. "
        "Okonkwo said the talks were warm."
    )
    [meeting] = meetings(text, open_kb)
    people = {(p.name, p.id, p.office, p.resolved_by) for p in meeting.participants}
    assert people == {
        ("Amara Okonkwo", "cl-amara-okonkwo", "President of Chile", "title_open"),
        ("Kofi Mensah-Boateng", "gh-kofi-mensah-boateng", "President of Ghana", "title_open"),
    }
    assert meeting.date == "2024-03-03"
    surname = [m for m in recognize_leaders(text, open_kb) if m.text == "Okonkwo"]
    assert surname and surname[0].ids == ("cl-amara-okonkwo",)


def test_a_surname_with_office_and_country_joins_the_full_name(open_kb) -> None:
    text = (
        "Ecuadorian President Amara Okonkwo arrived in Lima on May 2, 2023. "
        "President Okonkwo of Ecuador then met Argentine President Alberto Fernandez in Lima on May 3, 2023."
    )
    found = meetings(text, open_kb)
    ids = {p.id for m in found for p in m.participants}
    assert "ec-amara-okonkwo" in ids and "ec-okonkwo" not in ids


def test_open_ids_are_deterministic_from_country_and_name() -> None:
    assert open_id("CL", "Gabriel Boric") == "cl-gabriel-boric"
    assert open_id("ES", "Felipe VI") == "es-felipe-vi"
    assert open_id("PT", "Luís Montenegro") == "pt-luis-montenegro"


def test_a_family_name_written_first_is_the_known_leader(kb) -> None:
    """'North Korea's leader Kim': the knowledge base's Kims of that country, resolved later by date."""
    found = [m for m in recognize_leaders("North Korea's leader Kim arrived by train.", kb) if m.kind == "name"]
    assert found and found[0].open_office is None
    assert {"kim-jong-un", "kim-jong-il"} <= set(found[0].ids)


def test_office_of_country_then_name_and_a_bracketed_list(open_kb) -> None:
    text = (
        "The King of Spain Pedro Alba met the Brazilian president, as did presidents "
        "Amara Okonkwo (Chile) and Lucas Reyes (Ecuador)."
    )
    found = {m.text: (m.ids, m.open_office) for m in recognize_leaders(text, open_kb) if m.kind == "name"}
    assert found["Amara Okonkwo"] == (("cl-amara-okonkwo",), "President")
    assert found["Lucas Reyes"] == (("ec-lucas-reyes",), "President")
    assert found["Pedro Alba"][1] == "King"
