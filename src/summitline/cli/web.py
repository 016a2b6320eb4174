"""`summitline serve` (the web app) and `summitline report` (the chronology as one HTML file)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from . import arguments
from .common import add_db_flag, add_filter_flags, open_library


def port(text: str) -> int:
    """A TCP port, 1 to 65535."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r}: give a port number from 1 to 65535, such as 8000")
    return value


def tile_url(text: str) -> str:
    """A tile server's URL template: http(s), with {z}, {x} and {y}."""
    if not text.startswith(("http://", "https://")) or not all(k in text for k in ("{z}", "{x}", "{y}")):
        raise argparse.ArgumentTypeError(
            f"{text!r}: give a tile URL template with {{z}}, {{x}} and {{y}}, such as "
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
        )
    return text


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="the web app: chronology, meeting pages, map, tone over time, and a JSON API",
        description="Serve the library in a browser and as a JSON API (/openapi.json). Reads are open on "
        "127.0.0.1; writes (ingest, verdicts, removing documents) need SUMMITLINE_TOKEN. On another address "
        "reads need the token too, unless --public.",
    )
    add_db_flag(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=port, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--public", action="store_true", help="on an address other than 127.0.0.1, let anyone read")
    p.add_argument("--tiles", type=tile_url, metavar="URL", help="draw the map over tiles from this server")
    p.add_argument("--kb", metavar="DIR", type=Path, help="a folder of extra knowledge-base files")
    p.set_defaults(run=run_serve)

    p = sub.add_parser(
        "report",
        help="the chronology as one self-contained HTML file",
        description="Write the chronology (every matching meeting as a card, the map and the tone chart) as "
        "one HTML file with its styles, script and data inside: it opens offline and can be published as is.",
    )
    add_db_flag(p)
    p.add_argument("-o", "--output", type=Path, default=Path("chronology.html"), metavar="FILE",
                   help="where to write it (default chronology.html)")  # fmt: skip
    p.add_argument("--title", help="the page's title")
    add_filter_flags(p, other_side=False, limit=False)
    p.set_defaults(run=run_report)


def chronology_filter(args: argparse.Namespace) -> Any:
    from ..web.chronology import ChronologyFilter

    if args.date_from and args.date_to and arguments.first_day(args.date_from) > arguments.last_day(args.date_to):
        raise ConfigError(f"--from {args.date_from} is after --to {args.date_to}; give the earlier date to --from")
    return ChronologyFilter(
        leader=args.leader,
        country=args.country,
        date_from=args.date_from,
        date_to=args.date_to,
        format=args.meeting_format,
        topic=args.topic,
        q=args.search,
    )


def run_report(args: argparse.Namespace) -> int:
    from ..config import settings_from_env
    from ..kb import load_kb
    from ..web.report import chronology_report

    filt = chronology_filter(args)
    kb = load_kb(args.kb or settings_from_env().kb_dir)
    with open_library(args, write=False) as db:
        report = chronology_report(db, kb, filt, title=args.title)
    try:
        args.output.write_text(report.html, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{args.output}: cannot be written ({exc.strerror}); give another --output") from exc
    print(f"wrote {args.output}: {report.meetings} meeting(s); open {args.output.resolve().as_uri()}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ..config import database_target
    from ..web.access import is_loopback
    from ..web.app import ServeConfig, create_app

    if not is_loopback(args.host) and not args.public and not os.environ.get("SUMMITLINE_TOKEN"):
        raise ConfigError(
            f"--host {args.host} is reachable from other machines: set SUMMITLINE_TOKEN (readers then need it) "
            "or pass --public to let anyone read"
        )
    target = database_target(args.db)
    open_library(args, write=False).close()  # a library that cannot be read is one line now, not 500s later
    app = create_app(ServeConfig(db=target, host=args.host, public=args.public, tiles=args.tiles, kb_dir=args.kb))
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"summitline: serving {target} at http://{shown}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
