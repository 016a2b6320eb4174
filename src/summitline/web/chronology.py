"""The chronology as pages read it: filters in a user's words, meeting cards, pages of cards.

A :class:`ChronologyFilter` holds what a user typed or a URL carries (leader names or ids, country names or
codes, years or dates, formats, topics, words to search). :func:`resolve_filter` turns it into the store's
:class:`~summitline.store.queries.TimelineQuery`; :func:`chronology` returns one :class:`ChronologyPage` of
meeting cards in date order.

Paging is by keyset, not by offset: a page ends with a ``cursor`` (``DATE_FIRST~MEETING_ID`` of its last
meeting) and the next page starts after it, so every page costs what the first costs, at any depth of a
library of 10^5 meetings. Give ``after=cursor`` for the next page; there is no "page N".

Words to search (``q``) go to the library's full-text index over summaries, quotes and source titles
(``summitline.store.search``: SQLite FTS5, PostgreSQL tsvector) inside the same SQL as the other filters, so
a search is paged like any other filter and cards stay in date order.
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from ..errors import ConfigError
from ..kb import KnowledgeBase
from ..store.database import Database
from ..store.queries import (
    NotFoundError,
    TimelineQuery,
    country_code,
    leader_for_filter,
    timeline_count,
    timeline_page,
    topic_id,
)

#: cards on one page when the caller does not say
PAGE_SIZE = 50
#: most cards on one page
MAX_PAGE_SIZE = 500
FORMATS = ("in_person", "video_call", "phone_call")
FORMAT_LABELS = {"in_person": "in person", "video_call": "video call", "phone_call": "phone call"}


@dataclass(slots=True)
class ChronologyFilter:
    """The filters of a page, as a user gives them (each list: every value must hold)."""

    leader: list[str] = field(default_factory=list)  # names or ids ("putin", "george-w-bush")
    country: list[str] = field(default_factory=list)  # codes or names ("US", "germany")
    date_from: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_to: str | None = None
    format: list[str] = field(default_factory=list)  # in_person, video_call, phone_call
    topic: list[str] = field(default_factory=list)  # topic ids or labels
    q: str | None = None  # words to search in summaries, quotes and source titles

    def query_pairs(self) -> list[tuple[str, str]]:
        """The filter as URL query pairs (empty values left out), in a stable order."""
        pairs: list[tuple[str, str]] = []
        for name, value in asdict(self).items():
            for v in value if isinstance(value, list) else [value]:
                if v not in (None, ""):
                    pairs.append((name, str(v)))
        return pairs

    def is_empty(self) -> bool:
        return not self.query_pairs()


@dataclass(slots=True)
class ChronologyPage:
    """One page of cards, the number of meetings matching, and the cursor of the next page (None: last)."""

    cards: list[dict[str, Any]]
    total: int
    next_cursor: str | None


def resolve_filter(kb: KnowledgeBase, filt: ChronologyFilter) -> TimelineQuery:
    """The store's query for a filter; names the knowledge base cannot resolve raise :class:`NotFoundError`
    (an ambiguous leader lists the candidates), a bad date or format :class:`ConfigError`."""
    for value, flag in ((filt.date_from, "from"), (filt.date_to, "to")):
        if value and _bounds(value) is None:
            raise ConfigError(f"{flag} {value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    if filt.date_from and filt.date_to and _bounds(filt.date_from)[0] > _bounds(filt.date_to)[1]:  # type: ignore[index]
        raise ConfigError(f"from {filt.date_from} is after to {filt.date_to}; give the earlier date first")
    for fmt in filt.format:
        if fmt not in FORMATS:
            raise ConfigError(f"format {fmt!r}: give one of {', '.join(FORMATS)}")
    query = TimelineQuery(
        date_from=filt.date_from or None,
        date_to=filt.date_to or None,
        formats=list(filt.format),
        topics=[topic_id(kb, t) for t in filt.topic],
        search=filt.q.strip() if filt.q and filt.q.strip() else None,
    )
    for name in filt.leader:
        query.leaders.append(name if name in kb.leaders else leader_for_filter(kb, name, filt.date_from, filt.date_to))
    query.countries = [country_code(kb, c) for c in filt.country]
    return query


def chronology(
    db: Database,
    kb: KnowledgeBase,
    filt: ChronologyFilter,
    *,
    after: str | None = None,
    limit: int | None = PAGE_SIZE,
) -> ChronologyPage:
    """One page of meeting cards matching ``filt`` in date order, after the cursor ``after``; ``limit=None``
    gives every matching meeting on one page (the report)."""
    if limit is not None and not 1 <= limit <= MAX_PAGE_SIZE:
        raise ConfigError(f"limit {limit}: give a number of cards from 1 to {MAX_PAGE_SIZE}")
    query = resolve_filter(kb, filt)
    query.limit = limit + 1 if limit is not None else None  # one more tells whether a next page exists
    items = timeline_page(db, query, after=parse_cursor(after) if after else None)
    more = limit is not None and len(items) > limit
    items = items[:limit] if limit is not None else items
    cards = [card(item, kb) for item in items]
    total = timeline_count(db, query)
    return ChronologyPage(cards, total, cards[-1]["cursor"] if more and cards else None)


def parse_cursor(cursor: str) -> tuple[str, str]:
    """``DATE_FIRST~MEETING_ID`` -> (date_first, id); anything else is a :class:`ConfigError`."""
    first, sep, mid = cursor.partition("~")
    if not sep or not mid or _bounds(first) is None:
        raise ConfigError(f"cursor {cursor!r}: give the cursor a page ended with (DATE~MEETING_ID)")
    return first, mid


# --- cards -------------------------------------------------------------------------------------------------


def card(item: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    """A timeline item as a card: what a chronology page shows of one meeting, every value display-ready
    (document text stays text: the templates escape it)."""
    place = item.get("place") or None
    first = _date_first(item["date"])
    return {
        "id": item["id"],
        "cursor": f"{first}~{item['id']}",
        "date": item["date"],
        "date_precision": item.get("date_precision"),
        "date_label": date_label(item["date"]),
        "year": int(first[:4]),
        "place": place,
        "place_label": place_label(place, kb),
        "place_precision": place_precision(place),
        "participants": [
            {"id": p.get("id"), "name": p["name"], "office": p.get("office"), "country": p.get("country")}
            for p in item.get("participants", [])
        ],
        "format": item.get("format"),
        "format_label": FORMAT_LABELS.get(item.get("format") or "", item.get("format")),
        "status": item.get("status"),
        "occasion": item.get("occasion"),
        "summary": item.get("summary"),
        "topics": [{"id": t, "label": _topic_label(kb, t)} for t in item.get("topics", [])],
        "quote": best_quote(item),
        "tone": item.get("tone"),
        "photo": item.get("photo"),
        "caption": _caption(item),
        "source_count": item.get("source_count", 0),
        "sources": item.get("sources", []),
        "badges": badges(item),
    }


def badges(item: dict[str, Any]) -> list[dict[str, Any]]:
    """One badge per conflict between sources and per finding of a check: ``kind`` (conflict, finding),
    ``severity`` (conflict, warning, error, info), a short ``label`` and the whole ``text``."""
    out = []
    for c in item.get("conflicts", []):
        what = f"{c['field']} of {c['name']}" if c.get("name") else c["field"]
        out.append(
            {
                "kind": "conflict",
                "severity": "conflict",
                "label": f"{what} conflict",
                "text": f"sources disagree on the {what}: " + " vs ".join(str(v) for v in c.get("values", {})),
            }
        )
    for f in item.get("findings", []):
        verdict = (f.get("verdict") or {}).get("verdict")
        label = "supported" if f["severity"] == "info" else f"{f['field']} {f['severity']}"
        out.append(
            {
                "kind": "finding",
                "severity": f["severity"],
                "label": label + (f" ({verdict})" if verdict else ""),
                "text": f.get("message") or "",
                "id": f.get("id"),
            }
        )
    return out


def best_quote(item: dict[str, Any]) -> dict[str, str] | None:
    """The quote a card shows: one spoken by a participant before any other, then the one nearest a
    tweet's length (a few words say little, a paragraph is too much for a card)."""
    quotes = [q for q in item.get("quotes") or [] if q.get("text")]
    if not quotes:
        return None
    names = {w.lower() for p in item.get("participants", []) for w in p["name"].split()}

    def rank(q: dict[str, Any]) -> tuple[int, int]:
        by_participant = any(w.lower() in names for w in str(q.get("speaker") or "").split())
        return (0 if by_participant else 1, abs(len(q["text"]) - 140))

    best = min(quotes, key=rank)
    return {"text": best["text"], "speaker": best.get("speaker") or ""}


