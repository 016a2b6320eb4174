"""The web app over HTTP (web/app.py, web/access.py, web/writes.py), served by uvicorn on 127.0.0.1: pages and
API answer, document text stays text, writes need the token and the same origin, schemathesis finds no
server error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import html as lxml_html

from summitline.web.access import access_for, check_request, is_loopback
from summitline.web.app import ServeConfig, create_app
from tests.web_support import examples_with_hostile_document, serving

TOKEN = "s3cret-test-token"


@pytest.fixture(scope="module")
def library_path(tmp_path_factory: pytest.TempPathFactory, kb: Any) -> str:
    return examples_with_hostile_document(tmp_path_factory.mktemp("web"), kb)


@pytest.fixture(scope="module")
def site(library_path: str) -> Iterator[str]:
    """The app with writes on (a token), over a copy of the library the tests may write to."""
    copy = str(Path(library_path).with_name("writable.db"))
    shutil.copy(library_path, copy)
    with serving(create_app(ServeConfig(db=copy, token=TOKEN))) as url:
        yield url


@pytest.fixture(scope="module")
def read_only_site(library_path: str) -> Iterator[str]:
    """The app with no token: writes are off."""
    previous = os.environ.pop("SUMMITLINE_TOKEN", None)
    try:
        with serving(create_app(ServeConfig(db=library_path))) as url:
            yield url
    finally:
        if previous is not None:
            os.environ["SUMMITLINE_TOKEN"] = previous


def _inert(page: str) -> None:
    """No script but the app's own files, no event handler attribute, no javascript: link."""
    tree = lxml_html.fromstring(page)
    assert [s.get("src") for s in tree.iter("script")] == [s.get("src") for s in tree.iter("script") if s.get("src")]
    assert all(s.get("src", "").startswith("/static/") for s in tree.iter("script"))
    for element in tree.iter():
        if isinstance(element.tag, str):
            assert not [a for a in element.attrib if a.lower().startswith("on")], element.tag
            assert not any(v.strip().lower().startswith("javascript:") for v in element.attrib.values())
    assert not [i for i in tree.iter("img")]


@pytest.mark.parametrize("path", ["", "meetings/{id}", "map", "tone", "ingest", "?q=Medvedev"])
def test_pages_answer_and_keep_document_text_inert(site: str, path: str) -> None:
    hostile = httpx.get(site + "api/meetings", params={"leader": "medvedev"}).json()["meetings"][0]["id"]
    response = httpx.get(site + path.format(id=hostile))
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    _inert(response.text)
    if path in ("", "meetings/{id}", "?q=Medvedev"):
        text = lxml_html.fromstring(response.text).text_content()
        assert "<script>alert('card')</script>" in text  # shown, as text
        assert "onerror=\"alert('img')\"" in text


def test_the_api_pages_through_the_chronology(site: str) -> None:
    first = httpx.get(site + "api/meetings", params={"limit": 5}).json()
    assert first["total"] == 21 and len(first["meetings"]) == 5
    rest = httpx.get(site + "api/meetings", params={"limit": 50, "after": first["next_cursor"]}).json()
    assert rest["next_cursor"] is None and len(rest["meetings"]) == 16
    keys = [tuple(m["cursor"].split("~")) for m in first["meetings"] + rest["meetings"]]
    assert keys == sorted(keys) and len(set(keys)) == 21


@pytest.mark.parametrize(
    ("params", "status"),
    [({"leader": "kim"}, 400), ({"date_from": "yesterday"}, 400), ({"after": "x"}, 400), ({"limit": 0}, 422)],
)
def test_bad_filters_are_client_errors(site: str, params: dict[str, Any], status: int) -> None:
    response = httpx.get(site + "api/meetings", params=params)
    assert response.status_code == status
    assert response.json()["detail"]


def test_an_unknown_meeting_is_404_on_the_page_and_in_the_api(site: str) -> None:
    assert httpx.get(site + "api/meetings/m0000000000").status_code == 404
    assert httpx.get(site + "meetings/m0000000000").status_code == 404


