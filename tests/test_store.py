"""The library's contract: every test runs on SQLite and on PostgreSQL (the ``library`` fixtures)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summitline.config import Settings
from summitline.ingest import IngestSummary, ingest
from summitline.merge import date_interval
from summitline.store import Database, open_database
from summitline.store.library import failures
from summitline.store.queries import NotFoundError, TimelineQuery, country_code, leader_ids, show, stats, timeline
from summitline.store.schema import MIGRATIONS, migrate

SETTINGS = Settings()


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> list[Path]:
    """The founding article and the dev articles, in a fixed order."""
    return [shared_dir / "seeds" / "000_a39ee73e12a900c8.txt", *sorted((shared_dir / "corpus" / "dev").glob("*.txt"))]


def _ingest(db: Database, kb: Any, sources: list[Path]) -> IngestSummary:
    return ingest(db, [str(s) for s in sources], kb, SETTINGS)


def _putin_us(db: Database, kb: Any) -> list[dict[str, Any]]:
    query = TimelineQuery(leaders=leader_ids(kb, "putin")[:1], countries=[country_code(kb, "united states")])
    return timeline(db, query)


def _dates(item: dict[str, Any]) -> list[str]:
    """The date the meeting is listed under, and every date a source gives it."""
    stated = [v for c in item["conflicts"] if c["field"] == "date" for v in c["values"]]
    return [item["date"], *stated]


def _overlap(a: str, b: str) -> bool:
    (a0, a1), (b0, b1) = date_interval(a), date_interval(b)
    return a0 <= b1 and b0 <= a1


# --- schema -------------------------------------------------------------------------------------


def test_migrations_are_recorded_once_and_reopening_applies_nothing(new_library_target: Callable[[], str]) -> None:
    target = new_library_target()
    db = open_database(target)
    recorded = db.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
    assert [(r["version"], r["name"]) for r in recorded] == [(n, m[0]) for n, m in enumerate(MIGRATIONS, start=1)]
    db.close()

    again = open_database(target)
    try:
        assert migrate(again) == []
        assert again.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version") == recorded
    finally:
        again.close()


def test_a_failed_transaction_leaves_nothing_behind(library: Database) -> None:
    with pytest.raises(RuntimeError), library.transaction():
        library.execute(
            "INSERT INTO failures (source, sha256, reason, at) VALUES (?, ?, ?, ?)", ("x", None, "test", "now")
        )
        raise RuntimeError("crash inside the transaction")
    assert library.scalar("SELECT COUNT(*) FROM failures") == 0


# --- ingest and the merged chronology --------------------------------------------------------------


def test_each_putin_us_meeting_is_listed_once_with_its_sources(
    library: Database, kb: Any, corpus: list[Path], shared_dir: Path
) -> None:
    summary = _ingest(library, kb, corpus)
    assert (summary.read, summary.new, summary.failed) == (len(corpus), len(corpus), 0)
    items = _putin_us(library, kb)

    assert len({i["id"] for i in items}) == len(items)
    days = [i["date"] for i in items if i["date_precision"] == "day"]
    assert len(days) == len(set(days)), "two meetings of the same day"
    for item in items:
        ids = {p["id"] for p in item["participants"]}
        assert "vladimir-putin" in ids and any(p["country"] == "US" for p in item["participants"])
        assert item["sources"] and len({s["document_id"] for s in item["sources"]}) == item["source_count"]

    gold = json.loads((shared_dir / "corpus" / "seed.gold.json").read_text(encoding="utf-8"))
    for meeting in (m for m in gold["meetings"] if not m["optional"]):
        names = set(meeting["participants"])
        listed = [
            i
            for i in items
            if {p["name"] for p in i["participants"]} == names and any(_overlap(meeting["date"], d) for d in _dates(i))
        ]
        assert len(listed) == 1, (meeting, [(i["id"], i["date"]) for i in listed])

    hamburg = [i for i in items if (i.get("place") or {}).get("city") == "Hamburg"]
    assert len(hamburg) == 1
    assert hamburg[0]["source_count"] == 2
    assert [c["field"] for c in hamburg[0]["conflicts"]] == ["date"]
    assert set(hamburg[0]["conflicts"][0]["values"]) == {"2017-06-07", "2017-07-07"}

    moscow = [i for i in items if i["date"] == "2000-06-04"]
    assert len(moscow) == 1 and moscow[0]["place"]["city"] == "Moscow"
    assert moscow[0]["source_count"] >= 2


def test_a_second_ingest_of_the_same_files_adds_nothing(library: Database, kb: Any, corpus: list[Path]) -> None:
    _ingest(library, kb, corpus)
    before, chronology = stats(library), timeline(library, TimelineQuery())
    again = _ingest(library, kb, corpus)
    assert (again.read, again.new, again.skipped, again.failed) == (len(corpus), 0, len(corpus), 0)
    assert stats(library) == before
    assert timeline(library, TimelineQuery()) == chronology


def test_unusable_documents_are_recorded_and_the_rest_go_on(library: Database, kb: Any, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a_empty.txt").write_text("")
    (folder / "b_binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 200)
    (folder / "c_good.txt").write_text("On July 16, 2018, Vladimir Putin met Donald Trump in Helsinki.\n")
    (folder / "d_lines.jsonl").write_text(
        '{"text": "On November 14, 2022, Joe Biden met Xi Jinping in Bali."}\n{not json\n', encoding="utf-8"
    )
    summary = ingest(library, [str(folder), str(tmp_path / "missing.txt")], kb, SETTINGS)

    assert (summary.new, summary.failed) == (2, 4)
    recorded = {Path(r["source"]).name: r["reason"] for r in failures(library)}
    assert set(recorded) == {"a_empty.txt", "b_binary.txt", "d_lines.jsonl:2", "missing.txt"}
    assert "empty" in recorded["a_empty.txt"].lower()
    assert "binary" in recorded["b_binary.txt"].lower()
    assert "json" in recorded["d_lines.jsonl:2"].lower()
    assert "no such file" in recorded["missing.txt"]
    assert stats(library)["totals"]["failures"] == 4
    assert {i["date"] for i in timeline(library, TimelineQuery())} == {"2018-07-16", "2022-11-14"}


def test_jsonl_documents_keep_their_url_title_and_publication_date(library: Database, kb: Any, tmp_path: Path) -> None:
    lines = [
        {
            "text": "Biden and Xi meet\n\nOn Monday, U.S. President Joe Biden met Chinese President Xi Jinping "
            "in Bali.",
            "url": "https://example.org/bali",
            "title": "Biden and Xi meet in Bali",
            "published": "2022-11-16T08:00:00Z",
        },
        {
            "html": "<html><head><title>ignored</title></head><body><article><h1>Modi in Sochi</h1><p>On May 21, "
            "2018, Indian Prime Minister Narendra Modi met Russian President Vladimir Putin in Sochi.</p>"
            "</article></body></html>",
            "url": "https://example.org/sochi",
            "title": "Modi and Putin in Sochi",
        },
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    summary = _ingest(library, kb, [path])
    assert (summary.new, summary.failed) == (2, 0)

    docs = library.query("SELECT source, url, title, published, media_type, text FROM documents ORDER BY url")
    assert [(d["url"], d["title"]) for d in docs] == [
        ("https://example.org/bali", "Biden and Xi meet in Bali"),
        ("https://example.org/sochi", "Modi and Putin in Sochi"),
    ]
    assert [d["source"] for d in docs] == [f"{path}:1", f"{path}:2"]
    assert docs[0]["published"] == "2022-11-16"
    assert docs[1]["media_type"] == "text/html" and "<" not in docs[1]["text"]

    by_date = {i["date"]: i for i in timeline(library, TimelineQuery())}
    assert set(by_date) == {"2018-05-21", "2022-11-14"}  # "on Monday" against the given publication date
    assert by_date["2022-11-14"]["sources"][0]["url"] == "https://example.org/bali"
    assert by_date["2022-11-14"]["sources"][0]["title"] == "Biden and Xi meet in Bali"


def test_show_gives_the_evidence_of_every_source(library: Database, kb: Any, corpus: list[Path]) -> None:
    _ingest(library, kb, corpus)
    texts = {r["id"]: r["text"] for r in library.query("SELECT id, text FROM documents")}
    for item in _putin_us(library, kb):
        shown = show(library, item["id"])
        assert shown["id"] == item["id"] and shown["date"] == item["date"]
        assert {m["document_id"] for m in shown["mentions"]} == {s["document_id"] for s in item["sources"]}
        for mention in shown["mentions"]:
            fields = {e["field"] for e in mention["evidence"]}
            assert {"date", "participants"} <= fields
            for evidence in mention["evidence"]:
                text = texts[mention["document_id"]]
                assert text[evidence["start"] : evidence["end"]] == evidence["text"]


def test_show_of_an_unknown_meeting_says_so(library: Database) -> None:
    with pytest.raises(NotFoundError, match="no meeting 'm0000000000'"):
        show(library, "m0000000000")


def test_stats_count_what_the_library_holds(library: Database, kb: Any, corpus: list[Path]) -> None:
    summary = _ingest(library, kb, corpus)
    everything = timeline(library, TimelineQuery())
    data = stats(library)
    assert data["totals"] == {
        "documents": len(corpus),
        "mentions": summary.meetings_found,
        "meetings": len(everything),
        "conflicts": sum(len(i["conflicts"]) for i in everything),
        "failures": 0,
    }
    assert sum(p["meetings"] for p in data["pairs"]) == len(everything)
    assert sum(y["meetings"] for y in data["years"]) == len(everything)
    putin_bush = next(p for p in data["pairs"] if set(p["leaders"]) == {"Vladimir Putin", "George W. Bush"})
    assert putin_bush["meetings"] == sum(
        1 for i in everything if {p["name"] for p in i["participants"]} == {"Vladimir Putin", "George W. Bush"}
    )


def test_timeline_filters(library: Database, kb: Any, corpus: list[Path]) -> None:
    _ingest(library, kb, corpus)
    everything = timeline(library, TimelineQuery())
    in_range = timeline(library, TimelineQuery(date_from="2001", date_to="2008-04"))
    assert in_range and all(_overlap(i["date"], "2001/2008-04") for i in in_range)
    assert len(in_range) == sum(1 for i in everything if _overlap(i["date"], "2001/2008-04"))
    calls = timeline(library, TimelineQuery(formats=["video_call", "phone_call"]))
    assert calls and {i["format"] for i in calls} <= {"video_call", "phone_call"}
    arms = timeline(library, TimelineQuery(topics=["arms_control"]))
    assert arms and all("arms_control" in i["topics"] for i in arms)
    assert len(timeline(library, TimelineQuery(limit=3))) == 3
    starts = [date_interval(i["date"])[0] for i in everything]
    assert starts == sorted(starts), "the chronology is in date order"


def _three_way_meeting(db: Database) -> str:
    """One meeting of a US president with two Russian leaders (two participants share a country)."""
    data = {
        "date": "2009-07-07",
        "date_precision": "day",
        "participants": [
            {"name": "Barack Obama", "country": "US", "id": "barack-obama"},
            {"name": "Dmitry Medvedev", "country": "RU", "id": "dmitry-medvedev"},
            {"name": "Vladimir Putin", "country": "RU", "id": "vladimir-putin"},
        ],
        "place": {"name": "Moscow", "city": "Moscow", "country": "RU"},
        "format": "in_person",
        "status": "held",
        "occasion": None,
        "topics": [],
        "conflicts": [],
    }
    key = "barack-obama|dmitry-medvedev|vladimir-putin"
    with db.transaction():
        db.execute(
            "INSERT INTO meetings (id, participants_key, date, date_first, date_last, date_precision, place_name, "
            "country, format, status, occasion, topics, source_count, conflict_count, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                "m3way",
                key,
                "2009-07-07",
                "2009-07-07",
                "2009-07-07",
                "day",
                "Moscow",
                "RU",
                "in_person",
                "held",
                None,
                "[]",
                0,
                0,
                json.dumps(data),
            ),  # fmt: skip
        )
        db.executemany(
            "INSERT INTO meeting_leaders (meeting_id, leader_id, name, country, date_first) VALUES (?, ?, ?, ?, ?)",
            [("m3way", p["id"], p["name"], p["country"], "2009-07-07") for p in data["participants"]],
        )
    return "m3way"


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(TimelineQuery(countries=["RU"]), id="country"),
        pytest.param(TimelineQuery(countries=["RU"], date_from="2009", date_to="2009"), id="country-dates"),
        pytest.param(TimelineQuery(countries=["RU", "US"]), id="two-countries"),
        pytest.param(TimelineQuery(leaders=["barack-obama"], countries=["RU"]), id="leader-country"),
        pytest.param(TimelineQuery(leaders=["vladimir-putin", "dmitry-medvedev"]), id="two-leaders"),
    ],
)
def test_a_meeting_is_listed_once_when_two_leaders_share_a_country(library: Database, query: TimelineQuery) -> None:
    meeting = _three_way_meeting(library)
    assert [i["id"] for i in timeline(library, query)] == [meeting]


# --- merging ------------------------------------------------------------------------------------


def _comparable(db: Database) -> list[tuple[Any, ...]]:
    """The chronology by content: document ids replaced by paths, meeting ids left out (both depend on the
    order documents came in: a meeting keeps the id its first source gave it)."""
    paths = {r["id"]: Path(r["path"]).name for r in db.query("SELECT id, path FROM documents")}
    rows = []
    for i in timeline(db, TimelineQuery()):
        conflicts = [
            (c["field"], sorted((v, sorted(paths[d] for d in docs)) for v, docs in c["values"].items()))
            for c in i["conflicts"]
        ]
        findings = sorted((f["check_name"], f["field"], f["record"] or "", f["stated"] or "") for f in i["findings"])
        rows.append(
            (
                i["date"],
                json.dumps(i["place"], sort_keys=True),
                sorted(p["id"] for p in i["participants"]),
                i["format"],
                i["occasion"],
                i["source_count"],
                sorted(paths[s["document_id"]] for s in i["sources"]),
                conflicts,
                findings,
            )
        )
    return sorted(rows, key=repr)


def test_the_chronology_does_not_depend_on_the_order_of_ingest(
    new_library: Callable[[], Database], kb: Any, corpus: list[Path]
) -> None:
    forward, backward = new_library(), new_library()
    for path in corpus:
        _ingest(forward, kb, [path])
    shuffled = corpus[len(corpus) // 2 :][::-1] + corpus[: len(corpus) // 2]
    assert shuffled != corpus
    for path in shuffled:
        _ingest(backward, kb, [path])
    assert _comparable(forward) == _comparable(backward)


def _write(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


def _merkel_xi(db: Database, kb: Any) -> list[dict[str, Any]]:
    return timeline(db, TimelineQuery(leaders=[*leader_ids(kb, "merkel")[:1], *leader_ids(kb, "xi jinping")[:1]]))


def test_two_days_of_one_summit_stay_two_meetings(library: Database, kb: Any, tmp_path: Path) -> None:
    texts = {
        "day1.txt": "Hamburg talks\n\nOn July 7, 2017, German Chancellor Angela Merkel met Chinese President "
        "Xi Jinping on the sidelines of the G20 summit in Hamburg. They discussed trade.\n",
        "day2.txt": "A second conversation\n\nOn July 8, 2017, Angela Merkel met Xi Jinping again at the G20 "
        "summit in Hamburg, on the last day of the gathering. They discussed climate change.\n",
    }
    _ingest(library, kb, _write(tmp_path / "docs", texts))
    items = _merkel_xi(library, kb)
    assert [(i["date"], i["source_count"], i["conflicts"]) for i in items] == [
        ("2017-07-07", 1, []),
        ("2017-07-08", 1, []),
    ]
    assert len({i["id"] for i in items}) == 2


def test_a_day_outside_the_summit_is_the_same_meeting_misdated(library: Database, kb: Any, tmp_path: Path) -> None:
    texts = {
        "gallery.txt": "A misdated gallery\n\nJune 7, 2017: Angela Merkel met Xi Jinping at the G20 summit in "
        "Hamburg, Germany.\n",
        "report1.txt": "Meeting in Hamburg\n\nOn July 7, 2017, Angela Merkel and Xi Jinping met at the G20 summit "
        "in Hamburg.\n",
        "report2.txt": "Xi in Germany\n\nChinese President Xi Jinping met Chancellor Angela Merkel on July 7, 2017, "
        "during the G20 summit in Hamburg, Germany.\n",
    }
    _ingest(library, kb, _write(tmp_path / "docs", texts))
    items = _merkel_xi(library, kb)
    assert len(items) == 1
    meeting = items[0]
    assert (meeting["date"], meeting["place"]["city"], meeting["source_count"]) == ("2017-07-07", "Hamburg", 3)
    paths = {r["id"]: Path(r["path"]).name for r in library.query("SELECT id, path FROM documents")}
    assert [
        (c["field"], {v: sorted(paths[d] for d in docs) for v, docs in c["values"].items()})
        for c in meeting["conflicts"]
    ] == [("date", {"2017-06-07": ["gallery.txt"], "2017-07-07": ["report1.txt", "report2.txt"]})]
