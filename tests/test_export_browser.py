"""The TimelineJS export loads in TimelineJS itself (vendored from npm, served from this machine) in Chromium,
one slide per meeting, with no request leaving 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summitline.export import export_meetings
from summitline.store import open_database
from summitline.store.queries import TimelineQuery
from tests.web_support import EXAMPLES, artifacts_dir, browser_page, build_library, local_only

VENDOR = Path(__file__).resolve().parents[1] / "src" / "summitline" / "web" / "static" / "vendor" / "timelinejs"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="timeline.css">
<script src="timeline.js"></script></head>
<body><div id="timeline" style="width: 1000px; height: 600px"></div>
<script>
fetch("meetings.json").then(r => r.json()).then(data => {
  window.timeline = new TL.Timeline("timeline", data, {language: "en", hash_bookmark: false, font: null});
  window.timeline.on("loaded", () => { document.body.dataset.loaded = "yes"; });
});
</script></body></html>
"""


@pytest.fixture
def site(tmp_path: Path, kb: Any) -> Iterator[tuple[str, int]]:
    """A folder served on 127.0.0.1 with TimelineJS, a page that loads it, and the examples' export."""
    db = str(tmp_path / "library.db")
    build_library(db, [str(EXAMPLES)], kb)
    folder = tmp_path / "site"
    folder.mkdir()
    with open_database(db) as library:
        result = export_meetings(library, TimelineQuery(), "timelinejs", folder / "meetings.json")
    for name in ("timeline.js", "timeline.css"):
        shutil.copy(VENDOR / name, folder / name)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", result.written
    finally:
        server.shutdown()
        server.server_close()


def test_the_timelinejs_export_loads_in_timelinejs_with_one_slide_per_meeting(site: tuple[str, int]) -> None:
    url, written = site
    assert written == 20  # both shipped examples
    with browser_page() as (page, requests, dialogs):
        page.route("**/*", lambda route: route.abort() if local_only([route.request.url]) else route.continue_())
        page.goto(url + "index.html")
        page.wait_for_selector("body[data-loaded=yes]", timeout=20_000)
        # one slide per event; TimelineJS adds a title slide only when the data has a title
        data = json.loads(page.evaluate("JSON.stringify(window.timeline.config.events.length)"))
        slides = page.locator(".tl-slide").count()
        page.screenshot(path=str(artifacts_dir("timelinejs") / "timeline.png"))
    assert data == written
    assert slides == written
    assert dialogs == []
    assert local_only(requests) == [], local_only(requests)
