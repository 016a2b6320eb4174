"""Finding leaders in the knowledge base by what a user types: a name, a surname, a title and name.

``find_leaders(kb, "King Felipe VI", on="2024-05")`` ranks every person whose name
or alias agrees with the query (accents and case folded, titles dropped, one letter
of slack in long words) and prefers, among equally good names, those in office on
the date and those holding a formal office over an effective ruler known only from
Archigos. ``summitline leaders`` prints the result; ``timeline --leader`` uses the
same ranking and asks the user to choose when a name stays ambiguous.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import SummitlineError
from . import KnowledgeBase, Leader, Term
from .archigos import fold_name

_TITLE_WORDS = frozenset(
    "king queen emperor empress president prime minister premier chancellor sheikh sheik emir amir sultan "
    "prince princess crown mr mrs ms dr sir dame general gen ayatollah chairman chancellor then former "
    "supreme leader pope grand duke his her majesty highness excellency the of".split()
)
_ROLE_RANK = {"leader": 0, "head_of_state": 1, "head_of_government": 2}


class InvalidDateError(SummitlineError, ValueError):
    """A date a user typed that is not YYYY, YYYY-MM, YYYY-MM-DD or START/END."""


@dataclass(frozen=True, slots=True)
class LeaderMatch:
    leader: Leader
    score: int  # how well the name agrees: 100 the whole name, 70 a surname alone, less for parts
    term: Term | None  # the term held on the date asked about (or the latest, without a date)
    in_office: bool | None  # None when no date was given

    def as_dict(self) -> dict[str, Any]:
        t = self.term
        return {
            "id": self.leader.id,
            "name": self.leader.name,
            "aliases": self.leader.aliases,
            "gender": self.leader.gender,
            "office": t.office if t else None,
            "country": t.country if t else None,
            "role": t.role if t else None,
            "start": t.start.isoformat() if t and t.start != date.min else None,
            "end": t.end.isoformat() if t and t.end else None,
            "source": t.source if t else None,
            "in_office": self.in_office,
            "score": self.score,
            "terms": [
                {
                    "office": x.office,
                    "country": x.country,
                    "start": x.start.isoformat() if x.start != date.min else None,
                    "end": x.end.isoformat() if x.end else None,
                    "source": x.source,
                }
                for x in sorted(self.leader.terms, key=lambda x: x.start)
            ],
        }


def parse_date_span(value: str) -> tuple[date, date]:
    """The first and last day of a date a user typed: ``2005``, ``2001-06``, ``2000-06-04`` or ``START/END``."""
    text = value.strip()
    if "/" in text:
        a, _, b = text.partition("/")
        return parse_date_span(a)[0], parse_date_span(b)[1]
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    try:
        if m is None:
            raise ValueError(text)
        year = int(m.group(1))
        if m.group(3):
            day = date(year, int(m.group(2)), int(m.group(3)))
            return day, day
        if m.group(2):
            month = int(m.group(2))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError as exc:
        raise InvalidDateError(
            f"{value!r} is not a date; give YYYY, YYYY-MM, YYYY-MM-DD or START/END (e.g. 2001-06)"
        ) from exc


def query_words(query: str) -> list[str]:
    """The name words of a query, with titles and honorifics dropped ("King Felipe VI" -> felipe, vi)."""
    words = fold_name(query)
    kept = [w for w in words if w not in _TITLE_WORDS]
    return kept or words


def _close(a: str, b: str) -> bool:
    """Equal, or one letter apart in words of five letters or more (Zelensky, Zelenskyy)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _contains(words: list[str], within: list[str]) -> bool:
    return all(any(_close(w, v) for v in within) for w in words)


def name_score(query: list[str], name: list[str]) -> int:
    """How well a query's words name a person known by ``name``'s words (0: not at all)."""
    if not query or not name:
        return 0
    if query == name:
        return 100
    if len(query) > 1 and len(name) > 1:
        if _contains(query, name) or _contains(name, query):
            return 90
        if _contains([query[0], query[-1]], name) or _contains([name[0], name[-1]], query):
            return 80
        return 0
    if len(query) == 1 and len(name) == 1:
        return 70 if _close(query[0], name[0]) else 0
    if len(query) == 1:  # a surname against a full name: the last word, or the first ("Kim", "Xi")
        if _close(query[0], name[-1]):
            return 60
        return 50 if query[0] == name[0] else 0
    return 0


