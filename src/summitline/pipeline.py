"""The extraction pipeline: source -> Document -> cleaned text -> mentions -> meetings.

Each stage is a pure function over records; ``extract_document`` needs no I/O
and returns the same result for the same document and knowledge base.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .assemble import Candidate, Context, Mentions, find_candidates, group_candidates
from .bilaterals import split_bilaterals, split_by_clause
from .build import build_meeting
from .clean import clean_document, is_credit_line
from .config import Settings, settings_from_env
from .enrich import photo_of, quotes_in, recognize_tone_cues, recognize_topics, tone_of, topics_in
from .errors import DocumentTooLargeError, InputError
from .factbox import inside_records, record_candidates
from .frames import frames_in
from .kb import KnowledgeBase, Leader, load_kb
from .read import read_bytes, read_source
from .recognize import (
    DateMention,
    recognize_cues,
    recognize_dates,
    recognize_leaders,
    recognize_occasions,
    recognize_places,
)
from .recognize.leaders import leader_lexicon
from .recognize.open_leaders import merge_surnames, open_leaders
from .records import Caption, Document, Evidence, Extraction, FrameReport, Meeting
from .roster import roster_candidates
from .sections import SectionInfo, build_sections, publication_dates, wire_dateline
from .segment import split_paragraphs

if TYPE_CHECKING:  # httpx is imported only when a URL is fetched
    import httpx


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _pair(mentions: Mentions, kb: KnowledgeBase) -> tuple[str, str] | None:
    """The two leaders a document is about, when two leaders take most of its name mentions. Leaders who
    never held office at the same time as the most named one (a historic aside: "as de Gaulle and Adenauer
    did in 1963") are not counted against the pair."""
    counts = Counter(m.ids[0] for m in mentions.leaders if m.kind == "name" and len(m.ids) == 1)
    if counts:
        first = kb.leaders.get(counts.most_common(1)[0][0])
        if first is not None:
            counts = Counter({lid: n for lid, n in counts.items() if _contemporaries(first, kb.leaders.get(lid))})
    top = counts.most_common(2)
    total = sum(counts.values())
    if len(top) < 2 or top[1][1] < 3 or (top[0][1] + top[1][1]) < 0.6 * total:
        return None
    return top[0][0], top[1][0]


def _contemporaries(a: Leader, b: Leader | None) -> bool:
    if b is None or a is b:
        return True
    return any(s.overlaps(t.start, t.end or date.max) for s in a.terms for t in b.terms)


def _protagonist(mentions: Mentions) -> str | None:
    """The leader the document is about: named clearly more often than any other."""
    counts = Counter(m.ids[0] for m in mentions.leaders if m.kind == "name" and len(m.ids) == 1)
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] * 1.5 > top[0][1]):
        return None
    return top[0][0]


def recognize_all(text: str, kb: KnowledgeBase, published: date | None) -> Mentions:
    leaders = recognize_leaders(text, kb)
    taken = [
        (m.title_start if m.title_start is not None else m.start, m.words_end or m.end)
        for m in leaders
        if m.kind in ("name", "title", "counterpart") or m.count  # "the Normandy four" is no place
    ]
    mentions = Mentions(
        dates=recognize_dates(text, published),
        leaders=leaders,
        places=sorted(recognize_places(text, kb, exclude=taken), key=lambda p: p.start),
        occasions=recognize_occasions(text, kb),
        cues=recognize_cues(text, kb),
        topics=recognize_topics(text, kb),
        tone=recognize_tone_cues(text, kb),
    )
    mentions.named = {m.ids[0] for m in leaders if m.kind == "name" and len(m.ids) == 1 and " " in m.text}
    return mentions


def _story_date(d: DateMention | None, published: date | None) -> DateMention | None:
    """A wire dateline's date, its year taken from the publication date when it states none."""
    if d is None or d.first is not None:
        return d
    if published is None:
        return None
    resolved = d.with_year(published.year)
    if resolved.first and resolved.first > published:
        resolved = d.with_year(published.year - 1)
    return resolved if resolved.first else None


def with_open_leaders(kb: KnowledgeBase, mentions: Mentions) -> KnowledgeBase:
    """The knowledge base plus the document's ``title_open`` leaders; the same indexes, built from the
    knowledge base alone (an open leader is found by its mentions, never by a later lookup)."""
    people = open_leaders(mentions.leaders, kb)
    if not people:
        return kb
    mentions.leaders = merge_surnames(mentions.leaders, people)
    return dataclasses.replace(kb, leaders={**kb.leaders, **people}, derived=kb.derived, open_leaders=people)


