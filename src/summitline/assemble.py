"""Assembly: recognised mentions -> meeting candidates -> one meeting per real meeting.

A candidate is anchored on a date: the date's clauses must name (or refer to)
two leaders of different states who held office then, and say that they met
(a meeting, call or visit cue, or the "DATE: A and B at PLACE" convention of
galleries and timelines). Undated sentences of a dated item inherit its date.
Candidates with the same leaders, compatible dates and compatible places are
one meeting, whose fields take the most specific value stated.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .context import Context, Mentions, backwards, cues_in, line_start
from .frame_choice import deciding_frame, refers_back, tied
from .frames import Frame, frames_in, is_modifier
from .participants import asked_meeting, from_question, in_office, participants_in
from .recognize import CueMention, DateMention, LeaderMention, OccasionMention, PlaceMention
from .recognize.dates import resolve_weekday
from .recognize.numbers import count_of
from .recognize.occasions import find_event
from .resolve import Resolved, resolve_backwards, resolve_explicit
from .sections import SectionInfo
from .segment import Sentence
from .story import story_day

__all__ = ["Candidate", "Context", "Mentions", "find_candidates", "group_candidates"]


@dataclass(slots=True)
class Candidate:
    first: date
    last: date
    precision: str
    date_source: str
    date_span: DateMention
    participants: list[Resolved]
    section: int
    sentence: Sentence
    scope: tuple[int, int]
    inherited: bool
    place: PlaceMention | None = None
    occasion: OccasionMention | None = None
    format_cue: CueMention | None = None
    status_cue: CueMention | None = None
    meeting_cue: CueMention | None = None
    frame: Frame | None = None  # the meeting frame that decided it, when a meeting word did

    ids: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.ids = frozenset(r.leader.id for r in self.participants)


_N_DAY = re.compile(
    r"\b(two|three|four|five|2|3|4|5)-day\s+(?:[\w-]+\s+){0,2}?(?:summit|visit|meeting|talks|trip|tour|conference)\b"
    r"[^.;:]{0,80}?\s$",
    re.I,
)


def _lasting(ctx: Context, s: Sentence, d: DateMention) -> DateMention:
    """ "opened a three-day state visit on May 6": a day that starts an event of a stated length
    (in the same clause, before the date) is the span of its days."""
    if d.precision != "day" or d.first is None:
        return d
    before = _N_DAY.search(ctx.text, max(s.start, d.start - 140), d.start)
    if before is None:
        return d
    n = before.group(1).lower()
    days = count_of(n)
    return dataclasses.replace(d, last=d.first + timedelta(days=days - 1), precision="span")


_DASH_AFTER = re.compile(r"\s*[-–—]\s")


def _reports_an_earlier_day(ctx: Context, sec: SectionInfo, s: Sentence, dates: list[DateMention]) -> bool:
    """ "March 4, 2021 - … held talks by video on 2 March": an item's date followed by a dash
    whose sentence states the day of its event, a few days before, is the day of the report (a dateline),
    not of the event."""
    lead = sec.lead
    if lead is None or lead.first is None or not _DASH_AFTER.match(ctx.text, lead.end, lead.end + 3):
        return False
    for d in dates:
        if d is lead or d.precision not in ("day", "span"):
            continue
        day = resolve_date(ctx, d, sec, future=False)
        if day is not None and day.last is not None and timedelta(0) <= lead.first - day.last <= timedelta(days=7):
            return True
    return False


def _enumeration_head(ctx: Context, s: Sentence, d: DateMention) -> tuple[int, int] | None:
    """The head of an enumeration of meetings ("Kishida and Yoon met three times in 2023:") when ``d`` is one
    of its items after the colon: a count word before the colon, in the same sentence."""
    colon = ctx.text.rfind(": ", s.start, d.start)
    if colon == -1 or not cues_in(ctx, s.start, colon, "count") or "\n" in ctx.text[s.start : colon]:
        return None
    return s.start, colon


def scope_of(d: DateMention, sentence: Sentence, dates: list[DateMention]) -> tuple[int, int]:
    """The clauses of a sentence that belong to a date: those nearer to it than to any other date."""
    clauses = sentence.clauses()
    if len(dates) < 2:
        return sentence.start, sentence.end

    def idx(m: DateMention) -> int:
        return next((i for i, (s, e) in enumerate(clauses) if s <= m.start < e), len(clauses) - 1)

    mine = idx(d)
    # another date in my own clause ("June 6 this year") shares my clauses with me
    others = [idx(o) for o in dates if o is not d and idx(o) != mine]
    keep = [i for i in range(len(clauses)) if all(abs(i - mine) < abs(i - o) or (i == mine) for o in others)]
    keep = keep or [mine]
    start, end = clauses[min(keep)][0], clauses[max(keep)][1]
    # two dates in one clause, joined by "and" ("in May in Seoul and in August at Camp David"): each its half
    for o in dates:
        if o is d or not (start <= o.start < end):
            continue
        if o.start >= d.end:
            cut = sentence.text.find(" and ", d.end - sentence.start, o.start - sentence.start)
            end = min(end, sentence.start + cut) if cut != -1 else end
        elif o.end <= d.start:
            cut = sentence.text.rfind(" and ", o.end - sentence.start, d.start - sentence.start)
            start = max(start, sentence.start + cut + 5) if cut != -1 else start
    return start, end


def resolve_date(ctx: Context, d: DateMention, sec: SectionInfo, future: bool) -> DateMention | None:
    """Give a partial or relative date its year or day; None when the text does not allow it."""
    if d.first is not None:
        return d
    if d.kind == "offset":  # "on Tuesday, four days after meeting X": counted from the date it follows
        anchor = next((x for x in ctx.mentions.within("dates", d.anchor or 0, d.start) if x.start == d.anchor), None)
        base = resolve_date(ctx, anchor, sec, future) if anchor is not None and anchor.kind != "offset" else None
        if base is None or base.first is None or base.precision != "day":
            return None
        day = base.first + timedelta(days=d.shift)
        return dataclasses.replace(d, first=day, last=day, kind="chained")
    if d.weekday is not None:
        return resolve_weekday(d, ctx.published, future) if ctx.published else None
    # "A and B last spoke in November": the latest November, whatever year the text spoke of before
    latest = _LAST_TIME.search(ctx.text, max(0, d.start - 60), d.start) is not None
    year = None if latest else _context_year(ctx, d, sec)
    if year is None and ctx.published:
        year = ctx.published.year
        if (d.month or 0, d.day or 0) > (ctx.published.month, ctx.published.day) and not future:
            year -= 1
    return d.with_year(year) if year else None


def _context_year(ctx: Context, d: DateMention, sec: SectionInfo) -> int | None:
    """The year a date without one belongs to: "this year"; the year stated earlier in its paragraph;
    its item's or heading's year; a date stated just before it."""
    if re.match(r",?\s+this year", ctx.text[d.end : d.end + 12]):
        return ctx.published.year if ctx.published else None
    para = next((p for p in sec.paragraphs if p.start <= d.start < p.end), None)
    window = ctx.mentions.within("dates", max(0, d.start - 600), d.start)
    stated = [x for x in window if x.first and x.kind != "partial" and x.start not in ctx.mentions.excluded_dates]
    # a year stated in the paragraph; a date resolved from publication ("last November") says nothing of
    # the year of "in January" after it
    same_month = [
        x
        for x in stated
        if x.kind == "relative"
        and x.precision == "month"
        and x.first
        and x.first.month == d.month
        and d.start - x.end < 40
    ]
    if same_month:  # "Last June they took a night train to Kyiv … on 16 June"
        return same_month[-1].first.year  # type: ignore[union-attr]
    same_para = [x for x in stated if para and x.start >= para.start and x.kind in ("explicit", "chained")]
    if same_para:
        return _onwards(same_para[-1], d)
    if sec.lead and sec.lead.first and sec.lead is not d:
        return sec.lead.first.year
    if sec.year:
        return sec.year
    # "Less than a week later, on Dec. 22": chained to a date stated just before; otherwise a date
    # without a year is the last such day before publication
    chained = re.search(
        r"\b(later|earlier|after|before|afterwards|following|next|previous|same)\b",
        ctx.text[max(0, d.start - 60) : d.start],
        re.I,
    )
    near = [x for x in stated if x.kind == "explicit" and d.start - x.end < 400]
    if near and (chained or ctx.published is None):
        return _onwards(near[-1], d)
    return None


def _onwards(base: DateMention, d: DateMention) -> int:
    """A story told forwards: "on 10 December 2021 … on 26 October" is October of the next year."""
    assert base.first is not None and base.last is not None
    if base.precision in ("day", "span", "month") and (d.month or 0, d.day or 1) < (base.last.month, base.last.day):
        if (d.month or 0) < base.first.month:
            return base.first.year + 1
    return base.first.year


def date_is_event_of_other_kind(ctx: Context, d: DateMention, scope: tuple[int, int]) -> bool:
    """ "sworn in … in 2000", "invasion of Kuwait in August 1990": the nearest cue before the date decides;
    a clause that opens with "when" right after the date is that date's event ("since 2009, when he met Hu")."""
    when = _WHEN_AFTER.match(ctx.text, d.end)
    if when and cues_in(ctx, when.end(), scope[1], "meeting"):
        return False
    before = [c for c in ctx.mentions.within("cues", scope[0], d.start) if c.kind in ("meeting", "other_event")]
    before += [c for c in ctx.mentions.within("cues", d.end, min(scope[1], d.end + 12)) if c.kind == "other_event"]
    # "became the first leader to visit …" is a record set by the visit, not the event of taking office
    before = [c for c in before if not (c.kind == "other_event" and _A_RECORD.match(ctx.text, c.end))]
    if not before:
        return False
    nearest = min(before, key=lambda c: abs(c.start - d.start))
    return nearest.kind == "other_event"


