"""store/search.py and migration 7: full-text search with the database's own index, on SQLite (FTS5) and
PostgreSQL (tsvector), over summaries, quotes and source titles, with short articles of our own.

The index follows every write (a new source's title, a meeting merged away), an existing library is indexed
when it is upgraded, any text a user types is safe, and `timeline --search` / `export --search` filter by it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitline.config import Settings
from summitline.ingest import ingest
from summitline.store import Database, open_database
from summitline.store.queries import TimelineQuery, timeline
from summitline.store.search import parse_search, search_ids, search_meetings

from .properties import PROPERTY

LISBON = (
    "<html><head><title>Lisbon talks end in an accord on the power grid</title></head><body><p>On March 3, 2022, "
    "Chancellor Olaf Scholz met President Emmanuel Macron in Lisbon, where the two leaders discussed energy "
    'prices. "We found common ground on interconnectors," Macron told reporters after the talks.</p></body></html>'
)
OTTAWA = (
    "Prime Minister Justin Trudeau hosted President Joe Biden in Ottawa on March 24, 2023, for talks on trade "
    "and softwood lumber.\n"
)
NAIROBI = "President William Ruto met President Joe Biden in Nairobi on May 2, 2024, for talks on energy and trade.\n"
OTTAWA_TITLED = (
    "<html><head><title>Maple syrup diplomacy in the capital</title></head><body><p>Prime Minister Justin "
    "Trudeau hosted President Joe Biden in Ottawa on March 24, 2023, for talks on trade.</p></body></html>"
)

NASTY = [
    "",
    " ",
    '"',
    '"""',
    "'",
    "(",
    "((a",
    "a)",
    ")(",
    "-",
    "--",
    "- -",
    "OR",
    "OR OR",
    "a OR",
    "OR a",
    "AND",
    "NOT",
    "NEAR(a b)",
    "a NOT",
    "*",
    "a*",
    "^a",
    "col:a",
    "summary:grid",
    "{a b}",
    "a:b:c",
    "!",
    "!!a",
    "a & b | c",
    "a <-> b",
    "'a' & 'b'",
    "\\",
    "%",
    "_",
    "?",
    "$1",
    "%s",
    "; DROP TABLE meetings; --",
    "' OR 1=1 --",
    "\x00",
    "\u200b",
    "ë",
    "日本",
    "🙂",
    "a" * 2000,
    "-energy",
    '"unclosed phrase',
    '-"energy prices"',
]


def _fill(db: Database, kb: Any, folder: Path, articles: dict[str, str]) -> Database:
    folder.mkdir(exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    summary = ingest(db, [str(folder / name) for name in articles], kb, Settings())
    assert summary.failed == 0
    return db


@pytest.fixture
def filled(library: Database, kb: Any, tmp_path: Path) -> Database:
    return _fill(library, kb, tmp_path / "a", {"lisbon.html": LISBON, "ottawa.txt": OTTAWA, "nairobi.txt": NAIROBI})


def _places(items: list[dict[str, Any]]) -> list[str]:
    return [i["place"]["name"] for i in items]


# --- reading what a user types ---------------------------------------------------------------------


def test_words_phrases_or_and_exclusions_are_read() -> None:
    terms = parse_search('"G20 summit" helsinki OR Osaka -trump -"press conference" ((')
    assert terms.groups == [[("g20", "summit")], [("helsinki",), ("osaka",)]]
    assert terms.excluded == [("trump",), ("press", "conference")]


@pytest.mark.parametrize("text", ["", "   ", "((", '""', "- OR -", "OR", "!!! ???"])
def test_a_search_with_no_word_finds_nothing(text: str) -> None:
    assert not parse_search(text)


# --- what is found ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("prices", ["Lisbon"]),  # a summary
        ("interconnectors", ["Lisbon"]),  # a quote
        ("accord", ["Lisbon"]),  # the source document's title
        ("price", ["Lisbon"]),  # stemmed
        ("lumber trudeau", ["Ottawa"]),  # every word
        ("lumber OR interconnectors", ["Lisbon", "Ottawa"]),
        ('"energy and trade"', ["Nairobi"]),  # a phrase
        ("energy -nairobi", ["Lisbon"]),
        ("kangaroo", []),
    ],
)
def test_summaries_quotes_and_titles_are_searched(filled: Database, text: str, places: list[str]) -> None:
    assert sorted(_places(search_meetings(filled, text))) == places


def test_the_best_match_comes_first_and_pages_follow(filled: Database) -> None:
    found = search_meetings(filled, "energy OR trade OR lumber")
    assert len(found) == 3 and _places(found)[0] == "Ottawa"  # trade and lumber, against one word each
    assert [f["score"] for f in found] == sorted((f["score"] for f in found), reverse=True)
    pages = search_ids(filled, "energy OR trade OR lumber", 1, 0) + search_ids(
        filled, "energy OR trade OR lumber", 2, 1
    )
    assert [mid for mid, _ in pages] == [f["id"] for f in found]


