"""Checking the library against the record.

- ``records.py``: the Office of the Historian's presidential trips and foreign
  leaders' visits (XML), read from a local copy (:func:`import_records`) or
  downloaded from their public repositories (:func:`fetch_records`).
- ``names.py``: who the records' free text names ("Russian President Vladimir
  Putin", "President Dimitry Medvedev"), resolved to knowledge-base leaders.
- ``model.py``: the meetings the checks read and the :class:`Finding` they give.
- ``checks.py``: :func:`check_meetings` compares each meeting's date, place and
  titles with the summits of the knowledge base (``gatherings.py``), the
  leaders' terms of office (``terms.py``) and the records (``travel.py``), and
  stores the findings; :func:`check_report` adds each meeting's verdict.
- ``confidence.py``: how sure each finding is, from what its reasoning rests on.
- ``coverage.py``: why a meeting no record bears on is ``unchecked``.
- ``gaps.py``: :func:`find_gaps` lists the meetings the records show that no
  source reports, and the meetings sources report that the records do not show.

The travel records list every foreign trip of a president, so their silence
contradicts a meeting abroad; the visit records are not known to be complete,
so their silence counts for less (a lower confidence). Where no record covers a
meeting, it is ``unchecked`` and the report says why.
"""

from __future__ import annotations

from .checks import check_meetings, check_report, summarize
from .gaps import find_gaps
from .model import Finding, Meeting, load_meetings
from .records import RecordsError, ReferenceRecord, fetch_records, import_records, load_records

__all__ = [
    "Finding",
    "RecordsError",
    "Meeting",
    "ReferenceRecord",
    "check_meetings",
    "check_report",
    "fetch_records",
    "find_gaps",
    "import_records",
    "load_meetings",
    "load_records",
    "summarize",
]
