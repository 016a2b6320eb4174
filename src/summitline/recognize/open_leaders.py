"""Leaders the knowledge base does not list, recognised by office, country and a proper name.

"Chilean President Gabriel Boric", "President Boric of Chile", "King Felipe VI of
Spain", "Kenya's President William Ruto": a leader's office, a state and a proper
name together name a leader even when no file lists them. Such a person gets a
deterministic id from the country and the name (``cl-gabriel-boric``), so the
surname alone later in the text ("Boric said …") and other documents merge with
them, and is output with ``resolved_by: "title_open"``. A bare unknown name is
never a leader; neither is a name after "former", "late" or "ex-", nor one whose
surname the knowledge base knows for that country (then it is that person).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..kb import KnowledgeBase, Leader, Term
from ..kb.archigos import fold_name, slug

# offices that make their holder a leader; a title word maps to the office's English name
LEADER_OFFICES = {
    "president": "President",
    "prime minister": "Prime Minister",
    "pm": "Prime Minister",
    "premier": "Premier",
    "chancellor": "Chancellor",
    "king": "King",
    "queen": "Queen",
    "emperor": "Emperor",
    "emir": "Emir",
    "sultan": "Sultan",
    "crown prince": "Crown Prince",
    "supreme leader": "Supreme Leader",
    "leader": "Leader",
}
_ROLE = {
    "President": "head_of_state",
    "King": "head_of_state",
    "Queen": "head_of_state",
    "Emperor": "head_of_state",
    "Emir": "head_of_state",
    "Sultan": "head_of_state",
    "Prime Minister": "head_of_government",
    "Premier": "head_of_government",
    "Chancellor": "head_of_government",
}
_PARTICLE = frozenset("de da do dos das del della di du van von der den bin ibn al el la le y e".split())
_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*\.?")
_NOT_NAMES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday The A An And Or But In On At Of For To With By From As He She "
    "They It His Her This That Said Says Told Met Meets Will Would Has Had Is Was Were Who When While After "
    "Before During Since Also Today Yesterday Tonight Mr Mrs Ms Dr Sir I Office Palace House Government "
    "Administration Cabinet Minister Ministry Republic State States Council Party Summit".split()
)


def open_id(country: str, name: str) -> str:
    return f"{country.lower()}-{slug(name)}"


def proper_name(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the proper name that starts after spaces at ``pos``: one to four capitalised words
    (particles such as "da" or "bin" between them; a Roman numeral after them), on one line."""
    i = pos
    while i < len(text) and text[i] in " \t":
        i += 1
    if i == pos:
        return None
    words: list[tuple[int, int]] = []
    capitals = 0
    while capitals < 4:
        m = _WORD.match(text, i)
        if not m:
            break
        w = m.group(0).rstrip(".")
        initial = len(w) == 1 and m.group(0).endswith(".")
        if w in _PARTICLE and words:
            pass
        elif not w[:1].isupper() or w in _NOT_NAMES or (len(w) == 1 and not initial):
            break
        else:
            capitals += 1
        keep_dot = initial or (m.group(0).endswith(".") and len(w) <= 3 and w[:1].isupper() and w[1:].islower())
        words.append((m.start(), m.end() if keep_dot else m.start() + len(w)))
        if m.group(0).endswith(".") and not keep_dot:
            break  # the end of a sentence
        i = m.end()
        gap = re.match(r"[ \t]+", text[i:])
        if not gap:
            break
        i += gap.end()
    while words and text[words[-1][0] : words[-1][1]] in _PARTICLE:
        words.pop()
    if not words:
        return None
    return words[0][0], words[-1][1]


def known_surname(kb: KnowledgeBase, country: str, name: str) -> tuple[str, ...]:
    """Ids of the knowledge base's leaders of ``country`` whose name or an alias ends with this name's
    last word ("Vladimir V. Putin" is Putin, not a new person), or, for a name of one word, begins with
    it (a family name written first: "Kim" is one of North Korea's Kims)."""
    words = fold_name(name)
    if not words:
        return ()
    index: dict[tuple[str, str, str], set[str]] = kb.index("surnames_by_country", _surnames_by_country)
    found = index.get((country, "last", words[-1]), set())
    if len(words) == 1:
        found = found | index.get((country, "first", words[0]), set())
    return tuple(sorted(found))


def _surnames_by_country(kb: KnowledgeBase) -> dict[tuple[str, str, str], set[str]]:
    out: dict[tuple[str, str, str], set[str]] = {}
    for leader in kb.leaders.values():
        for form in (leader.name, *leader.aliases):
            words = fold_name(form)
            if words:
                for country in leader.countries:
                    out.setdefault((country, "last", words[-1]), set()).add(leader.id)
                    if len(words) > 1:
                        out.setdefault((country, "first", words[0]), set()).add(leader.id)
    return out


def open_leaders(mentions: list, kb: KnowledgeBase) -> dict[str, Leader]:  # type: ignore[type-arg]
    """The people the ``title_open`` mentions of a document name, one per id, each with the office the
    text states, in office for the whole document (the text is the only evidence of the term)."""
    people: dict[str, Leader] = {}
    for m in mentions:
        if not m.open_office or not m.ids:
            continue
        lid = m.ids[0]
        if lid in people or lid in kb.leaders:
            continue
        office = m.open_office
        country = kb.countries.get(m.country or "")
        title = f"{office} of {country.name}" if country else office
        term = Term(
            office=title,
            country=m.country or "",
            role=_ROLE.get(office, "leader"),
            start=date.min,
            end=None,
            source="stated in the document (title_open)",
        )
        people[lid] = Leader(id=lid, name=m.text, aliases=[], terms=[term], origin="title_open")
    return people


def merge_surnames(mentions: list, people: dict[str, Leader]) -> list:  # type: ignore[type-arg]
    """A surname-only open mention ("President Boric of Chile") joins the full name of the same country
    stated elsewhere in the document ("Gabriel Boric"); both then carry the full name's id."""
    full: dict[tuple[str, str], str] = {}
    for lid, leader in people.items():
        words = fold_name(leader.name)
        if len(words) > 1:
            full.setdefault((leader.terms[0].country, words[-1]), lid)
    out = []
    for m in mentions:
        if m.open_office and m.ids and m.ids[0] in people:
            leader = people[m.ids[0]]
            words = fold_name(leader.name)
            target = full.get((leader.terms[0].country, words[-1])) if len(words) == 1 else None
            if target and target != m.ids[0]:
                m = replace(m, ids=(target,))
        out.append(m)
    return out
