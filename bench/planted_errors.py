#!/usr/bin/env python3
"""Planted errors: how many wrong dates and places `check` catches against the travel records.

    python bench/planted_errors.py [--json] [--limit N]

For the founding article and each article of ``../shared/corpus/dev``: ingest it alone into a library that
holds the reference records, run ``check``, and take every meeting with a U.S. president that a record
supports. For each, make two variants of the article: its date moved two months later (two years where only
a year is stated), and its place replaced by a city more than 1,000 km away; ingest each variant alone and
run ``check`` again. A variant is caught when its meeting is contradicted by a finding that names a record.
Also counts the contradictions ``check`` finds in the unaltered articles (the founding article has two real
errors: the Hamburg date and a "former" title), and reports the confidence of the contradictions on both
sides: for each caught variant the surest finding that contradicts it, and every contradiction in the
unaltered articles.
"""

from __future__ import annotations

import argparse
import calendar
import json
import math
import re
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# far-away cities to plant, each with its coordinates (the first more than 1,000 km from the real place is used)
CITIES = [("Reykjavik", 64.15, -21.94), ("Nairobi", -1.29, 36.82), ("Lima", -12.05, -77.04), ("Jakarta", -6.21, 106.85)]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def shifted(first: date, last: date, precision: str, sign: int = 1) -> tuple[str, str]:
    """The date two months later (``sign`` -1: earlier; two years for a year), written out, and as ISO."""
    if precision == "year":
        return str(first.year + 2 * sign), str(first.year + 2 * sign)
    month, year = first.month + 2 * sign, first.year
    if month > 12:
        month, year = month - 12, year + 1
    if month < 1:
        month, year = month + 12, year - 1
    name = calendar.month_name[month]
    if precision == "month":
        return f"{name} {year}", f"{year}-{month:02d}"
    day = min(first.day, calendar.monthrange(year, month)[1])
    if precision == "span" and last != first:
        end = min(day + (last - first).days, calendar.monthrange(year, month)[1])
        return f"{name} {day}-{end}, {year}", f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{end:02d}"
    return f"{name} {day}, {year}", f"{year}-{month:02d}-{day:02d}"


def library_with_records(folder: Path, kb: Any) -> Path:
    from summitline.check import import_records
    from summitline.store import open_database

    path = folder / "records.db"
    db = open_database(str(path))
    import_records(db, SHARED / "reference", kb)
    db.close()
    return path


def checked(template: Path, folder: Path, text: str, published: str | None, kb: Any) -> list[dict[str, Any]]:
    """Ingest ``text`` alone into a copy of the template library; each meeting with its findings."""
    from summitline.check import check_meetings
    from summitline.check.model import load_meetings
    from summitline.config import Settings
    from summitline.ingest import ingest
    from summitline.store import open_database

    path = folder / f"variant-{abs(hash(text))}.db"
    shutil.copy(template, path)
    doc = folder / f"doc-{abs(hash(text))}.txt"
    doc.write_text(text, encoding="utf-8")
    db = open_database(str(path))
    try:
        ingest(db, [str(doc)], kb, Settings(published=published))
        findings = check_meetings(db, kb)
        out = []
        for m in load_meetings(db, None):
            mine = [f for f in findings if f.meeting_id == m.id]
            out.append({"ids": sorted(m.leader_ids(kb)), "data": m.data, "findings": mine})
        return out
    finally:
        db.close()
        path.unlink(missing_ok=True)
        doc.unlink(missing_ok=True)


