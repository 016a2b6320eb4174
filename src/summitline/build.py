"""Meetings from groups of candidates: each field takes the most specific stated value, with its evidence."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from .assemble import Candidate, Context, is_dateline
from .kb import KnowledgeBase
from .recognize import PlaceMention
from .recognize.occasions import find_event
from .records import Evidence, Meeting, Participant, Place
from .sections import SectionInfo
from .story import sentence_at


def _ev(ctx: Context, field: str, start: int, end: int) -> Evidence:
    return Evidence(field, start, end, ctx.text[start:end])


def iso_of(first: date, last: date, precision: str) -> str:
    if precision == "year":
        return f"{first.year:04d}"
    if precision == "month":
        return f"{first.year:04d}-{first.month:02d}"
    if precision == "day":
        return first.isoformat()
    return f"{first.isoformat()}/{last.isoformat()}"


_WIDTH = {"day": 0, "span": 1, "month": 2, "year": 3}


def choose_date(group: list[Candidate]) -> Candidate:
    """The most specific date stated; on a tie, the first stated in the main text."""
    return min(group, key=lambda c: (_WIDTH[c.precision], (c.last - c.first).days, c.inherited, c.date_span.start))


def place_record(kb: KnowledgeBase, m: PlaceMention) -> Place:
    e = m.entry
    city = e.city if e.level in ("venue", "city") else None
    if e.level == "venue":
        name = f"{e.name}, {city}" if city and city not in e.name else e.name
    else:
        # "Hanover" as written, "Hannover" as the city; a dateline's capitals ("PEKING") as the city's name
        name = m.text if e.level == "city" and not m.text.isupper() else e.name
    return Place(
        name=name,
        country=e.country,
        venue=e.name if e.level == "venue" else None,
        city=city,
        region=e.region,
        lat=e.lat,
        lon=e.lon,
    )


def section_places(ctx: Context, group: list[Candidate], sections: list[SectionInfo]) -> list[PlaceMention]:
    """Places a dated item states in its heading sentence or in a sentence naming one of the leaders."""
    ids = group[0].ids
    wanted = {c.section for c in group}
    secs = [s for s in sections if s.lead and s.index in wanted]
    found = []
    for sec in secs:
        for sent in sec.sentences:
            names = ctx.mentions.within("leaders", sent.start, sent.end)
            titled = sec.title is not None and sec.title.start <= sent.start < sec.title.end
            if sent is sec.lead_sentence or titled or any(set(m.ids) & ids for m in names):
                found += [
                    p for p in ctx.mentions.within("places", sent.start, sent.end) if p.locative or p.entry.curated
                ]
    return found


def choose_place(
    ctx: Context, group: list[Candidate], sections: list[SectionInfo]
) -> tuple[Place | None, list[Evidence]]:
    """The most specific place the meeting's own sentences state, refined by its item's other sentences."""
    placed = [c for c in group if c.place]
    own = [c for c in placed if not c.inherited] or placed
    m = max(own, key=lambda c: (c.place.rank, -c.date_span.start)).place if own else None  # type: ignore[union-attr]
    calls = min(group, key=lambda c: (c.inherited, c.date_span.start)).format_cue is not None
    extra = [] if calls else section_places(ctx, group, sections)
    if m is None and extra:
        m = max(extra, key=lambda p: (p.locative, p.rank, -p.start))
    elif m is not None and m.entry.level == "country":
        finer = [p for p in extra if p.entry.country == m.entry.country and p.rank > m.rank]
        m = max(finer, key=lambda p: p.rank) if finer else m
    if m is None:
        story = _story_place(ctx, group, sections)
        return story if story[0] is not None else _dateline_place(ctx, group)
    return place_record(ctx.kb, m), [_ev(ctx, "place", m.start, m.end)]


def _dateline_place(ctx: Context, group: list[Candidate]) -> tuple[Place | None, list[Evidence]]:
    """ "PEKING, Feb. 21 — President Nixon met Chairman Mao this afternoon": a meeting on the day a wire
    story was filed, with no place of its own, took place in the dateline's city (inferred)."""
    day = ctx.published
    if day is None or any(c.first != day or c.last != day for c in group):
        return None, []
    # a headline that puts the day's event somewhere ("Second day of the NATO summit in Vilnius") says where
    # it is better than the city a story was filed from
    first_line = ctx.text.find("\n")
    if 0 < first_line <= 200 and not re.search(r"[.!?][\"”’]?\s*$", ctx.text[:first_line]):
        for p in ctx.mentions.within("places", 0, first_line):
            if p.locative and p.entry.level in ("city", "venue", "region") and not is_dateline(ctx, p):
                return dataclasses.replace(place_record(ctx.kb, p), inferred=True), [_ev(ctx, "place", p.start, p.end)]
    for p in ctx.mentions.within("places", 0, min(len(ctx.text), 400)):
        if is_dateline(ctx, p) and p.entry.level in ("city", "venue"):
            return dataclasses.replace(place_record(ctx.kb, p), inferred=True), [_ev(ctx, "place", p.start, p.end)]
    return None, []


