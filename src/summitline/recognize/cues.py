"""Cue phrases: meeting words, formats (video, phone), plans, counts, other events, photo descriptions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..kb import KnowledgeBase
from .phrases import PhraseMatcher

KINDS = ("meeting", "video_call", "phone_call", "planned", "other_event", "count", "photo_date")


@dataclass(frozen=True, slots=True)
class CueMention:
    start: int
    end: int
    text: str
    kind: str


def phrase_pattern(phrases: list[str]) -> str:
    """Lower-case phrases to one regex alternation (for small lists); '*' as in :mod:`.phrases`."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        body = re.escape(p.strip("*")).replace(r"\ ", r"\s+")
        if p.startswith("*"):
            body = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozen)" + body
        if p.endswith("*"):
            body += r"\w*"
        parts.append(body)
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"


_MATCHERS: dict[int, PhraseMatcher] = {}


def recognize_cues(text: str, kb: KnowledgeBase) -> list[CueMention]:
    matcher = _MATCHERS.get(id(kb))
    if matcher is None:
        matcher = _MATCHERS[id(kb)] = PhraseMatcher((p, k) for k in KINDS for p in kb.cues.get(k, []))
    out = [CueMention(a, b, text[a:b], kind) for a, b, kind in matcher.finditer(text)]
    return sorted(out, key=lambda c: (c.start, -c.end))
