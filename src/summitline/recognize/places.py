"""Places: venues, cities, regions and countries, from the knowledge base and GeoNames.

Venues, regions, countries and the cities the knowledge base names (capitals,
venue cities, summit hosts) match anywhere. The other GeoNames cities (about
34,000 of over 15,000 people, ``kb/data/cities.tsv``) match only after a
locative word ("in", "at", "outside") or before ", <region or country>", so
that "Obama" or "Nice" in running text are not taken for towns. An unknown
town before ", <region>" ("Crawford, Texas") is still a place in that region.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from ..kb import KnowledgeBase
from ..kb.cache import compiled_index
from .spans import alnum_words

T = TypeVar("T")
_WORD = re.compile(r"[^\W_]+")
_LONGER_NAME = re.compile(r" (?!Summit|summit|Conference|Talks|Meeting|Forum)[A-Z][a-z]")
# "the Normandy format", "the Minsk agreements", "the Oslo accords": a place naming an arrangement, not a venue
_NAMES_ARRANGEMENT = re.compile(
    r" (?:format|formula|protocols?|accords?|agreements?|process|declaration|communiqu[eé]|treaty|deal|"
    r"framework|consensus|principles)\b",
    re.I,
)
LEVELS = {"country": 1, "region": 2, "city": 3, "venue": 4}
_LOCATIVE = frozenset(
    "in at near outside inside to from of on around across into visit visits visited visiting toward towards".split()
)
_NOT_PLACES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday President Prime Minister The A An He She It They We I This That "
    "Here There Then When While But And Or Summit".split()
)


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    level: str
    country: str
    city: str | None = None
    region: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    curated: bool = True


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    entry: PlaceEntry
    locative: bool

    @property
    def rank(self) -> int:
        return LEVELS[self.entry.level]


def fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


class Lines(Sequence[str]):
    """The lines of one string, read by number: ``blob``'s lines start at ``offsets`` (an ``array`` of
    unsigned ints, one more than the lines: the last is where a line after the end would start)."""

    def __init__(self, blob: str, offsets: array) -> None:
        self.blob = blob
        self.offsets = offsets

    @classmethod
    def of(cls, lines: Sequence[str]) -> Lines:
        offsets = array("I", itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        return cls("\n".join(lines) + "\n", offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        return self.blob[self.offsets[i] : self.offsets[i + 1] - 1]

    def to_plain(self) -> tuple[str, bytes]:
        return self.blob, self.offsets.tobytes()

    @classmethod
    def from_plain(cls, plain: tuple[str, bytes]) -> Lines:
        offsets = array("I")
        offsets.frombytes(plain[1])
        return cls(plain[0], offsets)


class PlaceIndex:
    """Place names (as word tuples) -> their entries, best first.

    Kept as three sorted sequences of strings (names, each name's row numbers, and the entries' rows as
    tab-separated fields) so that it loads from the compiled cache in a few milliseconds: a name is
    found by bisection, a name's prefix too ("New" of "New York"), and an entry is parsed from its row
    only when a document names it. Loaded from the cache, each sequence is one string and the offsets
    of its lines (``Lines``): no string object is made for a name until a bisection reads it."""

    def __init__(self, keys: Sequence[str], rows_of: Sequence[str], table: Sequence[str]) -> None:
        self.keys = keys
        self.rows_of = rows_of
        self.table = table
        self._entries: dict[int, PlaceEntry] = {}
        self._rows: dict[tuple[str, ...], int] = {}  # lookups already made in this process
        self._prefixes: dict[tuple[str, ...], bool] = {}

    def _find(self, key: tuple[str, ...]) -> int:
        found = self._rows.get(key)
        if found is None:
            joined = "\x1f".join(key)
            k = bisect.bisect_left(self.keys, joined)
            found = self._rows[key] = k if k < len(self.keys) and self.keys[k] == joined else -1
        return found

    def __contains__(self, key: tuple[str, ...]) -> bool:
        return self._find(key) >= 0

    def __getitem__(self, key: tuple[str, ...]) -> list[PlaceEntry]:
        k = self._find(key)
        if k < 0:
            raise KeyError(key)
        return [self._entry(int(i)) for i in self.rows_of[k].split(",")]

    def get(self, key: tuple[str, ...], default: list[PlaceEntry] | None = None) -> list[PlaceEntry]:
        k = self._find(key)
        return [self._entry(int(i)) for i in self.rows_of[k].split(",")] if k >= 0 else (default or [])

    def is_prefix(self, key: tuple[str, ...]) -> bool:
        """Whether some longer name starts with these words."""
        found = self._prefixes.get(key)
        if found is None:
            head = "\x1f".join(key) + "\x1f"
            k = bisect.bisect_left(self.keys, head)
            found = self._prefixes[key] = k < len(self.keys) and self.keys[k].startswith(head)
        return found

    def __len__(self) -> int:
        return len(self.keys)

    def _entry(self, row: int) -> PlaceEntry:
        entry = self._entries.get(row)
        if entry is None:
            name, level, country, city, region, lat, lon, pop, curated = self.table[row].split("\t")
            entry = PlaceEntry(
                name,
                level,
                country,
                city or None,
                region or None,
                float(lat) if lat else None,
                float(lon) if lon else None,
                int(pop),
                curated == "1",
            )
            self._entries[row] = entry
        return entry


def _row(e: PlaceEntry) -> str:
    fields = (e.name, e.level, e.country, e.city or "", e.region or "", e.lat, e.lon, e.population, int(e.curated))
    return "\t".join("" if f is None else str(f) for f in fields)


class Gazetteer:
    """Every place name the knowledge base and the GeoNames cities give, compiled once per knowledge base
    (and kept in the compiled cache, see ``kb.cache``)."""

    def __init__(self, index: PlaceIndex, adjectival: set[str]) -> None:
        self.index = index
        self.adjectival = adjectival

    def to_plain(self) -> tuple[Any, ...]:
        i = self.index
        lines = [(x if isinstance(x, Lines) else Lines.of(x)).to_plain() for x in (i.keys, i.rows_of, i.table)]
        return (*lines, sorted(self.adjectival))

    @classmethod
    def from_plain(cls, plain: tuple[Any, ...]) -> Gazetteer:
        keys, rows_of, table, adjectival = plain
        index = PlaceIndex(Lines.from_plain(keys), Lines.from_plain(rows_of), Lines.from_plain(table))
        return cls(index, set(adjectival))


class _GazetteerBuilder:
    def __init__(self) -> None:
        self.entries: dict[PlaceEntry, int] = {}
        self.names: dict[tuple[str, ...], list[int]] = {}

    def add(self, name: str, entry: PlaceEntry) -> None:
        for saint, short in (("Saint ", "St. "), ("Sainte ", "Ste. ")):
            if name.startswith(saint):
                self._add_one(short + name[len(saint) :], entry)
        self._add_one(name, entry)
        if fold(name) != name:  # "Reykjavík" is mostly written "Reykjavik" in English
            self._add_one(fold(name), entry)

    def _add_one(self, name: str, entry: PlaceEntry) -> None:
        toks = tuple(_WORD.findall(name))
        if toks and toks[0][:1].isupper():
            row = self.entries.setdefault(entry, len(self.entries))
            bucket = self.names.setdefault(toks, [])
            if row not in bucket:
                bucket.append(row)

    def add_city(
        self, city: str, country: str, geo: dict, lat: float | None, lon: float | None, region: str | None
    ) -> None:
        known = geo.get((city, country))
        if known:
            lat, lon = known[2], known[3]
        entry = PlaceEntry(
            city, "city", country, city=city, region=region, lat=lat, lon=lon, population=known[4] if known else 0
        )
        self.add(city, entry)

    def index(self) -> PlaceIndex:
        entries = list(self.entries)
        order = {i: (not e.curated, -LEVELS[e.level], -e.population) for i, e in enumerate(entries)}
        named = sorted(("\x1f".join(k), rows) for k, rows in self.names.items())
        keys = [k for k, _ in named]
        rows_of = [",".join(str(i) for i in sorted(rows, key=order.__getitem__)) for _, rows in named]
        return PlaceIndex(keys, rows_of, [_row(e) for e in entries])


def build_gazetteer(kb: KnowledgeBase) -> Gazetteer:
    b = _GazetteerBuilder()
    countries = kb.countries
    adjectival = {a.rstrip(".") for c in countries.values() for a in c.adjectives}
    adjectival |= {m.partition("=")[0] for m in kb.cues.get("metonyms", [])}
    for c in countries.values():
        e = PlaceEntry(c.name, "country", c.code, lat=c.lat, lon=c.lon)
        for n in {c.name, *c.aliases}:
            if len(n) > 2 or n.isupper():
                b.add(n, e)
    for r in kb.regions:
        e = PlaceEntry(r.name, "region", r.country, region=r.name, lat=r.lat, lon=r.lon)
        for n in (r.name, *r.aliases):
            b.add(n, e)
    geo = kb.cities
    by_name = {(g[0], g[1]): g for g in sorted(geo, key=lambda g: g[4])}
    for v in kb.venues:
        e = PlaceEntry(v.name, "venue", v.country, city=v.city, region=v.region, lat=v.lat, lon=v.lon)
        for n in (v.name, *v.aliases):
            b.add(n, e)
        if v.city:
            b.add_city(v.city, v.country, by_name, v.lat, v.lon, v.region)
    for s in kb.gatherings.values():
        for ev in s.events:
            if ev.city:
                b.add_city(ev.city, ev.country, by_name, None, None, ev.region)
    for c in countries.values():
        if c.capital:
            b.add_city(c.capital, c.code, by_name, c.lat, c.lon, None)
    # a town that shares a leader's name ("Obama" in Japan) is never read as a place
    surnames = {a for leader in kb.leaders.values() for a in (leader.name, *leader.aliases) if " " not in a}
    for name, country, lat, lon, pop, alts in geo:
        if name in surnames:
            continue
        e = PlaceEntry(name, "city", country, city=name, lat=lat, lon=lon, population=pop, curated=False)
        for n in {name, fold(name), *alts}:
            b.add(n, e)
    return Gazetteer(b.index(), adjectival)


def gazetteer(kb: KnowledgeBase) -> Gazetteer:
    return kb.index("gazetteer", lambda k: compiled_index(k, "gazetteer", build_gazetteer, Gazetteer.from_plain))  # type: ignore[no-any-return]


_NAME_GAP = re.compile(r"[\s'’.-]{1,3}")  # between the words of one place name
_PRECEDING_WORD = re.compile(r"([A-Za-z]+)['’]?s?\W{0,3}(?:the\s+)?$")
# the same, tried only where a run of letters begins: a match inside a run is never the leftmost one (the
# letter before it starts a match too), so a search need not try every letter of the window
_PRECEDING_WORD_AT_RUN = re.compile(r"(?<![A-Za-z])([A-Za-z]+)['’]?s?\W{0,3}(?:the\s+)?$")


def _preceding_word(text: str, start: int) -> str:
    """The word before a place ("in", "at", "Russia" of "Russia's"), lower-cased: the leftmost match of
    ``_PRECEDING_WORD`` in the 24 characters before it, found by trying the window's first character (a run
    the window cuts) and then the starts of runs of letters only."""
    lo = max(0, start - 24)
    m = _PRECEDING_WORD.match(text, lo, start) or _PRECEDING_WORD_AT_RUN.search(text, lo, start)
    return m.group(1).lower() if m else ""


def recognize_places(text: str, kb: KnowledgeBase, exclude: list[tuple[int, int]] = ()) -> list[PlaceMention]:  # type: ignore[assignment]
    """Place mentions in ``text``, skipping spans in ``exclude`` (leader names)."""
    gaz = gazetteer(kb)
    words, starts, ends = alnum_words(text)
    blocked = sorted(exclude)
    out: list[PlaceMention] = []
    resume = 0  # the first word not yet read as part of a place
    index, count = gaz.index, len(words)
    # the excluded span that starts last at or before a word, walked alongside the words (both in text order)
    taken, last = -1, len(blocked) - 1
    # a place name starts with a capital: only those words are tried (a comprehension, in one C loop)
    for i in [k for k, w in enumerate(words) if w[:1].isupper() and w not in _NOT_PLACES]:
        if i < resume:
            continue
        at = starts[i]
        while taken < last and blocked[taken + 1][0] <= at:
            taken += 1
        if taken >= 0 and at < blocked[taken][1]:
            continue  # inside an excluded span
        # the longest run of tokens that names a place, growing while it is a prefix of some name
        best, n = 0, 1
        key: tuple[str, ...] = (words[i],)
        best_key = key
        while True:
            if key in index:
                best, best_key = n, key
            if not index.is_prefix(key) or i + n >= count:
                break
            if not _NAME_GAP.fullmatch(text, ends[i + n - 1], starts[i + n]):
                break
            key, n = key + (words[i + n],), n + 1
        hit = _place_at(text, at, ends[i + best - 1], gaz, index[best_key]) if best else None
        if hit is _UNKNOWN_TOWN:
            resume = i + best  # left whole to the unknown-town rule
        elif hit:
            out.append(hit)
            resume = i + best
    return out + _unknown_towns(text, out, blocked) + _datelines(text, gaz, out)


_DATELINE_CITY = re.compile(
    r"(?m)^(?:\([^()\n]{1,60}\)[ \t]*)?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})(?=,| \(| [-–—])"
)


def _datelines(text: str, gaz: Gazetteer, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "TOKYO, May 23 (Reuters) -", "KYIV -", "(Special cable) LONDON, March 3.": the city a story was
    filed from, at a paragraph's start (after a cable's bracketed note, if any)."""
    out = []
    for m in _DATELINE_CITY.finditer(text):
        key = tuple(w.title() for w in _WORD.findall(m.group(1)))
        entries = [e for e in gaz.index.get(key, []) if e.level in ("city", "venue")]
        if entries and not any(p.start == m.start(1) for p in found):
            out.append(PlaceMention(m.start(1), m.end(1), m.group(1), entries[0], True))
    return out


