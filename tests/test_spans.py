"""recognize/spans.py: the spans a recogniser has taken, and a text's words read once for all of them."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from summitline.recognize.spans import SpanSet, alnum_words, joined_words, letter_words

from .properties import PROPERTY

# letters, digits of several kinds (decimal, superscript, other scripts'), joiners and breaks
_CHARACTERS = st.sampled_from(list("aZé ß_-'’.,\n 09²½٣") + ["G7", "1990s", "21st", "Xi", "Putin", "2019"])


@settings(PROPERTY, max_examples=400)
@given(st.lists(_CHARACTERS, max_size=30))
@example(["G7", " ", "1990s", " ", "x²y", "_", "٣a"])
@example(["Xi", "'", "Putin", "-", "-", "G7", ".", "٣a", "’", "’", "²"])
def test_the_words_are_the_runs_their_patterns_find(parts: list[str]) -> None:
    text = "".join(parts)
    kinds = (
        (joined_words(text), r"[^\W_]+(?:[-'’.][^\W_]+)*"),
        (alnum_words(text), r"[^\W_]+"),
        (letter_words(text), r"[^\W\d_]+"),
    )
    for words, pattern in kinds:
        found = list(re.finditer(pattern, text))
        assert words.words == [m.group() for m in found]
        assert words.starts == [m.start() for m in found]
        assert words.ends == [m.end() for m in found]


def test_the_last_text_is_read_once() -> None:
    text = "Putin met Xi in 2019 at the G20."
    assert letter_words(text) is letter_words(text)
    assert joined_words(text) is joined_words(text)
    assert joined_words(text, 6).words == ["met", "Xi", "in", "2019", "at", "the", "G20"]  # a part: not kept
    assert alnum_words(text).words == ["Putin", "met", "Xi", "in", "2019", "at", "the", "G20"]
    assert letter_words(text).words == ["Putin", "met", "Xi", "in", "at", "the", "G"]


def test_spans_may_touch_but_not_overlap() -> None:
    spans = SpanSet()
    spans.add(10, 20)
    spans.add(30, 40)
    assert spans.free(20, 30) and spans.free(0, 10)
    assert spans.overlaps(15, 16) and spans.overlaps(5, 11) and spans.overlaps(39, 50)
