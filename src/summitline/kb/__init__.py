"""The knowledge base: leaders and their offices, countries, places, gatherings, topics, tone, cues.

Every fact lives in a data file under ``kb/data/`` with a source note (a
``source:`` key in YAML, a ``# source:`` first line in CSV). Users add their own
files of the same names (``leaders*.csv``, ``venues*.yaml`` …) in a folder given
by ``--kb DIR`` or ``SUMMITLINE_KB``; they are read after the built-in ones.
The knowledge base is loaded once per folder and cached.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import KnowledgeBaseError

DATA_DIR = Path(__file__).parent / "data"


def _by_constructor(self: Any) -> tuple[Any, ...]:
    """``__reduce__`` of the knowledge base's records: rebuilt by their constructor from their fields in
    order, faster to load from the compiled cache than slot by slot (a quarter for a leader, about half for
    a frozen record, whose ``__setstate__`` reads the fields again for every object)."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)


class Term(NamedTuple):
    """One person in one office for one spell (a named tuple: thousands load from the cache at start-up)."""

    office: str
    country: str
    role: str
    start: date
    end: date | None
    source: str = ""  # the row's own source note; the file's note when the row has none

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)

    def __reduce__(self) -> tuple[Any, ...]:
        # made as a tuple is, in C: a fifth faster to load than through the named tuple's own __new__
        return tuple.__new__, (Term, tuple(self))


@dataclass(slots=True)
class Leader:
    id: str
    name: str
    aliases: list[str]
    terms: list[Term] = field(default_factory=list)
    gender: str | None = None  # "M" or "F" where a file states it
    origin: str = "kb"  # "title_open" for a leader known only from a document's office, country and name

    __reduce__ = _by_constructor

    @property
    def countries(self) -> set[str]:
        return {t.country for t in self.terms}

    def terms_during(self, first: date, last: date) -> list[Term]:
        return [t for t in self.terms if t.overlaps(first, last)]


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capital: str | None
    lat: float | None
    lon: float | None
    leads: str = "head_of_state"  # whose office news means by "the country's leader" (a parliamentary
    # republic's head of government; a monarchy's is found from its head of state's office)

    __reduce__ = _by_constructor


@dataclass(frozen=True, slots=True)
class Venue:
    name: str
    aliases: tuple[str, ...]
    city: str | None
    region: str | None
    country: str
    lat: float | None
    lon: float | None
    kind: str

    __reduce__ = _by_constructor


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    aliases: tuple[str, ...]
    country: str
    kind: str
    lat: float | None
    lon: float | None

    __reduce__ = _by_constructor


@dataclass(frozen=True, slots=True)
class GatheringEvent:
    series: str
    start: date
    end: date
    city: str | None
    country: str
    venue: str | None
    region: str | None
    approximate: bool = False  # the dates are known only to the week
    closing: date | None = None  # the closing ceremony, where it differs from ``end`` (Olympics)

    __reduce__ = _by_constructor


@dataclass(slots=True)
class GatheringSeries:
    id: str
    name: str
    aliases: list[str]
    events: list[GatheringEvent]


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    cues: tuple[str, ...]

    __reduce__ = _by_constructor


