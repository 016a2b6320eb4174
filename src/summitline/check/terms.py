"""The ``term`` check: a stated title against the leader's terms of office on the meeting's date.

"former President" while the leader was President that whole time, or
"then-Prime Minister" when they were not Prime Minister then, is a ``warning``;
the same titles the terms bear out are ``info``. A title without "former" or
"then" says nothing (news keeps courtesy titles), nor does an office the
knowledge base does not list for the leader.
"""

from __future__ import annotations

from datetime import date

from ..kb import KnowledgeBase, Term
from . import confidence as c
from .model import Finding, Meeting, Stated, say_day
from .names import fold, name_index

_QUALIFIERS = {"former": "former", "ex": "former", "onetime": "former", "then": "then"}


def _parse_title(text: str, kb: KnowledgeBase) -> tuple[str, str, str | None] | None:
    """ "former President" -> (former, president, None); "then-U.S. Vice President" -> (then, vice president, US)."""
    lines = [line for line in text.splitlines() if line.strip()]
    words = fold(lines[-1]).split() if lines else []
    if len(words) < 2 or words[0] not in _QUALIFIERS:
        return None
    rest, country = " ".join(words[1:]), None
    for code, phrases in name_index(kb).country_words.items():
        hit = next((p for p in phrases if rest.startswith(p + " ")), None)
        if hit:
            rest, country = rest[len(hit) + 1 :], code
            break
    if rest.endswith("s") and not rest.endswith("ss"):
        rest = rest[:-1]  # "Presidents Obama and Putin"
    return _QUALIFIERS[words[0]], rest, country


def _holds(office: str, title: str) -> bool:
    folded = fold(office.replace("(acting)", ""))
    return folded == title or folded.startswith(title + " ")


def _term_span(t: Term) -> str:
    return f"from {t.start.isoformat()} to {t.end.isoformat()}" if t.end else f"since {t.start.isoformat()}"


def _term_verdict(qualifier: str, terms: list[Term], first: date, last: date) -> tuple[str, list[Term]]:
    """(severity or "" for nothing to say, the terms the verdict rests on)."""
    held = [t for t in terms if t.overlaps(first, last)]
    whole = [t for t in held if t.start <= first and (t.end is None or t.end >= last)]
    if qualifier == "former" and whole:
        return "warning", whole
    if qualifier == "former" and not held and all(t.end and t.end < first for t in terms):
        return "info", terms[-1:]
    if qualifier == "then":
        return ("info", held) if held else ("warning", terms)
    return "", []


def _term_said(t: Term) -> str:
    return f"from {say_day(t.start)} to {say_day(t.end)}" if t.end else f"since {say_day(t.start)}"


def _terms_said(terms: list[Term]) -> str:
    """ "President of Russia from 7 May 2000 to 7 May 2008 and since 7 May 2012"."""
    offices = dict.fromkeys(t.office for t in terms)
    return "; ".join(
        f"{office} " + " and ".join(_term_said(t) for t in terms if t.office == office) for office in offices
    )


def _reasoning(name: str, leader_id: str, qualifier: str, severity: str, meant: list[Term], stated: Stated) -> str:
    words = stated.value.splitlines()[-1].strip()
    held = f"The knowledge base has {name} as {_terms_said(meant)} (term:{leader_id})"
    when = f"{stated.said}{stated.documents_note}"
    if severity == "warning" and qualifier == "former":
        return f"{held}, which takes in the whole of {when}, so '{words}' does not fit then."
    if severity == "warning":
        return f"{held} only, not {stated.on}{stated.documents_note}, so '{words}' does not fit then."
    if qualifier == "former":
        return f"{held}, a term that ended before {when}, so '{words}' fits."
    return f"{held}, which takes in {when}, so '{words}' fits."


def _terms_text(terms: list[Term]) -> str:
    """ "President of Russia from 2000-05-07 to 2008-05-07 and since 2012-05-07"."""
    offices = dict.fromkeys(t.office for t in terms)
    return "; ".join(
        f"{office} " + " and ".join(_term_span(t) for t in terms if t.office == office) for office in offices
    )


def check_terms(m: Meeting, kb: KnowledgeBase) -> list[Finding]:
    """Every title a source gives a leader, against their terms on the date that source gives."""
    out = []
    for lid, stated in m.stated_titles():
        leader = kb.leaders.get(lid)
        parsed = _parse_title(stated.value, kb) if leader else None
        if leader is None or parsed is None:
            continue
        qualifier, title, country = parsed
        terms = sorted(
            (t for t in leader.terms if _holds(t.office, title) and country in (None, t.country)),
            key=lambda t: t.start,
        )
        first, last = stated.interval
        severity, meant = _term_verdict(qualifier, terms, first, last) if terms else ("", [])
        if not severity:
            continue  # an office the knowledge base does not list for them, or a boundary: nothing to say
        words = stated.value.splitlines()[-1].strip()
        held = _terms_text(meant)
        if severity == "info":
            message = f"supported: {leader.name} was {held}"
        else:
            only = "" if qualifier == "former" else "only "
            message = f"stated '{words}' on {stated.when}{stated.documents_note}; {leader.name} was {only}{held}"
        basis = c.Basis(c.TERMS).times(
            c.naming_factor(kb, m.mentions, [lid]),
            c.term_edge_factor(first, last, [d for t in terms for d in (t.start, t.end)]),
            c.date_factor(stated.precision, stated.inferred),
        )
        out.append(
            Finding(
                m.id,
                "term",
                "participants.title",
                f"{words} {leader.name}",
                held,
                f"term:{leader.id}",
                leader.id,
                severity,
                message,
                basis.value,
                _reasoning(leader.name, leader.id, qualifier, severity, meant, stated),
            )
        )
    return out
