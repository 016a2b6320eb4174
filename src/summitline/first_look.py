"""The first look: whether a page's bytes could hold a meeting between leaders at all, before any parse.

Most pages of a news crawl are about something else, and extracting a page's main text costs far more
than reading its bytes once. ``could_hold_meeting(data, kb)`` reads the raw bytes (HTML or text) with one
Aho-Corasick automaton and lets a page through when, within ``NEAR`` characters, it has

* a word of meeting, calling or visiting (the cues ``meeting``, ``phone_call`` and ``video_call``, the
  names of gatherings such as "G20" or "NATO summit", and ``GATHERING_WORDS``), and
* two leaders who cannot be one person: two names of the knowledge base whose sets of leader ids are
  disjoint ("Bush" and "George W. Bush" may be one, "Putin" and "Xi" are two), or a name and the office
  of a country that leader never led ("Putin" and "the Kenyan president"), or the offices of two
  countries ("the Russian president" and "Italy's prime minister").

A meeting is stated where the leaders are named: in every gold document we have, the three lie within
158 characters of each other. Requiring them near each other is what stops the pages that name leaders
in a menu, a teaser and a quote far apart.

Names are matched as the pipeline matches them: in their own case (or in capitals, as in a headline),
an ambiguous one ("May", "Kim") only after a title or a prefix ("Prime Minister May", "Mr Kim"), and a
lone surname not where the page makes it part of someone else's name ("Laura Bush", "Costa Rica": a
capitalised word right beside it, with one space between, that is no title, prefix, month, day or
country's word; ``recognize.leaders.words_beside_a_lone_name``). Pages name many people who share a
leader's surname, in bylines, author boxes, menus and comments: this alone halves the pages of
``corpus/web`` let through. Offices and meeting words are matched in any case.

No HTML parse: scripts, styles, navigation and footers are cut out (``_without_code``), then tags (one
regular expression); character references are decoded ("Xi&nbsp;Jinping", "Erdo&#287;an"); punctuation
(ASCII, U+2000-U+206F, Windows-1252's) and spaces become word breaks, and every run of them one space, by
C-speed byte operations. The same normalisation is applied to every key when the automaton is built, so
keys and pages always agree; "<b>Prime</b>\n<i>Minister</i>" is "prime minister". A word split inside by
a tag ("Pu<wbr>tin") is not found. Besides UTF-8, keys are kept without accents and in Windows-1252; a
page in another 8-bit encoding is matched on its ASCII names.

The automaton is built once per knowledge base and kept in the compiled cache (``kb.cache``), keyed by
the knowledge base's fingerprint and by this module's own source.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .kb import KnowledgeBase

__all__ = ["Look", "could_hold_meeting", "first_look"]

MEETING_CUES = ("meeting", "phone_call", "video_call")
# nouns of gathering the meeting cues lack ("opened their conference"): a page may state a meeting with them
GATHERING_WORDS = ("conference", "conferences", "assembly")
# how close (in characters of the normalised page, about 130 words) a meeting word and two leaders must
# be: five times the widest stretch in any gold document of ours (158); markup between them is cut out
NEAR = 800

# every byte that is not an ASCII letter or digit, nor part of a non-ASCII character, is a word break
_BREAKS = bytes(b for b in range(128) if not chr(b).isalnum())
_NORMAL = bytes.maketrans(_BREAKS, b" " * len(_BREAKS))
# the punctuation of U+2000-U+206F and of U+00A0-U+00BF in UTF-8: two patterns, each opening with its lead
# byte, which the engine finds by its fast literal scan (one pattern of both scans every byte); on UTF-8 the
# two sequences never overlap, so replacing one and then the other is replacing both
_PUNCTUATION_2000 = re.compile(rb"\xe2(?:\x80[\x80-\xbf]|\x81[\x80-\xaf])")
_PUNCTUATION_00A0 = re.compile(rb"\xc2[\xa0-\xbf]")
_BREAKS_8BIT = _BREAKS + bytes(b for b in range(0x80, 0xC0) if b not in b"\x8a\x8c\x8e\x9a\x9c\x9e\x9f\xaa\xb5\xba")
_NORMAL_8BIT = bytes.maketrans(_BREAKS_8BIT, b" " * len(_BREAKS_8BIT))
_REFERENCE = re.compile(rb"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_TAG = re.compile(rb"<[^<>]*>")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# automaton values: entries of (kind, payload)
_MEET, _NAME, _OFFICE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Look:
    """What the first look saw: whether the page passes, and why."""

    passed: bool
    leaders: int  # distinct leaders the page names (see the module's docstring)
    meeting_words: int  # meeting, call and visit words found
    names: tuple[
        str, ...
    ]  # the leader ids of the names counted (one id per leader, the smallest when a name is ambiguous)
    offices: tuple[str, ...]  # countries whose leader's office the page names ("russian president" -> "RU")
    span: int | None  # the length of the stretch that holds a meeting word and two leaders, when one does
    reason: str  # why the page stops ("" when it passes)


def could_hold_meeting(data: bytes | str, kb: KnowledgeBase) -> bool:
    """Whether ``data`` (a page's bytes or text) could hold a meeting between two leaders: a meeting word
    with two leaders around it. ``False`` means the page can be dropped before any parse."""
    return first_look(data, kb).passed


def first_look(data: bytes | str, kb: KnowledgeBase) -> Look:
    """The first look at a page, with the counts behind its verdict."""
    lexicon = _lexicon(kb)
    text = _page_text(_as_utf8(data))
    cased = _words(text)
    meetings: list[int] = []
    signals: list[_Signal] = []
    seen: dict[bytes, bool] = {}
    for end, entries in lexicon.automaton.iter(cased.lower().decode("latin-1")):
        for kind, payload in entries:
            if kind == _MEET:
                meetings.append(end)
            elif kind == _OFFICE:
                signals.append(_Signal(end, (), (payload,)))
            elif _cased_at(cased, end, payload[0]) and not _someone_elses(cased, text, end, payload[0], lexicon, seen):
                signals.append(_Signal(end, payload[1], payload[2]))
    chosen = _distinct_people({s.ids for s in signals if s.ids})
    named = {c for ids in chosen for i in ids for c in lexicon.countries.get(i, ())}
    offices = {s.countries[0] for s in signals if not s.ids}
    leaders = len(chosen) + len(offices - named)
    span = _passage(meetings, signals) if meetings and leaders >= 2 else None
    if not meetings:
        reason = "no meeting word"
    elif leaders < 2:
        reason = "fewer than two leaders"
    elif span is None:
        reason = f"no meeting word within {NEAR} characters of two leaders"
    else:
        reason = ""
    return Look(
        passed=not reason,
        leaders=leaders,
        meeting_words=len(meetings),
        names=tuple(sorted(ids[0] for ids in chosen)),
        offices=tuple(sorted(offices)),
        span=span,
        reason=reason,
    )


@dataclass(frozen=True, slots=True)
class _Signal:
    """A leader named at ``end``: by name (``ids``, the countries they led) or by office (no ids)."""

    end: int
    ids: tuple[str, ...]
    countries: tuple[str, ...]

    def other_than(self, other: _Signal) -> bool:
        """Whether the two cannot be one person."""
        if self.ids and other.ids:
            return set(self.ids).isdisjoint(other.ids)
        if self.ids or other.ids:  # a name and an office: the office's country is not the named leader's
            name, office = (self, other) if self.ids else (other, self)
            return office.countries[0] not in name.countries
        return self.countries != other.countries


def _passage(meetings: list[int], signals: list[_Signal]) -> int | None:
    """The length of the first stretch of at most ``NEAR`` characters that holds a meeting word and two
    leaders who cannot be one person, or None. Each leader is paired with the latest mention of every
    other leader before it (the nearest, so the tightest stretch): linear in the mentions, even on a
    page that names one leader thousands of times."""
    latest: dict[tuple[tuple[str, ...], tuple[str, ...]], _Signal] = {}
    for signal in signals:
        if not _meeting_between(meetings, signal.end - NEAR, signal.end + NEAR):
            continue
        for who, earlier in list(latest.items()):
            if signal.end - earlier.end > NEAR:
                del latest[who]
            elif earlier.other_than(signal):
                span = _stretch(meetings, earlier.end, signal.end)
                if span is not None:
                    return span
        latest[signal.ids, signal.countries] = signal
    return None


def _stretch(meetings: list[int], first: int, second: int) -> int | None:
    """The shortest stretch from ``first`` to ``second`` with a meeting word in it, if at most ``NEAR``."""
    k = bisect.bisect_left(meetings, first)
    if k < len(meetings) and meetings[k] <= second:
        return second - first
    before = first - meetings[k - 1] if k else NEAR + 1
    after = meetings[k] - second if k < len(meetings) else NEAR + 1
    span = second - first + min(before, after)
    return span if span <= NEAR else None


def _meeting_between(meetings: list[int], low: int, high: int) -> bool:
    k = bisect.bisect_left(meetings, low)
    return k < len(meetings) and meetings[k] <= high


def _cased_at(cased: bytes, end: int, tails: tuple[bytes, ...]) -> bool:
    """Whether the name whose lower-cased key ends at ``end`` is written in one of its cases there (the
    alias's own, or all capitals); ``end`` is the offset of the key's closing space."""
    return any(cased[end - len(t) : end] in (t, t.upper()) for t in tails)


def _someone_elses(
    cased: bytes, text: bytes, end: int, tails: tuple[bytes, ...], lexicon: _Lexicon, seen: dict[bytes, bool]
) -> bool:
    """Whether the one-word name ending at ``end`` is part of someone else's name, as the pipeline reads a
    lone name (``recognize.leaders.words_beside_a_lone_name``): a capitalised word right before it that is
    not a title, a prefix, a function word, a month, a day or a country's ("Laura Bush"), or right after it
    that is not a month, a day or a title ("Costa Rica"). Words in capitals say nothing of names (a
    headline's "PUTIN AND XI HOLD TALKS", a dateline's "PARIS"). The normalised page has lost its punctuation, so
    the two words must stand with one space between them in the page's ``text`` too: "Moscow, Putin" and
    "Moscow. Putin" are not "Moscow Putin". ``seen``: the answers for this page so far, by words."""
    start = end - len(tails[0])
    name = cased[start:end]
    if b" " in name or name.isupper():  # a name of several words, or in a headline's capitals
        return False
    before = cased[cased.rfind(b" ", 0, start - 1) + 1 : start - 1]
    if _capitalised(before) and before.lower() not in lexicon.beside_before and _joined(before, name, text, seen):
        return True
    after = cased[end + 1 : cased.find(b" ", end + 1)]
    return _capitalised(after) and after.lower() not in lexicon.beside_after and _joined(name, after, text, seen)


def _capitalised(word: bytes) -> bool:
    """Capitalised, not in capitals (a headline's, a dateline's or an acronym's)."""
    return word[:1].isupper() and not word.isupper()


def _joined(first: bytes, second: bytes, text: bytes, seen: dict[bytes, bool]) -> bool:
    """Whether ``text`` has the two words with one space between them."""
    words = first + b" " + second
    found = seen.get(words)
    if found is None:
        found = seen[words] = words in text
    return found


def _distinct_people(name_sets: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Names that must be different people: greedily, the most precise names first, each kept when it
    shares no possible leader with those kept."""
    kept: list[tuple[str, ...]] = []
    taken: set[str] = set()
    for ids in sorted(name_sets, key=lambda s: (len(s), s)):
        if taken.isdisjoint(ids):
            kept.append(ids)
            taken.update(ids)
    return kept


def _as_utf8(data: bytes | str) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8", "replace")
    if data.startswith(_UTF16_BOMS) or data.startswith(b"\x00\x00\xfe\xff"):
        from .read.text import decode_text

        try:
            return decode_text(data, "page").encode("utf-8", "replace")
        except Exception:  # not text: nothing in it can be a meeting
            return b""
    return data


def _reference(match: re.Match[bytes]) -> bytes:
    """A character reference decoded: a page repeats a few ("&amp;", "&nbsp;"), each decoded once."""
    written = match.group()
    try:
        return _DECODED[written]
    except KeyError:
        pass
    text = written.decode("ascii")
    found = html.unescape(text)
    decoded = written if found == text else b" " if found.isspace() else found.encode("utf-8", "replace")
    if len(_DECODED) < 4096:
        _DECODED[written] = decoded
    return decoded


_DECODED: dict[bytes, bytes] = {}


def _normalise(raw: bytes) -> bytes:
    """Scripts, styles, navigation, footers and tags gone, character references decoded, every run of word
    breaks one space, and one space at either end: a key ``" putin "`` then matches the word Putin and
    nothing longer."""
    return _words(_page_text(raw))


def _page_text(raw: bytes) -> bytes:
    """The page without its scripts, styles, navigation, footers and tags, character references decoded."""
    if b"<" in raw:
        raw = _TAG.sub(b" ", _without_code(raw))
    if b"&" in raw:
        raw = _REFERENCE.sub(_reference, raw)
    return raw


def _words(raw: bytes) -> bytes:
    """Every run of word breaks in the page's text one space, and one space at either end."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:  # an 8-bit page: its punctuation (’ “ – …) is bytes 0x80-0xBF of Windows-1252
        table = _NORMAL_8BIT
    else:  # punctuation and spaces of U+00A0-U+00BF and U+2000-U+206F ("Putin’s", "…met"): word breaks
        raw = _PUNCTUATION_00A0.sub(b" ", _PUNCTUATION_2000.sub(b" ", raw))
        table = _NORMAL
    return b" " + b" ".join(raw.translate(table).split()) + b" "


# elements cut out with what they hold: code (scripts, style sheets), and a site's navigation and footers,
# whose menus and teasers name leaders and meetings of other stories (trafilatura leaves them out of the
# main text too)
_CUT = (b"<script", b"<style", b"<nav", b"<footer")
# "<" outside the case-blind group: the engine scans for it at C speed
_CUT_OPENING = re.compile(b"<(?i:(" + b"|".join(opening[1:] for opening in _CUT) + b"))")
_CUT_CLOSING = {opening[1:]: re.compile(b"</(?i:" + opening[1:] + b")") for opening in _CUT}


def _without_code(raw: bytes) -> bytes:
    """The page without its scripts and style sheets, navigation and footers (``_CUT``): each from its
    opening to its closing tag, in any case, found by one regular expression that jumps from "<" to "<"."""
    parts: list[bytes] = []
    pos = 0
    opening = _CUT_OPENING.search(raw)
    while opening is not None:
        closing = _CUT_CLOSING[opening.group(1).lower()].search(raw, opening.end())
        if closing is None:  # never closed: the rest stays
            break
        parts += (raw[pos : opening.start()], b" ")
        pos = closing.end()
        opening = _CUT_OPENING.search(raw, pos)
    return b"".join([*parts, raw[pos:]]) if parts else raw


def _key(text: str) -> bytes:
    """A phrase as the normalised page holds it (without the padding)."""
    return _normalise(text.encode("utf-8"))[1:-1]


def _variants(text: str) -> set[bytes]:
    """A phrase's forms on pages: UTF-8 as written, without accents, and in Windows-1252."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    forms = {text.encode("utf-8"), folded.encode("ascii")}
    try:
        forms.add(text.encode("cp1252"))
    except UnicodeEncodeError:
        pass
    return {_normalise(f)[1:-1] for f in forms} - {b""}


class _Lexicon:
    """The automaton over lower-cased normalised keys, and each leader's countries."""

    def __init__(self, kb: KnowledgeBase) -> None:
        import ahocorasick

        from .recognize.leaders import words_beside_a_lone_name

        entries: dict[str, set[tuple[int, Any]]] = {}
        names: dict[bytes, dict[tuple[str, ...], set[bytes]]] = {}  # lower key -> ids -> cased tails
        for name, ids, tail in _name_keys(kb):
            names.setdefault(name.lower(), {}).setdefault(ids, set()).add(tail)
        for low, by_ids in names.items():
            for ids, tails in by_ids.items():
                led = tuple(sorted({c for i in ids for c in kb.leaders[i].countries}))
                self._add(entries, b" " + low + b" ", (_NAME, (tuple(sorted(tails)), ids, led)))
        for cue, phrases in _meeting_phrases(kb):
            for phrase in phrases:
                prefix = phrase.endswith("*")
                words = _key(phrase.rstrip("*")).lower()
                if words:
                    self._add(entries, b" " + words + (b"" if prefix else b" "), (_MEET, cue))
        for office, country in _office_keys(kb):
            self._add(entries, b" " + office.lower() + b" ", (_OFFICE, country))
        self.automaton: Any = ahocorasick.Automaton()
        for key, values in entries.items():
            self.automaton.add_word(key, tuple(sorted(values, key=repr)))
        if entries:
            self.automaton.make_automaton()
        self.countries = {lid: tuple(sorted(leader.countries)) for lid, leader in kb.leaders.items()}
        before, after = words_beside_a_lone_name(kb)
        self.beside_before = frozenset(_key(w).lower() for w in before)
        self.beside_after = frozenset(_key(w).lower() for w in after)

    @staticmethod
    def _add(entries: dict[str, set[tuple[int, Any]]], key: bytes, value: tuple[int, Any]) -> None:
        entries.setdefault(key.decode("latin-1"), set()).add(value)


def _meeting_phrases(kb: KnowledgeBase) -> Iterator[tuple[str, Iterable[str]]]:
    """The cues of meeting, calling and visiting; the names of gatherings ("G20", "NATO summit"), where
    leaders meet; and ``GATHERING_WORDS``."""
    for cue in MEETING_CUES:
        yield cue, kb.cues.get(cue, [])
    yield "gathering", [alias for series in kb.gatherings.values() for alias in (series.name, *series.aliases)]
    yield "gathering", GATHERING_WORDS


def _name_keys(kb: KnowledgeBase) -> Iterator[tuple[bytes, tuple[str, ...], bytes]]:
    """(key, leader ids, the name as cased) for every alias; an ambiguous one-word alias only after a
    prefix or title ("Mrs May", "Chancellor Kohl"), as the pipeline takes it."""
    by_alias: dict[bytes, set[str]] = {}
    for leader in kb.leaders.values():
        for alias in (leader.name, *leader.aliases):
            for form in _variants(alias):
                by_alias.setdefault(form, set()).add(leader.id)
    ambiguous = {_key(w) for w in kb.cues.get("ambiguous_names", [])}
    prefixes = {_key(p) for p in kb.cues.get("name_prefixes", [])}
    prefixes |= {_key(t.partition("=")[0]) for t in kb.cues.get("titles", [])}
    prefixes |= {p.capitalize() for p in prefixes}
    for form, id_set in by_alias.items():
        ids = tuple(sorted(id_set))
        if form not in ambiguous:
            yield form, ids, form
            continue
        for prefix in prefixes - {b""}:
            yield prefix + b" " + form, ids, form


def _office_keys(kb: KnowledgeBase) -> Iterator[tuple[bytes, str]]:
    """A leader's office with its country: "russian president", "president of russia", "russia's king",
    "kremlin leader"; the titles of cues.yaml that name a leader (not "vice president")."""
    titles = [t.partition("=") for t in kb.cues.get("titles", [])]
    offices = sorted({_key(word.strip()) for word, _, office in titles if office.strip()} - {b""})
    for country in kb.countries.values():
        words = {*country.adjectives, country.name, *country.aliases}
        places = {country.name, *country.aliases}
        for word in words:
            for form in _variants(word):
                for office in offices:
                    yield form + b" " + office, country.code
        for place in places:
            for form in _variants(place):
                for office in offices:
                    yield office + b" of " + form, country.code
                    yield form + b" s " + office, country.code
                    yield office + b" of the " + form, country.code
    for entry in kb.cues.get("metonyms", []):
        word, _, code = entry.partition("=")
        for form in _variants(word.strip()):
            for office in offices:
                yield form + b" " + office, code.strip().upper()


_SOURCE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def _lexicon(kb: KnowledgeBase) -> _Lexicon:
    """Built once per knowledge base; kept in the compiled cache under the knowledge base's fingerprint
    and this module's source (a change here builds a new one)."""
    if "first_look" not in kb.derived:
        from .kb.cache import cached_object

        key = f"{kb.fingerprint}{_SOURCE_DIGEST}" if kb.cacheable else ""
        kb.derived["first_look"] = cached_object(key, "first_look", lambda: _Lexicon(kb))
    lexicon: _Lexicon = kb.derived["first_look"]
    return lexicon