def _story_place(
    ctx: Context, group: list[Candidate], sections: list[SectionInfo]
) -> tuple[Place | None, list[Evidence]]:
    """A meeting that states no place and takes its day from an earlier sentence of the story ("He also met
    X") took place where that sentence puts the story, when it names a place: inferred."""
    for c in sorted(group, key=lambda c: c.date_span.start):
        d = c.date_span
        if c.sentence.start <= d.start < c.sentence.end:
            continue
        sec = next((x for x in sections if x.index == c.section), None)
        source = sentence_at(ctx, sec, d.start) if sec is not None else None
        if source is None:
            continue
        places = [p for p in ctx.mentions.within("places", source.start, source.end) if p.locative and p.rank >= 3]
        if places:
            p = max(places, key=lambda p: (p.rank, -p.start))
            return dataclasses.replace(place_record(ctx.kb, p), inferred=True), [_ev(ctx, "place", p.start, p.end)]
    return None, []


def infer_from_occasion(
    ctx: Context, group: list[Candidate], place: Place | None, first: date, last: date
) -> tuple[str | None, Place | None, list[Evidence]]:
    """The gathering named, and the host city it implies when the text names only the country."""
    occ = next((c.occasion for c in group if c.occasion), None)
    if occ is None:
        return None, place, []
    evidence = [_ev(ctx, "occasion", occ.start, occ.end)]
    event = find_event(ctx.kb, occ.series, first, last, place.country if place else None)
    if event and event.city and (place is None or place.city is None and place.venue is None and place.region is None):
        if place is None or place.country == event.country:
            geo = ctx.kb.countries.get(event.country)
            inferred = Place(
                name=event.city,
                country=event.country,
                city=event.city,
                region=event.region,
                lat=geo.lat if geo else None,
                lon=geo.lon if geo else None,
                inferred=True,
            )
            from .recognize.places import gazetteer

            hit = gazetteer(ctx.kb).index.get(tuple(event.city.split()))
            if hit:
                inferred = Place(
                    name=event.city,
                    country=event.country,
                    city=event.city,
                    region=event.region,
                    lat=hit[0].lat,
                    lon=hit[0].lon,
                    inferred=True,
                )
            place = inferred
            evidence.append(_ev(ctx, "place", occ.start, occ.end))
    return occ.name, place, evidence


def participants_of(ctx: Context, group: list[Candidate]) -> tuple[list[Participant], list[Evidence]]:
    best = min(group, key=lambda c: (c.inherited, c.date_span.start))
    people, evidence = [], []
    for r in best.participants:
        how = r.how
        if r.leader.origin == "title_open":
            how = "title_open"
        people.append(
            Participant(
                name=r.leader.name,
                country=r.term.country,
                office=r.term.office,
                id=r.leader.id,
                mention=r.mention.text,
                resolved_by=how,
                stated_title=r.mention.title,
            )
        )
        evidence.append(_ev(ctx, "participants", r.mention.start, r.mention.end))
        if r.mention.title:
            start = ctx.text.rfind(r.mention.title, max(0, r.mention.start - 80), r.mention.start)
            if start != -1:
                evidence.append(_ev(ctx, "participants.title", start, start + len(r.mention.title)))
    return people, evidence


def build_meeting(ctx: Context, group: list[Candidate], sections: list[SectionInfo]) -> Meeting:
    dated = choose_date(group)
    first, last, precision = dated.first, dated.last, dated.precision
    evidence = [_ev(ctx, "date", dated.date_span.start, dated.date_span.end)]
    people, ev = participants_of(ctx, group)
    evidence += ev
    place, ev = choose_place(ctx, group, sections)
    evidence += ev
    occasion, place, ev = infer_from_occasion(ctx, group, place, first, last)
    evidence += ev
    main = min(group, key=lambda c: (c.inherited, c.date_span.start))
    fmt = "in_person"
    if main.format_cue:
        fmt = main.format_cue.kind
        evidence.append(_ev(ctx, "format", main.format_cue.start, main.format_cue.end))
    elif main.meeting_cue:
        evidence.append(_ev(ctx, "format", main.meeting_cue.start, main.meeting_cue.end))
    else:  # "DATE: A and B at PLACE": the caption that shows them together
        evidence.append(_ev(ctx, "format", main.sentence.start, main.sentence.end))
    status = "held"
    planned = next((c.status_cue for c in group if c.status_cue), None)
    if planned is not None:
        status = "planned"
        evidence.append(_ev(ctx, "status", planned.start, planned.end))
    elif ctx.published and first > ctx.published:
        status = "planned"
        evidence.append(_ev(ctx, "status", dated.date_span.start, dated.date_span.end))
    evidence.append(_ev(ctx, "summary", main.sentence.start, main.sentence.end))
    return Meeting(
        date=iso_of(first, last, precision),
        date_precision=precision,  # type: ignore[arg-type]
        date_source=dated.date_source,  # type: ignore[arg-type]
        participants=people,
        place=place,
        format=fmt,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        occasion=occasion,
        summary=main.sentence.text,
        evidence=evidence,
    )
