"""recognize/keywords.py: one automaton for many keyword groups, with the semantics of a regex alternation."""

from __future__ import annotations

import re

import pytest

from summitline.recognize.keywords import KeywordScanner

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
