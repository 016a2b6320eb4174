"""Rosters: a heading that names a leader's meetings, then one list item per partner.

    Kishida's bilateral meetings at the G7 summit in Hiroshima, May 19-21, 2023:
    - Joe Biden (United States)
    - Volodymyr Zelensky (Ukraine), on May 21

The heading line ends with a colon and has a meeting word, a date and one leader (the
host of the meetings); each item that follows it names one other leader, of another
state. Each item is a meeting of the two, dated by the item's own date when it gives
one and by the heading's otherwise, placed where the heading says.
"""

from __future__ import annotations

from datetime import date

from .assemble import Candidate, best_place
from .context import Context, cues_in
from .resolve import Resolved, resolve_explicit
from .sections import SectionInfo
from .segment import Paragraph

_KINDS = ("name", "title")


def roster_candidates(ctx: Context, sections: list[SectionInfo], paragraphs: list[Paragraph]) -> list[Candidate]:
    out: list[Candidate] = []
    for i, head in enumerate(paragraphs):
        if not head.text.rstrip().endswith(":") or head.body_start != head.start:
            continue
        items = []
        for p in paragraphs[i + 1 :]:
            if p.kind == "blank":
                continue
            if p.body_start == p.start:  # no list marker: the list has ended
                break
            items.append(p)
        if len(items) < 2 or not head.sentences:
            continue
        out += _meetings_of(ctx, sections, head, items)
    return out


def _meetings_of(ctx: Context, sections: list[SectionInfo], head: Paragraph, items: list[Paragraph]) -> list[Candidate]:
    a, b = head.start, head.end
    meeting = cues_in(ctx, a, b, "meeting") or cues_in(ctx, a, b, "phone_call") or cues_in(ctx, a, b, "video_call")
    dates = [d for d in ctx.mentions.within("dates", a, b) if d.first and d.last]
    if not meeting or not dates:
        return []
    d = dates[0]
    assert d.first is not None and d.last is not None
    hosts = _leaders(ctx, a, b, d.first, d.last)
    if len(hosts) != 1:
        return []
    host = hosts[0]
    fmt = cues_in(ctx, a, b, "video_call") or cues_in(ctx, a, b, "phone_call")
    planned = cues_in(ctx, a, b, "planned")
    place = best_place(ctx, a, b)
    sec = next((s for s in sections if head in s.paragraphs), sections[0])
    out = []
    for item in items:
        # the item's own day: "…, on May 21" takes the heading's year
        own = [x if x.first else x.with_year(d.first.year) for x in ctx.mentions.within("dates", item.start, item.end)]
        own = [x for x in own if x.first and x.last]
        when = own[0] if own else d
        assert when.first is not None and when.last is not None
        partners = [
            r for r in _leaders(ctx, item.start, item.end, when.first, when.last) if r.leader.id != host.leader.id
        ]
        if len(partners) != 1 or partners[0].term.country == host.term.country or not item.sentences:
            continue
        people = [host, partners[0]]
        cand = Candidate(
            when.first, when.last, when.precision, "heading", when, people, sec.index, item.sentences[0],
            (item.start, item.end), False,
        )  # fmt: skip
        cand.meeting_cue = meeting[0]
        cand.format_cue = fmt[0] if fmt else None
        cand.status_cue = planned[0] if planned else None
        cand.place = place
        out.append(cand)
    return out


def _leaders(ctx: Context, a: int, b: int, first: date, last: date) -> list[Resolved]:
    out: list[Resolved] = []
    for m in ctx.mentions.within("leaders", a, b):
        if m.kind not in _KINDS:
            continue
        r = resolve_explicit(ctx.kb, m, first, last, ctx.mentions.named)
        if r and all(r.leader.id != o.leader.id for o in out):
            out.append(r)
    return out
