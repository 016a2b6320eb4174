"""recognize/keywords.py: one automaton for many keyword groups, with the semantics of a regex alternation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitline.recognize.keywords import FOLDED_ONTO_ASCII, KeywordScanner, alternation, case_blind_lower

from .properties import PROPERTY

GROUPS = {
    "title": ["president", "prime minister", "premier", "vice president"],
    "plural": ["the two leaders", "the two", "both", "they"],
}


def regex_hits(words: list[str], text: str, extra: str | None = None) -> list[tuple[int, int]]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = rf"(?<![\w{re.escape(extra)}])(?:{alts})(?![\w{re.escape(extra)}])" if extra else rf"\b(?:{alts})\b"
    return [m.span() for m in re.finditer(pattern, text, re.I)]


@pytest.mark.parametrize(
    "text",
    [
        "The President met the Prime Minister; the two leaders spoke.",
        "Vice President Ames and President Bell: both presidents, they said.",
        "PRESIDENTIAL hopefuls and a premiership: no title here.",
        "the two-day visit; the twofold aim; The Two Leaders' lunch",
        "president,prime minister.premier",
    ],
)
def test_same_matches_as_the_alternation_it_replaces(text: str) -> None:
    scanner = KeywordScanner(GROUPS)
    for group, words in GROUPS.items():
        assert [(h.start(), h.end()) for h in scanner.finditer(group, text)] == regex_hits(words, text)


def test_a_group_with_its_own_boundary() -> None:
    scanner = KeywordScanner({"occasion": ["g20", "g20 summit", "apec"]}, boundaries={"occasion": "-"})
    text = "At the G20 summit, not a G20-style deal; APEC-led talks; the g20."
    found = [(h.start(), h.end(), h.group(0)) for h in scanner.finditer("occasion", text)]
    assert found == [(7, 17, "G20 summit"), (61, 64, "g20")]
    assert [(s, e) for s, e, _ in found] == regex_hits(["g20", "g20 summit", "apec"], text, "-")


def test_text_whose_lower_case_changes_length_falls_back_to_the_regex() -> None:
    scanner = KeywordScanner(GROUPS)
    text = "İstanbul: the President arrived."  # 'İ'.lower() is two characters
    assert [(h.start(), h.end()) for h in scanner.finditer("title", text)] == regex_hits(GROUPS["title"], text)


def test_an_empty_scanner_finds_nothing() -> None:
    assert KeywordScanner({"title": []}).finditer("title", "President") == []


def test_folded_onto_ascii_names_every_other_character_a_case_blind_letter_matches() -> None:
    letters = re.compile("(?i)[a-z]")
    others = "".join(chr(c) for c in range(0x80, 0x110000) if letters.fullmatch(chr(c)))
    assert others == FOLDED_ONTO_ASCII


WORDS = ["president", "prime minister", "premier", "king", "sultan", "counterpart", "vice president", "emir", "imam"]
# the letters that case-blind matching folds in odd ways, around the words' own letters
ODD_LETTERS = st.sampled_from(list("PpRrIiKkSsEe \n-") + list(FOLDED_ONTO_ASCII) + ["ẞ", "Å"])
# what case-blind matching reads as King, sultan and Imam
ODD_WORDS = ["\u212aing", "\u017fultan", "\u0130mam", "\u0131mam"]
TEXT = st.lists(
    st.one_of(st.sampled_from(WORDS + [w.upper() for w in WORDS] + [w.title() for w in WORDS] + ODD_WORDS), ODD_LETTERS)
)


@settings(PROPERTY, max_examples=300)
@given(st.permutations(WORDS), TEXT)
def test_an_alternation_by_first_letter_finds_what_the_plain_one_does(words: list[str], parts: list[str]) -> None:
    text = "".join(parts)
    plain = re.compile("(?i:" + "|".join(map(re.escape, words)) + ")")
    grouped = re.compile(alternation(words, ignore_case=True))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
    plain = re.compile("(?:" + "|".join(map(re.escape, words)) + ")")
    grouped = re.compile(alternation(words))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_an_alternation_keeps_the_order_of_its_words_within_a_letter() -> None:
    # leftmost-first: "prime" before "prime minister" stops at "prime", as the plain alternation does
    pattern = re.compile(alternation(["prime", "prime minister", "king"], ignore_case=True, space=r"\s+"))
    assert pattern.match("Prime  Minister").group(0) == "Prime"
    pattern = re.compile(alternation(["prime minister", "prime"], ignore_case=True, space=r"\s+"))
    assert pattern.match("Prime  Minister").group(0) == "Prime  Minister"
    assert alternation(["éminence", "king"], ignore_case=True) == "(?i:éminence|king)"  # not an ASCII letter


_SCANNED = st.lists(
    st.sampled_from(
        ["president", "the two", "both", "they", "prime minister", "g20", "_", "-", "x", "9", " ", "é", "."]
    )
)


@settings(PROPERTY, max_examples=300)
@given(_SCANNED)
def test_the_scanner_finds_what_the_alternations_find(parts: list[str]) -> None:
    text = "".join(parts)
    scanner = KeywordScanner({**GROUPS, "occasion": ["g20", "g20 summit"]}, boundaries={"occasion": "-"})
    for group, words in GROUPS.items():
        assert [(h.start(), h.end()) for h in scanner.finditer(group, text)] == regex_hits(words, text)
    expected = regex_hits(["g20", "g20 summit"], text, extra="-")
    assert [(h.start(), h.end()) for h in scanner.finditer("occasion", text)] == expected


@settings(PROPERTY, max_examples=300)
@given(st.lists(st.sampled_from(["Summit", "KING", "sIx", "\u212a", "\u0130", "\u0131", "\u017f", "Ü", " "])))
def test_lower_case_finds_what_a_case_blind_match_finds_where_case_blind_lower_gives_it(parts: list[str]) -> None:
    text = "".join(parts)
    low = case_blind_lower(text)
    for word in ("king", "six", "summit"):
        blind = [m.span() for m in re.finditer(word, text, re.I)]
        if low is not None:
            assert [m.span() for m in re.finditer(word, low)] == blind
    assert (case_blind_lower(text) is None) == (len(text.lower()) != len(text) or "\u0131" in text or "\u017f" in text)
