"""sections.py: what a stretch beside a date holds once times and dateline words are left out."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from summitline import sections

from .properties import PROPERTY

_PIECES = st.sampled_from(
    ["10:30", "9.15", "am", "PM", "a.m.", "p.m.", "GMT", "Et", "Updated", "ON", "Mon", "Monday", "Sunday", "monkey",
     "2024", "-", ":", " ", ",", "x", "_", "’", "é", "İ", "ı", "ſ", "K", "\u212a", "ß", "Ü"]
)  # fmt: skip


@settings(PROPERTY, max_examples=400)
@given(st.lists(_PIECES, max_size=14))
@example(["Updated", " ", "10:30", " ", "a.m.", " ", "GMT"])
@example(["\u017fun", " ", "x"])  # a long s: "sun" to a case-blind match, not to the lower-cased text
def test_times_are_left_out_as_the_case_blind_pattern_leaves_them_out(pieces: list[str]) -> None:
    for stretch in ("".join(pieces), " ".join(pieces)):
        expected = sections._TIME.sub("", stretch)
        assert sections._without_times(stretch).lower() == expected.lower()


def test_a_date_with_only_a_weekday_and_a_time_beside_it_is_alone() -> None:
    assert sections._NOT_WORD.sub("", sections._without_times("Updated Monday 10:30 a.m. GMT ")) == ""
    assert sections._NOT_WORD.sub("", sections._without_times("Putin met Xi on ")) == "putinmetxi"


def _alone_by_scanning(d: object, p: object, text: str) -> bool:
    """What ``sections._alone`` answers, by the scan it skips when a paragraph plainly says more."""
    if p.end - p.start >= sections._DATELINE_REACH:  # type: ignore[attr-defined]
        return False
    rest = sections._without_times(text[p.start : d.start] + text[d.end : p.end])  # type: ignore[attr-defined]
    return len(sections._NOT_WORD.sub("", rest)) <= 3


@settings(PROPERTY, max_examples=400)
@given(st.lists(_PIECES | st.sampled_from(["Putin", "said", "talks", "Mondays", "updates", "ſunday"]), max_size=14))
@example(["Updated", " ", "Monday", " ", "10:30"])
@example(["\u017funday", " ", "GMT"])
def test_a_date_is_alone_as_the_scan_finds_it(pieces: list[str]) -> None:
    from summitline.recognize import DateMention
    from summitline.segment import Paragraph

    for before in (" ".join(pieces[: len(pieces) // 2]), ""):
        after = " ".join(pieces[len(pieces) // 2 :])
        text = f"{before} 4 May 2024 {after}"
        d = DateMention(len(before) + 1, len(before) + 11, "4 May 2024", None, None, "day")
        p = Paragraph(0, 0, len(text), text, "text", 0)
        assert sections._alone(d, p, text) == _alone_by_scanning(d, p, text)
