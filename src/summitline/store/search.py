"""Full-text search over meeting summaries, quotes and the titles of their source documents, with the
database's own index: SQLite FTS5, PostgreSQL tsvector with a GIN index (migration 7 in ``schema.py``, kept
in step with the meetings by triggers).

What a user types is read here, never handed to the database's query syntax, so any text is safe: words
(all must match), ``"a phrase"``, ``a OR b`` and ``-word`` (must not match), as web search engines read them.
An unclosed quote runs to the end; any other punctuation separates words. Each part reaches the database as
a bound parameter (PostgreSQL) or as a quoted FTS5 string of letters and digits only (SQLite). Words are
stemmed as English (``summits`` finds ``summit``); a search with no word in it finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from .database import Database

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")

#: weights of the summaries, quotes and titles in SQLite's BM25 rank (PostgreSQL: setweight A, B, C)
_BM25_WEIGHTS = (1.0, 0.8, 0.5)


@dataclass(slots=True)
class SearchTerms:
    """A search as read: every group must match (a group is phrases any one of which may), and no phrase of
    ``excluded`` may. A phrase is a tuple of words."""

    groups: list[list[tuple[str, ...]]] = field(default_factory=list)
    excluded: list[tuple[str, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups)


def parse_search(text: str) -> SearchTerms:
    """Read a user's search text (see the module's docstring); never raises."""
    terms = SearchTerms()
    pending_or = False
    for match in _TOKEN.finditer(text):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.upper() == "OR":
            pending_or = bool(terms.groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        phrase = tuple(w.lower() for w in _WORD.findall(quoted if quoted is not None else bare or ""))
        if not phrase:
            continue
        if negated:
            terms.excluded.append(phrase)
        elif pending_or:
            terms.groups[-1].append(phrase)
        else:
            terms.groups.append([phrase])
        pending_or = False
    return terms


def fts5_query(terms: SearchTerms) -> str:
    """The FTS5 MATCH expression of ``terms``: each phrase a string of words (letters and digits only, so no
    quote can close it early), groups joined by AND, exclusions by NOT."""

    def phrase(words: tuple[str, ...]) -> str:
        return '"' + " ".join(words) + '"'

    groups = ["(" + " OR ".join(phrase(p) for p in group) + ")" for group in terms.groups]
    return " AND ".join(groups) + "".join(f" NOT {phrase(p)}" for p in terms.excluded)


def tsquery_sql(terms: SearchTerms) -> tuple[str, list[str]]:
    """A PostgreSQL tsquery expression of ``terms`` built from ``phraseto_tsquery`` of bound parameters."""
    parts: list[str] = []
    params: list[str] = []
    for group in terms.groups:
        parts.append("(" + " || ".join("phraseto_tsquery('english', ?)" for _ in group) + ")")
        params.extend(" ".join(p) for p in group)
    for p in terms.excluded:
        parts.append("!!phraseto_tsquery('english', ?)")
        params.append(" ".join(p))
    return "(" + " && ".join(parts) + ")", params


def match_clause(db: Database, text: str, key: str) -> tuple[str, list[Any]]:
    """A WHERE condition true for the meetings (whose id is the SQL expression ``key``) that ``text`` finds."""
    terms = parse_search(text)
    if not terms:
        return "1 = 0", []
    if db.dialect == "postgres":
        expression, params = tsquery_sql(terms)
        return f"{key} IN (SELECT meeting_id FROM meeting_search WHERE document @@ {expression})", list(params)
    return (
        f"{key} IN (SELECT k.meeting_id FROM meeting_search JOIN meeting_search_keys k ON k.id = meeting_search.rowid "
        "WHERE meeting_search MATCH ?)",
        [fts5_query(terms)],
    )


def search_ids(db: Database, text: str, limit: int | None = 20, offset: int = 0) -> list[tuple[str, float]]:
    """The ids of the meetings ``text`` finds, best first, with their score (higher is better; comparable
    within one search only). ``limit`` None: every one."""
    if limit is not None and limit < 1:
        raise ConfigError(f"limit {limit}: give 1 or more, or None for every meeting")
    if offset < 0:
        raise ConfigError(f"offset {offset}: give 0 or more")
    terms = parse_search(text)
    if not terms:
        return []
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    paging: list[Any] = [limit, offset] if limit is not None else []
    if db.dialect == "postgres":
        expression, params = tsquery_sql(terms)
        rows = db.query(
            f"WITH q AS (SELECT {expression} AS query) SELECT s.meeting_id AS id, ts_rank_cd(s.document, q.query) "
            f"AS score FROM meeting_search s, q WHERE s.document @@ q.query ORDER BY score DESC, s.meeting_id{page}",
            [*params, *paging],
        )
        return [(r["id"], float(r["score"])) for r in rows]
    weights = ", ".join(str(w) for w in _BM25_WEIGHTS)
    rows = db.query(
        f"SELECT k.meeting_id AS id, bm25(meeting_search, {weights}) AS rank FROM meeting_search "
        "JOIN meeting_search_keys k ON k.id = meeting_search.rowid WHERE meeting_search MATCH ? "
        f"ORDER BY rank, k.meeting_id{page}",
        [fts5_query(terms), *paging],
    )
    return [(r["id"], -float(r["rank"])) for r in rows]


def search_meetings(db: Database, query: str, limit: int | None = 20, offset: int = 0) -> list[dict[str, Any]]:
    """The meetings a search finds, best first, as :func:`~summitline.store.queries.timeline` gives them, each
    with its ``score``. ``offset`` skips that many of the best, for the next page."""
    from .queries import meetings_by_id

    found = search_ids(db, query, limit, offset)
    items = meetings_by_id(db, [mid for mid, _ in found])
    return [{**items[mid], "score": score} for mid, score in found if mid in items]
