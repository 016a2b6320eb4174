"""Cue phrases: meeting words, formats (video, phone), plans, counts, other events, photo descriptions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..kb import KnowledgeBase

KINDS = ("meeting", "video_call", "phone_call", "planned", "other_event", "count", "photo_date")


@dataclass(frozen=True, slots=True)
class CueMention:
    start: int
    end: int
    text: str
    kind: str


def phrase_pattern(phrases: list[str]) -> str:
    """Lower-case phrases to one alternation; a trailing '*' matches any word ending, a leading '*' a number."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        body = re.escape(p.strip("*")).replace(r"\ ", r"\s+")
        if p.startswith("*"):
            body = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozen)" + body
        if p.endswith("*"):
            body += r"\w*"
        parts.append(body)
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"


_PATTERNS: dict[int, dict[str, re.Pattern[str]]] = {}


def _patterns(kb: KnowledgeBase) -> dict[str, re.Pattern[str]]:
    cached = _PATTERNS.get(id(kb))
    if cached is None:
        cached = _PATTERNS[id(kb)] = {
            k: re.compile(phrase_pattern(kb.cues[k]), re.I) for k in KINDS if kb.cues.get(k)
        }
    return cached


def recognize_cues(text: str, kb: KnowledgeBase) -> list[CueMention]:
    out = []
    for kind, pattern in _patterns(kb).items():
        out.extend(CueMention(m.start(), m.end(), m.group(0), kind) for m in pattern.finditer(text))
    return sorted(out, key=lambda c: (c.start, -c.end))
