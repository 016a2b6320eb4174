"""The templates' environment, shared by the app and the report: autoescape on for every template, so any
text from a document is shown as text; links from documents kept only when they are http(s); JSON put in a
``<script>`` element escaped so that no ``</script>`` or ``<!--`` inside it can end or change the element."""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader

from .. import __version__
from .figures import land_path, tone_colour


def safe_href(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host; None for anything else (``javascript:``,
    ``data:``, relative paths), so that a document's link can never run script or point into the app."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    if any(ord(c) < 32 for c in text):
        return None
    parts = urlsplit(text)
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def json_for_script(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` and the line separators
    JavaScript parsers trip on are written as ``\\u`` escapes (still the same JSON once parsed)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("summitline.web", "templates"),
        autoescape=True,  # every template, whatever its name
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tone_colour"] = tone_colour
    env.filters["safe_href"] = safe_href
    env.globals["version"] = __version__
    env.globals["land"] = land_path()
    return env


def render(template: str, **context: Any) -> str:
    context.setdefault("root", "/")
    context.setdefault("meeting_link", context["root"] + "meetings/")
    context.setdefault("query_string", "")
    return environment().get_template(template).render(**context)