_UNKNOWN_TOWN = PlaceMention(0, 0, "", PlaceEntry("", "city", ""), False)


# "at Stormont, Belfast": a town after the comma that closes a name put somewhere ("at", "in") is where too
_VENUE_THEN_TOWN = re.compile(
    r"\b(?:at|in|near|outside|inside)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’.-]*,\s$"
)
_COMMA_NAME = re.compile(r",\s[A-Z]")  # "Moscow, Idaho": a place, then a name after its comma
_COMMA_NAMES = re.compile(r",\s((?:[A-Z][\w'’.-]*\s?){1,3})")


def _place_at(text: str, start: int, end: int, gaz: Gazetteer, entries: list[PlaceEntry]) -> PlaceMention | None:
    """The place ``text[start:end]`` names, given the gazetteer's ``entries`` for its words; None when the
    words around it make it something else."""
    after = text[end : end + 40]
    locative = _preceding_word(text, start) in _LOCATIVE or (
        text.startswith(", ", start - 2) and _VENUE_THEN_TOWN.search(text, max(0, start - 60), start) is not None
    )
    follows_place = bool(_COMMA_NAME.match(after))
    entry = _choose(entries, after, gaz, text[start:end])
    if entry is None:
        return _UNKNOWN_TOWN if follows_place else None
    if after.startswith(("'s ", "’s ")) and entry.level in ("country", "region"):
        return None  # "Russia's launch", "Russia's Sochi": a possessor, not the place
    if _NAMES_ARRANGEMENT.match(after):
        return None
    # "The New York Times", "Moscow Zoo", "at the Bush Ranch": part of a longer name, not a place
    if entry.level != "venue" and _LONGER_NAME.match(after) and (not locative or not entry.curated):
        return None
    # "U.S. presidential", "the Kremlin also said": adjectives and metonyms need a locative word
    needs_locative = not entry.curated or text[start:end].rstrip(".") in gaz.adjectival
    if needs_locative and not (locative or follows_place):
        return None
    return PlaceMention(start, end, text[start:end], entry, locative or follows_place)