def _caption(item: dict[str, Any]) -> str | None:
    """The photo's caption where it says more than the summary (a gallery's summary is its caption's first
    sentence: the card shows the rest, not the sentence twice)."""
    caption = (item.get("photo") or {}).get("caption")
    summary = item.get("summary") or ""
    if not caption or caption == summary:
        return None
    return caption[len(summary) :].strip() or None if summary and caption.startswith(summary) else caption


def _topic_label(kb: KnowledgeBase, topic: str) -> str:
    for t in kb.topics:
        if t.id == topic:
            return t.label
    return topic.replace("_", " ")


# --- dates and places at their precision --------------------------------------------------------------------


def date_label(value: str) -> str:
    """An ISO date at its precision as a reader writes it: "2005", "June 2001", "June 4, 2000",
    "November 19–21, 1985", "April 28 – May 2, 1994"."""
    start, sep, end = value.partition("/")
    if not sep:
        return _one_date(start)
    a, b = start.split("-"), end.split("-")
    if len(a) == len(b) == 3 and a[0] == b[0]:
        if a[1] == b[1]:
            return f"{calendar.month_name[int(a[1])]} {int(a[2])}–{int(b[2])}, {a[0]}"
        return f"{calendar.month_name[int(a[1])]} {int(a[2])} – {calendar.month_name[int(b[1])]} {int(b[2])}, {a[0]}"
    return f"{_one_date(start)} – {_one_date(end)}"


