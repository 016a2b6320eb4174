"""A news story's day: the date of an undated meeting that continues the story's events."""

from __future__ import annotations

import bisect
from datetime import timedelta

from .context import Context
from .frames import PREDICATE_KINDS, Frame, frames_in
from .recognize import DateMention
from .recognize.dates import resolve_weekday
from .sections import SectionInfo
from .segment import Sentence

_STORY_REACH = 1500  # how far back a news story's day is looked for


def story_day(ctx: Context, s: Sentence, sec: SectionInfo) -> DateMention | None:
    """ "Macron also met Scholz.": in a news story, an undated sentence that continues its events
    ("also", "then", "later" before a held meeting word) happened on the story's day, the last day stated
    before it in its section (not a year or a month, which date a story's background). When the story's day
    is the news of the day (within a few days of publication), a plain report of a held meeting ("He met
    Kenyan President William Ruto.", "Sunak meets Zelensky.") continues it too, unless its words place it
    elsewhere in time ("had met", "has met", "once met", "first met", "last met")."""
    # most sentences have no meeting word: looked for first
    cues = [c for kind in PREDICATE_KINDS for c in ctx.mentions.cues_of(kind, s.start, s.end)]
    if not cues:
        return None
    opening = ctx.text[s.start : s.start + 20].split(",")[0].strip().lower()  # "Separately, Modi and Xi held …"
    continues = opening in _CONTINUES or any(w in _CONTINUES for c in cues for w in _words_before(ctx, s, c.start))
    if not continues and ctx.published is None:
        return None
    before = ctx.mentions.within("dates", max(sec.start, s.start - _STORY_REACH), s.start)
    days = [d for d in before if d.precision == "day" and d.start not in ctx.mentions.excluded_dates and not d.after]
    # the story's day: stated in a sentence that reports something held, not a plan ("talks on Wednesday")
    held_days = [d for d in days if _reports_held(ctx, sec, d)]
    if not held_days:
        return None
    day = held_days[-1]
    first = day.first
    if first is None and day.weekday is not None and ctx.published is not None:  # "on Tuesday"
        first = resolve_weekday(day, ctx.published, future=False).first
    news_of_the_day = (
        ctx.published is not None
        and first is not None
        and timedelta(0) <= ctx.published - first <= timedelta(days=_NEWS_DAYS)
    )
    if not continues and not news_of_the_day:
        return None
    # a continuation of the story's events: "also met", "then held talks", "later spoke by phone"
    for f in frames_in(ctx, s):
        if f.status != "held":
            continue
        words = _words_before(ctx, s, f.predicate.start)
        if opening in _CONTINUES or any(w in _CONTINUES for w in words):
            return day
        if news_of_the_day and _reports_an_event(f) and not any(w in _ELSEWHERE_IN_TIME for w in words):
            return day
    return None


def _reports_an_event(f: Frame) -> bool:
    """A meeting word that reports one (“met”, “meets”, “talks”), not a base form that depends on another verb
    (“when the leaders meet”), and a leader named by name or title among its arguments."""
    word = f.predicate.text.lower()
    return word not in _BASE_FORMS and any(a.kind in ("name", "title", "counterpart") for a in f.arguments)


def _words_before(ctx: Context, s: Sentence, pos: int) -> list[str]:
    return ctx.text[max(s.start, pos - 20) : pos].lower().split()[-3:]


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
_BASE_FORMS = frozenset("meet visit host hold talk speak call see receive welcome".split())
_NEWS_DAYS = 3  # a story's day this close to publication is the news of the day
# words before a meeting word that put it at another time than the story's day
_ELSEWHERE_IN_TIME = frozenset(
    "has have had 'd ’d having once first last previously earlier before ever never already often repeatedly".split()
)
