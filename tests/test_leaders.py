"""recognize/leaders.py: leaders by name, by title and nationality, by pronoun and by plural reference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitline.kb import load_kb
from summitline.recognize.leaders import LeaderMention, leader_lexicon, recognize_leaders

from .properties import PROPERTY


def of_kind(text: str, kb, *kinds: str) -> list[LeaderMention]:
    return [m for m in recognize_leaders(text, kb) if m.kind in kinds]


def names(text: str, kb) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.text, m.ids) for m in of_kind(text, kb, "name")]


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, stated, ids",
    [
        ("Vladimir Putin met reporters in Moscow.", "Vladimir Putin", ("vladimir-putin",)),
        ("Putin met reporters in Moscow.", "Putin", ("vladimir-putin",)),
        ("Xi met reporters in Beijing.", "Xi", ("xi-jinping",)),
        ("Merkel's visit to Washington was her last.", "Merkel", ("angela-merkel",)),
        ("Bush greeted his guest.", "Bush", ("george-h-w-bush", "george-w-bush")),
        ("AMLO greeted his guest.", "AMLO", ("andres-manuel-lopez-obrador",)),  # an alias in capitals
    ],
)
def test_name_full_or_surname(kb, text: str, stated: str, ids: tuple[str, ...]) -> None:
    assert names(text, kb) == [(stated, ids)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Bush-Gorbachev summit in Malta", ["Bush", "Gorbachev"]),
        ("the first Xi-Putin meeting of the year", ["Xi", "Putin"]),
    ],
)
def test_hyphenated_pair_names_both_leaders(kb, text: str, expected: list[str]) -> None:
    assert [t for t, _ in names(text, kb)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The hosts of the G20 - Lula and Modi - spoke first.", ["Lula", "Modi"]),
        ("Members of the Quad - Biden, Kishida and Albanese - met in Tokyo.", ["Biden", "Kishida", "Albanese"]),
    ],
)
def test_a_spaced_dash_is_punctuation_not_a_name_joined_to_the_word_before(kb, text: str, expected: list[str]) -> None:
    assert [t for t, _ in names(text, kb)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "They were welcomed by the president and Laura Bush at the ranch.",
        "Guests met Jeb Bush in Florida.",
        pytest.param(
            "Laura Bush greeted the guests at the ranch.",
        ),
        pytest.param(
            "The ranch was quiet. Jeb Bush arrived at noon.",
        ),
    ],
)
def test_other_first_name_before_surname_is_not_the_leader(kb, text: str) -> None:
    assert names(text, kb) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("They met in May 2002 in Moscow.", []),
        ("Prime Minister May met Trump in London.", ["May", "Trump"]),
        ("Mrs May met Trump in London.", ["May", "Trump"]),
        pytest.param(
            "Mrs. May met Trump in London.",
            ["May", "Trump"],
        ),
    ],
)
def test_ambiguous_name_only_after_a_title(kb, text: str, expected: list[str]) -> None:
    assert [t for t, _ in names(text, kb)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prime Ministers Modi and Albanese spoke in Sydney.", ["Modi", "Albanese"]),
        ("Presidents Ruto and Museveni spoke in Kampala.", ["Ruto", "Museveni"]),
        ("Chancellors Kohl and Schmidt spoke in Bonn.", ["Kohl", "Schmidt"]),  # "Kohl" wants a title: plural too
        ("The Pressmen Modi and Albanese spoke.", ["Albanese"]),  # not a title's plural: someone else's name
    ],
)
def test_a_plural_title_before_names_is_a_title(kb, text: str, expected: list[str]) -> None:
    assert [t for t, _ in names(text, kb)] == expected


# --- titles --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, stated, country, kind",
    [
        ("Merkel met the U.S. president in Berlin.", "the U.S. president", "US", "title"),
        ("Bush met the Kremlin leader in Moscow.", "the Kremlin leader", "RU", "title"),
        ("Obama met the Russian president in Moscow.", "the Russian president", "RU", "title"),
        ("Putin called his US counterpart.", "his US counterpart", "US", "counterpart"),
        ("Trump met Britain's prime minister in London.", "Britain's prime minister", "GB", "title"),
        ("Trump met the President of France in Paris.", "President of France", "FR", "title"),
        pytest.param(
            "Biden met the president of Russia.",
            "president of Russia",
            "RU",
            "title",
        ),
    ],
)
def test_title_with_nationality(kb, text: str, stated: str, country: str, kind: str) -> None:
    found = of_kind(text, kb, "title", "counterpart")
    assert [(m.text, m.country, m.kind) for m in found] == [(stated, country, kind)]


@pytest.mark.parametrize(
    "text, offices",
    [
        ("Obama met the Russian president.", ("President",)),
        ("Obama met the Kremlin leader.", ("*",)),
        ("Obama met the Russian prime minister.", ("Prime Minister", "Premier", "Chancellor")),
    ],
)
def test_title_names_its_offices(kb, text: str, offices: tuple[str, ...]) -> None:
    assert of_kind(text, kb, "title")[0].offices == offices


def test_former_title_is_marked(kb) -> None:
    (m,) = of_kind("Obama met the former Soviet leader in Moscow.", kb, "title")
    assert (m.country, m.former) == ("SU", True)


@pytest.mark.parametrize(
    "text, stated, title",
    [
        ("Bush met then-Prime Minister Vladimir Putin in Moscow.", "Vladimir Putin", "then-Prime Minister"),
        ("Biden met Germany's former Chancellor Angela Merkel.", "Angela Merkel", "Germany's former Chancellor"),
        ("Merkel met U.S. President George W. Bush.", "George W. Bush", "U.S. President"),
    ],
)
def test_title_before_name_is_the_names_stated_title(kb, text: str, stated: str, title: str) -> None:
    found = of_kind(text, kb, "name", "title")
    named = [m for m in found if m.kind == "name" and m.text == stated]
    assert [m.kind for m in found].count("title") == 0
    assert named and named[0].title == title
    assert text[named[0].title_start : named[0].title_start + len(title)] == title


@pytest.mark.parametrize(
    "text",
    [
        "Medvedev was prime minister of Russia.",
        "Putin became president of Russia in 2000.",
        "Putin, who served as prime minister of Russia, spoke.",
    ],
)
def test_predicate_is_not_a_mention(kb, text: str) -> None:
    assert of_kind(text, kb, "title", "counterpart") == []


# --- plural references and pronouns --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, stated",
    [
        ("The two leaders met in Geneva.", "The two leaders"),
        ("They met in Geneva.", "They"),
        ("Both leaders spoke in Geneva.", "Both leaders"),
        ("The pair did not shake hands.", "The pair"),
    ],
)
def test_plural_reference(kb, text: str, stated: str) -> None:
    assert [m.text for m in of_kind(text, kb, "plural")] == [stated]


@pytest.mark.parametrize(
    "text, stated, count",
    [
        ("The three leaders met in Geneva.", "The three leaders", 3),
        ("Later the other four presidents left.", "the other four presidents", 4),
        ("The two prime ministers dined.", "The two prime ministers", 2),
        ("The Big Three met again.", "The Big Three", 3),
        ("In Paris the Normandy four met again.", "the Normandy four", 4),
    ],
)
def test_counted_reference_says_how_many(kb, text: str, stated: str, count: int) -> None:
    assert [(m.text, m.count) for m in of_kind(text, kb, "plural")] == [(stated, count)]


@pytest.mark.parametrize(
    "text, stated, office",
    [
        ("The prime minister then flew home.", "The prime minister", "prime minister"),
        ("He said the President's visit went well.", "the President", "president"),
        ("Later the chancellor spoke.", "the chancellor", "chancellor"),
    ],
)
def test_an_office_standing_alone_refers_back_to_its_holder(kb, text: str, stated: str, office: str) -> None:
    assert [(m.text, m.offices) for m in of_kind(text, kb, "pronoun") if m.offices] == [(stated, (office,))]


@pytest.mark.parametrize(
    "text", ["She met the president of Brazil.", "He became the prime minister in 2019.", "The President Hotel."]
)
def test_an_office_with_its_country_or_held_as_a_role_is_no_reference(kb, text: str) -> None:
    assert [m.text for m in of_kind(text, kb, "pronoun") if m.offices] == []


@pytest.mark.parametrize(
    "text",
    ["Talks filled the first two days.", "The Big Three powers had divided Europe.", "The five rings hung there."],
)
def test_a_number_of_other_things_is_no_reference(kb, text: str) -> None:
    assert [m.count for m in of_kind(text, kb, "plural")] == []


@pytest.mark.parametrize(
    "text, expected", [("He met her in Paris.", ["He", "her"]), ("She said his words.", ["She", "his"])]
)
def test_pronouns(kb, text: str, expected: list[str]) -> None:
    assert [m.text for m in of_kind(text, kb, "pronoun")] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Putin called his US counterpart.",
        pytest.param(
            "Putin called his counterpart.",
        ),
    ],
)
def test_counterpart_is_one_mention_not_also_a_pronoun(kb, text: str) -> None:
    found = recognize_leaders(text, kb)
    assert [m.kind for m in found] == ["name", "counterpart"]


def test_an_office_in_something_of_the_country_is_not_its_leadership(kb) -> None:
    text = "Jane Roe, leader of Canada's opposition Conservative Party, spoke."
    assert [m for m in recognize_leaders(text, kb) if m.kind == "title"] == []


def test_half_of_a_compound_adjective_is_no_leader(kb) -> None:
    """'Franco' is Francisco Franco's surname."""
    text = "They signed a treaty of Franco-German friendship; Franco ruled Spain."
    found = [(m.text, m.start) for m in recognize_leaders(text, kb) if m.kind == "name"]
    assert found == [("Franco", text.rindex("Franco"))]


