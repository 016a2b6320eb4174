"""clean.py: normalised text, repeated lines dropped, photo credits recognised, a metadata date taken."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitline import clean
from summitline.clean import clean_document, drop_repeats, inline_credit, is_credit_line, normalise
from summitline.records import Document

from .properties import PROPERTY

CAPTION = "Russian President Vladimir Putin and U.S. President George W. Bush walk in the Kremlin in Moscow."
LONG_CREDIT = "Pete Souza / Official White House Photo Office Archive"  # over 40 characters


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Putin\u00a0met\u00a0Bush.", "Putin met Bush."),
        ("Putin met Bush.\r\nThey talked.\rThen left.", "Putin met Bush.\nThey talked.\nThen left."),
        ("He called it ``a good meeting''.", 'He called it "a good meeting".'),
        ("Putin  met\t Bush.  ", "Putin met Bush."),
        ("Pu\u200btin met Bush.\n\n\n\nThey talked.", "Putin met Bush.\n\nThey talked."),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    "repeat",
    [
        CAPTION,  # exact
        CAPTION.upper(),  # case
        CAPTION.replace(" ", "  ").replace(".", "!"),  # spacing and punctuation
    ],
)
def test_drop_repeats_drops_repeated_long_line(repeat: str) -> None:
    assert drop_repeats(f"{CAPTION}\nReuters\n{repeat}") == f"{CAPTION}\nReuters"


def test_drop_repeats_keeps_short_repeated_line() -> None:
    assert drop_repeats("They met.\nThey met.") == "They met.\nThey met."


def test_drop_repeats_keeps_repeated_credit_line() -> None:
    text = f"June 2001: {CAPTION}\n{LONG_CREDIT}\nMay 2002: {CAPTION}\n{LONG_CREDIT}"
    assert drop_repeats(text) == text


def test_drop_repeats_undoubles_a_line_made_of_the_same_text_twice() -> None:
    assert drop_repeats(f"{CAPTION} {CAPTION}") == CAPTION


@pytest.mark.parametrize(
    "line",
    [
        "Alexei Panov / TASS",
        "kremlin.ru",
        "© Sputnik / Vladimir Rodionov",
        "Pete Souza / Official White House Photo",
        "The White House Photograph Office",
        "Reuters",
        "Getty Images",
        "Guido Bergmann / Bundesregierung",
        pytest.param("dpa"),
    ],
)
def test_is_credit_line(line: str) -> None:
    assert is_credit_line(line) is True


@pytest.mark.parametrize(
    "line",
    [
        "Putin met Bush in Moscow on Monday.",
        "George W. Bush",
        "Bush and Putin",
        "The two leaders met in Geneva / Switzerland",
        "",
    ],
)
def test_is_not_credit_line(line: str) -> None:
    assert is_credit_line(line) is False


@pytest.mark.parametrize(
    "sentence, credit",
    [
        ("Trump and Putin shake hands in Hamburg. (AP Photo/Evan Vucci)", "AP Photo/Evan Vucci"),
        ("Xi and Biden met in Bali on July 29, 2022. REUTERS/Tyrone Siu", "REUTERS/Tyrone Siu"),
        ("Putin met Bush in Moscow.", None),
    ],
)
def test_inline_credit(sentence: str, credit: str | None) -> None:
    assert inline_credit(sentence) == credit


def test_clean_document_takes_metadata_date_line() -> None:
    doc = clean_document(Document(text=" date 2018-05-21 Putin met Merkel in Sochi.\nThey talked.", sha256="x"))
    assert (doc.published, doc.published_source) == ("2018-05-21", "metadata")
    assert doc.text == "Putin met Merkel in Sochi.\nThey talked."


def test_clean_document_keeps_a_known_publication_date() -> None:
    doc = Document(
        text="date 2018-05-21 Putin met Merkel.", sha256="x", published="2020-01-01T10:00:00", published_source="html"
    )
    cleaned = clean_document(doc)
    assert (cleaned.published, cleaned.published_source, cleaned.text) == ("2020-01-01", "html", "Putin met Merkel.")


def test_clean_document_ignores_date_line_that_does_not_lead() -> None:
    doc = clean_document(Document(text="Putin met Merkel in Sochi.\ndate 2018-05-21", sha256="x"))
    assert doc.published is None and doc.text.endswith("date 2018-05-21")


@settings(PROPERTY, max_examples=300)
@given(st.lists(st.sampled_from(["a", "b.", " ", "  ", "\t", "\u00a0", "\u2009", "\u3000", "\n", "\n\n\n", "\r\n"])))
def test_spaces_are_collapsed_only_where_the_text_has_runs_or_odd_spaces(pieces: list[str]) -> None:
    text = "".join(pieces)
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in clean._SPACES.sub(" ", plain).split("\n")]
    assert normalise(text) == re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
