"""Leaders named in the records' free text, resolved to knowledge-base leaders.

The records write names as people do: "Russian President Vladimir Putin",
"President Putin", "President Dimitry Medvedev", "Dmitri", "Dmitriy", "Prime
Minister Kishida Fumio", "President Hu of China". Text is folded to plain ASCII
words (accents, dots and initials dropped); a surname the knowledge base knows is
accepted when the leader held office on the record's dates and one more thing
ties the name to them: the first name (spelled within a letter or two), the
country of the record, or the country's name or adjective next to the title.
A name that fits two leaders is dropped.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..kb import KnowledgeBase

if TYPE_CHECKING:
    from .records import ReferenceRecord

_TITLE_WORDS = frozenset(
    "president presidents prime minister premier chancellor king queen emperor crown prince princess sultan emir "
    "amir sheikh general secretary chairman chair governor vice deputy foreign acting former elect the of and "
    "with met mr mrs ms dr sir lord his her majesty highness royal state leader".split()
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _ascii_words(text: str) -> list[tuple[str, bool]]:
    """ASCII words, each with whether it is written as a name is: a capital anywhere in its hyphenated whole
    ("Kim Dae-jung", "d'Alema"), so "a major address" does not name John Major."""
    text = unicodedata.normalize("NFKD", text)
    text = re.sub(r"[.'’`]", "", "".join(c for c in text if not unicodedata.combining(c)))
    out = []
    for chunk in re.split(r"[^A-Za-z0-9-]+", text):
        capital = any(c.isupper() for c in chunk)
        out += [(w, capital) for w in chunk.split("-") if w]
    return out


def fold(text: str) -> str:
    """Plain lower-case ASCII words: "Shinzō Abe" -> "shinzo abe", "U.S." -> "us", "Jong-un" -> "jong un"."""
    return " ".join(w for w, _ in _ascii_words(text)).lower()


def words(text: str) -> list[str]:
    """Folded words without initials ("Dimitry A. Medvedev" -> dimitry, medvedev)."""
    return [w.lower() for w, _ in _ascii_words(text) if len(w) > 1]


def _capitalised(text: str) -> list[bool]:
    """For each of ``words(text)``: written as a name is."""
    return [capital for w, capital in _ascii_words(text) if len(w) > 1]


def _similar(word: str, names: set[str]) -> bool:
    return any(word == n or difflib.SequenceMatcher(None, word, n).ratio() >= 0.8 for n in names)


@dataclass(slots=True)
class NameIndex:
    """Surname -> leaders with the first names they go by; country words by country."""

    kb: KnowledgeBase
    surnames: dict[str, dict[str, set[str]]]  # surname -> leader id -> first names
    country_words: dict[str, list[str]]  # ISO code -> folded names and adjectives
    country_surnames: dict[str, list[str]]  # ISO code -> surnames of its leaders

    @classmethod
    def build(cls, kb: KnowledgeBase) -> NameIndex:
        surnames: dict[str, dict[str, set[str]]] = defaultdict(dict)
        for leader in kb.leaders.values():
            for form in (leader.name, *leader.aliases):
                toks = [w for w in words(form) if w not in _SUFFIXES]
                if not toks or (len(toks) > 1 and (len(toks[-1]) < 3 or toks[-1] in _TITLE_WORDS)):
                    continue
                if len(toks) == 1 and toks[0] in _TITLE_WORDS:
                    continue
                surnames[toks[-1]].setdefault(leader.id, set()).update(toks[:-1])
        country_words = {
            c.code: sorted({fold(w) for w in (c.name, *c.aliases, *c.adjectives)} - {""}, key=len, reverse=True)
            for c in kb.countries.values()
        }
        country_surnames: dict[str, set[str]] = defaultdict(set)
        for name, entries in surnames.items():
            for lid in entries:
                for code in kb.leaders[lid].countries:
                    country_surnames[code].add(name)
        by_country = {code: sorted(names) for code, names in country_surnames.items()}
        return cls(kb, dict(surnames), country_words, by_country)

    def named(self, text: str, first: date, last: date, country: str | None = None) -> list[str]:
        """Ids of the leaders ``text`` names who held office between ``first`` and ``last``, in order."""
        toks, capitals = words(text), _capitalised(text)
        found: list[str] = []
        for i, tok in enumerate(toks):
            if not capitals[i]:
                continue
            entries = self.surnames.get(tok) or self._misspelt(tok, first, last, country)
            fits = {lid for lid, firsts in entries.items() if self._fits(lid, firsts, toks, i, first, last, country)}
            if len(fits) > 1 and i > 0:  # the Kaczyński twins: the first name decides
                fits = {lid for lid in fits if _similar(toks[i - 1], entries[lid])}
            if len(fits) == 1 and (lid := fits.pop()) not in found:
                found.append(lid)
        return found

    def _misspelt(self, tok: str, first: date, last: date, country: str | None) -> dict[str, set[str]]:
        """ "Porochenko", "Demiral": a surname a letter or two off, of a leader of the record's country then."""
        if country is None or len(tok) < 5 or tok in _TITLE_WORDS:
            return {}
        near = difflib.get_close_matches(tok, self.country_surnames.get(country, []), n=3, cutoff=0.85)
        return {
            lid: firsts
            for name in near
            for lid, firsts in self.surnames[name].items()
            if any(t.country == country for t in self.kb.leaders[lid].terms_during(first, last))
        }

    def _fits(
        self, lid: str, firsts: set[str], toks: list[str], i: int, first: date, last: date, country: str | None
    ) -> bool:
        terms = self.kb.leaders[lid].terms_during(first, last)
        if not terms:
            return False
        countries = {t.country for t in terms}
        if country is not None and country in countries:
            return True
        if i > 0 and firsts and _similar(toks[i - 1], firsts):
            return True
        before = " " + " ".join(toks[max(0, i - 4) : i]) + " "
        after = " " + " ".join(toks[i + 1 : i + 5]) + " "
        for code in countries:
            for w in self.country_words.get(code, []):
                if f" {w} " in before or after.startswith(f" of {w} "):
                    return True
        return False


