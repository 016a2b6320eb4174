"""recognize/dates.py: dates at every precision and form, with their spans."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from summitline.recognize.dates import DateMention, recognize_dates, resolve_weekday

from .properties import PROPERTY

PUBLISHED = date(2021, 7, 16)  # a Friday


def one(text: str, published: date | None = None) -> DateMention:
    found = recognize_dates(text, published)
    assert len(found) == 1, found
    return found[0]


# --- explicit dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, stated, iso, precision",
    [
        ("Putin hosted Clinton on June 4, 2000 in Moscow.", "June 4, 2000", "2000-06-04", "day"),
        ("They met at the UN on Sept. 7, 2000.", "Sept. 7, 2000", "2000-09-07", "day"),
        ("They met in Ljubljana in June 2001.", "June 2001", "2001-06", "month"),
        ("They met in Osaka in June of 2019.", "June of 2019", "2019-06", "month"),
        ("The summit in Moscow took place on 14 November, 2022.", "14 November, 2022", "2022-11-14", "day"),
        ("(APP - Islamabad - 14th May, 2024)", "14th May, 2024", "2024-05-14", "day"),
        ("date 2000-06-04", "2000-06-04", "2000-06-04", "day"),
    ],
)
def test_explicit_date(text: str, stated: str, iso: str, precision: str) -> None:
    d = one(text)
    assert (d.text, d.iso, d.precision, d.kind) == (stated, iso, precision, "explicit")
    assert text[d.start : d.end] == stated


@pytest.mark.parametrize(
    "text, iso",
    [
        ("The G8 met at Heiligendamm on July 1-2, 2007.", "2007-07-01/2007-07-02"),
        ("Reagan and Gorbachev met in Geneva, Nov. 19-21, 1985.", "1985-11-19/1985-11-21"),
        ("Yeltsin visited Beijing April 28-May 2, 1994.", "1994-04-28/1994-05-02"),
        ("The Geneva summit of 19-21 November 1985 broke the ice.", "1985-11-19/1985-11-21"),
    ],
)
def test_span(text: str, iso: str) -> None:
    d = one(text)
    assert (d.precision, d.iso) == ("span", iso)


@pytest.mark.parametrize(
    "text",
    [
        "Putin visited Washington in 2005.",
        "2005: Bush and Putin meet in Bratislava.",
        "Timeline\n2005: Bush and Putin meet in Bratislava.",
        "- 2005: Bush and Putin meet in Bratislava.",
        "Relations have cooled since 2014.",
    ],
)
def test_bare_year_after_preposition_or_at_line_start(text: str) -> None:
    d = one(text)
    assert d.precision == "year" and d.iso == text[d.start : d.end]


@pytest.mark.parametrize(
    "text",
    [
        "Russia interfered in the 2016 U.S. presidential election.",
        "Relations soured in the 1990s.",
        "The 1990s were a decade of summits.",
        "He served from 2000-2008 as president.",
        pytest.param(
            "A 2016 poll showed little trust in Putin.",
        ),
    ],
)
def test_attributive_year_or_decade_is_not_a_date(text: str) -> None:
    assert recognize_dates(text) == []


def test_year_after_since_is_marked_as_reference_point() -> None:
    assert one("Relations have cooled since 2014.").after is True


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "They met on February 30, 2001.",
        ),
        pytest.param(
            "They met on June 31, 2001.",
        ),
        "They met on 2001-02-30.",
    ],
)
def test_invalid_date_gives_nothing(text: str) -> None:
    assert recognize_dates(text) == []


def test_weekday_before_explicit_date_gives_one_mention() -> None:
    d = one("On Sunday, April 6, 2008, Bush and Putin met in Sochi.")
    assert (d.text, d.iso) == ("April 6, 2008", "2008-04-06")


# --- partial dates -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, month, day", [("July 28 - by phone", 7, 28), ("on Sept. 9 they spoke", 9, 9)])
def test_partial_date_has_no_year(text: str, month: int, day: int) -> None:
    d = one(text)
    assert (d.kind, d.first, d.month, d.day) == ("partial", None, month, day)


def test_with_year_completes_a_partial_date() -> None:
    d = one("July 28 - by phone").with_year(2021)
    assert (d.iso, d.first, d.last) == ("2021-07-28", date(2021, 7, 28), date(2021, 7, 28))


def test_with_year_keeps_an_impossible_day_partial() -> None:
    d = one("February 29 - by phone")
    assert d.with_year(2021).first is None and d.with_year(2020).iso == "2020-02-29"


# --- relative dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, iso, precision",
    [
        ("They spoke last month.", PUBLISHED, "2021-06", "month"),
        ("They spoke last month.", date(2021, 1, 10), "2020-12", "month"),
        ("They first met 17 years ago.", PUBLISHED, "2004", "year"),
        ("They first met two years ago.", PUBLISHED, "2019", "year"),
        ("Merkel visits Washington this week.", PUBLISHED, "2021-07-12/2021-07-18", "span"),
        ("They met yesterday.", PUBLISHED, "2021-07-15", "day"),
        ("They met this afternoon.", PUBLISHED, "2021-07-16", "day"),  # wire copy dates its news by parts of days
        ("Today's talks were long.", PUBLISHED, "2021-07-16", "day"),
        ("They dined together last night.", PUBLISHED, "2021-07-15", "day"),
        ("They will speak again tonight.", PUBLISHED, "2021-07-16", "day"),
        ("They will meet next year.", PUBLISHED, "2022", "year"),
    ],
)
def test_relative_date_against_publication(text: str, published: date, iso: str, precision: str) -> None:
    d = one(text, published)
    assert (d.kind, d.precision, d.iso) == ("relative", precision, iso)


@pytest.mark.parametrize("text", ["They spoke last month.", "They first met 17 years ago.", "They met yesterday."])
def test_relative_date_needs_publication(text: str) -> None:
    assert recognize_dates(text, None) == []


@pytest.mark.parametrize(
    "text, iso",
    [
        ("They met in 2005, and again the following year.", "2006"),
        ("They met in June 2001; the previous year they had only spoken.", "2000"),
        ("They met in 2005 and again later the same year.", "2005"),
        pytest.param(
            "They met in 2005, and again the next year.",
            "2006",
        ),
    ],
)
def test_following_year_counts_from_the_explicit_year(text: str, iso: str) -> None:
    last = recognize_dates(text, PUBLISHED)[-1]
    assert (last.kind, last.iso) == ("chained", iso)


def test_following_year_without_an_earlier_year_gives_nothing() -> None:
    assert recognize_dates("The following year they met again.", PUBLISHED) == []


# --- weekdays ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, weekday", [("They will meet on Monday.", 0), ("They met last Friday.", 4)])
def test_weekday_is_relative_without_a_date(text: str, weekday: int) -> None:
    d = one(text)
    assert (d.kind, d.weekday, d.first) == ("relative", weekday, None)


@pytest.mark.parametrize(
    "published, future, expected",
    [
        (date(2017, 7, 6), True, date(2017, 7, 7)),  # Thursday: the coming Friday
        (date(2017, 7, 6), False, date(2017, 6, 30)),  # Thursday: the Friday before
        (date(2017, 7, 7), False, date(2017, 7, 7)),  # a Friday: that day
        (date(2017, 7, 7), True, date(2017, 7, 7)),
    ],
)
def test_resolve_weekday(published: date, future: bool, expected: date) -> None:
    d = resolve_weekday(one("on Friday"), published, future)
    assert (d.first, d.last, d.iso) == (expected, expected, expected.isoformat())


# --- DateMention.iso -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first, last, precision, iso",
    [
        (date(2005, 1, 1), date(2005, 12, 31), "year", "2005"),
        (date(2001, 6, 1), date(2001, 6, 30), "month", "2001-06"),
        (date(2000, 6, 4), date(2000, 6, 4), "day", "2000-06-04"),
        (date(1985, 11, 19), date(1985, 11, 21), "span", "1985-11-19/1985-11-21"),
    ],
)
def test_iso_for_each_precision(first: date, last: date, precision: str, iso: str) -> None:
    assert DateMention(0, 4, "x", first, last, precision).iso == iso


@pytest.mark.parametrize(
    "text, month, day",
    [
        ("They met on June 8. Four days later, they met again.", 6, 12),
        ("The talks opened on 27 February. Two days later the leaders signed.", 3, 1),
        ("A summit on 29 February. A week later, a call.", 3, 7),
        ("The visit ended on March 3. Two days earlier, they had dined together.", 3, 1),
    ],
)
def test_a_counted_shift_from_a_day_without_a_year_is_a_day_without_a_year(text: str, month: int, day: int) -> None:
    shifted = [d for d in recognize_dates(text, None) if d.text.endswith(("later", "earlier"))]
    assert [(d.kind, d.first, d.month, d.day) for d in shifted] == [("partial", None, month, day)]


@pytest.mark.parametrize(
    "text, words, iso",
    [
        ("The conference ran from March 2 to March 9, 1951.", "March 2 to March 9, 1951", "1951-03-02/1951-03-09"),
        ("They talked from Oct. 12 to 14, 2016, in Goa.", "Oct. 12 to 14, 2016", "2016-10-12/2016-10-14"),
        ("The state visit lasted from 8 to 10 July 2008.", "8 to 10 July 2008", "2008-07-08/2008-07-10"),
        ("Talks were held between 29 June and 1 July 1999.", "29 June and 1 July 1999", "1999-06-29/1999-07-01"),
        ("From May 30 until June 2, 2022, the pair toured.", "May 30 until June 2, 2022", "2022-05-30/2022-06-02"),
        ("The forum met from April 5 through 7, 2021.", "April 5 through 7, 2021", "2021-04-05/2021-04-07"),
    ],
)
def test_a_range_told_in_words_is_one_span(text: str, words: str, iso: str) -> None:
    (found,) = recognize_dates(text, None)
    assert (found.text, found.iso, found.precision) == (words, iso, "span")


@pytest.mark.parametrize(
    "text, words, month, day, day2",
    [
        ("The envoys stayed from Nov. 3 to Nov. 6.", "Nov. 3 to Nov. 6", 11, 3, 6),
        ("Talks are planned between 14 and 16 August.", "14 and 16 August", 8, 14, 16),
    ],
)
def test_a_range_without_a_year_waits_for_its_year(text: str, words: str, month: int, day: int, day2: int) -> None:
    (found,) = recognize_dates(text, None)
    assert (found.text, found.kind, found.month, found.day, found.day2) == (words, "partial", month, day, day2)


@pytest.mark.parametrize(
    "text, dates",
    [
        ("They met from Aug. 30 to Sept. 2.", ["Aug. 30", "Sept. 2"]),  # two months and no year: each day alone
        ("The office is open from June 3 to 5 p.m.", ["June 3"]),  # a time of day, not a day
        ("Scores rose from 12 to 31 in May 2019.", ["May 2019"]),  # no month after the first number
        ("Prices went from 3 to 5 percent on May 4, 2020.", ["May 4, 2020"]),
    ],
)
def test_what_is_no_range(text: str, dates: list[str]) -> None:
    assert [d.text for d in recognize_dates(text, None)] == dates


@pytest.mark.parametrize(
    "text, words, iso",
    [
        (
            "The emir toured from 6 to 9 March 2017; on the first evening he dined.",
            "on the first evening",
            "2017-03-06",
        ),
        ("The forum ran from Oct. 2 to 4, 2019. On the final day, the two met.", "On the final day", "2019-10-04"),
        (
            "He stayed from 1 to 3 May 2022 and, on the second day of his visit, met her.",
            "on the second day",
            "2022-05-02",
        ),
    ],
)
def test_a_day_of_the_span_told_before(text: str, words: str, iso: str) -> None:
    (day,) = [d for d in recognize_dates(text, None) if d.text == words]
    assert (day.iso, day.kind) == (iso, "chained")


@pytest.mark.parametrize(
    "text",
    [
        "The forum ran from Oct. 2 to 4, 2019. On the first day of the Olympics, they met.",  # a span of its own
        "They met on Oct. 2, 2019. On the final day, they left.",  # no span before
        "The talks ran from 2 to 3 May 2022; on the third day, nothing.",  # past the span's end
        "The talks ran from 2 to 4 May 2022.\n\nOn the final day of the season, the team won.",
    ],
)
def test_no_day_of_a_span_without_that_span(text: str) -> None:
    assert [d for d in recognize_dates(text, None) if d.kind == "chained"] == []


@pytest.mark.parametrize(
    "text, shift",
    [
        ("The envoys arrived on Monday and three days later the leaders met.", 3),
        ("They spoke on Friday. A week later, the two men met in Oslo.", 7),
        ("She landed on Sunday; two days earlier she had called him.", -2),
    ],
)
def test_a_counted_shift_from_a_weekday_waits_for_the_weekday(text: str, shift: int) -> None:
    """A weekday is resolved against the publication date later: the shift counts from it then."""
    found = recognize_dates(text, date(2024, 5, 20))
    (weekday,) = [d for d in found if d.weekday is not None]
    (shifted,) = [d for d in found if d.text.endswith(("later", "earlier"))]
    assert (shifted.kind, shifted.anchor, shifted.shift, shifted.first) == ("offset", weekday.start, shift, None)


def test_a_counted_shift_from_yesterday_is_a_day() -> None:
    found = recognize_dates("The pair met yesterday, and two days later they will speak again.", date(2024, 5, 20))
    (shifted,) = [d for d in found if d.text == "two days later"]
    assert (shifted.iso, shifted.kind) == ("2024-05-21", "chained")


def test_a_day_stated_after_the_weekday_is_what_a_shift_counts_from() -> None:
    found = recognize_dates("On Monday the talks began; on May 2, 2024 they ended, and four days later he left.", None)
    (shifted,) = [d for d in found if d.text == "four days later"]
    assert (shifted.iso, shifted.kind) == ("2024-05-06", "chained")


@pytest.mark.parametrize(
    "text, shifted, iso",
    [
        ("They met in 1985 and again two years later.", "two years later", "1987"),
        ("The pact was signed in 2001; a year earlier the talks had failed.", "a year earlier", "2000"),
        ("They dined in May 1985 and met again three months later.", "three months later", "1985-08"),
        ("A call on 20 November 1990, then a visit two months later.", "two months later", "1991-01"),
    ],
)
def test_months_and_years_counted_from_the_date_before(text: str, shifted: str, iso: str) -> None:
    (d,) = [d for d in recognize_dates(text, None) if d.text == shifted]
    assert (d.iso, d.kind) == (iso, "chained")


def test_months_counted_from_a_year_are_no_date() -> None:
    found = recognize_dates("They met in 1985 and again six months later.", None)
    assert [d.text for d in found] == ["1985"]


def test_n_days_after_an_event_counts_back_from_the_date_before_it() -> None:
    text = "They spoke on June 12, 2024, four days after meeting in Rome."
    (shifted,) = [d for d in recognize_dates(text, None) if d.text.startswith("four days")]
    assert (shifted.first, shifted.kind) == (date(2024, 6, 8), "chained")


def test_n_days_after_an_event_waits_for_its_weekday_to_be_resolved() -> None:
    text = "They spoke on Tuesday, two weeks before visiting Rome."
    (shifted,) = [d for d in recognize_dates(text, date(2024, 6, 14)) if d.text.startswith("two weeks")]
    assert (shifted.kind, shifted.shift, shifted.first) == ("offset", 14, None)
    assert text[shifted.anchor or 0 :].startswith("on Tuesday")


@pytest.mark.parametrize("text", ["Today's era is not one of war.", "He spoke of tomorrow's world."])
def test_the_present_in_general_is_no_date(text: str) -> None:
    assert recognize_dates(text, PUBLISHED) == []


@pytest.mark.parametrize(
    "text, iso",
    [
        ("They met on 14/07/2023 in Paris.", "2023-07-14"),
        ("They met on 14.07.2023.", "2023-07-14"),
        ("They met on 7/14/2023.", "2023-07-14"),  # only the month-first reading is a date
    ],
)
def test_numeric_dates_that_can_be_read_one_way(text: str, iso: str) -> None:
    assert [d.first.isoformat() for d in recognize_dates(text, PUBLISHED) if d.first] == [iso]


@pytest.mark.parametrize("text", ["They met on 03/04/2023.", "Version 3.5/10/2023 is out."])
def test_numeric_dates_that_can_be_read_two_ways_or_are_no_dates_give_none(text: str) -> None:
    assert [d for d in recognize_dates(text, PUBLISHED) if d.precision == "day"] == []


# --- patterns tried only near their anchors ---------------------------------------------------------------

_PHRASES = [
    "two days later",
    "Three weeks earlier",
    "a day later",
    "the next day",
    "the following morning",
    "the night before",
    "the day after",
    "10 days afterwards",
    "four days after meeting",
    "a week before talks",
    "the following year",
    "that summer",
    "later that autumn",
    "The previous winter",
    "the following March",
    "the next Sept.",
    "last May",
    "this December",
    "next Jan.",
    "on Monday",
    "last Friday",
    "next Sunday",
    "this Wednesday",
    "last month",
    "earlier this week",
    "later this year",
    "the last year",
    "two years ago",
    "10 years ago",
    "yesterday",
    "today's talks",
    "today's world",
    "Tonight",
    "last night",
    "this morning",
    "this afternoon",
    "six months later",
    "a year earlier",
    "an hour later",
    "Mayday",
    "Sundays",
    "yearly",
    "agony",
    "nightly",
]


def _texts() -> list[str]:
    import random

    rng = random.Random(7)
    fillers = ["the leaders met", "in Lusaka,", "and", "she said.", "\n\n", "—", "(", ")", "'s", "show", "programme"]
    texts = [" ".join(_PHRASES)]
    for _ in range(300):
        words = rng.choices(_PHRASES + fillers, k=rng.randint(1, 40))
        texts.append(rng.choice(["", " ", "x"]).join(words))
    return texts


def _assert_anchored_scans_match(texts: list[str]) -> None:
    from summitline.recognize import dates

    anchored = [v for v in vars(dates).values() if isinstance(v, dates._Anchored)]
    assert len(anchored) >= 10
    for pattern in anchored:
        for text in texts:
            for t in (text, text.lower()):
                expected = [m.span() for m in pattern.pattern.finditer(t)]
                assert [m.span() for m in pattern.finditer(t)] == expected, (pattern.pattern.pattern, t[:200])


def test_anchored_patterns_find_what_a_scan_of_the_whole_text_finds() -> None:
    _assert_anchored_scans_match(_texts())


def test_anchored_patterns_on_every_corpus_text(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    texts = [
        p.read_text(encoding="utf-8") for folder in ("dev", "dev2", "dev3") for p in (corpus / folder).glob("*.txt")
    ]
    assert len(texts) > 20
    _assert_anchored_scans_match(texts + [(shared_dir / "seeds" / "000_a39ee73e12a900c8.txt").read_text()])


# the words the case-blind anchors look for, in every case, with the letters lower() does not fold as a
# case-blind match does (dotless i, long s, dotted capital I)
_RELATIVE_WORDS = st.sampled_from(
    "the next following last this month week year years ago day days tomorrow night morning afternoon "
    "evening later earlier afterwards two three Sept May June Jan 2019 in on met , . ı ſ İ K".split()
)
_RELATIVE_TEXT = st.lists(st.tuples(_RELATIVE_WORDS, st.sampled_from(["lower", "upper", "title"])), max_size=30).map(
    lambda ws: " ".join(getattr(w, case)() for w, case in ws)
)


@settings(PROPERTY, max_examples=300)
@given(_RELATIVE_TEXT)
def test_anchors_found_in_lower_case_find_what_case_blind_anchors_find(text: str) -> None:
    import summitline.recognize.dates as dates

    fast = recognize_dates(text, date(2020, 6, 15))
    original = dates._lower_cased
    dates._lower_cased = lambda _text: None  # every anchor found by its case-blind pattern
    try:
        slow = recognize_dates(text, date(2020, 6, 15))
    finally:
        dates._lower_cased = original
    assert fast == slow


def test_a_text_with_a_dotless_i_is_read_with_the_case_blind_anchors() -> None:
    # "nıght" is "night" to a case-blind match, not to a scan of the lower-cased text
    found = recognize_dates("They spoke last nıght.", date(2020, 6, 15))
    assert [d.text for d in found] == ["last nıght"]


_DATE_PIECES = st.sampled_from(
    ["May", "June", "Sept.", "Dec", "Mar", "xMay", "_June", "4", "12", "31", "2019", "1999", "-", "–", ",", " ",
     "and", "of", "in", "that", "mid", "Christmas Day", "x", "/", ".", "07", "d-", "a-", "st", "th", "'s", "s", "1",
     "from", "From", "between", "xfrom", "to", "until", "p.m."]
)  # fmt: skip


def _plain_patterns() -> dict[str, str]:
    """The date patterns as they read with a word boundary or lookbehind first: what the patterns that open
    with their first characters must find."""
    import summitline.recognize.dates as dates

    mon, day, year, dash = dates._MON, dates._DAY, dates._YEAR, dates._DASH
    holidays = "|".join(re.escape(h) for h in dates.HOLIDAYS)
    lead, to = r"\b(?:from|From|between|Between)\s(?P<at>)", dates._TO
    return {
        "fmdmdy": rf"{lead}{mon.format('m1')}\s{day.format('d1')}{to}{mon.format('m2')}\s{day.format('d2')},?\s"
        rf"{year.format('y')}\b",
        "fmddy": rf"{lead}{mon.format('m1')}\s{day.format('d1')}{to}{day.format('d2')},?\s{year.format('y')}\b",
        "fdmdmy": rf"{lead}{day.format('d1')}\s{mon.format('m1')}{to}{day.format('d2')}\s{mon.format('m2')},?\s"
        rf"{year.format('y')}\b",
        "fddmy": rf"{lead}{day.format('d1')}{to}{day.format('d2')}\s{mon.format('m1')},?\s{year.format('y')}\b",
        "fmdmd": rf"{lead}{mon.format('m1')}\s{day.format('d1')}{to}(?:{mon.format('m2')}\s)?{day.format('d2')}\b"
        r"(?![,.]?\s?\d)(?!\s?[ap]\.?m\b)",
        "fddm": rf"{lead}{day.format('d1')}(?:\s{mon.format('m1')})?{to}{day.format('d2')}\s{mon.format('m2')}\b"
        r"(?![\s.,]*\d)",
        "mdmdy": rf"\b{mon.format('m1')}\s{day.format('d1')}{dash}{mon.format('m2')}\s{day.format('d2')},?\s"
        rf"{year.format('y')}\b",
        "mdandy": rf"\b{mon.format('m1')}\s{day.format('d1')}\sand\s{day.format('d2')},?\s{year.format('y')}\b",
        "holiday": rf"\b(?P<h>{holidays}),?\s(?:of\s)?{year.format('y')}\b",
        "mddy": rf"\b{mon.format('m1')}\s{day.format('d1')}{dash}{day.format('d2')},?\s{year.format('y')}\b",
        "ddmy": rf"\b{day.format('d1')}{dash}{day.format('d2')}\s{mon.format('m1')},?\s{year.format('y')}\b",
        "mdy": rf"\b{mon.format('m1')}\s{day.format('d1')},?\s{year.format('y')}\b",
        "dmy": rf"\b{day.format('d1')}\s(?:of\s)?{mon.format('m1')},?\s{year.format('y')}\b",
        "iso": r"\b(?P<y>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b",
        "num": r"(?<![\d/.])(?P<a>[0-3]?\d)([/.])(?P<b>[01]?\d)\2(?P<y>(?:19|20)\d\d)(?![\d/.]\d)",
        "my": rf"\b{mon.format('m1')},?\s(?:of\s)?{year.format('y')}\b",
        "mdand": rf"\b{mon.format('m1')}\s{day.format('d1')}\sand\s{day.format('d2')}\b(?![,.]?\s?\d)",
        "md": rf"\b{mon.format('m1')}\s{day.format('d1')}\b(?![,.]?\s?\d)",
        "m": rf"\b(?:in|that|by|early|late|since|until|mid)[\s-]{mon.format('m1')}(?![\s.,]*\d)",
        "dm": rf"\b{day.format('d1')}\s{mon.format('m1')}\b(?![\s.,]*\d)",
        "y": rf"(?<![\d/.])(?<![^d]-){year.format('y')}(?!\s?[-–]\s?\d)(?![\d/%]|s\b|'s\b)",
    }


@settings(PROPERTY, max_examples=400)
@given(st.lists(_DATE_PIECES, max_size=16), st.integers(min_value=0, max_value=8))
@example(["x", "x", "a-", "1999"], 0)  # a year after a hyphen: a range's end, not a year
@example([",", ",", ",", ",", "4", "1", " ", "May"], 0)  # no day 41
@example([",", ",", ",", ",", "3", "1", "st", " ", "May", " ", "2019"], 0)
def test_date_patterns_find_what_they_find_with_a_word_boundary_first(pieces: list[str], pos: int) -> None:
    import summitline.recognize.dates as dates

    text = " ".join(pieces[: len(pieces) // 2]) + "".join(pieces[len(pieces) // 2 :])
    plain = _plain_patterns()
    assert set(plain) == {kind for kind, _ in dates._PATTERNS}
    for kind, pattern in dates._PATTERNS:
        expected = [(m.span(), m.groups()) for m in re.compile(plain[kind]).finditer(text[:40] + text, pos)]
        assert [(m.span(), m.groups()) for m in pattern.finditer(text[:40] + text, pos)] == expected, kind


@pytest.mark.parametrize(
    ("text", "published", "future", "expected"),
    [
        ("Scholz hosted Macron in Hamburg over the weekend.", date(2023, 10, 9), False, (date(2023, 10, 7), 1)),
        ("They talked at the weekend.", date(2023, 10, 11), False, (date(2023, 10, 7), 1)),
        ("They met last weekend.", date(2023, 10, 10), False, (date(2023, 10, 7), 1)),
        ("Sunak will meet Biden this weekend.", date(2023, 6, 7), True, (date(2023, 6, 10), 1)),
    ],
)
def test_a_weekend_is_the_saturday_and_sunday_nearest_publication(
    text: str, published: date, future: bool, expected: tuple[date, int]
) -> None:
    found = one(text, published)
    assert (found.precision, found.weekday) == ("span", 5)
    resolved = resolve_weekday(found, published, future)
    assert resolved.first == expected[0]
    assert resolved.last is not None and (resolved.last - expected[0]).days == expected[1]


def test_weekend_as_a_modifier_is_no_date() -> None:
    assert recognize_dates("The weekend talks ran long.", date(2023, 10, 9)) == []


@pytest.mark.parametrize(
    ("text", "month"),
    [("In September, Merkel met Xi.", 9), ("2019: In March, the two met again.", 3), ("Early June saw talks.", 6)],
)
def test_a_month_alone_opening_a_sentence_is_a_date(text: str, month: int) -> None:
    [found] = [d for d in recognize_dates(text) if d.precision == "month"]
    assert (found.kind, found.month) == ("partial", month)


def test_may_opening_a_name_is_still_no_month() -> None:
    assert recognize_dates("In May Theresa May met Trump.") == []
