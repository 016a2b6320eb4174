"""Checkpoints of ingests: how far an ingest got in each input file, so that one run again after an
interruption starts where it stopped instead of reading finished inputs again.

A checkpoint names an input file by its resolved path, with the size and modification time it had: a file
that changed since is read again from its start (its documents already stored are skipped by their hash).
It holds the position of the last record finished (a byte offset in a WARC or a JSONL file, with the line
number), how many records of the input were finished, and whether the whole input was. Checkpoints are
written in the transaction that stores those records, so the library and its checkpoints never disagree,
and an ingest that runs to its end deletes those of its inputs: they serve to finish an interrupted
ingest, not to remember what was once read (a document removed since is read again).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from ..read.streams import Position
from .database import Database, in_chunks, now


@dataclass(frozen=True, slots=True)
class Checkpoint:
    input: str
    size: int
    modified_ns: int
    position: Position
    records: int
    finished: bool


def file_identity(path: str) -> tuple[int, int] | None:
    """(size, modification time in ns) of a file, or None when it cannot be seen."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def load_checkpoints(db: Database) -> dict[str, Checkpoint]:
    """The checkpoints of input files that are still as they were when they were written."""
    out = {}
    for r in db.query(
        "SELECT input, size, modified_ns, byte_offset, line, records, finished FROM ingest_checkpoints ORDER BY input"
    ):
        if file_identity(r["input"]) != (r["size"], r["modified_ns"]):
            continue
        position = Position(r["input"], int(r["byte_offset"]), int(r["line"]))
        out[r["input"]] = Checkpoint(
            r["input"], int(r["size"]), int(r["modified_ns"]), position, int(r["records"]), bool(r["finished"])
        )
    return out


def save_checkpoint(db: Database, position: Position, records: int, finished: bool) -> None:
    """Record, inside the caller's transaction, that ``records`` records of this input up to ``position``
    are finished (and with ``finished``, all of them). An input that cannot be seen gets none."""
    identity = file_identity(position.input)
    if identity is None:
        return
    db.execute(
        "INSERT INTO ingest_checkpoints (input, size, modified_ns, byte_offset, line, records, finished, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (input) DO UPDATE SET size = excluded.size, "
        "modified_ns = excluded.modified_ns, byte_offset = excluded.byte_offset, line = excluded.line, "
        "records = excluded.records, finished = excluded.finished, at = excluded.at",
        (position.input, *identity, position.offset, position.line, records, int(finished), now()),
    )


def clear_checkpoints(db: Database, inputs: Iterable[str]) -> None:
    """Forget the checkpoints of these inputs: an ingest that ran to its end needs none, and the next one
    reads them again (skipping what the library holds)."""
    with db.transaction():
        for chunk, marks in in_chunks(sorted(set(inputs))):
            db.execute(f"DELETE FROM ingest_checkpoints WHERE input IN ({marks})", chunk)
