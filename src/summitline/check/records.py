"""The reference records: US presidents' foreign trips and foreign leaders' visits to the United States.

They come from the Office of the Historian's public repositories
(``HistoryAtState/travels``: ``president-travels/*.xml``, ``presidents/presidents.xml``;
``HistoryAtState/visits``: ``data/*.xml``). :func:`fetch_records` downloads the two
repositories' archives and keeps only those XML files; :func:`import_records`
reads any folder holding them (files are told apart by their root element, so
the layout does not matter) into the library's ``reference_records`` table.
"""

from __future__ import annotations

import io
import logging
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from ..errors import FetchError, SummitlineError
from ..kb import KnowledgeBase, load_kb
from ..store.database import Database
from .names import fold

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://github.com"
REPOSITORIES = {  # local folder -> (repository, the data files kept from its archive)
    "hsg-travels": ("HistoryAtState/travels", re.compile(r"^(president-travels/[\w.-]+|presidents/presidents)\.xml$")),
    "hsg-visits": ("HistoryAtState/visits", re.compile(r"^data/[\w.-]+\.xml$")),
}
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024


class RecordsError(SummitlineError):
    """Reference records that cannot be read, or a folder that holds none."""


@dataclass(frozen=True, slots=True)
class ReferenceRecord:
    """One trip (``who`` is the president) or one visit (``who`` is the visitor as written)."""

    kind: str  # "trip" or "visit"
    record_id: str
    who: str
    counterpart: str | None  # visits: the president in office; trips: none
    country: str | None  # ISO code: the country visited (trip) or the visitor's country (visit)
    locale: str | None
    date_first: date
    date_last: date
    remarks: str

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.record_id}"

    @property
    def dates(self) -> str:
        a, b = self.date_first.isoformat(), self.date_last.isoformat()
        return a if a == b else f"{a} to {b}"


# --- countries --------------------------------------------------------------------------------

_COUNTRY_SLUGS = {  # the records' country ids whose names the knowledge base does not use
    "korea": "KR",
    "korea-south": "KR",
    "congo-democratic-republic": "CD",
    "congo-republic": "CG",
    "hawaii": "US",
    "west-bank": "PS",
    "samoa": "WS",
    "somoa": "WS",
    "german-democratic-republic": "DD",
    "czechoslovakia": "CS",
    "yugoslavia": "YU",
    "kosovo": "XK",
}


def _country_names(kb: KnowledgeBase) -> dict[str, str]:
    names: dict[str, str] = {}
    for c in kb.countries.values():
        for n in (c.name, *c.aliases):
            names.setdefault(_country_key(n), c.code)
    return names


def _country_key(name: str) -> str:
    return " ".join(t for t in fold(name).split() if t != "the")


def country_code(text: str | None, slug: str | None, names: dict[str, str]) -> str | None:
    """ "China, People’s Republic of" -> CN, "U.S.S.R." -> SU, "United Kingdom (Wales)" -> GB."""
    text = (text or "").strip()
    bare = re.sub(r"\s*\(.*?\)\s*", " ", text).strip()
    tries = [text, bare]
    if "," in bare:
        head, _, tail = bare.partition(",")
        tries.append(f"{tail.strip()} {head.strip()}")
    if slug:
        tries.append(slug.replace("-", " "))
    for t in tries:
        code = names.get(_country_key(t))
        if code:
            return code
    return _COUNTRY_SLUGS.get(slug or "")


# --- parsing ----------------------------------------------------------------------------------


def _text(el: ET.Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _day(value: str, path: Path) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise RecordsError(f"{path}: {value!r} is not an ISO date; is this a HistoryAtState file?") from exc


def _parse(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise RecordsError(f"{path}: cannot be read as XML ({exc}); fetch the records again") from exc


def parse_trips(root: ET.Element, path: Path, names: dict[str, str]) -> Iterator[ReferenceRecord]:
    for trip in root.iter("trip"):
        if (trip.get("role") or trip.findtext("role") or "president") != "president":
            continue
        country = trip.find("country")
        yield ReferenceRecord(
            kind="trip",
            record_id=_text(trip.find("id")),
            who=_text(trip.find("name")),
            counterpart=None,
            country=country_code(_text(country), country.get("id") if country is not None else None, names),
            locale=_text(trip.find("locale")) or None,
            date_first=_day(trip.findtext("start-date") or "", path),
            date_last=_day(trip.findtext("end-date") or trip.findtext("start-date") or "", path),
            remarks=_text(trip.find("remarks")),
        )


def parse_visits(
    root: ET.Element, path: Path, names: dict[str, str], presidents: list[tuple[str, date, date]]
) -> Iterator[ReferenceRecord]:
    for visit in root.iter("visit"):
        origin = visit.find("from")
        first = _day(visit.findtext("start-date") or "", path)
        host = next((n for n, a, b in presidents if a <= first < b), None)
        yield ReferenceRecord(
            kind="visit",
            record_id=_text(visit.find("id")),
            who=_text(visit.find("visitor")),
            counterpart=host,
            country=country_code(_text(origin), origin.get("id") if origin is not None else None, names),
            locale=None,
            date_first=first,
            date_last=_day(visit.findtext("end-date") or visit.findtext("start-date") or "", path),
            remarks=_text(visit.find("description")),
        )


def parse_presidents(root: ET.Element, path: Path) -> list[tuple[str, date, date]]:
    out = []
    for p in root.iter("president"):
        took, left = p.findtext("took-office-date"), p.findtext("left-office-date")
        if took:
            out.append((_text(p.find("name")), _day(took, path), _day(left, path) if left else date.max))
    return out


def read_folder(folder: Path, kb: KnowledgeBase | None = None) -> list[ReferenceRecord]:
    """Every trip and visit in the XML files under ``folder`` (any layout)."""
    if not folder.is_dir():
        raise RecordsError(f"{folder}: no such folder; give the folder `summitline reference fetch` wrote")
    names = _country_names(kb or load_kb())
    roots = [(p, _parse(p)) for p in sorted(folder.rglob("*.xml"))]
    presidents = [x for p, r in roots if r.tag == "presidents" for x in parse_presidents(r, p)]
    records: list[ReferenceRecord] = []
    for path, root in roots:
        if root.tag == "trips":
            records.extend(parse_trips(root, path, names))
        elif root.tag == "visits":
            records.extend(parse_visits(root, path, names, presidents))
    if not records:
        raise RecordsError(
            f"{folder}: no trip or visit records (president-travels/*.xml, data/*.xml) found; "
            "run `summitline reference fetch` first"
        )
    return records


# --- the library table ------------------------------------------------------------------------


def import_records(db: Database, folder: Path, kb: KnowledgeBase | None = None) -> int:
    """Add the records under ``folder`` to the library; return how many were new (re-importing adds none)."""
    records = read_folder(Path(folder), kb)
    with db.transaction():
        before = db.scalar("SELECT COUNT(*) FROM reference_records")
        db.executemany(
            "INSERT OR IGNORE INTO reference_records (kind, record_id, who, counterpart, country, locale, "
            "date_first, date_last, remarks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.kind,
                    r.record_id,
                    r.who,
                    r.counterpart,
                    r.country,
                    r.locale,
                    r.date_first.isoformat(),
                    r.date_last.isoformat(),
                    r.remarks,
                )
                for r in records
            ],
        )
        after = db.scalar("SELECT COUNT(*) FROM reference_records")
    return int(after) - int(before)