_LAST_TIME = re.compile(r"\blast\s+(?:met|spoke|talked|held|saw|hosted|visited|sat|called)\b[^.;:]*$", re.I)
_A_RECORD = re.compile(r"\s+the\s+(?:first|only|second|third|last|latest|youngest|oldest)\b", re.I)
_WHEN_AFTER = re.compile(r",?\s+when\s+")
_PLURAL_PRONOUNS = frozenset(("they", "them", "their", "theirs", "themselves"))
_COUNTED_SHIFT = re.compile(r"(?i)\b(?:later|earlier|afterwards)$")
_THAT = re.compile(
    r"\s*,?\s*that\b(?!\s+(?:year|month|week|day|morning|afternoon|evening|night|spring|summer|autumn|fall|winter|time)\b)"
)


_AND_OPENS = re.compile(r"[\s,]*and\s+")
_WHERE_OPENS = re.compile(r"\s*where\b", re.I)
# the latest of a count of meetings: "most recently", "the last time"
_LATEST = r"most recently|the most recent|the latest|the last (?:one|time|of them)"
_ONE_OF_THEM = re.compile(rf"\b(?:{_LATEST}|the first|the last)\b[^.;]*$", re.I)


def _gapped(ctx: Context, s: Sentence, a: int, b: int) -> tuple[CueMention, LeaderMention] | None:
    """A clause of the sentence opened by "and" that names one leader and no verb of its own ("…, and
    Macron in Paris on May 4"), or a date's half of one clause cut at its "and" ("met Biden on Friday and
    Sunak on Saturday"): the meeting word of the clause before and the sentence's subject, the first
    leader named before that word. None for any other clause."""
    if a <= s.start or not (_AND_OPENS.match(ctx.text, a) or ctx.text.endswith(" and ", max(0, a - 5), a)):
        return None
    named = [m for m in ctx.mentions.within("leaders", a, b) if m.kind in ("name", "title")]
    if len(named) != 1 or _VERB_LIKE.search(ctx.text, a, b):
        return None
    before = [c for c in cues_in(ctx, s.start, a, "meeting") if c.text.lower().split()[0] in _GAPPABLE]
    if not before:
        return None
    subject = next(
        (m for m in ctx.mentions.within("leaders", s.start, before[-1].start) if m.kind in ("name", "title")), None
    )
    return (before[-1], subject) if subject is not None else None


