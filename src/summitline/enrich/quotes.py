"""Quotes with their speakers: "…," Obama said; Trump said: "…"; "…," said Rhodes."""

from __future__ import annotations

import re

from ..records import Evidence, Quote

_QUOTE = re.compile(r"[\"“]([^\"“”]{12,600}?)[\"”]")
_NAME = r"((?:[A-Z][\w.'’-]+\s){0,3}[A-Z][\w'’-]+)"
_VERBS = r"(?:said|says|told|added|noted|wrote|declared|stated|remarked|recalled|joked|insisted|tweeted)"
_AFTER = re.compile(rf"^,?\s*(?:{_NAME}\s{_VERBS}|{_VERBS}\s{_NAME})")
_BEFORE = re.compile(rf"{_NAME}\s{_VERBS}(?:\s[\w\s]{{0,40}})?[:,]\s*$")


def _speaker(m: re.Match[str] | None) -> str | None:
    if not m:
        return None
    name = next((g for g in m.groups() if g), None)
    return name.strip() if name else None


def quotes_in(text: str, spans: list[tuple[int, int]]) -> tuple[list[Quote], list[Evidence]]:
    """Quotations of at least three words whose speaker the sentence names."""
    quotes, evidence, seen = [], [], set()
    for start, end in spans:
        for m in _QUOTE.finditer(text, start, end):
            body = m.group(1).strip()
            if len(body.split()) < 3 or body in seen:
                continue
            speaker = _speaker(_AFTER.match(text, m.end(), min(len(text), m.end() + 60)))
            speaker = speaker or _speaker(_BEFORE.search(text[max(start, m.start() - 80) : m.start()]))
            if not speaker:
                continue
            seen.add(body)
            quotes.append(Quote(body, speaker))
            evidence.append(Evidence("quotes", m.start(1), m.end(1), body))
    return quotes, evidence
