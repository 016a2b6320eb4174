"""`summitline report` (web/report.py): one self-contained HTML file with every card, in which a document's
text stays text; it opens offline in Chromium with every card shown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from summitline.store import open_database
from summitline.store.queries import TimelineQuery, timeline
from summitline.web.render import json_for_script, safe_href
from tests.web_support import (
    artifacts_dir,
    browser_page,
    examples_with_hostile_document,
    local_only,
)


@pytest.fixture(scope="module")
def library_path(tmp_path_factory: pytest.TempPathFactory, kb: Any) -> str:
    return examples_with_hostile_document(tmp_path_factory.mktemp("report"), kb)


@pytest.fixture
def report(library_path: str, run_cli: Any, tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "chronology.html"
    code, stdout, stderr = run_cli("report", "--db", library_path, "-o", out)
    assert code == 0, stderr
    return out, stdout


def test_report_writes_one_card_per_meeting_and_prints_the_path(report: tuple[Path, str], library_path: str) -> None:
    out, stdout = report
    with open_database(library_path, write=False) as db:
        ids = [i["id"] for i in timeline(db, TimelineQuery())]
    tree = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    assert [a.get("data-meeting") for a in tree.xpath("//article[@class='card']")] == ids
    assert stdout.strip() == f"wrote {out}: {len(ids)} meeting(s); open {out.resolve().as_uri()}"


def test_report_is_self_contained(report: tuple[Path, str]) -> None:
    tree = lxml_html.fromstring(report[0].read_text(encoding="utf-8"))
    assert not tree.xpath("//link | //script[@src] | //img | //iframe")
    assert tree.xpath("//style") and tree.xpath("//svg[@class='map']//path[@class='land']")


def test_document_text_stays_inert_text_in_the_report(report: tuple[Path, str]) -> None:
    page = report[0].read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    scripts = tree.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/json", None]  # the data, and our one script
    assert "alert" not in scripts[1].text
    for element in tree.iter():
        if isinstance(element.tag, str):
            assert not [a for a in element.attrib if a.lower().startswith("on")]
            assert not any(v.strip().lower().startswith("javascript:") for v in element.attrib.values())
    assert "<script>alert('card')</script>" in tree.text_content()
    data = json.loads(scripts[0].text)  # the inlined data parses back to the document's text, unchanged
    assert any("<script>alert('card')</script>" in (m["summary"] or "") for m in data)


def test_report_filters_like_timeline(library_path: str, run_cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "obama.html"
    code, stdout, _ = run_cli("report", "--db", library_path, "-o", out, "--leader", "obama", "--from", "2014")
    assert code == 0
    cards = lxml_html.fromstring(out.read_text(encoding="utf-8")).xpath("//article[@class='card']")
    assert len(cards) == 3 and "3 meeting(s)" in stdout


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (("--from", "2016", "--to", "2015"), ("--from",)),
        (("--leader", "kim"), ("fits",)),
        (("--from", "June"), ("--from",)),
    ],
)
def test_report_refuses_bad_filters_in_one_line(
    library_path: str, run_cli: Any, assert_error: Any, tmp_path: Path, flags: tuple[str, ...], words: tuple[str, ...]
) -> None:
    assert_error(*run_cli("report", "--db", library_path, "-o", tmp_path / "x.html", *flags), *words)


def test_json_in_a_script_element_cannot_close_it() -> None:
    text = json_for_script({"a": "</script><script>alert(1)</script>", "b": "<!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script>", "b": "<!-- & \u2028"}


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/story", True),
        ("http://example.org/a?b=c", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("/meetings/x", False),
        (None, False),
    ],
)
def test_only_http_links_from_documents_are_kept(url: Any, kept: bool) -> None:
    assert (safe_href(url) is not None) is kept


def test_the_report_opens_offline_in_chromium_with_every_card(report: tuple[Path, str]) -> None:
    out = report[0]
    expected = len(lxml_html.fromstring(out.read_text(encoding="utf-8")).xpath("//article[@class='card']"))
    shots = artifacts_dir("report")
    with browser_page() as (page, requests, dialogs):
        page.context.set_offline(True)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        assert page.locator("article.card:visible").count() == expected
        page.fill("#find", "pretzels")
        assert page.locator("article.card:visible").count() == 1
        assert page.text_content("#count") == "1 shown"
        page.fill("#find", "")
        page.screenshot(path=str(shots / "report.png"), full_page=False)
    assert errors == [] and dialogs == []
    assert local_only(requests) == []
    print(f"\nscreenshots in {shots}")
