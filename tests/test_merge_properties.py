"""Property tests of merging (issue 8): for generated mentions of one or more meetings, the merged chronology
depends neither on the order of the mentions nor on the documents' hashes, every mention lands in exactly one
meeting, a meeting's own mentions merged again give that meeting back, and when every document is repeated
by another no meeting changes. The four regression tests at the end hold the minimal inputs of the ways the
documents' hashes once decided which meeting a mention joined (mentions are now taken in the order of what
they state: ``merge/grouping.py``).

The mentions are drawn close together on purpose (days of one July, the Hamburg G20 of 7-8 July 2017, a
stray "June 7" for "July 7", spans, months and years, places that agree or not) so that the clustering has
choices to make. Deterministic (``derandomize=True``, no example database)."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from summitline.kb import load_kb
from summitline.merge import MentionRecord, MergedMeeting, date_interval, merge_mentions, participants_key

from .properties import PROPERTY as SHARED

PROPERTY = settings(SHARED, max_examples=200)

KB = load_kb()

PAIRS = [
    [{"id": "vladimir-putin", "name": "Vladimir Putin"}, {"id": "donald-trump", "name": "Donald Trump"}],
    [{"id": "angela-merkel", "name": "Angela Merkel"}, {"id": "xi-jinping", "name": "Xi Jinping"}],
    [{"id": None, "name": "Mark Rutte"}, {"id": "emmanuel-macron", "name": "Emmanuel Macron"}],
    [
        {"id": "vladimir-putin", "name": "Vladimir Putin"},
        {"id": "donald-trump", "name": "Donald Trump"},
        {"id": "xi-jinping", "name": "Xi Jinping"},
    ],
]
PLACES: list[dict[str, Any] | None] = [
    None,
    {"name": "Hamburg", "country": "DE", "city": "Hamburg", "venue": None, "region": None, "inferred": False},
    {"name": "Hamburg", "country": "DE", "city": "Hamburg", "venue": None, "region": None, "inferred": True},
    {"name": "Elbphilharmonie", "country": "DE", "city": "Hamburg", "venue": "Elbphilharmonie", "region": None},
    {"name": "Berlin", "country": "DE", "city": "Berlin", "venue": None, "region": None, "inferred": False},
    {"name": "Germany", "country": "DE", "city": None, "venue": None, "region": None, "inferred": False},
    {"name": "Bavaria", "country": "DE", "city": None, "venue": None, "region": "Bavaria", "inferred": False},
    {"name": "Paris", "country": "FR", "city": "Paris", "venue": None, "region": None, "inferred": False},
]
FIRST_DAY = date(2017, 7, 1)


ALL_KINDS = ("day", "day", "day", "span", "month", "year", "misdated")


@st.composite
def a_date(draw: st.DrawFn, kinds: tuple[str, ...] = ALL_KINDS) -> tuple[str, str]:
    """(date, precision): days of July 2017 (the G20 in Hamburg was on the 7th and 8th), spans across them,
    the month, the year, and June 7 for July 7."""
    first = FIRST_DAY + timedelta(days=draw(st.integers(0, 14)))
    kind = draw(st.sampled_from(kinds))
    if kind == "span":
        last = first + timedelta(days=draw(st.integers(1, 3)))
        return f"{first.isoformat()}/{last.isoformat()}", "span"
    if kind == "month":
        return first.isoformat()[:7], "month"
    if kind == "year":
        return first.isoformat()[:4], "year"
    if kind == "misdated":
        return first.replace(month=6).isoformat(), "day"
    return first.isoformat(), "day"


@st.composite
def a_meeting(draw: st.DrawFn, kinds: tuple[str, ...] = ALL_KINDS, one_city_a_day: bool = False) -> dict[str, Any]:
    value, precision = draw(a_date(kinds))
    cities = [p for p in PLACES if p and p["city"] and not p.get("inferred")]
    places = [cities[date_interval(value)[0].day % len(cities)]] if one_city_a_day else PLACES
    participants = draw(st.sampled_from(PAIRS))
    return {
        "date": value,
        "date_precision": precision,
        "date_source": "body",
        "participants": draw(st.permutations(participants)),
        "place": draw(st.sampled_from(places)),
        "format": draw(st.sampled_from(["in_person", "in_person", "phone_call", "video_call"])),
        "status": draw(st.sampled_from(["held", "held", "planned"])),
        "occasion": draw(st.sampled_from([None, None, "G20 summit", "G7 summit"])),
        "topics": draw(st.lists(st.sampled_from(["trade", "syria", "climate"]), max_size=2, unique=True)),
    }


def sha(document_id: int) -> str:
    return hashlib.sha256(str(document_id).encode()).hexdigest()


@st.composite
def mentions(
    draw: st.DrawFn, kinds: tuple[str, ...] = ALL_KINDS, one_city_a_day: bool = False, day_once: bool = False
) -> list[MentionRecord]:
    """Mentions as the library stores them: each document has an id, a hash and its meetings in order. With
    ``one_city_a_day`` every mention names the city of its first day (so the sources never disagree on a
    place); with ``day_once`` no document states the same leaders' day twice."""
    out = []
    once = (lambda m: (participants_key(m["participants"]), m["date"])) if day_once else None
    for document_id in range(1, draw(st.integers(1, 7)) + 1):
        meetings = draw(st.lists(a_meeting(kinds, one_city_a_day), min_size=1, max_size=3, unique_by=once))
        for ordinal, meeting in enumerate(meetings):
            out.append(MentionRecord(len(out) + 1, document_id, sha(document_id), ordinal, meeting))
    return out


