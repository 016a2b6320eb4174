"""Parquet export, with pyarrow from the optional extra ``summitline[parquet]`` (imported only here).

The columns are those of the CSV export, typed (latitude, longitude and tone score as doubles, the source
count as an integer, ``place_inferred`` as a boolean); lists and objects are JSON text, as in the CSV.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import SummitlineError
from .record import COLUMNS, KINDS, ExportMeeting

INSTALL = "pip install 'summitline[parquet]'"


class MissingExtraError(SummitlineError):
    """An export format whose optional dependency is not installed; the message names the pip command."""


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise MissingExtraError(f"the parquet format needs pyarrow, which is not installed: {INSTALL}") from exc
    return pyarrow


def write_parquet(meetings: Iterable[ExportMeeting], path: Path) -> int:
    pa = _pyarrow()
    rows = [m.to_dict() for m in meetings]
    types = {float: pa.float64(), int: pa.int64(), bool: pa.bool_()}
    arrays = []
    for name in COLUMNS:
        kind = KINDS.get(name)
        values = [_cell(r[name]) for r in rows] if kind is None else [r[name] for r in rows]
        arrays.append(pa.array(values, type=types[kind] if kind else pa.string()))
    table = pa.Table.from_arrays(arrays, names=COLUMNS)
    pa.parquet.write_table(table, str(path))
    return len(rows)


def _cell(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
