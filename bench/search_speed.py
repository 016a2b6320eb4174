"""How fast are the chronology's first page and a full-text search over 100,000 meetings? (issue 9's bars:
the first page under 200 ms, a full-text search under 300 ms)

    python bench/search_speed.py [--meetings 100000] [--db TARGET] [--cache DIR] [--runs 20] [--json]

Prints lines such as:

    library: 100,000 meetings, built in 95.2 s (cache: ~/.cache/summitline/bench/search-100000-v1.db)
    first timeline page (50 meetings): median 4.1 ms (min 3.8)
    search 'arms control' (first 50 of 9,812, ranked): median 61.0 ms (min 58.2)

The library is built once and reused from the cache folder (``$XDG_CACHE_HOME/summitline/bench`` or
``~/.cache/summitline/bench``; ``--db`` names another target, a PostgreSQL URL included, which is filled when
it is empty). Building it goes through the same tables and triggers as an ingest: the meetings of
``library_speed.synthetic_meetings`` (leaders of the knowledge base in office on the day, the prominent ones
meeting more often), each given a summary written from templates of our own (who met where and when, what
they discussed, how it went), a quote in one meeting of two (from a pool of made-up remarks whose topic and
tone vary), and one source document with a headline-like title and one mention; rows are written directly
with ``executemany`` (no extraction), so the full-text index is filled by migration 7's triggers, as it
would be by ingests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from library_speed import fill, synthetic_meetings  # noqa: E402

from summitline.kb import load_kb  # noqa: E402
from summitline.store import Database, open_database  # noqa: E402
from summitline.store.queries import TimelineQuery, timeline  # noqa: E402
from summitline.store.search import search_meetings  # noqa: E402

VERSION = 1  # of the library this script builds; a new version builds a new cache file
PAGE = 50

SUBJECTS = {
    "trade": ["tariffs on steel", "a new trade agreement", "farm exports", "supply chains for chips"],
    "arms_control": ["arms control", "the future of the nuclear arms treaty", "limits on missile deployments"],
    "climate": ["climate finance", "cutting coal use", "the next climate conference"],
    "ukraine": ["the war in Ukraine", "a ceasefire in Ukraine", "grain shipments from Ukrainian ports"],
    "syria": ["the conflict in Syria", "humanitarian corridors in Syria"],
    "iran": ["Iran's nuclear programme", "sanctions on Iran"],
    "cybersecurity": ["cyber attacks on hospitals", "election interference online"],
    "terrorism": ["counter-terrorism cooperation", "extremist financing"],
}
OPENINGS = [
    "{a} and {b} met in {city} on {day}, where they discussed {subject}.",
    "{a} hosted {b} in {city} on {day} for talks on {subject}.",
    "On {day}, {a} held talks with {b} in {city} focused on {subject}.",
    "{a} spoke with {b} on {day} about {subject}.",
]
MOODS = [
    "The talks were described as warm and constructive.",
    "Aides called the exchange frank and at times testy.",
    "Both sides said the meeting was businesslike.",
    "Officials described a cordial atmosphere despite old disputes.",
    "The meeting ended without a joint statement.",
]
REMARKS = [
    "We agreed to keep talking about {subject}",
    "There is no quick fix for {subject}, but we made progress",
    "Our teams will meet again next month on {subject}",
    "I told him plainly where we stand on {subject}",
    "This was a useful conversation about {subject}",
]
HEADLINES = [
    "{a} and {b} hold talks in {city}",
    "{a} meets {b} as {subject} tops the agenda",
    "Leaders discuss {subject} in {city}",
    "{b} visit: what {a} wants on {subject}",
]


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summitline" / "bench"


def enrich(meetings: list[tuple], seed: int = 11) -> tuple[list[tuple], list[tuple], list[tuple], list[tuple]]:
    """The meetings' rows with a summary (and some a quote) in their data, and per meeting one document,
    one mention and one meeting_sources row (ids 1, 2, … in meeting order)."""
    rng = random.Random(seed)
    rows, documents, mentions, sources = [], [], [], []
    for n, row in enumerate(meetings, start=1):
        data = json.loads(row[-1])
        names = [p["name"] for p in data["participants"]]
        topic = (data["topics"] or [rng.choice(list(SUBJECTS))])[0]
        words = {
            "a": names[0],
            "b": " and ".join(names[1:]),
            "city": data["place"]["name"],
            "day": data["date"],
            "subject": rng.choice(SUBJECTS[topic]),
        }
        data["summary"] = rng.choice(OPENINGS).format(**words) + " " + rng.choice(MOODS)
        data["summaries"] = [{"text": data["summary"], "document_id": n}]
        data["quotes"] = (
            [{"text": rng.choice(REMARKS).format(**words), "speaker": rng.choice(names)}] if rng.random() < 0.5 else []
        )
        rows.append((*row[:-1], json.dumps(data)))
        title = rng.choice(HEADLINES).format(**words)
        documents.append((n, f"{n:064x}", f"synthetic/{n}.txt", title, data["summary"], "2025-01-01T00:00:00+00:00"))
        mentions.append((n, n, 0, row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[-1]))
        sources.append((row[0], n, n))
    return rows, documents, mentions, sources


def build(db: Database, count: int) -> float:
    start = time.perf_counter()
    kb = load_kb()
    meetings, members = synthetic_meetings(kb, count, leaders=300)
    rows, documents, mentions, sources = enrich(meetings)
    fill(db, rows, members)
    with db.transaction():
        db.executemany(
            "INSERT INTO documents (id, sha256, path, title, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?)", documents
        )
        db.executemany(
            "INSERT INTO mentions (id, document_id, ordinal, participants_key, date, date_first, date_last, "
            "date_precision, place_name, country, format, status, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            mentions,
        )
        db.executemany("INSERT INTO meeting_sources (meeting_id, mention_id, document_id) VALUES (?, ?, ?)", sources)
    if db.dialect == "postgres":
        db.execute("ANALYZE")
        db.release()
    return time.perf_counter() - start


def time_ms(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    result = fn()  # warm the page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--db", help="a library target to fill when empty (default: a file in --cache)")
    parser.add_argument("--cache", type=Path, default=cache_folder())
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="one JSON line of the results at the end")
    args = parser.parse_args()
    if args.db is None:
        args.cache.mkdir(parents=True, exist_ok=True)
    target = args.db or str(args.cache / f"search-{args.meetings}-v{VERSION}.db")
    results: dict[str, Any] = {"target": target}
    with open_database(target) as db:
        have = db.scalar("SELECT COUNT(*) FROM meetings")
        db.release()
        if have == 0:
            results["built_s"] = round(build(db, args.meetings), 1)
            have = db.scalar("SELECT COUNT(*) FROM meetings")
            print(f"library: {have:,} meetings, built in {results['built_s']} s ({target})")
        else:
            print(f"library: {have:,} meetings, reused ({target})")
        results["meetings"] = have
        cases: dict[str, Callable[[], list[dict[str, Any]]]] = {
            f"first timeline page ({PAGE} meetings)": lambda: timeline(db, TimelineQuery(limit=PAGE)),
            f"first page of a year ({PAGE} of 2005)": lambda: timeline(
                db, TimelineQuery(date_from="2005", date_to="2005", limit=PAGE)
            ),
        }
        for text in ("arms control", "ceasefire ukraine", '"trade agreement"', "testy OR frank", "kangaroo"):
            cases[f"search {text!r} (best {PAGE}, ranked)"] = lambda t=text: search_meetings(db, t, limit=PAGE)
        cases[f"timeline page filtered by search 'climate' ({PAGE} by date)"] = lambda: timeline(
            db, TimelineQuery(search="climate", limit=PAGE)
        )
        for label, fn in cases.items():
            median, fastest, items = time_ms(fn, args.runs)
            print(f"{label}: median {median:.1f} ms (min {fastest:.1f}), {len(items)} meetings")
            results[label] = {"median_ms": round(median, 2), "min_ms": round(fastest, 2), "meetings": len(items)}
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
