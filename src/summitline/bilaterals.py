"""One meeting per pair: a frame whose one leader meets several others in turn.

"Modi had interactions with Biden, Sunak and Macron", "Putin spoke by phone with
both Macron and Erdogan", "Zelensky met Starmer in London and Macron in Paris":
one subject, a list of partners after the meeting word, and a sign that the
meetings were separate make one meeting per partner. The signs (``cues.yaml``):
a phone call (calls are between two unless said otherwise), a distributive word
("separately", "each", "respectively", "bilateral"), a plural meeting noun
("interactions", "meetings"), or each partner with a place of its own. A joint
word ("summit", "trilateral", "three-way", "together") keeps one meeting, unless
it only names the setting ("on the sidelines of the G20 summit").
"""

from __future__ import annotations

import dataclasses
import re

from .assemble import Candidate, best_place
from .context import Context
from .frames import Frame
from .recognize import CueMention, PlaceMention
from .resolve import Resolved, resolve_explicit


def split_bilaterals(ctx: Context, cand: Candidate) -> list[Candidate]:
    frame = cand.frame
    if frame is None or len(cand.participants) < 3:
        return [cand]
    # the subject: the leaders before the sentence's first meeting word of the frame's status
    from .frames import frames_in

    pivot = min(
        (f.predicate.start for f in frames_in(ctx, cand.sentence) if f.status == frame.status),
        default=frame.predicate.start,
    )
    agents = [r for r in cand.participants if r.mention.start < pivot and r.mention.text]
    partners = [r for r in cand.participants if r.mention.start >= pivot]
    if len(agents) != 1 or len(partners) < 2 or len(agents) + len(partners) != len(cand.participants):
        return [cand]
    partners.sort(key=lambda r: r.mention.start)
    if _meeting_words_of(ctx, cand, partners):  # "holding talks with Wen and calling on Hu": two meetings
        return [dataclasses.replace(cand, participants=[agents[0], p]) for p in partners]
    places = _own_places(ctx, partners, frame.clause[1])
    if _joint(ctx, cand, frame.clause) and not places:
        return [cand]
    listed = _examples_of_a_class(ctx, frame, partners[0]) or _on_the_sidelines(ctx, cand, partners)
    if not (frame.format == "phone_call" or places or listed or _distributive(ctx, cand, frame.clause)):
        return [cand]
    out = []
    for partner in partners:
        place = places.get(partner.leader.id, cand.place)
        out.append(dataclasses.replace(cand, participants=[agents[0], partner], place=place))
    return out


_EXAMPLES = re.compile(r",?\s+(?:such as|including|among them|among whom)\s+(?:\w+\s+){0,2}$")


_SIDELINES = re.compile(r"\b(?:on|at) the (?:sidelines|margins|side-lines)\b", re.I)


def _on_the_sidelines(ctx: Context, cand: Candidate, partners: list[Resolved]) -> bool:
    """ "On the sidelines of the UN General Assembly, Modi met Zelensky, Oli and Abbas": one leader meeting
    leaders of several states on a gathering's sidelines meets each apart."""
    s = cand.sentence
    return bool(_SIDELINES.search(ctx.text, s.start, s.end)) and len({p.term.country for p in partners}) == len(
        partners
    )


def _examples_of_a_class(ctx: Context, frame: Frame, first: Resolved) -> bool:
    """ "met with other regional leaders, such as X and Y", "talked with several heads of state, including X
    and Y": the partners are examples of leaders met, each a meeting of its own."""
    from .frames import names_leaders

    start = first.mention.title_start if first.mention.title_start is not None else first.mention.start
    between = ctx.text[frame.predicate.end : start]
    return bool(_EXAMPLES.search(between)) and names_leaders(ctx, between)


def split_by_clause(ctx: Context, cand: Candidate) -> list[Candidate]:
    """Two meetings told in two clauses of one sentence ("A and B held bilateral talks, then joined C for a
    trilateral meeting"): the held (or planned) frames of each clause tie their own leaders; when two
    clauses tie different sets of at least two leaders of two states, each set is a meeting."""
    frame = cand.frame
    if frame is None:
        return [cand]
    from .frames import frames_in, joins_verbs

    by_clause: dict[tuple[int, int, int], list[Frame]] = {}
    # a joined verb may tell a meeting of another status ("met B and is meeting C later today": a plan)
    told = [
        f
        for f in frames_in(ctx, cand.sentence, *cand.scope)
        if f.status == frame.status or (f.makes_meeting and joins_verbs(ctx, f))
    ]
    for f in told:
        # "A met B and is meeting C later": a verb joined by "and" tells a meeting of its own
        joined = joins_verbs(ctx, f) and any(
            g.clause == f.clause and g.predicate.start < f.predicate.start for g in told
        )
        by_clause.setdefault((*f.clause, f.predicate.start if joined else f.clause[0]), []).append(f)
    if len(by_clause) < 2:
        return [cand]
    sets: list[tuple[list[Resolved], Frame]] = []  # each meeting's leaders, and the frame that tells it
    places: dict[int, PlaceMention | None] = {}  # each such frame's clause's own place
    for (*span, key), frames in sorted(by_clause.items()):
        clause = (span[0], span[1])
        named = (x for f in frames for x in f.arguments if x.kind in ("name", "title", "counterpart"))
        if not any(clause[0] <= x.start < clause[1] for x in named):
            # "…, after meeting each of them separately": one meeting with each leader of the sentence
            sets += [(pair, frames[0]) for pair in _each_of_them(ctx, cand, clause, frames)]
            continue  # a clause that names no one itself (", and agreed to hold summits") adds no meeting
        people = [
            r
            for r in cand.participants
            if any(x.start == r.mention.start or r.leader.id in x.ids for f in frames for x in f.arguments)
        ]
        if len(people) == 1:  # ", where he also met Biden": the clause's subject pronoun is a leader named before
            people += _pronoun_subjects(ctx, cand, clause, frames, people)
        if key != clause[0]:  # a joined verb's partners, whom the sentence's first meeting word did not tie
            for x in (x for f in frames for x in f.arguments if x.kind in ("name", "title", "counterpart")):
                r = resolve_explicit(ctx.kb, x, cand.first, cand.last, ctx.mentions.named)
                if r and all(r.leader.id != p.leader.id for p in people):
                    people.append(r)
        ids = {r.leader.id for r in people}
        if (
            len(people) >= 2
            and len({r.term.country for r in people}) >= 2
            and all(ids != {p.leader.id for p in s} for s, _ in sets)
        ):
            sets.append((people, frames[0]))
            places[frames[0].predicate.start] = best_place(ctx, clause[0], clause[1], frames[0].predicate.start)
    if len(sets) < 2:
        return [cand]
    # "flew to Moscow for talks with Putin, then travelled to Berlin to meet Scholz": a clause's own place
    return [
        dataclasses.replace(
            cand,
            participants=people,
            frame=told,
            status_cue=_status_cue(cand, told),
            place=places.get(told.predicate.start) or cand.place,
        )
        for people, told in sets
    ]


