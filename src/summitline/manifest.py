"""A manifest: many documents to ingest, each with its own publication date.

A JSONL file, one document a line::

    {"path": "2021/merkel-visit.txt", "published": "2021-07-15"}
    {"url": "https://example.org/story", "published": "2019-06-28", "title": "Osaka, day one"}

``path`` (relative to the manifest's folder) or ``url``, ``published`` as ``YYYY-MM-DD``, and an optional
``title``. :func:`read_manifest` checks every line before anything is ingested and refuses the manifest,
naming ``file:line`` and the problem, when one is wrong.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import ConfigError

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIELDS = ("path", "url", "published", "title")
#: how many bad lines one error names
_NAMED = 3


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One document of a manifest: a file (``path``) or a URL, with its publication date and title."""

    label: str  # where it comes from, as the ingest reports it: the path or the URL
    published: str
    path: Path | None = None
    url: str | None = None
    title: str | None = None


def read_manifest(manifest: Path | str) -> list[ManifestEntry]:
    """Every document of the manifest, in order; a :class:`ConfigError` naming the bad lines (``file:line:
    problem``) when any line is wrong, or when the manifest lists nothing."""
    manifest = Path(manifest)
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError(f"{manifest}: no such manifest file; give a JSONL file of path and published") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{manifest}: the manifest cannot be read ({exc}); give a UTF-8 JSONL file") from None
    entries, problems = [], []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entries.append(_entry(json.loads(line), manifest.parent))
        except json.JSONDecodeError as exc:
            problems.append(f"{manifest}:{n}: not a JSON object ({exc.msg})")
        except ConfigError as exc:
            problems.append(f"{manifest}:{n}: {exc}")
    if problems:
        more = f" (and {len(problems) - _NAMED} more bad lines)" if len(problems) > _NAMED else ""
        raise ConfigError("; ".join(problems[:_NAMED]) + more + "; nothing was ingested")
    if not entries:
        raise ConfigError(f"{manifest}: the manifest lists no document; write one JSON object a line")
    return entries


def _entry(record: Any, folder: Path) -> ManifestEntry:
    if not isinstance(record, dict):
        raise ConfigError('not a JSON object; write {"path": "story.txt", "published": "YYYY-MM-DD"}')
    unknown = sorted(set(record) - set(_FIELDS))
    if unknown:
        raise ConfigError(f"unknown field {unknown[0]!r}; a line holds path or url, published and an optional title")
    published = _published(record.get("published"))
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise ConfigError("'title' must be a string")
    if ("path" in record) == ("url" in record):
        raise ConfigError("give either 'path' (a file) or 'url', one of them")
    if "url" in record:
        url = record["url"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ConfigError(f"'url' {url!r}: give an http:// or https:// address")
        return ManifestEntry(url, published, url=url, title=title)
    return ManifestEntry(str(path := _path(record["path"], folder)), published, path=path, title=title)


def _published(value: Any) -> str:
    if value is None:
        raise ConfigError("'published' is missing; give the document's publication date as YYYY-MM-DD")
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise ConfigError(f"'published' {value!r}: give a date as YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"'published' {value!r}: that day does not exist; give a date as YYYY-MM-DD") from None
    return value


def _path(value: Any, folder: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError("'path' must be a file name (relative to the manifest's folder)")
    path = Path(value) if Path(value).is_absolute() else folder / value
    if not path.exists():
        raise ConfigError(f"no such file {str(path)!r} (a path is relative to the manifest's folder)")
    if path.is_dir() or path.suffix.lower() == ".jsonl":
        raise ConfigError(
            f"{str(path)!r} is not one document; a manifest lists files (.txt, .html) one a line "
            "(a folder or a JSONL file of documents is given as a SOURCE instead)"
        )
    return path
