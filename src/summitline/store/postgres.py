"""A library in a PostgreSQL database (psycopg, imported only here and only when used).

Before a writer migrates or writes anything, the server is asked what the user may do: a read-only session
(a standby, ``default_transaction_read_only``), no schema to create tables in, no right to create them when the
library still needs some, or no right to write to the library's tables or their sequences, is one
:class:`StoreError` naming the user, the schema and what to grant. A reader's transactions are read-only.
"""

from __future__ import annotations

from typing import Any

from .database import Database, StoreError, redact
from .schema import library_tables


def connect(url: str, write: bool) -> Database:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - a dependency
        raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from exc
    try:
        conn = psycopg.connect(url, autocommit=False)
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to PostgreSQL at {redact(url)}: {_one_line(exc)}") from exc
    if not write:
        conn.read_only = True  # left alone otherwise: False would override the server's read-only default
    return Database(conn, "postgres", redact(url), writable=write)


def prepare_writing(db: Database, pending: list[int]) -> None:
    """Refuse a library this session cannot write (or cannot finish migrating), before anything is written."""
    state = db.query(
        "SELECT current_user AS who, current_schema() AS schema, "
        "current_setting('transaction_read_only') AS read_only, "
        "has_schema_privilege(current_schema(), 'CREATE') AS may_create"
    )[0]
    who, schema = state["who"], state["schema"]
    if state["read_only"] == "on":
        raise StoreError(
            f"{db.target}: the server takes no writes from this session (a standby server, or "
            "default_transaction_read_only); connect to the primary server, or only read the library"
        )
    if schema is None:
        raise StoreError(
            f"{db.target}: no schema to keep the library in (the search_path names none that exists); "
            "create the schema or set the user's search_path"
        )
    if pending and not state["may_create"]:
        raise StoreError(
            f"{db.target}: user {who!r} may not create tables in schema {schema!r}; "
            f"GRANT CREATE ON SCHEMA {schema} TO {who}, use a database the user owns, or only read the library"
        )
    denied = _denied(db)
    if denied:
        raise StoreError(
            f"{db.target}: user {who!r} may not write to the library ({', '.join(denied)}); grant INSERT, "
            "UPDATE and DELETE on its tables and USAGE on their sequences, or only read the library"
        )
    if pending:
        others = _not_owned(db)
        if others:
            raise StoreError(
                f"{db.target}: the library needs an upgrade of tables that user {who!r} does not own "
                f"({', '.join(others)}); open it once as their owner"
            )
    db.release()


def _denied(db: Database) -> list[str]:
    """The library's tables (and sequences) in the current schema that this user may not write to."""
    tables = library_tables()
    rows = db.query(
        "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND ("
        "(c.relkind = 'r' AND c.relname = ANY(?) AND NOT (has_table_privilege(c.oid, 'INSERT') "
        "AND has_table_privilege(c.oid, 'UPDATE') AND has_table_privilege(c.oid, 'DELETE'))) "
        "OR (c.relkind = 'S' AND c.relname = ANY(?) AND NOT has_sequence_privilege(c.oid, 'USAGE'))) "
        "ORDER BY c.relname",
        (tables, [f"{t}_id_seq" for t in tables]),
    )
    return [r["name"] for r in rows]


def _not_owned(db: Database) -> list[str]:
    rows = db.query(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY(?) "
        "AND NOT pg_has_role(tableowner, 'USAGE') ORDER BY tablename",
        (library_tables(),),
    )
    return [r["name"] for r in rows]


def _one_line(exc: Any) -> str:
    return " ".join(str(exc).split())