def _enrich(
    meeting: Meeting, ctx: Context, group: list[Candidate], sections: list[SectionInfo], captions: list[Caption]
) -> Meeting:
    secs = {c.section for c in group}
    dated = [s for s in sections if s.index in secs and s.lead]
    spans = sorted(
        {(s.start, s.end) for c in group for s in [c.sentence]}
        | {(s.start, s.end) for sec in dated for s in sec.sentences}
    )
    paragraphs = sorted(
        {(p.start, p.end) for sec in dated for p in sec.paragraphs if p.kind != "credit"}
        | {(c.sentence.start, c.sentence.end) for c in group}
    )
    topics, ev_topics = topics_in(ctx.mentions.topics, spans)
    surnames = leader_lexicon(ctx.kb).surnames
    quotes, ev_quotes = quotes_in(ctx.text, paragraphs, surnames)
    # the rest of the paragraph that tells the meeting, when it names no other leader: a quote there is the
    # meeting's when one of its own leaders says it ("A met B in Hiroshima on Thursday. 'Japan is a great
    # friend,' A said.")
    ids = {p.id for p in meeting.participants}
    own = {
        (p.start, p.end)
        for sec in sections
        if sec.index in secs
        for p in sec.paragraphs
        if p.kind != "credit"
        and any(p.start <= c.sentence.start < p.end for c in group)
        and ('"' in p.text or "“" in p.text)
        and all(
            set(m.ids) & ids or m.kind not in ("name", "title") or not m.ids
            for m in ctx.mentions.within("leaders", p.start, p.end)
        )
    }
    leaders = {w for p in meeting.participants for w in p.name.split()}
    told = {q.text for q in quotes}
    for q, ev in zip(*quotes_in(ctx.text, sorted(own - set(paragraphs)), surnames), strict=True):
        if q.speaker.split()[-1] in leaders and q.text not in told:
            quotes.append(q)
            ev_quotes.append(ev)
            told.add(q.text)
    tone, ev_tone = tone_of(ctx.mentions.tone, spans, ctx.kb)
    photo, ev_photo = None, list[Evidence]()
    if dated:
        photo, ev_photo = photo_of(dated[0].paragraphs, ctx.text)
    first = min(group, key=lambda c: c.date_span.start).sentence
    if photo is None:
        photo, ev_photo = _caption_with_credit(ctx.text, first.start)
    if photo is None:
        photo, ev_photo = _figure_caption(ctx.text, captions, first.start)
    return dataclasses.replace(
        meeting,
        topics=topics,
        quotes=quotes,
        tone=tone,
        photo=photo,
        evidence=meeting.evidence + ev_topics + ev_quotes + ev_tone + ev_photo,
    )


def _figure_caption(text: str, captions: list[Caption], pos: int) -> tuple[Caption | None, list[Evidence]]:
    """An HTML page's <figcaption> that states the meeting: the photo is that figure's."""
    for c in captions:
        if not c.caption:
            continue
        start = text.find(c.caption)
        while start != -1:
            if start <= pos < start + len(c.caption):
                return c, [Evidence("photo.caption", start, start + len(c.caption), c.caption)]
            start = text.find(c.caption, start + 1)
    return None, []


