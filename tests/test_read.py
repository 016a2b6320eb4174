"""Reading documents through the library: the errors each kind of bad input raises."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

import summitline
from summitline import FetchError, InputError, Settings
from summitline.errors import DocumentTooLargeError, NotTextError, SourceNotFoundError
from summitline.read import read_bytes, read_url

extract = summitline.extract

LEAD = "June 16, 2021: Russian President Vladimir Putin met U.S. President Joe Biden in Geneva."
LOCAL = Settings(allow_private=True, timeout=5)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pairs(result) -> list[tuple[str, list[str]]]:
    return [(m.date, [p.name for p in m.participants]) for m in result.meetings]


# --- files ---------------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(SourceNotFoundError, match="no such file"):
        extract(tmp_path / "nope.txt")


def test_directory(tmp_path):
    with pytest.raises(SourceNotFoundError, match="is a directory"):
        extract(tmp_path)


def test_empty_file(tmp_path):
    with pytest.raises(NotTextError, match="empty"):
        extract(write(tmp_path, "e.txt", b""))


def test_binary_file(tmp_path):
    with pytest.raises(NotTextError, match="binary"):
        extract(write(tmp_path, "p.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)))


def test_undecodable_file(tmp_path):
    with pytest.raises(NotTextError, match="cannot be decoded"):
        extract(write(tmp_path, "j.txt", bytes(range(128, 256)) * 50))


def test_file_over_limit(tmp_path):
    with pytest.raises(DocumentTooLargeError, match="limit of 100"):
        extract(write(tmp_path, "b.txt", b"a" * 1024), settings=Settings(max_bytes=100))


def test_text_over_limit():
    with pytest.raises(DocumentTooLargeError):
        extract("a" * 200, settings=Settings(max_bytes=100))


def test_bytes_over_limit():
    with pytest.raises(InputError, match="limit of 100"):
        extract(b"a" * 200, settings=Settings(max_bytes=100))


def test_input_errors_are_input_errors():
    assert issubclass(SourceNotFoundError, InputError)
    assert issubclass(DocumentTooLargeError, InputError)
    assert issubclass(NotTextError, InputError)
    assert not issubclass(FetchError, InputError)


def test_latin1_file_is_decoded(tmp_path):
    text = f"{LEAD} Les deux présidents se sont rencontrés à Genève, près du lac Léman."
    doc = extract(write(tmp_path, "l.txt", text.encode("latin-1"))).document
    assert "présidents" in doc.text


def test_text_file_gives_meeting(tmp_path):
    result = extract(write(tmp_path, "a.txt", LEAD.encode()))
    assert ("2021-06-16", ["Vladimir Putin", "Joe Biden"]) in pairs(result)


def test_bytes_give_meeting():
    assert ("2021-06-16", ["Vladimir Putin", "Joe Biden"]) in pairs(extract(LEAD.encode()))


def test_html_sniffed_without_extension():
    html = b"<html><head><title>Summit</title></head><body><p>" + LEAD.encode() + b"</p></body></html>"
    doc = read_bytes(html, label="x")
    assert doc.media_type == "text/html" and doc.title == "Summit" and "<p>" not in doc.text


def test_txt_extension_is_never_html():
    doc = read_bytes(b"<p>literal markup</p>", label="x", path="notes.txt")
    assert doc.media_type == "text/plain" and doc.text == "<p>literal markup</p>"


# --- URLs (127.0.0.1 only) ------------------------------------------------------------------------


def test_url_unreachable(closed_port):
    with pytest.raises(FetchError, match="cannot be reached"):
        extract(f"http://127.0.0.1:{closed_port}/", settings=LOCAL)


@pytest.mark.parametrize("status", [404, 500])
def test_url_http_error(local_server, status):
    url = local_server.route("/x", status, "text/html", b"<html></html>")
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        extract(url, settings=LOCAL)


def test_url_not_text(local_server):
    url = local_server.route("/p.png", 200, "image/png", b"\x89PNG\r\n\x1a\n")
    with pytest.raises(FetchError, match="image/png"):
        extract(url, settings=LOCAL)


def test_url_private_refused(local_server):
    url = local_server.route("/a", 200, "text/plain", LEAD.encode())
    with pytest.raises(FetchError, match="private address 127.0.0.1"):
        extract(url, settings=Settings())
    assert local_server.hits == []


def test_url_not_http():
    with pytest.raises(FetchError, match="only http and https"):
        read_url("ftp://127.0.0.1/a.txt", LOCAL)


def test_url_over_limit_by_content_length(local_server):
    url = local_server.route("/big", 200, "text/plain", b"a" * 1024)
    with pytest.raises(DocumentTooLargeError, match="1024 bytes"):
        extract(url, settings=Settings(allow_private=True, max_bytes=100))


def test_url_plain_text(local_server):
    url = local_server.route("/a.txt", 200, "text/plain; charset=utf-8", LEAD.encode())
    result = extract(url, settings=LOCAL)
    assert result.document.url == url
    assert ("2021-06-16", ["Vladimir Putin", "Joe Biden"]) in pairs(result)


# --- regression tests for bugs found in review ---


def test_package_extract_is_the_function(tmp_path):
    assert not isinstance(summitline.extract, types.ModuleType)
    with pytest.raises(SourceNotFoundError):
        summitline.extract(tmp_path / "nope.txt")


def test_utf16_with_bom_is_text():
    assert read_bytes(LEAD.encode("utf-16"), label="x").text == LEAD


def test_url_without_content_type_is_sniffed(local_server):
    url = local_server.route("/plain", 200, None, LEAD.encode())
    assert ("2021-06-16", ["Vladimir Putin", "Joe Biden"]) in pairs(extract(url, settings=LOCAL))


def test_html_figure_caption_is_kept_with_its_credit_as_a_photo() -> None:
    html = (
        b"<html><head><title>T</title></head><body><article>"
        b"<p>A long paragraph about relations between the two countries, long enough for the extractor to keep "
        b"it as the main text of the page.</p><p>Another paragraph about diplomacy and trade and many other "
        b"matters of state, to be safe.</p><figure><img src=x.jpg><figcaption>Russian President Vladimir Putin "
        b"and U.S. President Joe Biden meet in Geneva, June 16, 2021. <span class=credit>Reuters/Denis Balibouse"
        b"</span></figcaption></figure></article></body></html>"
    )
    result = extract(html)
    assert [m.date for m in result.meetings] == ["2021-06-16"]
    photo = result.meetings[0].photo
    assert photo is not None and photo.credit == "Reuters/Denis Balibouse"
    assert photo.caption is not None and photo.caption.startswith("Russian President Vladimir Putin")