_MOST_RECENTLY = re.compile(rf"[\s,;]*(?:{_LATEST})\b", re.I)


def _latest_of_them(ctx: Context, s: Sentence, a: int) -> list[CueMention]:
    """A clause opened by "most recently" after a count of meetings ("have met three times this year, most
    recently in Vilnius on Tuesday"): the counted meeting word before it, for the one it dates."""
    if a <= s.start or not _MOST_RECENTLY.match(ctx.text, a) or not cues_in(ctx, s.start, a, "count"):
        return []
    return cues_in(ctx, s.start, a, "meeting")[-1:]


_ELLIPSIS = re.compile(r"\s*the\s+(?:last|latest|next|second|third|fourth|final|other)\s*,", re.I)


def _elided(ctx: Context, s: Sentence, a: int) -> list[CueMention]:
    """A clause after a semicolon that opens with "the last," or "the second," and no verb names another of
    the meetings the clause before counts: its meeting word."""
    semi = ctx.text.rfind("; ", s.start, a + 1)
    head = _ELLIPSIS.match(ctx.text, semi + 2) if semi != -1 else None
    if head is None or head.end() < a - 2:  # the clause is the one the elided noun opens
        return []
    return cues_in(ctx, s.start, semi, "meeting")[-1:]


_GAPPABLE = frozenset("met meets meeting visited visiting hosted hosting received receiving".split())
# a word that can be a clause's own verb: an -ed or -s form, an auxiliary; the gapped clause has none
_VERB_LIKE = re.compile(r"\b(?:\w+ed|is|are|was|were|has|have|had|will|would|did|does)\b")


def _dates_a_report(ctx: Context, s: Sentence, d: DateMention) -> bool:
    """ "Tokyo said on Friday that Kishida had met Yoon on Tuesday": a date right before "that" dates the
    saying, when the clause said has a date of its own."""
    that = _THAT.match(ctx.text, d.end)
    if that is None:
        return False
    return any(x.start >= that.end() for x in ctx.mentions.within("dates", d.end, s.end))


def _is_photo_sentence(ctx: Context, s: Sentence) -> bool:
    return bool(cues_in(ctx, s.start, s.end, "photo_date")) or s.text.startswith("FILE")


def best_place(ctx: Context, a: int, b: int, after: int | None = None) -> PlaceMention | None:
    places = [
        p
        for p in ctx.mentions.within("places", a, b)
        if (p.locative or (p.entry.curated and p.rank > 1)) and not is_dateline(ctx, p)
    ]
    occasions = ctx.mentions.within("occasions", a, b)
    places = [p for p in places if not any(o.start <= p.start < o.end for o in occasions)]
    places = [p for p in places if not ctx.text[p.end : p.end + 3].startswith(("'s", "’s"))] or places
    if not places:
        return None
    return max(places, key=lambda p: (p.rank, -abs(p.start - (after or a))))


