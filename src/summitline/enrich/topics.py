"""Topics: the knowledge base's taxonomy, matched by cue words."""

from __future__ import annotations

import re

from ..kb import KnowledgeBase
from ..recognize.cues import phrase_pattern
from ..records import Evidence

class TopicMatcher:
    """All topic cues in two patterns (case-insensitive, and capitalised cues such as START exactly)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.exact: dict[str, str] = {}
        self.prefix: list[tuple[str, str]] = []
        lower, upper = [], []
        for t in kb.topics:
            for cue in t.cues:
                (upper if cue.isupper() else lower).append(cue)
                key = cue.rstrip("*") if cue.isupper() else cue.rstrip("*").lower()
                if cue.endswith("*"):
                    self.prefix.append((key, t.id))
                else:
                    self.exact.setdefault(key, t.id)
        self.prefix.sort(key=lambda p: -len(p[0]))
        self.patterns = [re.compile(phrase_pattern([c.lower() for c in lower]), re.I)] if lower else []
        if upper:
            self.patterns.append(re.compile(phrase_pattern(upper)))

    def topic(self, matched: str) -> str | None:
        m = re.sub(r"\s+", " ", matched)
        hit = self.exact.get(m) or self.exact.get(m.lower())
        if hit:
            return hit
        return next((tid for key, tid in self.prefix if m.lower().startswith(key.lower())), None)


_MATCHERS: dict[int, TopicMatcher] = {}


def topics_in(text: str, spans: list[tuple[int, int]], kb: KnowledgeBase) -> tuple[list[str], list[Evidence]]:
    """Topic ids found in the given spans of ``text``, in order of first mention, with evidence."""
    matcher = _MATCHERS.get(id(kb))
    if matcher is None:
        matcher = _MATCHERS[id(kb)] = TopicMatcher(kb)
    found: dict[str, Evidence] = {}
    for start, end in spans:
        for pattern in matcher.patterns:
            for m in pattern.finditer(text, start, end):
                tid = matcher.topic(m.group(0))
                if tid and tid not in found:
                    found[tid] = Evidence(f"topics.{tid}", m.start(), m.end(), m.group(0))
    ordered = sorted(found.items(), key=lambda kv: kv[1].start)
    return [k for k, _ in ordered], [v for _, v in ordered]
