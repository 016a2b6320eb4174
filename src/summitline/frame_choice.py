"""Which meeting frame makes a candidate a meeting, and which of its leaders the frame ties.

A candidate (a date with the leaders of its clauses) becomes a meeting through the held or
planned frame of its scope that ties the most of its leaders, at least two; the frames of one
status in a clause are one event told by several words. See ``frames`` for what a frame is.
"""

from __future__ import annotations

from .context import Context
from .frames import Frame, frames_in
from .resolve import Resolved
from .segment import Sentence


def tied(frame: Frame, r: Resolved, s: Sentence) -> bool:
    """A participant is an argument of the frame (named in its clause, or its clause's borrowed subject), or
    known from outside the sentence (an item's heading, the article's pair, a sentence before), not named in
    another clause of it."""
    m = r.mention
    return (
        any(x.start == m.start or r.leader.id in x.ids for x in frame.arguments)
        or r.how in ("context", "pronoun", "plural")
        or not m.text
        or not (s.start <= m.start < s.end)
    )


def deciding_frame(ctx: Context, s: Sentence, a: int, b: int, people: list[Resolved]) -> Frame | bool | None:
    """The frame that makes this candidate a meeting: the held or planned frame in the scope that ties the
    most of its leaders (at least two). None when the scope has no meeting word (a caption's "A and B at
    PLACE", an item's heading decide); False when its meeting words are all denied, cancelled,
    hypothetical or used in another sense, or tie fewer than two of the leaders."""
    frames = [f for f in frames_in(ctx, s, a, b) if f.status != "setting"]
    if not frames:
        return None
    live = [f for f in frames if f.makes_meeting]
    if not live:
        return False

    def ties(f: Frame) -> int:
        """Leaders tied by the frame and the other frames of its status (one event told by several words)."""
        together = [g for g in live if g.status == f.status]
        if any(refers_back(g) for g in together):
            return len(people)
        return sum(any(tied(g, r, s) for g in together) for r in people)

    # most leaders tied; held before planned; a call or video word before a plain one ("spoke by phone")
    best = max(
        live,
        key=lambda f: (ties(f), f.status == "held", f.format != "in_person", len(f.predicate.text), -f.predicate.start),
    )
    return best if ties(best) >= 2 else False


def refers_back(frame: Frame) -> bool:
    """The frame's leaders are named by reference ("the two", "they", "him"): whoever the reference
    resolved to is its argument, wherever in the sentence that person was named. A frame that names two
    leaders itself ("a three-way summit with Ruto and Museveni") refers back to no one else."""
    named = sum(m.kind in ("name", "title", "counterpart") for m in frame.arguments)
    return named < 2 and any(m.kind in ("plural", "pronoun") for m in frame.arguments)
