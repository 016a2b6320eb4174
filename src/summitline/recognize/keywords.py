"""Many case-insensitive keywords in several groups, found in one pass over the text.

``KeywordScanner({"title": [...], "plural": [...]})`` compiles one Aho-Corasick
automaton (pyahocorasick) over every group's lower-cased keywords; ``scan(text)``
reads the lower-cased text once and returns, per group, what a regular
expression ``\\b(?:longest|…|shortest)\\b`` with ``re.I`` would find: matches left
to right, the longest keyword at each position, never overlapping, each bounded
by characters that are not part of a word (or, for a group given its own
boundary, not in that set). It replaces one large alternation per group, which
the regular-expression engine tries at every position of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mypy_extensions import mypyc_attr


class KeywordHit:
    """A found keyword, read like a regular-expression match."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        return self._text


@mypyc_attr(native_class=False)  # pickled into the compiled cache (``kb.cache``): a plain class
class KeywordScanner:
    def __init__(self, groups: dict[str, Iterable[str]], boundaries: dict[str, str] | None = None) -> None:
        """``groups``: name -> keywords; ``boundaries``: name -> extra characters that may not touch a match
        (besides word characters), e.g. ``"-"`` so that "G20" is not found in "G20-style"."""
        self.boundaries = boundaries or {}
        self.groups = {name: sorted({k.lower() for k in words if k.strip()}) for name, words in groups.items()}
        import ahocorasick

        self.automaton: Any = ahocorasick.Automaton()
        entries: dict[str, list[str]] = {}
        for name, words in self.groups.items():
            for word in words:
                entries.setdefault(word, []).append(name)
        for word, names in entries.items():
            self.automaton.add_word(word, (len(word), tuple(names)))
        self.empty = not entries
        if entries:
            self.automaton.make_automaton()
        self._fallback: dict[str, re.Pattern[str]] = {}
        self._last: tuple[str | None, dict[str, list[KeywordHit]]] = (None, {})

    def __getstate__(self) -> dict[str, Any]:
        return {"boundaries": self.boundaries, "groups": self.groups, "automaton": self.automaton, "empty": self.empty}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.boundaries, self.groups = state["boundaries"], state["groups"]
        self.automaton, self.empty = state["automaton"], state["empty"]
        self._fallback = {}
        self._last = (None, {})

    def finditer(self, group: str, text: str) -> list[KeywordHit]:
        """The matches of one group (the scan of the text is shared by every group and kept for the last text)."""
        if self._last[0] is not text:
            self._last = (text, self.scan(text))
        return self._last[1].get(group, [])

    def scan(self, text: str) -> dict[str, list[KeywordHit]]:
        low = text.lower()
        if len(low) != len(text):  # a rare letter whose lower case is longer: offsets would shift
            return {g: self._regex_scan(g, text) for g in self.groups}
        starts: dict[str, dict[int, int]] = {g: {} for g in self.groups}
        if not self.empty:
            bounded, size, own = self._bounded, len(low), self.boundaries
            for last, (length, names) in self.automaton.iter(low):
                first = last - length + 1
                # ``\b`` on both sides, as ``_bounded`` tells it for a group without a boundary of its own,
                # told once per hit rather than in a call per group
                head, tail = low[first], low[last]
                inner = (
                    first > 0 and (low[first - 1].isalnum() or low[first - 1] == "_") == (head.isalnum() or head == "_")
                ) or (
                    last + 1 < size
                    and (low[last + 1].isalnum() or low[last + 1] == "_") == (tail.isalnum() or tail == "_")
                )
                for name in names:
                    longest = starts[name]
                    if length <= longest.get(first, 0):
                        continue
                    if (not inner and name not in own) or (name in own and bounded(name, low, first, last + 1)):
                        longest[first] = length
        out: dict[str, list[KeywordHit]] = {}
        for name, longest in starts.items():
            hits: list[KeywordHit] = []
            after = 0
            for first in sorted(longest):
                if first >= after:
                    end = first + longest[first]
                    hits.append(KeywordHit(first, end, text[first:end]))
                    after = end
            out[name] = hits
        return out

    def _bounded(self, group: str, low: str, start: int, end: int) -> bool:
        extra = self.boundaries.get(group)
        before = low[start - 1] if start else ""
        after = low[end] if end < len(low) else ""
        for outside, inside in ((before, low[start]), (after, low[end - 1])):
            if not outside:
                continue
            touching = outside.isalnum() or outside == "_"  # what \w is for one character
            if extra is not None:  # (?<![\w…]) and (?![\w…]): nothing of a word or the set may touch
                if touching or outside in extra:
                    return False
            elif touching == (inside.isalnum() or inside == "_"):  # \b: a word edge on exactly one side
                return False
        return True

    def _regex_scan(self, group: str, text: str) -> list[KeywordHit]:
        if group not in self._fallback:
            alts = "|".join(re.escape(w) for w in sorted(self.groups[group], key=len, reverse=True))
            if group in self.boundaries:
                extra = re.escape(self.boundaries[group])
                pattern = rf"(?<![\w{extra}])(?:{alts})(?![\w{extra}])"
            else:
                pattern = rf"\b(?:{alts})\b"
            self._fallback[group] = re.compile(pattern, re.I)
        return [KeywordHit(m.start(), m.end(), m.group(0)) for m in self._fallback[group].finditer(text)]


