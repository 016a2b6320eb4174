"""Topics: the knowledge base's taxonomy, matched by cue words."""

from __future__ import annotations

from ..kb import KnowledgeBase
from ..recognize.phrases import PhraseMatcher
from ..records import Evidence

_MATCHERS: dict[int, PhraseMatcher] = {}


def recognize_topics(text: str, kb: KnowledgeBase) -> list[Evidence]:
    """Every topic cue in the text, as evidence named ``topics.<id>``."""
    matcher = _MATCHERS.get(id(kb))
    if matcher is None:
        matcher = _MATCHERS[id(kb)] = PhraseMatcher((c, t.id) for t in kb.topics for c in t.cues)
    return [Evidence(f"topics.{tid}", a, b, text[a:b]) for a, b, tid in matcher.finditer(text)]


def topics_in(found: list[Evidence], spans: list[tuple[int, int]]) -> tuple[list[str], list[Evidence]]:
    """Topic ids whose cues fall in the spans, in order of first mention, with their first evidence."""
    first: dict[str, Evidence] = {}
    for ev in found:
        if any(a <= ev.start and ev.end <= b for a, b in spans):
            first.setdefault(ev.field.split(".", 1)[1], ev)
    return list(first), list(first.values())
