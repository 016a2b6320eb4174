#!/usr/bin/env python3
"""How much the first look lets through, how fast it reads, and whether it drops a gold meeting.

    python bench/first_look.py [--dir DIR] [--runs 3] [--show] [--json]

Loads the knowledge base and the first look's automaton (from the compiled cache when it is there), reads
every page of ``--dir`` (default ``../shared/corpus/web``) into memory, then times
``first_look(page, kb)`` over all of them ``--runs`` times on one CPU and reports the best run: pages
let through (with the reasons the others stopped), pages/s and MB/s. Then it runs the first look over
every document with a gold meeting in the corpora we ship (the list ``tests/test_first_look.py`` checks),
as text and wrapped in a web page, and counts those it would drop: the count must be 0. ``--show`` lists
the pages let through with the leaders they name.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from tests.test_first_look import as_web_page, gold_documents  # noqa: E402

from summitline.first_look import NEAR, first_look  # noqa: E402
from summitline.kb import load_kb  # noqa: E402


def _pin_one_cpu() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=SHARED / "corpus/web", help="a folder of saved pages")
    parser.add_argument("--runs", type=int, default=3, help="timed passes over the pages; the best is reported")
    parser.add_argument("--show", action="store_true", help="list the pages let through")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the numbers")
    args = parser.parse_args()
    if not args.dir.is_dir():
        print(f"{args.dir}: no such folder; give --dir or put the shared corpus beside the repository")
        return 2
    pinned = _pin_one_cpu()
    started = time.perf_counter()
    kb = load_kb()
    first_look(b"", kb)  # builds (or loads) the automaton
    ready = time.perf_counter() - started
    pages = [(p.name, p.read_bytes()) for p in sorted(args.dir.iterdir()) if p.is_file() and p.suffix != ".md"]
    size = sum(len(data) for _, data in pages)
    best = float("inf")
    for _ in range(max(1, args.runs)):
        t0 = time.perf_counter()
        looks = [first_look(data, kb) for _, data in pages]
        best = min(best, time.perf_counter() - t0)
    passed = [(name, look) for (name, _), look in zip(pages, looks, strict=True) if look.passed]
    reasons = Counter(look.reason for look in looks if not look.passed)
    print(f"first look over {len(pages)} pages ({size / 1e6:.1f} MB) of {args.dir}; {pinned}")
    print(f"  knowledge base and automaton ready in {ready * 1000:.0f} ms (first run builds the cache)")
    print(f"  let through: {len(passed)} ({len(passed) / len(pages):.1%}); stopped: {len(pages) - len(passed)}")
    for reason, count in reasons.most_common():
        print(f"    {count:4d}  {reason}")
    print(f"  speed (best of {args.runs}): {len(pages) / best:.0f} pages/s, {size / 1e6 / best:.1f} MB/s")
    if args.show:
        for name, look in passed:
            print(f"    {name}: {', '.join(look.names + look.offices)} (within {look.span} characters)")
    docs = gold_documents(SHARED if (SHARED / "corpus").is_dir() else None)
    dropped = [name for name, data in docs if not first_look(data, kb).passed]
    dropped_html = [name for name, data in docs if not first_look(as_web_page(data), kb).passed]
    print(f"gold: {len(docs)} with a meeting; dropped: {len(dropped)} as text, {len(dropped_html)} as a web page")
    for name in sorted(set(dropped) | set(dropped_html)):
        print(f"    dropped: {name}")
    if args.json:
        numbers = {
            "pages": len(pages),
            "megabytes": round(size / 1e6, 2),
            "passed": len(passed),
            "pass_rate": round(len(passed) / len(pages), 4),
            "pages_per_s": round(len(pages) / best, 1),
            "mb_per_s": round(size / 1e6 / best, 2),
            "near": NEAR,
            "gold_documents": len(docs),
            "gold_dropped": len(dropped),
            "gold_dropped_as_html": len(dropped_html),
        }
        print(json.dumps(numbers))
    return 1 if dropped or dropped_html else 0


if __name__ == "__main__":
    sys.exit(main())
