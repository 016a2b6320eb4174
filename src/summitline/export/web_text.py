"""Text for exports that a browser may show as HTML (GeoJSON popups, TimelineJS slides): document text is
data, so it is escaped, and only http(s) links are kept."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit


def escaped(value: Any) -> Any:
    """``value`` with every string in it (keys too) HTML-escaped, quotes included."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, dict):
        return {escaped(k): escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [escaped(v) for v in value]
    return value


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL with a host; None otherwise (``javascript:``, ``data:``, files)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None
