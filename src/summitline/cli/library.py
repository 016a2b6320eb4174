"""`summitline ingest`, `failures`, `timeline`, `show`, `stats`: the library from the command line."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from . import arguments
from .common import (
    add_db_flag,
    add_filter_flags,
    add_format_flag,
    add_read_flags,
    console,
    open_library,
    print_csv,
    print_json,
    settings_from_args,
)

TIMELINE_CSV_COLUMNS = [
    "id", "date", "leaders", "countries", "place", "country", "format", "status", "occasion", "topics",
    "sources", "conflicts", "findings",
]  # fmt: skip


def scheduler_address(text: str) -> str:
    """``--dask``: a Dask scheduler's address, ``tcp://HOST:PORT`` (or ``HOST:PORT``), with dask.distributed
    installed."""
    import re

    from ..cluster import INSTALL

    if not re.fullmatch(r"(?:(?:tcp|tls|ws|wss)://)?\[?[\w.:-]+\]?:\d{1,5}", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r}: give a Dask scheduler's address, such as tcp://HOST:8786")
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise argparse.ArgumentTypeError(f"needs dask.distributed, which is not installed: {INSTALL}") from None
    return text.strip()


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "ingest",
        help="add documents to the library and merge their meetings",
        description="Read files, directories (recursively), globs, URLs, JSONL files of documents, WARC "
        "files and standard input into the library, in worker processes. A document already there is skipped "
        "(read again with --force); one that cannot be used, fails unexpectedly or takes longer than "
        "--doc-timeout is recorded (see `summitline failures`) and the rest go on. An interrupted ingest run "
        "again goes on where it stopped. Exit status 1 when more sources failed than --max-failures allows.",
    )
    p.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="a file, a directory, a glob, an http(s) URL, a .jsonl, .warc or .warc.gz file, or - for standard "
        "input (WARC, JSONL or one document)",
    )
    add_db_flag(p)
    add_read_flags(p)
    p.add_argument(
        "--manifest",
        type=Path,
        metavar="FILE",
        help="a JSONL file of documents with their own publication dates, one a line: "
        '{"path": "a.txt", "published": "YYYY-MM-DD"} (or "url" for "path"; an optional "title"); paths are '
        "relative to the manifest's folder",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="read documents already in the library again and replace their mentions; the publication date, "
        "URL and title this ingest gives replace the stored ones",
    )
    p.add_argument(
        "--max-failures",
        type=arguments.failure_count,
        default=0,
        metavar="N",
        help="exit 0 even if up to N sources failed, as a crawl needs (default 0: any failure exits 1)",
    )
    p.add_argument(
        "--doc-timeout",
        type=arguments.seconds,
        metavar="SECONDS",
        help="most time to read and extract one document before it is recorded as failed (default 60; "
        "a guard against defects, enforced on POSIX systems)",
    )
    p.add_argument(
        "--workers",
        type=arguments.worker_count,
        metavar="N",
        help="processes that read and extract documents (default: the cores of this machine; 1 reads in this "
        "process; an ingest of fewer than 24 documents always does)",
    )
    p.add_argument(
        "--dask",
        type=scheduler_address,
        metavar="ADDRESS",
        help="read and extract on the workers of the Dask scheduler at ADDRESS (tcp://HOST:8786) instead of "
        "--workers; this process writes the library. Workers need the same summitline and --kb folder "
        "(pip install 'summitline[dask]')",
    )
    p.add_argument(
        "--store-text",
        choices=["full", "compressed", "none"],
        default="full",
        help="keep each document's text whole (default), compressed (zlib), or not at all (a crawl's library: "
        "evidence is kept with the meetings, but `reextract` cannot read such a document again)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar, only the summary")
    p.set_defaults(run=run_ingest)

    p = sub.add_parser("failures", help="list the documents that could not be used, with the reason")
    add_db_flag(p)
    add_format_flag(p)
    p.set_defaults(run=run_failures)

    p = sub.add_parser(
        "timeline",
        help="the merged chronology, filtered",
        description="The merged chronology of the library, one meeting per row, with the number of "
        "sources and any conflict between them.",
    )
    add_db_flag(p)
    add_filter_flags(p)
    add_format_flag(p, ("table", "json", "csv"))
    p.set_defaults(run=run_timeline)

    p = sub.add_parser("show", help="one meeting: every value, its sources and the evidence")
    p.add_argument("meeting_id", metavar="MEETING_ID")
    add_db_flag(p)
    add_format_flag(p)
    p.set_defaults(run=run_show)

    p = sub.add_parser("stats", help="meetings per pair of leaders and per year")
    add_db_flag(p)
    add_format_flag(p)
    p.set_defaults(run=run_stats)


def run_ingest(args: argparse.Namespace) -> int:
    from ..ingest import DEFAULT_DOC_TIMEOUT, default_workers, ingest
    from ..kb import load_kb
    from ..manifest import read_manifest

    if not args.sources and not args.manifest:
        raise ConfigError("give the documents to ingest: one or more SOURCE, or --manifest FILE")
    settings = settings_from_args(args)
    manifest = read_manifest(args.manifest) if args.manifest else []  # every line checked before any write
    limit = args.doc_timeout or DEFAULT_DOC_TIMEOUT
    how = {
        "manifest": manifest,
        "force": args.force,
        "doc_timeout": limit,
        "workers": args.workers or default_workers(),
        "store_text": args.store_text,
        "cluster": args.dask,
    }
    with open_library(args) as db:
        kb = load_kb(settings.kb_dir)
        if args.quiet or not sys.stderr.isatty():
            summary = ingest(db, args.sources, kb, settings, **how)
        else:
            summary = _ingest_with_progress(db, args.sources, kb, settings, how)
    reread = f"re-read {summary.reread}, " if args.force else ""
    no_meeting = f"no meeting possible {summary.no_meeting}, " if summary.no_meeting else ""
    print(
        f"read {summary.read}, new {summary.new}, {reread}skipped {summary.skipped} (already in the library), "
        f"failed {summary.failed}, {no_meeting}meetings found {summary.meetings_found}"
    )
    if summary.resumed:
        print(f"resumed {summary.resumed} input file(s) from where an earlier ingest stopped or finished")
    if summary.reread:
        from .manage import change_lines

        print("\n".join(f"re-read: {line}" for line in change_lines(summary.reread_changes)))
    for label, reason in summary.failures[:20]:
        print(f"  failed: {label}: {reason}", file=sys.stderr)
    if len(summary.failures) > 20:
        print(f"  … and {len(summary.failures) - 20} more: `summitline failures` lists them", file=sys.stderr)
    if summary.failed > args.max_failures:
        print(
            f"summitline: {summary.failed} source(s) failed, more than --max-failures {args.max_failures} allows "
            "(exit status 1); `summitline failures` lists every failure",
            file=sys.stderr,
        )
        return 1
    return 0


def _ingest_with_progress(db: Any, sources: list[str], kb: Any, settings: Any, how: dict[str, Any]) -> Any:
    """The ingest with a progress bar: documents done, documents per second, and the time left, estimated
    from the bytes of the input files read so far."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

    from ..ingest import ingest
    from ..read.streams import input_bytes

    total = input_bytes(sources, how["manifest"])
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console(sys.stderr), transient=True) as progress:
        task = progress.add_task("ingesting", total=total or None)
        started, count = time.monotonic(), [0]

        def tick(label: str, outcome: str) -> None:
            count[0] += 1
            rate = count[0] / max(time.monotonic() - started, 1e-6)
            progress.update(task, description=f"{count[0]} documents, {rate:.1f}/s  {outcome:>10} {label[-50:]}")

        def advance(done: int) -> None:
            progress.update(task, completed=done)

        return ingest(db, sources, kb, settings, on_progress=tick, on_advance=advance, **how)


