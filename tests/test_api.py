"""The public API is small and pinned: a change to it is a deliberate change to this list."""

from __future__ import annotations

import summitline

PUBLIC = [
    "Caption", "Document", "Evidence", "Extraction", "FetchError", "InputError", "KnowledgeBaseError", "Meeting",
    "Participant", "Place", "Quote", "Settings", "SummitlineError", "Tone", "__version__", "extract",
    "extract_document", "load_kb",
]  # fmt: skip


def test_all_is_pinned() -> None:
    assert sorted(summitline.__all__) == sorted(PUBLIC)


def test_every_public_name_resolves() -> None:
    for name in summitline.__all__:
        assert getattr(summitline, name) is not None, name
    assert callable(summitline.extract) and callable(summitline.extract_document)