def summary(merged: list[MergedMeeting]) -> list[tuple[Any, ...]]:
    """Everything a merge decides: ids, fields, conflicts, and which mentions each meeting holds."""
    return [(m.id, m.participants_key, m.fields, m.conflicts, sorted(x.id for x in m.mentions)) for m in merged]


def decided(m: MergedMeeting) -> tuple[str, dict[str, Any]]:
    """A meeting's id and fields; its leaders in the order of their names (the order is that of the source
    whose hash sorts first: repeating the sources may change it, and it means nothing)."""
    leaders = sorted(m.fields["participants"], key=lambda p: p["name"])
    return m.id, {**m.fields, "participants": leaders}


@PROPERTY
@given(mentions(), st.randoms(use_true_random=False))
def test_merging_does_not_depend_on_the_order_of_the_mentions(records: list[MentionRecord], rnd: Any) -> None:
    shuffled = list(records)
    rnd.shuffle(shuffled)
    assert summary(merge_mentions(shuffled, KB)) == summary(merge_mentions(records, KB))


@PROPERTY
@given(mentions())
def test_every_mention_is_in_exactly_one_meeting(records: list[MentionRecord]) -> None:
    merged = merge_mentions(records, KB)
    assert sorted(x.id for m in merged for x in m.mentions) == [r.id for r in records]
    assert len({m.id for m in merged}) == len(merged)
    for m in merged:
        assert all(set(x.participants_key.split("|")) <= set(m.participants_key.split("|")) for x in m.mentions)
        assert m.fields["date"] in {x.meeting["date"] for x in m.mentions}
        date_interval(m.fields["date"])  # a date the library can store and query


@PROPERTY
@given(mentions())
def test_a_meetings_own_mentions_merge_back_into_it(records: list[MentionRecord]) -> None:
    """Merging the merged result again changes nothing: each meeting, re-merged from its own mentions, is
    one meeting with the same fields and conflicts (its id may lose the "-2" that told it from a twin)."""
    for m in merge_mentions(records, KB):
        (again,) = merge_mentions(m.mentions, KB)
        assert (again.fields, again.conflicts, again.mentions) == (m.fields, m.conflicts, m.mentions)
        assert m.id.startswith(again.id)


@PROPERTY
@given(mentions(), st.integers(0, 2**32))
def test_the_documents_hashes_decide_no_meeting(records: list[MentionRecord], salt: int) -> None:
    """Other hashes for the same documents (which once set the order mentions were taken in) leave every
    meeting's id, values and mentions as they were."""
    rehashed = [
        dataclasses.replace(r, document_sha=hashlib.sha256(f"{salt}:{r.document_id}".encode()).hexdigest())
        for r in records
    ]
    assert [(decided(m), sorted(x.id for x in m.mentions)) for m in merge_mentions(rehashed, KB)] == [
        (decided(m), sorted(x.id for x in m.mentions)) for m in merge_mentions(records, KB)
    ]


def repeated(records: list[MentionRecord]) -> list[MentionRecord]:
    """The records and a copy of each from another document (ids, document ids and hashes shifted)."""
    shift = max(r.document_id for r in records)
    return records + [
        dataclasses.replace(
            r, id=r.id + len(records), document_id=r.document_id + shift, document_sha=sha(r.document_id + shift)
        )
        for r in records
    ]


@PROPERTY
@given(mentions())
def test_the_same_reports_again_change_no_meeting(records: list[MentionRecord]) -> None:
    """Merging is idempotent over sources: when every document is repeated by another (the same meetings,
    another document), each meeting keeps its id and fields and gains the copies of its own mentions. (One
    document repeated alone may change a meeting: a date two sources state outvotes one.)"""
    n = len(records)
    before = merge_mentions(records, KB)
    after = merge_mentions(repeated(records), KB)  # the copy of mention i is mention i + n
    assert [decided(m) for m in after] == [decided(m) for m in before]
    for b, a in zip(before, after, strict=True):
        assert sorted(x.id for x in a.mentions) == sorted([x.id for x in b.mentions] + [x.id + n for x in b.mentions])