def _dated_by_another_frame(ctx: Context, s: Sentence, a: int, b: int, d: DateMention, frame: Frame) -> bool:
    """ "Their foreign ministers met in Beijing on Tuesday to prepare a Macron-Xi summit": the date follows
    a held meeting word of its clause that ties no leader, and the frame that would make the meeting comes
    after the date: the date is that other meeting's, not the leaders'."""
    if frame.predicate.start < d.end:
        return False
    before = [f for f in frames_in(ctx, s, a, b) if f.predicate.end <= d.start and f.clause[0] <= d.start < f.clause[1]]
    own = max(before, key=lambda f: f.predicate.end, default=None)
    return own is not None and own.status == "held" and not own.arguments


def is_dateline(ctx: Context, p: PlaceMention) -> bool:
    """A wire story's dateline city ("BRASILIA, April 11 (Reuters) -"): where the story was filed, the place
    of a meeting only on the story's own day (``build``), not of every meeting its first sentence tells."""
    if not (p.text.isupper() and len(p.text) > 2):
        return False
    # what precedes it on its line, read back at most 200 characters (cleaned text has no long runs of
    # spaces): not a copy of a whole long line for every place in capitals
    before = ctx.text[max(line_start(ctx, p.start), p.start - 200) : p.start].rstrip()
    return not before or before.endswith(")")


