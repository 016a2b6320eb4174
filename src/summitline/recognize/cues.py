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


def _build_matcher(kb: KnowledgeBase) -> PhraseMatcher:
    phrases = [(p, f"cue:{k}") for k in KINDS for p in kb.cues.get(k, [])]
    phrases += [(c, f"topic:{t.id}") for t in kb.topics for c in t.cues]
    phrases += [(c, f"tone:{c}") for c in kb.tone_cues]
    return PhraseMatcher(phrases, any_case=("topic:",))


_LAST: list[tuple[str, KnowledgeBase, list[tuple[int, int, str]]] | None] = [None]  # replaced whole


def all_phrases(text: str, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """Cue, topic and tone phrases in one pass over the text's words; labels are ``cue:KIND``,
    ``topic:ID`` and ``tone:CUE``. The last text's result is kept: three recognisers ask for it."""
    last = _LAST[0]
    if last is not None and last[0] is text and last[1] is kb:
        return last[2]
    matcher = kb.compiled("phrase_matcher", _build_matcher)
    found = list(matcher.finditer(text))
    _LAST[0] = (text, kb, found)
    return found


def recognize_cues(text: str, kb: KnowledgeBase) -> list[CueMention]:
    out = [CueMention(a, b, text[a:b], label[4:]) for a, b, label in all_phrases(text, kb) if label[:4] == "cue:"]
    return sorted(out, key=lambda c: (c.start, -c.end))
