"""Dates at every precision, with their spans: explicit, partial (no year) and relative.

``recognize_dates(text, published)`` returns :class:`DateMention` objects. A
partial date ("July 28") or a relative one ("on Monday", "last month",
"17 years ago") is resolved later or here against the publication date; a
mention never claims more precision than its words give.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from .keywords import case_blind_lower, word_start_first
from .numbers import count_of
from .spans import SpanSet

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
HOLIDAYS = {"Christmas Day": (12, 25), "Christmas Eve": (12, 24), "New Year's Day": (1, 1),
            "New Year’s Day": (1, 1), "New Year's Eve": (12, 31), "New Year’s Eve": (12, 31),
            "Bastille Day": (7, 14), "Valentine's Day": (2, 14)}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = r"(?P<{0}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![A-Za-z]|-[A-Za-z])"  # noqa: E501


# the same as ``\b`` + ``_MON``, for a pattern that opens with the month
_MON_OPENING = (
    "(?P<{0}>" + word_start_first(_MON[len("(?P<{0}>") : _MON.index(")\\.?")].split("|")) + _MON[_MON.index(")\\.?") :]
)
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
# the same as ``\b`` + ``_DAY`` for a pattern that opens with the day: its first digit, the boundary before
# it, then a second digit after a first one of 0-3 (tried before none, as ``[0-3]?\d`` tries them)
_DAY_OPENING = r"(?P<{0}>\d(?<!\w\d)(?:(?<=[0-3])\d)?)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
# the same as ``\b`` + ``_YEAR``, for a pattern that opens with the year
_YEAR_OPENING = rf"(?P<{{0}}>(?:{word_start_first(['19', '20'])})\d\d)"
_DASH = r"\s?[-–—]\s?"


def _g(pattern: str, name: str) -> str:
    return pattern.format(name)


# "from June 3 to 5", "between 3 and 5 June": a range told in words, its lead word left out of the mention
# (``(?P<at>)`` marks where the date begins)
_FROM = rf"(?:{word_start_first(['from', 'From', 'between', 'Between'])})\s(?P<at>)"
_TO = r"\s(?:to|until|till|through|and)\s"
# the kinds of ``_PATTERNS`` that tell a range in words, and the first of them with no year
_RANGE_KINDS = ("fmdmdy", "fmddy", "fdmdmy", "fddmy", "fmdmd", "fddm")
_RANGE_PARTIAL = ("fmdmd", "fddm")
# kinds whose match, when it is no date, does not block the year or numbers inside it ("February 30, 2001"
# blocks them)
_PARTIAL_KINDS = frozenset(("y", "m", "md", "mdand", "dm") + _RANGE_KINDS)

_MONTH_LEADS = "in that by early late since until mid".split()  # the words that make a month alone a date

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # from Feb. 4 to Feb. 11, 1945 / between April 28 and May 2, 1994
    (
        "fmdmdy",
        re.compile(
            rf"{_FROM}{_g(_MON, 'm1')}\s{_g(_DAY, 'd1')}{_TO}{_g(_MON, 'm2')}\s{_g(_DAY, 'd2')},?\s{_g(_YEAR, 'y')}\b"
        ),
    ),
    # from Feb. 4 to 11, 1945
    ("fmddy", re.compile(rf"{_FROM}{_g(_MON, 'm1')}\s{_g(_DAY, 'd1')}{_TO}{_g(_DAY, 'd2')},?\s{_g(_YEAR, 'y')}\b")),
    # from 28 April to 2 May 1994
    (
        "fdmdmy",
        re.compile(
            rf"{_FROM}{_g(_DAY, 'd1')}\s{_g(_MON, 'm1')}{_TO}{_g(_DAY, 'd2')}\s{_g(_MON, 'm2')},?\s{_g(_YEAR, 'y')}\b"
        ),
    ),
    # from 4 to 11 February 1945
    ("fddmy", re.compile(rf"{_FROM}{_g(_DAY, 'd1')}{_TO}{_g(_DAY, 'd2')}\s{_g(_MON, 'm1')},?\s{_g(_YEAR, 'y')}\b")),
    # from June 3 to 5, from June 3 to June 5 (year from context; one month only)
    (
        "fmdmd",
        re.compile(
            rf"{_FROM}{_g(_MON, 'm1')}\s{_g(_DAY, 'd1')}{_TO}(?:{_g(_MON, 'm2')}\s)?{_g(_DAY, 'd2')}\b"
            r"(?![,.]?\s?\d)(?!\s?[ap]\.?m\b)"
        ),
    ),
    # from 3 to 5 June, between 3 June and 5 June (year from context; one month only)
    (
        "fddm",
        re.compile(
            rf"{_FROM}{_g(_DAY, 'd1')}(?:\s{_g(_MON, 'm1')})?{_TO}{_g(_DAY, 'd2')}\s{_g(_MON, 'm2')}\b(?![\s.,]*\d)"
        ),
    ),
    # April 28-May 2, 1994
    (
        "mdmdy",
        re.compile(
            rf"{_g(_MON_OPENING, 'm1')}\s{_g(_DAY, 'd1')}{_DASH}{_g(_MON, 'm2')}\s{_g(_DAY, 'd2')},?\s"
            rf"{_g(_YEAR, 'y')}\b"
        ),
    ),
    # Nov. 19 and 20, 1985
    ("mdandy", re.compile(rf"{_g(_MON_OPENING, 'm1')}\s{_g(_DAY, 'd1')}\sand\s{_g(_DAY, 'd2')},?\s{_g(_YEAR, 'y')}\b")),
    # Christmas Day 1991
    (
        "holiday",
        re.compile(rf"(?P<h>{word_start_first([re.escape(h) for h in HOLIDAYS])}),?\s(?:of\s)?{_g(_YEAR, 'y')}\b"),
    ),
    # Dec. 7-10, 1987
    ("mddy", re.compile(rf"{_g(_MON_OPENING, 'm1')}\s{_g(_DAY, 'd1')}{_DASH}{_g(_DAY, 'd2')},?\s{_g(_YEAR, 'y')}\b")),
    # 19-21 November 1985
    ("ddmy", re.compile(rf"{_g(_DAY_OPENING, 'd1')}{_DASH}{_g(_DAY, 'd2')}\s{_g(_MON, 'm1')},?\s{_g(_YEAR, 'y')}\b")),
    # June 4, 2000 / Nov. 14, 2001 / June 4 2000
    ("mdy", re.compile(rf"{_g(_MON_OPENING, 'm1')}\s{_g(_DAY, 'd1')},?\s{_g(_YEAR, 'y')}\b")),
    # 14 November, 2022 / 14th May, 2024
    ("dmy", re.compile(rf"{_g(_DAY_OPENING, 'd1')}\s(?:of\s)?{_g(_MON, 'm1')},?\s{_g(_YEAR, 'y')}\b")),
    # 2000-06-04
    ("iso", re.compile(rf"{_g(_YEAR_OPENING, 'y')}-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b")),
    # 14/07/2023, 14.07.2023, 7/14/2023: the day first unless only the month-first reading is a date
    (
        "num",
        re.compile(r"(?P<a>\d(?<![\d/.]\d)(?:(?<=[0-3])\d)?)([/.])(?P<b>[01]?\d)\2(?P<y>(?:19|20)\d\d)(?![\d/.]\d)"),
    ),
    # June 2001 / June of 2019
    ("my", re.compile(rf"{_g(_MON_OPENING, 'm1')},?\s(?:of\s)?{_g(_YEAR, 'y')}\b")),
    # Nov. 19 and 20 (year from context)
    ("mdand", re.compile(rf"{_g(_MON_OPENING, 'm1')}\s{_g(_DAY, 'd1')}\sand\s{_g(_DAY, 'd2')}\b(?![,.]?\s?\d)")),
    # July 28 (year from context)
    ("md", re.compile(rf"{_g(_MON_OPENING, 'm1')}\s{_g(_DAY, 'd1')}\b(?![,.]?\s?\d)")),
    # in January, that September, "In May, …" opening a sentence (year from context)
    (
        "m",
        re.compile(
            rf"(?:{word_start_first(_MONTH_LEADS + [w.capitalize() for w in _MONTH_LEADS])})[\s-]{_g(_MON, 'm1')}"
            r"(?![\s.,]*\d)"
        ),
    ),
    # 2005
    # on 5 May (year from context)
    ("dm", re.compile(rf"{_g(_DAY_OPENING, 'd1')}\s{_g(_MON, 'm1')}\b(?![\s.,]*\d)")),
    (
        "y",
        re.compile(
            # a year not after a digit, "/" or "." and not after a hyphen but for "mid-": the lookbehinds come
            # after the year's first digit, so that the pattern opens with it (see ``word_start_first``)
            r"(?P<y>(?:1(?<![\d/.]1)(?<![^d]-1)9|2(?<![\d/.]2)(?<![^d]-2)0)\d\d)(?!\s?[-–]\s?\d)(?![\d/%]|s\b|'s\b)"
        ),
    ),
]

_REL_WEEKDAY = re.compile(
    r"\b(?:on\s|last\s|next\s|this\s)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# "over the weekend", "last weekend": Saturday and Sunday, the nearest before publication (after it for plans)
_REL_WEEKEND = re.compile(r"\b(?:(?:over|at|on|during)\s+the|this|last|next)\s+weekend\b", re.I)
_REL_MONTH = re.compile(r"(?<!the )\b(last|this|next|earlier this|later this) (month|week|year)\b", re.I)
_REL_AGO = re.compile(r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten) years? ago\b", re.I)
# the parts of a day, as wire copy dates its news: "this afternoon" is today, "last night" yesterday
_REL_DAY = re.compile(
    r"\b(yesterday|today|tomorrow|tonight|last night|this (?:morning|afternoon|evening))\b(?! (?:show|programme))"
    # "today's talks" is a day; "today's era", "today's world" are the present in general
    r"(?!['’]s\s+(?!(?:meeting|meetings|talks|summit|call|visit|session|dinner|lunch)\b))",
    re.I,
)
_DAY_SHIFT = {"yesterday": -1, "last night": -1, "tomorrow": 1}
_REL_FOLLOWING = re.compile(
    r"\b(the following|the next|the previous|the same|that|later that|earlier that) "
    r"(year|spring|summer|autumn|fall|winter)\b",
    re.I,
)
_REL_DAYSHIFT = re.compile(
    r"\b(the next day|the following day|a day later|the day after|the next morning|the following morning|"
    r"the day before|the night before|the previous day)\b",
    re.I,
)
_REL_DAYS_LATER = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|a) (days?|weeks?) (later|earlier|afterwards)\b", re.I
)
# the same three without re.I, for the text in lower case (matching case-blind is several times slower)
_REL_FOLLOWING_LOW = re.compile(_REL_FOLLOWING.pattern)
_REL_DAYSHIFT_LOW = re.compile(_REL_DAYSHIFT.pattern)
_REL_DAYS_LATER_LOW = re.compile(_REL_DAYS_LATER.pattern)
# "two years later", "three months earlier": counted from the date stated before, at that date's precision
# or coarser (a year from a year, a month from a month or a day)
_REL_MONTHS_YEARS_LATER_LOW = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|a|an) (months?|years?) (later|earlier|afterwards)\b"
)
# "on Friday, three days after meeting Lula": the event after "after" came that many days before
_REL_DAYS_AFTER_LOW = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|a) (days?|weeks?) (after|before) (?=[a-z])"
)
_REL_NEXT_MONTH = re.compile(rf"\b(?:the following|the next)\s{_g(_MON, 'm1')}(?![\s.,]*\d)", re.I)
_REL_NAMED_MONTH = re.compile(rf"\b(last|this|next)\s{_g(_MON, 'm1')}(?![\s.,]*\d)", re.I)
# a bare year only counts after one of these words, or at the start of a line or item
_YEAR_PREP = re.compile(
    r"(?:\b(?:in|of|since|during|by|until|till|from|to|after|before|through|early|late|mid|and|or|"
    r"between|around|spring|summer|autumn|fall|winter|year)\s|\bmid-|(?:^|\n)[-–—•*\s]{0,3}|[(,]\s?)$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    first: date | None  # None while a partial date waits for its year
    last: date | None
    precision: str  # year, month, day, span
    kind: str = "explicit"  # explicit, partial, relative (to publication), chained (to a date stated before)
    month: int | None = None  # for partial dates
    day: int | None = None
    day2: int | None = None  # the last day of a partial span ("Nov. 19 and 20")
    weekday: int | None = None  # for relative weekdays
    after: bool = False  # a bare year right after "since": a reference point, not an event date
    anchor: int | None = None  # an offset date ("four days after meeting X"): where the date it counts from starts
    shift: int = 0  # and how many days from it

    @property
    def iso(self) -> str:
        assert self.first and self.last
        if self.precision == "year":
            return f"{self.first.year:04d}"
        if self.precision == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        if self.precision == "day":
            return self.first.isoformat()
        return f"{self.first.isoformat()}/{self.last.isoformat()}"

    def with_year(self, year: int) -> DateMention:
        """A partial date ("July 28") given its year from context."""
        if self.month is None:
            return self
        if self.day is None:
            first, last = month_span(year, self.month)
            return replace(self, first=first, last=last, kind="partial")
        d = _safe_date(year, self.month, self.day)
        d2 = _safe_date(year, self.month, self.day2) if self.day2 else d
        if not d or not d2 or d2 < d:
            return self
        return replace(self, first=d, last=d2, kind="partial")


def _day_of_span(span: DateMention, nth: int, start: int, words: str) -> list[DateMention]:
    """The ``nth`` day of a span (-1 its last), as a mention at ``start``; none when the span is shorter."""
    if span.first is not None and span.last is not None:
        day = span.first + timedelta(days=nth) if nth >= 0 else span.last
        if day > span.last:
            return []
        return [DateMention(start, start + len(words), words, day, day, "day", "chained")]
    if span.month is None or span.day is None or span.day2 is None:
        return []
    n = span.day + nth if nth >= 0 else span.day2
    if n > span.day2:
        return []
    return [DateMention(start, start + len(words), words, None, None, "day", "partial", span.month, n)]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]


def month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _explicit(kind: str, m: re.Match[str], text: str) -> DateMention | None:
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else None
    m1 = _month(g["m1"]) if g.get("m1") and not g["m1"].isdigit() else int(g["m1"]) if g.get("m1") else None
    d1 = int(g["d1"]) if g.get("d1") else None
    span = m.start(), m.end()
    if kind in _RANGE_KINDS:  # "from June 3 to 5": the date, without "from"
        span = m.start("at"), m.end()
        if kind in _RANGE_PARTIAL:
            months = {_month(g[k]) for k in ("m1", "m2") if g.get(k)}
            last_day = int(g["d2"])
            if len(months) != 1 or d1 is None or not 1 <= d1 < last_day <= 31:
                return None  # two months: each day on its own
            words = text[span[0] : span[1]]
            return DateMention(*span, words, None, None, "span", "partial", month=months.pop(), day=d1, day2=last_day)
    if kind == "y":
        if not _YEAR_PREP.search(text[max(0, m.start() - 12) : m.start()]):
            return None
        # "since 2019" dates nothing that happened, unless a clause about that year follows: "since 2009,
        # when he met Hu"
        after = text[max(0, m.start() - 6) : m.start()].lower().endswith("since ") and not re.match(
            r",?\s+when\b", text[m.end() : m.end() + 8]
        )
        assert y is not None
        return DateMention(*span, m.group(0), date(y, 1, 1), date(y, 12, 31), "year", after=after)
    if kind in ("md", "mdand", "dm"):
        assert m1 is not None and d1 is not None
        d2 = int(g["d2"]) if g.get("d2") else None
        if not 1 <= d1 <= 31 or (d2 is not None and not d1 < d2 <= 31):
            return None
        precision = "span" if d2 else "day"
        return DateMention(*span, m.group(0), None, None, precision, kind="partial", month=m1, day=d1, day2=d2)
    if kind == "m":
        assert m1 is not None
        if g["m1"] == "May" and text[m.end() : m.end() + 1] == " " and text[m.end() + 1 : m.end() + 2].isupper():
            return None  # "in May Theresa" is not a month
        a = m.start("m1")
        return DateMention(a, m.end(), text[a : m.end()], None, None, "month", kind="partial", month=m1)
    if kind == "num":
        assert y is not None
        a, b = int(g["a"]), int(g["b"])
        if 1 <= a <= 12 and 1 <= b <= 12 and a != b:
            return None  # "03/04/2023": April 3 in most of the world, March 4 in the US; no way to tell
        dd, mm = (a, b) if b <= 12 else (b, a)
        on = _safe_date(y, mm, dd)
        return DateMention(*span, m.group(0), on, on, "day") if on else None
    if kind == "holiday":
        assert y is not None
        hm, hd = HOLIDAYS[g["h"]]
        d = date(y, hm, hd)
        return DateMention(*span, m.group(0), d, d, "day")
    assert y is not None and m1 is not None
    if kind == "my":
        first, last = month_span(y, m1)
        return DateMention(*span, m.group(0), first, last, "month")
    if kind in ("mdy", "dmy", "iso", "mdandy"):
        if kind == "mdandy":
            fa, fb = _safe_date(y, m1, d1 or 0), _safe_date(y, m1, int(g["d2"]))
            return DateMention(*span, m.group(0), fa, fb, "span") if fa and fb and fa < fb else None
        day = _safe_date(y, m1, d1 or 0)
        return DateMention(*span, m.group(0), day, day, "day") if day else None
    m2 = _month(g["m2"]) if g.get("m2") else m1
    start_day, end_day = _safe_date(y, m1, d1 or 0), _safe_date(y, m2, int(g["d2"]))
    if not start_day or not end_day or end_day < start_day:
        return None
    words = text[span[0] : span[1]]
    if end_day == start_day:  # "June 5-5, 2017": a range that ends on its first day is that day
        return DateMention(*span, words, start_day, end_day, "day")
    return DateMention(*span, words, start_day, end_day, "span")


def _relative(text: str, published: date | None) -> list[DateMention]:
    out: list[DateMention] = []
    for m in _REL_WEEKDAY_NEAR.finditer(text):
        wd = WEEKDAYS.index(m.group(1).lower())
        out.append(DateMention(m.start(), m.end(), m.group(0), None, None, "day", kind="relative", weekday=wd))
    for m in _REL_WEEKEND_NEAR.finditer(text):  # a Saturday and the Sunday after it
        out.append(DateMention(m.start(), m.end(), m.group(0), None, None, "span", kind="relative", weekday=5))
    if published is None:
        return out
    p = published
    for m in _REL_MONTH_NEAR.finditer(text):
        which, unit = m.group(1).lower(), m.group(2).lower()
        shift = -1 if which == "last" else 1 if which == "next" else 0
        if unit == "month":
            y, mo = divmod(p.year * 12 + p.month - 1 + shift, 12)
            first, last = month_span(y, mo + 1)
            out.append(DateMention(m.start(), m.end(), m.group(0), first, last, "month", kind="relative"))
        elif unit == "year":
            y = p.year + shift
            out.append(DateMention(m.start(), m.end(), m.group(0), date(y, 1, 1), date(y, 12, 31), "year", "relative"))
        else:
            monday = p - timedelta(days=p.weekday()) + timedelta(weeks=shift)
            out.append(
                DateMention(m.start(), m.end(), m.group(0), monday, monday + timedelta(days=6), "span", "relative")
            )
    for m in _REL_AGO_NEAR.finditer(text):
        n = m.group(1).lower()
        y = p.year - count_of(n)
        out.append(DateMention(m.start(), m.end(), m.group(0), date(y, 1, 1), date(y, 12, 31), "year", "relative"))
    for m in _REL_DAY_NEAR.finditer(text):
        d = p + timedelta(days=_DAY_SHIFT.get(m.group(1).lower(), 0))
        out.append(DateMention(m.start(), m.end(), m.group(0), d, d, "day", kind="relative"))
    return out


def resolve_weekday(mention: DateMention, published: date, future: bool) -> DateMention:
    """'on Friday': the nearest such day on or before publication, or on or after it for plans; 'over the
    weekend': that Saturday and the Sunday after it."""
    assert mention.weekday is not None
    delta = (mention.weekday - published.weekday()) % 7 if future else -((published.weekday() - mention.weekday) % 7)
    d = published + timedelta(days=delta)
    return replace(mention, first=d, last=d + timedelta(days=1) if mention.precision == "span" else d)


