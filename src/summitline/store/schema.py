"""The versioned schema: ordered, named migrations, each applied once in its own transaction; and what
tells a summitline library from another program's database."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from .database import Database, StoreError

# --- the full-text index's text (migration 7): summaries (each source's, else the merged one), quotes, and
# the titles of the source documents. Written to survive what a merged meeting may hold: a list missing or
# null, its items objects with a "text" or plain strings.

_SEARCH_KEY = "(SELECT id FROM meeting_search_keys WHERE meeting_id = {meeting})"
_SQLITE_TEXTS_OF = (
    "(SELECT group_concat(CASE j.type WHEN 'object' THEN json_extract(j.value, '$.text') "
    "WHEN 'text' THEN j.value END, ' ') FROM json_each({data}, '$.{key}') j)"
)
_SQLITE_SUMMARY = "COALESCE(" + _SQLITE_TEXTS_OF.replace("{key}", "summaries") + ", json_extract({data}, '$.summary'))"
_SQLITE_QUOTES = _SQLITE_TEXTS_OF.replace("{key}", "quotes")
_SQLITE_TITLES = (
    "(SELECT group_concat(d.title, ' ') FROM documents d WHERE d.title IS NOT NULL AND d.id IN "
    "(SELECT s.document_id FROM meeting_sources s WHERE s.meeting_id = {meeting}))"
)


def _sqlite_texts(data: str, meeting: str) -> str:
    return ", ".join(
        (_SQLITE_SUMMARY.format(data=data), _SQLITE_QUOTES.format(data=data), _SQLITE_TITLES.format(meeting=meeting))
    )


_POSTGRES_TEXTS_OF = """(SELECT string_agg(
        CASE jsonb_typeof(x) WHEN 'string' THEN x #>> '{{}}' ELSE x ->> 'text' END, ' ')
    FROM jsonb_array_elements(CASE jsonb_typeof(j -> '{key}') WHEN 'array' THEN j -> '{key}' ELSE '[]' END) x)"""
_POSTGRES_DOCUMENT = f"""CREATE FUNCTION summitline_search_document(meeting_key TEXT, meeting_data TEXT)
    RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english',
            COALESCE({_POSTGRES_TEXTS_OF.format(key="summaries")}, j ->> 'summary', '')), 'A')
        || setweight(to_tsvector('english', COALESCE({_POSTGRES_TEXTS_OF.format(key="quotes")}, '')), 'B')
        || setweight(to_tsvector('english', COALESCE((SELECT string_agg(d.title, ' ') FROM documents d
            WHERE d.title IS NOT NULL AND d.id IN (SELECT s.document_id FROM meeting_sources s
            WHERE s.meeting_id = meeting_key)), '')), 'C')
    FROM (SELECT CAST(meeting_data AS jsonb) AS j) AS parsed $$"""

#: one statement for both dialects, or one per dialect ({"sqlite": …, "postgres": …}; a dialect not named
#: runs nothing)
Statement = str | dict[str, str]

MIGRATIONS: list[tuple[str, list[Statement]]] = [
    (
        "documents, mentions, meetings",
        [
            """CREATE TABLE documents (
                id {id}, sha256 TEXT NOT NULL UNIQUE, source TEXT, path TEXT, url TEXT, title TEXT,
                published TEXT, media_type TEXT, text TEXT NOT NULL, ingested_at TEXT NOT NULL)""",
            """CREATE TABLE mentions (
                id {id}, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL, participants_key TEXT NOT NULL, date TEXT NOT NULL,
                date_first TEXT NOT NULL, date_last TEXT NOT NULL, date_precision TEXT NOT NULL,
                place_name TEXT, place_city TEXT, country TEXT, format TEXT NOT NULL, status TEXT NOT NULL,
                occasion TEXT, data TEXT NOT NULL)""",
            "CREATE INDEX mentions_participants ON mentions (participants_key)",
            "CREATE INDEX mentions_document ON mentions (document_id)",
            """CREATE TABLE meetings (
                id TEXT PRIMARY KEY, participants_key TEXT NOT NULL, date TEXT NOT NULL,
                date_first TEXT NOT NULL, date_last TEXT NOT NULL, date_precision TEXT NOT NULL,
                place_name TEXT, country TEXT, format TEXT NOT NULL, status TEXT NOT NULL, occasion TEXT,
                topics TEXT NOT NULL, source_count INTEGER NOT NULL, conflict_count INTEGER NOT NULL,
                data TEXT NOT NULL)""",
            "CREATE INDEX meetings_date ON meetings (date_first, date_last)",
            "CREATE INDEX meetings_participants ON meetings (participants_key)",
            """CREATE TABLE meeting_leaders (
                meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
                leader_id TEXT NOT NULL, name TEXT NOT NULL, country TEXT,
                date_first TEXT NOT NULL, PRIMARY KEY (meeting_id, leader_id))""",
            "CREATE INDEX meeting_leaders_leader ON meeting_leaders (leader_id, date_first)",
            "CREATE INDEX meeting_leaders_country ON meeting_leaders (country, date_first)",
            """CREATE TABLE meeting_sources (
                meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
                mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
                document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                PRIMARY KEY (meeting_id, mention_id))""",
            "CREATE INDEX meeting_sources_document ON meeting_sources (document_id)",
            """CREATE TABLE failures (
                id {id}, source TEXT NOT NULL, sha256 TEXT, reason TEXT NOT NULL, at TEXT NOT NULL)""",
        ],
    ),
    (
        "findings and reference records",
        [
            """CREATE TABLE findings (
                id {id}, meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
                check_name TEXT NOT NULL, field TEXT NOT NULL, stated TEXT, expected TEXT, record TEXT,
                record_id TEXT, severity TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL)""",
            "CREATE INDEX findings_meeting ON findings (meeting_id)",
            """CREATE TABLE reference_records (
                id {id}, kind TEXT NOT NULL, record_id TEXT NOT NULL, who TEXT NOT NULL,
                counterpart TEXT, country TEXT, locale TEXT, date_first TEXT NOT NULL, date_last TEXT NOT NULL,
                remarks TEXT, UNIQUE (kind, record_id))""",
            "CREATE INDEX reference_records_dates ON reference_records (date_first, date_last)",
        ],
    ),
    (
        "index for 'a leader of this country took part'",
        # the timeline checks further leaders and countries per meeting; without this index SQLite
        # answers "a US leader took part" by scanning every US row for each meeting
        ["CREATE INDEX meeting_leaders_meeting_country ON meeting_leaders (meeting_id, country)"],
    ),
    (
        "covering indexes for a leader's and a country's meetings by date",
        # with the meeting id in the index, the timeline filters a leader's meetings without reading them
        [
            "DROP INDEX meeting_leaders_leader",
            "DROP INDEX meeting_leaders_country",
            "CREATE INDEX meeting_leaders_leader ON meeting_leaders (leader_id, date_first, meeting_id)",
            "CREATE INDEX meeting_leaders_country ON meeting_leaders (country, date_first, meeting_id)",
        ],
    ),
    (
        "stable meeting ids: aliases of merged meetings, hand verdicts on findings",
        # meetings are now updated in place and keep their ids; an id merged into another meeting resolves
        # through meeting_aliases. Verdicts are keyed by what a finding says, not by its row, so that they
        # outlive the findings recomputed at every ingest; no foreign key: they are kept when a meeting goes
        [
            """CREATE TABLE meeting_aliases (
                old_id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL, at TEXT NOT NULL)""",
            "CREATE INDEX meeting_aliases_meeting ON meeting_aliases (meeting_id)",
            """CREATE TABLE verdicts (
                meeting_id TEXT NOT NULL, check_name TEXT NOT NULL, field TEXT NOT NULL, record TEXT NOT NULL,
                stated TEXT NOT NULL, verdict TEXT NOT NULL, note TEXT, at TEXT NOT NULL,
                PRIMARY KEY (meeting_id, check_name, field, record, stated))""",
            # a re-merge finds the meetings that hold a set of leaders' mentions
            "CREATE INDEX meeting_sources_mention ON meeting_sources (mention_id)",
        ],
    ),
    (
        "how sure a finding is, and its reasoning in one sentence",
        # confidence in [0, 1]; NULL on findings written before this migration, until they are recomputed
        [
            "ALTER TABLE findings ADD COLUMN confidence REAL",
            "ALTER TABLE findings ADD COLUMN reasoning TEXT",
        ],
    ),
    (
        "full-text search over meeting summaries, quotes and source titles",
        # the database's own index (SQLite FTS5, PostgreSQL tsvector + GIN), kept in step by triggers on
        # meetings and meeting_sources, so that the code that writes meetings needs to know nothing of it;
        # the last statements index the meetings already there (see search.py)
        [
            # SQLite: an FTS5 table (its rowid from meeting_search_keys, since a meeting's own rowid may change
            # on VACUUM), stemmed English words with accents folded
            {"sqlite": "CREATE TABLE meeting_search_keys (id INTEGER PRIMARY KEY, meeting_id TEXT NOT NULL UNIQUE)"},
            {
                "sqlite": "CREATE VIRTUAL TABLE meeting_search USING fts5(summary, quotes, titles, "
                "tokenize = 'porter unicode61 remove_diacritics 2')"
            },
            {
                "sqlite": f"""CREATE TRIGGER meetings_search_insert AFTER INSERT ON meetings BEGIN
                    INSERT OR IGNORE INTO meeting_search_keys (meeting_id) VALUES (NEW.id);
                    DELETE FROM meeting_search WHERE rowid = {_SEARCH_KEY.format(meeting="NEW.id")};
                    INSERT INTO meeting_search (rowid, summary, quotes, titles)
                    SELECT k.id, {_sqlite_texts("NEW.data", "NEW.id")} FROM meeting_search_keys k
                    WHERE k.meeting_id = NEW.id;
                END"""
            },
            {
                "sqlite": f"""CREATE TRIGGER meetings_search_update AFTER UPDATE OF data ON meetings BEGIN
                    UPDATE meeting_search SET summary = {_SQLITE_SUMMARY.format(data="NEW.data")},
                    quotes = {_SQLITE_QUOTES.format(data="NEW.data")}
                    WHERE rowid = {_SEARCH_KEY.format(meeting="NEW.id")};
                END"""
            },
            {
                "sqlite": f"""CREATE TRIGGER meetings_search_delete AFTER DELETE ON meetings BEGIN
                    DELETE FROM meeting_search WHERE rowid = {_SEARCH_KEY.format(meeting="OLD.id")};
                    DELETE FROM meeting_search_keys WHERE meeting_id = OLD.id;
                END"""
            },
            *(
                {
                    "sqlite": f"""CREATE TRIGGER meeting_sources_search_{event.lower()} AFTER {event} ON meeting_sources
                    WHEN (SELECT title FROM documents WHERE id = {row}.document_id) IS NOT NULL BEGIN
                        UPDATE meeting_search SET titles = {_SQLITE_TITLES.format(meeting=row + ".meeting_id")}
                        WHERE rowid = {_SEARCH_KEY.format(meeting=row + ".meeting_id")};
                    END"""
                }
                for event, row in (("INSERT", "NEW"), ("DELETE", "OLD"))
            ),
            {"sqlite": "INSERT INTO meeting_search_keys (meeting_id) SELECT id FROM meetings"},
            {
                "sqlite": f"""INSERT INTO meeting_search (rowid, summary, quotes, titles)
                    SELECT k.id, {_sqlite_texts("m.data", "m.id")} FROM meeting_search_keys k
                    JOIN meetings m ON m.id = k.meeting_id"""
            },
            # PostgreSQL: a tsvector per meeting (summaries weigh A, quotes B, titles C) with a GIN index
            {
                "postgres": """CREATE TABLE meeting_search (
                    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
                    document tsvector NOT NULL)"""
            },
            {"postgres": "CREATE INDEX meeting_search_document ON meeting_search USING GIN (document)"},
            {"postgres": _POSTGRES_DOCUMENT},
            {
                "postgres": """CREATE FUNCTION summitline_index_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO meeting_search (meeting_id, document)
                    VALUES (NEW.id, summitline_search_document(NEW.id, NEW.data))
                    ON CONFLICT (meeting_id) DO UPDATE SET document = EXCLUDED.document;
                    RETURN NULL;
                END $$"""
            },
            {
                "postgres": "CREATE TRIGGER meetings_search AFTER INSERT OR UPDATE OF data ON meetings "
                "FOR EACH ROW EXECUTE FUNCTION summitline_index_meeting()"
            },
            {
                "postgres": """CREATE FUNCTION summitline_index_meeting_sources() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    source meeting_sources;
                BEGIN
                    IF TG_OP = 'DELETE' THEN source := OLD; ELSE source := NEW; END IF;
                    IF EXISTS (SELECT 1 FROM documents WHERE id = source.document_id AND title IS NOT NULL) THEN
                        UPDATE meeting_search SET document = summitline_search_document(m.id, m.data) FROM meetings m
                        WHERE m.id = source.meeting_id AND meeting_search.meeting_id = m.id;
                    END IF;
                    RETURN NULL;
                END $$"""
            },
            {
                "postgres": "CREATE TRIGGER meeting_sources_search AFTER INSERT OR DELETE ON meeting_sources "
                "FOR EACH ROW EXECUTE FUNCTION summitline_index_meeting_sources()"
            },
            {
                "postgres": "INSERT INTO meeting_search (meeting_id, document) "
                "SELECT id, summitline_search_document(id, data) FROM meetings"
            },
        ],
    ),
    (
        "documents' text kept compressed or not at all, the crawl's date, checkpoints of interrupted ingests",
        # a crawl's library need not keep every page's text: text_kept says how it is kept ('full' in
        # text, 'compressed' as zlib in text_zlib with text empty, 'none'); crawled is a WARC record's day,
        # the latest its publication can be; a checkpoint is the position of the last record an ingest
        # finished in one input file (of this size and modification time), or that the file is finished
        [
            "ALTER TABLE documents ADD COLUMN text_kept TEXT NOT NULL DEFAULT 'full'",
            {
                "sqlite": "ALTER TABLE documents ADD COLUMN text_zlib BLOB",
                "postgres": "ALTER TABLE documents ADD COLUMN text_zlib BYTEA",
            },
            "ALTER TABLE documents ADD COLUMN crawled TEXT",
            """CREATE TABLE ingest_checkpoints (
                input TEXT PRIMARY KEY, size BIGINT NOT NULL, modified_ns BIGINT NOT NULL,
                byte_offset BIGINT NOT NULL, line BIGINT NOT NULL, records BIGINT NOT NULL,
                finished INTEGER NOT NULL, at TEXT NOT NULL)""",
        ],
    ),
    (
        "a set of leaders' mentions by date",
        # a re-merge reads only the mentions of a set of leaders near a new document's dates (remerge.py):
        # with the dates in the index it finds them without reading every mention of a busy pair
        [
            "DROP INDEX mentions_participants",
            "CREATE INDEX mentions_participants ON mentions (participants_key, date_first, date_last)",
        ],
    ),
]


def library_tables() -> list[str]:
    """The tables a library has once migrated, ``schema_migrations`` included."""
    names = {"schema_migrations"}
    for _, statements in MIGRATIONS:
        texts = [t for s in statements for t in ([s] if isinstance(s, str) else s.values())]
        names.update(m[1] for t in texts if (m := re.match(r"\s*CREATE TABLE (\w+)", t)))
    return sorted(names)


def pending_migrations(db: Database) -> list[int]:
    """The versions of the migrations the library lacks (every one for an empty database). Reads only.

    A database that holds tables but is no summitline library (no ``schema_migrations`` of ours), or a
    library of a newer summitline, is refused with a :class:`StoreError` that says what was found."""
    tables = db.table_names()
    if not tables:
        return list(range(1, len(MIGRATIONS) + 1))
    ours = "schema_migrations" in tables and {"version", "name", "applied_at"} <= set(db.columns("schema_migrations"))
    rows = db.query("SELECT version, name FROM schema_migrations ORDER BY version") if ours else []
    if not ours or any(r["version"] == 1 and r["name"] != MIGRATIONS[0][0] for r in rows):
        raise StoreError(_foreign(db, tables))
    done = {int(r["version"]) for r in rows}
    if done and max(done) > len(MIGRATIONS):
        raise StoreError(
            f"{db.target}: a library of a newer summitline (schema version {max(done)}; this one knows up to "
            f"{len(MIGRATIONS)}); upgrade summitline to use it"
        )
    return [v for v in range(1, len(MIGRATIONS) + 1) if v not in done]


def _foreign(db: Database, tables: list[str]) -> str:
    listed = ", ".join(tables[:6]) + (f" and {len(tables) - 6} more" if len(tables) > 6 else "")
    instead = (
        "a new database (createdb) or a schema of its own for the library"
        if db.dialect == "postgres"
        else "a new file name for the library"
    )
    return (
        f"{db.target}: holds another program's tables ({listed}), not a summitline library; "
        f"nothing was changed; give {instead}"
    )


def migrate(db: Database) -> list[str]:
    """Apply the migrations not yet applied, each in its own transaction; return their names.

    Safe when several processes open a new library at once: each migration's transaction first takes the
    lock (SQLite's write lock from ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), then looks again whether
    the migration is applied, so exactly one process applies it and the others find it done."""
    applied: list[str] = []
    pending = pending_migrations(db)
    db.release()
    for version in pending:
        name, statements = MIGRATIONS[version - 1]
        with db.transaction():
            db.lock(["schema_migrations"])
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TEXT NOT NULL)"
            )
            if db.scalar("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)):
                continue
            for statement in statements:
                text = statement if isinstance(statement, str) else statement.get(db.dialect)
                if text:
                    db.execute(text)
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(name)
    return applied
