"""Merging every field (issue 8, item 3): conflicts for date, place, format, participants and office; a report
of some of a meeting's leaders joining it; quotes, tone, photos and summaries kept with their sources."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from summitline.merge import MentionRecord, MergedMeeting, merge_mentions

BIDEN = {"id": "joe-biden", "name": "Joe Biden", "country": "US", "office": "President of the United States"}
KISHIDA = {"id": "fumio-kishida", "name": "Fumio Kishida", "country": "JP", "office": "Prime Minister of Japan"}
YOON = {"id": "yoon-suk-yeol", "name": "Yoon Suk Yeol", "country": "KR", "office": "President of South Korea"}
ALBANESE = {"id": "anthony-albanese", "name": "Anthony Albanese", "country": "AU", "office": "Prime Minister"}


def place(city: str, country: str, inferred: bool = False, venue: str | None = None) -> dict[str, Any]:
    name = f"{venue}, {city}" if venue else city
    return {"name": name, "country": country, "city": city, "venue": venue, "region": None, "inferred": inferred}


THURMONT = place("Thurmont", "US", venue="Camp David")


def report(doc: int, people: list[dict[str, Any]], day: str = "2023-08-18", **values: Any) -> dict[str, Any]:
    """One document's meeting: ``doc`` is the document, the other values those it states."""
    precision = "span" if "/" in day else {10: "day", 7: "month", 4: "year"}[len(day)]
    meeting = {
        "date": day,
        "date_precision": precision,
        "participants": people,
        "place": THURMONT,
        "format": "in_person",
        "status": "held",
        "occasion": None,
        "topics": [],
        "quotes": [],
        "tone": None,
        "photo": None,
        "summary": None,
    }
    return {"doc": doc, **meeting, **values}


def merged(*reports: dict[str, Any]) -> list[MergedMeeting]:
    records = []
    ordinals: dict[int, int] = {}
    for n, r in enumerate(reports, start=1):
        doc = r.pop("doc")
        ordinals[doc] = ordinals.get(doc, -1) + 1
        sha = hashlib.sha256(str(doc).encode()).hexdigest()
        records.append(MentionRecord(n, doc, sha, ordinals[doc], r))
    return merge_mentions(records, _kb())


def _kb() -> Any:
    from summitline.kb import load_kb

    return load_kb()


def conflicts(meeting: MergedMeeting, field: str) -> list[dict[str, Any]]:
    return [c for c in meeting.conflicts if c["field"] == field]


# --- a report of some of a meeting's leaders ----------------------------------------------------------


def test_a_report_of_two_of_three_leaders_on_the_day_and_at_the_place_joins_the_trilateral() -> None:
    (meeting,) = merged(report(1, [BIDEN, KISHIDA, YOON]), report(2, [KISHIDA, BIDEN]))
    assert {p["id"] for p in meeting.fields["participants"]} == {"joe-biden", "fumio-kishida", "yoon-suk-yeol"}
    assert meeting.participants_key == "fumio-kishida|joe-biden|yoon-suk-yeol"
    assert sorted(x.document_id for x in meeting.mentions) == [1, 2]
    assert conflicts(meeting, "participants") == [
        {
            "field": "participants",
            "values": {"Fumio Kishida, Joe Biden": [2], "Fumio Kishida, Joe Biden, Yoon Suk Yeol": [1]},
        }
    ]


@pytest.mark.parametrize("pair_doc, trio_doc", [(1, 2), (2, 1)])
def test_the_pair_joins_the_trilateral_whichever_document_sorts_first(pair_doc: int, trio_doc: int) -> None:
    (meeting,) = merged(report(pair_doc, [KISHIDA, BIDEN]), report(trio_doc, [BIDEN, KISHIDA, YOON]))
    assert len(meeting.fields["participants"]) == 3 and len(meeting.mentions) == 2


@pytest.mark.parametrize(
    "pair",
    [
        pytest.param(report(2, [BIDEN, KISHIDA], "2023-08-19"), id="another day"),
        pytest.param(report(2, [BIDEN, KISHIDA], place=place("Tokyo", "JP")), id="another place"),
        pytest.param(report(2, [BIDEN, KISHIDA], place=None), id="no place"),
        pytest.param(report(2, [BIDEN, KISHIDA], format="phone_call"), id="a call"),
        pytest.param(report(2, [BIDEN, KISHIDA], "2023-08"), id="a month"),
    ],
)
def test_a_report_of_two_leaders_that_differs_in_day_place_or_format_stays_apart(pair: dict[str, Any]) -> None:
    assert len(merged(report(1, [BIDEN, KISHIDA, YOON]), pair)) == 2


def test_a_bilateral_the_same_document_reports_beside_the_trilateral_is_a_meeting_of_its_own() -> None:
    """One document that reports both met them apart: talks of two on the sidelines of the summit of three."""
    meetings = merged(report(1, [BIDEN, KISHIDA, YOON]), report(1, [BIDEN, KISHIDA]), report(2, [BIDEN, KISHIDA]))
    assert sorted(len(m.fields["participants"]) for m in meetings) == [2, 3]
    pair = next(m for m in meetings if len(m.fields["participants"]) == 2)
    assert sorted(x.document_id for x in pair.mentions) == [1, 2]


