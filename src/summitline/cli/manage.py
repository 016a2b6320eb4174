"""`summitline remove` and `summitline reextract`: correcting the library's documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from . import arguments
from .common import add_db_flag, add_format_flag, console, open_library, print_json

DOC_HELP = "a document's id, its sha256 (8 or more hex digits of it), or its path or URL as ingested"


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "remove",
        help="take documents out of the library, as if they had never been ingested",
        description="Remove documents with their mentions. Meetings left with no source are removed; the "
        "others are merged again, keep their ids and are checked again. When one DOC names no document (or "
        "several), nothing is removed.",
    )
    p.add_argument("documents", nargs="+", metavar="DOC", help=DOC_HELP)
    add_db_flag(p)
    add_format_flag(p)
    p.set_defaults(run=run_remove)

    p = sub.add_parser(
        "reextract",
        help="extract stored documents again with the current extractor and knowledge base",
        description="Run the extractor on the text the library stored (after an upgrade, a change to the "
        "knowledge base, or a corrected publication date), replace the documents' mentions, merge and check "
        "the meetings they reach, and list what changed. Documents keep their publication date, source and "
        "URL; meetings keep their ids and the verdicts recorded on their findings.",
    )
    p.add_argument("documents", nargs="*", metavar="DOC", help=DOC_HELP)
    p.add_argument("--all", action="store_true", help="every document of the library")
    add_db_flag(p)
    p.add_argument("--kb", metavar="DIR", type=Path, help="a folder of extra knowledge-base files")
    p.add_argument(
        "--doc-timeout",
        type=arguments.seconds,
        metavar="SECONDS",
        help="most time to extract one document before it is left as it was and listed as failed (default 60)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar, only the summary")
    add_format_flag(p)
    p.set_defaults(run=run_reextract)


def run_remove(args: argparse.Namespace) -> int:
    from ..config import settings_from_env
    from ..kb import load_kb
    from ..manage import remove

    with open_library(args) as db:
        done = remove(db, args.documents, load_kb(settings_from_env().kb_dir))
    if args.format == "json":
        print_json({"documents": done.documents, "meetings": done.meetings.to_dict()})
        return 0
    print(f"removed {len(done.documents)} document(s):")
    for d in done.documents:
        print(f"  {d['id']}  {d['sha256'][:12]}  {d['url'] or d['path'] or d['source']}")
    for line in change_lines(done.meetings):
        print(line)
    return 0


def run_reextract(args: argparse.Namespace) -> int:
    from ..config import settings_from_env
    from ..ingest import DEFAULT_DOC_TIMEOUT
    from ..kb import load_kb
    from ..manage import documents_to_reextract, reextract

    if args.all == bool(args.documents):
        raise ConfigError("give the documents to extract again (DOC…) or --all, one of them")
    with open_library(args) as db:
        kb = load_kb(args.kb or settings_from_env().kb_dir)
        ids = documents_to_reextract(db, None if args.all else args.documents)
        limit = args.doc_timeout or DEFAULT_DOC_TIMEOUT
        if args.quiet or not sys.stderr.isatty() or len(ids) < 2:
            summary = reextract(db, kb, ids, doc_timeout=limit)
        else:
            summary = _with_progress(db, kb, ids, limit)
    if args.format == "json":
        print_json(
            {
                "documents": summary.documents,
                "documents_changed": summary.changed,
                "mentions_before": summary.mentions_before,
                "mentions_after": summary.mentions_after,
                "meetings": summary.meetings.to_dict(),
                "failures": [{"document": label, "reason": reason} for label, reason in summary.failures],
            }
        )
    else:
        print(
            f"re-read {summary.documents} document(s), {summary.changed} with new mentions; mentions "
            f"{summary.mentions_before} before, {summary.mentions_after} after"
        )
        for line in change_lines(summary.meetings):
            print(line)
    for label, reason in summary.failures:
        print(f"  failed: {label}: {reason} (left as it was)", file=sys.stderr)
    return 1 if summary.failures else 0


def _with_progress(db: Any, kb: Any, ids: list[int], doc_timeout: float) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from ..manage import reextract

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console(sys.stderr), transient=True) as progress:
        task = progress.add_task("extracting again", total=len(ids))

        def tick(label: str, outcome: str) -> None:
            progress.update(task, advance=1, description=f"{outcome:>7} {label[-60:]}")

        return reextract(db, kb, ids, on_progress=tick, doc_timeout=doc_timeout)


def change_lines(changes: Any) -> list[str]:
    """What happened to the meetings, one line per kind of change, with the ids; "meetings: no change"."""
    if not changes:
        return ["meetings: no change"]
    lines = []
    if changes.added:
        lines.append(f"meetings added ({len(changes.added)}): " + ", ".join(sorted(changes.added)))
    if changes.removed:
        lines.append(f"meetings removed ({len(changes.removed)}): " + ", ".join(sorted(changes.removed)))
    if changes.changed:
        listed = ", ".join(f"{mid} ({', '.join(sorted(f))})" for mid, f in sorted(changes.changed.items()))
        lines.append(f"meetings changed ({len(changes.changed)}): {listed}")
    return lines