# every explicit date has a month word, a year or a holiday's name: the date patterns are tried only
# around these anchors, found by one scan, and never across a stretch of text without one
_ANCHOR = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Christmas|New Year|Bastille|Valentine|19\d\d|20\d\d)"
)
_REACH = 48  # further than any date pattern extends on either side of its anchor


def _windows(text: str, anchor: re.Pattern[str] = _ANCHOR) -> list[tuple[int, int]]:
    """The stretches within ``_REACH`` of an ``anchor``, those that touch merged."""
    return _merged([m.span() for m in anchor.finditer(text)], len(text))


class _Anchored:
    """A pattern tried only near its anchor: words one of which every match of it contains. Within
    ``_REACH`` of an anchor lies all of any match; stretches that touch are merged, so the matches are
    the ones a scan of the whole text finds (a pattern that opens with ``\\b`` is tried at every position of
    the text, several times slower). An anchor of lower-case words (``words``, case-blind with
    ``ignore_case``) is found with every other such anchor in one pass of an automaton over the text in lower
    case (``_anchor_hits``), wherever that finds the same words (``_lower_cased``); otherwise, and for an
    anchor given as a pattern (``anchor``), by a regular expression over the text."""

    def __init__(
        self, pattern: re.Pattern[str], anchor: str = "", ignore_case: bool = False, words: tuple[str, ...] = ()
    ) -> None:
        self.pattern = pattern
        self.words = words
        self.ignore_case = ignore_case
        regex = anchor or "|".join(map(re.escape, words))
        self.anchor = re.compile(f"(?i:{regex})" if ignore_case else regex)
        _add_anchor_words(words)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        where = (_lower_cased(text) if self.ignore_case else text) if self.words else None
        if where is not None:
            hits = _anchor_hits(where)
            spans = sorted((start, start + len(w)) for w in self.words for start in hits.get(w, ()))
            windows = _merged(spans, len(text))
        else:
            windows = _windows(text, self.anchor)
        for a, b in windows:
            yield from self.pattern.finditer(text, a, b)


