"""roster.py: a heading naming one leader's meetings, then one list item per partner."""

from __future__ import annotations

from summitline import Settings, extract


def meetings(text: str, published: str = "2023-05-22") -> list[tuple[str, list[str], str | None]]:
    found = extract(text, settings=Settings(published=published)).meetings
    return sorted((m.date, sorted(p.name for p in m.participants), m.place.city if m.place else None) for m in found)


def test_each_item_of_a_leaders_roster_is_a_meeting_with_that_leader() -> None:
    text = (
        "Prime Minister Kishida's bilateral meetings at the G7 summit in Hiroshima, May 19-21, 2023:\n"
        "- Joe Biden (United States)\n"
        "- Olaf Scholz (Germany)\n"
        "- Volodymyr Zelensky (Ukraine), on May 21\n"
    )
    assert meetings(text) == [
        ("2023-05-19/2023-05-21", ["Fumio Kishida", "Joe Biden"], "Hiroshima"),
        ("2023-05-19/2023-05-21", ["Fumio Kishida", "Olaf Scholz"], "Hiroshima"),
        ("2023-05-21", ["Fumio Kishida", "Volodymyr Zelensky"], "Hiroshima"),
    ]


def test_a_list_under_a_heading_with_no_meeting_word_or_no_single_host_is_no_roster() -> None:
    attending = (
        "Leaders attending the G7 summit in Hiroshima, May 19-21, 2023:\n"
        "- Joe Biden (United States)\n"
        "- Olaf Scholz (Germany)\n"
    )
    assert meetings(attending) == []
    two_hosts = (
        "Meetings of Biden and Kishida in Hiroshima, May 19-21, 2023:\n"
        "- Olaf Scholz (Germany)\n"
        "- Emmanuel Macron (France)\n"
    )
    # the heading's own meeting stands; the items are no one's partners
    assert meetings(two_hosts) == [("2023-05-19/2023-05-21", ["Fumio Kishida", "Joe Biden"], "Hiroshima")]
