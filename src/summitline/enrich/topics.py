"""Topics: the knowledge base's taxonomy, matched by cue words."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import TypeVar

from ..kb import KnowledgeBase
from ..recognize.cues import all_phrases
from ..records import Evidence

T = TypeVar("T")


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
    for k in indexes_within(found, spans, lambda ev: ev.start, lambda ev: ev.end):
        first.setdefault(found[k].field.split(".", 1)[1], found[k])
    return list(first), list(first.values())


def indexes_within(
    found: Sequence[T], spans: list[tuple[int, int]], start: Callable[[T], int], end: Callable[[T], int]
) -> list[int]:
    """Indexes, in order, of the items of ``found`` (sorted by start) that lie inside one of the spans:
    found by bisection, so a document's many meetings do not each read all its cues."""
    out: set[int] = set()
    for a, b in spans:
        k = bisect.bisect_left(found, a, key=start)
        while k < len(found) and start(found[k]) < b:
            if end(found[k]) <= b:
                out.add(k)
            k += 1
    return sorted(out)
