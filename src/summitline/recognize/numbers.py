"""Counts written in words, as news writes them: "a", "an", "one" … "ten", or digits."""

from __future__ import annotations

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10}  # fmt: skip


def count_of(word: str) -> int:
    """The count a word or numeral gives: "a"/"an" 1, "four" 4, "12" 12 (the word as a pattern matched it)."""
    w = word.lower()
    if w in ("a", "an"):
        return 1
    return int(w) if w.isdigit() else NUMBER_WORDS[w]
