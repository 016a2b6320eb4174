"""`summitline check`, `gaps`, `reference fetch|import`: the library against the record."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import arguments
from .common import add_db_flag, add_format_flag, console, open_library, print_json
from .library import confidence_note, verdict_note

DEFAULT_REFERENCE_DIR = Path("~/.cache/summitline/reference")


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check meetings against summits, terms of office and the Historian's records",
        description="Compare each meeting's date, place and stated titles with the summits of the knowledge "
        "base, the leaders' terms of office and the imported travel and visit records (see `summitline "
        "reference`). Each meeting gets a verdict (contradicted, supported, or unchecked with the reason the "
        "records cannot tell); each finding a confidence from 0 to 1 and its reasoning in one sentence. "
        "Findings are stored and shown by `timeline` and `show`.",
    )
    p.add_argument("meeting_ids", nargs="*", metavar="MEETING_ID", help="meetings to check (default: all)")
    add_db_flag(p)
    add_format_flag(p)
    p.set_defaults(run=run_check)

    p = sub.add_parser(
        "verdict",
        help="mark a finding confirmed or dismissed by hand, with a note",
        description="Record a verdict on a finding, by the id `show`, `timeline --format json` and `check` "
        "give it (MEETING_ID.DIGEST). The verdict is kept when findings are computed again and when the "
        "meeting is merged again or into another; `show`, `timeline` and `check` show it, and a meeting whose "
        "warnings are all dismissed is not contradicted. A second verdict on the same finding replaces the first.",
    )
    p.add_argument("finding_id", metavar="FINDING_ID", help="a finding's id, such as m2bcd7eddad.d8a49545")
    p.add_argument("verdict", choices=["confirmed", "dismissed"], help="confirmed or dismissed")
    p.add_argument("--note", metavar="TEXT", help="why: kept with the verdict and shown with it")
    add_db_flag(p)
    add_format_flag(p)
    p.set_defaults(run=run_verdict)

    p = sub.add_parser(
        "gaps",
        help="meetings the records show that no source reports, and the reverse",
        description="List the meetings in the imported records with leaders the library knows that no "
        "ingested source reports, and the meetings sources report within the records' scope that the "
        "records do not show.",
    )
    add_db_flag(p)
    add_format_flag(p)
    p.set_defaults(run=run_gaps)

    p = sub.add_parser("reference", help="download or import the reference records")
    ref = p.add_subparsers(dest="reference_command", metavar="SUBCOMMAND", required=True)
    f = ref.add_parser(
        "fetch",
        help="download the Office of the Historian's travel and visit records",
        description="Download the public HistoryAtState/travels and HistoryAtState/visits archives and keep "
        "their XML record files in a folder, ready for `summitline reference import`.",
    )
    f.add_argument("--dest", type=Path, metavar="DIR", help=f"where to write them (default {DEFAULT_REFERENCE_DIR})")
    f.add_argument("--base-url", metavar="URL", help="where the repositories live (default https://github.com)")
    f.add_argument("--allow-private", action="store_true", help="allow a base URL on a private or loopback address")
    f.add_argument("--timeout", type=arguments.seconds, metavar="SECONDS", help="download timeout (default 60)")
    f.set_defaults(run=run_fetch)
    i = ref.add_parser("import", help="read a folder of records into the library (again: adds nothing)")
    i.add_argument("folder", type=Path, metavar="DIR", help="the folder `reference fetch` wrote, or a copy")
    add_db_flag(i)
    i.set_defaults(run=run_import)


def _kb() -> Any:
    from ..config import settings_from_env
    from ..kb import load_kb

    return load_kb(settings_from_env().kb_dir)


def run_check(args: argparse.Namespace) -> int:
    from ..check import check_report
    from ..check.records import count_records

    db = open_library(args)
    try:
        if not count_records(db):
            print(
                "note: no reference records in the library; `summitline reference fetch` and "
                "`summitline reference import DIR` add them",
                file=sys.stderr,
            )
        ids = args.meeting_ids or None
        report = check_report(db, _kb(), ids)
    finally:
        db.close()
    if args.format == "json":
        print_json(report, sys.stdout)
        return 0
    _check_table(report)
    return 0


def _check_table(report: list[dict[str, Any]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    counts = {v: sum(1 for m in report if m["verdict"] == v) for v in ("contradicted", "supported", "unchecked")}
    table = Table(title=f"{len(report)} meeting(s) checked: " + ", ".join(f"{n} {v}" for v, n in counts.items()))
    for col in ("ID", "Date", "Leaders", "Verdict", "Findings"):
        table.add_column(col, overflow="fold")
    for m in report:
        notes = [
            f"{f['severity']}{confidence_note(f)}: {f['reasoning'] or f['message']}{verdict_note(f)} ({f['id']})"
            for f in m["findings"]
        ]
        verdict = m["verdict"] + confidence_note(m)
        if m["verdict"] == "unchecked":
            notes.insert(0, m["reason"])
        table.add_row(m["id"], m["date"], " – ".join(m["leaders"]), verdict, escape("\n".join(notes)))
    console(sys.stdout).print(table)


def run_verdict(args: argparse.Namespace) -> int:
    from ..store.verdicts import set_verdict

    with open_library(args) as db:
        finding = set_verdict(db, args.finding_id, args.verdict, args.note)
    if args.format == "json":
        print_json(finding, sys.stdout)
        return 0
    print(f"{finding['id']}: {args.verdict}" + (f": {args.note}" if args.note else ""))
    print(f"  {finding['severity']} on {finding['field']}: {finding['message']}")
    return 0


def run_gaps(args: argparse.Namespace) -> int:
    from ..check import find_gaps

    db = open_library(args, write=False)
    try:
        gaps = find_gaps(db, _kb())
    finally:
        db.close()
    if args.format == "json":
        print_json(gaps, sys.stdout)
        return 0
    if not gaps["coverage"]:
        print("no reference records in the library; `summitline reference fetch` and `reference import` add them")
        return 0
    out = console(sys.stdout)
    out.print(f"[bold]In the records, reported by no source[/bold] ({len(gaps['missing_from_sources'])})")
    for e in gaps["missing_from_sources"]:
        out.print(
            f"  {e['dates']}  {' – '.join(e['leaders'])}  {e['place']}  [{e['record']}] {e['remarks']}",
            markup=False,
            highlight=False,
        )
    out.print(f"\n[bold]Reported by sources, not in the records[/bold] ({len(gaps['missing_from_records'])})")
    for e in gaps["missing_from_records"]:
        out.print(
            f"  {e['date']}  {' – '.join(e['leaders'])}  {e['place']}  {e['meeting_id']}: no {e['expected']}",
            markup=False,
            highlight=False,
        )
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    from ..check.records import DEFAULT_BASE_URL, fetch_records
    from ..config import settings_from_env

    settings = settings_from_env()
    dest = (args.dest or DEFAULT_REFERENCE_DIR).expanduser()
    summary = fetch_records(
        dest,
        args.base_url or DEFAULT_BASE_URL,
        timeout=args.timeout or 60.0,
        allow_private=args.allow_private or settings.allow_private,
    )
    files = ", ".join(f"{n} files in {name}" for name, n in summary.files.items())
    print(f"wrote {files} under {summary.dest}; now run: summitline reference import {summary.dest}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..check import import_records
    from ..check.records import count_records

    db = open_library(args)
    try:
        added = import_records(db, args.folder, _kb())
        total = count_records(db)
    finally:
        db.close()
    print(f"added {added} record(s); the library holds {total}")
    return 0