def candidate_at(
    ctx: Context,
    sec: SectionInfo,
    s: Sentence,
    d: DateMention,
    scope: tuple[int, int],
    inherited: bool,
    is_lead: bool = False,
) -> Candidate | None:
    a, b = scope
    # a negation denies its own independent clause: "A has not visited B since 2019; they talk by phone"
    cut = ctx.text.rfind("; ", a, d.start)
    part_start = a if cut == -1 else cut + 2
    part_end = ctx.text.find("; ", d.end, b)
    if cues_in(ctx, part_start, b if part_end == -1 else part_end, "negation"):
        return None
    if _dates_a_report(ctx, s, d):
        return None
    # "would meet 28 times" denies one meeting; "agreed to hold summits every year" in another clause does not;
    # the meeting word that counts is the one nearest the date ("who have met 40 times, last held talks in May")
    meetings_here = cues_in(ctx, a, b, "meeting")
    first_meeting = min(meetings_here, key=lambda c: abs(c.start - d.start), default=None)
    for c in cues_in(ctx, a, b, "count"):
        if _enumeration_head(ctx, s, d):
            continue  # "met three times in 2023: in March in Tokyo, …": each date after the colon is one
        if _ONE_OF_THEM.search(ctx.text, max(a, d.start - 60), d.start) and not _same_clause(s, c.start, d.start):
            continue  # "has met Erdogan three times, most recently in Istanbul in January 2024": that one
        if (
            inherited
            or _same_clause(s, c.start, d.start)
            or (first_meeting and _same_clause(s, c.start, first_meeting.start))
        ):
            return None
    planned = [
        c for c in cues_in(ctx, a, b, "planned") if _same_clause(s, c.start, d.start) or _bears_on_meeting(ctx, s, c, d)
    ]
    rd = resolve_date(ctx, d, sec, future=bool(planned))
    rd = _lasting(ctx, s, rd) if rd is not None else None
    if rd is None or rd.first is None or rd.last is None:
        return None
    meeting = cues_in(ctx, a, b, "meeting")
    fmt = cues_in(ctx, a, b, "video_call") or cues_in(ctx, a, b, "phone_call")
    enum_head = _enumeration_head(ctx, s, d)
    if enum_head and not meeting and not fmt:  # "met three times in 2023: in March in Tokyo, …": the head's
        meeting = cues_in(ctx, *enum_head, "meeting")
        fmt = cues_in(ctx, *enum_head, "video_call") or cues_in(ctx, *enum_head, "phone_call")
    gap = None if meeting or fmt or inherited or is_lead else _gapped(ctx, s, a, b)
    if gap:  # "met Scholz in Berlin on May 2, and Macron in Paris on May 4": the verb and subject go on
        meeting = [gap[0]]
    if not meeting and not fmt and not inherited and not is_lead:
        meeting = _elided(ctx, s, a)  # "their first summit came in Moscow in 2013; the last, in Sochi in 2019"
    if not meeting and not fmt and not inherited and not is_lead:
        meeting = asked_meeting(ctx, sec, s)  # "When did Putin last meet Xi?" / "In Beijing, on Feb. 4, 2022."
    if not meeting and not fmt and not inherited and not is_lead:
        meeting = _latest_of_them(ctx, s, a)  # "have met three times this year, most recently in Vilnius on …"
    if is_lead:  # a dated item: its whole first paragraph says what happened
        para_end = next((p.end for p in sec.paragraphs if p.start <= s.start < p.end), s.end)
        meeting = meeting or cues_in(ctx, a, para_end, "meeting")
        # another kind of event, unless a call is the item's ("speaks with X by phone after X announced …")
        if not meeting and not fmt and (cues_in(ctx, a, b, "other_event") or cues_in(ctx, a, b, "photo_date")):
            return None
    elif not meeting and not fmt and not _together_at_place(ctx, a, b) and not _conjoined(ctx, s, a, b):
        return None
    elif not inherited and not _closes_sentence(ctx, d, s) and date_is_event_of_other_kind(ctx, d, scope):
        return None
    people = participants_in(ctx, a, b, rd.first, rd.last, sec, not inherited, s.end)
    if gap and len(people) == 1:
        subject = resolve_explicit(ctx.kb, gap[1], rd.first, rd.last, ctx.mentions.named)
        if subject is None or subject.leader.id == people[0].leader.id:
            return None
        people = [subject, *people]
    elif gap:
        return None
    if len(people) < 2 and a > s.start:  # "…, and had a short conversation in Johannesburg in August 2023"
        people = participants_in(ctx, s.start, b, rd.first, rd.last, sec, not inherited, s.end)
    if len(people) < 2 and not inherited:
        people = from_question(ctx, sec, s, rd.first, rd.last) or people
    item_place = is_lead and sec.item_place_end is not None
    named = [r for r in people if r.how in ("name", "title", "counterpart")]
    if is_lead and len(named) < 2 and item_place and ctx.pair:
        # "Aug. 5 — Sochi: agreement to expand ties", in a timeline of one pair's meetings
        pair = [in_office(ctx, lid, rd.first, rd.last, LeaderMention(a, a, "", "plural")) for lid in ctx.pair]
        if all(pair):
            have = {r.leader.id for r in named}
            people = [r for r in pair if r and r.leader.id not in have] + named  # type: ignore[misc]
    if not people and ctx.pair and not inherited and _pair_summit(ctx, a, b):
        # "The first informal summit was held in Wuhan on April 27-28, 2018", in an article about one pair
        people = [
            r
            for r in (in_office(ctx, lid, rd.first, rd.last, LeaderMention(a, a, "", "plural")) for lid in ctx.pair)
            if r
        ]
        people = people if len(people) == 2 else []
    if is_lead and not people and (meeting or fmt) and not _names_leaders(ctx, sec):
        # "Aug. 3 - by phone": an item in a list of one pair's exchanges, naming no one itself (an item
        # that names its own leaders elsewhere does not take the item before's)
        history = ctx.mentions.stretch("leaders", sec.boundary, a)
        people = resolve_backwards(ctx.kb, history, rd.first, rd.last, ctx.mentions.named, 2, set())
    if len(people) < 2 or len({r.term.country for r in people}) < 2:
        return None
    frame = deciding_frame(ctx, s, a, b, people)
    if frame is False or (isinstance(frame, Frame) and _dated_by_another_frame(ctx, s, a, b, d, frame)):
        return None
    together = [f for f in frames_in(ctx, s, a, b) if isinstance(frame, Frame) and f.status == frame.status]
    if isinstance(frame, Frame) and not any(refers_back(f) for f in together):
        # the frames of the scope with the deciding frame's status are one event ("travelled to Kyiv with
        # Macron and Starmer for talks with Zelensky"): their leaders together. They name their leaders
        # themselves: a pronoun of the sentence that is none of their arguments, when they name two leaders
        # (", two days after meeting Meloni, and thanked him"), or that is another frame's argument, means
        # someone else (", and told her about the talks"); and when the scope names only one of
        # them, the subject they borrow from the main clause before it (", after meeting …") is the other
        args = [x for f in together for x in f.arguments]
        foreign: set[int] = set()
        if any(r.how == "pronoun" for r in people):
            if len({x.start for x in args if x.kind in ("name", "title", "counterpart")}) >= 2:
                foreign = {m.start for m in ctx.mentions.within("leaders", s.start, s.end) if m.kind == "pronoun"}
            else:
                foreign = {x.start for f in frames_in(ctx, s) if f not in together for x in f.arguments}
            foreign -= {x.start for x in args}
        people = [
            r
            for r in people
            if any(tied(f, r, s) for f in together) and not (r.how == "pronoun" and r.mention.start in foreign)
        ]
        for x in args if len(people) < 2 else ():  # the scope names one of them: the borrowed subject
            if x.kind in ("name", "title") and x.start < a:
                borrowed = resolve_explicit(ctx.kb, x, rd.first, rd.last, ctx.mentions.named)
                if borrowed and all(borrowed.leader.id != r.leader.id for r in people):
                    people.append(borrowed)
        if len(people) < 2 or len({r.term.country for r in people}) < 2:
            return None
        if frame.status == "planned" and not planned:
            planned = [CueMention(frame.predicate.start, frame.predicate.end, frame.predicate.text, "planned")]
    elif isinstance(frame, Frame) and not any(
        x.kind == "plural" or x.text.lower() in _PLURAL_PRONOUNS for f in together for x in f.arguments
    ):
        # a singular reference ("he", "him") ties whoever it means, but not a leader named only as an
        # argument of the sentence's other frames: those of another status ("after talks with X, he said he
        # wanted him to meet Z": Z is in the wish, not the talks) and those outside this date's scope
        # (another date's event); nor one who only says whose sister or envoy someone is
        others = [
            f
            for f in frames_in(ctx, s)
            if f.status != "setting"
            and f not in together
            and (f.status != frame.status or not a <= f.predicate.start < b)
        ]
        subject = _subject_pronoun_antecedent(ctx, s, together, people)
        people = [
            r
            for r in people
            if r.how not in ("name", "title", "counterpart")
            or r is subject
            or any(any(x.start == r.mention.start for x in f.arguments) for f in together)
            or not (
                any(any(x.start == r.mention.start for x in f.arguments) for f in others) or is_modifier(ctx, r.mention)
            )
        ]
        if len(people) < 2 or len({r.term.country for r in people}) < 2:
            return None
    if isinstance(frame, Frame) and frame.status == "planned" and d.first is None:
        # a plan the frame tells ("will travel to Manila on Sunday to meet …"): its "Sunday" is the next one
        planned = planned or [CueMention(frame.predicate.start, frame.predicate.end, frame.predicate.text, "planned")]
        ahead = resolve_date(ctx, d, sec, future=True)
        if ahead is not None and ahead.first is not None and ahead.last is not None:
            rd = ahead
    assert rd.first is not None and rd.last is not None
    source = "heading" if (is_lead or inherited) else "publication" if d.kind == "relative" else "body"
    if source == "body" and _is_caption(ctx, s):
        source = "caption"
    cand = Candidate(rd.first, rd.last, rd.precision, source, d, people, sec.index, s, scope, inherited)
    cand.meeting_cue = meeting[0] if meeting else None
    cand.frame = frame if isinstance(frame, Frame) else None
    cand.format_cue = fmt[0] if fmt else None
    if cand.frame and cand.frame.format != "in_person" and not cand.format_cue:
        f = cand.frame.predicate
        cand.format_cue = CueMention(f.start, f.end, f.text, cand.frame.format)  # "Trump called Putin"
    cand.status_cue = planned[0] if planned else None
    cand.place = None
    if item_place:
        cand.place = best_place(ctx, sec.lead.end, sec.item_place_end)  # type: ignore[arg-type,union-attr]
    cand.place = cand.place or best_place(ctx, a, b, cand.meeting_cue.start if cand.meeting_cue else None)
    if cand.place is None and inherited and sec.lead and sec.item_place_end is not None:
        cand.place = best_place(ctx, sec.lead.end, sec.item_place_end)  # the item's heading: "… – Deauville"
    if cand.place is None and a > s.start and _WHERE_OPENS.match(ctx.text, a):
        # "Nixon travelled to Beijing, where he met Mao on Feb. 21": the place the clause's "where" stands for
        before = [p for p in ctx.mentions.within("places", s.start, a) if p.locative]
        if before and not ctx.text[before[-1].end : a].strip(" ,)"):
            cand.place = before[-1]
    recent = ctx.published is not None and timedelta(0) <= ctx.published - rd.first <= timedelta(days=7)
    if cand.place is None and not cand.format_cue and not planned and recent:
        # "TOKYO, May 23 (Reuters) - …": the story's news of the last days happened where it was filed
        para_start = ctx.text.rfind("\n", 0, s.start) + 1
        head = [
            p
            for p in ctx.mentions.within("places", para_start, para_start + 80)
            if _CABLE_NOTE.fullmatch(ctx.text, para_start, p.start)  # "(Special cable) LONDON, March 3."
        ]
        cand.place = head[0] if head and head[0].text.isupper() else None
    occ = ctx.mentions.within("occasions", a, b)
    cand.occasion = occ[0] if occ else None
    if cand.occasion is None and any(f.status == "setting" for f in frames_in(ctx, s, a, b)):
        cand.occasion = _gathering_told_before(ctx, a, rd.first, rd.last)  # "met Modi on the sidelines on …"
    return cand


