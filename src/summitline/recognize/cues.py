"""Cue phrases: meeting words, formats (video, phone), plans, counts, other events, photo descriptions."""

from __future__ import annotations

from dataclasses import dataclass

from ..kb import KnowledgeBase
from .phrases import PhraseMatcher

KINDS = ("meeting", "video_call", "phone_call", "planned", "other_event", "count", "photo_date", "negation")


@dataclass(frozen=True, slots=True)
class CueMention:
    start: int
    end: int
    text: str
    kind: str


_MATCHERS: dict[int, PhraseMatcher] = {}


def recognize_cues(text: str, kb: KnowledgeBase) -> list[CueMention]:
    matcher = _MATCHERS.get(id(kb))
    if matcher is None:
        matcher = _MATCHERS[id(kb)] = PhraseMatcher((p, k) for k in KINDS for p in kb.cues.get(k, []))
    out = [CueMention(a, b, text[a:b], kind) for a, b, kind in matcher.finditer(text)]
    return sorted(out, key=lambda c: (c.start, -c.end))
