"""The ``gathering`` check: a meeting at a summit of the knowledge base against that summit's dates and host.

A meeting whose occasion is a summit the knowledge base lists (G7, G8, G20, APEC, NATO, a D-Day
anniversary…) is contradicted when its stated date falls outside the summit's dates, with two days' grace
for arrivals (a week where the knowledge base's dates are approximate), or when it is placed in another
country while the summit was on. A date "ahead of" or "after" the summit is not checked: the summit dates
another day.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..kb import GatheringEvent, GatheringSeries, KnowledgeBase
from ..recognize.occasions import find_event
from . import confidence as c
from .model import Finding, Meeting, Stated, country_name, gap, iso_span, say_days, say_span, span
from .names import fold

GRACE_DAYS = 2  # leaders meet on the day they arrive for a summit, or the day after it
APPROXIMATE_GRACE_DAYS = 7
_CONTEXT = re.compile(
    r"(?:ahead of|before|after|following|prior to|eve of|since|en route to|way to|way from|returning from|"
    r"preparations? for|preparing for)\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}$",
    re.I,
)


def _event_span(event: GatheringEvent) -> tuple[date, date, int]:
    return event.start, event.closing or event.end, APPROXIMATE_GRACE_DAYS if event.approximate else GRACE_DAYS


def series_of(kb: KnowledgeBase, occasion: str) -> GatheringSeries | None:
    needle = occasion.strip().lower()
    return next(
        (s for s in kb.gatherings.values() if needle in (a.lower() for a in (s.name, *s.aliases))),
        None,
    )


def _same_place(place: dict[str, Any], event: GatheringEvent) -> bool | None:
    stated = [fold(str(place[k])).replace(" ", "") for k in ("name", "city", "venue", "region") if place.get(k)]
    host = [fold(x).replace(" ", "") for x in (event.city, event.venue, event.region) if x]
    if not stated or not host:
        return None
    return any(h in s or s in h for h in host for s in stated)


def occasion_is_context(m: Meeting, series: GatheringSeries) -> bool:
    """ "ahead of the G20 summit", "after the NATO summit": the summit dates another day."""
    names = sorted((a for a in (series.name, *series.aliases)), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names), re.I)
    return any(_CONTEXT.search(s[: hit.start()]) for s in m.summaries for hit in pattern.finditer(s))


def check_gathering(m: Meeting, kb: KnowledgeBase) -> list[Finding]:
    occasion = m.data.get("occasion")
    series = series_of(kb, occasion) if occasion else None
    if series is None or not m.held_in_person or occasion_is_context(m, series):
        return []
    out: list[Finding] = []
    for stated in m.stated_dates():
        first, last = stated.interval
        event = find_event(kb, series.id, first, last, m.place.get("country"))
        if event is None:
            out += _gathering_elsewhere(m, kb, series) if stated.value == m.data["date"] else []
        else:
            out += _gathering_date(m, kb, series, event, stated)
    return out


def _gathering_date(
    m: Meeting, kb: KnowledgeBase, series: GatheringSeries, event: GatheringEvent, stated: Stated
) -> list[Finding]:
    start, end, grace = _event_span(event)
    where = event.city or country_name(kb, event.country)
    label = f"the {series.name} in {where}" if where else f"the {series.name}"
    approximate = grace == APPROXIMATE_GRACE_DAYS
    ref = f"{series.id}:{start.year}"
    dates = f"{label} {say_span(start, end)}" + (", to the week" if approximate else "") + f" (gathering:{ref})"
    label += " (dates approximate)" if approximate else ""
    days = gap(stated.interval, (start, end))
    if days == 0:
        severity, message = "info", f"supported: {label} was {span(start, end)}"
        reasoning = f"The knowledge base dates {dates}, which takes in the stated {stated.said}."
    elif days <= grace or not stated.precise:
        severity = "info"
        message = f"stated {stated.text}, {days} day(s) from {label} ({span(start, end)})"
        reasoning = (
            f"The knowledge base dates {dates}, and the stated {stated.said} is {say_days(days)} from it, within the "
            f"{grace} days' grace for leaders who meet on arriving or staying on."
        )
    elif _same_place(m.place, event) is False:
        return []  # somewhere else than the host city, another day: perhaps not at the summit at all
    else:
        severity, message = "warning", f"stated {stated.text}; {label} was {span(start, end)}"
        stated_said = f"{stated.said}{stated.documents_note}"
        reasoning = f"The knowledge base dates {dates}, {say_days(days)} from the stated {stated_said}."
    start_trust = c.SUMMIT_DATES_APPROXIMATE if approximate else c.SUMMIT_DATES
    basis = c.Basis(start_trust).times(c.date_factor(stated.precision, stated.inferred))
    return [
        Finding(
            m.id,
            "gathering",
            "date",
            stated.value,
            iso_span(start, end),
            f"gathering:{ref}",
            ref,
            severity,
            message,
            basis.value,
            reasoning,
        )
    ]


def _gathering_elsewhere(m: Meeting, kb: KnowledgeBase, series: GatheringSeries) -> list[Finding]:
    """On the summit's days, in another country than its host's."""
    first, last = m.interval
    country = m.place.get("country")
    event = find_event(kb, series.id, first, last, None)
    if event is None or not country or m.place.get("inferred") or m.data["date_precision"] not in ("day", "span"):
        return []
    start, end, _ = _event_span(event)
    if not (start <= first and last <= end) or event.country == country:
        return []
    host = ", ".join(x for x in (event.city, country_name(kb, event.country)) if x)
    ref = f"{series.id}:{start.year}"
    reasoning = (
        f"The knowledge base has the {series.name} of {say_span(start, end)} in {host} (gathering:{ref}), not in "
        f"{country_name(kb, country)} where the sources place this meeting."
    )
    return [
        Finding(
            m.id,
            "gathering",
            "place",
            f"{m.place.get('name')} ({country})",
            f"{host} ({event.country})",
            f"gathering:{ref}",
            ref,
            "warning",
            f"stated {m.place.get('name')} ({country}); the {series.name} of {span(start, end)} was in {host}",
            c.Basis(c.SUMMIT_HOST).value,
            reasoning,
        )
    ]
