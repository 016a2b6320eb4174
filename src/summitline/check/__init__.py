"""Checking the library against the record.

- ``records.py``: the Office of the Historian's presidential trips and foreign
  leaders' visits (XML), read from a local copy (:func:`import_records`) or
  downloaded from their public repositories (:func:`fetch_records`).
- ``names.py``: who the records' free text names ("Russian President Vladimir
  Putin", "President Dimitry Medvedev"), resolved to knowledge-base leaders.
- ``model.py``: the meetings the checks read and the :class:`Finding` they give.
- ``checks.py``: :func:`check_meetings` compares each meeting's date, place and
  titles with the summits of the knowledge base, the leaders' terms of office
  (``terms.py``) and the records, and stores the findings.
- ``gaps.py``: :func:`find_gaps` lists the meetings the records show that no
  source reports, and the meetings sources report that the records do not show.

A record that says nothing is never a contradiction: no finding is better than a
wrong one.
"""

from __future__ import annotations

from .checks import check_meetings, summarize
from .gaps import find_gaps
from .model import Finding, Meeting, load_meetings
from .records import RecordsError, ReferenceRecord, fetch_records, import_records, load_records

__all__ = [
    "Finding",
    "RecordsError",
    "Meeting",
    "ReferenceRecord",
    "check_meetings",
    "fetch_records",
    "find_gaps",
    "import_records",
    "load_meetings",
    "load_records",
    "summarize",
]
