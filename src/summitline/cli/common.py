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