def _add_anchor_words(words: tuple[str, ...]) -> None:
    """Words for ``_anchor_hits`` to find (in lower case) in its one automaton pass."""
    if not _ANCHOR_WORDS.issuperset(words):
        _ANCHOR_WORDS.update(words)
        _AUTOMATON.clear()  # built again, with these words, when next asked
        _LAST_HITS[0] = None


def _merged(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The stretches within ``_REACH`` of sorted spans, those that touch merged."""
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        a, b = max(0, start - _REACH), min(size, end + _REACH)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(b, windows[-1][1]))
        else:
            windows.append((a, b))
    return windows


_ANCHOR_WORDS: set[str] = set()  # every anchor's words, gathered as the anchored patterns are made
_AUTOMATON: list[Any] = []
# the last lower-cased text's anchor words (one tuple, replaced whole: a thread never sees half of it)
_LAST_HITS: list[tuple[str, dict[str, list[int]]] | None] = [None]


def _anchor_hits(low: str) -> dict[str, list[int]]:
    """Where each anchor word starts in ``low``, every occurrence: one pass of one automaton for all of them."""
    last = _LAST_HITS[0]
    if last is not None and last[0] is low:
        return last[1]
    if not _AUTOMATON:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for word in _ANCHOR_WORDS:
            automaton.add_word(word, word)
        automaton.make_automaton()
        _AUTOMATON.append(automaton)
    hits: dict[str, list[int]] = {}
    for end, word in _AUTOMATON[0].iter(low):
        hits.setdefault(word, []).append(end - len(word) + 1)
    _LAST_HITS[0] = (low, hits)
    return hits


# the last text lowered (one tuple, replaced whole: a thread never sees half of it)
_LAST_LOWER: list[tuple[str, str | None] | None] = [None]


def _lower_cased(text: str) -> str | None:
    """``case_blind_lower`` of the text, kept for the last text: every anchored pattern asks for it."""
    last = _LAST_LOWER[0]
    if last is not None and last[0] is text:
        return last[1]
    low = case_blind_lower(text)
    _LAST_LOWER[0] = (text, low)
    return low


def _words(*parts: str) -> tuple[str, ...]:
    """Every phrase made of one of each part's "|"-separated words, joined by spaces."""
    phrases = [""]
    for part in parts:
        phrases = [f"{p} {w}".strip() for p in phrases for w in part.split("|")]
    return tuple(phrases)


# each anchor is the rarest stretch every match holds: its words are looked for, and the pattern tried around
# them
_REL_WEEKDAY_NEAR = _Anchored(_REL_WEEKDAY, r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_REL_WEEKEND_NEAR = _Anchored(_REL_WEEKEND, ignore_case=True, words=("weekend",))
_REL_MONTH_NEAR = _Anchored(_REL_MONTH, ignore_case=True, words=_words("last|this|next", "month|week|year"))
_REL_AGO_NEAR = _Anchored(_REL_AGO, ignore_case=True, words=("ago",))
_REL_DAY_NEAR = _Anchored(
    _REL_DAY,
    ignore_case=True,
    words=("yesterday", "today", "tomorrow", "tonight", "last night", *_words("this", "morning|afternoon|evening")),
)
_SEASON_AFTER = _words("following|next|previous|same|that", "year|spring|summer|autumn|fall|winter")
_REL_FOLLOWING_NEAR = _Anchored(_REL_FOLLOWING, ignore_case=True, words=_SEASON_AFTER)
_REL_FOLLOWING_LOW_NEAR = _Anchored(_REL_FOLLOWING_LOW, words=_SEASON_AFTER)
_REL_NEXT_MONTH_NEAR = _Anchored(_REL_NEXT_MONTH, ignore_case=True, words=("following", "next"))
_REL_NAMED_MONTH_NEAR = _Anchored(_REL_NAMED_MONTH, ignore_case=True, words=("last", "this", "next"))
_DAYS_LATER = _words("day|days|week|weeks", "later|earlier|afterwards")
_REL_DAYS_LATER_NEAR = _Anchored(_REL_DAYS_LATER, ignore_case=True, words=_DAYS_LATER)
_REL_DAYS_LATER_LOW_NEAR = _Anchored(_REL_DAYS_LATER_LOW, words=_DAYS_LATER)
_REL_MONTHS_YEARS_LATER_LOW_NEAR = _Anchored(
    _REL_MONTHS_YEARS_LATER_LOW, words=_words("month|months|year|years", "later|earlier|afterwards")
)
_REL_DAYS_AFTER_LOW_NEAR = _Anchored(_REL_DAYS_AFTER_LOW, words=_words("day|days|week|weeks", "after|before"))
_DAY_SHIFT_WORDS = (
    *_words("next|following|previous", "day|morning"),
    *_words("day", "later|after|before"),
    "night before",
)
_REL_DAYSHIFT_NEAR = _Anchored(_REL_DAYSHIFT, ignore_case=True, words=_DAY_SHIFT_WORDS)
_REL_DAYSHIFT_LOW_NEAR = _Anchored(_REL_DAYSHIFT_LOW, words=_DAY_SHIFT_WORDS)
# "on the first evening", "on the final day of his visit": a day of the span stated before it (a state
# visit's, a summit's); "the first day of the summit" names a span of its own, not the one before
_ORDINAL_DAYS = {"first": 0, "opening": 0, "second": 1, "third": 2, "final": -1, "last": -1, "closing": -1}
_DAY_OF_SPAN_LOW = re.compile(
    r"\b(?:on|during) the (" + "|".join(_ORDINAL_DAYS) + r") (?:day|evening|night|morning|afternoon)\b"
    r"(?! of\b(?! (?:his|her|their|the) (?:[\w-]+ )?(?:visit|trip|tour|stay)\b))"
)
_DAY_OF_SPAN_LOW_NEAR = _Anchored(
    _DAY_OF_SPAN_LOW, words=_words("|".join(_ORDINAL_DAYS), "day|evening|night|morning|afternoon")
)


_LAST_EXPLICIT: list[tuple[str, list[DateMention], list[tuple[int, int]]] | None] = [None]
# the words that open a range told in words, found with the anchor words
_RANGE_LEADS = ("from", "between")
_add_anchor_words(_RANGE_LEADS)


def _range_windows(text: str, windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a range told in words may be: around "from" and "between" (found by the anchor words' one
    automaton pass), inside the stretches around month words and years; all of ``windows`` when the
    text's lower case is not the same length as the text."""
    low = _lower_cased(text)
    if low is None:
        return windows
    hits = _anchor_hits(low)
    leads = _merged(sorted((start, start + len(w)) for w in _RANGE_LEADS for start in hits.get(w, ())), len(text))
    out, k = [], 0
    for a, b in leads:  # each lead's stretch, cut to the month and year stretches it meets
        while k < len(windows) and windows[k][1] <= a:
            k += 1
        j = k
        while j < len(windows) and windows[j][0] < b:
            out.append((max(a, windows[j][0]), min(b, windows[j][1])))
            j += 1
    return out


def _explicit_dates(text: str) -> tuple[list[DateMention], list[tuple[int, int]]]:
    """The dates ``text`` states outright, and every span they and the non-dates ("February 30, 2001")
    take. They do not depend on the publication date: the last text's are kept for a second reading
    with another one (a dateline found after the first)."""
    last = _LAST_EXPLICIT[0]
    if last is not None and last[0] is text:
        return last[1], last[2]
    spans = SpanSet()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    free = spans.free
    windows = _windows(text)
    ranges = _range_windows(text, windows)
    for kind, pattern in _PATTERNS:
        for m in (m for a, b in (ranges if kind in _RANGE_KINDS else windows) for m in pattern.finditer(text, a, b)):
            if not free(m.start(), m.end()):
                continue
            mention = _explicit(kind, m, text)
            if mention is not None and free(mention.start, mention.end):
                found.append(mention)
                spans.add(mention.start, mention.end)
                taken.append((mention.start, mention.end))
            elif mention is None and kind not in _PARTIAL_KINDS:
                spans.add(m.start(), m.end())  # "February 30, 2001" is no date, not the year 2001
                taken.append((m.start(), m.end()))
    _LAST_EXPLICIT[0] = (text, found, taken)  # one assignment: a thread never sees half of it
    return found, taken


def recognize_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Every date mention in ``text``, longest first where they overlap, in text order."""
    explicit, taken = _explicit_dates(text)
    spans = SpanSet()
    for a, b in taken:
        spans.add(a, b)
    found = list(explicit)
    free = spans.free
    for mention in _relative(text, published):
        # "Sunday, April 6, 2008": the weekday belongs to the explicit date after it
        if mention.weekday is not None and not free(mention.end, mention.end + 3):
            continue
        if free(mention.start, mention.end):
            found.append(mention)
            spans.add(mention.start, mention.end)
    if published is not None:
        for m in _REL_NAMED_MONTH_NEAR.finditer(text):
            if free(m.start(), m.end()):
                mon, which = _month(m.group("m1")), m.group(1).lower()
                y = published.year
                if which == "last" and mon >= published.month:
                    y -= 1
                elif which == "next" and mon <= published.month:
                    y += 1
                first, last = month_span(y, mon)
                found.append(DateMention(m.start(), m.end(), m.group(0), first, last, "month", "relative"))
                spans.add(m.start(), m.end())
    found.extend(_chained(text, found, free))
    return sorted(found, key=lambda d: d.start)


_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[A-Z]")


def _chained(text: str, found: list[DateMention], free) -> list[DateMention]:  # type: ignore[no-untyped-def]
    """ "the following year", "that summer", "the next day": relative to the last explicit date before.
    The date before is found by bisection: linear time however many dates a text holds."""
    out = []
    explicit = sorted((d for d in found if d.first is not None and d.kind == "explicit"), key=lambda d: d.end)
    ends = [d.end for d in explicit]
    days = [d for d in explicit if d.precision == "day"]
    day_ends = [d.end for d in days]
    # "on June 8 … Four days later": a month and day without a year count too; the day reached is as partial
    partial = sorted((d for d in found if d.kind == "partial" and d.month and d.day), key=lambda d: d.end)
    partial_ends = [d.end for d in partial]

    def partial_before(pos: int) -> DateMention | None:
        k = bisect.bisect_right(partial_ends, pos)
        d = partial[k - 1] if k else None
        if d is None or "\n" in text[d.end : pos]:
            return None
        last_day = day_before(pos)
        return d if last_day is None or last_day.end < d.end else None

    def before(pos: int) -> DateMention | None:
        k = bisect.bisect_right(ends, pos)
        return explicit[k - 1] if k else None

    # "on Saturday … two days later", "yesterday … a day later": a day told relative to the publication
    relative = sorted((d for d in found if d.kind == "relative" and d.precision == "day"), key=lambda d: d.end)
    relative_ends = [d.end for d in relative]

    def relative_before(pos: int) -> DateMention | None:  # when it is the last day stated, in the same paragraph
        k = bisect.bisect_right(relative_ends, pos)
        d = relative[k - 1] if k else None
        if d is None or "\n" in text[d.end : pos]:
            return None
        stated = [x.end for x in (day_before(pos), partial_before(pos)) if x is not None]
        return d if not stated or max(stated) < d.end else None

    def day_before(pos: int) -> DateMention | None:  # the last day stated before, in the same paragraph
        k = bisect.bisect_right(day_ends, pos)
        return days[k - 1] if k and "\n" not in text[days[k - 1].end : pos] else None

    low = _lower_cased(text) or text.lower()  # the cached one (and its anchor words) where there is one
    folded = len(low) == len(text)
    if not folded:  # a letter whose lower case is longer: offsets would shift
        low, p_following, p_later, p_shift = text, _REL_FOLLOWING_NEAR, _REL_DAYS_LATER_NEAR, _REL_DAYSHIFT_NEAR
    else:
        p_following, p_later, p_shift = _REL_FOLLOWING_LOW_NEAR, _REL_DAYS_LATER_LOW_NEAR, _REL_DAYSHIFT_LOW_NEAR
    for m in p_following.finditer(low):
        prior = before(m.start())
        if prior and free(m.start(), m.end()):
            assert prior.first is not None
            shift = {"following": 1, "next": 1, "previous": -1}.get(m.group(1).split()[-1].lower(), 0)
            y = prior.first.year + shift
            out.append(
                DateMention(
                    m.start(), m.end(), text[m.start() : m.end()], date(y, 1, 1), date(y, 12, 31), "year", "chained"
                )
            )
    for m in _REL_NEXT_MONTH_NEAR.finditer(text):  # "The following May": the next May after the date before
        prior = before(m.start())
        if prior and free(m.start(), m.end()):
            assert prior.last is not None
            mon = _month(m.group("m1"))
            y = prior.last.year if mon > prior.last.month else prior.last.year + 1
            first, last = month_span(y, mon)
            out.append(DateMention(m.start(), m.end(), text[m.start() : m.end()], first, last, "month", "chained"))
    for m in p_later.finditer(low):  # "Two days later": counted from a day stated before
        prior = day_before(m.start())
        loose = partial_before(m.start())
        told = relative_before(m.start())
        if (prior or loose or told) and free(m.start(), m.end()):
            n = m.group(1).lower()
            count = count_of(n)
            shift = count * (7 if m.group(2).lower().startswith("week") else 1)
            shift = -shift if m.group(3).lower() == "earlier" else shift
            words = text[m.start() : m.end()]
            if told is not None and told.first is not None:  # "yesterday": its day is known
                d = told.first + timedelta(days=shift)
                out.append(DateMention(m.start(), m.end(), words, d, d, "day", "chained"))
                continue
            if told is not None:  # a weekday: counted from it once it is resolved (``assemble.resolve_date``)
                out.append(
                    DateMention(m.start(), m.end(), words, None, None, "day", "offset", anchor=told.start, shift=shift)
                )
                continue
            if loose is not None:  # counted in a year that is not a leap year unless the day is 29 February
                assert loose.month and loose.day
                d = date(2000 if (loose.month, loose.day) == (2, 29) else 2001, loose.month, loose.day)
                d += timedelta(days=shift)
                out.append(DateMention(m.start(), m.end(), words, None, None, "day", "partial", d.month, d.day))
                continue
            assert prior is not None and prior.first is not None
            d = prior.first + timedelta(days=shift)
            out.append(DateMention(m.start(), m.end(), words, d, d, "day", "chained"))
    for m in _REL_MONTHS_YEARS_LATER_LOW_NEAR.finditer(low) if folded else ():
        prior = before(m.start())
        if prior is None or prior.first is None or not free(m.start(), m.end()):
            continue
        n = m.group(1)
        count = count_of(n)
        count = -count if m.group(3) == "earlier" else count
        words = text[m.start() : m.end()]
        if m.group(2).startswith("year"):
            y = prior.first.year + count
            out.append(DateMention(m.start(), m.end(), words, date(y, 1, 1), date(y, 12, 31), "year", "chained"))
        elif prior.precision in ("month", "day"):
            y, mon = divmod(prior.first.year * 12 + prior.first.month - 1 + count, 12)
            first, last = month_span(y, mon + 1)
            out.append(DateMention(m.start(), m.end(), words, first, last, "month", "chained"))
    stated = sorted(found, key=lambda d: d.end)
    stated_ends = [d.end for d in stated]
    for m in _DAY_OF_SPAN_LOW_NEAR.finditer(low) if folded else ():
        k = bisect.bisect_right(stated_ends, m.start())
        span = stated[k - 1] if k else None
        if span is None or span.precision != "span" or "\n" in text[span.end : m.start()] or not free(*m.span()):
            continue  # the day of a span stated before it in its paragraph, and only then
        out.extend(_day_of_span(span, _ORDINAL_DAYS[m.group(1)], m.start(), text[m.start() : m.end()]))
    for m in _REL_DAYS_AFTER_LOW_NEAR.finditer(low) if folded else ():
        k = bisect.bisect_right(stated_ends, m.start())
        anchor = stated[k - 1] if k else None
        if anchor is None or not free(m.start(), m.end()) or m.start() - anchor.end > 60:
            continue
        if _SENTENCE_END.search(text, anchor.end, m.start()) or anchor.precision != "day":
            continue
        n = m.group(1)
        count = count_of(n)
        shift = count * (7 if m.group(2).startswith("week") else 1) * (-1 if m.group(3) == "after" else 1)
        words = text[m.start() : m.end()].rstrip()
        if anchor.first is not None:
            d = anchor.first + timedelta(days=shift)
            out.append(DateMention(m.start(), m.start() + len(words), words, d, d, "day", "chained"))
        elif anchor.kind in ("relative", "partial"):
            out.append(
                DateMention(
                    m.start(),
                    m.start() + len(words),
                    words,
                    None,
                    None,
                    "day",
                    "offset",
                    anchor=anchor.start,
                    shift=shift,
                )
            )
    for m in p_shift.finditer(low):
        prior = day_before(m.start())
        if prior and free(m.start(), m.end()):
            assert prior.first is not None
            back = any(w in m.group(1).lower() for w in ("before", "previous", "eve"))
            d = prior.first + timedelta(days=-1 if back else 1)
            out.append(DateMention(m.start(), m.end(), text[m.start() : m.end()], d, d, "day", "chained"))
    return out
