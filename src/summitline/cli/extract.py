"""`summitline extract SOURCE`: one document in, its meetings out."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="list the meetings one document reports",
        description="Read one document (a text or HTML file, '-' for stdin, or an http(s) URL) and list "
        "the meetings between national leaders it reports, with evidence for every field.",
    )
    p.add_argument("source", help="a .txt or .html file, '-' for standard input, or an http(s) URL")
    p.add_argument(
        "-f",
        "--format",
        choices=["table", "json", "jsonl"],
        default="table",
        help="output: a readable table (default), the JSON contract, or one JSON line per meeting",
    )
    p.add_argument(
        "--published",
        metavar="DATE",
        help="publication date (YYYY-MM-DD) to resolve 'on Friday' or 'last month' against",
    )
    p.add_argument(
        "--show-text", action="store_true", help="print the extracted text that evidence offsets refer to, then stop"
    )
    p.add_argument("--kb", metavar="DIR", type=Path, help="a folder of extra knowledge-base files")
    p.add_argument("--max-bytes", type=int, metavar="N", help="largest document accepted (default 50 MB)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="URL fetch timeout (default 20)")
    p.add_argument(
        "--allow-private",
        action="store_true",
        default=None,
        help="allow fetching URLs on private or loopback addresses",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..config import settings_from_env
    from ..pipeline import extract

    if args.published:
        try:
            date.fromisoformat(args.published)
        except ValueError:
            raise InputError(f"--published {args.published!r}: give a date as YYYY-MM-DD") from None
    if args.max_bytes is not None and args.max_bytes <= 0:
        raise InputError("--max-bytes must be a positive number of bytes")
    settings = settings_from_env().with_(
        kb_dir=args.kb,
        max_bytes=args.max_bytes,
        timeout=args.timeout,
        allow_private=args.allow_private,
        published=args.published,
    )
    source: Path | str | bytes
    if args.source == "-":
        source = sys.stdin.buffer.read()
    elif args.source.startswith(("http://", "https://")):
        source = args.source
    else:
        source = Path(args.source)
    result = extract(source, settings=settings)
    try:
        out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    except OSError as exc:
        raise InputError(f"{args.output}: cannot be written ({exc.strerror}); check the folder exists") from exc
    try:
        if args.show_text:
            out.write(result.document.text + "\n")
        elif args.format == "json":
            json.dump(result.to_dict(), out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif args.format == "jsonl":
            data = result.to_dict()
            for meeting in data["meetings"]:
                out.write(json.dumps({"source": data["source"], **meeting}, ensure_ascii=False) + "\n")
        else:
            from .tables import print_meetings

            print_meetings(result, out)
    finally:
        if args.output:
            out.close()
    return 0
