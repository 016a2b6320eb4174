"""Quotes with their speakers.

The speaker is named next to the quote ('"…," Obama said'; 'Trump said: "…"'; '"…," said
Rhodes'), or is the subject of a verb of saying before it in its sentence: the name
right before the verb ('Biden said that "…"'), the sentence's subject for a participle
('Obama praised her, saying she was "…"'), or, for "he" or "she", the subject of the
sentence before. A speaker must be a leader the knowledge base knows by that name
(``names``), so that "the White House said" gives no speaker.
"""

from __future__ import annotations

import re

from ..records import Evidence, Quote

_QUOTE = re.compile(r"[\"“]([^\"“”]{12,600}?)[\"”]")
_NAME = r"((?:[A-Z][\w.'’-]+\s){0,3}[A-Z][\w'’-]+)"
_VERBS = r"(?:said|says|told|added|noted|wrote|declared|stated|remarked|recalled|joked|insisted|tweeted)"
_AFTER = re.compile(rf",?\s*(?:{_NAME}\s{_VERBS}|{_VERBS}\s{_NAME})")  # used with match(): at the quote's end
_BEFORE = re.compile(rf"{_NAME}\s{_VERBS}(?:\s[\w\s]{{0,40}})?[:,]\s*$")
_SAYING = re.compile(
    r"\b(?:said|says|saying|told|telling|called|calling|added|adding|joked|joking|praised|praising|described|"
    r"describing|wrote|tweeted|declared|insisted|stressed|warned|warning|noted|quipped|recalled|replied)\b"
)
_RUN = re.compile(r"(?:[A-Z][\w'’-]+\s){0,2}[A-Z][\w'’-]+")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+")


def _speaker(m: re.Match[str] | None) -> str | None:
    if not m:
        return None
    name = next((g for g in m.groups() if g), None)
    return name.strip() if name else None


def _leader_runs(text: str, names: frozenset[str]) -> list[re.Match[str]]:
    """Capitalised runs that end with a leader's name ("Barack Obama", "Merkel")."""
    return [m for m in _RUN.finditer(text) if m.group().split()[-1] in names]


def _subject_speaker(text: str, span_start: int, quote_start: int, names: frozenset[str]) -> str | None:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, span_start, quote_start)]
    sentence = starts[-1] if starts else span_start
    verbs = list(_SAYING.finditer(text, sentence, quote_start))
    if not verbs:
        return None
    verb = verbs[-1]
    if verb.group().endswith("ing"):  # a participle: the subject of the sentence speaks
        runs = _leader_runs(text[sentence : verb.start()], names)
        return runs[0].group() if runs else None
    near = text[max(sentence, verb.start() - 40) : verb.start()]
    runs = _leader_runs(near, names)
    if runs and near[runs[-1].end() :].strip() in ("", "also", "then", "later"):
        return runs[-1].group()
    if re.search(r"\b(?:he|she)\s+(?:\w+\s+)?$", near, re.I):  # "he called her …": the subject before
        prior = text[max(span_start, sentence - 400) : sentence]
        heads = [m.end() for m in _SENTENCE_END.finditer(prior)]
        previous = prior[heads[-2] if len(heads) > 1 else 0 :]
        runs = _leader_runs(previous, names)
        return runs[0].group() if runs else None
    return None


def quotes_in(
    text: str, spans: list[tuple[int, int]], names: frozenset[str] = frozenset()
) -> tuple[list[Quote], list[Evidence]]:
    """Quotations of at least three words whose speaker the text names (see the module docstring)."""
    quotes, evidence, seen = [], [], set()
    for start, end in spans:
        for m in _QUOTE.finditer(text, start, end):
            body = m.group(1).strip()
            if len(body.split()) < 3 or body in seen:
                continue
            speaker = _speaker(_AFTER.match(text, m.end(), min(len(text), m.end() + 60)))
            speaker = speaker or _speaker(_BEFORE.search(text[max(start, m.start() - 80) : m.start()]))
            speaker = speaker or (_subject_speaker(text, start, m.start(), names) if names else None)
            if not speaker:
                continue
            seen.add(body)
            quotes.append(Quote(body, speaker))
            evidence.append(Evidence("quotes", m.start(1), m.end(1), body))
    return quotes, evidence
