"""What the checks work on and give: meetings read from the library, and findings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ..kb import KnowledgeBase
from ..merge import date_interval
from ..store.database import Database, in_chunks


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check found about one field of one meeting, and the record that says so."""

    meeting_id: str
    check_name: str  # gathering | term | record
    field: str  # date | place | participants.title
    stated: str | None
    expected: str | None
    record: str | None  # "trip:3738", "visit:1424", "gathering:g20:2017", "term:george-w-bush"
    record_id: str | None
    severity: str  # info | warning | error
    message: str
    confidence: float  # in [0, 1]: how sure, from what the reasoning rests on (``confidence.py``)
    reasoning: str  # one sentence in plain English naming the record that shows it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Stated:
    """A value as some of a meeting's sources state it (all of them when the meeting has one source)."""

    value: str
    when: str  # the date the value goes with: the value itself for a date, the mention's date for a title
    precision: str
    documents: tuple[int, ...]
    several_sources: bool
    inferred: bool = False  # no source states it: read from the publication date or the summit's dates

    @property
    def interval(self) -> tuple[date, date]:
        return date_interval(self.when)

    @property
    def precise(self) -> bool:
        """A day, a span or a month can contradict a record; a year can only agree with one."""
        return self.precision != "year"

    @property
    def documents_note(self) -> str:
        """ " (document 3)" where the meeting's sources disagree, else nothing."""
        if not self.several_sources or not self.documents:
            return ""
        return f" (document{'s' if len(self.documents) > 1 else ''} {', '.join(map(str, self.documents))})"

    @property
    def text(self) -> str:
        """ "2017-06-07", or "2017-06-07 (document 3)"."""
        return self.value + self.documents_note

    @property
    def said(self) -> str:
        """The stated date in words: "7 June 2017", "19–21 November 1985", "June 2001", "2005"."""
        first, last = self.interval
        if self.precision == "year":
            return str(first.year)
        if self.precision == "month":
            return f"{MONTHS[first.month - 1]} {first.year}"
        return say_span(first, last)

    @property
    def on(self) -> str:
        """ "on 7 June 2017", "on 19–21 November 1985", "in June 2001", "in 2005"."""
        return ("on " if self.precision in ("day", "span") else "in ") + self.said


@dataclass(slots=True)
class Meeting:
    """A merged meeting of the library with its mentions (each source's own values)."""

    id: str
    data: dict[str, Any]
    mentions: list[dict[str, Any]]  # each mention's meeting JSON plus its document_id

    @property
    def interval(self) -> tuple[date, date]:
        return date_interval(self.data["date"])

    @property
    def precise(self) -> bool:
        return bool(self.data["date_precision"] != "year")

    @property
    def place(self) -> dict[str, Any]:
        return self.data.get("place") or {}

    @property
    def held_in_person(self) -> bool:
        return bool(self.data["format"] == "in_person" and self.data["status"] == "held")

    @property
    def summaries(self) -> list[str]:
        return [m.get("summary") or "" for m in self.mentions]

    def leader_ids(self, kb: KnowledgeBase) -> list[str]:
        return [p["id"] for p in self.data["participants"] if p.get("id") in kb.leaders]

    def stated_dates(self) -> list[Stated]:
        """The merged date, then every other date a source states ("June 7, 2017" against "July 7")."""
        several = len({m["document_id"] for m in self.mentions}) > 1
        by_date: dict[tuple[str, str], list[int]] = {(self.data["date"], self.data["date_precision"]): []}
        inferred: dict[tuple[str, str], bool] = {}
        for m in self.mentions:
            key = (m["date"], m["date_precision"])
            by_date.setdefault(key, []).append(m["document_id"])
            inferred[key] = inferred.get(key, True) and bool(m.get("date_inferred"))
        return [
            Stated(d, d, p, tuple(sorted(set(docs))), several, inferred.get((d, p), False))
            for (d, p), docs in by_date.items()
        ]

    def stated_titles(self) -> list[tuple[str, Stated]]:
        """(leader id, the title a source gives them with the date it gives the meeting)."""
        several = len({m["document_id"] for m in self.mentions}) > 1
        found: dict[tuple[str, str, str, str], list[int]] = {}
        for m in self.mentions:
            for p in m["participants"]:
                title = (p.get("stated_title") or "").strip()
                if p.get("id") and title:
                    found.setdefault((p["id"], title, m["date"], m["date_precision"]), []).append(m["document_id"])
        return [
            (lid, Stated(title, d, prec, tuple(sorted(set(docs))), several))
            for (lid, title, d, prec), docs in found.items()
        ]


def country_name(kb: KnowledgeBase, code: str | None) -> str | None:
    return kb.countries[code].name if code in kb.countries else code


def gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals; 0 when they overlap."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def span(a: date, b: date) -> str:
    return a.isoformat() if a == b else f"{a.isoformat()} to {b.isoformat()}"


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # fmt: skip  (not %B: the locale's names)


def say_day(d: date) -> str:
    """ "7 June 2017"."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def say_span(a: date, b: date) -> str:
    """ "7 June 2017", "19–21 November 1985", "30 June – 2 July 2007", "30 December 1999 – 2 January 2000"."""
    if a == b:
        return say_day(a)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {MONTHS[b.month - 1]} {b.year}"
    if a.year == b.year:
        return f"{a.day} {MONTHS[a.month - 1]} – {say_day(b)}"
    return f"{say_day(a)} – {say_day(b)}"


def say_days(n: int) -> str:
    """ "1 day", "30 days"."""
    return f"{n} day" if n == 1 else f"{n} days"


def iso_span(a: date, b: date) -> str:
    return a.isoformat() if a == b else f"{a.isoformat()}/{b.isoformat()}"


def load_meetings(db: Database, meeting_ids: list[str] | None) -> list[Meeting]:
    from ..store.queries import NotFoundError

    if meeting_ids is None:
        rows = db.query("SELECT id, data FROM meetings ORDER BY date_first, id")
    else:
        from ..store.verdicts import resolve_meeting_id

        rows, seen = [], set()
        for asked in meeting_ids:
            mid = resolve_meeting_id(db, asked)  # an id merged into another meeting names that meeting
            if mid is None:
                raise NotFoundError(f"no meeting {asked!r} in the library; `summitline timeline` lists the ids")
            if mid not in seen:
                seen.add(mid)
                rows += db.query("SELECT id, data FROM meetings WHERE id = ?", (mid,))
    mentions: dict[str, list[dict[str, Any]]] = {r["id"]: [] for r in rows}
    ids = list(mentions)
    for chunk, marks in in_chunks(ids):
        for r in db.query(
            "SELECT s.meeting_id, m.document_id, m.data FROM meeting_sources s JOIN mentions m ON m.id = s.mention_id "
            f"WHERE s.meeting_id IN ({marks}) ORDER BY m.document_id, m.ordinal",
            chunk,
        ):
            mentions[r["meeting_id"]].append({**json.loads(r["data"]), "document_id": r["document_id"]})
    return [Meeting(r["id"], json.loads(r["data"]), mentions[r["id"]]) for r in rows]
