"""One small interface over SQLite (stdlib, ``sqlite.py``) and PostgreSQL (psycopg, ``postgres.py``).

:func:`open_database` takes a library's target: a file path, ``sqlite:///path`` or ``postgresql://…``. It
refuses, with one :class:`StoreError` line and before anything is written, what is not a library it may use:
another kind of URL, another program's database (or a file that is no SQLite database at all), a library of
a newer summitline, and, when the caller means to write, a library it may not write (a read-only file or
folder, a PostgreSQL user without the rights, a read-only server). A library it may only read still opens
with ``write=False``.

Several processes may open and write one library at once: migrations are applied under a lock (SQLite's
write lock, a PostgreSQL advisory lock) and re-checked under it, SQLite writers wait for each other (a busy
timeout), and :meth:`Database.lock` serialises the re-merge of one set of leaders on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import SummitlineError

Row = dict[str, Any]

#: the forms of target a library can have, for error messages
ACCEPTED = "a file path such as ./summitline.db, sqlite:///path/to/library.db, or postgresql://user@host/database"

#: first key of summitline's PostgreSQL advisory locks (the second is a hash of the lock's name)
_LOCK_SPACE = 0x53554D4C  # "SUML"


def in_chunks(ids: Sequence[Any], size: int = 500) -> Iterator[tuple[list[Any], str]]:
    """``ids`` in chunks small enough for one ``IN (…)`` each, with the chunk's ``?, ?, …`` placeholders."""
    for i in range(0, len(ids), size):
        chunk = list(ids[i : i + size])
        yield chunk, ",".join("?" * len(chunk))


class StoreError(SummitlineError):
    """The library database cannot be opened or used."""


