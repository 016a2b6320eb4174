"""Matching many cue phrases at once, on word tokens.

A phrase is lower-case words ("video call"); a trailing ``*`` matches any
ending of its last word ("sanction*"), a leading ``*`` any number ("* times"),
and a phrase written in capitals ("START") matches only in capitals. One pass
over the tokens of a text finds every phrase, longest first: much faster than
one regular expression with hundreds of alternatives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve dozen dozens several many".split()
)

Phrase = tuple[tuple[str, ...], bool]  # (tokens, last token is a prefix)


def _tokens(phrase: str) -> list[str]:
    return phrase.replace("*", " * ").split() if phrase.startswith("*") else phrase.rstrip("*").split()


class PhraseMatcher:
    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        """``phrases``: (phrase, label) pairs; a phrase may carry several labels."""
        self.first: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
        self.prefix_first: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
        for phrase, label in phrases:
            exact = phrase.strip().isupper()
            text = phrase.strip() if exact else phrase.strip().lower()
            toks = tuple(_tokens(text))
            if not toks:
                continue
            is_prefix = text.endswith("*")
            entry = (toks, is_prefix, label)
            if is_prefix and len(toks) == 1:
                self.prefix_first.setdefault(toks[0], []).append(entry)
            else:
                self.first.setdefault(toks[0], []).append(entry)
        self.prefix_by_head: dict[str, list[tuple[str, tuple[tuple[str, ...], bool, str]]]] = {}
        for key, entries in self.prefix_first.items():
            for entry in entries:
                self.prefix_by_head.setdefault(key[:3], []).append((key, entry))

    def _candidates(self, word: str) -> list[tuple[tuple[str, ...], bool, str]]:
        low = word.lower()
        found = list(self.first.get(low, ()))
        if word != low:
            found += self.first.get(word, ())
        if word.isdigit() or low in _NUMBER_WORDS:
            found += self.first.get("*", ())
        for head in (low[:3], low[:2], low[:1]):
            for key, entry in self.prefix_by_head.get(head, ()):
                if low.startswith(key) and (len(key) >= 3 or len(head) == len(key)):
                    found.append(entry)
        return found

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
        """(start, end, label) of every phrase in ``text[start:end]``, left to right, longest first."""
        toks = _tokens_of(text, start, len(text) if end is None else end)
        i = 0
        while i < len(toks):
            # the longest phrase of each label that starts here: "will hold talks" is a meeting and a plan
            best: dict[str, int] = {}
            for ptoks, is_prefix, label in self._candidates(toks[i][0]):
                n = len(ptoks)
                if i + n <= len(toks) and n > best.get(label, 0) and _match(ptoks, is_prefix, toks[i : i + n], text):
                    best[label] = n
            if not best:
                i += 1
                continue
            for label, n in best.items():
                yield toks[i][1], toks[i + n - 1][2], label
            i += max(best.values())


_LAST: list[object] = [None, None]  # the last text tokenised and its tokens: three matchers read one text


def _tokens_of(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    if start == 0 and end == len(text):
        if _LAST[0] is text:
            return _LAST[1]  # type: ignore[return-value]
        toks = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        _LAST[0], _LAST[1] = text, toks
        return toks
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _match(ptoks: tuple[str, ...], is_prefix: bool, window: list[tuple[str, int, int]], text: str) -> bool:
    last = len(ptoks) - 1
    for k, (p, (word, start, _)) in enumerate(zip(ptoks, window, strict=True)):
        # a lower-case cue takes a capitalised word only at the start of a sentence: not "PGA Tour", "Rang"
        if not p.isupper() and word[:1].isupper() and not _sentence_start(text, start):
            return False
        w = word if p.isupper() else word.lower()
        if p == "*":
            if not (word.isdigit() or word.lower() in _NUMBER_WORDS):
                return False
        elif k == last and is_prefix:
            if not w.startswith(p):
                return False
        elif w != p:
            return False
    return True


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos].rstrip(" \"“‘'(*•")
    return not before or before[-1] in ".!?:\n-–—"
