"""The library database: documents, meeting mentions, merged meetings, conflicts, findings, records.

A SQLite file by default (a path, or ``sqlite:///path``), PostgreSQL for a ``postgresql://`` URL; both behind
:class:`Database`, with the same ordered, named migrations (``schema.py``) and the same queries
(``queries.py``). Each document is stored with its mentions (``library.py``), and the meetings they touch are
merged again in place (``remerge.py``), keeping their ids (``identity.py``) and the verdicts recorded on their
findings by hand (``verdicts.py``); documents are removed and re-read in ``documents.py``, and meetings
are found by full-text search in ``search.py`` (migration 7). SQL is always parameterised.
``open_database(target)`` opens a library to write (creating and migrating it), ``open_database(target,
write=False)`` to read; what cannot be opened so is a :class:`StoreError` (``database.py`` lists the cases).
"""

from __future__ import annotations

from .database import Database, StoreError, open_database

__all__ = ["Database", "StoreError", "open_database"]
