"""The versioned schema: ordered, named migrations, each applied once in its own transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from .database import Database

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
]


def migrate(db: Database) -> list[str]:
    """Apply the migrations not yet applied; return their names."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)"
    )
    if db.dialect == "postgres":
        db.conn.commit()
    done = {r["version"] for r in db.query("SELECT version FROM schema_migrations")}
    applied = []
    for version, (name, statements) in enumerate(MIGRATIONS, start=1):
        if version in done:
            continue
        with db.transaction():
            for statement in statements:
                db.execute(statement)
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(name)
    return applied