def _caption_with_credit(text: str, pos: int) -> tuple[Caption | None, list[Evidence]]:
    """A paragraph followed by a photo-credit line is a caption ("… June 16, 2021." / "Reuters/D. Balibouse")."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    if end == -1:
        return None, []
    nxt_end = text.find("\n", end + 1)
    nxt_end = len(text) if nxt_end == -1 else nxt_end
    credit = text[end + 1 : nxt_end]
    if not credit.strip() or not is_credit_line(credit):
        return None, []
    return Caption(text[start:end], credit.strip()), [
        Evidence("photo.caption", start, end, text[start:end]),
        Evidence("photo.credit", end + 1, nxt_end, credit),
    ]


def extract_document(
    doc: Document, kb: KnowledgeBase, published: str | None = None, explain: bool = False
) -> Extraction:
    """Meetings reported by one document (read but not yet cleaned); with ``explain``, also every meeting
    frame of the text, with its status and the meeting it became (``Extraction.frames``)."""
    doc = clean_document(doc)
    if published:
        doc = dataclasses.replace(doc, published=published, published_source="given")
    text = doc.text
    pub = given = parse_published(doc.published)
    paragraphs = split_paragraphs(text, leader_lexicon(kb).name_words)
    mentions = recognize_all(text, kb, pub)
    datelines = publication_dates(paragraphs, mentions.dates, text)
    wire = _story_date(wire_dateline(paragraphs, mentions.dates, text), pub)
    if pub is None and (wire or datelines):
        pub = wire.first if wire else datelines[0].first
        doc = dataclasses.replace(doc, published=pub.isoformat() if pub else None, published_source="dateline")
    if wire and wire.first != pub:  # a wire story's "today" is its dateline's day, not the day it was printed
        pub = wire.first
    if pub != given or (datelines and doc.published_source == "dateline"):  # "today" is the day found
        mentions.dates = recognize_dates(text, pub)
    mentions.excluded_dates = {d.start for d in datelines} | ({wire.start} if wire else set())
    heading_names = {
        p.index: [m for m in mentions.within("leaders", p.start, p.end) if m.kind == "name"]
        for p in paragraphs
        if p.kind == "heading"
    }
    leads = [d for d in mentions.dates if d.start not in mentions.excluded_dates]
    sections = build_sections(paragraphs, leads, heading_names, text)
    ctx = Context(with_open_leaders(kb, mentions), text, mentions, pub, _protagonist(mentions), _pair(mentions, kb))
    records = inside_records(ctx, paragraphs)
    found = [c for c in find_candidates(ctx, sections) if not any(a <= c.sentence.start < b for a, b in records)]
    found += record_candidates(ctx, sections, paragraphs)
    found += roster_candidates(ctx, sections, paragraphs)
    found = [one for c in found for one in split_by_clause(ctx, c)]
    groups = group_candidates([one for c in found for one in split_bilaterals(ctx, c)])
    meetings = [_enrich(build_meeting(ctx, g, sections), ctx, g, sections, doc.captions) for g in groups]
    meetings.sort(key=lambda m: (m.date, [p.name for p in m.participants]))
    frames = frame_reports(ctx, sections, meetings) if explain else []
    return Extraction(document=doc, meetings=meetings, frames=frames)


def frame_reports(ctx: Context, sections: list[SectionInfo], meetings: list[Meeting]) -> list[FrameReport]:
    """Every meeting frame of the text, for ``--explain``: what each meeting word was read as, and why."""
    cited: dict[tuple[int, int], str] = {}
    for m in meetings:
        label = f"{m.date}: {', '.join(p.name for p in m.participants)}"
        for ev in m.evidence:
            if ev.field in ("format", "status", "summary"):
                cited.setdefault((ev.start, ev.end), label)
    out = []
    for sec in sections:
        for s in sec.sentences:
            for f in frames_in(ctx, s):
                meeting = cited.get((f.predicate.start, f.predicate.end)) or next(
                    (v for (a, b), v in cited.items() if a <= f.predicate.start < b and f.makes_meeting), None
                )
                out.append(
                    FrameReport(
                        sentence=s.text,
                        predicate=f.predicate.text,
                        start=f.predicate.start,
                        end=f.predicate.end,
                        format=f.format,
                        status=f.status,
                        reason=f.reason,
                        arguments=tuple(m.text for m in f.arguments),
                        meeting=meeting if f.makes_meeting else None,
                    )
                )
    return out


def extract(
    source: Path | str | bytes,
    *,
    settings: Settings | None = None,
    kb: KnowledgeBase | None = None,
    transport: httpx.BaseTransport | None = None,
    explain: bool = False,
) -> Extraction:
    """Read one document (a path, an http(s) URL, the text itself, or its bytes) and return its meetings;
    with ``explain``, the meeting frames behind them too.

    Raises :class:`~summitline.errors.InputError` or :class:`~summitline.errors.FetchError`
    when the document cannot be read; a document without meetings is a result.
    """
    settings = settings or settings_from_env()
    if isinstance(source, bytes):
        if len(source) > settings.max_bytes:
            raise DocumentTooLargeError(
                f"stdin: {len(source)} bytes is over the limit of {settings.max_bytes} bytes; raise it with --max-bytes"
            )
        doc = read_bytes(source, label="stdin")
    else:
        doc = read_source(source, settings, transport)
    if not doc.text.strip():
        raise InputError(f"{doc.path or doc.url or 'text'}: no readable text was found in the document")
    return extract_document(doc, kb or load_kb(settings.kb_dir), published=settings.published, explain=explain)