@dataclass(slots=True)
class KnowledgeBase:
    leaders: dict[str, Leader]
    countries: dict[str, Country]
    venues: list[Venue]
    regions: list[Region]
    gatherings: dict[str, GatheringSeries]
    topics: list[Topic]
    tone_cues: dict[str, float]
    tone_labels: list[tuple[str, float]]
    cues: dict[str, list[str]]
    sources: dict[str, str]
    derived: dict[str, Any] = field(default_factory=dict)  # indexes built from the data, once per knowledge base
    fingerprint: str = ""  # of the data files' bytes: names the compiled cache (see kb.cache)
    dirs: tuple[str, ...] = ()  # the folders the data came from
    open_leaders: dict[str, Leader] = field(default_factory=dict)  # one document's title_open leaders
    # the leaders as loaded: a copy with other leaders (a test's, a document's) shares no cache on disk
    loaded_leaders: dict[str, Leader] | None = None

    @property
    def cacheable(self) -> bool:
        """Whether indexes of this knowledge base may be kept in (and read from) the compiled cache."""
        return bool(self.fingerprint) and self.leaders is self.loaded_leaders

    def compiled(self, name: str, build: Callable[[KnowledgeBase], Any]) -> Any:
        """Like ``index``, for an index that is slow to build (an automaton, a lexicon): kept in the compiled
        cache under this knowledge base's fingerprint, so later processes load it instead."""
        if name not in self.derived:
            from .cache import cached_object

            key = self.fingerprint if self.cacheable else ""  # no key: built in memory, never written
            self.derived[name] = cached_object(key, name, lambda: build(self))
        return self.derived[name]

    def __getstate__(self) -> dict[str, Any]:
        state = {f: getattr(self, f) for f in self.__dataclass_fields__}
        state["derived"] = {}  # indexes are cached on their own (or rebuilt), never inside the knowledge base
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)

    @property
    def cities(self) -> list[tuple[str, str, float, float, int, tuple[str, ...]]]:
        """GeoNames cities (``cities*.tsv``): name, country, lat, lon, population, other names. Read only
        when the place index is built, so not kept in the cached knowledge base."""
        return read_cities(_files("cities*.tsv", [Path(d) for d in self.dirs]))

    def index(self, name: str, build: Callable[[KnowledgeBase], Any]) -> Any:
        """An index derived from this knowledge base (a gazetteer, a lexicon), built on first use and kept
        with it, so that it can never outlive or mix with another knowledge base."""
        if name not in self.derived:
            self.derived[name] = build(self)
        return self.derived[name]

    def leaders_in_office(self, country: str, first: date, last: date) -> list[tuple[Leader, Term]]:
        by_country: dict[str, list[tuple[Leader, Term]]] = self.index("terms_by_country", _terms_by_country)
        found = [(leader, term) for leader, term in by_country.get(country, ()) if term.overlaps(first, last)]
        # a document's title_open leaders are not in the shared index
        found += [(p, t) for p in self.open_leaders.values() for t in p.terms if t.country == country]
        return found


def _terms_by_country(kb: KnowledgeBase) -> dict[str, list[tuple[Leader, Term]]]:
    out: dict[str, list[tuple[Leader, Term]]] = {}
    for leader in kb.leaders.values():
        if leader.origin == "kb":
            for term in leader.terms:
                out.setdefault(term.country, []).append((leader, term))
    return out


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml  # only when the compiled cache is missing or stale

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is several times faster
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot be read as YAML ({exc}); fix or remove the file") from exc
    if not isinstance(data, dict) or not str(data.get("source") or "").strip():
        raise KnowledgeBaseError(
            f"{path}: a knowledge file needs a top-level 'source:' note saying where its facts come from"
        )
    return data


