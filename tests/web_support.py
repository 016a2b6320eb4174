"""What the web tests share: a library built from real documents, the app served by uvicorn on 127.0.0.1 in a
thread, Debian's Chromium driven by Playwright, and the folder where screenshots are kept."""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from summitline.config import Settings
from summitline.ingest import ingest
from summitline.kb import KnowledgeBase

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: a document whose text tries every way into a page: a script, an image's onerror, javascript: links, in
#: its text, its quote, its title and its URL (our own words)
HOSTILE = {
    "text": "Leaders meet in Washington\n\nJune 4, 2010: President Barack Obama met Russian President Dmitry "
    "Medvedev at the White House <script>alert('card')</script> and the two discussed "
    "<img src=x onerror=\"alert('img')\"> trade. \"We had a <b>warm</b> talk <script>alert('quote')</script>,\" "
    "Obama said. Read more: javascript:alert('link') <a href=\"javascript:alert('a')\">here</a>.",
    "url": "javascript:alert('url')",
    "title": "<script>alert('title')</script> Summit",
}


def build_library(target: str, sources: list[str], kb: KnowledgeBase) -> None:
    from summitline.store import open_database

    with open_database(target) as db:
        summary = ingest(db, sources, kb, Settings())
    assert summary.failed == 0, summary.failures


def examples_with_hostile_document(folder: Path, kb: KnowledgeBase) -> str:
    """A SQLite library in ``folder`` of the shipped examples and one document full of markup (``HOSTILE``)."""
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    target = str(folder / "lib.db")
    build_library(target, [str(EXAMPLES), str(folder / "hostile.jsonl")], kb)
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on 127.0.0.1 in a thread; yields its base URL (ending in /)."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def chromium_or_skip() -> Any:
    """Playwright's sync API with Debian's Chromium, or a skip (a failure under CI=true) saying what is missing."""
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "the playwright package (pip install playwright)"
    if missing is None and not Path(CHROMIUM).exists():
        missing = f"Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} is missing: CI must install it (see .ci/run)")
        pytest.skip(f"{missing} is not installed")
    return sync_playwright


@contextmanager
def browser_page(width: int = 1280, height: int = 900) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A new Chromium page; yields it with the list of every URL it requested and of every dialog it opened
    (an ``alert`` a document managed to run would be one)."""
    sync_playwright = chromium_or_skip()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            requests: list[str] = []
            dialogs: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            yield page, requests, dialogs
        finally:
            browser.close()


def artifacts_dir(name: str) -> Path:
    """Where a test keeps its screenshots: $SUMMITLINE_ARTIFACTS/NAME, else a folder in the temp dir."""
    root = Path(os.environ.get("SUMMITLINE_ARTIFACTS") or Path(tempfile.gettempdir()) / "summitline-artifacts")
    path = root / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def local_only(urls: list[str]) -> list[str]:
    """The requested URLs that left 127.0.0.1 (file: and data: URLs stay on the machine)."""
    allowed = ("http://127.0.0.1:", "file://", "data:", "about:")
    return [u for u in urls if not u.startswith(allowed)]