def documents() -> list[tuple[str, Path, str | None]]:
    docs: list[tuple[str, Path, str | None]] = [("seed", SHARED / "seeds/000_a39ee73e12a900c8.txt", None)]
    for gold in sorted((SHARED / "corpus/dev").glob("*.gold.json")):
        source = json.loads(gold.read_text()).get("source") or {}
        published = source.get("published")
        published = published if published and len(published) == 10 else None
        docs.append(
            (gold.name.removesuffix(".gold.json"), gold.with_name(gold.name.replace(".gold.json", ".txt")), published)
        )
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="stop after this many documents (0: all)")
    args = parser.parse_args()
    if not (SHARED / "reference").is_dir():
        print(f"{SHARED}/reference is missing", file=sys.stderr)
        return 1
    from summitline import Settings, extract
    from summitline.kb import load_kb

    kb = load_kb()
    results: dict[str, Any] = {
        "variants": 0,
        "caught": 0,
        "rejected": 0,
        "by_kind": {},
        "missed": [],
        "false_contradictions": [],
        "confidence_planted": [],
        "confidence_unaltered": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = library_with_records(folder, kb)
        docs = documents()[: args.limit or None]
        for name, path, published in docs:
            raw = path.read_text(encoding="utf-8")
            extraction = extract(raw, settings=Settings(published=published), kb=kb)
            text = extraction.document.text  # the cleaned text the evidence offsets point into
            original = checked(template, folder, text, published, kb)
            for m in original:
                bad = [f for f in m["findings"] if f.severity != "info"]
                if bad:
                    results["false_contradictions"].append(
                        f"{name} {m['data']['date']}: {bad[0].message} (confidence {bad[0].confidence})"
                    )
                results["confidence_unaltered"] += [f.confidence for f in bad]
            supported = [
                m for m in original if any(f.check_name == "record" and f.severity == "info" for f in m["findings"])
            ]
            for m in supported:
                meeting = next(
                    (
                        x
                        for x in extraction.meetings
                        if x.date == m["data"]["date"] and sorted(p.id for p in x.participants if p.id) == m["ids"]
                    ),
                    None,
                )
                if meeting is None:
                    continue
                for kind, options in variants(text, meeting):
                    results["variants"] += 1
                    counts = results["by_kind"].setdefault(kind, [0, 0, 0])
                    counts[1] += 1
                    for variant, moved in options:  # moved later, else earlier when the meeting is gone
                        after = checked(template, folder, variant, published, kb)
                        same = [x for x in after if x["ids"] == m["ids"]]
                        kept = kind == "place" or any(x["data"]["date"] == moved for x in same)
                        if kept:
                            break
                    caught = [f for x in same for f in x["findings"] if f.severity != "info" and f.record]
                    if caught:
                        results["caught"] += 1
                        counts[0] += 1
                        surest = max(caught, key=lambda f: f.confidence)
                        results["confidence_planted"].append(
                            {"variant": f"{name} {m['data']['date']} {kind}", "confidence": surest.confidence}
                        )
                    elif not kept:  # a leader out of office on the moved date: extraction drops the meeting
                        results["rejected"] += 1
                        counts[2] += 1
                    else:
                        dates = [x["data"]["date"] for x in same]
                        results["missed"].append(f"{name} {m['data']['date']} {kind}: {dates}")
            print(f"{name}: {len(supported)} supported meetings", file=sys.stderr)
    share = results["caught"] / results["variants"] if results["variants"] else 0.0
    results["share"] = round(share, 3)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"planted errors caught: {results['caught']} of {results['variants']} ({share:.0%})")
        for kind, (c, n, r) in results["by_kind"].items():
            dropped = f" ({r} more dropped by extraction: a leader out of office on the moved date)" if r else ""
            print(f"  {kind}: {c} of {n}{dropped}")
        planted = results["confidence_planted"]
        print(f"confidence of the caught variants' contradictions: {_spread([x['confidence'] for x in planted])}")
        for kind in results["by_kind"]:
            mine = [x["confidence"] for x in planted if x["variant"].endswith(" " + kind)]
            print(f"  {kind}: {_spread(mine)}")
        print(f"contradictions in the unaltered articles: {len(results['false_contradictions'])}")
        print(f"  their confidence: {_spread(results['confidence_unaltered'])}")
        for line in results["false_contradictions"]:
            print(f"  {line}")
        for line in results["missed"]:
            print(f"  missed: {line}")
    return 0


def _spread(values: list[float]) -> str:
    """ "mean 0.91 (min 0.66, max 0.95, n 60)"."""
    if not values:
        return "none"
    return f"mean {sum(values) / len(values):.2f} (min {min(values):.2f}, max {max(values):.2f}, n {len(values)})"


def variants(text: str, meeting: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """(kind, [(variant text, the date it states)]): the date moved later and, as a fallback, earlier; the
    place replaced by a far city (with the region or country written after it, if any)."""
    from summitline.merge import date_interval

    out: list[tuple[str, list[tuple[str, str]]]] = []
    dates = [e for e in meeting.evidence if e.field == "date"]
    if dates:
        first, last = date_interval(meeting.date)
        e = dates[0]
        options = []
        for sign in (1, -1):
            written, iso = shifted(first, last, meeting.date_precision, sign)
            options.append((text[: e.start] + written + text[e.end :], iso))
        out.append(("date", options))
    places = [e for e in meeting.evidence if e.field == "place"]
    if places and meeting.place is not None and meeting.place.lat is not None and not meeting.place.inferred:
        here = (meeting.place.lat, meeting.place.lon)
        city = next((c for c, lat, lon in CITIES if km(here, (lat, lon)) > 1000), None)
        e = places[0]
        end = e.end
        qualifier = re.match(r",\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?=[,.;\s])", text[end:])
        end += qualifier.end() if qualifier else 0
        if city:
            out.append(("place", [(text[: e.start] + city + text[end:], meeting.date)]))
    return out


if __name__ == "__main__":
    sys.exit(main())
