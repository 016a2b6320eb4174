"""One meeting per pair when one leader meets several others in turn (``bilaterals.py``)."""

from __future__ import annotations

import pytest

from summitline import Settings, extract


def pairs(text: str, published: str = "2024-12-01") -> list[tuple[str, list[str]]]:
    found = extract(text, settings=Settings(published=published)).meetings
    return sorted((m.date, sorted(p.name for p in m.participants)) for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "On March 4, 2024, Ruto met with other visiting leaders, such as President Museveni of Uganda "
        "and President Kagame of Rwanda.",
        "On March 4, 2024, Ruto held talks with several heads of state, including Ugandan President Yoweri "
        "Museveni and Rwandan President Paul Kagame.",
    ],
)
def test_partners_listed_as_examples_of_leaders_met_are_met_one_by_one(text: str) -> None:
    assert pairs(text) == [
        ("2024-03-04", ["Paul Kagame", "William Ruto"]),
        ("2024-03-04", ["William Ruto", "Yoweri Museveni"]),
    ]


def test_partners_named_without_a_class_or_a_distributive_word_meet_together() -> None:
    text = "On March 4, 2024, Ruto met with President Museveni of Uganda and President Kagame of Rwanda."
    assert pairs(text) == [("2024-03-04", ["Paul Kagame", "William Ruto", "Yoweri Museveni"])]


def test_a_joint_word_keeps_the_examples_together() -> None:
    text = (
        "On March 4, 2024, Ruto hosted a trilateral summit with fellow presidents, including Museveni of "
        "Uganda and Kagame of Rwanda."
    )
    assert pairs(text) == [("2024-03-04", ["Paul Kagame", "William Ruto", "Yoweri Museveni"])]


def test_calls_with_several_leaders_are_one_call_each() -> None:
    text = "On May 5, 2024, Chancellor Olaf Scholz spoke by phone with President Macron and Prime Minister Sunak."
    assert pairs(text) == [
        ("2024-05-05", ["Emmanuel Macron", "Olaf Scholz"]),
        ("2024-05-05", ["Olaf Scholz", "Rishi Sunak"]),
    ]


def test_two_clauses_with_their_own_leaders_are_two_meetings() -> None:
    text = (
        "On May 19, 2023, Kishida and Yoon held bilateral talks in Hiroshima, then hosted President Biden "
        "for three-way talks."
    )
    assert pairs(text) == [
        ("2023-05-19", ["Fumio Kishida", "Joe Biden", "Yoon Suk Yeol"]),
        ("2023-05-19", ["Fumio Kishida", "Yoon Suk Yeol"]),
    ]


def test_a_clause_that_names_no_one_itself_adds_no_meeting() -> None:
    text = "On Aug. 18, 2023, Kishida and Yoon met President Biden at Camp David, and agreed to hold talks every year."
    assert pairs(text) == [("2023-08-18", ["Fumio Kishida", "Joe Biden", "Yoon Suk Yeol"])]


def test_one_leader_meeting_leaders_of_several_states_on_a_gatherings_sidelines_meets_each_apart() -> None:
    text = (
        "On the sidelines of the UN General Assembly in New York on Sept. 24, 2024, Prime Minister Modi met "
        "President Zelensky, Nepal's Prime Minister K.P. Sharma Oli and Palestinian President Mahmoud Abbas."
    )
    assert pairs(text) == [
        ("2024-09-24", ["KP Sharma Oli", "Narendra Modi"]),
        ("2024-09-24", ["Mahmoud Abbas", "Narendra Modi"]),
        ("2024-09-24", ["Narendra Modi", "Volodymyr Zelensky"]),
    ]


def test_a_clause_meeting_each_of_them_is_one_meeting_with_each() -> None:
    text = (
        "On May 30, 2023, President Lula hosted Gustavo Petro, Gabriel Boric and Luis Arce for a summit in "
        "Brasilia, after meeting each of them separately."
    )
    assert pairs(text) == [
        ("2023-05-30", ["Gabriel Boric", "Gustavo Petro", "Luis Arce", "Luiz Inácio Lula da Silva"]),
        ("2023-05-30", ["Gabriel Boric", "Luiz Inácio Lula da Silva"]),
        ("2023-05-30", ["Gustavo Petro", "Luiz Inácio Lula da Silva"]),
        ("2023-05-30", ["Luis Arce", "Luiz Inácio Lula da Silva"]),
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Chancellor Angela Merkel received King Abdullah II of Jordan in Berlin on Tuesday, where he also "
            "met President Frank-Walter Steinmeier.",
            "2019-02-13",
            [
                ("2019-02-12", ["Abdullah II", "Angela Merkel"]),
                ("2019-02-12", ["Abdullah II", "Frank-Walter Steinmeier"]),
            ],
        ),
        (
            "President Cyril Ramaphosa hosted Prime Minister Giorgia Meloni in Pretoria on Monday, and she later "
            "held talks with President Mokgweetsi Masisi.",
            "2023-06-14",
            [
                ("2023-06-12", ["Cyril Ramaphosa", "Giorgia Meloni"]),
                ("2023-06-12", ["Giorgia Meloni", "Mokgweetsi Masisi"]),
            ],
        ),
    ],
)
def test_a_clause_whose_subject_is_a_pronoun_meets_with_the_leader_it_means(
    text: str, published: str, expected: list[tuple[str, list[str]]]
) -> None:
    """The pronoun of a later clause is the leader named before it whom it fits, not the first clause's
    subject by default: each clause is a meeting of its own."""
    assert pairs(text, published) == expected


def test_a_subject_pronoun_in_a_later_clause_is_the_sentence_subject_when_it_fits() -> None:
    """Both leaders named before the second "he" are men: the one the sentence is about goes on."""
    text = (
        "Chancellor Olaf Scholz travelled to Paris on Monday, where he met Emmanuel Macron, before flying to "
        "Madrid, where he met Pedro Sánchez on Tuesday."
    )
    assert pairs(text, "2023-05-10") == [
        ("2023-05-08", ["Emmanuel Macron", "Olaf Scholz"]),
        ("2023-05-09", ["Olaf Scholz", "Pedro Sánchez"]),
    ]


def test_each_clause_of_two_meetings_keeps_its_own_place() -> None:
    text = (
        "Prime Minister Rishi Sunak flew to Kyiv on Friday for talks with Volodymyr Zelensky, then travelled to "
        "Warsaw to meet President Andrzej Duda."
    )
    found = extract(text, settings=Settings(published="2023-02-12")).meetings
    assert sorted((m.date, sorted(p.name for p in m.participants), m.place and m.place.name) for m in found) == [
        ("2023-02-10", ["Andrzej Duda", "Rishi Sunak"], "Warsaw"),
        ("2023-02-10", ["Rishi Sunak", "Volodymyr Zelensky"], "Kyiv"),
    ]


def test_a_pronoun_after_a_fronted_date_with_no_comma_goes_on_with_the_subject_before() -> None:
    text = (
        "Chancellor Olaf Scholz began his Asia tour in Tokyo on Monday, where he met Fumio Kishida. "
        "On Wednesday he was in Seoul for talks with President Yoon Suk Yeol."
    )
    assert pairs(text, "2023-07-21") == [
        ("2023-07-17", ["Fumio Kishida", "Olaf Scholz"]),
        ("2023-07-19", ["Olaf Scholz", "Yoon Suk Yeol"]),
    ]