def _iso(value: Any, path: Path) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise KnowledgeBaseError(f"{path}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _opt_float(value: Any) -> float | None:
    return None if value in (None, "") else float(value)


def _files(name_glob: str, dirs: list[Path]) -> list[Path]:
    out: list[Path] = []
    for d in dirs:
        out.extend(sorted(d.glob(name_glob)))
    return out


def _term(row: dict[str, str], path: Path, note: str) -> Term | None:
    """The term a leaders row states; None for a row that only adds aliases or a gender to a person."""
    if not row["office"].strip() and not row["start"].strip():
        return None
    return Term(
        office=row["office"].strip(),
        country=row["country"].strip().upper(),
        role=row["role"].strip(),
        start=_iso(row["start"], path) or date.min,
        end=_iso(row["end"], path),
        source=(row.get("source") or "").strip() or note,
    )


def _load_leaders(paths: list[Path], sources: dict[str, str]) -> dict[str, Leader]:
    """Leaders and their terms from every ``leaders*.csv``. A file may add ``gender`` and ``source``
    columns; the same term stated by two files (same person, country, office and start) is kept once."""
    leaders: dict[str, Leader] = {}
    seen: set[tuple[str, str, str, date]] = set()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        if not lines or not lines[0].startswith("# source:"):
            raise KnowledgeBaseError(f"{path}: the first line must be a '# source: …' note")
        note = lines[0][len("# source:") :].strip()
        sources[path.name] = note
        body = io.StringIO("\n".join(line for line in lines if not line.startswith("#")))
        for n, row in enumerate(csv.DictReader(body), start=2):
            try:
                lid, name = row["id"].strip(), row["name"].strip()
                term = _term(row, path, note)
            except (KeyError, AttributeError) as exc:
                raise KnowledgeBaseError(f"{path}: row {n} lacks a column ({exc}); see the header line") from exc
            leader = leaders.setdefault(lid, Leader(id=lid, name=name, aliases=[]))
            for alias in (row.get("aliases") or "").split("|"):
                alias = alias.strip()
                if alias and alias != leader.name and alias not in leader.aliases:
                    leader.aliases.append(alias)
            gender = (row.get("gender") or "").strip().upper()
            if gender in ("M", "F") and leader.gender is None:
                leader.gender = gender
            if term is None:
                continue
            key = (lid, term.country, term.office, term.start)
            if key not in seen:
                seen.add(key)
                leader.terms.append(term)
    return leaders


def _load_gatherings(paths: list[Path], sources: dict[str, str]) -> dict[str, GatheringSeries]:
    series: dict[str, GatheringSeries] = {}
    for path in paths:
        data = _read_yaml(path)
        sources[path.name] = str(data["source"]).strip()
        for s in data.get("series") or []:
            entry = series.setdefault(
                s["id"], GatheringSeries(id=s["id"], name=s.get("name") or s["id"], aliases=[], events=[])
            )
            entry.aliases.extend(a for a in s.get("aliases") or [] if a not in entry.aliases)
            for ev in s.get("events") or []:
                start = _iso(ev.get("start"), path)
                if start is None:
                    raise KnowledgeBaseError(f"{path}: an event of {s['id']} has no start date")
                entry.events.append(
                    GatheringEvent(
                        series=s["id"],
                        start=start,
                        end=_iso(ev.get("end"), path) or start,
                        city=ev.get("city"),
                        country=str(ev.get("country") or "").upper(),
                        venue=ev.get("venue"),
                        region=ev.get("region"),
                        approximate=bool(ev.get("approximate")),
                        closing=_iso(ev.get("closing"), path),
                    )
                )
    return series


def read_cities(paths: list[Path]) -> list[tuple[str, str, float, float, int, tuple[str, ...]]]:
    rows = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines or not lines[0].startswith("# source:"):
            raise KnowledgeBaseError(f"{path}: the first line must be a '# source: …' note")
        for n, line in enumerate(lines[2:], start=3):
            parts = line.split("\t")
            try:
                name, country, lat, lon, pop = (
                    parts[0],
                    parts[1].upper(),
                    float(parts[2]),
                    float(parts[3]),
                    int(parts[4]),
                )
            except (IndexError, ValueError) as exc:
                raise KnowledgeBaseError(f"{path}: line {n} is not name, country, lat, lon, population") from exc
            alts = tuple(a for a in parts[5].split("|") if a) if len(parts) > 5 else ()
            rows.append((name, country, lat, lon, pop, alts))
    return rows


_DATA_GLOBS = ("leaders*.csv", "countries*.yaml", "venues*.yaml", "regions*.yaml", "topics*.yaml", "tone*.yaml",
               "cues*.yaml", "gatherings*.yaml", "cities*.tsv")  # fmt: skip


def load_kb(extra_dir: Path | None = None) -> KnowledgeBase:
    """Load (once per folder and process) the built-in knowledge base plus a user folder of extra files,
    from the compiled cache when the files have not changed (see ``kb.cache``)."""
    return _load_kb_cached(str(extra_dir.resolve()) if extra_dir else "")


@functools.lru_cache(maxsize=4)
def _load_kb_cached(extra: str) -> KnowledgeBase:
    from .. import __version__
    from .cache import cached_object, fingerprint

    dirs = [DATA_DIR]
    if extra:
        extra_dir = Path(extra)
        if not extra_dir.is_dir():
            raise KnowledgeBaseError(f"{extra}: the knowledge-base folder does not exist; check --kb or SUMMITLINE_KB")
        dirs.append(extra_dir)
    files = [p for glob in _DATA_GLOBS for p in _files(glob, dirs)]
    # the classes' fields are part of the key: a cache written by other code is never read back
    classes = (KnowledgeBase, Leader, Country, Venue, Region)
    layout = ";".join(",".join(c.__dataclass_fields__) for c in classes) + ";" + ",".join(Term._fields)
    key = fingerprint(files, f"{__version__}|{layout}")
    kb: KnowledgeBase = cached_object(key, "kb", lambda: _parse_kb(dirs))
    kb.fingerprint, kb.dirs = key, tuple(str(d) for d in dirs)
    kb.loaded_leaders = kb.leaders
    return kb


def _parse_kb(dirs: list[Path]) -> KnowledgeBase:
    sources: dict[str, str] = {}
    leaders = _load_leaders(_files("leaders*.csv", dirs), sources)
    for path in _files("cities*.tsv", dirs):  # read in full only to build the place index
        with path.open(encoding="utf-8") as f:
            first = f.readline()
        if not first.startswith("# source:"):
            raise KnowledgeBaseError(f"{path}: the first line must be a '# source: …' note")
        sources[path.name] = first[len("# source:") :].strip()

    def docs(glob: str) -> list[dict[str, Any]]:
        out = []
        for path in _files(glob, dirs):
            data = _read_yaml(path)
            sources[path.name] = str(data["source"]).strip()
            out.append(data)
        return out

    countries = {}
    for d in docs("countries*.yaml"):
        for c in d.get("countries") or []:
            code = str(c["code"]).upper()
            countries[code] = Country(
                code=code,
                name=c["name"],
                aliases=tuple(str(a) for a in c.get("aliases") or []),
                adjectives=tuple(str(a) for a in c.get("adjectives") or []),
                capital=c.get("capital"),
                lat=_opt_float(c.get("lat")),
                lon=_opt_float(c.get("lon")),
                leads=str(c.get("leads") or "head_of_state"),
            )
            if countries[code].leads not in ("head_of_state", "head_of_government"):
                raise KnowledgeBaseError(f"countries: {code}: leads must be head_of_state or head_of_government")
    venues = [
        Venue(
            name=v["name"],
            aliases=tuple(v.get("aliases") or []),
            city=v.get("city"),
            region=v.get("region"),
            country=str(v["country"]).upper(),
            lat=_opt_float(v.get("lat")),
            lon=_opt_float(v.get("lon")),
            kind=v.get("kind") or "venue",
        )
        for d in docs("venues*.yaml")
        for v in d.get("venues") or []
    ]
    regions = [
        Region(
            name=r["name"],
            aliases=tuple(r.get("aliases") or []),
            country=str(r["country"]).upper(),
            kind=r.get("kind") or "region",
            lat=_opt_float(r.get("lat")),
            lon=_opt_float(r.get("lon")),
        )
        for d in docs("regions*.yaml")
        for r in d.get("regions") or []
    ]
    topics = [
        Topic(id=t["id"], label=t.get("label") or t["id"], cues=tuple(str(c) for c in t.get("cues") or []))
        for d in docs("topics*.yaml")
        for t in d.get("topics") or []
    ]
    tone_cues: dict[str, float] = {}
    tone_labels: list[tuple[str, float]] = []
    for d in docs("tone*.yaml"):
        for c in d.get("cues") or []:
            tone_cues[str(c["cue"]).lower()] = float(c["weight"])
        tone_labels = [(lab["label"], float(lab["min"])) for lab in d.get("labels") or []] or tone_labels
    cues: dict[str, list[str]] = {}
    for d in docs("cues*.yaml"):
        for key, values in d.items():
            if key != "source" and isinstance(values, list):
                cues.setdefault(key, []).extend(str(v) for v in values)
    return KnowledgeBase(
        leaders=leaders,
        countries=countries,
        venues=venues,
        regions=regions,
        gatherings=_load_gatherings(_files("gatherings*.yaml", dirs), sources),
        topics=topics,
        tone_cues=tone_cues,
        tone_labels=sorted(tone_labels, key=lambda x: -x[1]),
        cues=cues,
        sources=sources,
    )
