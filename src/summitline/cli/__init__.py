"""The command line: parse flags, call one library function, print the result.

A bad flag or value (checked as it is parsed, see ``arguments.py``) and an error raised by the library both
become one line on stderr and exit status 2. ``ingest`` exits 1 when more sources failed than
``--max-failures`` allows.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import SummitlineError
from . import check as check_cmd
from . import export as export_cmd
from . import extract as extract_cmd
from . import leaders as leaders_cmd
from . import library as library_cmd
from . import manage as manage_cmd
from . import web as web_cmd
from .arguments import Parser


def build_parser() -> Parser:
    parser = Parser(
        prog="summitline",
        description="Turn news coverage into a verified, evidence-linked chronology of meetings between "
        "national leaders.",
    )
    parser.add_argument("--version", action="version", version=f"summitline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    extract_cmd.add_parser(sub)
    library_cmd.add_parsers(sub)
    manage_cmd.add_parsers(sub)
    check_cmd.add_parsers(sub)
    leaders_cmd.add_parsers(sub)
    web_cmd.add_parsers(sub)
    export_cmd.add_parsers(sub)
    return parser


_ONE_DOCUMENT = frozenset({"extract", "leaders"})  # commands that end after one document or one lookup


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_command(argv)
    if not args.command:
        parser.print_help()
        return 0
    if args.command not in _ONE_DOCUMENT:
        gc.enable()  # many documents, or a server: collect as usual (the launcher starts with it off)
    try:
        return int(args.run(args) or 0)
    except SummitlineError as exc:
        print(f"summitline: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("summitline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
