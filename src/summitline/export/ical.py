"""iCalendar export (RFC 5545): one all-day VEVENT per meeting, its UID from the meeting's id.

An event covers the days its date names, at the date's precision: a day is that day, a span its days, a
month-precision date ("June 2001") the whole month and a year-precision date the whole year; a calendar
thus shows when the meeting may have been without inventing a day, and ``X-SUMMITLINE-DATE-PRECISION`` and
the description say how precise the date is. ``DTEND`` is the day after the last (it is exclusive).
``GEO`` is given only for a placed meeting (see ``record.py``), and ``STATUS`` is TENTATIVE for a planned
meeting. Written by hand, without a dependency; ``DTSTAMP`` is the time of the export unless one is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TextIO

from .record import ExportMeeting
from .web_text import web_url

_PRECISION_WORDS = {"day": "the day", "span": "the days", "month": "the month only", "year": "the year only"}


def text_value(value: str) -> str:
    """A TEXT value escaped (backslash, semicolon, comma, line breaks)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded to lines of at most 75 octets (never inside a UTF-8 character), CRLF-ended."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out) + "\r\n"


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def vevent(meeting: ExportMeeting, stamp: datetime) -> list[str]:
    first = date.fromisoformat(meeting.date_first)
    after_last = date.fromisoformat(meeting.date_last) + timedelta(days=1)
    leaders = " – ".join(p["name"] for p in meeting.leaders)
    summary = leaders + (f" ({meeting.place_name})" if meeting.place_name else "")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting.id}@summitline",
        f"DTSTAMP:{stamp.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{_day(first)}",
        f"DTEND;VALUE=DATE:{_day(after_last)}",
        f"SUMMARY:{text_value(summary)}",
        f"DESCRIPTION:{text_value(_description(meeting))}",
        f"STATUS:{'CONFIRMED' if meeting.status == 'held' else 'TENTATIVE'}",
        f"X-SUMMITLINE-DATE-PRECISION:{meeting.date_precision}",
    ]
    location = ", ".join(v for v in (meeting.place_name, meeting.place_city, meeting.place_country) if v)
    if location:
        lines.append(f"LOCATION:{text_value(location)}")
    if meeting.coordinates is not None:
        lines.append(f"GEO:{meeting.latitude:.6f};{meeting.longitude:.6f}")
    categories = [meeting.format.replace("_", " "), *(t.replace("_", " ") for t in meeting.topics)]
    lines.append("CATEGORIES:" + ",".join(text_value(c) for c in categories))
    url = next((u for s in meeting.sources if (u := web_url(s.get("url")))), None)
    if url and not any(c in url for c in "\r\n"):
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def _description(meeting: ExportMeeting) -> str:
    lines = [f"Date: {meeting.date} ({_PRECISION_WORDS.get(meeting.date_precision, meeting.date_precision)})"]
    lines += [f"{p['name']}: {p['office']}" for p in meeting.leaders if p.get("office")]
    if meeting.occasion:
        lines.append(f"Occasion: {meeting.occasion}")
    if meeting.summary:
        lines.append(meeting.summary)
    if meeting.tone_label:
        lines.append(f"Tone: {meeting.tone_label}")
    for conflict in meeting.conflicts:
        lines.append(f"Sources disagree on the {conflict.get('field')}: " + " vs ".join(conflict.get("values", {})))
    for finding in meeting.findings:
        if finding.get("severity") != "info":
            verdict = f" ({finding['verdict']} by hand)" if finding.get("verdict") else ""
            lines.append(f"Check: {finding.get('message')}{verdict}")
    for s in meeting.sources:
        lines.append("Source: " + " ".join(str(v) for v in (s.get("title"), s.get("url") or s.get("file")) if v))
    return "\n".join(lines)


def write_ical(meetings: Iterable[ExportMeeting], out: TextIO, stamp: datetime | None = None) -> int:
    """Write the calendar; ``out`` should be opened with ``newline=""`` so that CRLF stays CRLF."""
    stamp = stamp or datetime.now(UTC)
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//summitline//meetings export//EN", "CALSCALE:GREGORIAN"]
    count = 0
    for line in head:
        out.write(fold(line))
    for meeting in meetings:
        for line in vevent(meeting, stamp):
            out.write(fold(line))
        count += 1
    out.write(fold("END:VCALENDAR"))
    return count