def test_a_report_that_fits_two_larger_meetings_joins_neither() -> None:
    meetings = merged(
        report(1, [BIDEN, KISHIDA, YOON]), report(2, [BIDEN, KISHIDA, ALBANESE]), report(3, [BIDEN, KISHIDA])
    )
    assert sorted(len(m.fields["participants"]) for m in meetings) == [2, 3, 3]


def test_two_days_of_a_pair_within_a_summit_of_two_days_stay_two_meetings() -> None:
    summit = report(1, [BIDEN, KISHIDA, YOON], "2023-08-18/2023-08-19")
    meetings = merged(summit, report(2, [BIDEN, KISHIDA], "2023-08-18"), report(3, [BIDEN, KISHIDA], "2023-08-19"))
    assert len(meetings) == 3


def test_reports_of_two_different_pairs_of_one_summit_both_join_it() -> None:
    meetings = merged(report(1, [BIDEN, KISHIDA, YOON]), report(2, [BIDEN, KISHIDA]), report(3, [YOON, KISHIDA]))
    assert len(meetings) == 1 and len(meetings[0].mentions) == 3


# --- conflicts ------------------------------------------------------------------------------------------


def test_the_same_day_in_another_city_is_one_meeting_with_a_place_conflict() -> None:
    paris, marseille = place("Paris", "FR"), place("Marseille", "FR")
    (meeting,) = merged(
        report(1, [BIDEN, KISHIDA], place=paris), report(2, [BIDEN, KISHIDA], place=marseille),
        report(3, [BIDEN, KISHIDA], place=paris),
    )  # fmt: skip
    assert meeting.fields["place"]["city"] == "Paris"  # two documents against one
    assert conflicts(meeting, "place") == [{"field": "place", "values": {"Marseille": [2], "Paris": [1, 3]}}]


def test_a_city_inferred_from_a_dateline_yields_to_a_stated_one_without_a_conflict() -> None:
    (meeting,) = merged(
        report(1, [BIDEN, KISHIDA], place=place("Washington", "US", inferred=True)),
        report(2, [BIDEN, KISHIDA], place=place("Hiroshima", "JP")),
    )
    assert meeting.fields["place"]["city"] == "Hiroshima"
    assert conflicts(meeting, "place") == []


def test_one_document_that_states_two_cities_on_one_day_reports_two_meetings() -> None:
    meetings = merged(
        report(1, [BIDEN, KISHIDA], place=place("Paris", "FR")), report(1, [BIDEN, KISHIDA], place=place("Lyon", "FR"))
    )
    assert len(meetings) == 2 and all(m.conflicts == [] for m in meetings)


def test_a_call_and_a_meeting_in_person_on_one_day_make_a_format_conflict() -> None:
    (meeting,) = merged(
        report(1, [BIDEN, KISHIDA]), report(2, [BIDEN, KISHIDA], format="phone_call"), report(3, [BIDEN, KISHIDA])
    )
    assert meeting.fields["format"] == "in_person"
    assert conflicts(meeting, "format") == [{"field": "format", "values": {"in_person": [1, 3], "phone_call": [2]}}]


def test_sources_that_give_a_leader_another_office_make_an_office_conflict() -> None:
    titled = {**KISHIDA, "office": "Foreign Minister of Japan"}
    (meeting,) = merged(report(1, [BIDEN, KISHIDA]), report(2, [BIDEN, titled]))
    assert conflicts(meeting, "office") == [
        {
            "field": "office",
            "leader": "fumio-kishida",
            "name": "Fumio Kishida",
            "values": {"Foreign Minister of Japan": [2], "Prime Minister of Japan": [1]},
        }
    ]


def test_sources_that_agree_make_no_conflict() -> None:
    (meeting,) = merged(report(1, [BIDEN, KISHIDA]), report(2, [KISHIDA, BIDEN]))
    assert meeting.conflicts == []


# --- what each source adds ---------------------------------------------------------------------------------


def test_quotes_tone_photos_and_summaries_are_kept_with_their_sources() -> None:
    quote = {"text": "We stand together.", "speaker": "Joe Biden"}
    (meeting,) = merged(
        report(
            1,
            [BIDEN, KISHIDA],
            quotes=[quote],
            tone={"score": 0.6, "label": "warm", "cues": ["friendly"]},
            photo={"caption": "The two leaders walk to the lodge.", "credit": "Pool photo"},
            summary="Biden welcomed Kishida to the retreat.",
        ),
        report(
            2,
            [BIDEN, KISHIDA],
            quotes=[quote, {"text": "A new chapter.", "speaker": "Fumio Kishida"}],
            tone={"score": -0.2, "label": "tense", "cues": ["frank"]},
            summary="Kishida and Biden talked about chips.",
        ),
    )
    f = meeting.fields
    assert f["quotes"] == [
        {**quote, "document_id": 1},
        {"text": "A new chapter.", "speaker": "Fumio Kishida", "document_id": 2},
    ]
    assert f["tone"]["score"] == 0.2 and f["tone"]["cues"] == ["frank", "friendly"]
    assert [(t["document_id"], t["label"]) for t in f["tone"]["by_source"]] == [(1, "warm"), (2, "tense")]
    assert f["photo"] == {"caption": "The two leaders walk to the lodge.", "credit": "Pool photo", "document_id": 1}
    assert [s["document_id"] for s in f["summaries"]] == [1, 2]
    assert f["summary"] in {s["text"] for s in f["summaries"]}
