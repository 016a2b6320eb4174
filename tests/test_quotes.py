"""enrich/quotes.py: quotations and who said them."""

from __future__ import annotations

import pytest

from summitline.enrich.quotes import quotes_in

NAMES = frozenset({"Obama", "Merkel", "Biden", "Macron", "Scholz"})


def speakers(text: str) -> list[tuple[str, str]]:
    quotes, _ = quotes_in(text, [(0, len(text))], NAMES)
    return [(q.text, q.speaker) for q in quotes]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We are close partners," Merkel said.', [("We are close partners,", "Merkel")]),
        ('Biden said: "Good friends can disagree."', [("Good friends can disagree.", "Biden")]),
        ('Biden said that "good friends can disagree."', [("good friends can disagree.", "Biden")]),
        (
            'Obama praised Merkel\'s handling of the crisis, saying she was "on the right side of history."',
            [("on the right side of history.", "Obama")],
        ),
        (
            'Obama flew to Berlin to see Merkel. At a news conference, he called her "my closest partner in Europe".',
            [("my closest partner in Europe", "Obama")],
        ),
    ],
)
def test_speaker_of_a_quote(text: str, expected: list[tuple[str, str]]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'The White House said that "the talks were productive and frank".',  # no leader speaks
        'Macron arrived; the crowd chanted "long live the republic" for an hour.',  # nobody said it
    ],
)
def test_no_speaker_no_quote(text: str) -> None:
    assert speakers(text) == []
