"""`summitline export`: the chronology, filtered as `summitline timeline` filters it, to a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from . import arguments
from .common import add_db_flag, add_filter_flags, open_library

EXPORT_FORMATS = ("csv", "json", "parquet", "geojson", "timelinejs", "ics")


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="write the chronology to a file: CSV, JSON, Parquet, GeoJSON, TimelineJS or iCalendar",
        description="Write the meetings that match the filters (those of `summitline timeline`) to a file, "
        "one row, map feature, timeline slide or calendar event per meeting, with its leaders and offices, "
        "date, place and coordinates, sources, conflicts and findings.",
    )
    p.add_argument("--format", dest="export_format", required=True, choices=EXPORT_FORMATS, help="the file's format")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="the file to write (replaced)")
    add_db_flag(p)
    add_filter_flags(p)
    p.set_defaults(run=run_export)


def timeline_query(args: argparse.Namespace) -> Any:
    """The :class:`TimelineQuery` of the timeline's filter flags, names resolved with the knowledge base."""
    from ..config import settings_from_env
    from ..kb import load_kb
    from ..store.queries import NotFoundError, TimelineQuery, country_code, leader_for_filter, topic_id

    if args.date_from and args.date_to and arguments.first_day(args.date_from) > arguments.last_day(args.date_to):
        raise ConfigError(f"--from {args.date_from} is after --to {args.date_to}; give the earlier date to --from")
    kb = load_kb(args.kb or settings_from_env().kb_dir)
    query = TimelineQuery(
        date_from=args.date_from,
        date_to=args.date_to,
        formats=args.meeting_format,
        topics=[topic_id(kb, name) for name in args.topic],
        limit=args.limit,
        search=args.search,
    )
    for name in args.leader:
        query.leaders.append(leader_for_filter(kb, name, args.date_from, args.date_to))
    query.countries.extend(country_code(kb, name) for name in args.country)
    for name in args.with_:
        try:
            query.countries.append(country_code(kb, name))
        except NotFoundError:
            query.leaders.append(leader_for_filter(kb, name, args.date_from, args.date_to))
    return query


def run_export(args: argparse.Namespace) -> int:
    from ..export import export_meetings

    query = timeline_query(args)
    with open_library(args, write=False) as db:
        result = export_meetings(db, query, args.export_format, args.output)
    left_out = result.meetings - result.written
    note = f" ({left_out} without a place to pin on the map left out)" if left_out else ""
    print(f"wrote {result.written} of {result.meetings} meeting(s) to {result.path} ({result.format}){note}")
    return 0