def name_index(kb: KnowledgeBase) -> NameIndex:
    return kb.index("record_names", NameIndex.build)  # type: ignore[no-any-return]


# --- the records, resolved --------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[a-z0-9)\"”’][a-z0-9)\"”’][.!?])\s+(?=[A-Z“\"])")
_MEETING_CUE = re.compile(
    r"\b(?:met|meet|meets|meeting|meetings|talks|summit|conferred|discussed|discussions|consulted|dinner|lunch)\b"
    r"[^.;]*?\bwith\b",
    re.I,
)
_VISIT_WITH_PRESIDENT = re.compile(r"\b(?<!un)(?:state|official|working)(?:\s+\w+){0,2}?\s+visit\b", re.I)


# a record names the state of its day ("U.S.S.R."); the library places a meeting by today's map (Moscow: RU)
SUCCESSORS = {
    "SU": ("RU", "UA", "BY", "KZ", "UZ", "TM", "KG", "TJ", "GE", "AM", "AZ", "MD", "LT", "LV", "EE"),
    "YU": ("RS", "HR", "SI", "BA", "MK", "ME", "XK"),
    "CS": ("CZ", "SK"),
    "DD": ("DE",),
}


def same_state(record_country: str | None, place_country: str | None) -> bool:
    """The record's country is the meeting's, or the state it was part of then."""
    return bool(record_country) and (
        record_country == place_country or place_country in SUCCESSORS.get(record_country or "", ())
    )


def us_president(kb: KnowledgeBase, day: date) -> str | None:
    """The President of the United States on ``day`` (knowledge base)."""
    for leader, term in kb.leaders_in_office("US", day, day):
        if term.role in ("head_of_state", "effective_ruler"):  # Archigos lists the presidents before 1933 as rulers
            return leader.id
    return None


@dataclass(frozen=True, slots=True)
class Resolved:
    """A record with its leaders: ``who`` the president (trip) or the visitor(s) (visit)."""

    record: ReferenceRecord
    who: tuple[str, ...]
    host: str | None  # visits: the president in office


@dataclass(slots=True)
class RecordIndex:
    """Trips by (president, country), visits by visitor, and the dates the records cover."""

    kb: KnowledgeBase
    names: NameIndex
    trips: dict[tuple[str, str], list[Resolved]]
    visits: dict[str, list[Resolved]]
    resolved: list[Resolved]
    coverage: dict[str, tuple[date, date]]
    abroad: dict[str, list[Resolved]] = field(default_factory=dict)  # every trip of each president, by date

    @classmethod
    def build(cls, records: list[ReferenceRecord], kb: KnowledgeBase) -> RecordIndex:
        names = name_index(kb)
        trips: dict[tuple[str, str], list[Resolved]] = defaultdict(list)
        visits: dict[str, list[Resolved]] = defaultdict(list)
        resolved: list[Resolved] = []
        coverage: dict[str, tuple[date, date]] = {}
        for r in records:
            a, b = coverage.get(r.kind, (r.date_first, r.date_last))
            coverage[r.kind] = (min(a, r.date_first), max(b, r.date_last))
            if r.kind == "trip":
                who = [lid for lid in names.named(r.who, r.date_first, r.date_last, "US") if _is_us(kb, lid)]
                item = Resolved(r, tuple(who[:1]), None)
                for code in (r.country, *SUCCESSORS.get(r.country or "", ())) if who and r.country else ():
                    trips[(who[0], code)].append(item)
            else:
                who = [x for x in names.named(r.who, r.date_first, r.date_last, r.country) if not _is_us(kb, x)]
                item = Resolved(r, tuple(who), us_president(kb, r.date_first))
                for lid in who:
                    visits[lid].append(item)
            resolved.append(item)
        abroad: dict[str, list[Resolved]] = defaultdict(list)
        for item in resolved:
            if item.record.kind == "trip" and item.who:
                abroad[item.who[0]].append(item)
        for items in abroad.values():
            items.sort(key=lambda x: x.record.date_first)
        return cls(kb, names, dict(trips), dict(visits), resolved, coverage, dict(abroad))

    def meetings(self, item: Resolved) -> list[tuple[str, str]]:
        """The (president, foreign leader) meetings a record states: "Met with President Putin",
        "Bilateral meeting with Russian President Vladimir Putin"; a visit of state, an official or
        working visit, or "Met with President Clinton" is a meeting with the president in office."""
        r = item.record
        if r.kind == "trip":
            if not item.who:
                return []
            met: list[str] = []
            for sentence in _SENTENCE.split(r.remarks):
                for cue in _MEETING_CUE.finditer(sentence):
                    tail = sentence[cue.end() :]
                    met += [x for x in self.names.named(tail, r.date_first, r.date_last, r.country) if x not in met]
            return [(item.who[0], f) for f in met if not _is_us(self.kb, f)]
        if not item.host or not item.who:
            return []
        host_named = any(
            item.host in self.names.named(s[c.end() :], r.date_first, r.date_last, "US")
            for s in _SENTENCE.split(r.remarks)
            for c in _MEETING_CUE.finditer(s)
        )
        if host_named or _VISIT_WITH_PRESIDENT.search(r.remarks):
            return [(item.host, f) for f in item.who]
        return []


def _is_us(kb: KnowledgeBase, lid: str) -> bool:
    return "US" in kb.leaders[lid].countries