def run_failures(args: argparse.Namespace) -> int:
    from ..store.library import failures

    with open_library(args, write=False) as db:
        rows = failures(db)
    if args.format == "json":
        print_json(rows)
    elif not rows:
        print("no failures")
    else:
        for r in rows:
            print(f"{r['at']}  {r['source']}: {r['reason']}")
    return 0


def run_timeline(args: argparse.Namespace) -> int:
    from ..config import settings_from_env
    from ..kb import load_kb
    from ..store.queries import NotFoundError, TimelineQuery, country_code, leader_for_filter, timeline, topic_id

    if args.date_from and args.date_to and arguments.first_day(args.date_from) > arguments.last_day(args.date_to):
        raise ConfigError(f"--from {args.date_from} is after --to {args.date_to}; give the earlier date to --from")
    kb = load_kb(args.kb or settings_from_env().kb_dir)
    topics = [topic_id(kb, name) for name in args.topic]
    query = TimelineQuery(
        date_from=args.date_from,
        date_to=args.date_to,
        formats=args.meeting_format,
        topics=topics,
        limit=args.limit,
        search=args.search,
    )
    for name in args.leader:
        query.leaders.append(leader_for_filter(kb, name, args.date_from, args.date_to))
    for name in args.country:
        query.countries.append(country_code(kb, name))
    for name in args.with_:
        try:
            query.countries.append(country_code(kb, name))
        except NotFoundError:
            query.leaders.append(leader_for_filter(kb, name, args.date_from, args.date_to))
    with open_library(args, write=False) as db:
        items = timeline(db, query)
    if args.format == "json":
        print_json(items)
    elif args.format == "csv":
        rows = [_flat(i) for i in items]
        print_csv(rows, TIMELINE_CSV_COLUMNS)
    else:
        _timeline_table(items)
    return 0


