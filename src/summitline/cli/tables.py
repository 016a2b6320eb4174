"""Readable tables (Rich); imported only when a table is printed."""

from __future__ import annotations

from typing import TextIO

from ..records import Extraction


def print_meetings(result: Extraction, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=max(100, Console(file=out).width))
    doc = result.document
    title = doc.title or doc.path or doc.url or "document"
    table = Table(title=f"{title} — {len(result.meetings)} meeting(s)", show_lines=False)
    for col in ("Date", "Leaders", "Place", "Format", "Occasion", "Tone"):
        table.add_column(col, overflow="fold")
    for m in result.meetings:
        place = m.place.name if m.place else ""
        if m.place and m.place.country:
            place = f"{place} ({m.place.country})" + (" [inferred]" if m.place.inferred else "")
        fmt = m.format.replace("_", " ") + (" (planned)" if m.status == "planned" else "")
        tone = f"{m.tone.label} ({m.tone.score:+.2f})" if m.tone else ""
        table.add_row(m.date, " – ".join(p.name for p in m.participants), place, fmt, m.occasion or "", tone)
    console.print(table)
    if doc.published:
        console.print(f"published {doc.published} ({doc.published_source})", style="dim")


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