def count_records(db: Database) -> int:
    return int(db.scalar("SELECT COUNT(*) FROM reference_records") or 0)


def load_records(db: Database) -> list[ReferenceRecord]:
    rows = db.query(
        "SELECT kind, record_id, who, counterpart, country, locale, date_first, date_last, remarks "
        "FROM reference_records ORDER BY date_first, kind, record_id"
    )
    return [_from_row(r) for r in rows]


def _from_row(r: dict[str, Any]) -> ReferenceRecord:
    return ReferenceRecord(
        kind=r["kind"],
        record_id=r["record_id"],
        who=r["who"],
        counterpart=r["counterpart"],
        country=r["country"],
        locale=r["locale"],
        date_first=date.fromisoformat(r["date_first"]),
        date_last=date.fromisoformat(r["date_last"]),
        remarks=r["remarks"] or "",
    )


# --- downloading ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FetchSummary:
    dest: Path
    files: dict[str, int]  # local folder -> XML files written
    commits: dict[str, str]  # local folder -> the commit the archive was made from, when it says


def fetch_records(
    dest: Path,
    base_url: str = DEFAULT_BASE_URL,
    transport: httpx.BaseTransport | None = None,
    *,
    timeout: float = 60.0,
    allow_private: bool = False,
) -> FetchSummary:
    """Download the two repositories' archives and write their XML data files under ``dest``."""
    archives = {
        folder: _download(
            f"{base_url.rstrip('/')}/{repo}/archive/refs/heads/master.zip", transport, timeout, allow_private
        )
        for folder, (repo, _) in REPOSITORIES.items()
    }
    files: dict[str, int] = {}
    commits: dict[str, str] = {}
    for folder, (url, body) in archives.items():
        files[folder], commit = _extract(url, body, Path(dest) / folder, REPOSITORIES[folder][1])
        if commit:
            commits[folder] = commit
    return FetchSummary(Path(dest), files, commits)


def _download(
    url: str, transport: httpx.BaseTransport | None, timeout: float, allow_private: bool
) -> tuple[str, bytes]:
    from ..read.url import fetch

    body, _, _ = fetch(
        url,
        max_bytes=MAX_ARCHIVE_BYTES,
        timeout=timeout,
        allow_private=allow_private,
        transport=transport,
        text_only=False,
    )
    return url, body


def _extract(url: str, body: bytes, target: Path, wanted: re.Pattern[str]) -> tuple[int, str | None]:
    """Write the archive's data files (named by their path below the archive's top folder) under ``target``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except zipfile.BadZipFile as exc:
        raise FetchError(f"{url}: not a zip archive; check --base-url") from exc
    count = 0
    with archive:
        for info in archive.infolist():
            inner = info.filename.split("/", 1)[1] if "/" in info.filename else ""
            if info.is_dir() or not wanted.match(inner) or ".." in inner:
                continue
            if info.file_size > MAX_ARCHIVE_BYTES:
                raise FetchError(f"{url}: {info.filename} is too large to be a record file")
            out = target / inner
            try:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(archive.read(info))
            except OSError as exc:
                raise RecordsError(f"{out}: cannot be written ({exc.strerror}); choose another --dest") from exc
            count += 1
        commit = archive.comment.decode("ascii", "replace").strip() or None
    if not count:
        raise FetchError(f"{url}: the archive holds no record files; check --base-url")
    if commit:
        (target / "COMMIT").write_text(commit + "\n", encoding="utf-8")
    log.info("%s: %d files to %s", url, count, target)
    return count, commit
