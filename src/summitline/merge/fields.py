"""One meeting's fields from its mentions: the value most sources support, the conflicts between sources, and
what each source adds (quotes, tone, photos, summaries), kept with the document it comes from."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from typing import Any

from ..kb import KnowledgeBase
from ..recognize.occasions import find_event
from .mentions import PRECISE, MentionRecord, MergedMeeting, date_interval, leaders_of, places_agree


def _place_level(p: dict[str, Any]) -> int:
    return 3 if p.get("venue") else 2 if p.get("city") else 1 if p.get("region") else 0


def _most_specific_place(cluster: list[MentionRecord]) -> dict[str, Any] | None:
    places = [m.meeting["place"] for m in cluster if m.meeting.get("place")]
    if not places:
        return None
    return max(places, key=lambda p: (_place_level(p), not p.get("inferred")))


def _documents(mentions: list[MentionRecord]) -> list[int]:
    return sorted({m.document_id for m in mentions})


def _merged_place(cluster: list[MentionRecord]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The place most documents state (a stated place before an inferred one), the most specific of its kind;
    and a conflict when documents state places that disagree (another country or another city)."""
    groups: list[list[MentionRecord]] = []
    for m in cluster:
        if m.meeting.get("place"):
            home = next((g for g in groups if places_agree(m, g)), None)
            if home is None:
                groups.append([m])
            else:
                home.append(m)
    if not groups:
        return None, None

    def stated(g: list[MentionRecord]) -> list[MentionRecord]:
        return [m for m in g if not m.meeting["place"].get("inferred")]

    def rank(g: list[MentionRecord]) -> tuple[int, int, int, str]:
        # on a tie, the most specific, then by name: never the order mentions came in
        top = _most_specific_place(g) or {}
        return (-len(_documents(stated(g))), -len(_documents(g)), -_place_level(top), str(top.get("name")))

    place = _most_specific_place(min(groups, key=rank))
    disputed = [g for g in groups if stated(g)]
    if len(disputed) < 2:
        return place, None
    values: dict[str, list[int]] = {}
    for g in disputed:
        label = (_most_specific_place(stated(g)) or {}).get("name") or "?"
        values.setdefault(label, []).extend(_documents(stated(g)))
    return place, {"field": "place", "values": {k: sorted(set(v)) for k, v in sorted(values.items())}}


def _tally(field_name: str, by_value: dict[str, set[int]], **extra: str) -> list[dict[str, Any]]:
    if len(by_value) < 2:
        return []
    return [{"field": field_name, **extra, "values": {v: sorted(d) for v, d in sorted(by_value.items())}}]


