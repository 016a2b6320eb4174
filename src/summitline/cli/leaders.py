"""`summitline leaders QUERY`: what the knowledge base knows about a leader."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from . import arguments
from .common import add_format_flag, console, print_json


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "leaders",
        help="look a leader up in the knowledge base: name, office, country, term, source",
        description="People whose name or alias agrees with QUERY (accents, case and titles ignored), the "
        "best match first. With --on, those in office on that date come first and the office shown is "
        "the one held then.",
    )
    p.add_argument("query", metavar="QUERY", help="a name, a surname or an id ('Boric', 'King Felipe VI')")
    p.add_argument(
        "--on", type=arguments.date_or_span, metavar="DATE", help="a date: YYYY, YYYY-MM, YYYY-MM-DD or START/END"
    )
    p.add_argument("--country", metavar="CC", help="only people who held office in this country (code or name)")
    p.add_argument("--limit", type=arguments.limit, default=10, metavar="N", help="at most N people (default 10)")
    p.add_argument("--kb", metavar="DIR", type=Path, help="a folder of extra knowledge-base files")
    add_format_flag(p)
    p.set_defaults(run=run_leaders)


def run_leaders(args: argparse.Namespace) -> int:
    from ..config import settings_from_env
    from ..kb import load_kb
    from ..kb.lookup import find_leaders
    from ..store.queries import country_code

    kb = load_kb(args.kb or settings_from_env().kb_dir)
    code = country_code(kb, args.country) if args.country else None
    found = [m.as_dict() for m in find_leaders(kb, args.query, on=args.on, country=code, limit=args.limit)]
    if args.format == "json":
        print_json(found)
        return 0
    if not found:
        print(f"no leader called {args.query!r} in the knowledge base")
        return 1
    from rich.table import Table

    table = Table("name", "office", "country", "term", "in office" if args.on else "", "id")
    for m in found:
        term = f"{m['start'] or '?'} – {m['end'] or 'now'}" if m["office"] else ""
        here = {True: "yes", False: "no", None: ""}[m["in_office"]]
        table.add_row(m["name"], m["office"] or "", m["country"] or "", term, here, m["id"])
    console().print(table)
    return 0
