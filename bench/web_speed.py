"""How fast are the web app's reads over a library of 100,000 meetings?

    python bench/web_speed.py [--meetings 100000] [--runs 7]

Fills a SQLite library with synthetic meetings (``bench/library_speed.py``'s, each given a summary, a tone and
coordinates), then times, median of RUNS after one warm-up, the read model the pages and the API use
(``summitline.web``): the chronology's first page (50 cards), a page 1,000 pages deep (keyset cursor), a
leader's first page, a full-text search's first page, the map markers and the tone chart of one leader; and
the same first page and search through HTTP (uvicorn on 127.0.0.1). Prints one line each.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
from bench.library_speed import fill, synthetic_meetings  # noqa: E402
from tests.web_support import serving  # noqa: E402

from summitline.kb import load_kb  # noqa: E402
from summitline.store import open_database  # noqa: E402
from summitline.web.app import ServeConfig, create_app  # noqa: E402
from summitline.web.chronology import ChronologyFilter, chronology  # noqa: E402
from summitline.web.figures import map_markers, tone_chart  # noqa: E402

WORDS = ["arms", "trade", "climate", "ceasefire", "pipeline", "sanctions", "summit", "visit", "talks", "border"]


def dress(meetings: list[tuple], seed: int = 11) -> list[tuple]:
    """The synthetic rows with a summary, a tone and coordinates in their data."""
    rng = random.Random(seed)
    out = []
    for row in meetings:
        data = json.loads(row[-1])
        names = " and ".join(p["name"] for p in data["participants"])
        data["summary"] = f"{names} held {rng.choice(WORDS)} talks on {' and '.join(rng.sample(WORDS, 2))}."
        score = round(rng.uniform(-1, 1), 2)
        data["tone"] = {"score": score, "label": "warm" if score > 0.3 else "tense" if score < -0.3 else "neutral"}
        data["place"]["lat"] = round(rng.uniform(-50, 65), 2)
        data["place"]["lon"] = round(rng.uniform(-170, 170), 2)
        out.append((*row[:-1], json.dumps(data)))
    return out


def median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    kb = load_kb()
    with tempfile.TemporaryDirectory() as tmp:
        target = str(Path(tmp) / "web.db")
        start = time.perf_counter()
        meetings, members = synthetic_meetings(kb, args.meetings, 300)
        with open_database(target) as db:
            fill(db, dress(meetings), members)
        print(f"filled {len(meetings):,} meetings in {time.perf_counter() - start:.1f} s")
        db = open_database(target, write=False)
        leader = members[0][1]
        first = chronology(db, kb, ChronologyFilter())
        cursor = first.next_cursor
        for _ in range(1000):  # walk 1,000 pages once, to time the one after them
            cursor = chronology(db, kb, ChronologyFilter(), after=cursor).next_cursor
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("first page", lambda: chronology(db, kb, ChronologyFilter())),
            ("page 1,001", lambda: chronology(db, kb, ChronologyFilter(), after=cursor)),
            (f"leader {leader}", lambda: chronology(db, kb, ChronologyFilter(leader=[leader]))),
            ("search 'ceasefire pipeline'", lambda: chronology(db, kb, ChronologyFilter(q="ceasefire pipeline"))),
            (f"map, leader {leader}", lambda: map_markers(db, kb, ChronologyFilter(leader=[leader]))),
            (f"tone, leader {leader}", lambda: tone_chart(db, kb, ChronologyFilter(leader=[leader]))),
            ("map, everything", lambda: map_markers(db, kb, ChronologyFilter())),
        ]
        for name, fn in cases:
            ms, result = median_ms(fn, args.runs)
            size = getattr(result, "total", None) or (result.get("placed") or result.get("points"))
            print(f"{name}: median {ms:.1f} ms ({size:,} meetings)")
        with serving(create_app(ServeConfig(db=target))) as url, httpx.Client() as client:
            for name, path in (("HTTP first page", "api/meetings"), ("HTTP search", "api/meetings?q=ceasefire")):
                ms, response = median_ms(lambda p=path: client.get(url + p), args.runs)
                print(f"{name}: median {ms:.1f} ms (status {response.status_code})")
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
