"""manifest.py: a JSONL file of documents with their own publication dates, checked line by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summitline.errors import ConfigError
from summitline.manifest import ManifestEntry, read_manifest


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "one.txt").write_text("One story.\n", encoding="utf-8")
    (tmp_path / "two.html").write_text("<p>Another story.</p>\n", encoding="utf-8")
    return tmp_path


def _manifest(folder: Path, *lines: str) -> Path:
    path = folder / "manifest.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_paths_are_relative_to_the_manifest_and_each_line_keeps_its_date(folder: Path) -> None:
    manifest = _manifest(
        folder,
        json.dumps({"path": "docs/one.txt", "published": "2021-07-15"}),
        "",
        json.dumps({"path": str(folder / "two.html"), "published": "2019-06-28", "title": "Osaka"}),
        json.dumps({"url": "https://example.org/story", "published": "2018-07-16"}),
    )
    assert read_manifest(manifest) == [
        ManifestEntry(str(folder / "docs" / "one.txt"), "2021-07-15", path=folder / "docs" / "one.txt"),
        ManifestEntry(str(folder / "two.html"), "2019-06-28", path=folder / "two.html", title="Osaka"),
        ManifestEntry("https://example.org/story", "2018-07-16", url="https://example.org/story"),
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"path": "docs/one.txt", "published": "2021-07-15"', "not a JSON object"),
        ('["docs/one.txt", "2021-07-15"]', "not a JSON object"),
        ('{"path": "docs/one.txt"}', "'published' is missing"),
        ('{"path": "docs/one.txt", "published": "15/07/2021"}', "give a date as YYYY-MM-DD"),
        ('{"path": "docs/one.txt", "published": "2021-02-30"}', "that day does not exist"),
        ('{"path": "docs/one.txt", "published": 2021}', "give a date as YYYY-MM-DD"),
        ('{"path": "docs/missing.txt", "published": "2021-07-15"}', "no such file"),
        ('{"path": "docs", "published": "2021-07-15"}', "is not one document"),
        ('{"published": "2021-07-15"}', "give either 'path' (a file) or 'url'"),
        ('{"path": "two.html", "url": "https://example.org/a", "published": "2021-07-15"}', "one of them"),
        ('{"url": "ftp://example.org/a", "published": "2021-07-15"}', "http:// or https://"),
        ('{"path": "two.html", "published": "2021-07-15", "title": 3}', "'title' must be a string"),
        ('{"path": "two.html", "published": "2021-07-15", "date": "2021"}', "unknown field 'date'"),
    ],
)
def test_a_bad_line_is_refused_with_its_file_line_and_problem(folder: Path, line: str, problem: str) -> None:
    good = json.dumps({"path": "docs/one.txt", "published": "2021-07-15"})
    manifest = _manifest(folder, good, line)
    with pytest.raises(ConfigError) as caught:
        read_manifest(manifest)
    message = str(caught.value)
    assert message.startswith(f"{manifest}:2: ") and problem in message, message
    assert "\n" not in message


def test_several_bad_lines_are_named_in_one_message(folder: Path) -> None:
    manifest = _manifest(folder, *['{"path": "docs/one.txt"}'] * 5)
    with pytest.raises(ConfigError, match=r"manifest.jsonl:1: .*manifest.jsonl:3: .*\(and 2 more bad lines\)"):
        read_manifest(manifest)


@pytest.mark.parametrize(("lines", "problem"), [((), "lists no document"), (None, "no such manifest file")])
def test_an_empty_or_missing_manifest_is_refused(folder: Path, lines: tuple[str, ...] | None, problem: str) -> None:
    manifest = _manifest(folder, *lines) if lines is not None else folder / "absent.jsonl"
    with pytest.raises(ConfigError, match=problem):
        read_manifest(manifest)
