"""Streams of records: every source ``ingest`` takes, read as one iterator of documents to extract.

A source is a file (a document, a JSONL file of documents, a WARC or WARC.gz file), a directory (its files,
recursively, in name order), a glob (``crawl/*.warc.gz``), an http(s) URL, or ``-`` for standard input (a
WARC stream, JSONL, or one document, told apart by their first bytes). The stream yields, in a stable
order:

- :class:`StreamRecord`: one document's bytes (or a URL to fetch), with its URL, path, media type, the
  publication date given for it (a JSONL ``published``, a manifest's date), the crawl's date (a WARC's
  ``WARC-Date``, a JSONL ``crawled``) and its :class:`Position` in its input;
- :class:`Unusable`: a source or line that is no document (a missing file, a bad JSONL line), with why;
- :class:`InputDone`: every record of an input file has been yielded.

The crawl date only bounds: a page cannot have been published after it was crawled, so a publication date
later than the crawl is no publication date; it is never what "on Tuesday" is counted from.

Positions make an interrupted ingest resumable: an input's checkpoint (``store/checkpoints.py``) holds the
position of the last record finished, and :func:`iter_records` starts each input after it (a WARC by
seeking to its byte offset, a JSONL file to the line's byte offset) or passes over an input finished.
Records are plain, picklable values: the per-record work (``crawl.extract_record``) runs anywhere.
"""

from __future__ import annotations

import glob
import hashlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..config import Settings
from ..errors import DocumentTooLargeError, SourceNotFoundError
from ..manifest import ManifestEntry
from .text import encode_text

#: suffixes of files read as one document each; a directory's other files are passed over
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")
#: suffixes of files read as streams of documents
STREAM_SUFFIXES = (".jsonl", ".warc", ".warc.gz")

__all__ = [
    "DOCUMENT_SUFFIXES",
    "InputDone",
    "Position",
    "StreamRecord",
    "Unusable",
    "iter_records",
]


@dataclass(frozen=True, slots=True)
class Position:
    """Where a record is: its input (a file's resolved path, ``-`` or a URL), the byte offset where it starts
    in that input (a WARC record, a JSONL line; 0 for a whole file) and its JSONL line number (else 0)."""

    input: str
    offset: int = 0
    line: int = 0

    @property
    def resumable(self) -> bool:
        """A file can be read again from this position; standard input and URLs cannot."""
        return self.input != "-" and not self.input.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class StreamRecord:
    """One document to read: its raw bytes (``data``; None for a URL, fetched when the record is
    processed) and what its source says of it."""

    label: str  # how the ingest names it: a path, a URL, ``file.jsonl:LINE`` or ``file.warc.gz@OFFSET``
    position: Position
    data: bytes | None = None
    path: str | None = None
    url: str | None = None
    media_type: str | None = None  # None: told from the path's suffix, else from the bytes
    published: str | None = None  # given for this document (JSONL, manifest); wins over the page's own
    crawled: str | None = None  # the day it was crawled: the latest its publication can be
    title: str | None = None
    #: the SHA-256 of the bytes, which names the document in the library (None until a URL is fetched);
    #: computed once, here: the ingest looks the record up by it and its outcome carries it
    sha256: str | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sha256", None if self.data is None else hashlib.sha256(self.data).hexdigest())


@dataclass(frozen=True, slots=True)
class Unusable:
    """A source, or a part of one, that is no document: recorded as a failure with its reason."""

    label: str
    reason: str
    position: Position


@dataclass(frozen=True, slots=True)
class InputDone:
    """Every record of this input has been yielded (its checkpoint can say finished)."""

    input: str


StreamItem = StreamRecord | Unusable | InputDone
#: where to start an input again: the position of its last finished record, None when it is finished
Resume = Callable[[str], Position | None | bool]