_GATHERING_REACH = 3000  # how far back "the summit", "the sidelines" look for the gathering they mean


def _gathering_told_before(ctx: Context, a: int, first: date, last: date) -> OccasionMention | None:
    """The gathering a meeting "on the sidelines" or "at the summit" was held at when the text named it before
    (the last one named within reach), if that gathering met on the meeting's days (a day either side)."""
    for occ in backwards(ctx.mentions.within("occasions", max(0, a - _GATHERING_REACH), a)):
        event = find_event(ctx.kb, occ.series, first, last, None)
        if event is not None and event.start - timedelta(days=1) <= first and last <= event.end + timedelta(days=1):
            return occ
    return None


_CABLE_NOTE = re.compile(r"(?:\([^()\n]{1,60}\)[ \t]*)?")


def _same_clause(s: Sentence, x: int, y: int) -> bool:
    if not s.start <= y < s.end:
        return True  # an inherited date: the cue bears on the sentence
    clauses = s.clauses()
    for i, (a, b) in enumerate(clauses):
        if a <= y < b:
            # "On Tuesday, Kishida will host …": a clause that is only the date belongs with the next one
            if len(s.text[a - s.start : b - s.start].split()) <= 3 and i + 1 < len(clauses):
                b = clauses[i + 1][1]
            return a <= x < b
    return False


