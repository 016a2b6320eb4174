"""How sure a finding is: a number in [0, 1] derived from what its reasoning rests on.

Every finding starts from the trust its kind of record earns, then loses a share for each thing that
weakens the comparison. The result is the product, rounded to two decimals:

=====================================  =====  ==========================================================
what the finding rests on              start  why
=====================================  =====  ==========================================================
the travel records (a trip, or no      0.95   they list every foreign trip of every president since 1906
trip, of the president)
a term of office (knowledge base)      0.95   terms are curated from public lists and Archigos
a summit's dates (knowledge base)      0.90   0.60 where the knowledge base marks the dates approximate
a summit's host country                0.80   the occasion is read from the text and may be loose
a visit listed in the visit records    0.90   a listed visit on those days bears a meeting out
no visit, or a visit on other days     0.60   the visit records are not known to list every visit
=====================================  =====  ==========================================================

and then, each multiplied in when it applies:

- the stated date: a day or a span 1.0, a month 0.85, only a year 0.70; a date the text does not state
  but that was inferred (from the publication date or from the summit) 0.80;
- a date near the record's edge: a span running one day past a trip 0.60, two days 0.80; a stated day one
  or two days from the nearest trip to that country, with nothing else placing the president 0.70; a
  date within 60 days of a term's start or end 0.80;
- a stated city a little over the distance threshold (300 km from every city of the trip): 0.60 at the
  threshold, rising evenly to 1.0 at 1,000 km;
- a president of whom the travel records name no trip at all (more likely a name they spell otherwise)
  0.50;
- a place inferred rather than stated (a summit's host city) 0.85;
- a visit record that names the visitor by surname only ("President Putin") 0.90;
- a leader the sources name only by a surname other leaders share ("Bush", "Kim"), 0.90; only by title,
  pronoun or context ("the Russian leader"), 0.80.

So a complete record that has the president elsewhere, against a day the text states with full names, is
0.95; the same against a month, with "Bush" for the president, is 0.95 × 0.85 × 0.90 ≈ 0.73; a missing visit against a
year is 0.60 × 0.70 = 0.42. Below 0.5 a finding is a lead to look at, not a verdict to publish.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..kb import KnowledgeBase
from .names import name_index, words

TRIPS = 0.95
TERMS = 0.95
SUMMIT_DATES = 0.90
SUMMIT_DATES_APPROXIMATE = 0.60
SUMMIT_HOST = 0.80
VISIT_LISTED = 0.90
VISIT_MISSING = 0.60

PRECISION = {"day": 1.0, "span": 1.0, "month": 0.85, "year": 0.70}
DATE_INFERRED = 0.80
PLACE_INFERRED = 0.85
SURNAME_ONLY = 0.90
NAME_INFERRED = 0.80
TERM_EDGE_DAYS = 60
TERM_EDGE = 0.80
NEAR_TRIP_DAYS = 2
NEAR_TRIP = 0.70
NO_TRIPS_KNOWN = 0.50
RUNS_PAST = {1: 0.60, 2: 0.80}
FAR_FLOOR, FAR_FULL_KM = 0.60, 1000.0


@dataclass(frozen=True, slots=True)
class Basis:
    """The record a finding rests on and what weakens it; ``value`` is the confidence."""

    start: float
    factors: tuple[float, ...] = ()

    def times(self, *factors: float) -> Basis:
        return Basis(self.start, self.factors + tuple(f for f in factors if f != 1.0))

    @property
    def value(self) -> float:
        out = self.start
        for f in self.factors:
            out *= f
        return round(min(1.0, max(0.0, out)), 2)


def date_factor(precision: str, inferred: bool = False) -> float:
    """A month or a year leaves room a day does not; a date the text does not state leaves more."""
    return PRECISION.get(precision, PRECISION["year"]) * (DATE_INFERRED if inferred else 1.0)


def runs_past_factor(days: int) -> float:
    """A span one or two days past a trip may be a travel day or a time zone."""
    return RUNS_PAST.get(days, 1.0)


def distance_factor(km: float, threshold: float) -> float:
    """0.6 at the distance threshold, 1.0 from 1,000 km on."""
    if km >= FAR_FULL_KM or FAR_FULL_KM <= threshold:
        return 1.0
    share = max(0.0, (km - threshold) / (FAR_FULL_KM - threshold))
    return FAR_FLOOR + (1.0 - FAR_FLOOR) * share


def term_edge_factor(first: date, last: date, edges: Iterable[date | None]) -> float:
    """A date within 60 days of a term's start or end: a wrong day in the text could flip the verdict."""
    near = any(e is not None and min(abs((e - first).days), abs((e - last).days)) <= TERM_EDGE_DAYS for e in edges)
    return TERM_EDGE if near else 1.0


def naming_factor(kb: KnowledgeBase, mentions: Iterable[dict[str, Any]], leader_ids: Iterable[str]) -> float:
    """How firmly the sources name these leaders, the weakest of them counting: by full name, or by a
    surname no other leader has, 1.0; only by a surname other leaders share ("Bush") 0.9; only by title,
    pronoun or context 0.8. Each leader counts as named by the best of the meeting's sources."""
    surnames = name_index(kb).surnames
    best: dict[str, float] = {lid: 0.0 for lid in leader_ids}
    for mention in mentions:
        for p in mention.get("participants", []):
            lid = p.get("id")
            if lid not in best:
                continue
            if p.get("resolved_by", "name") != "name":
                factor = NAME_INFERRED
            else:
                said = words(str(p.get("mention") or ""))
                factor = SURNAME_ONLY if len(said) == 1 and len(surnames.get(said[0], {})) > 1 else 1.0
            best[lid] = max(best[lid], factor)
    return min((v for v in best.values() if v > 0), default=1.0)
