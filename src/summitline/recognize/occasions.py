"""Occasions: the recurring gatherings of the knowledge base ("the G20 summit", "APEC", "UN General Assembly")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..kb import GatheringEvent, KnowledgeBase
from .keywords import KeywordScanner


@dataclass(frozen=True, slots=True)
class OccasionMention:
    start: int
    end: int
    text: str
    series: str
    name: str


_EVENT_WORDS = re.compile(r"summit|assembly|meeting|olympic|games|anniversary|conference|parade|cop\d|d-day", re.I)
_BEFORE = re.compile(
    r"\b(?:at|during|of|for|to|before|after|ahead of|attend|attended|attending|on|from|host|hosted)\s+"
    r"(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)


def _is_event(alias: str, before: str, after: str) -> bool:
    """ "the G20 summit", "at the G20", "UN General Assembly" are occasions; "NATO expansion" is not."""
    return bool(_EVENT_WORDS.search(alias) or _BEFORE.search(before) or re.match(r"\s+(?:summit|leaders)", after, re.I))


def _build_scanner(kb: KnowledgeBase) -> tuple[KeywordScanner, dict[str, str]]:
    alias_to_series: dict[str, str] = {}
    for s in kb.gatherings.values():
        for alias in [s.name, *s.aliases]:
            alias_to_series.setdefault(alias.lower(), s.id)
    return KeywordScanner({"occasion": alias_to_series}, boundaries={"occasion": "-"}), alias_to_series


def recognize_occasions(text: str, kb: KnowledgeBase) -> list[OccasionMention]:
    scanner, alias_to_series = kb.compiled("occasion_scanner", _build_scanner)
    out = []
    for m in scanner.finditer("occasion", text):
        if not _is_event(m.group(0), text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 12]):
            continue
        sid = alias_to_series[m.group(0).lower()]
        out.append(OccasionMention(m.start(), m.end(), m.group(0), sid, kb.gatherings[sid].name))
    return out


def find_event(kb: KnowledgeBase, series: str, first: date, last: date, country: str | None) -> GatheringEvent | None:
    """The event of a series that a stated date (and country, when known) points to."""
    events = [e for e in kb.gatherings[series].events if country in (None, e.country)]
    # a stated date may be off by weeks (a wrong month): match on the year, closest first
    same_year = [e for e in events if e.start.year <= last.year and e.end.year >= first.year]
    if not same_year:
        return None
    return min(same_year, key=lambda e: abs((e.start - first).days))
