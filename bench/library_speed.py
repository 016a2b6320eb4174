"""How fast is the library? Timeline queries over a million meetings, and ingest throughput.

Prints human-readable lines (and, with ``--json``, one JSON line at the end):

    filled 1,000,000 meetings (2,000,000 leader rows) in 41.2 s
    timeline leader=vladimir-putin country=US 2000..2010: median 3.1 ms (min 2.9), 812 meetings
    timeline 2005-06-01..2005-06-30: median 25.0 ms (min 24.1), 1,830 meetings
    ingest: 500 documents in 2.1 s = 238 documents/s

The meetings are synthetic but shaped like the real thing: about 300 leaders from the knowledge base who held
office between 1980 and 2025, two or three per meeting, each in office on the meeting's day, the most prominent
leaders (the first of each country, US presidents above all) meeting far more often than the rest. They are
written straight into ``meetings`` and ``meeting_leaders`` (no documents, mentions or sources), so the timeline
times the query and the JSON of each row, not the source look-ups of an empty ``meeting_sources``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # for tests.test_ingest_crash.write_corpus

from summitline.config import Settings  # noqa: E402
from summitline.ingest import ingest  # noqa: E402
from summitline.kb import KnowledgeBase, load_kb  # noqa: E402
from summitline.store import Database, open_database  # noqa: E402
from summitline.store.queries import TimelineQuery, timeline  # noqa: E402

FIRST, LAST = date(1980, 1, 1), date(2025, 12, 31)
FORMATS = ["in_person"] * 8 + ["phone_call"] * 3 + ["video_call"]
TOPICS = ["trade", "arms_control", "climate", "ukraine", "syria", "iran", "cybersecurity", "terrorism"]
CITIES = {"US": "Washington", "RU": "Moscow", "CN": "Beijing", "DE": "Berlin", "FR": "Paris", "GB": "London"}


def pick_leaders(kb: KnowledgeBase, count: int) -> list[tuple[str, str, str, date, date, float]]:
    """(id, name, country, start, end, weight) for ``count`` leaders in office between 1980 and 2025."""
    rows = []
    for leader in sorted(kb.leaders.values(), key=lambda x: x.id):
        terms = [t for t in leader.terms if t.start <= LAST and (t.end or LAST) >= FIRST]
        if not terms:
            continue
        start = max(min(t.start for t in terms), FIRST)
        end = min(max((t.end or LAST) for t in terms), LAST)
        rows.append((leader.id, leader.name, terms[0].country, start, end))
    rng = random.Random(1)
    rng.shuffle(rows)
    rows = sorted(rows[:count])
    prominent = {"US": 12.0, "RU": 6.0, "CN": 5.0, "DE": 4.0, "FR": 4.0, "GB": 4.0, "JP": 3.0, "IN": 3.0}
    return [(*r, prominent.get(r[2], 1.0)) for r in rows]


def synthetic_meetings(kb: KnowledgeBase, count: int, leaders: int, seed: int = 7) -> tuple[list[tuple], list[tuple]]:
    """Rows for ``meetings`` and ``meeting_leaders``."""
    rng = random.Random(seed)
    people = pick_leaders(kb, leaders)
    pools: dict[date, tuple[list[tuple], list[float]]] = {}
    meetings: list[tuple] = []
    members: list[tuple] = []
    days = (LAST - FIRST).days
    while len(meetings) < count:
        day = FIRST + timedelta(days=rng.randrange(days + 1))
        if day not in pools:
            pool = [p for p in people if p[3] <= day <= p[4]]
            pools[day] = pool, list(itertools.accumulate(p[5] for p in pool))
        pool, cumulative = pools[day]
        if len(pool) < 2:
            continue
        size = 3 if rng.random() < 0.1 else 2
        chosen: dict[str, tuple] = {}
        while len(chosen) < size:
            p = rng.choices(pool, cum_weights=cumulative)[0]
            chosen.setdefault(p[0], p)
        group = sorted(chosen.values())
        if len(group) < 2:
            continue
        iso = day.isoformat()
        key = "|".join(p[0] for p in group)
        mid = f"m{len(meetings):010x}"
        host = rng.choice(group)
        place = {"name": CITIES.get(host[2], f"City of {host[2]}"), "country": host[2]}
        fmt = rng.choice(FORMATS)
        topics = sorted(rng.sample(TOPICS, rng.randrange(3)))
        data = {
            "date": iso,
            "date_precision": "day",
            "participants": [{"name": p[1], "country": p[2], "id": p[0]} for p in group],
            "place": place,
            "format": fmt,
            "status": "held",
            "occasion": None,
            "topics": topics,
            "conflicts": [],
        }
        meetings.append(
            (
                mid,
                key,
                iso,
                iso,
                iso,
                "day",
                place["name"],
                place["country"],
                fmt,
                "held",
                None,
                json.dumps(topics),
                1,
                0,
                json.dumps(data),
            )
        )
        members.extend((mid, p[0], p[1], p[2], iso) for p in group)
    return meetings, members


def fill(db: Database, meetings: list[tuple], members: list[tuple], batch: int = 50_000) -> None:
    with db.transaction():
        for i in range(0, len(meetings), batch):
            db.executemany(
                "INSERT INTO meetings (id, participants_key, date, date_first, date_last, date_precision, "
                "place_name, country, format, status, occasion, topics, source_count, conflict_count, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                meetings[i : i + batch],
            )
        for i in range(0, len(members), batch):
            db.executemany(
                "INSERT INTO meeting_leaders (meeting_id, leader_id, name, country, date_first) VALUES (?, ?, ?, ?, ?)",
                members[i : i + batch],
            )


def time_ms(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    result = fn()  # warm the page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def statements_of(db: Database, fn: Callable[[], Any]) -> list[tuple[str, list[Any]]]:
    """The SQL statements (and parameters) ``fn`` runs through ``db.query``."""
    seen: list[tuple[str, list[Any]]] = []
    original = db.query

    def spy(statement: str, params: Any = ()) -> Any:
        seen.append((statement, list(params)))
        return original(statement, params)

    db.query = spy  # type: ignore[method-assign]
    try:
        fn()
    finally:
        del db.query
    return seen


def query_plan(db: Database, statement: str, params: list[Any]) -> list[str]:
    return [str(r["detail"]) for r in db.query("EXPLAIN QUERY PLAN " + statement, params)]


def bench_queries(db: Database, leader: str, runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    queries = {
        f"leader={leader} country=US 2000..2010": TimelineQuery(
            leaders=[leader], countries=["US"], date_from="2000", date_to="2010"
        ),
        "2005-06-01..2005-06-30": TimelineQuery(date_from="2005-06-01", date_to="2005-06-30"),
        "year 2005, first 100": TimelineQuery(date_from="2005", date_to="2005", limit=100),
    }
    for label, query in queries.items():
        times, items = time_ms(lambda q=query: timeline(db, q), runs)
        median = statistics.median(times)
        print(f"timeline {label}: median {median:.1f} ms (min {min(times):.1f}), {len(items):,} meetings")
        statement, params = statements_of(db, lambda q=query: timeline(db, q))[0]
        plan = query_plan(db, statement, params)
        for line in plan:
            print(f"    plan: {line}")
        only_sql, _ = time_ms(lambda s=statement, p=params: db.query(s, p), runs)
        print(f"    the SELECT alone: median {statistics.median(only_sql):.1f} ms")
        out[label] = {"median_ms": round(median, 2), "min_ms": round(min(times), 2), "meetings": len(items)}
        out[label] |= {"select_ms": round(statistics.median(only_sql), 2), "plan": plan}
    return out


def bench_ingest(kb: KnowledgeBase, folder: Path | None, workdir: Path) -> dict[str, Any]:
    if folder is None:
        from tests.test_ingest_crash import write_corpus

        folder = workdir / "generated"
        write_corpus(folder, 500)
    db = open_database(workdir / "ingest.db")
    start = time.perf_counter()
    summary = ingest(db, [str(folder)], kb, Settings())
    seconds = time.perf_counter() - start
    db.close()
    rate = summary.read / seconds if seconds else 0.0
    print(
        f"ingest {folder}: {summary.read} documents ({summary.new} new, {summary.failed} failed, "
        f"{summary.meetings_found} meetings) in {seconds:.2f} s = {rate:.0f} documents/s"
    )
    return {"documents": summary.read, "seconds": round(seconds, 3), "documents_per_second": round(rate, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1_000_000, help="synthetic meetings (default 1,000,000)")
    parser.add_argument("--leaders", type=int, default=300, help="distinct leaders (default 300)")
    parser.add_argument("--leader", default="vladimir-putin", help="leader id of the timed query")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query (default 20)")
    parser.add_argument("--db", type=Path, help="keep the filled library in this file (default: a temp file)")
    parser.add_argument("--ingest-dir", type=Path, help="folder to ingest (default: 500 generated documents)")
    parser.add_argument("--no-ingest", action="store_true", help="skip the ingest throughput")
    parser.add_argument("--json", action="store_true", help="print one JSON line of the results at the end")
    args = parser.parse_args(argv)

    kb = load_kb()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="summitline-bench-") as tmp:
        workdir = Path(tmp)
        target = args.db or workdir / "library.db"
        for stale in (target, target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
            stale.unlink(missing_ok=True)
        start = time.perf_counter()
        meetings, members = synthetic_meetings(kb, args.meetings, args.leaders)
        made = time.perf_counter() - start
        db = open_database(target)
        start = time.perf_counter()
        fill(db, meetings, members)
        filled = time.perf_counter() - start
        print(
            f"filled {len(meetings):,} meetings ({len(members):,} leader rows, "
            f"{len({m[1] for m in members}):,} leaders) in {filled:.1f} s (generated in {made:.1f} s); "
            f"{target.stat().st_size / 1e6:.0f} MB"
        )
        del meetings, members
        results["fill_seconds"] = round(filled, 1)
        results["queries"] = bench_queries(db, args.leader, args.runs)
        db.close()
        if not args.no_ingest:
            results["ingest"] = bench_ingest(kb, args.ingest_dir, workdir)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
