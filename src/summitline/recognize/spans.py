"""A set of non-overlapping text spans with fast overlap tests (the recognisers' "already taken")."""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from typing import NamedTuple


class SpanSet:
    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def free(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps no span in the set (spans may touch)."""
        i = bisect.bisect_right(self._starts, start)
        if i and self._ends[i - 1] > start:
            return False
        return not (i < len(self._starts) and self._starts[i] < end)

    def overlaps(self, start: int, end: int) -> bool:
        return not self.free(start, end)


def word_starts(words: list[str]) -> list[int]:
    """Where each word starts in ``" " + " ".join(words) + " "`` (the string the automata read), built in C."""
    cumulative = itertools.accumulate(map(len, words), initial=0)
    return list(map(operator.add, cumulative, range(1, len(words) + 1)))


class TextWords(NamedTuple):
    """A text's words, in order, with where each starts and ends."""

    words: list[str]
    starts: list[int]
    ends: list[int]


# runs of letters and digits joined by single hyphens, apostrophes or full stops ("Kim's", "U.S."): the cue
# phrases' words
_JOINED = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
_ALNUM = re.compile(r"[^\W_]+")  # runs of letters and digits: the places' words
_LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters (no decimal digit): the leader names' words
# the last text's words of each kind (each one tuple, replaced whole: a thread never sees half of it)
_LAST_JOINED: list[tuple[str, TextWords] | None] = [None]
_LAST_ALNUM: list[tuple[str, TextWords] | None] = [None]
_LAST_LETTERS: list[tuple[str, TextWords] | None] = [None]


def joined_words(text: str, start: int = 0, end: int | None = None) -> TextWords:
    """The runs of letters and digits of ``text[start:end]`` joined by single hyphens, apostrophes or full
    stops (``[^\\W_]+(?:[-'’.][^\\W_]+)*``), read by one regular expression in C; the whole last text's are
    kept, as the recognisers ask for them in turn."""
    whole = start == 0 and (end is None or end == len(text))
    last = _LAST_JOINED[0]
    if whole and last is not None and last[0] is text:
        return last[1]
    matches = list(_JOINED.finditer(text, start, len(text) if end is None else end))
    found = TextWords(
        list(map(re.Match.group, matches)), list(map(re.Match.start, matches)), list(map(re.Match.end, matches))
    )
    if whole:
        _LAST_JOINED[0] = (text, found)
    return found


def alnum_words(text: str) -> TextWords:
    """The runs of letters and digits of ``text`` (``[^\\W_]+``), taken from its ``joined_words`` rather than
    by a scan of their own: a joined word without a joint is such a run (``str.isalnum``, the engine's own
    test of a word character but "_"), and the few with one are split at it. The last text's are kept."""
    last = _LAST_ALNUM[0]
    if last is not None and last[0] is text:
        return last[1]
    joined = joined_words(text)
    with_joints = list(itertools.compress(itertools.count(), map(operator.not_, map(str.isalnum, joined.words))))
    if not with_joints:
        found = joined
    else:
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        done = 0
        for i in with_joints:
            words += joined.words[done:i]
            starts += joined.starts[done:i]
            ends += joined.ends[done:i]
            done = i + 1
            start = joined.starts[i]
            for m in _ALNUM.finditer(joined.words[i]):
                words.append(m.group())
                starts.append(start + m.start())
                ends.append(start + m.end())
        words += joined.words[done:]
        starts += joined.starts[done:]
        ends += joined.ends[done:]
        found = TextWords(words, starts, ends)
    _LAST_ALNUM[0] = (text, found)
    return found


def letter_words(text: str) -> TextWords:
    """The runs of letters of ``text`` (``[^\\W\\d_]+``), taken from its runs of letters and digits rather than by
    a scan of their own: a run of letters is such a run, and one with digits is split where they are."""
    last = _LAST_LETTERS[0]
    if last is not None and last[0] is text:
        return last[1]
    alnum = alnum_words(text)
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for word, start, end in zip(*alnum, strict=True):
        if word.isalpha():
            words.append(word)
            starts.append(start)
            ends.append(end)
        elif not word.isdecimal():
            for m in _LETTERS.finditer(word):
                words.append(m.group())
                starts.append(start + m.start())
                ends.append(start + m.end())
    found = TextWords(words, starts, ends)
    _LAST_LETTERS[0] = (text, found)
    return found
