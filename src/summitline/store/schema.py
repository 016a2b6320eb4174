"""The versioned schema: ordered, named migrations, each applied once in its own transaction; and what
tells a summitline library from another program's database."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from .database import Database, StoreError

MIGRATIONS: list[tuple[str, list[str]]] = [
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
]


def library_tables() -> list[str]:
    """The tables a library has once migrated, ``schema_migrations`` included."""
    names = {"schema_migrations"}
    for _, statements in MIGRATIONS:
        names.update(m[1] for s in statements if (m := re.match(r"\s*CREATE TABLE (\w+)", s)))
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
                db.execute(statement)
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(name)
    return applied