class _NameIndex:
    """Folded name words -> leaders, so a query reads only the people who share a word with it."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.names: dict[str, list[list[str]]] = {}
        self.by_word: dict[str, set[str]] = {}
        for leader in kb.leaders.values():
            forms = [fold_name(n) for n in (leader.name, *leader.aliases)]
            self.names[leader.id] = [f for f in forms if f]
            for form in forms:
                for w in form:
                    self.by_word.setdefault(w, set()).add(leader.id)
        self.by_length: dict[int, list[str]] = {}
        for w in self.by_word:
            self.by_length.setdefault(len(w), []).append(w)

    def candidates(self, words: list[str]) -> set[str]:
        found: set[str] = set()
        for w in words:
            found |= self.by_word.get(w, set())
            if len(w) >= 5:
                for n in (len(w) - 1, len(w), len(w) + 1):
                    for v in self.by_length.get(n, ()):
                        if v != w and _close(w, v):
                            found |= self.by_word[v]
        return found


def _name_index(kb: KnowledgeBase) -> _NameIndex:
    return kb.index("leader_name_index", _NameIndex)  # type: ignore[no-any-return]


def _term_on(leader: Leader, span: tuple[date, date] | None, country: str | None) -> tuple[Term | None, bool | None]:
    terms = [t for t in leader.terms if country is None or t.country == country]
    if not terms:
        return None, None if span is None else False
    if span is None:
        return max(terms, key=lambda t: (t.end or date.max, _formal(t))), None
    during = [t for t in terms if t.overlaps(*span)]
    if during:
        return min(during, key=lambda t: (_ROLE_RANK.get(t.role, 3), -t.start.toordinal())), True
    nearest = min(terms, key=lambda t: _distance(t, span))
    return nearest, False


def _formal(t: Term) -> bool:
    return t.role in _ROLE_RANK


def _distance(t: Term, span: tuple[date, date]) -> int:
    if t.end is not None and t.end < span[0]:
        return (span[0] - t.end).days
    return max(0, (t.start - span[1]).days)


def find_leaders(
    kb: KnowledgeBase, query: str, on: str | None = None, country: str | None = None, limit: int | None = 10
) -> list[LeaderMatch]:
    """People whose name agrees with ``query``, best first; see the module docstring for the ranking.

    ``on`` is a date as ``parse_date_span`` reads it; ``country`` an ISO code the person held office in.
    """
    words = query_words(query)
    span = parse_date_span(on) if on else None
    code = country.strip().upper() if country else None
    index = _name_index(kb)
    matches = []
    direct = query.strip().lower()
    for lid in index.candidates(words) | ({direct} & kb.leaders.keys()):
        leader = kb.leaders[lid]
        score = 100 if lid == direct else max((name_score(words, n) for n in index.names[lid]), default=0)
        if score == 0:
            continue
        term, in_office = _term_on(leader, span, code)
        if code and term is None:
            continue
        matches.append(LeaderMatch(leader, score, term, in_office))
    matches.sort(
        key=lambda m: (
            -m.score,
            m.in_office is False,
            not (m.term and _formal(m.term)),
            -len(m.leader.terms),
            m.leader.id,
        )
    )
    return matches[:limit] if limit else matches


def best_leaders(kb: KnowledgeBase, query: str, on: str | None = None, country: str | None = None) -> list[LeaderMatch]:
    """The people a query names equally well and most plausibly: one when the name is clear.

    Among the best-scoring names, those in office on the date (when one is given) are kept,
    so "bush" with a date in 2005 is George W. Bush alone, and "bush" alone is both."""
    found = find_leaders(kb, query, on=on, country=country, limit=None)
    if not found:
        return []
    top = [m for m in found if m.score == found[0].score]
    if on:
        in_office = [m for m in top if m.in_office]
        top = in_office or top
    return top
