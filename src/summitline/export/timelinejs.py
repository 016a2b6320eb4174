"""TimelineJS export: the JSON that TimelineJS3 loads as it is (``{"events": [...]}``), one slide per meeting.

Dates keep their precision: a year gives only ``year``, a month ``year`` and ``month``, a day all three, and
a span a ``start_date`` and an ``end_date``. TimelineJS shows ``headline`` and ``text`` as HTML, so every
value taken from the library is escaped and links are kept only for http(s) URLs; the markup around them is
ours.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any, TextIO

from .record import ExportMeeting
from .web_text import web_url


def date_object(value: str) -> dict[str, int]:
    """A TimelineJS date from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, with only the parts known."""
    parts = [int(p) for p in value.split("-")]
    return dict(zip(("year", "month", "day"), parts, strict=False))


def event(meeting: ExportMeeting) -> dict[str, Any]:
    start, _, end = meeting.date.partition("/")
    slide: dict[str, Any] = {
        "unique_id": meeting.id,
        "start_date": date_object(start),
        "text": {"headline": html.escape(" – ".join(p["name"] for p in meeting.leaders)), "text": _body(meeting)},
        "group": html.escape(meeting.occasion or meeting.format.replace("_", " ")),
    }
    if end:
        slide["end_date"] = date_object(end)
    return slide


def _body(meeting: ExportMeeting) -> str:
    e = html.escape
    facts = [meeting.date, meeting.place_name or "place not stated", meeting.format.replace("_", " ")]
    if meeting.status != "held":
        facts.append(meeting.status)
    offices = [f"{p['name']} ({p['office']})" for p in meeting.leaders if p.get("office")]
    parts = [f"<p>{e(' · '.join(facts))}</p>"]
    if offices:
        parts.append(f"<p>{e('; '.join(offices))}</p>")
    if meeting.summary:
        parts.append(f"<p>{e(meeting.summary)}</p>")
    for quote in meeting.quotes[:1]:
        parts.append(f"<blockquote>{e(quote.get('text') or '')} — {e(quote.get('speaker') or '')}</blockquote>")
    if meeting.topics or meeting.tone_label:
        tags = [t.replace("_", " ") for t in meeting.topics] + (
            [f"tone: {meeting.tone_label}"] if meeting.tone_label else []
        )
        parts.append(f"<p>{e(', '.join(tags))}</p>")
    for conflict in meeting.conflicts:
        values = " vs ".join(str(v) for v in conflict.get("values", {}))
        parts.append(f"<p>Sources disagree on the {e(str(conflict.get('field')))}: {e(values)}</p>")
    for finding in meeting.findings:
        if finding.get("severity") != "info":
            verdict = f" ({finding['verdict']} by hand)" if finding.get("verdict") else ""
            parts.append(f"<p>Check: {e(finding.get('message') or '')}{e(verdict)}</p>")
    parts.append("<p>Sources: " + ", ".join(_source(s) for s in meeting.sources) + "</p>")
    return "".join(parts)


def _source(source: dict[str, Any]) -> str:
    label = html.escape(source.get("title") or source.get("url") or source.get("file") or "a document")
    url = web_url(source.get("url"))
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>' if url else label


def write_timelinejs(meetings: Iterable[ExportMeeting], out: TextIO, title: str | None = None) -> int:
    events = [event(m) for m in meetings]
    data: dict[str, Any] = {"events": events}
    if title:
        data["title"] = {"text": {"headline": html.escape(title), "text": ""}}
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(events)
