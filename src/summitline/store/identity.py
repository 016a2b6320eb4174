"""Which id each meeting of a re-merge gets: in one library a meeting keeps the id it was first given.

Each merged meeting is matched with the stored meetings whose mentions it holds: the stored meeting that
gives it the most mentions lends it its id, so a meeting keeps its id when more sources arrive or a merged
value changes. On a tie the older stored meeting (whose first mention came first) lends its id; and when a
stored meeting splits into meetings that hold as many of its mentions, the one of its own leaders keeps its
id (a meeting of three that splits into the three and a report of two of them: the three keep the id, so it
is theirs again when a later source joins the two).
A stored meeting left without a match gave all its mentions to others (two meetings found to be one): its id
becomes an alias of the meeting that took most of them, and ``summitline show OLD_ID`` still finds it. A
meeting matched with none is new and gets its content id (``m`` + hash of leaders, date and city), with
``-2``, ``-3``… when that id is taken, now or before, by a meeting or an alias; but when that id is the alias
of a meeting the re-merge holds, the meeting merged away has come back (a later source told the two apart)
and takes its id again.
Pure: the store reads and writes (``remerge.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..merge import MergedMeeting


@dataclass(frozen=True, slots=True)
class Stored:
    """A meeting as the library holds it before the re-merge: its id and its mentions' ids."""

    id: str
    mentions: frozenset[int]
    key: str = ""  # its leaders (``participants_key``)


@dataclass(slots=True)
class Identities:
    ids: list[str]  # the id of each merged meeting, in order
    aliases: dict[str, str] = field(default_factory=dict)  # stored id -> id of the meeting it merged into
    dropped: list[str] = field(default_factory=list)  # stored meetings none of whose mentions are left
    revived: list[str] = field(default_factory=list)  # aliases given back to a meeting of their own


def assign_ids(
    merged: list[MergedMeeting],
    stored: list[Stored],
    taken: Callable[[str], bool],
    revivable: Callable[[str], bool] = lambda _: False,
) -> Identities:
    """The ids of ``merged`` given the ``stored`` meetings they replace; ``taken(id)`` says whether the library
    already uses an id (a meeting or an alias) outside these, ``revivable(id)`` whether it is the alias of
    one of the stored meetings."""
    owner = {mention: s.id for s in stored for mention in s.mentions}
    age = {s.id: min(s.mentions, default=0) for s in stored}
    keys = {s.id: s.key for s in stored}
    shares = [Counter(owner[x.id] for x in m.mentions if x.id in owner) for m in merged]
    matched: list[str | None] = [None] * len(merged)
    used: set[str] = set()
    pairs = sorted(
        (-n, age[o], o, merged[i].participants_key != keys[o], i) for i, c in enumerate(shares) for o, n in c.items()
    )
    for _, _, owner_id, _, i in pairs:
        if matched[i] is None and owner_id not in used:
            matched[i] = owner_id
            used.add(owner_id)
    reserved = {s.id for s in stored} | used
    ids = []
    revived = []
    for m, kept in zip(merged, matched, strict=True):
        if kept is None:
            base = m.id.partition("-")[0]
            if base not in reserved and revivable(base):
                kept = base
                revived.append(base)
            else:
                kept = _fresh(base, lambda x: x in reserved or taken(x))
            reserved.add(kept)
        ids.append(kept)
    out = Identities(ids, revived=revived)
    for s in stored:
        if s.id in used:
            continue
        takers = [(-c[s.id], i) for i, c in enumerate(shares) if c[s.id]]
        if takers:
            out.aliases[s.id] = ids[min(takers)[1]]
        else:
            out.dropped.append(s.id)
    return out


def _fresh(base: str, is_taken: Callable[[str], bool]) -> str:
    candidate, n = base, 1
    while is_taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate
