"""Reading the chronology: the timeline with its filters, one meeting in full, counts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError, SummitlineError
from ..kb import KnowledgeBase
from ..kb.lookup import best_leaders
from .database import Database, Row, in_chunks
from .library import findings_for, meeting_sources
from .verdicts import aliases_of, resolve_meeting_id


class NotFoundError(SummitlineError):
    """A meeting, leader, country or topic that the library or knowledge base does not know."""


@dataclass(slots=True)
class TimelineQuery:
    leaders: list[str] = field(default_factory=list)  # leader ids; every one must take part
    countries: list[str] = field(default_factory=list)  # ISO codes; a leader of each must take part
    date_from: str | None = None
    date_to: str | None = None
    formats: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # topic ids, matched exactly (see topic_id)
    limit: int | None = None  # 1 or more; None for every meeting
    search: str | None = None  # full-text search (see store/search.py): only the meetings it finds


class AmbiguousLeaderError(NotFoundError):
    """A name that fits several leaders equally well; the message lists them."""


def leader_for_filter(kb: KnowledgeBase, name: str, date_from: str | None = None, date_to: str | None = None) -> str:
    """The one leader id a user's words name for a timeline filter, using the knowledge base's lookup.

    Among equally good names, those in office within the timeline's dates are kept; when several still
    fit ("kim", or "bush" with no dates), the error lists them with the id to give instead."""
    on = f"{date_from or '0001'}/{date_to or '9999'}" if (date_from or date_to) else None
    found = best_leaders(kb, name, on=on)
    if not found:
        raise NotFoundError(f"no leader called {name!r} in the knowledge base; try `summitline leaders {name}`")
    if len(found) > 1:
        listed = "; ".join(
            f"{m.leader.id} ({m.leader.name}, {m.term.office if m.term else '?'}, "
            f"{m.term.start.year if m.term else '?'}–{m.term.end.year if m.term and m.term.end else 'now'})"
            for m in found[:8]
        )
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        raise AmbiguousLeaderError(
            f"{name!r} fits {len(found)} leaders: {listed}{more}; give a full name or an id, or narrow --from/--to"
        )
    return found[0].leader.id


def leader_ids(kb: KnowledgeBase, name: str) -> list[str]:
    """Leader ids a user's words name: an id, a name or alias ("putin", "George W. Bush")."""
    needle = name.strip().lower()
    exact = [
        lid
        for lid, leader in kb.leaders.items()
        if needle == lid or needle in (a.lower() for a in [leader.name, *leader.aliases])
    ]
    if exact:
        return sorted(exact)
    partial = [lid for lid, leader in kb.leaders.items() if needle in leader.name.lower()]
    if not partial:
        raise NotFoundError(f"no leader called {name!r} in the knowledge base; try a surname such as 'putin'")
    return sorted(partial)


def country_code(kb: KnowledgeBase, name: str) -> str:
    """An ISO code from a code, a name, an alias or an adjective ("US", "united states", "Russian")."""
    needle = name.strip().lower()
    for c in kb.countries.values():
        words = [c.code, c.name, *c.aliases, *c.adjectives]
        if needle in (w.lower() for w in words):
            return c.code
    raise NotFoundError(f"no country called {name!r}; give an ISO code such as US or a name such as 'united states'")


def topic_id(kb: KnowledgeBase, name: str) -> str:
    """The id of a topic of the knowledge base from its id or its label, in any case ("arms_control",
    "Arms control", "arms-control"); the error lists the ids there are."""
    needle = name.strip().lower()
    for topic in kb.topics:
        if needle in (topic.id.lower(), topic.label.lower()) or needle.replace("-", "_").replace(" ", "_") == topic.id:
            return topic.id
    known = ", ".join(sorted(t.id for t in kb.topics))
    raise NotFoundError(f"no topic {name!r} in the knowledge base; give one of: {known}")


