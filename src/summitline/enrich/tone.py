"""Tone: a score in [-1, 1] and a label from weighted cue words ("congenial", "testy")."""

from __future__ import annotations

from ..kb import KnowledgeBase
from ..recognize.cues import all_phrases
from ..records import Evidence, Tone
from .topics import indexes_within


def recognize_tone_cues(text: str, kb: KnowledgeBase) -> list[tuple[Evidence, float]]:
    """Every tone cue in the text with its weight."""
    return [
        (Evidence("tone", a, b, text[a:b]), kb.tone_cues[label[5:]])
        for a, b, label in all_phrases(text, kb)
        if label[:5] == "tone:"
    ]


def tone_of(
    found: list[tuple[Evidence, float]], spans: list[tuple[int, int]], kb: KnowledgeBase
) -> tuple[Tone | None, list[Evidence]]:
    """The mean weight of the tone cues in the spans, labelled by the knowledge base's thresholds."""
    hits = [found[k] for k in indexes_within(found, spans, lambda x: x[0].start, lambda x: x[0].end)]
    if not hits:
        return None, []
    score = max(-1.0, min(1.0, sum(w for _, w in hits) / len(hits)))
    label = next((lab for lab, low in kb.tone_labels if score >= low), "neutral")
    return Tone(round(score, 2), label, tuple(ev.text for ev, _ in hits)), [ev for ev, _ in hits]
