"""Do a library's meeting ids, findings and hand verdicts survive more sources? (issue 8)

The scenario: the founding article ingested, the reference records imported, `check` run, the ids taken
from the timeline and one finding dismissed by hand; then ``corpus/dev``, ``dev2`` and ``dev3`` ingested,
without running `check` again. Prints how many of the first ids resolve (`show`) to the same leaders on an
overlapping date (the date the meeting is listed under or one its sources state), how many of the first
findings are still there, and whether the dismissed finding is still dismissed:

    first: 18 meetings, 25 findings; dismissed m2bcd7eddad.d8a49545
    ingested 41 documents (0 failed) in 0.34 s: the library holds 95 meetings
    ids: 18 of 18 resolve (18 as themselves, 0 through an alias), 18 of 18 to the same leaders on an overlapping date
    findings: 25 of 25 first findings still there (32 now on these meetings); dismissed still dismissed: yes

    python bench/stable_ids.py [--shared ../shared] [--db TARGET] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from summitline.check import check_meetings, import_records
from summitline.config import Settings
from summitline.ingest import ingest
from summitline.kb import load_kb
from summitline.merge import date_interval
from summitline.store import Database, open_database
from summitline.store.queries import NotFoundError, TimelineQuery, show, timeline
from summitline.store.verdicts import set_verdict

SEED = "seeds/000_a39ee73e12a900c8.txt"


def _key(f: dict[str, Any]) -> tuple[str, str, str, str]:
    return (f["check_name"], f["field"], f["record"] or "", f["stated"] or "")


def _overlaps(day: str, item: dict[str, Any]) -> bool:
    a0, a1 = date_interval(day)
    stated = [v for c in item["conflicts"] if c["field"] == "date" for v in c["values"]]
    return any(a0 <= date_interval(d)[1] and date_interval(d)[0] <= a1 for d in [item["date"], *stated])


def scenario(db: Database, shared: Path) -> dict[str, Any]:
    kb = load_kb()
    ingest(db, [str(shared / SEED)], kb, Settings())
    import_records(db, shared / "reference", kb)
    check_meetings(db, kb)
    first = timeline(db, TimelineQuery())
    warnings = [f for i in first for f in i["findings"] if f["severity"] == "warning"]
    dismissed = next((f for f in warnings if f["check_name"] == "gathering"), warnings[0] if warnings else None)
    if dismissed:
        set_verdict(db, dismissed["id"], "dismissed", "bench/stable_ids.py")

    start = time.perf_counter()
    summary = ingest(db, [str(shared / "corpus" / name) for name in ("dev", "dev2", "dev3")], kb, Settings())
    seconds = time.perf_counter() - start

    out: dict[str, Any] = {"first_ids": len(first), "first_findings": sum(len(i["findings"]) for i in first)}
    out |= {"ingested": summary.new, "failed": summary.failed, "seconds": round(seconds, 2)}
    out["meetings_now"] = len(timeline(db, TimelineQuery()))
    resolved = same = aliased = kept = now = 0
    for item in first:
        try:
            shown = show(db, item["id"])
        except NotFoundError:
            continue
        resolved += 1
        aliased += shown["merged_from"] is not None
        same_leaders = {p["id"] for p in shown["participants"]} == {p["id"] for p in item["participants"]}
        same += same_leaders and _overlaps(item["date"], shown)
        said = {_key(f) for f in shown["findings"]}
        kept += sum(_key(f) in said for f in item["findings"])
        now += len(shown["findings"])
    out |= {"resolved": resolved, "through_alias": aliased, "same_leaders_overlapping_date": same}
    out |= {"first_findings_kept": kept, "findings_now": now, "dismissed": dismissed and dismissed["id"]}
    out["dismissed_kept"] = bool(dismissed) and _still_dismissed(db, dismissed["id"])
    return out


def _still_dismissed(db: Database, finding: str) -> bool:
    try:
        shown = show(db, finding.rpartition(".")[0])
    except NotFoundError:
        return False
    digest = finding.rpartition(".")[2]
    return any(
        f["id"].endswith("." + digest) and (f["verdict"] or {}).get("verdict") == "dismissed" for f in shown["findings"]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--db", help="a new, empty library to use (default: a temporary SQLite file)")
    parser.add_argument("--json", action="store_true", help="print one JSON line of the results at the end")
    args = parser.parse_args(argv)
    if not (args.shared / SEED).is_file():
        print(f"{args.shared}: no shared corpus there; give --shared DIR", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="summitline-ids-") as tmp:
        with open_database(args.db or Path(tmp) / "library.db") as db:
            r = scenario(db, args.shared)
    print(f"first: {r['first_ids']} meetings, {r['first_findings']} findings; dismissed {r['dismissed']}")
    print(
        f"ingested {r['ingested']} documents ({r['failed']} failed) in {r['seconds']} s: "
        f"the library holds {r['meetings_now']} meetings"
    )
    print(
        f"ids: {r['resolved']} of {r['first_ids']} resolve ({r['resolved'] - r['through_alias']} as themselves, "
        f"{r['through_alias']} through an alias), {r['same_leaders_overlapping_date']} of {r['first_ids']} to "
        "the same leaders on an overlapping date"
    )
    print(
        f"findings: {r['first_findings_kept']} of {r['first_findings']} first findings still there "
        f"({r['findings_now']} now on these meetings); dismissed still dismissed: "
        + ("yes" if r["dismissed_kept"] else "no")
    )
    if args.json:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