def _flat(item: dict[str, Any]) -> dict[str, Any]:
    place = item.get("place") or {}
    return {
        "id": item["id"],
        "date": item["date"],
        "leaders": "; ".join(p["name"] for p in item["participants"]),
        "countries": "; ".join(p.get("country") or "" for p in item["participants"]),
        "place": place.get("name"),
        "country": place.get("country"),
        "format": item["format"],
        "status": item["status"],
        "occasion": item.get("occasion"),
        "topics": "; ".join(item.get("topics", [])),
        "sources": item["source_count"],
        "conflicts": len(item.get("conflicts", [])),
        "findings": len(item.get("findings", [])),
    }


def _timeline_table(items: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(title=f"{len(items)} meeting(s)")
    for col in ("ID", "Date", "Leaders", "Place", "Format", "Sources", "Conflicts / findings"):
        table.add_column(col, overflow="fold")
    for i in items:
        f = _flat(i)
        notes = [f"{_conflict_label(c)}: " + " vs ".join(c["values"]) for c in i.get("conflicts", [])]
        notes += [
            f"{x['severity']}{confidence_note(x)}: {x['message']}" + verdict_note(x)
            for x in i.get("findings", [])
            if x["severity"] != "info"
        ]
        place = f"{f['place']} ({f['country']})" if f["place"] else ""
        table.add_row(
            f["id"],
            f["date"],
            " – ".join(p["name"] for p in i["participants"]),
            place,
            i["format"].replace("_", " ") + (" (planned)" if i["status"] == "planned" else ""),
            str(f["sources"]),
            "\n".join(notes),
        )
    console().print(table)


def _conflict_label(conflict: dict[str, Any]) -> str:
    """ "date", or "office of Vladimir Putin"."""
    return f"{conflict['field']} of {conflict['name']}" if conflict.get("name") else str(conflict["field"])


def verdict_note(finding: dict[str, Any]) -> str:
    """ " (dismissed by hand: the caption is right)", or nothing when no verdict was recorded."""
    verdict = finding.get("verdict")
    if not verdict:
        return ""
    return f" ({verdict['verdict']} by hand" + (f": {verdict['note']})" if verdict.get("note") else ")")


def confidence_note(finding: dict[str, Any]) -> str:
    """ " 0.95", or nothing for a finding stored before findings had a confidence (`check` computes it)."""
    sure = finding.get("confidence")
    return "" if sure is None else f" {sure:.2f}"


def run_show(args: argparse.Namespace) -> int:
    from rich.markup import escape

    from ..store.queries import show

    with open_library(args, write=False) as db:
        item = show(db, args.meeting_id)
    if args.format == "json":
        print_json(item)
        return 0
    out = console()
    place = item.get("place") or {}
    if item.get("merged_from"):
        out.print(f"{item['merged_from']} was merged into {item['id']}: their sources report the same meeting")
    out.print(f"[bold]{item['id']}[/bold]  {item['date']}  " + " – ".join(p["name"] for p in item["participants"]))
    out.print(
        f"place: {place.get('name')} ({place.get('country')})   format: {item['format']}   "
        f"status: {item['status']}   occasion: {item.get('occasion')}"
    )
    for c in item.get("conflicts", []):
        out.print(
            f"[yellow]conflict[/yellow] {escape(_conflict_label(c))}: "
            + "; ".join(f"{v} (documents {', '.join(map(str, d))})" for v, d in c["values"].items())
        )
    for x in item.get("findings", []):
        record, said = escape(x.get("record") or ""), escape(x.get("reasoning") or x["message"])
        out.print(
            f"[red]{x['severity']}[/red]{confidence_note(x)} {x['field']}: {said} \\[{record}]"
            f"{escape(verdict_note(x))}  (finding {x['id']})"
        )
    for m in item["mentions"]:
        src = m.get("url") or m.get("path") or f"document {m['document_id']}"
        out.print(f"\n[bold]source[/bold] {src}: {m['date']}, {(m.get('place') or {}).get('name')}, {m['format']}")
        for ev in m["evidence"]:
            if ev["field"] in ("date", "place", "participants", "format", "summary"):
                out.print(f"  {ev['field']:>12}: {ev['text']}", markup=False, highlight=False)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from ..store.queries import stats

    with open_library(args, write=False) as db:
        data = stats(db)
    if args.format == "json":
        print_json(data)
        return 0
    t = data["totals"]
    print(", ".join(f"{k} {v}" for k, v in t.items()))
    print("\nmeetings per pair of leaders:")
    for p in data["pairs"]:
        print(f"  {p['meetings']:>4}  {' – '.join(p['leaders'])}  ({p['first'][:4]}–{p['last'][:4]})")
    print("\nmeetings per year:")
    for y in data["years"]:
        print(f"  {y['year']}  {y['meetings']}")
    return 0
