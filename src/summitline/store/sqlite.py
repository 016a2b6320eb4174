"""A library in a SQLite file: opened with checks that write nothing, then in WAL mode for writers.

Reading what the file holds comes first (``sqlite_master``, a read), so that another program's database or a
file that is not SQLite is refused untouched. A writer then checks it may write: the folder and the file by
their permissions, then a write that is rolled back (which also catches what permissions do not show: a
read-only file system, an immutable file). Readers open the file read-only; in a folder they may not write,
where SQLite cannot create the shared-memory file of a WAL database, they read it as an immutable snapshot.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from .database import Database, StoreError

#: seconds a connection waits for another process's write lock before giving up
BUSY_TIMEOUT = 30.0

_SQLITE_HEADER = b"SQLite format 3\x00"


def connect(location: str, write: bool) -> Database:
    path = Path(location)
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; give a database file such as ./summitline.db")
    if not path.parent.exists():
        raise StoreError(f"{path}: the folder {path.parent} does not exist")
    _refuse_other_files(path)
    if not write:
        return _connect_for_reading(path)
    folder = path.parent
    if not os.access(folder, os.W_OK):
        raise StoreError(
            f"{path}: the folder {folder} is read-only, and SQLite writes its journal beside the library; "
            "make the folder writable, or only read the library"
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"{path}: the library is read-only (no write permission); make it writable, or only read it")
    conn = _connect(path, str(path), uri=False)
    return Database(_SqliteAutocommit(conn, path), "sqlite", str(path))


def _connect_for_reading(path: Path) -> Database:
    if not path.exists():
        raise StoreError(f"{path}: no summitline library there yet; `summitline ingest` creates one")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = _connect(path, uri, uri=True)
    except _FolderReadOnly:
        conn = _connect(path, uri + "&immutable=1", uri=True)
    return Database(_SqliteAutocommit(conn, path), "sqlite", str(path), writable=False)


def _refuse_other_files(path: Path) -> None:
    """A file that does not start as SQLite files do is no library (SQLite itself would take a one-byte file
    for an empty database, and overwrite it); an empty file is a new library."""
    try:
        with path.open("rb") as file:
            head = file.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the file ({exc.strerror}); check its permissions") from exc
    if head and head != _SQLITE_HEADER:
        raise _not_sqlite(path)


def _not_sqlite(path: Path) -> StoreError:
    return StoreError(
        f"{path}: not a SQLite database (the file holds something else), so not a summitline library; "
        "nothing was changed; give a new file name or the path of a library"
    )


class _FolderReadOnly(StoreError):
    pass


def _connect(path: Path, name: str, uri: bool) -> sqlite3.Connection:
    """A connection that has read the schema: a file that is not SQLite fails here, before any write."""
    try:
        conn = sqlite3.connect(name, uri=uri, isolation_level=None, timeout=BUSY_TIMEOUT)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the library ({exc})") from exc
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        conn.close()
        raise _opening_error(path, exc) from exc
    return conn


def _opening_error(path: Path, exc: sqlite3.Error) -> StoreError:
    code = getattr(exc, "sqlite_errorname", "")
    if code == "SQLITE_NOTADB":
        return _not_sqlite(path)
    if code in ("SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN"):
        return _FolderReadOnly(
            f"{path}: the folder {path.parent} is read-only, and SQLite needs to create files beside the "
            "library; make the folder writable, or only read the library"
        )
    if code.startswith("SQLITE_BUSY"):
        return _busy(path)
    if code == "SQLITE_CORRUPT":
        return StoreError(f"{path}: the database file is damaged ({exc}); restore it from a copy")
    return StoreError(f"{path}: cannot open the library ({exc})")


def _busy(path: Path) -> StoreError:
    return StoreError(
        f"{path}: the library stayed locked by another process for {BUSY_TIMEOUT:g} s; "
        "try again when that process has finished"
    )


def prepare_writing(db: Database, pending: list[int]) -> None:
    """Refuse a library that cannot be written, by a write that is rolled back; then put it in WAL mode."""
    conn = db.conn
    assert isinstance(conn, _SqliteAutocommit)
    conn.begin()
    try:
        version = conn.raw.execute("PRAGMA user_version").fetchone()[0]
        conn.raw.execute(f"PRAGMA user_version = {int(version)}")  # dirties the header page, nothing more
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorname", "")
        if code.startswith("SQLITE_BUSY"):
            raise _busy(conn.path) from exc
        raise StoreError(
            f"{conn.path}: the library cannot be written ({exc}); check the file, its folder and the disk, "
            "or only read the library"
        ) from exc
    finally:
        conn.rollback()
    _use_wal(conn)


def _use_wal(conn: _SqliteAutocommit) -> None:
    """Switch to WAL (readers and one writer at once). Switching needs the database to itself, and SQLite
    answers "locked" at once, without waiting, while another process is opening it too: so wait and retry."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    pause = 0.005
    while True:
        try:
            if conn.raw.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.raw.execute("PRAGMA journal_mode=WAL")
            conn.raw.execute("PRAGMA synchronous=NORMAL")
            return
        except sqlite3.OperationalError as exc:
            if not getattr(exc, "sqlite_errorname", "").startswith("SQLITE_BUSY") or time.monotonic() > deadline:
                raise _opening_error(conn.path, exc) from exc
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


class _SqliteAutocommit:
    """sqlite3 in autocommit mode, with explicit BEGIN IMMEDIATE/COMMIT for transactions."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.raw = conn
        self.path = path

    def cursor(self) -> sqlite3.Cursor:
        return self.raw.cursor()

    def begin(self) -> None:
        """Take the write lock, waiting up to the busy timeout while another process holds it."""
        try:
            self.raw.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_BUSY"):
                raise _busy(self.path) from exc
            raise

    def commit(self) -> None:
        if self.raw.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self) -> None:
        if self.raw.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()