def _roster_conflicts(cluster: list[MentionRecord], participants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sources that name other leaders (some of them), and sources that give a leader another office."""
    rosters: dict[str, set[int]] = defaultdict(set)
    for m in cluster:
        rosters[", ".join(sorted(p["name"] for p in m.meeting["participants"]))].add(m.document_id)
    out = _tally("participants", rosters)
    for person in participants:
        who = person.get("id") or person["name"]
        offices: dict[str, set[int]] = defaultdict(set)
        for m in cluster:
            for p in m.meeting["participants"]:
                if (p.get("id") or p["name"]) == who and p.get("office"):
                    offices[p["office"]].add(m.document_id)
        out += _tally("office", offices, leader=who, name=person["name"])
    return out


def _tone_label(kb: KnowledgeBase | None, score: float, labels: list[str]) -> str:
    if kb is not None and kb.tone_labels:
        return next((lab for lab, low in kb.tone_labels if score >= low), "neutral")
    return Counter(labels).most_common(1)[0][0]


def _kept_with_sources(ordered: list[MentionRecord], kb: KnowledgeBase | None) -> dict[str, Any]:
    """Quotes, tone, photos and summaries of every source, each with the document it comes from; ``photo``
    and ``summary`` are those of the source the meeting's date comes from when it has them."""
    quotes: dict[tuple[str, str], dict[str, Any]] = {}
    tones: list[dict[str, Any]] = []
    photos: list[dict[str, Any]] = []
    summaries: list[dict[str, Any]] = []
    for m in ordered:
        d = m.document_id
        for q in m.meeting.get("quotes") or []:
            quotes.setdefault((q["text"], q["speaker"]), {**q, "document_id": d})
        if m.meeting.get("tone"):
            tones.append({**m.meeting["tone"], "document_id": d})
        photo = m.meeting.get("photo")
        if photo and not any((p["caption"], p["credit"]) == (photo["caption"], photo["credit"]) for p in photos):
            photos.append({**photo, "document_id": d})
        text = m.meeting.get("summary")
        if text and not any(s["text"] == text for s in summaries):
            summaries.append({"text": text, "document_id": d})
    tone = None
    if tones:
        score = round(sum(t["score"] for t in tones) / len(tones), 2)
        cues = sorted({c for t in tones for c in t.get("cues", [])})
        by_source = [{k: t[k] for k in ("document_id", "score", "label")} for t in tones]
        tone = {"score": score, "label": _tone_label(kb, score, [t["label"] for t in tones]), "cues": cues}
        tone["by_source"] = by_source
    return {
        "quotes": list(quotes.values()),
        "tone": tone,
        "photo": photos[0] if photos else None,
        "photos": photos,
        "summary": summaries[0]["text"] if summaries else None,
        "summaries": summaries,
    }


def merge_cluster(cluster: list[MentionRecord], kb: KnowledgeBase | None = None) -> MergedMeeting:
    """One meeting from its mentions: the value most sources support for each field, and the disagreements.
    The leaders are those of the mentions that name the most of them."""
    ordered = sorted(cluster, key=MentionRecord.sort_key)
    key = max({m.participants_key for m in ordered}, key=lambda k: (len(leaders_of(k)), k))
    core = next(m for m in ordered if m.participants_key == key)
    days = Counter(m.meeting["date"] for m in ordered if m.meeting["date_precision"] in PRECISE)
    conflicts = []
    date_value = core.meeting["date"]
    if len(days) > 1:
        # the value most sources state; on a tie, the one inside the gathering's dates
        date_value = sorted(days.items(), key=lambda kv: (-kv[1], not _in_gathering(kb, core, kv[0]), kv[0]))[0][0]
        conflicts += _tally("date", {v: {m.document_id for m in ordered if m.meeting["date"] == v} for v in days})
    chosen = next(m for m in ordered if m.meeting["date"] == date_value)
    named = next((m for m in ordered if m.participants_key == key and m.meeting["date"] == date_value), core)
    place, place_conflict = _merged_place(ordered)
    conflicts += [place_conflict] if place_conflict else []
    formats: dict[str, set[int]] = defaultdict(set)
    for m in ordered:
        formats[m.meeting["format"]].add(m.document_id)
    conflicts += _tally("format", formats)
    conflicts += _roster_conflicts(ordered, named.meeting["participants"])
    status = "held" if any(m.meeting["status"] == "held" for m in ordered) else "planned"
    # the occasion most documents state; on a tie, by name (never the order mentions came in)
    occasions = Counter(o for _, o in {(m.document_id, m.meeting.get("occasion")) for m in ordered} if o)
    occasion = min(occasions, key=lambda o: (-occasions[o], o)) if occasions else None
    fields = {
        "date": date_value,
        "date_precision": chosen.meeting["date_precision"],
        "participants": named.meeting["participants"],
        "place": place,
        "format": sorted(formats.items(), key=lambda kv: (-len(kv[1]), kv[0]))[0][0],
        "status": status,
        "occasion": occasion,
        "topics": sorted({t for m in ordered for t in m.meeting.get("topics", [])}),
        **_kept_with_sources([chosen, *(m for m in ordered if m is not chosen)], kb),
    }
    city = (place or {}).get("city") or (place or {}).get("name") or ""
    return MergedMeeting(content_id(key, date_value, city), key, ordered, fields, conflicts)


def content_id(key: str, date_value: str, city: str) -> str:
    """``m`` and ten hex digits of the leaders, the date and the city: the id a new meeting is given."""
    return "m" + hashlib.sha1(f"{key}|{date_value}|{city}".encode()).hexdigest()[:10]


def _in_gathering(kb: KnowledgeBase | None, core: MentionRecord, value: str) -> bool:
    occasion = core.meeting.get("occasion")
    series = next((s.id for s in kb.gatherings.values() if s.name == occasion), None) if kb and occasion else None
    if series is None or kb is None:
        return False
    first, last = date_interval(value)
    event = find_event(kb, series, first, last, core.country)
    return bool(event and event.start <= first <= event.end)
