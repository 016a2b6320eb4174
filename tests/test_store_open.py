"""Opening a library safely: what ``open_database`` refuses, with one StoreError line and nothing written.

Read-only cases need permissions that count: as root (which ignores them) the opening runs in a forked child
that has dropped to the user ``nobody``, in a folder under the system's temporary folder that it can reach.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import stat
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from summitline.config import Settings
from summitline.ingest import ingest
from summitline.store import open_database
from summitline.store.database import StoreError
from summitline.store.queries import TimelineQuery, stats, timeline
from summitline.store.schema import MIGRATIONS

FORK = multiprocessing.get_context("fork")
NOBODY = 65534
REPORT = "On March 9, 2023, Olaf Scholz received Giorgia Meloni in Berlin for talks.\n"


def _contents(folder: Path) -> dict[str, bytes]:
    """Every file of the folder with its bytes: equal before and after means nothing was written."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _refusal(action: Callable[[], Any]) -> str:
    """The one line of the StoreError that ``action`` raises."""
    with pytest.raises(StoreError) as info:
        action()
    message = str(info.value)
    assert "\n" not in message, message
    return message


def _filled_library(path: Path, kb: Any) -> None:
    report = path.parent / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    with open_database(path) as db:
        assert ingest(db, [str(report)], kb, Settings()).new == 1
    report.unlink()


# --- what is not a summitline library ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "mysql://reader:secret@db.example.org/news",
        "http://example.org/library.db",
        "redis://localhost:6379/0",
    ],
)
def test_an_unknown_kind_of_url_is_refused_naming_its_scheme_and_the_accepted_forms(
    target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for write in (True, False):
        message = _refusal(lambda w=write: open_database(target, write=w))
        assert repr(target.split("://")[0]) in message
        assert "sqlite:///" in message and "postgresql://" in message and "./summitline.db" in message
        assert "secret" not in message and "does not exist" not in message
    assert list(tmp_path.iterdir()) == []


def test_a_sqlite_url_names_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(f"sqlite:///{tmp_path / 'absolute.db'}").close()  # sqlite:////tmp/…: an absolute path
    monkeypatch.chdir(tmp_path)
    open_database("sqlite:///relative.db").close()
    assert sorted(p.name for p in tmp_path.glob("*.db")) == ["absolute.db", "relative.db"]
    with open_database(tmp_path / "relative.db", write=False) as db:
        assert db.scalar("SELECT COUNT(*) FROM schema_migrations") == len(MIGRATIONS)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"name,city\nAda,London\n" * 40, id="csv"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 8, id="pdf"),
        pytest.param(b"hello", id="five-bytes"),
        pytest.param(b"x", id="one-byte"),  # SQLite itself would take it for an empty database
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_as_it_was(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    for write in (True, False):
        message = _refusal(lambda w=write: open_database(path, write=w))
        assert str(path) in message and "not a SQLite database" in message
    assert _contents(tmp_path) == {"notes.db": content}


def test_another_programs_sqlite_file_is_refused_naming_its_tables_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE orders (id INTEGER);"
        "INSERT INTO customers (name) VALUES ('Ada');"
    )
    conn.close()
    before = _contents(tmp_path)
    for write in (True, False):
        message = _refusal(lambda w=write: open_database(path, write=w))
        assert str(path) in message and "customers, orders" in message and "not a summitline library" in message
    assert _contents(tmp_path) == before


def test_a_schema_migrations_table_of_another_tool_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY); INSERT INTO schema_migrations "
                       "VALUES ('20240101120000');")  # fmt: skip
    conn.close()
    before = _contents(tmp_path)
    assert "not a summitline library" in _refusal(lambda: open_database(path))
    assert _contents(tmp_path) == before