def test_the_openapi_description_lists_the_api(site: str) -> None:
    spec = httpx.get(site + "openapi.json").json()
    assert {"/api/meetings", "/api/meetings/{meeting_id}", "/api/map", "/api/tone", "/api/documents"} <= set(
        spec["paths"]
    )


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("POST", "api/documents", {"data": {"text": "Obama met Merkel in Berlin on June 19, 2013."}}),
        ("DELETE", "api/documents/1", {}),
        ("POST", "api/findings/m0.0/verdict", {"json": {"verdict": "dismissed"}}),
    ],
)
def test_writes_without_a_token_are_refused_with_401(
    read_only_site: str, site: str, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    off = httpx.request(method, read_only_site + path, **kwargs)
    assert off.status_code == 401 and "SUMMITLINE_TOKEN" in off.json()["detail"]
    missing = httpx.request(method, site + path, **kwargs)
    assert missing.status_code == 401
    wrong = httpx.request(method, site + path, headers={"X-Summitline-Token": "guess"}, **kwargs)
    assert wrong.status_code == 401


def test_a_write_from_another_site_is_refused_even_with_the_token(site: str) -> None:
    headers = {"X-Summitline-Token": TOKEN, "Origin": "https://elsewhere.example"}
    response = httpx.post(site + "api/documents", data={"text": "Obama met Merkel in Berlin."}, headers=headers)
    assert response.status_code == 403


def test_pasted_text_is_ingested_shown_and_removed(site: str) -> None:
    text = "Berlin, June 19, 2013 - President Barack Obama met Chancellor Angela Merkel at the Chancellery today."
    headers = {"X-Summitline-Token": TOKEN, "Origin": site.rstrip("/")}
    added = httpx.post(site + "api/documents", data={"text": text, "title": "A test brief"}, headers=headers).json()
    assert added["stored"] is True
    assert [m["date_label"] for m in added["meetings"]] == ["June 19, 2013"]
    again = httpx.post(site + "api/documents", data={"text": text}, headers=headers).json()
    assert again["stored"] is False and again["document_id"] == added["document_id"]
    removed = httpx.delete(site + f"api/documents/{added['document_id']}", headers=headers).json()
    assert removed["documents"] == [added["document_id"]]
    assert removed["meetings"]["removed"] == [added["meetings"][0]["id"]]


def test_an_uploaded_html_file_is_read_as_html(site: str) -> None:
    page = b"<html><body><article><p>On May 2, 2019, Prime Minister Shinzo Abe met President Donald Trump at the "
    page += b"White House.</p><script>alert(1)</script></article></body></html>"
    headers = {"X-Summitline-Token": TOKEN}
    files = {"file": ("visit.html", page, "text/html")}
    added = httpx.post(site + "api/documents", files=files, headers=headers).json()
    assert [m["date_label"] for m in added["meetings"]] == ["May 2, 2019"]


def test_a_verdict_is_recorded_with_the_token(site: str) -> None:
    meetings = httpx.get(site + "api/meetings", params={"limit": 50}).json()["meetings"]
    finding = next(b["id"] for m in meetings for b in m["badges"] if b["kind"] == "finding")
    headers = {"X-Summitline-Token": TOKEN}
    answer = httpx.post(site + f"api/findings/{finding}/verdict", json={"verdict": "confirmed"}, headers=headers)
    assert answer.status_code == 200 and answer.json()["verdict"]["verdict"] == "confirmed"


@pytest.mark.parametrize(
    ("host", "public", "token", "headers", "status"),
    [
        ("127.0.0.1", False, None, {}, None),
        ("::1", False, None, {}, None),
        ("0.0.0.0", False, "t", {}, 401),
        ("0.0.0.0", False, "t", {"x-summitline-token": "t"}, None),
        ("192.168.1.5", True, None, {}, None),
    ],
)
def test_reads_are_open_on_loopback_and_need_the_token_elsewhere(
    host: str, public: bool, token: str | None, headers: dict[str, str], status: int | None
) -> None:
    refusal = check_request(access_for(host, public, token), "GET", headers, {}, "http://x")
    assert (refusal.status if refusal else None) == status


def test_the_token_cookie_opens_reads_once_given(library_path: str) -> None:
    with serving(create_app(ServeConfig(db=library_path, host="0.0.0.0", token=TOKEN))) as url:
        assert httpx.get(url).status_code == 401
        with httpx.Client(follow_redirects=True) as client:
            opened = client.get(url + "?token=" + TOKEN + "&leader=obama")
            assert opened.status_code == 200 and str(opened.url).endswith("/?leader=obama")
            assert client.get(url + "map").status_code == 200


def test_loopback_names() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


def test_schemathesis_finds_no_server_error(site: str, tmp_path: Path) -> None:
    st = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which("schemathesis")
    if st is None:
        if os.environ.get("CI"):
            pytest.fail("schemathesis is missing: CI must install it (pip install -e '.[dev]')")
        pytest.skip("schemathesis is not installed")
    run = subprocess.run(
        [st, "run", site + "openapi.json", "--checks", "not_a_server_error", "--max-examples", "25", "--seed", "1",
         "--generation-deterministic", "--workers", "1", "-H", f"X-Summitline-Token: {TOKEN}"],
        capture_output=True, text=True, timeout=540, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