def iter_records(
    sources: Sequence[str],
    settings: Settings,
    manifest: Sequence[ManifestEntry] = (),
    resume: Resume | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[StreamItem]:
    """The records of the manifest's documents, then of each source, in order. ``resume(input)`` says where
    an input stands: False (not started), a :class:`Position` (start after it) or None (finished: passed
    over, with an :class:`InputDone`)."""
    for entry in manifest:
        if entry.url:
            yield StreamRecord(
                entry.label, Position(entry.url), url=entry.url, published=entry.published, title=entry.title
            )
        else:
            yield from _file(
                entry.path or Path(), settings, entry.label, resume, published=entry.published, title=entry.title
            )
    for source in sources:
        if source == "-":
            yield from _stdin(stdin or sys.stdin.buffer, settings)
        elif source.startswith(("http://", "https://")):
            yield StreamRecord(source, Position(source), url=source)
        elif Path(source).is_dir():
            for child in sorted(p for p in Path(source).rglob("*") if p.is_file()):
                if _suffix(child) in DOCUMENT_SUFFIXES + STREAM_SUFFIXES:
                    yield from _file(child, settings, str(child), resume)
        elif Path(source).exists():
            yield from _file(Path(source), settings, str(Path(source)), resume)
        elif glob.has_magic(source) and (matches := sorted(glob.glob(source, recursive=True))):
            for match in matches:
                if Path(match).is_file():
                    yield from _file(Path(match), settings, match, resume)
        else:
            yield Unusable(source, "no such file or directory", Position(source))


def input_bytes(sources: Sequence[str], manifest: Sequence[ManifestEntry] = ()) -> int:
    """The bytes of the input files these sources name (what a progress bar's time left is estimated from;
    URLs and standard input count nothing)."""
    paths = [entry.path for entry in manifest if entry.path]
    for source in sources:
        path = Path(source)
        if path.is_dir():
            paths += [p for p in path.rglob("*") if p.is_file() and _suffix(p) in DOCUMENT_SUFFIXES + STREAM_SUFFIXES]
        elif path.is_file():
            paths.append(path)
        elif glob.has_magic(source):
            paths += [Path(match) for match in glob.glob(source, recursive=True) if Path(match).is_file()]
    return sum(p.stat().st_size for p in paths)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def _file(
    path: Path,
    settings: Settings,
    label: str,
    resume: Resume | None,
    published: str | None = None,
    title: str | None = None,
) -> Iterator[StreamItem]:
    key = str(path.resolve())
    where = resume(key) if resume else False
    if where is None:
        yield InputDone(key)
        return
    after = where if isinstance(where, Position) else None
    kind = _suffix(path)
    if kind == ".jsonl":
        with path.open("rb") as stream:
            yield from jsonl_records(stream, label, key, after=after)
    elif kind in (".warc", ".warc.gz"):
        from .warc import warc_records

        with path.open("rb") as stream:
            if after is not None:
                stream.seek(after.offset)
            yield from warc_records(
                stream, label, key, max_bytes=settings.max_bytes, after=None if after is None else after.offset
            )
    elif after is None:  # one document: a checkpoint after it means it is done
        position = Position(key)
        try:
            data = file_bytes(path, settings, label)
        except (SourceNotFoundError, DocumentTooLargeError) as exc:
            yield Unusable(label, str(exc), position)
        else:
            yield StreamRecord(label, position, data=data, path=str(path), published=published, title=title)
    yield InputDone(key)


def file_bytes(path: Path, settings: Settings, label: str) -> bytes:
    """A document file's bytes, with the errors ``read_path`` gives."""
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise DocumentTooLargeError(
            f"{label}: {size} bytes is over the limit of {settings.max_bytes} bytes; raise it with --max-bytes"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceNotFoundError(f"{label}: cannot be read ({exc.strerror})") from exc


def jsonl_records(stream: BinaryIO, name: str, key: str, after: Position | None = None) -> Iterator[StreamItem]:
    """Documents of a JSONL stream, one object a line: ``text`` or ``html``, and optional ``url``, ``title``,
    ``published`` and ``crawled``. ``after``: the last line finished (the stream is positioned at its start
    when it is seekable)."""
    n, offset = 0, 0
    if after is not None:
        stream.seek(after.offset)
        n, offset = after.line - 1, after.offset
    for raw in stream:
        n += 1
        start, offset = offset, offset + len(raw)
        if after is not None and start <= after.offset:
            continue
        if not raw.strip():
            continue
        label, position = f"{name}:{n}", Position(key, start, n)
        try:
            record = json.loads(raw.decode("utf-8", errors="replace"))
        except json.JSONDecodeError as exc:
            yield Unusable(label, f"not a JSON object ({exc.msg})", position)
            continue
        if not isinstance(record, dict) or not (record.get("text") or record.get("html")):
            yield Unusable(label, "a JSONL line needs a 'text' or an 'html' field", position)
            continue
        yield _jsonl_record(record, label, position)


def _jsonl_record(record: dict, label: str, position: Position) -> StreamRecord:
    body = record.get("html") or record.get("text")
    return StreamRecord(
        label,
        position,
        data=encode_text(str(body)),
        url=_text(record.get("url")),
        media_type="text/html" if record.get("html") else "text/plain",
        published=str(record["published"])[:10] if record.get("published") else None,
        crawled=str(record["crawled"])[:10] if record.get("crawled") else None,
        title=_text(record.get("title")),
    )


def _text(value: object) -> str | None:
    return str(value) if value else None


def _stdin(stream: BinaryIO, settings: Settings) -> Iterator[StreamItem]:
    """Standard input: a WARC (or WARC.gz) stream, JSONL (its first byte a ``{``), else one document."""
    from .warc import looks_like_warc, warc_records

    head = stream.peek(8)[:8] if hasattr(stream, "peek") else b""
    if looks_like_warc(head):
        yield from warc_records(stream, "stdin", "-", max_bytes=settings.max_bytes)
    elif head.lstrip().startswith(b"{"):
        yield from jsonl_records(stream, "-", "-")
    else:
        data = stream.read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            reason = f"stdin: over the limit of {settings.max_bytes} bytes; raise it with --max-bytes"
            yield Unusable("stdin", reason, Position("-"))
        else:
            yield StreamRecord("stdin", Position("-"), data=data)
    yield InputDone("-")
