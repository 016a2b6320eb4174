"""Flags shared by several commands, and output helpers."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from . import arguments


def add_db_flag(p: Any) -> None:
    p.add_argument(
        "--db",
        metavar="PATH|URL",
        help="library database: a SQLite file or a postgresql:// URL (default: $SUMMITLINE_DB or ./summitline.db)",
    )


def add_format_flag(p: Any, choices: tuple[str, ...] = ("table", "json")) -> None:
    p.add_argument(
        "-f",
        "--format",
        choices=list(choices),
        default="table",
        help="output: " + ", ".join(choices) + " (default table)",
    )


def add_read_flags(p: Any) -> None:
    p.add_argument(
        "--published",
        type=arguments.day,
        metavar="DATE",
        help="publication date (YYYY-MM-DD) to resolve 'on Friday' or 'last month' against, for documents without one",
    )
    p.add_argument("--kb", metavar="DIR", type=Path, help="a folder of extra knowledge-base files")
    p.add_argument(
        "--max-bytes", type=arguments.byte_count, metavar="N", help="largest document accepted (default 50 MB)"
    )
    p.add_argument("--timeout", type=arguments.seconds, metavar="SECONDS", help="URL fetch timeout (default 20)")
    p.add_argument(
        "--allow-private",
        action="store_true",
        default=None,
        help="allow fetching URLs on private or loopback addresses",
    )


def settings_from_args(args: Any) -> Any:
    """Settings from the environment, then the reading flags (their values were checked as they were parsed)."""
    from ..config import settings_from_env

    return settings_from_env().with_(
        kb_dir=args.kb,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        allow_private=args.allow_private,
        published=args.published,
    )


def open_library(args: Any, write: bool = True) -> Any:
    """The library ``--db`` names; ``write=False`` for commands that only read (a read-only library works,
    and a missing one is an error rather than a new empty one)."""
    from ..config import database_target
    from ..store import open_database

    return open_database(database_target(getattr(args, "db", None)), write=write)


def print_json(data: Any, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))  # one write, not one per token
    out.write("\n")


def print_csv(rows: list[dict[str, Any]], columns: list[str], out: TextIO | None = None) -> None:
    writer = csv.DictWriter(out or sys.stdout, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k) for k in columns})


def console(out: TextIO | None = None) -> Any:
    from rich.console import Console

    out = out or sys.stdout
    return Console(file=out, width=max(100, Console(file=out).width))


def add_filter_flags(p: Any, *, other_side: bool = True, limit: bool = True) -> None:
    """The chronology's filters, as `summitline timeline`, `export` and `report` take them."""
    p.add_argument("--leader", action="append", default=[], metavar="NAME", help="a leader who took part (repeatable)")
    if other_side:
        p.add_argument(
            "--with",
            dest="with_",
            action="append",
            default=[],
            metavar="NAME",
            help="the other side: a country ('united states', US) or a leader (repeatable)",
        )
    p.add_argument("--country", action="append", default=[], metavar="CC", help="a country that took part (repeatable)")
    p.add_argument(
        "--from",
        dest="date_from",
        type=arguments.date_value,
        metavar="DATE",
        help="meetings on or after DATE (YYYY[-MM[-DD]])",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        type=arguments.date_value,
        metavar="DATE",
        help="meetings on or before DATE (YYYY[-MM[-DD]])",
    )
    p.add_argument(
        "--meeting-format",
        action="append",
        default=[],
        choices=["in_person", "video_call", "phone_call"],
        help="only meetings of this format (repeatable)",
    )
    p.add_argument(
        "--topic",
        action="append",
        default=[],
        metavar="TOPIC",
        help="only meetings on this topic: an id or label of the knowledge base's topics (repeatable)",
    )
    p.add_argument(
        "--search",
        type=arguments.search_text,
        metavar="TEXT",
        help='only meetings a full-text search of summaries, quotes and source titles finds: words, "a phrase", '
        "a OR b, -word",
    )
    if limit:
        p.add_argument("--limit", type=arguments.limit, metavar="N", help="at most N meetings (1 or more)")
    p.add_argument("--kb", metavar="DIR", type=Path, help="a folder of extra knowledge-base files")