def test_a_title_never_spans_a_line_break(kb) -> None:
    text = "May 26, 2011 – Deauville, France\n\nPresident-elect Petro Poroshenko met Vladimir Putin."
    assert [m.text for m in recognize_leaders(text, kb) if m.kind == "title"] == []


def test_a_word_in_capitals_is_a_name_only_when_an_alias_is_written_so(kb) -> None:
    assert names("PUTIN VISITS BEIJING", kb) == []


def test_kim_alone_is_a_korean_leader_only_where_the_text_names_him_in_full(kb) -> None:
    text = "Kim Jong Un met Trump. The Trump-Kim summit in Hanoi was short. Kim Yo Jong spoke later."
    found = [(m.text, m.ids) for m in of_kind(text, kb, "name")]
    assert ("Kim", ("kim-jong-un",)) in found  # the Kim named in full
    assert ("Trump", ("donald-trump",)) in found  # half of "Trump-Kim": a pair of leaders
    assert not any(m.start == text.index("Kim Yo") for m in of_kind(text, kb, "name"))  # someone else's name
    assert names("Kim met reporters.", kb) == []  # no full name: no one


def test_a_name_at_the_end_of_the_text_is_matched_on_the_words_there_are(kb) -> None:
    """Names are looked up from their first word with every length the knowledge base has for it; a length
    that runs past the last word must not match on the words left ("the King" is a title, not a name whose
    longer forms begin with "King")."""
    found = recognize_leaders("On his last day in Ottawa the visitor had talks with the King", kb)
    assert [(m.text, m.kind) for m in found if m.text.endswith("King")] == [("the King", "title")]
    found = recognize_leaders("In 1944 Roosevelt met William Lyon Mackenzie King", kb)
    assert [m.text for m in found if m.kind == "name"] == ["Roosevelt", "William Lyon Mackenzie King"]