def test_a_found_meeting_is_a_whole_timeline_item(filled: Database) -> None:
    (item,) = search_meetings(filled, "interconnectors")
    assert item["sources"][0]["title"].startswith("Lisbon talks") and item["participants"] and "score" in item


# --- the index follows the library ------------------------------------------------------------------


def test_a_title_that_arrives_with_a_new_source_is_found(filled: Database, kb: Any, tmp_path: Path) -> None:
    assert search_meetings(filled, "syrup") == []
    _fill(filled, kb, tmp_path / "b", {"ottawa.html": OTTAWA_TITLED})
    (item,) = search_meetings(filled, "maple syrup")
    assert item["place"]["name"] == "Ottawa" and item["source_count"] == 2
    assert _places(search_meetings(filled, "lumber")) == ["Ottawa"]  # the first source's summary still counts


def test_the_index_holds_one_entry_per_meeting(filled: Database, kb: Any, tmp_path: Path) -> None:
    _fill(filled, kb, tmp_path / "b", {"ottawa.html": OTTAWA_TITLED})
    meetings = filled.scalar("SELECT COUNT(*) FROM meetings")
    assert filled.scalar("SELECT COUNT(*) FROM meeting_search") == meetings == 3
    filled.execute("DELETE FROM meetings WHERE id IN (SELECT meeting_id FROM meeting_leaders WHERE name = ?)",
                   ("William Ruto",))  # fmt: skip
    filled.release()
    assert filled.scalar("SELECT COUNT(*) FROM meeting_search") == 2 and search_meetings(filled, "nairobi") == []


_DROP = {
    "sqlite": [
        "DROP TRIGGER meetings_search_insert",
        "DROP TRIGGER meetings_search_update",
        "DROP TRIGGER meetings_search_delete",
        "DROP TRIGGER meeting_sources_search_insert",
        "DROP TRIGGER meeting_sources_search_delete",
        "DROP TABLE meeting_search",
        "DROP TABLE meeting_search_keys",
    ],
    "postgres": [
        "DROP TABLE meeting_search",
        "DROP FUNCTION summitline_index_meeting CASCADE",
        "DROP FUNCTION summitline_index_meeting_sources CASCADE",
        "DROP FUNCTION summitline_search_document",
    ],
}


def test_a_library_from_before_the_index_is_indexed_when_opened(
    new_library_target: Callable[[], str], kb: Any, tmp_path: Path
) -> None:
    target = new_library_target()
    with open_database(target) as db:
        _fill(db, kb, tmp_path / "a", {"lisbon.html": LISBON, "ottawa.txt": OTTAWA})
        with db.transaction():  # as a library of schema version 6 was
            for statement in _DROP[db.dialect]:
                db.execute(statement)
            db.execute("DELETE FROM schema_migrations WHERE version = 7")
    with open_database(target, write=False) as db:
        assert _places(search_meetings(db, "accord OR lumber")) in (["Lisbon", "Ottawa"], ["Ottawa", "Lisbon"])
        assert db.scalar("SELECT COUNT(*) FROM schema_migrations WHERE version = 7") == 1  # applied again


# --- any text is safe --------------------------------------------------------------------------------


def test_any_text_is_a_search_not_an_error(filled: Database) -> None:
    for text in NASTY:
        found = {i["id"] for i in search_meetings(filled, text)}
        assert {i["id"] for i in timeline(filled, TimelineQuery(search=text))} == found, text
    assert search_meetings(filled, '-"energy prices"') == []  # nothing to find is not everything


@settings(PROPERTY, max_examples=100, suppress_health_check=[*PROPERTY.suppress_health_check,
                                                             HealthCheck.function_scoped_fixture])  # fmt: skip
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_generated_text_is_a_search_not_an_error(filled: Database, text: str) -> None:
    assert isinstance(search_meetings(filled, text), list)  # the library is only read: one for every example


# --- the commands ------------------------------------------------------------------------------------


def test_timeline_and_export_take_a_search(
    kb: Any, tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    with open_database(tmp_path / "lib.db") as db:
        _fill(db, kb, tmp_path / "a", {"lisbon.html": LISBON, "ottawa.txt": OTTAWA, "nairobi.txt": NAIROBI})
    code, out, _ = run_cli("timeline", "--db", tmp_path / "lib.db", "--search", "trade", "-f", "csv")
    assert code == 0 and [line.split(",")[4] for line in out.splitlines()[1:]] == ["Ottawa", "Nairobi"]
    code, out, _ = run_cli("export", "--db", tmp_path / "lib.db", "--search", '"power grid"', "--format", "csv",
                           "-o", tmp_path / "grid.csv")  # fmt: skip
    assert code == 0 and "wrote 1 of 1" in out
