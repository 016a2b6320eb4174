"""The library database: documents, meeting mentions, merged meetings, conflicts, findings, records.

A SQLite file by default, PostgreSQL for a ``postgresql://`` URL; both behind
:class:`Database`, with the same ordered, named migrations (``schema.py``) and the
same queries (``queries.py``). SQL is always parameterised.
"""

from __future__ import annotations

from .database import Database, open_database

__all__ = ["Database", "open_database"]
