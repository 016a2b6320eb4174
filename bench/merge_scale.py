"""Merging at scale: in a library of 100,000 meetings, is adding 100 documents about its busiest pair as cheap
as adding 100 about new pairs? (issue 10, item 5; bar: at most 2x as long.)

Prints human-readable lines (and, with ``--json``, one JSON line at the end):

    library: 97,961 meetings, 133,354 mentions, 3,972 of alexander-lukashenko|vladimir-putin (...)
    100 documents about new pairs: median 0.44 s of 5 (4.4 ms each; min 0.39 s; 98 meetings found, 98 new)
    100 documents about alexander-lukashenko|vladimir-putin: median 0.70 s of 5 (7.0 ms each; min 0.61 s; ...)
    busiest pair / new pairs: 1.60 of the medians, 1.57 of the minima (bar: <= 2)

The library is built once and cached (``~/.cache/summitline/bench/merge-scale-*.db``): synthetic reports of
meetings between about 300 leaders in office from 1980 to 2025, the prominent ones (US presidents above all)
meeting far more often, one in ten a meeting of three, about a third reported by two documents, one in ten
dated only to the month or the year; plus the busiest pair, Vladimir Putin and Alexander Lukashenko, with
thousands of meetings from 2000 on. Documents and mentions are written straight into their tables, then every
set of leaders is merged by ``store.remerge.remerge`` (as ingest would), so meetings, sources and ids are what
the library would hold. Each timed batch runs on a fresh copy of it, through ``summitline.ingest.ingest`` on a
folder of short texts written here: each names the two leaders, a city and a day.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from library_speed import CITIES, FORMATS, TOPICS, pick_leaders  # noqa: E402
from search_speed import cache_folder  # noqa: E402

from summitline.config import Settings  # noqa: E402
from summitline.ingest import ingest  # noqa: E402
from summitline.kb import KnowledgeBase, load_kb  # noqa: E402
from summitline.merge import date_interval, participants_key  # noqa: E402
from summitline.store import Database, open_database  # noqa: E402
from summitline.store.remerge import remerge  # noqa: E402

VERSION = 1  # of the library this script builds; a new version builds a new cache file
BUSY = ({"id": "vladimir-putin", "name": "Vladimir Putin", "country": "RU"},
        {"id": "alexander-lukashenko", "name": "Alexander Lukashenko", "country": "BY"})  # fmt: skip
BUSY_CITIES = [("Moscow", "RU"), ("Minsk", "BY"), ("Sochi", "RU"), ("Saint Petersburg", "RU")]
BUSY_FROM, BUSY_TO = date(2000, 5, 8), date(2025, 6, 30)
FIRST, LAST = date(1980, 1, 1), date(2025, 12, 31)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


def mention(people: list[dict[str, Any]], day: date, city: str, country: str, fmt: str, precision: str) -> dict:
    """One report of a meeting, shaped as ``Meeting.to_dict`` gives it."""
    value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
    names = " and ".join(p["name"] for p in people)
    return {
        "date": value,
        "date_precision": precision,
        "date_source": "body",
        "participants": [{"name": p["name"], "country": p["country"], "id": p["id"]} for p in people],
        "place": {"name": city, "country": country, "city": city, "venue": None, "region": None, "inferred": False},
        "format": fmt,
        "status": "held",
        "occasion": None,
        "topics": [],
        "quotes": [],
        "tone": None,
        "photo": None,
        "summary": f"{names} met in {city}.",
    }


def synthetic_reports(kb: KnowledgeBase, meetings: int, busy: int, seed: int = 5) -> list[dict]:
    """Reports (mention data) of about ``meetings`` meetings, ``busy`` of them of the busiest pair; about a
    third of the meetings are reported twice."""
    rng = random.Random(seed)
    people = pick_leaders(kb, 300)
    weights = [p[5] for p in people]
    seen: set[tuple[str, str]] = set()
    reports: list[dict] = []
    span = (BUSY_TO - BUSY_FROM).days
    while len(seen) < busy:
        day = BUSY_FROM + timedelta(days=rng.randrange(span))
        if (BUSY[0]["id"], day.isoformat()) in seen:
            continue
        seen.add((BUSY[0]["id"], day.isoformat()))
        city, country = rng.choice(BUSY_CITIES)
        precision = "day" if rng.random() < 0.97 else rng.choice(["month", "year"])
        reports += [mention(list(BUSY), day, city, country, "in_person", precision)] * rng.choice([1, 1, 2])
    days = (LAST - FIRST).days
    while len(seen) < meetings:
        day = FIRST + timedelta(days=rng.randrange(days))
        chosen: dict[str, tuple] = {}
        for _ in range(3 if rng.random() < 0.1 else 2):
            p = rng.choices(people, weights)[0]
            if p[3] <= day <= p[4]:
                chosen[p[0]] = p
        if len(chosen) < 2 or ("|".join(sorted(chosen)), day.isoformat()) in seen:
            continue
        seen.add(("|".join(sorted(chosen)), day.isoformat()))
        group = [{"id": p[0], "name": p[1], "country": p[2]} for p in sorted(chosen.values())]
        host = rng.choice(group)
        city = CITIES.get(host["country"], f"City of {host['country']}")
        precision = "day" if rng.random() < 0.9 else rng.choice(["month", "year"])
        report = mention(group, day, city, host["country"], rng.choice(FORMATS), precision)
        report["topics"] = sorted(rng.sample(TOPICS, rng.randrange(3)))
        reports += [report] * rng.choice([1, 1, 2])
    return reports


def build(db: Database, kb: KnowledgeBase, meetings: int, busy: int) -> None:
    """Documents of one to three reports each, then every set of leaders merged (in chunks of keys)."""
    rng = random.Random(9)
    reports = synthetic_reports(kb, meetings, busy)
    rng.shuffle(reports)
    documents, mentions = [], []
    n = 0
    while n < len(reports):
        doc = len(documents) + 1
        take = reports[n : n + rng.choice([1, 2, 3])]
        n += len(take)
        documents.append((doc, hashlib.sha256(f"synthetic {doc}".encode()).hexdigest(), f"synthetic/{doc}.txt",
                          " ".join(r["summary"] for r in take), "2025-01-01T00:00:00+00:00"))  # fmt: skip
        for ordinal, r in enumerate(take):
            first, last = date_interval(r["date"])
            place = r["place"]
            mentions.append((doc, ordinal, participants_key(r["participants"]), r["date"], first.isoformat(),
                             last.isoformat(), r["date_precision"], place["name"], place["city"], place["country"],
                             r["format"], r["status"], r["occasion"], json.dumps(r)))  # fmt: skip
    with db.transaction():
        db.executemany("INSERT INTO documents (id, sha256, path, text, ingested_at) VALUES (?, ?, ?, ?, ?)", documents)
        db.executemany(
            "INSERT INTO mentions (document_id, ordinal, participants_key, date, date_first, date_last, "
            "date_precision, place_name, place_city, country, format, status, occasion, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            mentions,
        )
    keys = sorted({m[2] for m in mentions})
    for i in range(0, len(keys), 400):
        with db.transaction():
            remerge(db, keys[i : i + 400], kb)


def library(kb: KnowledgeBase, folder: Path, meetings: int, busy: int) -> Path:
    path = folder / f"merge-scale-v{VERSION}-{meetings}-{busy}.db"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        db = open_database(partial)
        build(db, kb, meetings, busy)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        partial.rename(path)
        print(f"built {path} in {time.perf_counter() - start:.0f} s")
    return path


def texts(kind: str, count: int, known: set[str], kb: KnowledgeBase, seed: int = 3) -> list[str]:
    """``count`` short reports: of the busiest pair on days of its years, or of pairs the library lacks."""
    rng = random.Random(seed)
    out = []
    if kind == "busy":
        for _ in range(count):
            day = BUSY_FROM + timedelta(days=rng.randrange((BUSY_TO - BUSY_FROM).days))
            city, _ = rng.choice(BUSY_CITIES)
            out.append(f"{BUSY[0]['name']} met {BUSY[1]['name']} in {city} on {day.day} {MONTHS[day.month - 1]} "
                       f"{day.year} to discuss {rng.choice(['gas prices', 'trade', 'security'])}.")  # fmt: skip
        return out
    leaders = sorted(kb.leaders.values(), key=lambda x: x.id)
    while len(out) < count:
        a, b = rng.sample(leaders, 2)
        ta, tb = a.terms[0], b.terms[0]
        first, last = max(ta.start, tb.start), min(ta.end or LAST, tb.end or LAST)
        if "|".join(sorted([a.id, b.id])) in known or first > last or a.name == b.name:
            continue
        day = first + timedelta(days=rng.randrange((last - first).days + 1))
        out.append(f"{a.name} met {b.name} in {CITIES.get(ta.country, 'Geneva')} on {day.day} "
                   f"{MONTHS[day.month - 1]} {day.year}.")  # fmt: skip
        known.add("|".join(sorted([a.id, b.id])))
    return out


def timed_batch(cached: Path, work: Path, kind: str, lines: list[str], kb: KnowledgeBase) -> dict[str, Any]:
    copy = work / f"{kind}.db"
    shutil.copyfile(cached, copy)
    folder = work / kind
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for n, line in enumerate(lines):
        (folder / f"{kind}-{n:03d}.txt").write_text(line + "\n", encoding="utf-8")
    db = open_database(copy)
    before = db.scalar("SELECT COUNT(*) FROM meetings")
    start = time.perf_counter()
    summary = ingest(db, [str(folder)], kb, Settings())
    seconds = time.perf_counter() - start
    after = db.scalar("SELECT COUNT(*) FROM meetings")
    db.close()
    copy.unlink()
    return {"seconds": round(seconds, 3), "documents": summary.read, "meetings_found": summary.meetings_found,
            "new_meetings": after - before}  # fmt: skip


def warm_up(work: Path, kb: KnowledgeBase) -> None:
    """A first ingest into an empty library, untimed: the recognisers compile their patterns on first use."""
    folder = work / "warm-up"
    folder.mkdir()
    for n, line in enumerate(texts("busy", 3, set(), kb, seed=1) + texts("new", 3, set(), kb, seed=1)):
        (folder / f"{n}.txt").write_text(line + "\n", encoding="utf-8")
    db = open_database(work / "warm-up.db")
    ingest(db, [str(folder)], kb, Settings())
    db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=100_000, help="meetings in the library (default 100,000)")
    parser.add_argument("--busy", type=int, default=4_000, help="meetings of the busiest pair (default 4,000)")
    parser.add_argument("--documents", type=int, default=100, help="documents per timed batch (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="timed batches of each kind (default 5)")
    parser.add_argument("--cache", type=Path, default=cache_folder(), help="folder of the cached library")
    parser.add_argument("--json", action="store_true", help="print one JSON line of the results at the end")
    args = parser.parse_args(argv)

    kb = load_kb()
    cached = library(kb, args.cache, args.meetings, args.busy)
    db = open_database(cached, write=False)
    key = "|".join(sorted(p["id"] for p in BUSY))
    known = {r["participants_key"] for r in db.query("SELECT DISTINCT participants_key FROM mentions")}
    counts = {
        "meetings": db.scalar("SELECT COUNT(*) FROM meetings"),
        "mentions": db.scalar("SELECT COUNT(*) FROM mentions"),
        "busiest_pair": db.scalar("SELECT COUNT(*) FROM meetings WHERE participants_key = ?", (key,)),
    }
    db.close()
    print(f"library: {counts['meetings']:,} meetings, {counts['mentions']:,} mentions, "
          f"{counts['busiest_pair']:,} of {key} ({cached})")  # fmt: skip
    results: dict[str, Any] = {"library": counts}
    with tempfile.TemporaryDirectory(prefix="summitline-merge-scale-") as tmp:
        work = Path(tmp)
        warm_up(work, kb)
        runs: dict[str, list[dict[str, Any]]] = {"new": [], "busy": []}
        for _ in range(args.repeat):  # alternating, each on a fresh copy: the machine's load falls on both
            for kind in ("new", "busy"):
                runs[kind].append(timed_batch(cached, work, kind, texts(kind, args.documents, set(known), kb), kb))
    for kind, label in (("new", "new pairs"), ("busy", key)):
        times = sorted(r["seconds"] for r in runs[kind])
        run = {**runs[kind][0], "seconds": statistics.median(times), "min_seconds": times[0], "all_seconds": times}
        results[kind] = run
        print(f"{run['documents']} documents about {label}: median {run['seconds']:.2f} s of {len(times)} "
              f"({run['seconds'] / max(run['documents'], 1) * 1000:.1f} ms each; min {times[0]:.2f} s; "
              f"{run['meetings_found']} meetings found, {run['new_meetings']} new)")  # fmt: skip
    ratio = results["busy"]["seconds"] / results["new"]["seconds"]
    results["ratio"] = round(ratio, 2)
    results["ratio_of_minima"] = round(results["busy"]["min_seconds"] / results["new"]["min_seconds"], 2)
    print(
        f"busiest pair / new pairs: {ratio:.2f} of the medians, {results['ratio_of_minima']:.2f} of the minima "
        "(bar: <= 2)"
    )
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
