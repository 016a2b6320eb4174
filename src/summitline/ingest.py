"""Ingest: many sources into the library, each document in its own transaction, nothing lost.

Sources are files, directories (recursively: .txt, .html, .htm, .jsonl), http(s)
URLs, and JSONL files whose lines are documents (``text`` or ``html``, plus
optional ``url``, ``title``, ``published``). A document already in the library
(same SHA-256 of its bytes) is skipped; one that cannot be used is recorded with
its reason and the rest go on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings
from .errors import InputError, SummitlineError
from .kb import KnowledgeBase
from .pipeline import extract_document
from .read import read_bytes, read_path, read_url
from .records import Document
from .store.database import Database
from .store.library import add_extraction, has_document, record_failure

if TYPE_CHECKING:  # httpx is imported only when a URL is fetched
    import httpx

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    meetings_found: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One document to ingest: where it comes from and how to read it."""

    label: str
    load: Callable[[], Document]


def iter_sources(
    sources: list[str], settings: Settings, transport: httpx.BaseTransport | None = None
) -> Iterator[SourceItem | tuple[str, str]]:
    """Documents to read, in a stable order; a (label, reason) pair for a source that is unusable as a whole."""
    for source in sources:
        if source.startswith(("http://", "https://")):
            yield SourceItem(source, lambda s=source: read_url(s, settings, transport))  # type: ignore[misc]
            continue
        path = Path(source)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in DOCUMENT_SUFFIXES:
                    yield SourceItem(str(child), lambda c=child: read_path(c, settings))  # type: ignore[misc]
                elif child.suffix.lower() == ".jsonl":
                    yield from _jsonl(child)
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            yield from _jsonl(path)
        elif not path.exists():
            yield (source, "no such file or directory")
        else:
            yield SourceItem(str(path), lambda p=path: read_path(p, settings))  # type: ignore[misc]


def _jsonl(path: Path) -> Iterator[SourceItem | tuple[str, str]]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            label = f"{path}:{n}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield (label, f"not a JSON object ({exc.msg})")
                continue
            if not isinstance(record, dict) or not (record.get("text") or record.get("html")):
                yield (label, "a JSONL line needs a 'text' or an 'html' field")
                continue
            yield SourceItem(label, lambda r=record, lab=label: _from_record(r, lab))  # type: ignore[misc]


def _from_record(record: dict, label: str) -> Document:
    body = record.get("html") or record.get("text")
    media = "text/html" if record.get("html") else "text/plain"
    doc = read_bytes(str(body).encode("utf-8"), label=label, url=record.get("url"), media_type=media)
    if record.get("title"):
        doc.title = str(record["title"])
    if record.get("published"):
        doc.published, doc.published_source = str(record["published"])[:10], "given"
    return doc


def ingest(
    db: Database,
    sources: list[str],
    kb: KnowledgeBase,
    settings: Settings,
    on_progress: Callable[[str, str], None] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> IngestSummary:
    """Read, extract and store every document of the sources; report each outcome to ``on_progress``."""
    summary = IngestSummary()
    for item in iter_sources(sources, settings, transport):
        if isinstance(item, tuple):
            summary.failed += 1
            summary.failures.append(item)
            record_failure(db, item[0], item[1])
            _tell(on_progress, item[0], "failed")
            continue
        summary.read += 1
        outcome = _ingest_one(db, item, kb, settings, summary)
        _tell(on_progress, item.label, outcome)
    return summary


def _ingest_one(db: Database, item: SourceItem, kb: KnowledgeBase, settings: Settings, summary: IngestSummary) -> str:
    try:
        doc = item.load()
        if not doc.text.strip():
            raise InputError("no readable text was found in the document")
    except SummitlineError as exc:
        summary.failed += 1
        summary.failures.append((item.label, str(exc)))
        record_failure(db, item.label, str(exc))
        return "failed"
    if has_document(db, doc.sha256):
        summary.skipped += 1
        return "skipped"
    extraction = extract_document(doc, kb, published=settings.published)
    add_extraction(db, extraction, item.label, kb)
    summary.new += 1
    summary.meetings_found += len(extraction.meetings)
    return "new"


def _tell(callback: Callable[[str, str], None] | None, label: str, outcome: str) -> None:
    if callback:
        callback(label, outcome)
