"""WARC and WARC.gz files (web archives, as crawlers write them) -> the records of their HTML and text pages.

Read with ``warcio`` (streaming, per-record gzip members). A record becomes a document when it is a
``response`` with a 2xx status and an HTML or text body, a ``resource`` of such a type, or a ``conversion``
(the plain text of a page, as in Common Crawl's WET files); requests, metadata, redirects and images are
not documents and are passed over. Each record keeps its target URI and the day of its ``WARC-Date``: the
crawl's date, which is only the latest the page can have been published.

A record's position is the byte offset where it starts in the file (compressed offset for WARC.gz), so an
interrupted ingest starts again at the record after the last one it finished (``ingest.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from .streams import Position, StreamRecord, Unusable

#: content types of records that become documents
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def warc_records(
    stream: BinaryIO, name: str, key: str, *, max_bytes: int, after: int | None = None
) -> Iterator[StreamRecord | Unusable]:
    """The documents of a WARC (or WARC.gz) stream, each labelled ``name@OFFSET`` with its position in the
    input ``key``. ``after``: the offset of the last record already finished (the stream is positioned
    there): it and the records before it are passed over."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream, no_record_parse=False, arc2warc=True)
    for record in records:
        kind = record.rec_type
        if kind not in ("response", "resource", "conversion"):
            continue
        if kind == "response" and not _ok_status(record):
            continue
        media = _media_type(record)
        if media not in TEXT_TYPES:
            continue
        data = record.content_stream().read(max_bytes + 1)
        offset = records.get_record_offset()  # known once the record is read to its end
        if after is not None and offset <= after:
            continue
        label, position = f"{name}@{offset}", Position(key, offset)
        if len(data) > max_bytes:
            yield Unusable(label, f"{label}: over the limit of {max_bytes} bytes; raise it with --max-bytes", position)
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI")
        crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
        yield StreamRecord(label, position, data=data, url=uri, media_type=media, crawled=crawled)


def looks_like_warc(head: bytes) -> bool:
    """The first bytes of a WARC file, or of a gzip member (a WARC.gz)."""
    return head.startswith((b"WARC/", b"\x1f\x8b"))


def _media_type(record: object) -> str:
    headers = getattr(record, "http_headers", None)
    value = headers.get_header("Content-Type") if headers is not None else None
    if value is None:
        value = record.rec_headers.get_header("Content-Type")  # type: ignore[attr-defined]
    return (value or "").split(";")[0].strip().lower()


def _ok_status(record: object) -> bool:
    headers = getattr(record, "http_headers", None)
    status = headers.get_statuscode() if headers is not None else None
    return bool(status) and str(status).startswith("2")
