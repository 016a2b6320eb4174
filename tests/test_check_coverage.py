"""check/coverage.py: the reason a meeting no record bears on is unchecked."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from summitline.check.coverage import why_unchecked
from summitline.check.model import Meeting
from summitline.check.names import RecordIndex
from summitline.check.records import ReferenceRecord

OBAMA = {"id": "barack-obama", "name": "Barack Obama", "mention": "Barack Obama"}
MEDVEDEV = {"id": "dmitry-medvedev", "name": "Dmitry Medvedev", "mention": "Dmitry Medvedev"}
MOSCOW = {"name": "Moscow", "city": "Moscow", "country": "RU"}
WASHINGTON = {"name": "Washington", "city": "Washington", "country": "US"}


def _meeting(day: str, place: dict[str, Any], fmt: str = "in_person", status: str = "held") -> Meeting:
    data = {
        "date": day,
        "date_precision": "day",
        "participants": [OBAMA, MEDVEDEV],
        "place": place,
        "format": fmt,
        "status": status,
    }
    return Meeting("m1", data, [{**data, "document_id": 1}])


def _index(kb: Any, *records: tuple[str, str, str, str]) -> RecordIndex:
    """Records of (kind, who, country, day)."""
    made = [
        ReferenceRecord(kind, str(i), who, None, country, None, date.fromisoformat(d), date.fromisoformat(d), "")
        for i, (kind, who, country, d) in enumerate(records)
    ]
    return RecordIndex.build(made, kb)


@pytest.mark.parametrize(
    "meeting, records, words",
    [
        (_meeting("2010-04-08", MOSCOW, fmt="video_call"), [], "A video call leaves no trip or visit"),
        (_meeting("2010-04-08", MOSCOW, status="planned"), [], "A meeting planned but not held"),
        (_meeting("2010-04-08", {}), [], "No source says where it took place"),
        (_meeting("2010-04-08", MOSCOW), [], "No travel records are in the library"),
        (
            _meeting("2010-04-08", MOSCOW),
            [("trip", "Barack Obama", "CZ", "2012-01-01")],
            "The travel records run from 1 January 2012",
        ),
        (
            _meeting("2010-04-08", WASHINGTON),
            [
                ("visit", "President Nicolas Sarkozy", "FR", "2010-03-30"),
                ("visit", "Nicolas Sarkozy", "FR", "2010-09-23"),
            ],
            "The visit records list no visit of Dmitry Medvedev at all",
        ),
    ],
)
def test_the_reason_names_what_the_records_cannot_tell(
    meeting: Meeting, records: list[tuple[str, str, str, str]], words: str, kb: Any
) -> None:
    assert words in why_unchecked(meeting, kb, _index(kb, *records))


def test_a_meeting_whose_only_contradictions_were_dismissed_says_so(kb: Any) -> None:
    reason = why_unchecked(_meeting("2010-04-08", MOSCOW), kb, _index(kb), dismissed=True)
    assert reason.startswith("Every contradiction found was dismissed by hand")
