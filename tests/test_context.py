"""The shared reading context: mention lookups by span, runs of mentions, line starts."""

from __future__ import annotations

from datetime import date

from summitline.context import Context, MentionRun, Mentions, line_start
from summitline.kb import load_kb
from summitline.recognize import LeaderMention


def _leader(start: int, end: int, text: str) -> LeaderMention:
    return LeaderMention(start=start, end=end, text=text, kind="name")


def _mentions(leaders: list[LeaderMention]) -> Mentions:
    return Mentions(dates=[], leaders=leaders, places=[], occasions=[], cues=[])


def test_stretch_holds_what_within_lists() -> None:
    leaders = [_leader(0, 5, "Ruto"), _leader(10, 16, "Boric"), _leader(20, 40, "King Felipe of Spain"),
               _leader(50, 55, "Lula")]  # fmt: skip
    ms = _mentions(leaders)
    for a, b in [(0, 60), (5, 50), (10, 30), (21, 60), (60, 70), (0, 0)]:
        assert list(ms.stretch("leaders", a, b)) == ms.within("leaders", a, b)
        assert list(reversed(ms.stretch("leaders", a, b))) == ms.within("leaders", a, b)[::-1]
        assert len(ms.stretch("leaders", a, b)) == len(ms.within("leaders", a, b))


def test_a_run_joined_to_a_list_reads_newest_first_without_copying() -> None:
    leaders = [_leader(0, 5, "Ruto"), _leader(10, 16, "Boric")]
    ms = _mentions(leaders)
    later = [_leader(30, 34, "Lula")]
    run = ms.stretch("leaders", 0, 20) + later
    assert isinstance(run, MentionRun)
    assert [m.text for m in reversed(run)] == ["Lula", "Boric", "Ruto"]
    assert [m.text for m in run] == ["Ruto", "Boric", "Lula"]
    assert run[1].text == "Boric" and len(run) == 3
    leaders.append(_leader(40, 44, "Modi"))  # a view: nothing was copied, but it keeps to its stretch
    assert [m.text for m in ms.stretch("leaders", 0, 50)][-1] == "Modi"


def test_line_start_is_where_the_line_of_a_position_begins() -> None:
    text = "ADDIS ABABA (Wire) -\nThe two presidents met.\n\nLater lines follow here"
    ctx = Context(kb=load_kb(), text=text, mentions=_mentions([]), published=date(2024, 1, 1), protagonist=None)
    for pos in range(len(text) + 1):
        assert line_start(ctx, pos) == text.rfind("\n", 0, pos) + 1, pos
