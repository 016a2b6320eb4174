"""ingest.py: a document that fails, for any reason, is that document's recorded failure and the rest go on;
the counts add up (read = new + skipped + failed); `summitline ingest` exits 1 when more sources failed
than --max-failures allows. Each defect is simulated by wrapping the real pipeline for one document.
"""

from __future__ import annotations

import json
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitline import ingest as ingest_module
from summitline.config import Settings
from summitline.errors import ConfigError
from summitline.ingest import DEFAULT_DOC_TIMEOUT, DocumentTimeout, ingest, time_limit
from summitline.store.library import failures

ARTICLES = {
    "a_lisbon.txt": "On March 3, 2022, Chancellor Olaf Scholz met President Emmanuel Macron in Lisbon, where the "
    "two leaders discussed nuclear arms control and energy prices.\n",
    "b_ottawa.txt": "Prime Minister Justin Trudeau hosted President Joe Biden in Ottawa on March 24, 2023, for "
    "talks on trade.\n",
    "c_tokyo.txt": "On May 23, 2022, Prime Minister Fumio Kishida welcomed President Joe Biden to Tokyo for a "
    "summit on the security of the region.\n",
}
SUMMARY = re.compile(r"^read (\d+), new (\d+), skipped (\d+) \(already in the library\), failed (\d+), ", re.M)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "lib.db")


def _fail_on(name: str, monkeypatch: pytest.MonkeyPatch, where: str, action: Callable[[], None]) -> None:
    """Make ``ingest``'s ``where`` (a function it calls per document) run ``action`` first for ``name``."""
    real = getattr(ingest_module, where)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        # extract_document(document, kb, ...), add_extraction(db, extraction, label, kb)
        doc = args[0] if where == "extract_document" else args[1].document
        if (doc.path or "").endswith(name):
            action()
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest_module, where, wrapped)


def _raise() -> None:
    raise ZeroDivisionError("division by zero")


def _counts(out: str) -> tuple[int, ...]:
    found = SUMMARY.search(out)
    assert found, out
    return tuple(map(int, found.groups()))


