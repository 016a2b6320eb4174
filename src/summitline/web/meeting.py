"""One meeting as its page reads it: every merged value with the sources that state it, each source's
evidence highlighted in its own text, and the findings with the record behind them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..kb import KnowledgeBase
from ..store.database import Database
from ..store.documents import stored_texts
from ..store.queries import reference_records, show
from .chronology import card, date_label

#: characters of text shown around a cluster of evidence spans
CONTEXT = 160
#: evidence spans nearer than this are shown in one passage
GAP = 320
#: evidence fields that cover a whole sentence or caption: shown underlined, not marked
WIDE_FIELDS = ("summary", "photo.caption")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a document's text, with the evidence fields that cover it (none: plain context)."""

    text: str
    fields: tuple[str, ...]

    @property
    def marked(self) -> bool:
        return any(f not in WIDE_FIELDS for f in self.fields)

    @property
    def wide(self) -> bool:
        return bool(self.fields) and not self.marked


def meeting_view(db: Database, kb: KnowledgeBase, meeting_id: str) -> dict[str, Any]:
    """Everything the meeting page shows. A merged-away id shows the meeting it went into (``merged_from``)."""
    item = show(db, meeting_id)
    texts = stored_texts(db, [m["document_id"] for m in item["mentions"]])
    records = reference_records(db, [f["record"] for f in item.get("findings", []) if f.get("record")])
    view = card(item, kb)
    view["merged_from"] = item.get("merged_from")
    view["aliases"] = item.get("aliases", [])
    view["conflicts"] = item.get("conflicts", [])
    view["quotes"] = item.get("quotes") or []
    view["photos"] = item.get("photos") or []
    view["summaries"] = item.get("summaries") or []
    view["fields"] = field_sources(item)
    view["findings"] = [{**f, "reference": records.get(f.get("record") or "")} for f in item.get("findings", [])]
    view["mentions"] = [
        {
            **m,
            "date_label": date_label(m["date"]),
            "passages": passages(texts.get(m["document_id"]) or "", m["evidence"]),
            # a crawl's document may be stored without its text (ingest --store-text none): say so
            "text_kept": texts.get(m["document_id"]) is not None,
        }
        for m in item["mentions"]
    ]
    return view


def field_sources(item: dict[str, Any]) -> list[dict[str, Any]]:
    """Per field (date, place, format, participants), each value the sources state and which sources."""
    rows = []
    for name, value_of in (
        ("date", lambda m: m["date"]),
        ("place", lambda m: (m.get("place") or {}).get("name")),
        ("format", lambda m: m["format"]),
        ("participants", lambda m: ", ".join(m["participants"])),
    ):
        values: dict[str, list[dict[str, Any]]] = {}
        for m in item["mentions"]:
            value = value_of(m)
            if value:
                values.setdefault(str(value), []).append(_source_ref(m))
        rows.append({"field": name, "values": [{"value": v, "sources": s} for v, s in values.items()]})
    return rows


def _source_ref(mention: dict[str, Any]) -> dict[str, Any]:
    return {
        "document_id": mention["document_id"],
        "label": mention.get("title")
        or mention.get("url")
        or mention.get("path")
        or f"document {mention['document_id']}",
    }


def passages(text: str, evidence: list[dict[str, Any]]) -> list[list[Segment]]:
    """The evidence spans of one source in their context: nearby spans in one passage, each passage a list
    of segments, each segment with the fields that cover it. Spans outside the text are left out."""
    spans = sorted(
        (e["start"], e["end"], e["field"]) for e in evidence if 0 <= e["start"] < e["end"] <= len(text) and text
    )
    if not spans:
        return []
    clusters: list[list[tuple[int, int, str]]] = [[spans[0]]]
    for span in spans[1:]:
        if span[0] - max(s[1] for s in clusters[-1]) <= GAP:
            clusters[-1].append(span)
        else:
            clusters.append([span])
    return [_segments(text, cluster) for cluster in clusters]


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    start = _word_start(text, max(0, min(s[0] for s in spans) - CONTEXT))
    end = _word_end(text, min(len(text), max(s[1] for s in spans) + CONTEXT))
    cuts = sorted({start, end, *(max(start, s[0]) for s in spans), *(min(end, s[1]) for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        fields = tuple(sorted({f for s, e, f in spans if s <= a and b <= e}))
        out.append(Segment(text[a:b], fields))
    if start > 0:
        out.insert(0, Segment("…", ()))
    if end < len(text):
        out.append(Segment("…", ()))
    return out


def _word_start(text: str, i: int) -> int:
    while 0 < i < len(text) and not text[i - 1].isspace():
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    while 0 < i < len(text) and not text[i].isspace():
        i += 1
    return i
