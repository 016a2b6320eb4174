"""Matching many cue phrases at once, on word tokens.

A phrase is lower-case words ("video call"); a trailing ``*`` matches any
ending of its last word ("sanction*"), a leading ``*`` any number ("* times"),
and a phrase written in capitals ("START") matches only in capitals. One pass
over the text finds every phrase, longest first: an Aho-Corasick automaton
(pyahocorasick) reads the text's lower-cased words once, and only its hits are
checked in Python (capitals, prefixes, the longest phrase per label).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from mypy_extensions import mypyc_attr

from .spans import TextWords, joined_words, word_starts

_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve dozen dozens several many".split()
)

# a number word or a number among the automaton's words (each between spaces): where "* times" may start
_NUMBER_TOKEN = re.compile(r"(?<= )(?:\d+|" + "|".join(sorted(_NUMBER_WORDS)) + r")(?= )")

Phrase = tuple[tuple[str, ...], bool]  # (tokens, last token is a prefix)
# (tokens, last token is a prefix, label, capitalised words count anywhere, lower-case words only)
Entry = tuple[tuple[str, ...], bool, str, bool, bool]


def _tokens(phrase: str) -> list[str]:
    return phrase.replace("*", " * ").split() if phrase.startswith("*") else phrase.rstrip("*").split()


@mypyc_attr(native_class=False)  # pickled into the compiled cache (``kb.cache``): a plain class
class PhraseMatcher:
    def __init__(self, phrases: Iterable[tuple[str, str]], any_case: tuple[str, ...] = ()) -> None:
        """``phrases``: (phrase, label) pairs; a phrase may carry several labels. Labels that start with one
        of ``any_case`` match capitalised words anywhere (topics: "Syria", "the Korean Peninsula"); the
        others take a capitalised word only at the start of a sentence (cue words: not "PGA Tour")."""
        self.any_case = any_case
        self.numbered: list[Entry] = []  # "* times": a number word first
        keys: dict[str, list[Entry]] = {}
        for phrase, label in phrases:
            exact = phrase.strip().isupper()
            text = phrase.strip() if exact else phrase.strip().lower()
            toks = tuple(_tokens(text))
            if not toks:
                continue
            is_prefix = text.endswith("*")
            plain = toks[0] != "*" and not any(t.isupper() for t in toks)
            entry = (toks, is_prefix, label, bool(any_case) and label.startswith(any_case), plain)
            if toks[0] == "*":
                self.numbered.append(entry)
                continue
            # one automaton over the text's lower-cased words, each word between spaces: a key is the
            # phrase's words with a space before each and after the last unless that word is a prefix
            key = "".join(f" {t.lower()}" for t in toks) + ("" if is_prefix else " ")
            keys.setdefault(key, []).append(entry)
        self.automaton = _automaton(keys)
        # "* times", "* meetings": checked at a number only when the word after it is theirs (a lower-case
        # word that is not a prefix); the others at every number
        self.numbered_by_next: dict[str, list[Entry]] = {}
        self.numbered_loose: list[Entry] = []
        for entry in self.numbered:
            toks, is_prefix = entry[0], entry[1]
            second = toks[1] if len(toks) > 1 else ""
            if second and second.islower() and not (is_prefix and len(toks) == 2):
                self.numbered_by_next.setdefault(second, []).append(entry)
            else:
                self.numbered_loose.append(entry)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
        """(start, end, label) of every phrase in ``text[start:end]``, left to right, longest first."""
        toks, joined, index_at = _tokens_of(text, start, len(text) if end is None else end)
        words, word_start, word_end = toks
        starts: dict[int, list[Entry]] = {}
        if self.automaton is not None:
            for last, (key_len, entries) in self.automaton.iter(joined):
                i = index_at[last - key_len + 2]
                if i in starts:
                    starts[i] += entries
                else:
                    starts[i] = list(entries)
        count = len(words)
        if self.numbered:
            by_next, loose = self.numbered_by_next, self.numbered_loose
            for m in _NUMBER_TOKEN.finditer(joined):
                i = index_at[m.start()]
                entries = by_next.get(words[i + 1].lower(), []) if i + 1 < count else []
                if entries or loose:
                    starts.setdefault(i, []).extend(entries + loose)
        after: dict[str, int] = {}  # per label: a phrase of one label never hides a word of another
        for i in sorted(starts):
            # the longest phrase of each label that starts here: "will hold talks" is a meeting and a plan
            best: dict[str, int] = {}
            capitals: dict[tuple[int, bool], bool] = {}  # a lower-case phrase's test depends on its length only
            for ptoks, is_prefix, label, any_case, plain in starts[i]:
                n = len(ptoks)
                if i < after.get(label, 0) or i + n > count or n <= best.get(label, 0):
                    continue
                if plain:
                    ok = capitals.get((n, any_case))
                    if ok is None:
                        ok = capitals[(n, any_case)] = _capitals_fit(
                            words[i : i + n], word_start[i : i + n], text, any_case
                        )
                else:
                    ok = _match(ptoks, is_prefix, words[i : i + n], word_start[i : i + n], text)
                if ok:
                    best[label] = n
            for label, n in best.items():
                yield word_start[i], word_end[i + n - 1], label
                after[label] = i + n


def _automaton(keys: dict[str, list[Entry]]) -> Any:
    if not keys:
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, (len(key), entries))
    automaton.make_automaton()
    return automaton


# the last text tokenised and its tokens (one tuple, replaced whole: a thread never sees half of it)
_LAST: list[tuple[str, tuple[TextWords, str, dict[int, int]]] | None] = [None]


def _tokens_of(text: str, start: int, end: int) -> tuple[TextWords, str, dict[int, int]]:
    """The words of ``text[start:end]`` (``spans.joined_words``); the same words lower-cased, each after a
    space and the last followed by one (what the automaton reads); and where each word starts in that
    string."""
    last = _LAST[0]
    if start == 0 and end == len(text) and last is not None and last[0] is text:
        return last[1]
    toks = joined_words(text, start, end)
    words = toks.words
    joined = (" " + " ".join(words) + " ").lower()
    if len(joined) != sum(map(len, words)) + len(words) + 1:  # a letter whose lower case is longer
        words = [w.lower() for w in words]
        joined = " " + " ".join(words) + " "
    index_at = dict(zip(word_starts(words), range(len(words)), strict=True))
    found = (toks, joined, index_at)
    if start == 0 and end == len(text):
        _LAST[0] = (text, found)
    return found


def _capitals_fit(window: list[str], starts: list[int], text: str, any_case: bool) -> bool:
    """For a lower-case phrase the automaton matched on the lower-cased words: whether the text's capitals
    allow it. A lower-case cue takes a capitalised word only at the start of a sentence (not "PGA Tour"),
    unless every word is capitalised (a title-case caption or heading: "State Dinner", "Official Visit").
    ``window``: the words, as written; ``starts``: where each starts in ``text``."""
    if any_case or (len(window) > 1 and all(w[:1].isupper() for w in window)):
        return True
    return all(not w[:1].isupper() or _sentence_start(text, a) for w, a in zip(window, starts, strict=True))


def _match(ptoks: tuple[str, ...], is_prefix: bool, window: list[str], starts: list[int], text: str) -> bool:
    """A phrase with a number word ("* times") or words in capitals ("START"), checked word by word."""
    last = len(ptoks) - 1
    for k, (p, word, start) in enumerate(zip(ptoks, window, starts, strict=True)):
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
