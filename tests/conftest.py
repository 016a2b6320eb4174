"""Shared fixtures: the shared folder, a local HTTP server on 127.0.0.1, an in-process CLI runner, and fresh
library databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from summitline.cli import main


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared corpus beside the repository. CI always has it; on a user's machine
    without it, the tests that read it say so and are skipped (the rest still run)."""
    path = Path(__file__).resolve().parents[1].parent / "shared"
    if not (path / "corpus").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with the shared corpus beside the repository")
        pytest.skip(f"{path} (the shared corpus) is not beside the repository")
    return path


# --- local HTTP server -------------------------------------------------------------------------


@dataclass
class Route:
    status: int
    content_type: str | None  # None: send no Content-Type header
    body: bytes
    delay: float = 0.0  # seconds to wait before answering (for timeouts)


@dataclass
class LocalServer:
    """A server on 127.0.0.1; ``route()`` registers a path and returns its full URL."""

    url: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def route(self, path: str, status: int, content_type: str | None, body: bytes, delay: float = 0.0) -> str:
        self.routes[path] = Route(status, content_type, body, delay)
        return self.url + path


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        state = self.server.state
        state.hits.append(self.path)
        route = state.routes.get(self.path, Route(404, "text/plain", b"not found"))
        if route.delay:
            time.sleep(route.delay)
        self.send_response(route.status)
        if route.content_type is not None:
            self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: LocalServer

    def handle_error(self, request: object, client_address: object) -> None:
        # a client that gives up early (timeout tests) makes the handler hit a closed socket;
        # the default prints a traceback to sys.stderr, which capsys would then capture
        pass


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    host, port = httpd.server_address[:2]
    httpd.state = LocalServer(url=f"http://{host}:{port}")
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd.state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- CLI runner --------------------------------------------------------------------------------

RunCli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    """``run_cli("extract", "file.txt")`` -> (exit code, stdout, stderr), in-process."""

    def run(*argv: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()  # drop anything printed before
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _assert_one_line_error(code: int, out: str, err: str, *words: str) -> None:
    assert code == 2, (code, out, err)
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("summitline: error: "), err
    for word in words:
        assert word.lower() in lines[0].lower(), (word, err)
    assert "Traceback" not in out + err


@pytest.fixture
def assert_error() -> Callable[..., None]:
    """``assert_error(code, out, err, *words)``: exit 2, stderr one line 'summitline: error: ...'
    containing every word (case-insensitive), and no traceback."""
    return _assert_one_line_error


# --- knowledge base and extraction helpers --------------------------------------------------------


@pytest.fixture(scope="session")
def kb():
    from summitline.kb import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    path = shared_dir / "seeds" / "000_a39ee73e12a900c8.txt"
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests read the shared corpus from ../shared beside the repository")
    return path


# --- library databases: every store contract test runs on SQLite and on PostgreSQL ----------------

POSTGRES_ENV = "SUMMITLINE_TEST_POSTGRES"


@pytest.fixture(params=["sqlite", "postgres"])
def library_backend(request: pytest.FixtureRequest) -> str:
    """The backend under test. PostgreSQL needs ``SUMMITLINE_TEST_POSTGRES`` (a ``postgresql://`` URL of a
    server where the user may create databases); CI must set it, elsewhere the postgres cases are skipped."""
    if request.param == "postgres" and not os.environ.get(POSTGRES_ENV):
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set: CI must run the store tests against PostgreSQL (see .ci/run)")
        pytest.skip(f"{POSTGRES_ENV} is not set (a postgresql:// URL); the PostgreSQL cases need a server")
    return str(request.param)


@pytest.fixture
def new_library_target(library_backend: str, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """``new_library_target()`` -> the target of a fresh, empty library (a SQLite path or a ``postgresql://``
    URL of a database created for this test and dropped after it)."""
    created: list[str] = []

    def sqlite_target() -> str:
        return str(tmp_path / f"lib{len(created) + 1}.db")

    def postgres_target() -> str:
        import uuid

        name = f"summitline_t_{uuid.uuid4().hex[:16]}"
        with _postgres_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return _with_database(os.environ[POSTGRES_ENV], name)

    def make() -> str:
        target = postgres_target() if library_backend == "postgres" else sqlite_target()
        created.append(target)
        return target

    yield make
    if library_backend == "postgres" and created:
        from urllib.parse import urlsplit

        with _postgres_admin() as admin:
            for target in created:
                admin.execute(f'DROP DATABASE IF EXISTS "{urlsplit(target).path.lstrip("/")}" WITH (FORCE)')


@pytest.fixture
def new_library(new_library_target: Callable[[], str]) -> Iterator[Callable[[], Any]]:
    """``new_library()`` -> a fresh, migrated :class:`~summitline.store.Database`, closed after the test."""
    from summitline.store import open_database

    opened: list[Any] = []

    def make() -> Any:
        db = open_database(new_library_target())
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


@pytest.fixture
def library(new_library: Callable[[], Any]) -> Any:
    """A fresh, empty library: ``open_database(tmp_path / "lib.db")`` or a new PostgreSQL database."""
    return new_library()


def _postgres_admin() -> Any:
    import psycopg

    return psycopg.connect(os.environ[POSTGRES_ENV], autocommit=True)


def _with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))