def _choose(entries: list[PlaceEntry], after: str, gaz: Gazetteer, written: str = "") -> PlaceEntry | None:
    """Prefer the entry whose country or region the text names right after it ("Moscow, Idaho"). A town
    known only by another name of a bigger city ("Warm Springs" of Fremont) is left to the unknown-town
    rule when a region follows it."""
    m = _COMMA_NAMES.match(after)
    if m:
        toks = tuple(_WORD.findall(m.group(1)))
        for n in range(len(toks), 0, -1):
            for ctx in gaz.index.get(toks[:n], []):
                if ctx.level in ("country", "region"):
                    for e in entries:
                        if e.country == ctx.country and e.level in ("city", "venue"):
                            if ctx.level == "region" and not e.curated and fold(e.name) != fold(written):
                                return None
                            return e
    return entries[0] if entries else None


def _overlaps_sorted(items: Sequence[T], start: int, end: int, span: Callable[[T], tuple[int, int]]) -> bool:
    """Whether a span overlaps one of ``items``, which are sorted and do not overlap each other."""
    k = bisect.bisect_left(items, end, key=lambda x: span(x)[0])
    return k > 0 and span(items[k - 1])[1] > start


def _unknown_towns(text: str, found: list[PlaceMention], exclude: list[tuple[int, int]]) -> list[PlaceMention]:
    """ "in Crawford, Texas": a capitalised name before ", <region>" is a town there."""
    extra = []
    for m in found:
        if m.entry.level not in ("region", "country"):
            continue
        # "in Crawford, Texas", or an item's heading "May 26, 2011 – Deauville, France"
        head = re.search(
            r"(?:\b(?:in|at|near|outside|of|to)\s|[–—]\s)((?:[A-Z][\w'’-]+\s?){1,3}),\s$",
            text[max(0, m.start - 50) : m.start],
        )
        if not head:
            continue
        start = max(0, m.start - 50) + head.start(1)
        end = start + len(head.group(1).rstrip())
        if _overlaps_sorted(found, start, end, lambda p: (p.start, p.end)) or _overlaps_sorted(
            exclude, start, end, lambda s: s
        ):
            continue
        name = text[start:end]
        entry = PlaceEntry(
            name,
            "city",
            m.entry.country,
            city=name,
            region=m.entry.region,
            lat=m.entry.lat,
            lon=m.entry.lon,
            curated=False,
        )
        extra.append(PlaceMention(start, end, name, entry, True))
    return extra
