"""`summitline extract SOURCE`: one document in, its meetings out."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from .common import add_read_flags, settings_from_args


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
        "--show-text", action="store_true", help="print the extracted text that evidence offsets refer to, then stop"
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="print every meeting frame (meeting word, leaders tied to it, status and why) and the meeting it became",
    )
    add_read_flags(p)
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..pipeline import extract

    settings = settings_from_args(args)
    source: Path | str | bytes
    if args.source == "-":
        source = sys.stdin.buffer.read()
    elif args.source.startswith(("http://", "https://")):
        source = args.source
    else:
        source = Path(args.source)
    result = extract(source, settings=settings, explain=args.explain)
    try:
        out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    except OSError as exc:
        raise InputError(f"{args.output}: cannot be written ({exc.strerror}); check the folder exists") from exc
    try:
        if args.show_text:
            out.write(result.document.text + "\n")
        elif args.explain and args.format != "table":
            frames = {"schema": "summitline/frames@1", "frames": [f.to_dict() for f in result.frames]}
            out.write(json.dumps(frames, ensure_ascii=False, indent=2))
            out.write("\n")
        elif args.explain:
            from .tables import print_frames

            print_frames(result, out)
        elif args.format == "json":
            out.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))  # one write
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
