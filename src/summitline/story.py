"""A news story's day: the date of an undated meeting that continues the story's events."""

from __future__ import annotations

import bisect

from .context import Context
from .frames import PREDICATE_KINDS, frames_in
from .recognize import DateMention
from .sections import SectionInfo
from .segment import Sentence

_STORY_REACH = 1500  # how far back a news story's day is looked for


def story_day(ctx: Context, s: Sentence, sec: SectionInfo) -> DateMention | None:
    """ "Modi also met Netherlands PM Rutte.": in a news story, an undated sentence that continues its events
    ("also", "then", "later" before a held meeting word) happened on the story's day, the last day stated
    before it in its section (not a year or a month, which date a story's background)."""
    # most sentences have no word that continues a story: looked for first, in the words before meeting words
    if not any(
        w in _CONTINUES
        for kind in PREDICATE_KINDS
        for c in ctx.mentions.cues_of(kind, s.start, s.end)
        for w in ctx.text[max(s.start, c.start - 20) : c.start].lower().split()[-3:]
    ):
        return None
    before = ctx.mentions.within("dates", max(sec.start, s.start - _STORY_REACH), s.start)
    days = [d for d in before if d.precision == "day" and d.start not in ctx.mentions.excluded_dates and not d.after]
    # the story's day: stated in a sentence that reports something held, not a plan ("talks on Wednesday")
    held_days = [d for d in days if _reports_held(ctx, sec, d)]
    if not held_days:
        return None
    # a continuation of the story's events: "also met", "then held talks", "later spoke by phone"
    for f in frames_in(ctx, s):
        words = ctx.text[max(s.start, f.predicate.start - 20) : f.predicate.start].lower().split()[-3:]
        if f.status == "held" and any(w in _CONTINUES for w in words):
            return held_days[-1]
    return None


def sentence_at(ctx: Context, sec: SectionInfo, pos: int) -> Sentence | None:
    """The sentence of the section that holds ``pos``, by bisection (the section's sentences are listed once
    per document)."""
    key = ("section sentences", sec.index)
    if key not in ctx.memo:
        listed = sec.sentences
        ctx.memo[key] = (listed, [x.start for x in listed])
    sentences, starts = ctx.memo[key]
    k = bisect.bisect_right(starts, pos) - 1
    return sentences[k] if k >= 0 and pos < sentences[k].end else None


def _reports_held(ctx: Context, sec: SectionInfo, d: DateMention) -> bool:
    sentence = sentence_at(ctx, sec, d.start)
    return sentence is not None and any(f.status == "held" for f in frames_in(ctx, sentence))


_CONTINUES = frozenset("also then later separately subsequently afterwards".split())
