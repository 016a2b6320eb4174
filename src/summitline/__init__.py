"""summitline: news articles in, a verified, evidence-linked chronology of leaders' meetings out.

>>> from summitline import extract
>>> result = extract("June 4, 2000: Putin hosted President Bill Clinton in Moscow.")
>>> [(m.date, [p.name for p in m.participants]) for m in result.meetings]
[('2000-06-04', ['Vladimir Putin', 'Bill Clinton'])]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Caption",
    "Document",
    "Evidence",
    "Extraction",
    "FetchError",
    "InputError",
    "KnowledgeBaseError",
    "Meeting",
    "Participant",
    "Place",
    "Quote",
    "Settings",
    "SummitlineError",
    "Tone",
    "__version__",
    "extract",
    "extract_document",
    "load_kb",
]

from .config import Settings
from .errors import FetchError, InputError, KnowledgeBaseError, SummitlineError
from .records import Caption, Document, Evidence, Extraction, Meeting, Participant, Place, Quote, Tone

if TYPE_CHECKING:
    from .kb import load_kb
    from .pipeline import extract, extract_document


def __getattr__(name: str) -> Any:
    # the pipeline pulls in httpx and the recognisers: load it on first use so `--help` stays fast
    if name in ("extract", "extract_document"):
        from . import pipeline as module

        return getattr(module, name)
    if name == "load_kb":
        from .kb import load_kb

        return load_kb
    raise AttributeError(name)
