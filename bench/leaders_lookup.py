#!/usr/bin/env python3
"""How well `summitline leaders` finds the leaders our gold files name, and Archigos's rulers.

    python bench/leaders_lookup.py [--sample 200] [--seed 7] [--show-misses]

1. Every non-optional participant of every gold file under ../shared/corpus (and the seed's gold):
   is that person among the first 3 results of `leaders "FULL NAME" --on DATE` (DATE as the gold
   gives it)? A result is that person when the shared scorer's `same_person` says so.
2. A fixed-seed sample of Archigos spells that start in 1945 or later: the query is the spell's
   `full_name`, else its `leader`, on a day inside the spell; a hit is the same test against the
   spell's two names.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))

from score_meetings import same_person  # noqa: E402

from summitline.kb import load_kb  # noqa: E402
from summitline.kb.lookup import find_leaders  # noqa: E402


def gold_queries() -> list[tuple[str, str]]:
    files = [SHARED / "corpus/seed.gold.json", *sorted((SHARED / "corpus").glob("dev*/*.gold.json"))]
    out = set()
    for f in files:
        for m in json.loads(f.read_text())["meetings"]:
            if not m.get("optional") and m.get("date"):
                out.update((p, m["date"]) for p in m["participants"])
    for line in (SHARED / "corpus/checklist/dev.jsonl").read_text().splitlines():
        for m in json.loads(line)["meetings"] if line.strip() else []:
            if not m.get("optional") and m.get("date"):
                out.update((p, m["date"]) for p in m["participants"])
    return sorted(out)


def hit(kb: object, query: str, on: str, names: list[str]) -> bool:
    for m in find_leaders(kb, query, on=on, limit=3):  # type: ignore[arg-type]
        forms = [m.leader.name, *m.leader.aliases]
        if any(same_person(n, f) for n in names for f in forms):
            return True
    return False


def archigos_queries(n: int, seed: int) -> list[tuple[str, str, list[str]]]:
    rows = list(csv.DictReader((SHARED / "reference/archigos/leaders.csv").open(encoding="utf-8")))
    rows = [r for r in rows if r["start"] >= "1945" and r["country"]]
    rng = random.Random(seed)
    out = []
    for r in rng.sample(rows, n):
        a, b = date.fromisoformat(r["start"]), date.fromisoformat(r["end"])
        day = a + timedelta(days=rng.randrange(max(1, (b - a).days)))
        names = [x for x in (r["full_name"], r["leader"]) if x]
        out.append((r["full_name"] or r["leader"], day.isoformat(), names))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    kb = load_kb()
    gold = gold_queries()
    missed = [(q, d) for q, d in gold if not hit(kb, q, d, [q])]
    print(f"gold leaders: {len(gold) - len(missed)}/{len(gold)} in the first 3")
    if args.show_misses:
        for q, d in missed:
            print(f"  missed {q!r} on {d}")
    sample = archigos_queries(args.sample, args.seed)
    amiss = [(q, d) for q, d, names in sample if not hit(kb, q, d, names)]
    share = (len(sample) - len(amiss)) / len(sample)
    print(f"archigos spells since 1945 (seed {args.seed}): {len(sample) - len(amiss)}/{len(sample)} ({share:.1%})")
    if args.show_misses:
        for q, d in amiss:
            print(f"  missed {q!r} on {d}")


if __name__ == "__main__":
    main()
