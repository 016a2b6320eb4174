"""Who a leader mention means on a given date: names, titles, counterparts, pronouns, "the two".

A name is resolved to the person it names who held an office on that date
("Bush" in 1989 is George H. W. Bush); a title to the holder of that office
("the U.S. president" in June 2001 is George W. Bush); a pronoun or a plural
reference to the leaders named before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .kb import KnowledgeBase, Leader, Term
from .recognize import LeaderMention

_ELECT_REACH = timedelta(days=120)
_ROLE_RANK = {"leader": 0, "head_of_state": 1, "head_of_government": 2}


@dataclass(frozen=True, slots=True)
class Resolved:
    leader: Leader
    term: Term
    mention: LeaderMention
    how: str  # name, title, counterpart, pronoun, plural, context


def _best_term(leader: Leader, first: date, last: date) -> Term | None:
    terms = leader.terms_during(first, last)
    if not terms:
        return None
    return min(terms, key=lambda t: (_ROLE_RANK.get(t.role, 3), -t.start.toordinal()))


def resolve_name(
    kb: KnowledgeBase, m: LeaderMention, first: date, last: date, named_in_doc: set[str]
) -> tuple[Leader, Term] | None:
    """The person a name means on the date: in office then; a full name elsewhere in the text breaks ties."""
    options = []
    for lid in m.ids:
        leader = kb.leaders[lid]
        term = _best_term(leader, first, last)
        if term is None and m.elect:  # "President-elect Poroshenko": in office within months of the date
            term = _best_term(leader, first, last + _ELECT_REACH)
        if term:
            options.append((lid not in named_in_doc, _ROLE_RANK.get(term.role, 3), leader.id, leader, term))
    if not options:
        return None
    stated = _stated_country(kb, m.title) if m.title and len(options) > 1 else None
    if stated:  # "the North Korean leader Kim", "the South Korean president Kim": the title's country decides
        options = [o for o in options if o[4].country == stated] or options
    options.sort(key=lambda o: o[:3])
    return options[0][3], options[0][4]


def _stated_country(kb: KnowledgeBase, title: str) -> str | None:
    """The country a stated title names ("North Korea's leader", "South Korean President"), if one."""
    from .recognize.leaders import leader_lexicon

    lex = leader_lexicon(kb)
    words = title.replace("’", "'").split()
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            part = " ".join(words[i : i + n])
            found = lex.country_of(part, from_end=False)
            if found and found[0] == part.rstrip(".,;:"):
                return found[1]
    return None


def resolve_title(
    kb: KnowledgeBase, m: LeaderMention, first: date, last: date, named_in_doc: set[str]
) -> tuple[Leader, Term] | None:
    """The holder of a titled office of a country on the date ("the Russian president"); for a monarch's
    title standing alone ("the Queen"), the one reigning monarch of that gender the document names."""
    if m.reigning is not None:
        return _reigning_monarch(kb, m.reigning, first, last, named_in_doc)
    if not m.country or m.former:
        return None
    found = []
    in_office = kb.leaders_in_office(m.country, first, last)
    ranks = _leader_ranks(kb, m.country, in_office) if "*" in m.offices else _ROLE_RANK
    for leader, term in in_office:
        if "*" in m.offices or any(term.office.startswith(o) or f" {o}" in term.office for o in m.offices):
            found.append((leader.id not in named_in_doc, ranks.get(term.role, 3), leader.id, leader, term))
    if not found:
        return None
    found.sort(key=lambda o: o[:3])
    return found[0][3], found[0][4]


def _leader_ranks(kb: KnowledgeBase, country: str, in_office: list[tuple[Leader, Term]]) -> dict[str, int]:
    """Whom "the country's leader" means: the head of government where the head of state reigns (a monarch)
    or where the country's file says the head of government leads (a parliamentary republic); otherwise the
    head of state."""
    monarch = kb.index("monarch_office", _monarch_office)
    reigns = any(t.role == "head_of_state" and monarch.search(t.office) for _, t in in_office)
    c = kb.countries.get(country)
    if reigns or (c is not None and c.leads == "head_of_government"):
        return {"leader": 0, "head_of_government": 1, "head_of_state": 2}
    return _ROLE_RANK


def _monarch_office(kb: KnowledgeBase) -> re.Pattern[str]:
    """An office held by a monarch: one whose name has a reigning title of ``cues.yaml`` ("King of Spain",
    "Monarch of the United Kingdom", "Emir of Qatar")."""
    words = sorted((w.partition("=")[0].strip().title() for w in kb.cues.get("reigning_titles", [])), key=len)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in reversed(words)) + r")\b")


def _reigning_monarch(
    kb: KnowledgeBase, gender: str, first: date, last: date, named_in_doc: set[str]
) -> tuple[Leader, Term] | None:
    """The monarch in office on the date among the leaders the document names, when exactly one fits the
    title's gender (a leader whose gender no file states fits either)."""
    monarch_office = kb.index("monarch_office", _monarch_office)
    found = []
    for lid in sorted(named_in_doc):
        leader = kb.leaders.get(lid)
        if leader is None:
            continue
        terms = [t for t in leader.terms_during(first, last) if monarch_office.search(t.office)]
        if terms and not (gender and leader.gender and leader.gender != gender):
            found.append((leader, terms[0]))
    return found[0] if len(found) == 1 else None


def resolve_explicit(
    kb: KnowledgeBase, m: LeaderMention, first: date, last: date, named_in_doc: set[str]
) -> Resolved | None:
    if m.kind == "name":
        hit = resolve_name(kb, m, first, last, named_in_doc)
    elif m.kind in ("title", "counterpart"):
        hit = resolve_title(kb, m, first, last, named_in_doc)
    else:
        return None
    return Resolved(hit[0], hit[1], m, m.kind) if hit else None


def resolve_backwards(
    kb: KnowledgeBase,
    history: Sequence[LeaderMention],
    first: date,
    last: date,
    named_in_doc: set[str],
    want: int,
    exclude: set[str],
    gender: str | None = None,
) -> list[Resolved]:
    """The last ``want`` distinct leaders in office on the date, scanning mentions from the newest back;
    with ``gender`` ("M" for he, "F" for she), only leaders not known to be of the other."""
    out: list[Resolved] = []
    seen = set(exclude)
    for m in reversed(history):
        r = resolve_explicit(kb, m, first, last, named_in_doc)
        if r and gender and r.leader.gender and r.leader.gender != gender:
            continue
        if r and r.leader.id not in seen:
            seen.add(r.leader.id)
            out.append(r)
            if len(out) == want:
                break
    return out