def _like_literal(text: str) -> str:
    """``text`` for a LIKE pattern with ``ESCAPE '\\'``: its % and _ match themselves, not any text."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def timeline(db: Database, query: TimelineQuery) -> list[dict[str, Any]]:
    """The meetings that match every filter, by date. The query is driven by the most selective index:
    a leader's meetings by date, else a country's, else all meetings by date."""
    if query.limit is not None and query.limit < 1:
        raise ConfigError(f"limit {query.limit}: give 1 or more, or None for every meeting")
    driven = bool(query.leaders or query.countries)
    sql, params, _, _ = _filtered(db, query, "m.id, m.data, m.source_count" + (", m.date_first" if driven else ""))
    sql += " ORDER BY m.date_first, m.id"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit)
    return _items(db, db.query(sql, params))


def _earlier(value: str) -> str:
    """A date a year and a day before ``value`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
    year = int(value[:4]) - 1
    return f"{year:04d}{value[4:]}" if len(value) > 4 else f"{year:04d}"


def _items(db: Database, rows: list[Row]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    sources = meeting_sources(db, ids)
    findings = findings_for(db, ids)
    aliases = aliases_of(db, ids)
    items = []
    for r in rows:
        data = json.loads(r["data"])
        items.append(
            {
                "id": r["id"],
                **data,
                "source_count": r["source_count"],
                "sources": sources[r["id"]],
                "findings": findings[r["id"]],
                "aliases": aliases[r["id"]],
            }
        )
    return items


def meetings_by_id(db: Database, meeting_ids: list[str]) -> dict[str, dict[str, Any]]:
    """These meetings as :func:`timeline` gives them, by id (an id the library does not hold is left out)."""
    rows: list[Row] = []
    for chunk, marks in in_chunks(meeting_ids):
        rows += db.query(f"SELECT id, data, source_count FROM meetings WHERE id IN ({marks})", chunk)
    return {item["id"]: item for item in _items(db, rows)}


def meeting_days(db: Database, meeting_ids: list[str]) -> dict[str, tuple[str, str]]:
    """The first and last day (ISO) of each of these meetings' dates, as stored, by id."""
    out: dict[str, tuple[str, str]] = {}
    for chunk, marks in in_chunks(meeting_ids):
        for r in db.query(f"SELECT id, date_first, date_last FROM meetings WHERE id IN ({marks})", chunk):
            out[r["id"]] = (r["date_first"], r["date_last"])
    return out


def show(db: Database, meeting_id: str) -> dict[str, Any]:
    """One meeting with every value each source states and the evidence sentences. An id that was merged
    into another meeting shows that meeting, with ``merged_from`` set to the id asked for."""
    asked, meeting_id = meeting_id, resolve_meeting_id(db, meeting_id) or meeting_id
    rows = db.query("SELECT id, data, source_count FROM meetings WHERE id = ?", (meeting_id,))
    if not rows:
        raise NotFoundError(f"no meeting {meeting_id!r} in the library; `summitline timeline` lists the ids")
    item = _items(db, rows)[0]
    item["merged_from"] = asked if asked != meeting_id else None
    mentions = db.query(
        "SELECT m.document_id, m.data, d.url, d.path, d.title FROM meeting_sources s "
        "JOIN mentions m ON m.id = s.mention_id JOIN documents d ON d.id = m.document_id "
        "WHERE s.meeting_id = ? ORDER BY m.document_id, m.ordinal",
        (meeting_id,),
    )
    item["mentions"] = []
    for m in mentions:
        data = json.loads(m["data"])
        item["mentions"].append(
            {
                "document_id": m["document_id"],
                "url": m["url"],
                "path": m["path"],
                "title": m["title"],
                "date": data["date"],
                "place": data.get("place"),
                "format": data["format"],
                "participants": [p["mention"] for p in data["participants"]],
                "quotes": data.get("quotes") or [],
                "tone": data.get("tone"),
                "photo": data.get("photo"),
                "summary": data.get("summary"),
                "evidence": data["evidence"],
            }
        )
    return item


def stats(db: Database) -> dict[str, Any]:
    pairs = db.query(
        "SELECT participants_key, COUNT(*) AS meetings, MIN(date_first) AS first, MAX(date_last) AS last "
        "FROM meetings GROUP BY participants_key ORDER BY meetings DESC, participants_key"
    )
    names = {r["leader_id"]: r["name"] for r in db.query("SELECT DISTINCT leader_id, name FROM meeting_leaders")}
    years = db.query(
        "SELECT SUBSTR(date_first, 1, 4) AS year, COUNT(*) AS meetings FROM meetings GROUP BY SUBSTR(date_first, 1, 4) "
        "ORDER BY year"
    )
    totals = {
        "documents": db.scalar("SELECT COUNT(*) FROM documents"),
        "mentions": db.scalar("SELECT COUNT(*) FROM mentions"),
        "meetings": db.scalar("SELECT COUNT(*) FROM meetings"),
        "conflicts": db.scalar("SELECT COALESCE(SUM(conflict_count), 0) FROM meetings"),
        "failures": db.scalar("SELECT COUNT(*) FROM failures"),
    }
    return {
        "totals": totals,
        "pairs": [
            {
                "leaders": [names.get(i, i) for i in r["participants_key"].split("|")],
                "meetings": r["meetings"],
                "first": r["first"],
                "last": r["last"],
            }
            for r in pairs
        ],
        "years": years,
    }


# --- pages of the chronology, for the web app and the report (``summitline.web.chronology``) ----------------
#
# Paged by keyset: a page starts after the (date_first, id) of the last meeting of the page before, so page
# 2,000 costs what page 1 costs. ``query.search`` restricts to the meetings the full-text index finds.


def timeline_page(db: Database, query: TimelineQuery, *, after: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """One page of the meetings that match every filter, by (date_first, id), starting after ``after``;
    ``query.limit`` is the page's size (None: every meeting). Items as :func:`timeline` gives them."""
    sql, params, date_column, key = _filtered(db, query, "m.id, m.data, m.source_count, m.date_first")
    if after is not None:
        sql += f" AND ({date_column} > ? OR ({date_column} = ? AND {key} > ?))"
        params.extend([after[0], after[0], after[1]])
    sql += f" ORDER BY {date_column}, {key}"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit)
    return _items(db, db.query(sql, params))


def timeline_count(db: Database, query: TimelineQuery) -> int:
    """How many meetings match every filter (``query.limit`` ignored)."""
    sql, params, _, _ = _filtered(db, query, "m.id")
    return int(db.scalar(f"SELECT COUNT(*) FROM ({sql}) f", params) or 0)


def timeline_places(db: Database, query: TimelineQuery) -> list[Row]:
    """The places of the matching meetings: ``place`` (the merged place of one of them), ``meetings`` (how
    many met there) and ``tone`` (their mean tone score, None when none has one); by count, then name."""
    sql, params, _, _ = _filtered(db, query, "m.id")
    tone = _tone_expression(db)
    rows = db.query(
        f"SELECT p.place_name, p.country, COUNT(*) AS meetings, AVG({tone}) AS tone, MIN(p.id) AS sample "
        f"FROM meetings p WHERE p.place_name IS NOT NULL AND p.id IN ({sql}) "
        "GROUP BY p.place_name, p.country ORDER BY meetings DESC, p.place_name, p.country",
        params,
    )
    samples = meeting_data(db, [r["sample"] for r in rows])
    return [
        {"place": samples[r["sample"]].get("place"), **{k: r[k] for k in ("meetings", "tone", "sample")}} for r in rows
    ]


def timeline_tones(db: Database, query: TimelineQuery) -> list[Row]:
    """Every matching meeting that has a tone: ``id``, ``participants_key``, ``date``, ``date_first``,
    ``score``, ``label``; by date."""
    sql, params, _, _ = _filtered(db, query, "m.id")
    tone = _tone_expression(db)
    label = _tone_expression(db, "label")
    rows = db.query(
        f"SELECT p.id, p.participants_key, p.date, p.date_first, {tone} AS score, {label} AS label "
        f"FROM meetings p WHERE p.id IN ({sql}) AND {tone} IS NOT NULL",
        params,
    )  # sorted here: ORDER BY would lead SQLite to walk every meeting by date instead of the filter's few
    return sorted(rows, key=lambda r: (r["date_first"], r["id"]))


def meeting_data(db: Database, meeting_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The merged values (``meetings.data``) of these meetings, by id."""
    out: dict[str, dict[str, Any]] = {}
    for chunk, marks in in_chunks(sorted(set(meeting_ids))):
        for r in db.query(f"SELECT id, data FROM meetings WHERE id IN ({marks})", chunk):
            out[r["id"]] = json.loads(r["data"])
    return out


def leader_names(db: Database, leader_ids: list[str] | None = None) -> dict[str, str]:
    """The names the library gives leaders, by id (every leader of the library when ``leader_ids`` is None)."""
    if leader_ids is None:
        return {r["leader_id"]: r["name"] for r in db.query("SELECT DISTINCT leader_id, name FROM meeting_leaders")}
    out = {}
    for lid in sorted(set(leader_ids)):  # one index look-up each: a prolific leader has thousands of rows
        name = db.scalar("SELECT name FROM meeting_leaders WHERE leader_id = ? LIMIT 1", (lid,))
        if name is not None:
            out[lid] = name
    return out


def library_leaders(db: Database, limit: int = 500) -> list[Row]:
    """The leaders of the library with their number of meetings, most first: ``id``, ``name``, ``meetings``."""
    return db.query(
        "SELECT leader_id AS id, MIN(name) AS name, COUNT(*) AS meetings FROM meeting_leaders "
        "GROUP BY leader_id ORDER BY meetings DESC, leader_id LIMIT ?",
        (limit,),
    )


def reference_records(db: Database, refs: list[str]) -> dict[str, Row]:
    """Stored reference records by their ``kind:record_id`` (as findings name them in ``record``)."""
    out: dict[str, Row] = {}
    for ref in sorted(set(refs)):
        kind, _, record_id = ref.partition(":")
        for r in db.query(
            "SELECT kind, record_id, who, counterpart, country, locale, date_first, date_last, remarks "
            "FROM reference_records WHERE kind = ? AND record_id = ?",
            (kind, record_id),
        ):
            out[ref] = r
    return out


def _tone_expression(db: Database, key: str = "score") -> str:
    """SQL for the merged tone's ``score`` (a number) or ``label`` of meeting ``p``, per dialect."""
    if db.dialect == "postgres":
        value = f"(p.data::jsonb #>> '{{tone,{key}}}')"
        return f"CAST({value} AS DOUBLE PRECISION)" if key == "score" else value
    return f"json_extract(p.data, '$.tone.{key}')"


def _filtered(db: Database, query: TimelineQuery, columns: str) -> tuple[str, list[Any], str, str]:
    """SELECT ``columns`` of the meetings ``m`` that match every filter (no ORDER BY, no LIMIT), its
    parameters, and the date and id columns to order and page it by. Driven by the most selective index, as
    :func:`timeline` is."""
    params: list[Any] = []
    where: list[str] = []
    if query.leaders or query.countries:
        column, value = ("leader_id", query.leaders[0]) if query.leaders else ("country", query.countries[0])
        # by country, DISTINCT: two leaders of one country in one meeting are two rows of meeting_leaders
        distinct = "" if query.leaders else "DISTINCT "
        sql = f"SELECT {distinct}{columns} FROM meeting_leaders d JOIN meetings m ON m.id = d.meeting_id "
        where.append(f"d.{column} = ?")
        params.append(value)
        rest_leaders = query.leaders[1:]
        rest_countries = query.countries if query.leaders else query.countries[1:]
        # a leader's rows are tested before the meeting is read; a country's are DISTINCT, which PostgreSQL
        # orders only by the columns it selects
        date_column, key = ("d.date_first", "d.meeting_id") if query.leaders else ("m.date_first", "m.id")
    else:
        sql = f"SELECT {columns} FROM meetings m "
        rest_leaders, rest_countries = [], []
        date_column, key = "m.date_first", "m.id"
    for lid in rest_leaders:
        where.append(f"EXISTS (SELECT 1 FROM meeting_leaders x WHERE x.meeting_id = {key} AND x.leader_id = ?)")
        params.append(lid)
    for code in rest_countries:
        where.append(f"EXISTS (SELECT 1 FROM meeting_leaders x WHERE x.meeting_id = {key} AND x.country = ?)")
        params.append(code)
    if query.date_from:
        # a meeting that ends on or after the start; its first day is at most a year earlier
        where.append(f"{date_column} >= ? AND m.date_last >= ?")
        params.extend([_earlier(query.date_from), query.date_from])
    if query.date_to:
        where.append(f"{date_column} <= ?")
        params.append(query.date_to + "\uffff")
    if query.formats:
        where.append(f"m.format IN ({','.join('?' * len(query.formats))})")
        params.extend(query.formats)
    for topic in query.topics:  # m.topics is a JSON list: the topic's JSON string, quotes included, exactly
        where.append("m.topics LIKE ? ESCAPE '\\'")
        params.append("%" + _like_literal(json.dumps(topic)) + "%")
    if query.search is not None:
        from .search import match_clause

        condition, values = match_clause(db, query.search, key)
        where.append(condition)
        params.extend(values)
    return sql + "WHERE " + (" AND ".join(where) if where else "1 = 1"), params, date_column, key


def document_meetings(db: Database, document_id: int) -> list[dict[str, Any]]:
    """The meetings a document reports (as :func:`timeline` gives them), by date."""
    rows = db.query(
        "SELECT m.id, m.data, m.source_count FROM meetings m WHERE m.id IN "
        "(SELECT meeting_id FROM meeting_sources WHERE document_id = ?) ORDER BY m.date_first, m.id",
        (document_id,),
    )
    return _items(db, rows)


def document_id_by_sha256(db: Database, sha256: str) -> int | None:
    value = db.scalar("SELECT id FROM documents WHERE sha256 = ?", (sha256,))
    return None if value is None else int(value)