def _bears_on_meeting(ctx: Context, s: Sentence, cue: CueMention, d: DateMention) -> bool:
    """ "Putin is due to hold talks with Trump, on Friday": the plan shares a clause with the meeting word of
    the date's own clause."""
    return any(
        _same_clause(s, cue.start, m.start) and _same_clause(s, m.start, d.start)
        for m in cues_in(ctx, s.start, s.end, "meeting")
    )


def _paragraph_date(ctx: Context, s: Sentence) -> DateMention | None:
    """ "On Thursday the diplomacy ran through Ankara. Erdogan phoned Putin …": a date that opens a
    paragraph dates the undated sentences after it."""
    para_start = line_start(ctx, s.start)
    if para_start == s.start:
        return None
    first = ctx.mentions.within("dates", para_start, min(s.start, para_start + 30))
    if not first or ctx.mentions.within("dates", first[0].end, s.start)[1:]:
        return None
    return first[0] if re.match(r"\W*(?:on|in|during|by)?\s*$", ctx.text[para_start : first[0].start], re.I) else None


_EVENT_AFTER = re.compile(r"\s+(?:the|a|an|his|her|their|its)\s")


def _dates_an_event_after(ctx: Context, s: Sentence, d: DateMention) -> bool:
    """ "…, a day before the summit opened": a day counted from another date of the sentence, before or after
    an event named by a noun phrase (not "a day after meeting Lula", whose meeting is the sentence's)."""
    return (
        d.kind == "offset"
        and d.anchor is not None
        and s.start <= d.anchor < d.start
        and d.text.lower().endswith(("before", "after"))
        and _EVENT_AFTER.match(ctx.text, d.end) is not None
    )


# a live blog's entry opens with its clock time: "10:02 - ", "9:15 a.m. ET: ", "14.30 GMT |"
_CLOCK_ENTRY = re.compile(
    r"[ \t]*[-•*]?[ \t]*((?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?[ap]\.?m\.?)?(?:\s(?:[A-Z]{2,4}))?)\s*[-–—:|]\s",
    re.I,
)


def _clock_time_day(ctx: Context, s: Sentence) -> DateMention | None:
    """ "10:02 - Biden and Erdogan hold a bilateral meeting": the entries of a live blog, each headed by its
    clock time alone, happen on the day it is published (inferred)."""
    if ctx.published is None:
        return None
    m = _CLOCK_ENTRY.match(ctx.text, line_start(ctx, s.start))
    if m is None or m.start(1) >= s.end:
        return None
    day = ctx.published
    return DateMention(m.start(1), m.end(1), m.group(1), day, day, "day", kind="relative")


def _closes_sentence(ctx: Context, d: DateMention, s: Sentence) -> bool:
    """ "…, where they agreed a truce in their trade war, Dec. 1, 2018.": a caption's closing date
    dates the whole caption, not the phrase before it."""
    return ctx.text[d.start - 2 : d.start] == ", " and not ctx.text[d.end : s.end].strip(' .)"”')


def _pair_summit(ctx: Context, a: int, b: int) -> bool:
    """A sentence about "the summit" or "the talks" that names no leader at all."""
    if ctx.mentions.within("leaders", a, b):
        return False
    nouns = ("summit", "talks", "meeting", "informal summit", "bilateral meeting")
    return any(c.text.lower() in nouns for c in cues_in(ctx, a, b, "meeting"))


def _conjoined(ctx: Context, s: Sentence, a: int, b: int) -> bool:
    """ "he and Bush declared …", "Putin and Clinton dined …": two leaders as the subject of a clause."""
    ms = [m for m in ctx.mentions.within("leaders", a, b) if m.kind in ("name", "title", "pronoun")]
    starts = {s.start} | {x for x, _ in s.clauses()}
    for x, y in zip(ms, ms[1:], strict=False):
        y_first = y.title_start if y.title_start is not None else y.start  # "Sunak and Irish Taoiseach Leo Varadkar"
        if ctx.text[x.end : y_first] == " and " and any(0 <= x.start - c <= 25 for c in starts):
            return re.match(r"\s+[a-z]", ctx.text[y.end : y.end + 3]) is not None
    return False


def _together_at_place(ctx: Context, a: int, b: int) -> bool:
    """ "they even had a fishing weekend in Maine": two leaders as subject, somewhere."""
    plural = [m for m in ctx.mentions.within("leaders", a, b) if m.kind == "plural"]
    return bool(plural) and any(p.locative for p in ctx.mentions.within("places", plural[0].end, b))


def _is_caption(ctx: Context, s: Sentence) -> bool:
    low = s.text.lower()
    return any(w in low for w in ("pictured", "(l-r)", "photo", "screenshot", "image")) or bool(
        ctx.text[s.end : s.end + 2] == "\n" and s.text.rstrip().endswith(")")
    )


