"""Tone: a score in [-1, 1] and a label from weighted cue words ("congenial", "testy")."""

from __future__ import annotations

import re

from ..kb import KnowledgeBase
from ..recognize.cues import phrase_pattern
from ..records import Evidence, Tone

_PATTERNS: dict[int, re.Pattern[str]] = {}


def _pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    cached = _PATTERNS.get(id(kb))
    if cached is None:
        cached = _PATTERNS[id(kb)] = re.compile(phrase_pattern(list(kb.tone_cues)), re.I)
    return cached


def _weight(kb: KnowledgeBase, word: str) -> float:
    w = word.lower()
    if w in kb.tone_cues:
        return kb.tone_cues[w]
    for cue, weight in kb.tone_cues.items():
        if cue.endswith("*") and w.startswith(cue[:-1]):
            return weight
    return 0.0


def tone_of(text: str, spans: list[tuple[int, int]], kb: KnowledgeBase) -> tuple[Tone | None, list[Evidence]]:
    """The mean weight of the tone cues in the spans, labelled by the knowledge base's thresholds."""
    if not kb.tone_cues:
        return None, []
    hits: list[tuple[str, float, Evidence]] = []
    for start, end in spans:
        for m in _pattern(kb).finditer(text, start, end):
            hits.append((m.group(0), _weight(kb, m.group(0)), Evidence("tone", m.start(), m.end(), m.group(0))))
    if not hits:
        return None, []
    score = max(-1.0, min(1.0, sum(h[1] for h in hits) / len(hits)))
    label = next((lab for lab, low in kb.tone_labels if score >= low), "neutral")
    return Tone(round(score, 2), label, tuple(h[0] for h in hits)), [h[2] for h in hits]
