"""Why a meeting is ``unchecked``: the one sentence that says which records could not tell, and why.

The records cover US presidents' trips abroad since 1906 and foreign leaders' visits to the United States
since 1874; summits and terms of office bear only on meetings at a summit or on titles stated "former" or
"then-". A meeting none of them bears on is unchecked, and the reason names the first gap that applies:
a call or a planned meeting, no US president, no place, no records imported, dates outside the records, or
a visitor the visit records never list.
"""

from __future__ import annotations

from ..kb import KnowledgeBase
from .model import Meeting, Stated, say_day
from .names import RecordIndex
from .travel import RECORD_WINDOW_DAYS, us_presidents

_FORMATS = {"phone_call": "A phone call", "video_call": "A video call"}
_NOTHING_ELSE = "No summit, term of office or record bore on this meeting's date, place or titles."


def _listed(names: list[str], joiner: str = "and") -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {joiner} {names[-1]}"


def _merged(m: Meeting) -> Stated:
    return next(s for s in m.stated_dates() if s.value == m.data["date"])


def why_unchecked(m: Meeting, kb: KnowledgeBase, index: RecordIndex, dismissed: bool = False) -> str:
    """The reason no finding bears on ``m`` (``dismissed``: its only findings were dismissed by hand)."""
    if dismissed:
        return "Every contradiction found was dismissed by hand, and no record supports it either."
    if not m.held_in_person:
        what = "A meeting planned but not held" if m.data["status"] != "held" else _FORMATS.get(m.data["format"])
        return (
            f"{what or 'A meeting not held in person'} leaves no trip or visit in the records, and no summit "
            "date or 'former' or 'then-' title of it could be checked."
        )
    stated = _merged(m)
    first, last = stated.interval
    ids = m.leader_ids(kb)
    unknown = [p["name"] for p in m.data["participants"] if p.get("id") not in kb.leaders]
    presidents = us_presidents(kb, ids, first, last)
    foreign = [lid for lid in ids if "US" not in kb.leaders[lid].countries]
    if not presidents:
        names = [kb.leaders[x].name for x in ids] + unknown
        who = f"neither {names[0]} nor {names[1]}" if len(names) == 2 else f"none of {_listed(names)}"
        missing = f" ({_listed(unknown)} not in the knowledge base)" if unknown else ""
        return (
            "The records cover only US presidents' trips abroad and foreign leaders' visits to the United States, "
            f"and {who} was US president {stated.on}{missing}, so they cannot tell."
        )
    president = kb.leaders[presidents[0]].name
    if not foreign:
        others = f": {_listed(unknown)} is not in the knowledge base" if unknown else ""
        return f"The records pair a US president with a foreign leader, and no foreign leader here is known{others}."
    country = m.place.get("country")
    if not country:
        return f"No source says where it took place, so the records cannot be asked whether {president} was there."
    kind = "trip" if country != "US" else "visit"
    records = "travel records" if kind == "trip" else "visit records"
    covered = index.coverage.get(kind)
    if covered is None:
        return f"No {records} are in the library (`summitline reference import DIR` adds them), so none could tell."
    if first < covered[0] or last > covered[1]:
        return (
            f"The {records} run from {say_day(covered[0])} to {say_day(covered[1])}, and the stated "
            f"{stated.said} falls outside them, so they cannot tell."
        )
    guests = _listed([kb.leaders[x].name for x in foreign])
    if kind == "visit" and not any(index.visits.get(f) for f in foreign):
        return (
            f"The visit records list no visit of {guests} at all, and they are not known to list every visit, "
            "so they cannot tell."
        )
    if kind == "visit" and not stated.precise:
        return (
            f"The stated date is only the year {stated.said}, and the visit of {guests} the records list within "
            f"{RECORD_WINDOW_DAYS} days of it may be another meeting, so they cannot tell."
        )
    return _NOTHING_ELSE
