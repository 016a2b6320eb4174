"""read/streams.py and read/warc.py: every source ingest takes becomes one stream of records with their URL,
crawl date and position; a stream started after a position goes on with the next record. crawl.py: the
crawl date only bounds the publication date, and a page the first look lets through is looked at again on
its main text. The WARC files are written here with warcio."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from summitline.config import Settings
from summitline.crawl import RecordOptions, extract_record
from summitline.first_look import could_hold_meeting
from summitline.ingest import ingest
from summitline.read.streams import InputDone, Position, StreamRecord, Unusable, iter_records
from summitline.store.documents import TextNotKeptError, stored_document, stored_texts

from .crawl_support import write_warc

MEETING = (
    "<html><head><title>Talks in Ottawa</title></head><body><article><p>Prime Minister Justin Trudeau "
    "received President Emmanuel Macron in Ottawa on April 16, 2018, and the two leaders talked about "
    "trade between Canada and Europe for most of the afternoon.</p></article></body></html>"
)
WEATHER = "<html><body><p>Snow is expected across the prairies this weekend, with strong winds.</p></body></html>"


CRAWL = [
    ("response", "https://news.example/ottawa", "text/html; charset=utf-8", MEETING, 200),
    ("response", "https://news.example/logo.png", "image/png", "PNG", 200),
    ("response", "https://news.example/gone", "text/html", "<html>gone</html>", 404),
    ("request", "https://news.example/ottawa", "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n", 0),
    ("response", "https://news.example/weather", "text/html", WEATHER, 200),
    ("conversion", "https://news.example/ottawa-text", "text/plain", "Trudeau met Macron in Ottawa.", 0),
]


def _records(items: list[Any]) -> list[StreamRecord]:
    return [i for i in items if isinstance(i, StreamRecord)]


@pytest.mark.parametrize("gzip", [True, False])
def test_a_warc_gives_its_html_and_text_records_with_url_and_crawl_date(tmp_path: Path, gzip: bool) -> None:
    warc = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(warc, CRAWL, gzip=gzip)
    items = list(iter_records([str(warc)], Settings()))
    records = _records(items)
    assert [r.url for r in records] == [
        "https://news.example/ottawa",
        "https://news.example/weather",
        "https://news.example/ottawa-text",
    ]
    assert {r.crawled for r in records} == {"2018-04-20"}
    assert [r.media_type for r in records] == ["text/html", "text/html", "text/plain"]
    assert records[0].data == MEETING.encode("utf-8")
    assert records[0].label == f"{warc}@{records[0].position.offset}"
    assert items[-1] == InputDone(str(warc.resolve()))
    offsets = [r.position.offset for r in records]
    assert offsets == sorted(offsets) and len(set(offsets)) == 3


def test_a_warc_read_again_after_a_position_gives_only_the_records_after_it(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, CRAWL)
    first = _records(list(iter_records([str(warc)], Settings())))
    after = first[0].position
    again = _records(list(iter_records([str(warc)], Settings(), resume=lambda key: after)))
    assert [r.url for r in again] == [r.url for r in first[1:]]
    assert list(iter_records([str(warc)], Settings(), resume=lambda key: None)) == [InputDone(str(warc.resolve()))]


def test_jsonl_lines_keep_their_fields_and_a_bad_line_is_unusable(tmp_path: Path) -> None:
    lines = tmp_path / "news.jsonl"
    rows = [
        {"url": "https://a.example/1", "html": MEETING, "published": "2018-04-17T08:00:00Z", "title": "Ottawa"},
        "not json",
        {"text": "Trudeau met Macron.", "crawled": "2018-05-01"},
        {"title": "no body"},
    ]
    lines.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    items = list(iter_records([str(lines)], Settings()))
    first, bad, second, empty, done = items
    assert isinstance(first, StreamRecord) and isinstance(second, StreamRecord)
    assert (first.url, first.published, first.title, first.media_type) == (
        "https://a.example/1",
        "2018-04-17",
        "Ottawa",
        "text/html",
    )
    assert (second.crawled, second.media_type, second.label) == ("2018-05-01", "text/plain", f"{lines}:3")
    assert isinstance(bad, Unusable) and "not a JSON object" in bad.reason
    assert isinstance(empty, Unusable) and "'text' or an 'html'" in empty.reason
    assert isinstance(done, InputDone)
    again = list(iter_records([str(lines)], Settings(), resume=lambda key: first.position))
    assert [i.label for i in again[:-1]] == [f"{lines}:2", f"{lines}:3", f"{lines}:4"]


def test_directories_and_globs_give_their_documents_and_streams_in_name_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("Trudeau met Macron in Ottawa.", encoding="utf-8")
    (folder / "sub" / "a.html").write_text(MEETING, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    write_warc(folder / "sub" / "c.warc.gz", CRAWL[:1])
    labels = [r.label for r in _records(list(iter_records([str(folder)], Settings())))]
    assert labels[0] == str(folder / "b.txt") and labels[1] == str(folder / "sub" / "a.html")
    assert labels[2].startswith(str(folder / "sub" / "c.warc.gz") + "@") and len(labels) == 3
    globbed = [r.label for r in _records(list(iter_records([str(folder / "**" / "*.txt")], Settings())))]
    assert globbed == [str(folder / "b.txt")]
    (missing,) = iter_records([str(tmp_path / "nothing*.warc")], Settings())
    assert isinstance(missing, Unusable) and missing.reason == "no such file or directory"


@pytest.mark.parametrize(
    ("data", "urls"),
    [
        (b'{"url": "https://a.example/2", "text": "Trudeau met Macron."}\n', ["https://a.example/2"]),
        (b"Trudeau met Macron in Ottawa on April 16, 2018.", [None]),
    ],
)
def test_standard_input_is_jsonl_or_one_document(data: bytes, urls: list[Any]) -> None:
    items = list(iter_records(["-"], Settings(), stdin=io.BufferedReader(io.BytesIO(data))))  # type: ignore[arg-type]
    assert [r.url for r in _records(items)] == urls and items[-1] == InputDone("-")
    assert not _records(items)[0].position.resumable


def test_standard_input_may_be_a_warc_stream(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, CRAWL)
    stream = io.BufferedReader(io.BytesIO(warc.read_bytes()))
    records = _records(list(iter_records(["-"], Settings(), stdin=stream)))  # type: ignore[arg-type]
    assert len(records) == 3 and records[0].label.startswith("stdin@")


def test_the_crawl_date_bounds_the_publication_date_and_dates_nothing(kb: Any) -> None:
    page = MEETING.replace("<head>", '<head><meta property="article:published_time" content="2018-06-01">')
    record = StreamRecord("page", Position("-"), data=page.encode(), media_type="text/html", crawled="2018-04-20")
    outcome = extract_record(record, kb, RecordOptions())
    assert outcome.reason is None and outcome.extraction is not None
    assert outcome.extraction.document.published is None  # June is after the April crawl: no publication date
    assert [m.date for m in outcome.extraction.meetings] == ["2018-04-16"]
    relative = "<html><body><p>Trudeau received Macron in Ottawa on Monday for talks.</p></body></html>"
    record = StreamRecord("rel", Position("-"), data=relative.encode(), media_type="text/html", crawled="2018-04-20")
    outcome = extract_record(record, kb, RecordOptions())
    assert outcome.extraction is not None and outcome.extraction.meetings == []  # no anchor for "on Monday"
    earlier = page.replace("2018-06-01", "2018-04-17")
    record = StreamRecord("ok", Position("-"), data=earlier.encode(), media_type="text/html", crawled="2018-04-20")
    outcome = extract_record(record, kb, RecordOptions())
    assert outcome.extraction is not None and outcome.extraction.document.published == "2018-04-17"


def test_the_first_look_stops_a_page_that_cannot_hold_a_meeting(kb: Any) -> None:
    record = StreamRecord("w", Position("-"), data=WEATHER.encode(), media_type="text/html")
    assert extract_record(record, kb, RecordOptions()).no_meeting
    assert not extract_record(record, kb, RecordOptions(first_look=False)).no_meeting


HARBOUR = (
    "<html><head><title>Harbour festival</title></head><body><aside><ul><li><a href='/world/1'>Chancellor "
    "Olaf Scholz hosts President Lula for talks in Berlin</a></li><li><a href='/sport'>Sport</a></li></ul></aside>"
    "<article><p>The harbour festival opened on Saturday with a parade of tall ships along the quay, watched by "
    "thousands of visitors who had travelled from across the region.</p><p>Food stalls, brass bands and a "
    "fireworks display over the water kept the crowds busy until late in the evening.</p><p>The festival goes "
    "on until Monday, when the ships leave the harbour in a procession broadcast on local radio.</p>"
    "</article></body></html>"
)


def test_a_page_whose_meeting_words_are_only_in_its_menu_stops_at_its_main_text(kb: Any) -> None:
    """The first look reads the whole page, its teasers included (navigation and footers it cuts out, not
    every aside), and lets it through; its main text, read once the page is parsed, names no leader: no
    meeting possible, and nothing extracted."""
    record = StreamRecord("h", Position("-"), data=HARBOUR.encode(), media_type="text/html")
    assert could_hold_meeting(record.data or b"", kb)
    outcome = extract_record(record, kb, RecordOptions())
    assert outcome.no_meeting and outcome.extraction is None and outcome.reason is None
    unlooked = extract_record(record, kb, RecordOptions(first_look=False))
    assert not unlooked.no_meeting and unlooked.extraction is not None and unlooked.extraction.meetings == []


def test_a_page_with_a_meeting_in_its_main_text_goes_on_to_extraction(kb: Any) -> None:
    record = StreamRecord("m", Position("-"), data=MEETING.encode(), media_type="text/html")
    outcome = extract_record(record, kb, RecordOptions())
    assert not outcome.no_meeting and outcome.extraction is not None and outcome.extraction.meetings


def test_a_record_s_sha256_is_computed_once_and_travels_with_it() -> None:
    import hashlib
    import pickle

    record = StreamRecord("x", Position("-"), data=b"some bytes")
    assert record.sha256 == hashlib.sha256(b"some bytes").hexdigest()
    assert pickle.loads(pickle.dumps(record)).sha256 == record.sha256
    assert StreamRecord("u", Position("https://a.example/"), url="https://a.example/").sha256 is None


@pytest.mark.parametrize("kept", ["full", "compressed"])
def test_a_warc_ingested_keeps_url_crawl_date_and_text_whole_or_compressed(
    tmp_path: Path, library: Any, kb: Any, kept: Any
) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, CRAWL)
    summary = ingest(library, [str(warc)], kb, Settings(), store_text=kept)
    assert (summary.read, summary.new, summary.no_meeting, summary.failed) == (3, 2, 1, 0)
    row = library.query("SELECT id, url, crawled, text, text_kept FROM documents ORDER BY id")[0]
    assert (row["url"], row["crawled"], row["text_kept"]) == ("https://news.example/ottawa", "2018-04-20", kept)
    assert (row["text"] == "") is (kept == "compressed")
    text = stored_document(library, row["id"]).text
    assert "Trudeau" in text and stored_texts(library, [row["id"]]) == {row["id"]: text}


def test_a_document_stored_without_its_text_cannot_be_read_again_and_says_why(
    tmp_path: Path, library: Any, kb: Any
) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, CRAWL[:1])
    assert ingest(library, [str(warc)], kb, Settings(), store_text="none").new == 1
    doc_id = library.scalar("SELECT id FROM documents")
    assert library.scalar("SELECT COUNT(*) FROM mentions") == 1  # the meeting and its evidence are kept
    assert stored_texts(library, [doc_id]) == {doc_id: None}
    with pytest.raises(TextNotKeptError, match="--store-text none: its text was not kept"):
        stored_document(library, doc_id)
