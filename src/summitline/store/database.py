"""One small interface over SQLite (stdlib) and PostgreSQL (psycopg, imported only when used)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import SummitlineError

Row = dict[str, Any]


class StoreError(SummitlineError):
    """The library database cannot be opened or used."""


class Database:
    """A connection with a dialect: SQL is written with ``?`` placeholders and ``{id}`` for a key column."""

    def __init__(self, conn: Any, dialect: str, target: str) -> None:
        self.conn = conn
        self.dialect = dialect
        self.target = target
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

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing: a crash inside leaves the database as it was before."""
        outer = self._depth == 0
        self._depth += 1
        try:
            if outer and self.dialect == "sqlite":
                self.conn.execute("BEGIN IMMEDIATE")
            yield self
            if outer:
                self.conn.commit()
        except BaseException:
            if outer:
                self.conn.rollback()
            raise
        finally:
            self._depth -= 1

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(target: str | Path) -> Database:
    """Open (creating and migrating) the library at a SQLite path or a ``postgresql://`` URL."""
    from .schema import migrate

    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        db = _open_postgres(text)
    else:
        db = _open_sqlite(Path(text))
    migrate(db)
    return db


def _open_sqlite(path: Path) -> Database:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; give a database file such as ./summitline.db")
    if not path.parent.exists():
        raise StoreError(f"{path}: the folder {path.parent} does not exist")
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a summitline database ({exc})") from exc
    return Database(_SqliteAutocommit(conn), "sqlite", str(path))


class _SqliteAutocommit:
    """sqlite3 in autocommit mode, with explicit BEGIN/COMMIT for transactions."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def cursor(self) -> sqlite3.Cursor:
        return self._conn.cursor()

    def execute(self, sql: str) -> None:
        self._conn.execute(sql)

    def commit(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("COMMIT")

    def rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def close(self) -> None:
        self._conn.close()


def _open_postgres(url: str) -> Database:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - a dependency
        raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from exc
    try:
        conn = psycopg.connect(url, autocommit=False)
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to PostgreSQL at {_redact(url)}: {str(exc).strip()}") from exc
    return Database(conn, "postgres", _redact(url))


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