def find_candidates(ctx: Context, sections: list[SectionInfo]) -> list[Candidate]:
    out: list[Candidate] = []
    for sec in sections:
        for s in sec.sentences:
            dates = [
                d
                for d in ctx.mentions.within("dates", s.start, s.end)
                if d.start not in ctx.mentions.excluded_dates and not d.after
            ]
            if _is_photo_sentence(ctx, s):
                dates = []
            # "A week later, …, the two signed the accord on 3 June": a counted shift yields to a day stated after
            # it; one counted from a date before it is a date of its own ("met in 1985, and again a year later")
            dates = [
                d
                for d in dates
                if not _COUNTED_SHIFT.search(d.text)
                or not any(x.start > d.end and not _COUNTED_SHIFT.search(x.text) for x in dates)
            ]
            # "met Ramaphosa on Tuesday, a day before the summit opened, for a state visit": a day counted from
            # the meeting's own day to another event named after it dates that event; the meeting's day goes on
            dates = [d for d in dates if not _dates_an_event_after(ctx, s, d)]
            if sec.lead in dates and _reports_an_earlier_day(ctx, sec, s, dates):
                dates = [d for d in dates if d is not sec.lead]  # "March 4, 2021 - … talks on 2 March"
            for d in dates:
                lead = d is sec.lead
                scope = (s.start, s.end) if lead else scope_of(d, s, dates)
                c = candidate_at(ctx, sec, s, d, scope, inherited=False, is_lead=lead)
                if c:
                    out.append(c)
            if sec.lead and s is sec.lead_sentence and not (sec.lead.start >= s.start and sec.lead.end <= s.end):
                c = candidate_at(ctx, sec, s, sec.lead, (s.start, s.end), inherited=False, is_lead=True)
                if c:
                    out.append(c)
            elif not dates and sec.lead and s is not sec.lead_sentence:
                c = candidate_at(ctx, sec, s, sec.lead, (s.start, s.end), inherited=True)
                if c:
                    out.append(c)
            elif not dates and not sec.lead:
                pdate = _paragraph_date(ctx, s) or story_day(ctx, s, sec) or _clock_time_day(ctx, s)
                c = candidate_at(ctx, sec, s, pdate, (s.start, s.end), inherited=False) if pdate else None
                if c:
                    out.append(c)
    return out


# a subject pronoun, or a possessive ("since his summit with Biden"), in a later clause: the sentence's subject
_SUBJECT_GENDER = {"he": "M", "she": "F", "his": "M", "her": "F"}


def _subject_pronoun_antecedent(
    ctx: Context, s: Sentence, frames: list[Frame], people: list[Resolved]
) -> Resolved | None:
    """ "Xi has not travelled to Washington since 2015; he met Biden in November 2023": a subject pronoun in a
    later clause means the sentence's subject, the leader named first, when the gender fits."""
    pronouns = [x for f in frames for x in f.arguments if x.text.lower() in _SUBJECT_GENDER and x.start > s.start]
    first = min((r for r in people if s.start <= r.mention.start < s.end), key=lambda r: r.mention.start, default=None)
    if not pronouns or first is None or first.mention.start > min(x.start for x in pronouns):
        return None
    if ctx.text[s.start : first.mention.title_start or first.mention.start].strip(" \"“‘'"):
        return None  # the sentence does not open with that leader: no clear subject
    return first if first.leader.gender == _SUBJECT_GENDER[pronouns[0].text.lower()] else None


_BULLETS = ("•", "-", "*", "–", "—", "·", "▪")


def _names_leaders(ctx: Context, sec: SectionInfo) -> bool:
    """Whether a dated item names a leader (by name or title) in its paragraphs; a bulleted paragraph after
    its first is an undated item of its own ("• Next: …"), not part of it."""
    paragraphs = sec.paragraphs[:1] + [p for p in sec.paragraphs[1:] if not p.text.lstrip().startswith(_BULLETS)]
    return any(m.kind in ("name", "title") for p in paragraphs for m in ctx.mentions.within("leaders", p.start, p.end))


def _places_compatible(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None:
        return True
    if a.entry.country != b.entry.country:
        return False
    if a.rank >= 3 and b.rank >= 3:
        ca, cb = a.entry.city or a.entry.name, b.entry.city or b.entry.name
        return ca == cb or a.entry.name == b.entry.name
    return True


def _dates_compatible(x: Candidate, y: Candidate) -> bool:
    return x.first <= y.last and y.first <= x.last


def group_candidates(cands: list[Candidate]) -> list[list[Candidate]]:
    """Candidates of one meeting together: same leaders, overlapping dates, compatible places."""
    ordered = sorted(cands, key=lambda c: (c.inherited, c.date_span.start))
    groups: list[list[Candidate]] = []
    for c in ordered:
        for g in groups:
            if g[0].ids != c.ids:
                continue
            if c.inherited and all(x.section != c.section for x in g):
                continue
            if c.inherited and all(_dates_compatible(c, x) for x in g):
                g.append(c)  # an undated sentence of the item adds to the item's meeting
                break
            if all(_dates_compatible(c, x) and _places_compatible(c.place, x.place) for x in g):
                g.append(c)
                break
        else:
            if c.inherited and any(x.section == c.section and not x.inherited for g in groups for x in g):
                continue  # the item has its meeting; this sentence is about something else
            groups.append([c])
    return groups
