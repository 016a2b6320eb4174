"""Import Archigos (every state's effective ruler, 1875–2015) into a leaders file.

Archigos records who *effectively* ruled a state, not formal offices. Its spells
therefore widen the knowledge base (every ruler, with tenure and gender) without
replacing the curated files' formal offices:

- a spell of a person the curated files already know (same country, a matching
  name, a curated term within a year of the spell) adds that person's Archigos
  short name as an alias and fills a missing gender, and adds a term only where
  the curated terms do not span the whole spell;
- every other spell becomes a term with the role ``effective_ruler`` and the
  office "Leader of <country>", which ranks below every formal office when a
  name or title is resolved on a date. A spell open at the end of the data
  (2015-12-31) ends there: what came after is the curated files' to say.

A row with no office and no dates only adds aliases or a gender to a person.

Archigos codes the Soviet Union as Russia; spells that ended by the Union's
dissolution are written as ``SU``. Pre-1920 polities without an ISO code are
left out.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import KnowledgeBase, Leader

SOURCE_NOTE = (
    "Archigos 4.1 (Goemans, Gleditsch and Chiozza 2009, Journal of Peace Research 46(2)), "
    "the effective ruler of every state 1875-2015, converted by tools/import_archigos.py"
)
HEADER = ["id", "name", "aliases", "country", "office", "role", "start", "end", "gender", "source"]
_SOVIET_END = date(1991, 12, 31)
_SLACK = timedelta(days=366)


@dataclass(frozen=True, slots=True)
class Spell:
    leadid: str
    country: str
    country_name: str
    leader: str
    full_name: str
    start: date
    end: date
    gender: str


def fold_name(name: str) -> list[str]:
    """Lower-case ASCII words of a name ("Erdoğan" -> ["erdogan"])."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [w for w in re.split(r"[^a-z0-9]+", plain) if w]


def slug(name: str) -> str:
    return "-".join(fold_name(name)) or "unnamed"


def read_spells(text: str) -> list[Spell]:
    """Spells from Archigos's CSV as shipped in ``reference/archigos/leaders.csv``."""
    spells = []
    for row in csv.DictReader(io.StringIO(text)):
        code = (row.get("country") or "").strip().upper()
        if not code:
            continue
        start, end = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
        if code == "RU" and end <= _SOVIET_END and start.year >= 1922:
            code = "SU"
        spells.append(
            Spell(
                leadid=row["leadid"],
                country=code,
                country_name=row["country_name"],
                leader=row["leader"].strip(),
                full_name=(row.get("full_name") or "").strip(),
                start=start,
                end=end,
                gender=(row.get("gender") or "").strip().upper()[:1],
            )
        )
    return spells


def _names_match(spell: Spell, leader: Leader) -> bool:
    """The curated person's name or an alias agrees with the spell's short or full name: the same
    words, the same surname alone, or the same surname and first initial ("G.H.W. Bush")."""
    theirs = [w for w in (fold_name(n) for n in (leader.name, *leader.aliases)) if w]
    ours = [w for w in (fold_name(spell.leader), fold_name(spell.full_name)) if w]
    for words in theirs:
        for form in ours:
            if words == form or (len(form) == 1 and words[-1] == form[0]):
                return True
            if len(form) > 1 and len(words) > 1 and form[-1] == words[-1] and form[0][0] == words[0][0]:
                return True
    return False


def match_curated(spell: Spell, kb: KnowledgeBase) -> Leader | None:
    """The curated person this spell is about, if any: same country, name, and a term near the spell."""
    first, last = spell.start - _SLACK, spell.end + _SLACK
    for leader in kb.leaders.values():
        if any(t.country == spell.country and t.overlaps(first, last) for t in leader.terms):
            if _names_match(spell, leader):
                return leader
    return None


def archigos_rows(spells: Iterable[Spell], kb: KnowledgeBase, since: date = date(1875, 1, 1)) -> list[list[str]]:
    """Rows of a leaders file for the spells (see the module docstring for what is kept)."""
    rows: list[list[str]] = []
    ids: dict[str, tuple[str, set[str]]] = {}  # Archigos leadid -> our id and the name words seen
    taken = {lid: {t.country for t in leader.terms} for lid, leader in kb.leaders.items()}
    for spell in sorted(spells, key=lambda s: (s.start, s.country, s.leader)):
        if spell.end < since:
            continue
        curated = match_curated(spell, kb) or _same_slug(spell, kb)
        name = spell.full_name or spell.leader
        aliases = sorted({spell.leader, spell.full_name} - {"", name})
        if curated is not None:
            lid, name = curated.id, curated.name
            aliases = sorted({spell.leader, spell.full_name} - {"", name, *curated.aliases})
            covered = _covered(spell, curated)
            if covered and not aliases and (curated.gender or not spell.gender):
                continue
            office, role = ("", "") if covered else (f"Leader of {_country_name(spell, kb)}", "effective_ruler")
        else:
            lid = _same_person_id(ids, spell) or _fresh_id(name, spell.country, taken)
            office, role = f"Leader of {_country_name(spell, kb)}", "effective_ruler"
        ids.setdefault(spell.leadid, (lid, set()))[1].update(fold_name(f"{spell.leader} {spell.full_name}"))
        taken.setdefault(lid, set()).add(spell.country)
        rows.append(
            [
                lid,
                name,
                "|".join(aliases),
                spell.country,
                office,
                role,
                spell.start.isoformat() if office else "",
                spell.end.isoformat() if office else "",
                spell.gender if spell.gender in ("M", "F") else "",
                f"Archigos 4.1 spell {spell.leadid[:8]}",
            ]
        )
    return rows


def _same_slug(spell: Spell, kb: KnowledgeBase) -> Leader | None:
    """A curated person of the same country whose id is this spell's name as a slug ("Tabare Vazquez")."""
    leader = kb.leaders.get(slug(spell.full_name or spell.leader))
    return leader if leader is not None and spell.country in leader.countries else None


def _covered(spell: Spell, leader: Leader) -> bool:
    """The person's curated terms, taken together, span the whole spell (a week of slack at each end)."""
    day = spell.start + timedelta(days=7)
    last = spell.end - timedelta(days=7)
    for term in sorted(leader.terms, key=lambda t: t.start):
        if term.start > day:
            break
        if term.end is None or term.end >= last:
            return True
        day = max(day, term.end)
    return day >= last


def _same_person_id(ids: dict[str, tuple[str, set[str]]], spell: Spell) -> str | None:
    """The id given to an earlier spell of this Archigos leader: the same ``leadid`` and a name word in
    common (a few ``leadid`` values are shared by unrelated people in the release)."""
    known = ids.get(spell.leadid)
    if known and known[1] & set(fold_name(f"{spell.leader} {spell.full_name}")):
        return known[0]
    return None


def _fresh_id(name: str, country: str, taken: dict[str, set[str]]) -> str:
    base = slug(name)
    if base not in taken or country in taken[base]:
        return base
    return f"{base}-{country.lower()}"


def _country_name(spell: Spell, kb: KnowledgeBase) -> str:
    country = kb.countries.get(spell.country)
    return country.name if country else spell.country_name


def write_leaders_file(rows: list[list[str]], path: Path) -> None:
    out = io.StringIO()
    out.write(f"# source: {SOURCE_NOTE}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
