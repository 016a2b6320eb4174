"""Labelled blocks: a factbox or record of one meeting, one field a line.

    Participants: Lula; Olaf Scholz; Pedro Sánchez
    Format: video summit
    Date: 14 May 2023
    Place: —

Three or more consecutive lines of ``Label: value`` whose labels include a date
label make one record (the labels are data: ``cues.yaml``, ``record_*``). Its
date is the date line's, its leaders those of its other lines (the place line
aside), its place the place line's, its format and status the cues of its lines.
A record is its own scope: no leader of the text around it joins it.
"""

from __future__ import annotations

import re

from .assemble import Candidate
from .context import Context, cues_in
from .resolve import Resolved, resolve_explicit
from .sections import SectionInfo
from .segment import Paragraph

_FIELD = re.compile(r"^\s*[-•*]?\s*([A-Z][A-Za-z ]{1,24}):\s+\S")


def _label(p: Paragraph) -> str | None:
    m = _FIELD.match(p.text) if ":" in p.text else None  # (most lines have no colon: no pattern for them)
    return m.group(1).strip().lower() if m else None


def record_blocks(paragraphs: list[Paragraph], labels: dict[str, list[str]]) -> list[list[Paragraph]]:
    """Runs of three or more consecutive labelled lines, one of them a date."""
    runs: list[list[Paragraph]] = []
    current: list[Paragraph] = []
    for p in [*paragraphs, None]:
        if (
            p is not None
            and p.kind != "blank"
            and _label(p) is not None
            and (not current or p.block == current[-1].block)
        ):
            current.append(p)
            continue
        if len(current) >= 3 and any(_label(x) in labels.get("record_date", []) for x in current):
            runs.append(current)
        current = [p] if p is not None and p.kind != "blank" and _label(p) is not None else []
    return runs


def record_candidates(ctx: Context, sections: list[SectionInfo], paragraphs: list[Paragraph]) -> list[Candidate]:
    cues = ctx.kb.cues
    out = []
    for run in record_blocks(paragraphs, cues):
        date_line = next(p for p in run if _label(p) in cues.get("record_date", []))
        dates = [d for d in ctx.mentions.within("dates", date_line.start, date_line.end) if d.first and d.last]
        if not dates:
            continue
        d = dates[0]
        assert d.first is not None and d.last is not None
        place_lines = [p for p in run if _label(p) in cues.get("record_place", [])]
        people: list[Resolved] = []
        for p in run:
            if p in place_lines or p is date_line:
                continue
            for m in ctx.mentions.within("leaders", p.start, p.end):
                r = resolve_explicit(ctx.kb, m, d.first, d.last, ctx.mentions.named)
                if r and all(r.leader.id != o.leader.id for o in people):
                    people.append(r)
        if len(people) < 2 or len({r.term.country for r in people}) < 2:
            continue
        a, b = run[0].start, run[-1].end
        sec = next((s for s in sections if any(p in s.paragraphs for p in run)), sections[0])
        sentence = date_line.sentences[0] if date_line.sentences else run[0].sentences[0]
        cand = Candidate(d.first, d.last, d.precision, "heading", d, people, sec.index, sentence, (a, b), False)
        fmt = cues_in(ctx, a, b, "video_call") or cues_in(ctx, a, b, "phone_call")
        cand.format_cue = fmt[0] if fmt else None
        planned = cues_in(ctx, a, b, "planned")
        cand.status_cue = planned[0] if planned else None
        places = [m for p in place_lines for m in ctx.mentions.within("places", p.start, p.end)]
        cand.place = max(places, key=lambda m: m.rank) if places else None
        out.append(cand)
    return out


def inside_records(ctx: Context, paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """The spans of the records: the scopes no other candidate may take leaders from."""
    return [(run[0].start, run[-1].end) for run in record_blocks(paragraphs, ctx.kb.cues)]
