"""Topics: the knowledge base's taxonomy, matched by cue words."""

from __future__ import annotations

import re

from ..kb import KnowledgeBase
from ..recognize.cues import phrase_pattern
from ..records import Evidence

_PATTERNS: dict[int, list[tuple[str, re.Pattern[str]]]] = {}


def _patterns(kb: KnowledgeBase) -> list[tuple[str, re.Pattern[str]]]:
    cached = _PATTERNS.get(id(kb))
    if cached is None:
        cached = _PATTERNS[id(kb)] = []
        for t in kb.topics:
            # cues written in capitals (START, NATO) are matched case-sensitively: "start" is not a treaty
            upper = [c for c in t.cues if c.isupper()]
            lower = [c.lower() for c in t.cues if not c.isupper()]
            if lower:
                cached.append((t.id, re.compile(phrase_pattern(lower), re.I)))
            if upper:
                cached.append((t.id, re.compile(phrase_pattern(upper))))
    return cached


def topics_in(text: str, spans: list[tuple[int, int]], kb: KnowledgeBase) -> tuple[list[str], list[Evidence]]:
    """Topic ids found in the given spans of ``text``, in order of first mention, with evidence."""
    found: dict[str, Evidence] = {}
    for start, end in spans:
        chunk = text[start:end]
        for tid, pattern in _patterns(kb):
            if tid in found:
                continue
            m = pattern.search(chunk)
            if m:
                found[tid] = Evidence(f"topics.{tid}", start + m.start(), start + m.end(), m.group(0))
    ordered = sorted(found.items(), key=lambda kv: kv[1].start)
    return [k for k, _ in ordered], [v for _, v in ordered]
