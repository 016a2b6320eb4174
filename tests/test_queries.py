"""store/queries.py: topics are matched exactly and named by id or label; a limit is 1 or more.

On SQLite and on PostgreSQL (the ``library`` fixture), with short articles of our own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from summitline.config import Settings
from summitline.errors import ConfigError
from summitline.ingest import ingest
from summitline.store.queries import NotFoundError, TimelineQuery, timeline, topic_id

ARTICLES = [
    "On March 3, 2022, Chancellor Olaf Scholz met President Emmanuel Macron in Lisbon, where the two leaders "
    "discussed nuclear arms control and energy prices.\n",
    "Prime Minister Justin Trudeau hosted President Joe Biden in Ottawa on March 24, 2023, for talks on trade.\n",
]


@pytest.fixture
def filled(library: Any, kb: Any, tmp_path: Path) -> Any:
    for n, text in enumerate(ARTICLES):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    summary = ingest(library, [str(tmp_path)], kb, Settings())
    assert (summary.new, summary.failed) == (2, 0)
    return library


def _topics(db: Any, *topics: str) -> list[list[str]]:
    return [item["topics"] for item in timeline(db, TimelineQuery(topics=list(topics)))]


def test_a_topic_matches_exactly(filled: Any) -> None:
    assert _topics(filled, "arms_control") == [["arms_control", "energy"]]
    assert _topics(filled, "trade") == [["trade"]]


@pytest.mark.parametrize("pattern", ["%", "arms%", "arms_contro_", "_rade", '%"'])
def test_like_wildcards_in_a_topic_match_nothing(filled: Any, pattern: str) -> None:
    """Regression: --topic went into LIKE unescaped, so '%' matched every meeting with a topic."""
    assert _topics(filled, pattern) == []


@pytest.mark.parametrize("name", ["arms_control", "Arms control", "ARMS-CONTROL", " arms control "])
def test_a_topic_is_named_by_id_or_label(kb: Any, name: str) -> None:
    assert topic_id(kb, name) == "arms_control"


def test_an_unknown_topic_lists_the_known_ones(kb: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        topic_id(kb, "gardening")
    assert "'gardening'" in str(caught.value)
    assert all(t.id in str(caught.value) for t in kb.topics)


def test_a_limit_of_one_gives_the_first_meeting(filled: Any) -> None:
    everything = timeline(filled, TimelineQuery())
    assert timeline(filled, TimelineQuery(limit=1)) == everything[:1]


@pytest.mark.parametrize("limit", [0, -2])
def test_a_limit_below_one_is_refused(filled: Any, limit: int) -> None:
    """Regression: limit 0 meant no limit."""
    with pytest.raises(ConfigError, match="1 or more"):
        timeline(filled, TimelineQuery(limit=limit))