def mention(
    id: int,
    document_id: int,
    ordinal: int,
    value: str,
    precision: str,
    place: dict[str, Any] | None = None,
    format: str = "in_person",
) -> MentionRecord:
    meeting = {
        "date": value,
        "date_precision": precision,
        "participants": PAIRS[0],
        "place": place,
        "format": format,
        "status": "held",
        "occasion": None,
        "topics": [],
    }
    return MentionRecord(id, document_id, sha(document_id), ordinal, meeting)


def test_a_repeated_month_that_fits_two_meetings_is_one_meeting() -> None:
    """Two documents that each say the pair met on July 1, on July 2 and "in July 2017": the month fits both
    days, so it is a meeting of its own, one for both documents (the second document's month once fitted the
    first one's month meeting as well as both days, and made a second "2017-07" meeting)."""
    one = [
        mention(1, 1, 0, "2017-07-01", "day"),
        mention(2, 1, 1, "2017-07", "month"),
        mention(3, 1, 2, "2017-07-02", "day"),
    ]
    two = [
        mention(4, 2, 0, "2017-07-01", "day"),
        mention(5, 2, 1, "2017-07", "month"),
        mention(6, 2, 2, "2017-07-02", "day"),
    ]
    assert sorted(m.fields["date"] for m in merge_mentions(one + two, KB)) == ["2017-07", "2017-07-01", "2017-07-02"]


def test_a_document_stating_a_day_twice_repeated_changes_no_meeting() -> None:
    """Document 2 says the pair met in Hamburg on July 1; document 3 that they met on July 1, and on July 1 in
    Paris: one meeting (Hamburg, a place conflict with Paris), and still one with each document repeated by
    another (once three: Hamburg, Hamburg-2 and Paris, as the hashes of the copies came in another order)."""
    hamburg, paris = PLACES[1], PLACES[7]
    records = [
        mention(1, 2, 0, "2017-07-01", "day", hamburg),
        mention(2, 3, 0, "2017-07-01", "day"),
        mention(3, 3, 1, "2017-07-01", "day", paris),
    ]
    assert len(merge_mentions(records, KB)) == 1
    assert len(merge_mentions(repeated(records), KB)) == 1


def test_a_mention_without_a_place_on_a_day_of_two_meetings_joins_the_same_one_when_repeated() -> None:
    """The pair met in Hamburg on July 1 (document 1), spoke by phone from Berlin that day (document 3), and
    document 2 says only that they met on July 1: document 2 joins the meeting in its format (Hamburg), with or
    without every document repeated (it once joined the Berlin call, making it in person, by hash order)."""
    hamburg, berlin = PLACES[1], PLACES[4]
    records = [
        mention(1, 1, 0, "2017-07-01", "day", hamburg),
        mention(2, 2, 0, "2017-07-01", "day"),
        mention(3, 3, 0, "2017-07-01", "day", berlin, "phone_call"),
    ]
    merged = merge_mentions(records, KB)
    assert [decided(m) for m in merge_mentions(repeated(records), KB)] == [decided(m) for m in merged]
    assert sorted((m.fields["place"]["city"], m.fields["format"], [x.id for x in m.mentions]) for m in merged) == [
        ("Berlin", "phone_call", [3]),
        ("Hamburg", "in_person", [1, 2]),
    ]


def test_a_day_stated_with_two_places_keeps_its_mentions_together_when_repeated() -> None:
    """A call from Berlin on July 2 (document 1), and documents 2 and 3 that each report a meeting in Hamburg on
    July 1 and on July 2, document 3's second a call: repeating every document puts each copy in the meeting
    of its original (the copy of document 3's call once joined the Hamburg meeting, the call the Berlin one)."""
    hamburg, berlin = PLACES[1], PLACES[4]
    records = [
        mention(1, 1, 0, "2017-07-02", "day", berlin, "phone_call"),
        mention(2, 2, 0, "2017-07-01", "day", hamburg),
        mention(3, 2, 1, "2017-07-02", "day", hamburg),
        mention(4, 3, 0, "2017-07-01", "day", hamburg),
        mention(5, 3, 1, "2017-07-02", "day", hamburg, "phone_call"),
    ]
    n = len(records)
    before = merge_mentions(records, KB)
    after = merge_mentions(repeated(records), KB)
    assert [sorted(x.id for x in m.mentions) for m in after] == [
        sorted([x.id for x in m.mentions] + [x.id + n for x in m.mentions]) for m in before
    ]