def test_an_unexpected_exception_is_the_documents_failure_and_the_rest_go_on(
    inbox: Path, db: str, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_on("b_ottawa.txt", monkeypatch, "extract_document", _raise)
    code, out, err = run_cli("ingest", inbox, "--db", db, "--quiet")
    assert code == 1, err
    assert _counts(out) == (3, 2, 0, 1)
    assert "Traceback" not in out + err
    assert f"failed: {inbox / 'b_ottawa.txt'}: unexpected error extracting the document (ZeroDivisionError" in err
    assert "more than --max-failures 0" in err

    code, out, err = run_cli("failures", "--db", db, "--format", "json")
    (recorded,) = json.loads(out)
    assert recorded["source"].endswith("b_ottawa.txt")
    assert "ZeroDivisionError: division by zero" in recorded["reason"] and "report" in recorded["reason"]
    code, out, err = run_cli("timeline", "--db", db, "--format", "json")
    assert {p["name"] for i in json.loads(out) for p in i["participants"]} == {
        "Olaf Scholz",
        "Emmanuel Macron",
        "Fumio Kishida",
        "Joe Biden",
    }


def test_max_failures_allows_that_many(inbox: Path, db: str, run_cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_on("b_ottawa.txt", monkeypatch, "extract_document", _raise)
    code, out, err = run_cli("ingest", inbox, "--db", db, "--quiet", "--max-failures", "1")
    assert code == 0, err
    assert _counts(out) == (3, 2, 0, 1)
    assert "failed: " in err and "--max-failures" not in err


def test_exit_1_when_every_source_failed_and_the_counts_add_up(tmp_path: Path, db: str, run_cli: Any) -> None:
    """Regression: every source failed, yet the exit status was 0 and 'read' left the missing file out."""
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"title": "no body"}\n{broken\n', encoding="utf-8")
    code, out, err = run_cli("ingest", tmp_path / "missing.txt", lines, "--db", db, "--quiet")
    assert code == 1, err
    assert _counts(out) == (3, 0, 0, 3)
    assert "Traceback" not in out + err


def test_counts_add_up_on_a_second_run(inbox: Path, tmp_path: Path, db: str, run_cli: Any) -> None:
    (inbox / "d_empty.txt").write_text("", encoding="utf-8")
    missing = tmp_path / "missing.html"
    code, out, err = run_cli("ingest", inbox, missing, "--db", db, "--quiet", "--max-failures", "2")
    assert code == 0, err
    assert _counts(out) == (5, 3, 0, 2)
    code, out, err = run_cli("ingest", inbox, missing, "--db", db, "--quiet")
    assert code == 1, err
    assert _counts(out) == (5, 0, 3, 2)


def test_a_document_over_the_time_limit_is_its_failure(
    inbox: Path, db: str, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stall() -> None:  # far longer than the limit; a working limit interrupts the first sleeps
        for _ in range(3000):
            time.sleep(0.01)

    _fail_on("c_tokyo.txt", monkeypatch, "extract_document", stall)
    code, out, err = run_cli("ingest", inbox, "--db", db, "--quiet", "--doc-timeout", "0.2")
    assert code == 1, err
    assert _counts(out) == (3, 2, 0, 1)
    assert f"failed: {inbox / 'c_tokyo.txt'}: extracting took longer than 0.2 s" in err
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL and signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_a_failure_while_storing_leaves_nothing_of_that_document(
    inbox: Path, library: Any, kb: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_on("a_lisbon.txt", monkeypatch, "add_extraction", _raise)
    summary = ingest(library, [str(inbox)], kb, Settings())
    assert (summary.read, summary.new, summary.skipped, summary.failed) == (3, 2, 0, 1)
    assert "unexpected error storing the document (ZeroDivisionError" in failures(library)[0]["reason"]
    stored = [Path(r["path"]).name for r in library.query("SELECT path FROM documents ORDER BY path")]
    assert stored == ["b_ottawa.txt", "c_tokyo.txt"]


def test_the_doc_timeout_default_is_the_one_the_help_gives(run_cli: Any) -> None:
    code, out, _ = run_cli("ingest", "--help")
    assert code == 0 and f"(default {DEFAULT_DOC_TIMEOUT:g};" in " ".join(out.split())


@pytest.mark.parametrize("limit", [0, -1.0])
def test_ingest_refuses_a_time_limit_not_above_zero(limit: float, library: Any, kb: Any) -> None:
    with pytest.raises(ConfigError, match="doc_timeout"):
        ingest(library, [], kb, Settings(), doc_timeout=limit)


def test_time_limit_puts_the_handler_back() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(DocumentTimeout), time_limit(0.05):
        for _ in range(3000):
            time.sleep(0.01)
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_time_limit_leaves_a_pending_timer_alone() -> None:
    """Someone else's alarm (a caller's, pytest-timeout's) is neither replaced nor cancelled."""

    def theirs(signum: int, frame: Any) -> None:
        raise AssertionError("their alarm went off during the test")

    previous = signal.signal(signal.SIGALRM, theirs)
    signal.setitimer(signal.ITIMER_REAL, 3600)
    try:
        with time_limit(0.01):
            pass
        assert signal.getsignal(signal.SIGALRM) is theirs
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_jsonl_line_with_a_lone_surrogate_is_read_not_a_crash(tmp_path: Path) -> None:
    """A JSONL line cut in the middle of an emoji holds a lone surrogate once decoded: read with U+FFFD."""
    from summitline.ingest import ingest
    from summitline.kb import load_kb
    from summitline.store import open_database

    path = tmp_path / "cut.jsonl"
    path.write_text('{"text": "Putin met Xi in Moscow on March 21, 2023. \\\\ud83d"}\n', encoding="utf-8")
    db = open_database(str(tmp_path / "lib.db"))
    summary = ingest(db, [str(path)], load_kb(), Settings())
    assert (summary.new, summary.failed) == (1, 0)
