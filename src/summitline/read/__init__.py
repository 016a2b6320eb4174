"""Reading documents: a path, a URL, stdin bytes or text itself -> :class:`Document` (raw text)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..errors import DocumentTooLargeError, SourceNotFoundError
from ..records import Document
from .text import decode_text, encode_text, looks_like_html

if TYPE_CHECKING:  # httpx is imported only when a URL is fetched
    import httpx

__all__ = ["read_bytes", "read_path", "read_source", "read_url"]


def read_bytes(
    data: bytes,
    *,
    label: str,
    path: str | None = None,
    url: str | None = None,
    media_type: str | None = None,
) -> Document:
    """Decode bytes and, for HTML, extract the main text with its title, date and captions."""
    text = decode_text(data, label)
    sha = hashlib.sha256(data).hexdigest()
    is_html = (media_type or "").endswith(("html", "xhtml+xml")) or (media_type in (None, "") and looks_like_html(text))
    if (path or "").lower().endswith((".html", ".htm", ".xhtml")):
        is_html = True
    elif (path or "").lower().endswith(".txt"):
        is_html = False
    if not is_html:
        return Document(text=text, sha256=sha, path=path, url=url, media_type="text/plain")
    from .html import html_to_text  # trafilatura, lxml and logging: only for a page of HTML

    body, title, date, captions = html_to_text(text)
    # captions the main text left out are kept at its end, each with its credit on the line below,
    # so that they too can be evidence
    extra = ["\n".join(x for x in (c.caption, c.credit) if x) for c in captions if c.caption and c.caption not in body]
    if extra:
        body = "\n\n".join([body, *extra]) if body.strip() else "\n\n".join(extra)
    for c in captions:  # a caption run into the text keeps a line of its own, its credit the next one
        if c.caption and c.caption in body:
            body = body.replace(" " + c.caption, "\n" + c.caption, 1)
            if c.credit:
                body = body.replace(c.caption + " " + c.credit, c.caption + "\n" + c.credit, 1)
    return Document(
        text=body,
        sha256=sha,
        path=path,
        url=url,
        title=title,
        published=date,
        published_source="metadata" if date else None,
        media_type="text/html",
        captions=captions,
    )


def read_path(path: Path, settings: Settings) -> Document:
    label = str(path)
    if not path.exists():
        raise SourceNotFoundError(f"{label}: no such file; check the path")
    if path.is_dir():
        raise SourceNotFoundError(f"{label}: is a directory; give one document (a .txt or .html file)")
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise DocumentTooLargeError(
            f"{label}: {size} bytes is over the limit of {settings.max_bytes} bytes; raise it with --max-bytes"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceNotFoundError(f"{label}: cannot be read ({exc.strerror})") from exc
    return read_bytes(data, label=label, path=str(path))


def read_url(url: str, settings: Settings, transport: httpx.BaseTransport | None = None) -> Document:
    from .url import fetch  # httpx: only for URLs

    data, ctype, final = fetch(
        url,
        max_bytes=settings.max_bytes,
        timeout=settings.timeout,
        allow_private=settings.allow_private,
        transport=transport,
    )
    return read_bytes(data, label=url, url=final, media_type=ctype)


def read_source(source: Path | str, settings: Settings, transport: httpx.BaseTransport | None = None) -> Document:
    """A ``Path`` is a file, a string starting with http(s):// a URL, any other string the text itself."""
    if isinstance(source, Path):
        return read_path(source, settings)
    if source.startswith(("http://", "https://")) and "\n" not in source.strip():
        return read_url(source.strip(), settings, transport)
    data = encode_text(source)
    if len(data) > settings.max_bytes:
        raise DocumentTooLargeError(f"text of {len(data)} bytes is over the limit of {settings.max_bytes} bytes")
    return read_bytes(data, label="text")