# the only characters outside ASCII that case-insensitive matching folds onto an ASCII letter (İ ı ſ K):
# ``tests/test_keywords.py`` checks this against the whole of Unicode
FOLDED_ONTO_ASCII = "\u0130\u0131\u017f\u212a"


def case_blind_lower(text: str) -> str | None:
    """``text.lower()`` where a case-sensitive match of lower-case ASCII words in it finds what a case-blind
    match finds in ``text``, at the same offsets: no letter whose lower case is longer (offsets would shift;
    İ is one), and neither ı nor ſ, which a case-blind match takes for "i" and "s" but ``lower`` keeps (K
    becomes "k"). None where it would not."""
    low = text.lower()
    return low if len(low) == len(text) and "\u0131" not in text and "\u017f" not in text else None


def alternation(words: Iterable[str], ignore_case: bool = False, space: str = r"\ ") -> str:
    """A regular expression for ``(?:w1|w2|…)`` (literal words, tried in the order given; a space in them
    becomes ``space``), arranged by first letter: ``(?:[Pp](?i:resident|rime minister)|[Cc](?i:hancellor))``.
    The engine skips a branch whose first character class does not match without entering it, which it
    cannot do for a case-insensitive letter: the same matches, without trying every word at every position.
    Words that do not begin with an ASCII letter keep the plain form."""
    words = list(words)

    def escape(w: str) -> str:
        return re.escape(w).replace(r"\ ", space)

    flags = "(?i:" if ignore_case else "(?:"
    if not words or not all(w[:1].isascii() and w[:1].isalpha() for w in words):
        return flags + "|".join(map(escape, words)) + ")"
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0].lower() if ignore_case else w[0], []).append(w[1:])
    branches = []
    for first, rests in groups.items():
        if ignore_case:
            variants = {first, first.upper()} | {x for x in FOLDED_ONTO_ASCII if re.fullmatch(f"(?i:{first})", x)}
            head = "[" + "".join(sorted(variants)) + "]"
        else:
            head = re.escape(first)
        branches.append(head + flags + "|".join(map(escape, rests)) + ")")
    return "(?:" + "|".join(branches) + ")"


def word_start_first(alternatives: list[str]) -> str:
    """``\\b(?:a|b|…)`` for alternatives (regular expressions) that each open with one literal word character,
    written so that the pattern opens with those characters and the boundary ("no word character before
    it") is checked after the first one: the engine then looks for the pattern's first characters at C speed
    instead of trying the whole pattern at every position (a pattern that opens with ``\\b`` or a lookbehind
    is tried so). Put in a group of its own; the same matches."""
    return "|".join(a[0] + r"(?<!\w.)" + a[1:] for a in alternatives)
