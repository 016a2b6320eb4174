"""The cue phrase matcher: phrases on word tokens, with prefixes, number wildcards and words in capitals."""

from __future__ import annotations

import random

from summitline.recognize.phrases import PhraseMatcher

PHRASES = [
    ("* times", "count"),
    ("* summit meetings", "count"),
    ("* phone calls", "count"),
    ("* visits", "count"),
    ("* NATO", "count"),  # in capitals: matched as written, so not indexed by a lower-case word
    ("talks", "meeting"),
    ("hold talks", "plan"),
    ("START", "treaty"),
    ("sanction*", "topic"),
]

TEXTS = [
    "The two presidents met three times in 2019 and held 4 phone calls.",
    "They have had two summit meetings and several NATO summits since; 12 visits in all.",
    "Three times the envoys asked. Eleven meetings, nine Visits, a dozen nato summits.",
    "Officials said the leaders would hold talks on START and on sanctions, 2 meetings later.",
    "In 2021 there were 7 phone calls, 3 Times Square events and 5 meetingrooms booked.",
]


def _found(matcher: PhraseMatcher, text: str) -> list[tuple[int, int, str]]:
    return list(matcher.finditer(text))


def test_counted_phrases_are_found_after_numbers() -> None:
    matcher = PhraseMatcher(PHRASES)
    text = TEXTS[0]
    got = {(text[a:b], label) for a, b, label in _found(matcher, text)}
    assert ("three times", "count") in got and ("4 phone calls", "count") in got
    text = TEXTS[1]
    got = {(text[a:b], label) for a, b, label in _found(matcher, text)}
    assert {("two summit meetings", "count"), ("12 visits", "count")} <= got
    assert ("several NATO", "count") in got


def test_numbers_check_only_the_phrases_of_the_word_after_them_with_the_same_result() -> None:
    """A number is tried against the counted phrases whose next word follows it (an index by that word);
    trying every counted phrase at every number finds the same phrases."""
    matcher = PhraseMatcher(PHRASES)
    assert matcher.numbered_by_next and matcher.numbered_loose  # both kinds are exercised
    every = PhraseMatcher(PHRASES)
    every.numbered_by_next, every.numbered_loose = {}, list(matcher.numbered)
    rng = random.Random(3)
    words = " ".join(TEXTS).split()
    texts = TEXTS + [" ".join(rng.choices(words, k=rng.randint(3, 60))) for _ in range(300)]
    for text in texts:
        assert _found(matcher, text) == _found(every, text), text
