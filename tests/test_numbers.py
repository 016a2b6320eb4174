"""recognize/numbers.py: counts written in words or digits."""

from __future__ import annotations

import pytest

from summitline.recognize.numbers import count_of


@pytest.mark.parametrize("word, count", [("a", 1), ("An", 1), ("one", 1), ("Four", 4), ("ten", 10), ("12", 12)])
def test_count_of_a_word_or_numeral(word: str, count: int) -> None:
    assert count_of(word) == count


def test_a_word_that_is_no_count_is_refused() -> None:
    with pytest.raises(KeyError):
        count_of("several")