def now() -> str:
    """The time of a write, as stored: UTC, ISO 8601, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Database:
    """A connection with a dialect: SQL is written with ``?`` placeholders and ``{id}`` for a key column.

    ``writable`` is False for a library opened with ``open_database(target, write=False)``."""

    def __init__(self, conn: Any, dialect: str, target: str, writable: bool = True) -> None:
        self.conn = conn
        self.dialect = dialect
        self.target = target
        self.writable = writable
        self.memo: dict[str, Any] = {}  # what a caller derives from the library and may reuse (record indexes)
        self._depth = 0

    def sql(self, statement: str) -> str:
        if self.dialect == "postgres":
            statement = statement.replace("?", "%s")
            statement = statement.replace("{id}", "BIGSERIAL PRIMARY KEY")
            statement = re.sub(
                r"INSERT OR IGNORE INTO (\w+)(.*)", r"INSERT INTO \1\2 ON CONFLICT DO NOTHING", statement, flags=re.S
            )
        else:
            statement = statement.replace("{id}", "INTEGER PRIMARY KEY")
        return statement

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self.sql(statement), tuple(params))
        return cur

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(self.sql(statement), [tuple(r) for r in rows])

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        cur = self.execute(statement, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def scalar(self, statement: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(statement, params).fetchone()
        return row[0] if row else None

    def insert(self, statement: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT and return the new row's id."""
        if self.dialect == "postgres":
            return int(self.execute(statement + " RETURNING id", params).fetchone()[0])
        return int(self.execute(statement, params).lastrowid)

    def insert_new(self, statement: str, params: Sequence[Any] = ()) -> int | None:
        """Run an ``INSERT … ON CONFLICT (…) DO NOTHING``: the new row's id, or None when the row was there.

        On PostgreSQL a row inserted by a transaction still open makes this wait for that transaction; if it
        commits, the row was there (None) rather than a unique-constraint error."""
        if self.dialect == "postgres":
            row = self.execute(statement + " RETURNING id", params).fetchone()
            return int(row[0]) if row else None
        cur = self.execute(statement, params)
        return int(cur.lastrowid) if cur.rowcount == 1 else None

    def table_names(self) -> list[str]:
        """The tables of the library's schema (SQLite's own ``sqlite_*`` tables left out), sorted."""
        if self.dialect == "postgres":
            rows = self.query("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()")
        else:
            rows = self.query(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' "
                "ESCAPE '\\'"
            )
        return sorted(r["name"] for r in rows)

    def columns(self, table: str) -> list[str]:
        if self.dialect == "postgres":
            rows = self.query(
                "SELECT column_name AS name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                (table,),
            )
            return [r["name"] for r in rows]
        return [r["name"] for r in self.query("SELECT name FROM pragma_table_info(?)", (table,))]

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing: a crash inside leaves the database as it was before.

        On SQLite the transaction takes the write lock first (``BEGIN IMMEDIATE``), waiting while another
        process holds it, so writers never interleave."""
        outer = self._depth == 0
        self._depth += 1
        try:
            if outer and self.dialect == "sqlite":
                self.conn.begin()
            yield self
            if outer:
                self.conn.commit()
        except BaseException:
            if outer:
                self.conn.rollback()
            raise
        finally:
            self._depth -= 1

    def lock(self, names: Iterable[str]) -> None:
        """Inside a transaction: wait for, and hold until it ends, the locks of these names (in sorted order,
        so two transactions never wait for each other). A PostgreSQL advisory lock each; nothing on SQLite,
        whose transactions already hold the one write lock."""
        if self.dialect != "postgres":
            return
        for name in sorted(set(names)):
            key = int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=4).digest(), "big", signed=True)
            self.execute("SELECT pg_advisory_xact_lock(?, ?)", (_LOCK_SPACE, key))

    def release(self) -> None:
        """End the read transaction PostgreSQL opened by itself, with its snapshot and locks (SQLite: nothing)."""
        if self._depth == 0:
            self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(target: str | Path, *, write: bool = True) -> Database:
    """Open the library at a SQLite path, a ``sqlite:///path`` URL or a ``postgresql://`` URL.

    ``write`` (the default): the library is created if new and migrated, and refused, before anything is
    written, when it cannot be written. ``write=False``: an existing library is opened for reading only; it
    is never created, and written only to apply migrations it lacks, when that is allowed."""
    from .schema import MIGRATIONS, migrate, pending_migrations

    kind, location = parse_target(target)
    backend = _backend(kind)
    db = backend.connect(location, write)
    try:
        pending = pending_migrations(db)
        if write:
            backend.prepare_writing(db, pending)
            migrate(db)
            return db
        db.release()
        if len(pending) == len(MIGRATIONS):
            raise StoreError(f"{db.target}: no summitline library there yet; `summitline ingest` creates one")
    except BaseException:
        db.close()
        raise
    if pending:  # an older library: upgraded with a connection that may write, then read as asked
        db.close()
        try:
            open_database(target, write=True).close()
        except StoreError as exc:
            raise StoreError(f"{exc}; the library needs an upgrade of its tables before it can be read") from exc
        db = backend.connect(location, write)
    return db


def parse_target(target: str | Path) -> tuple[str, str]:
    """("sqlite", path) or ("postgres", url); any other ``scheme://`` is refused, naming the accepted forms."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgres", text
    if text.startswith("sqlite:///"):  # as SQLAlchemy writes it: sqlite:////abs/path, sqlite:///relative/path
        return "sqlite", text[len("sqlite:///") :]
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):(//|$)", text)
    if scheme and scheme[1].lower() == "sqlite":
        raise StoreError(f"{redact(text)}: write sqlite:/// (three slashes) and the file's path; give {ACCEPTED}")
    if scheme:
        raise StoreError(f"{redact(text)}: summitline cannot keep a library in {scheme[1]!r}; give {ACCEPTED}")
    return "sqlite", text


def _backend(kind: str) -> Any:
    if kind == "postgres":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite


def redact(url: str) -> str:
    """A URL with its password replaced by ``***``."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