def _pronoun_subjects(
    ctx: Context, cand: Candidate, clause: tuple[int, int], frames: list[Frame], people: list[Resolved]
) -> list[Resolved]:
    """The leader a clause's subject pronoun means ("Meloni welcomed the Pope to the summit, where he also met
    Biden": the Pope), read as any pronoun is (``participants.resolve_pronoun``), at most one."""
    from .participants import resolve_pronoun

    for x in (x for f in frames for x in f.arguments if x.kind == "pronoun" and clause[0] <= x.start < clause[1]):
        if x.text.lower() in ("he", "she"):
            r = resolve_pronoun(ctx, x, cand.sentence.start, cand.sentence.end, cand.first, cand.last, people)
            return [r] if r else []
    return []


def _status_cue(cand: Candidate, told: Frame) -> CueMention | None:
    """The plan of the frame that tells a meeting; a held frame's meeting is no plan."""
    if told.status != "planned":
        return None
    p = told.predicate
    return cand.status_cue or CueMention(p.start, p.end, p.text, "planned")


_EACH_OF_THEM = re.compile(
    r"\b(?:each of them|each of the (?:\w+ )?(?:leaders|presidents)|separately|separate)\b", re.I
)


def _each_of_them(ctx: Context, cand: Candidate, clause: tuple[int, int], frames: list[Frame]) -> list[list[Resolved]]:
    """The clause's subject with each other leader of the sentence, when the clause meets "each of them"."""
    if not _EACH_OF_THEM.search(ctx.text, clause[0], clause[1]):
        return []
    args = [x for f in frames for x in f.arguments]
    if not any(x.kind in ("plural", "pronoun") and clause[0] <= x.start < clause[1] for x in args):
        return []
    subject = next((r for r in cand.participants if any(x.start == r.mention.start for x in args)), None)
    if subject is None:
        return []
    others = [r for r in cand.participants if r is not subject and r.term.country != subject.term.country]
    return [[subject, r] for r in others] if len(others) >= 2 else []


def _meeting_words_of(ctx: Context, cand: Candidate, partners: list[Resolved]) -> bool:
    """Each partner follows a meeting word of its own in the sentence (the nearest before it differs)."""
    from .frames import frames_in

    words = [f.predicate.start for f in frames_in(ctx, cand.sentence) if f.makes_meeting]
    nearest = {max((w for w in words if w < p.mention.start), default=-1) for p in partners}
    return len(nearest) == len(partners) and -1 not in nearest


def _clause_words(ctx: Context, clause: tuple[int, int]) -> str:
    """The clause in lower case, without the names of gatherings and "on the sidelines of …" (settings)."""
    text = ctx.text[clause[0] : clause[1]]
    for o in sorted(ctx.mentions.within("occasions", clause[0], clause[1]), key=lambda o: -o.start):
        a, b = o.start - clause[0], o.end - clause[0]
        text = text[:a] + " " * (b - a) + text[b:]
    return re.sub(r"\bsidelines of (?:the |a )?[^,;.]*", " ", text.lower())


def _joint(ctx: Context, cand: Candidate, clause: tuple[int, int]) -> bool:
    words = _clause_words(ctx, clause)
    return any(re.search(rf"\b{re.escape(w)}\b", words) for w in ctx.kb.cues.get("joint", []))


def _distributive(ctx: Context, cand: Candidate, clause: tuple[int, int]) -> bool:
    words = _clause_words(ctx, clause)
    return any(re.search(rf"\b{re.escape(w)}\b", words) for w in ctx.kb.cues.get("distributive", []))


def _own_places(ctx: Context, partners: list[Resolved], clause_end: int) -> dict[str, PlaceMention]:
    """Each partner's own place ("Starmer in London and Macron in Paris"), when every partner has one and
    they differ; else nothing."""
    found = {}
    for i, partner in enumerate(partners):
        stop = partners[i + 1].mention.start if i + 1 < len(partners) else clause_end
        here = [p for p in ctx.mentions.within("places", partner.mention.end, stop) if p.locative]
        if not here or here[0].start - partner.mention.end > 12:
            return {}
        found[partner.leader.id] = here[0]
    names = {p.entry.name for p in found.values()}
    return found if len(names) == len(found) else {}
