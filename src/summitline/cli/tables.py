"""Readable tables: the meetings of a document drawn here; the frames of ``--explain`` with Rich, imported only
when they are printed."""

from __future__ import annotations

import os
import sys
import textwrap
from typing import TextIO

from ..records import Extraction


def print_meetings(result: Extraction, out: TextIO) -> None:
    """The meetings of one document as a boxed table. Drawn here rather than with Rich: `summitline extract`
    is often a whole process of its own, and importing Rich would cost it more than the extraction."""
    doc = result.document
    title = doc.title or doc.path or doc.url or "document"
    rows = []
    for m in result.meetings:
        place = (m.place.name or "") if m.place else ""
        if m.place and m.place.country:
            place = f"{place} ({m.place.country})" + (" [inferred]" if m.place.inferred else "")
        fmt = m.format.replace("_", " ") + (" (planned)" if m.status == "planned" else "")
        tone = f"{m.tone.label} ({m.tone.score:+.2f})" if m.tone else ""
        rows.append([m.date or "", " – ".join(p.name for p in m.participants), place, fmt, m.occasion or "", tone])
    headers = ["Date", "Leaders", "Place", "Format", "Occasion", "Tone"]
    width = max(100, terminal_columns())
    out.write(boxed_table(f"{title} — {len(result.meetings)} meeting(s)", headers, rows, width))
    if doc.published:
        out.write(f"published {doc.published} ({doc.published_source})\n")


def terminal_columns(fallback: int = 100) -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it (``COLUMNS``, else the terminal of
    standard output), without importing shutil and the compression modules it brings."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    stdout = sys.__stdout__
    try:
        return (os.get_terminal_size(stdout.fileno()).columns if stdout else 0) or fallback
    except (AttributeError, ValueError, OSError):
        return fallback


def boxed_table(title: str, headers: list[str], rows: list[list[str]], width: int) -> str:
    """A table drawn with box characters, its cells wrapped at spaces to fit ``width`` columns."""
    n = len(headers)
    natural = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    floor = [
        max([len(h), *(max((len(w) for w in r[i].split()), default=0) for r in rows)]) for i, h in enumerate(headers)
    ]
    widths = list(natural)
    room = width - (3 * n + 1)
    while sum(widths) > room:  # narrow the widest column that can still wrap, a column at a time
        i = max(range(n), key=lambda k: (widths[k] > min(floor[k], 12), widths[k]))
        if widths[i] <= 4:
            break
        widths[i] -= 1
    lines = [title.center(sum(widths) + 3 * n + 1).rstrip()]

    def rule(left: str, mid: str, right: str, fill: str) -> str:
        return left + mid.join(fill * (w + 2) for w in widths) + right

    def row(cells: list[str], bar: str) -> list[str]:
        wrapped = [textwrap.wrap(c, w, break_on_hyphens=False) or [""] for c, w in zip(cells, widths, strict=True)]
        height = max(len(c) for c in wrapped)
        return [
            bar + bar.join(f" {(c[k] if k < len(c) else ''):<{w}} " for c, w in zip(wrapped, widths, strict=True)) + bar
            for k in range(height)
        ]

    lines.append(rule("┏", "┳", "┓", "━"))
    lines += row(headers, "┃")
    lines.append(rule("┡", "╇", "┩", "━"))
    for r in rows:
        lines += row(r, "│")
    lines.append(rule("└", "┴", "┘", "─"))
    return "\n".join(lines) + "\n"


def print_frames(result: Extraction, out: TextIO) -> None:
    """``extract --explain``: each sentence with meeting words, each word's reading, and its meeting."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, width=max(100, Console(file=out).width), highlight=False)
    if not result.frames:
        console.print("no meeting words in the text")
        return
    last = None
    for f in result.frames:
        if f.sentence != last:
            console.print(f"\n[bold]{escape(f.sentence)}[/bold]")
            last = f.sentence
        why = f" ({escape(f.reason)})" if f.reason else ""
        who = ", ".join(f.arguments) or "no leader"
        became = f" → meeting {escape(f.meeting)}" if f.meeting else ""
        console.print(f"  {escape(f.predicate)!s:<16} {f.status}{why}; {escape(who)}{became}")
