"""Topics: the knowledge base's taxonomy, matched by cue words."""

from __future__ import annotations

from ..kb import KnowledgeBase
from ..recognize.cues import all_phrases
from ..records import Evidence


def recognize_topics(text: str, kb: KnowledgeBase) -> list[Evidence]:
    """Every topic cue in the text, as evidence named ``topics.<id>``."""
    return [
        Evidence(f"topics.{label[6:]}", a, b, text[a:b])
        for a, b, label in all_phrases(text, kb)
        if label[:6] == "topic:"
    ]


def topics_in(found: list[Evidence], spans: list[tuple[int, int]]) -> tuple[list[str], list[Evidence]]:
    """Topic ids whose cues fall in the spans, in order of first mention, with their first evidence."""
    first: dict[str, Evidence] = {}
    for ev in found:
        if any(a <= ev.start and ev.end <= b for a, b in spans):
            first.setdefault(ev.field.split(".", 1)[1], ev)
    return list(first), list(first.values())