_BEFORE_PIECES = st.sampled_from(
    [
        "President",
        "president",
        "Prime Minister",
        "PRIME  MINISTER",
        "Chancellor",
        "King",
        "Vice-President",
        "of",
        "the",
        "The",
        "former",
        "then",
        "U.S.",
        "Russia",
        "Russian",
        "Federation",
        ",",
        " ",
        "  ",
        "\n",
        "met",
        "’s",
    ]
)


@settings(PROPERTY, max_examples=400)
@given(st.lists(_BEFORE_PIECES, max_size=12))
def test_a_stated_title_is_only_looked_for_where_a_title_ends_the_stretch(pieces: list[str]) -> None:
    """The backwards check is a necessary condition of the stated-title pattern: it never turns away a
    stretch the pattern would match."""
    lex = leader_lexicon(load_kb())
    for before in (" ".join(pieces) + " ", "".join(pieces)):
        if lex.stated_title_re.search(before):
            assert lex.title_at_end_re.match(before[::-1])


_GROUP_PIECES = st.sampled_from(
    ["the", "The", "THE", "xthe", "two", "three", "Big", "Three", "leaders", "prime minister", "President", "-",
     "met", " ", "  ", "\n", ",", "Normandy", "four", "presidents", "ſ", "ı"]
)  # fmt: skip


@settings(PROPERTY, max_examples=300)
@given(st.lists(_GROUP_PIECES, max_size=12))
def test_patterns_that_open_with_the_find_what_they_find_with_a_word_boundary_first(pieces: list[str]) -> None:
    import re

    from summitline.recognize import leaders

    for text in (" ".join(pieces), "".join(pieces)):
        for pattern in (leaders._BARE_OFFICE, leaders._COUNTED_GROUP):
            inner = pattern.pattern[len("[Tt](?<!\\w.)(?i:") : -1]  # "he\s+…"
            plain = re.compile(r"\b[Tt]" + inner, re.I)  # the form with the boundary first
            assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [
                (m.span(), m.groups()) for m in plain.finditer(text)
            ]