def test_an_empty_file_becomes_a_new_library(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    path.touch()
    with open_database(path) as db:
        assert db.scalar("SELECT COUNT(*) FROM schema_migrations") == len(MIGRATIONS)


# --- the same rules on both backends -----------------------------------------------------------------------


def _raw(target: str) -> Any:
    """A plain DB-API connection to the target, outside summitline."""
    if target.startswith("postgresql://"):
        import psycopg

        return psycopg.connect(target, autocommit=True)
    return sqlite3.connect(target, isolation_level=None)


def _tables(target: str) -> list[str]:
    conn = _raw(target)
    try:
        sql = (
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            if target.startswith("postgresql://")
            else "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
        return sorted(r[0] for r in conn.execute(sql).fetchall())
    finally:
        conn.close()


def test_a_database_with_another_programs_tables_gets_none_of_ours(new_library_target: Callable[[], str]) -> None:
    target = new_library_target()
    conn = _raw(target)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")
    conn.close()
    message = _refusal(lambda: open_database(target))
    assert "invoices" in message and "not a summitline library" in message
    assert _tables(target) == ["invoices"]


def test_a_library_of_a_newer_summitline_is_refused(new_library_target: Callable[[], str]) -> None:
    target = new_library_target()
    with open_database(target) as db, db.transaction():
        db.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', 'now')", (len(MIGRATIONS) + 1,))
    for write in (True, False):
        message = _refusal(lambda w=write: open_database(target, write=w))
        assert "newer summitline" in message and f"schema version {len(MIGRATIONS) + 1}" in message


def test_reading_never_creates_a_library(new_library_target: Callable[[], str]) -> None:
    target = new_library_target()
    assert "no summitline library there yet" in _refusal(lambda: open_database(target, write=False))
    if target.startswith("postgresql://"):
        assert _tables(target) == []
    else:
        assert not Path(target).exists()


def test_a_library_opened_for_reading_reads_and_refuses_writes(
    new_library_target: Callable[[], str], kb: Any, tmp_path: Path
) -> None:
    target = new_library_target()
    if not target.startswith("postgresql://"):
        _filled_library(Path(target), kb)
    else:
        with open_database(target) as db:
            report = tmp_path / "report.txt"
            report.write_text(REPORT, encoding="utf-8")
            ingest(db, [str(report)], kb, Settings())
    with open_database(target, write=False) as db:
        assert not db.writable
        assert stats(db)["totals"]["documents"] == 1
        assert [m["date"] for m in timeline(db, TimelineQuery())] == ["2023-03-09"]
        with pytest.raises(Exception, match="(?i)read-only|readonly"):
            db.execute("DELETE FROM documents")


# --- read-only libraries (permissions) ---------------------------------------------------------------------


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A new folder that the unprivileged child can reach (pytest's own are private to their user)."""
    top = Path(tempfile.mkdtemp(prefix="summitline-ro-"))
    top.chmod(0o755)
    folder = top / "library"
    folder.mkdir()
    yield folder
    for path in [top, *top.rglob("*")]:
        path.chmod(stat.S_IRWXU | (path.stat().st_mode & 0o777))
    shutil.rmtree(top)


def _as_unprivileged(action: Callable[[], Any]) -> tuple[str, Any]:
    """Run ``action`` in a forked child for which permissions count (as root: the user nobody). Returns
    ("ok", its result), ("StoreError", the message) or ("other", the exception)."""
    receive, send = FORK.Pipe(duplex=False)

    def child() -> None:
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            send.send(("ok", action()))
        except StoreError as exc:
            send.send(("StoreError", str(exc)))
        except BaseException as exc:
            send.send(("other", f"{type(exc).__name__}: {exc}"))

    process = FORK.Process(target=child)
    process.start()
    assert receive.poll(300), "the child process gave no answer"
    outcome = receive.recv()
    process.join(timeout=60)
    return outcome


def _documents_read(path: Path) -> Callable[[], int]:
    def read() -> int:
        with open_database(path, write=False) as db:
            return int(stats(db)["totals"]["documents"])

    return read


@pytest.mark.parametrize(
    ("file_mode", "folder_mode", "blamed"),
    [
        pytest.param(0o444, 0o777, "read-only (no write permission)", id="read-only-file"),
        pytest.param(0o666, 0o555, "the folder", id="read-only-folder"),
        pytest.param(0o444, 0o555, "the folder", id="both"),
    ],
)
def test_a_read_only_library_is_refused_for_writing_before_anything_is_written_and_still_reads(
    file_mode: int, folder_mode: int, blamed: str, shared_folder: Path, kb: Any
) -> None:
    path = shared_folder / "lib.db"
    _filled_library(path, kb)
    path.chmod(file_mode)
    shared_folder.chmod(folder_mode)
    before = _contents(shared_folder)

    outcome = _as_unprivileged(lambda: open_database(path).close())
    assert outcome[0] == "StoreError", outcome
    assert str(path) in outcome[1] and blamed in outcome[1] and "only read" in outcome[1]
    assert "\n" not in outcome[1]
    assert _contents(shared_folder) == before

    assert _as_unprivileged(_documents_read(path)) == ("ok", 1)
    assert (shared_folder / "lib.db").read_bytes() == before["lib.db"]


def test_a_new_library_in_a_read_only_folder_is_refused_and_nothing_is_created(shared_folder: Path) -> None:
    shared_folder.chmod(0o555)
    outcome = _as_unprivileged(lambda: open_database(shared_folder / "lib.db").close())
    assert outcome[0] == "StoreError" and f"the folder {shared_folder} is read-only" in outcome[1], outcome
    assert list(shared_folder.iterdir()) == []


# --- PostgreSQL users and servers that may not write -------------------------------------------------------


def _as_user(url: str, user: str, password: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    netloc = f"{user}:{password}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


@pytest.fixture
def reader_role(new_library_target: Callable[[], str]) -> Iterator[Callable[[str], str]]:
    """``reader_role(target)`` -> the target's URL for a new login role that may connect and read its tables
    but not write them (dropped after the test)."""
    import psycopg

    name, password = f"summitline_reader_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    admin_url = os.environ["SUMMITLINE_TEST_POSTGRES"]
    granted: list[str] = []

    def make(target: str) -> str:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
        with psycopg.connect(target, autocommit=True) as conn:
            database = urlsplit(target).path.lstrip("/")
            conn.execute(f'GRANT CONNECT ON DATABASE "{database}" TO {name}')
            conn.execute(f"GRANT USAGE ON SCHEMA public TO {name}")
            conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {name}")
        granted.append(target)
        return _as_user(target, name, password)

    yield make
    for target in granted:
        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute(f"DROP OWNED BY {name}")
    if granted:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP ROLE IF EXISTS {name}")


@pytest.mark.parametrize("library_backend", ["postgres"], indirect=True)
def test_a_postgres_user_who_may_only_read_is_refused_for_writing_and_reads(
    new_library_target: Callable[[], str], reader_role: Callable[[str], str], kb: Any, tmp_path: Path
) -> None:
    target = new_library_target()
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    with open_database(target) as db:
        ingest(db, [str(report)], kb, Settings())
    reader = reader_role(target)

    message = _refusal(lambda: open_database(reader))
    assert "summitline_reader_" in message and "may not write to the library" in message
    assert "documents" in message and "only read" in message
    with open_database(reader, write=False) as db:
        assert stats(db)["totals"]["documents"] == 1


@pytest.mark.parametrize("library_backend", ["postgres"], indirect=True)
def test_a_postgres_user_who_may_not_create_tables_gets_no_library_and_no_tables(
    new_library_target: Callable[[], str], reader_role: Callable[[str], str]
) -> None:
    target = new_library_target()
    conn = _raw(target)
    conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")  # as PostgreSQL 15 and later have it anyway
    conn.close()
    message = _refusal(lambda: open_database(reader_role(target)))
    assert "may not create tables in schema 'public'" in message and "GRANT CREATE ON SCHEMA public" in message
    assert _tables(target) == []


@pytest.mark.parametrize("library_backend", ["postgres"], indirect=True)
def test_a_read_only_postgres_session_is_refused_for_writing(new_library_target: Callable[[], str]) -> None:
    target = new_library_target()
    read_only = target + "?options=-c%20default_transaction_read_only%3Don"
    message = _refusal(lambda: open_database(read_only))
    assert "takes no writes" in message
    assert _tables(target) == []
