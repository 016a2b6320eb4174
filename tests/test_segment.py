"""segment.py: paragraphs, sentences, clauses and headings."""

from __future__ import annotations

import pytest

from summitline.segment import is_heading, split_paragraphs, split_sentences


def sentences(text: str) -> list[str]:
    """Sentences, with leader names known to begin a sentence after an initialism ("the U.S. Putin …")."""
    return [s.text for s in split_sentences(text, 0, 0, frozenset({"Putin", "Merkel", "Sharma"}))]


@pytest.mark.parametrize(
    "text",
    [
        "Putin met U.S. President George W. Bush in Ljubljana.",
        "Putin met Clinton at the UN on Sept. 7, 2000 in New York.",
        "George W. Bush met Putin at his ranch.",
        "Modi met Nepal's Prime Minister K.P. Sharma Oli in New York.",  # a person's initials, then a name
        pytest.param(
            "Bush met Mr. Putin in Moscow.",
        ),
        "The two presidents sat down at 8 p.m. Tuesday and talked past midnight.",
        "The call began at 10:30 a.m. EST and lasted an hour.",
    ],
)
def test_abbreviation_does_not_end_the_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The sanctions were imposed in the U.S. Putin himself said nothing.",
            ["The sanctions were imposed in the U.S.", "Putin himself said nothing."],
        ),
        ("They met in Geneva. The talks went well.", ["They met in Geneva.", "The talks went well."]),
        ('He said "we agree." Then he left.', ['He said "we agree."', "Then he left."]),
        (
            "They met until 11 p.m. The next day they flew home.",
            ["They met until 11 p.m.", "The next day they flew home."],
        ),
    ],
)
def test_sentence_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentence_offsets_point_into_the_text() -> None:
    text = "Intro line.\nThe sanctions were imposed in the U.S. Putin himself said nothing."
    para = split_paragraphs(text, frozenset({"Putin"}))[1]
    assert [text[s.start : s.end] for s in para.sentences] == [s.text for s in para.sentences]
    assert para.sentences[1].text == "Putin himself said nothing."


@pytest.mark.parametrize("line", ["George W. Bush", "2022:", "- 2019: Xi visits -", "June 4, 2000:"])
def test_is_heading(line: str) -> None:
    assert is_heading(line) is True


@pytest.mark.parametrize(
    "line",
    [
        "Putin and Bush met in Moscow on a cold day in December and talked for hours about arms control.",
        "Putin met Bush.",
        "Alexei Panov / TASS",
        "Who met whom?",
    ],
)
def test_is_not_heading(line: str) -> None:
    assert is_heading(line) is False


def test_clauses_split_at_commas_semicolons_dashes_and_colons() -> None:
    text = "On Monday, Putin met Bush; they talked — and Xi joined: all three smiled."
    (s,) = split_sentences(text, 100, 0)
    spans = s.clauses()
    assert [text[a - 100 : b - 100] for a, b in spans] == [
        "On Monday",
        "Putin met Bush",
        "they talked",
        "and Xi joined",
        "all three smiled.",
    ]


def test_sentence_without_breaks_is_one_clause() -> None:
    (s,) = split_sentences("Putin met Bush in Moscow.", 7, 0)
    assert s.clauses() == [(7, 32)]


@pytest.mark.parametrize(
    "text, kinds",
    [
        (
            "June 4, 2000:\nPutin met Clinton in Moscow. They talked.\nAlexei Panov / TASS",
            ["heading", "text", "credit"],
        ),
        ("George W. Bush\n\nBush met Putin in Slovenia.", ["heading", "text"]),
    ],
)
def test_paragraph_kinds(text: str, kinds: list[str]) -> None:
    assert [p.kind for p in split_paragraphs(text)] == kinds


def test_list_marker_is_not_part_of_the_body() -> None:
    (p,) = split_paragraphs("- Dec. 7-10, 1987, Washington: Reagan and Gorbachev meet.")
    assert p.body_start == 2


def test_a_month_abbreviation_without_a_day_ends_a_sentence() -> None:
    from summitline.segment import split_sentences

    text = "They met again in Nov. Merkel said little. The next summit was on Nov. 19, 1985."
    assert [s.text for s in split_sentences(text, 0, 0)] == [
        "They met again in Nov.",
        "Merkel said little.",
        "The next summit was on Nov. 19, 1985.",
    ]