def _one_date(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{month} {int(parts[2])}, {parts[0]}"


def place_precision(place: dict[str, Any] | None) -> str | None:
    """How precise a place is: venue, city, region or country (None: no place)."""
    if not place:
        return None
    for key in ("venue", "city", "region"):
        if place.get(key):
            return key
    return "country"


def place_label(place: dict[str, Any] | None, kb: KnowledgeBase) -> str | None:
    """A place at its precision with its country's name: "Brdo Castle, Kranj, Slovenia", "Malta"."""
    if not place:
        return None
    country = kb.countries.get(place.get("country") or "")
    name = place.get("name") or ""
    label = name
    if country and country.name.lower() not in name.lower():
        label = f"{name}, {country.name}" if name else country.name
    return label + (" (inferred)" if place.get("inferred") else "")


def _bounds(value: str) -> tuple[date, date] | None:
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None for anything else."""
    parts = value.strip().split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            y = int(parts[0])
            return date(y, 1, 1), date(y, 12, 31)
        if len(parts) == 2 and len(parts[0]) == 4:
            y, m = int(parts[0]), int(parts[1])
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        if len(parts) == 3 and len(parts[0]) == 4:
            d = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return d, d
    except ValueError:
        return None
    return None


def _date_first(value: str) -> str:
    bounds = _bounds(value.partition("/")[0])
    return bounds[0].isoformat() if bounds else value[:10]


__all__ = [
    "ChronologyFilter",
    "ChronologyPage",
    "NotFoundError",
    "card",
    "chronology",
    "date_label",
    "place_label",
    "resolve_filter",
]
