"""pipeline.py: whole extractions of short texts, one behaviour each."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from summitline import Settings, extract

PUTIN_CLINTON = "Russian President Vladimir Putin and U.S. President Bill Clinton walk in the Kremlin in Moscow."
CREDIT = "Alexei Panov / TASS"
GENEVA = "Russian President Vladimir Putin and U.S. President Joe Biden meet in Geneva, June 16, 2021."


def meetings(text: str, **settings: str):
    return extract(text, settings=Settings(**settings)).meetings  # type: ignore[arg-type]


def pairs(text: str, **settings: str) -> list[tuple[str, list[str]]]:
    return [(m.date, sorted(p.name for p in m.participants)) for m in meetings(text, **settings)]


@pytest.mark.parametrize(
    "text",
    [
        f"June 4, 2000: {PUTIN_CLINTON}\n{CREDIT}",
        pytest.param(
            f"June 4, 2000:\n{PUTIN_CLINTON}\n{CREDIT}",
        ),
    ],
)
def test_gallery_block_gives_one_meeting_with_caption_and_credit(text: str) -> None:
    (m,) = meetings(text)
    assert (m.date, m.date_source) == ("2000-06-04", "heading")
    assert m.photo is not None and m.photo.credit == CREDIT
    assert m.photo.caption is not None and m.photo.caption.endswith(PUTIN_CLINTON)


@pytest.mark.parametrize(
    "text",
    [
        "Putin met Bush in Slovenia on June 16, 2001. Putin met Bush in Slovenia on June 16, 2001.",
        "Putin met Bush in Slovenia on June 16, 2001.\nIt was cordial.\nPutin met Bush in Slovenia on June 16, 2001.",
        "Putin met Bush on June 16, 2001. On June 16, 2001, Bush and Putin met at Brdo Castle.",
    ],
)
def test_repeated_report_is_one_meeting(text: str) -> None:
    assert pairs(text) == [("2001-06-16", ["George W. Bush", "Vladimir Putin"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In 2001, Putin and Bush would meet in Slovenia.", 1),
        ("In 2001, Putin and Bush would meet 28 times.", 0),
        ("Between 2001 and 2008, Putin and Bush would meet 28 times.", 0),
    ],
)
def test_count_of_meetings_is_not_a_meeting(text: str, expected: int) -> None:
    assert len(meetings(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (GENEVA, 1),
        (f"A screen displays images of {GENEVA}", 0),
        (f"FILE - {GENEVA}", 0),
        pytest.param(
            f"People watch a TV screen showing {GENEVA}",
            0,
        ),
    ],
)
def test_screen_or_file_photo_date_is_not_a_meeting_date(text: str, expected: int) -> None:
    assert len(meetings(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Putin is expected to meet Trump on Friday in Hamburg.",
        "Putin will hold talks with Trump on Friday in Hamburg.",
        pytest.param(
            "Putin will meet Trump on Friday in Hamburg.",
        ),
    ],
)
def test_planned_meeting_on_a_weekday(text: str) -> None:
    (m,) = meetings(text, published="2017-07-06")  # a Thursday
    assert (m.date, m.status, m.date_source) == ("2017-07-07", "planned", "publication")


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("Putin held a video call with U.S. President Joe Biden on Dec. 7, 2021.", "video_call"),
        ("Putin held a phone call with U.S. President Joe Biden on Dec. 30, 2021.", "phone_call"),
        ("Putin met U.S. President Joe Biden in Geneva on June 16, 2021.", "in_person"),
        ("Modi and Biden met virtually on April 11, 2022.", "video_call"),
        ("Xi and Putin held an online summit on Dec. 15, 2021.", "video_call"),
    ],
)
def test_format(text: str, fmt: str) -> None:
    (m,) = meetings(text)
    assert m.format == fmt


def test_summit_in_a_country_gives_the_host_city() -> None:
    (m,) = meetings("Obama met Putin at the G20 summit in China in September 2016.")
    assert m.occasion == "G20 summit"
    assert m.place is not None and (m.place.city, m.place.country, m.place.inferred) == ("Hangzhou", "CN", True)


def test_year_heading_gives_the_year_of_listed_calls() -> None:
    text = "Biden and Putin: their exchanges\n\n2021:\nSept. 9 - by phone\nDec. 7 - by video"
    found = meetings(text, published="2023-05-01")
    assert [(m.date, m.format) for m in found] == [("2021-09-09", "phone_call"), ("2021-12-07", "video_call")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On July 7, 2009, Russian President Dmitry Medvedev met U.S. President Barack Obama in Moscow.", 1),
        ("On July 7, 2009, Russian President Dmitry Medvedev met Prime Minister Vladimir Putin in Moscow.", 0),
    ],
)
def test_two_leaders_of_one_state_are_not_a_meeting(text: str, expected: int) -> None:
    assert len(meetings(text)) == expected


DETERMINISM = f"June 4, 2000: {PUTIN_CLINTON}\n{CREDIT}\n\nOn June 16, 2001, Putin met Bush at Brdo Castle."


def test_output_is_deterministic() -> None:
    first = extract(DETERMINISM).to_dict()
    assert len(first["meetings"]) == 2
    assert extract(DETERMINISM).to_dict() == first


def test_output_does_not_depend_on_hash_seed() -> None:
    script = "import json, sys; from summitline import extract; print(json.dumps(extract(sys.argv[1]).to_dict()))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, DETERMINISM],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and json.loads(outputs.pop()) == extract(DETERMINISM).to_dict()


def test_a_historic_aside_does_not_hide_the_pair_an_article_is_about(kb) -> None:
    """'the two leaders' means the article's pair even when it recalls two leaders of another era."""
    text = (
        "Emmanuel Macron and Olaf Scholz met in Paris on Sunday. Macron greeted Scholz at the door. "
        "Scholz thanked Macron. Macron and Scholz spoke of Charles de Gaulle and Konrad Adenauer, "
        "whom de Gaulle received in 1958; de Gaulle and Adenauer signed a treaty in 1963. "
        "Earlier, Scholz and Macron had both met Volodymyr Zelensky and Klaus Iohannis in Kyiv. "
        "The two leaders later had a working lunch in Paris on 26 October 2022."
    )
    from summitline import extract
    from summitline.config import Settings

    found = extract(text.encode(), settings=Settings(published="2023-01-22"), kb=kb).meetings
    lunch = [m for m in found if m.date == "2022-10-26"]
    assert lunch and {p.name for p in lunch[0].participants} == {"Emmanuel Macron", "Olaf Scholz"}


def test_a_wire_dateline_is_the_day_the_story_calls_today(kb) -> None:
    from summitline import extract
    from summitline.config import Settings

    text = "GENEVA, Nov. 19 (Reuters) - Ronald Reagan and Mikhail Gorbachev met for five hours here today.\n"
    [meeting] = extract(text.encode(), settings=Settings(published="1985-11-20"), kb=kb).meetings
    assert meeting.date == "1985-11-19" and meeting.status == "held"


def test_a_wire_dateline_gives_the_publication_date_when_none_is_known(kb) -> None:
    from summitline import extract

    text = "WASHINGTON, April 11, 2024 (Reuters) - Joe Biden hosted Fumio Kishida at the White House on Wednesday.\n"
    result = extract(text.encode(), kb=kb)
    assert result.document.published == "2024-04-11" and result.document.published_source == "dateline"
    assert [m.date for m in result.meetings] == ["2024-04-10"]


def test_the_first_date_of_a_list_is_no_publication_date(kb) -> None:
    """Every later item would otherwise be 'planned', being after the first."""
    from summitline import extract

    text = (
        "June 4, 2000\nBill Clinton and Vladimir Putin met in Moscow.\n\n"
        "June 16, 2001\nGeorge W. Bush and Vladimir Putin met in Ljubljana.\n\n"
        "May 24, 2002\nGeorge W. Bush and Vladimir Putin met in Moscow.\n"
    )
    result = extract(text.encode(), kb=kb)
    assert result.document.published is None
    assert [(m.date, m.status) for m in result.meetings] == [
        ("2000-06-04", "held"),
        ("2001-06-16", "held"),
        ("2002-05-24", "held"),
    ]


def test_an_html_figure_caption_is_the_photo_of_the_meeting_it_states(kb) -> None:
    from summitline import extract

    html = (
        "<html><head><title>Leaders meet</title></head><body><article><h1>Biden and Kishida meet</h1>"
        "<p>The two leaders talked about trade and security for an hour, aides said, in a long session.</p>"
        "<figure><img src='x.jpg'><figcaption>President Joe Biden meets Japanese Prime Minister Fumio Kishida "
        "at the White House in Washington on January 13, 2023.</figcaption></figure>"
        "<p>They agreed to deepen cooperation on chips and defence in the coming years, the statement said.</p>"
        "</article></body></html>"
    )
    [meeting] = extract(html.encode(), kb=kb).meetings
    assert meeting.photo is not None and meeting.photo.caption.startswith("President Joe Biden meets")
    assert any(e.field == "photo.caption" for e in meeting.evidence)


def test_a_labelled_record_is_one_meeting_and_its_own_scope(kb) -> None:
    from summitline import extract

    text = (
        "Joe Biden met Rishi Sunak in San Diego on March 13, 2023.\n\n"
        "Participants: Luiz Inácio Lula da Silva; Olaf Scholz; Pedro Sánchez\n"
        "Format: video summit\n"
        "Date: 14 May 2023\n"
        "Place: -\n"
    )
    found = extract(text.encode(), settings=None, kb=kb).meetings
    record = [m for m in found if m.date == "2023-05-14"]
    assert len(record) == 1 and record[0].format == "video_call"
    assert sorted(p.name for p in record[0].participants) == [
        "Luiz Inácio Lula da Silva",
        "Olaf Scholz",
        "Pedro Sánchez",
    ]


def test_list_items_headed_by_what_and_where_with_the_date_in_brackets(kb) -> None:
    from summitline import extract
    from summitline.config import Settings

    text = (
        "Main meetings between PM Modi and Xi Jinping\n"
        "• G20 Summit in Osaka, Japan (June 28-29, 2019): The leaders met again and discussed terrorism.\n"
        "• SCO Summit in Qingdao, China (June 9-10, 2018): They held discussions on trade.\n"
    )
    found = extract(text.encode(), settings=Settings(published="2024-10-24"), kb=kb).meetings
    assert [(m.date, sorted(p.name for p in m.participants)) for m in found] == [
        ("2018-06-09/2018-06-10", ["Narendra Modi", "Xi Jinping"]),
        ("2019-06-28/2019-06-29", ["Narendra Modi", "Xi Jinping"]),
    ]


def test_a_common_word_surname_at_a_sentence_start_is_no_leader(kb) -> None:
    """'Key' is John Key's surname, and an English word."""
    names = [m.ids for m in recognize_leaders_of("Key talks between Lula and Biden ended.", kb) if m.kind == "name"]
    assert all("john-key" not in ids for ids in names)


def recognize_leaders_of(text: str, kb):
    from summitline.recognize.leaders import recognize_leaders

    return recognize_leaders(text, kb)


def test_the_queen_alone_is_the_monarch_the_article_names() -> None:
    text = (
        "Queen Elizabeth II received many American presidents during her reign.\n\n"
        "In July 1976 the Queen met Gerald Ford at the White House in Washington.\n\n"
        "Ronald Reagan visited the Queen at Windsor Castle in June 1982."
    )
    assert pairs(text) == [
        ("1976-07", ["Elizabeth II", "Gerald Ford"]),
        ("1982-06", ["Elizabeth II", "Ronald Reagan"]),
    ]


def test_the_king_alone_is_no_one_when_no_king_is_named() -> None:
    text = "In May 2015 the King met Barack Obama in Washington to discuss trade."
    assert pairs(text) == []


def test_today_in_a_wire_story_is_its_datelines_day_when_no_publication_date_is_given() -> None:
    text = (
        "BRASILIA, March 2, 2023 (AP) — Brazilian President Luiz Inacio Lula da Silva "
        "met Argentine President Alberto Fernandez at the Planalto palace today."
    )
    assert pairs(text) == [("2023-03-02", ["Alberto Fernández", "Luiz Inácio Lula da Silva"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "President Kennedy conferred with Prime Minister Macmillan in Bermuda on Dec. 21, 1961.",
            [("1961-12-21", ["Harold Macmillan", "John F. Kennedy"])],
        ),
        (
            "On May 4, 1955, Chancellor Adenauer had a long conference with President Eisenhower in Washington.",
            [("1955-05-04", ["Dwight D. Eisenhower", "Konrad Adenauer"])],
        ),
        ("President Nixon conferred the Medal of Freedom on Prime Minister Heath on June 1, 1971.", []),
    ],
)
def test_conferring_with_someone_is_a_meeting(text: str, expected) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "President Suharto said on Oct. 6, 1970, after talks with President Nixon, "
            "that he wanted him to meet Mr Brezhnev.",
            [("1970-10-06", ["Richard Nixon", "Suharto"])],
        ),
        (
            "On Nov. 3, 1985, after a dinner with Chancellor Kohl, he said he hoped to meet Mr Gorbachev soon.",
            [],  # "he" is no one named before: one leader is no meeting, and Gorbachev is in the hope only
        ),
    ],
)
def test_a_leader_named_only_in_a_wish_does_not_join_the_meeting_told_by_references(text, expected) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "(Special cable) LONDON, March 3. Prime Minister Macmillan conferred with President Eisenhower today.",
            [("1960-03-03", ["Dwight D. Eisenhower", "Harold Macmillan"])],
        ),
        (
            "WASHINGTON, Sept. 27.—President Eisenhower met Chancellor Adenauer at the White House today.",
            [("1960-09-27", ["Dwight D. Eisenhower", "Konrad Adenauer"])],
        ),
    ],
)
def test_an_old_cable_dateline_ending_in_a_full_stop_is_the_day_called_today(text, expected) -> None:
    assert pairs(text, published="1960-10-10") == expected


def test_a_dateline_after_lines_of_page_furniture_is_still_the_stories_day() -> None:
    furniture = "Advertisement\n\nShare this article\n\nArticle image\n\nArticle image\n\nArticle image\n\n"
    text = (
        furniture + "BONN, Aug. 26 (AP) — President Eisenhower met Chancellor Adenauer at the Palais Schaumburg today."
    )
    assert pairs(text, published="1959-08-28") == [("1959-08-26", ["Dwight D. Eisenhower", "Konrad Adenauer"])]


@pytest.mark.parametrize(
    "text",
    [
        "President Tito, of Yugoslavia, conferred with President Nasser on Oct. 6, 1960.",
        "President Tito of Yugoslavia had talks with President Nasser on Oct. 6, 1960.",
    ],
)
def test_a_leaders_own_country_after_the_name_is_no_meeting_place(text: str) -> None:
    (m,) = meetings(text)
    assert sorted(p.name for p in m.participants) == ["Gamal Abdel Nasser", "Josip Broz Tito"]
    assert m.place is None


def test_a_cable_datelines_city_after_its_bracketed_note_is_where_a_meeting_today_was() -> None:
    text = "(Special cable) LONDON, March 3. Prime Minister Macmillan conferred with President Eisenhower today."
    (m,) = meetings(text, published="1960-03-05")
    assert m.date == "1960-03-03" and m.place is not None and m.place.city == "London"


def test_a_date_right_before_that_dates_the_saying_when_what_is_said_has_its_own() -> None:
    text = "Tokyo said on Friday that Prime Minister Kishida had met President Yoon in Seoul on Tuesday."
    assert pairs(text, published="2023-05-12") == [("2023-05-09", ["Fumio Kishida", "Yoon Suk Yeol"])]


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Modi toured a factory in Pune on Friday, two days after President Biden left Delhi.",
        "Chancellor Scholz visited a school in Kiel on Monday, a week before President Macron gave a speech in Lyon.",
    ],
)
def test_a_leader_in_a_clause_set_apart_in_time_is_no_partner(text: str) -> None:
    assert pairs(text, published="2024-03-20") == []


def test_a_leader_in_a_clause_of_the_same_moment_is_a_partner() -> None:
    text = "When President Biden toured the plant in Pune on Friday, Prime Minister Modi stood beside him."
    assert pairs(text, published="2024-03-20") == [("2024-03-15", ["Joe Biden", "Narendra Modi"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Q: When did Prime Minister Modi last meet President Xi?\nA: In Kazan, on Oct. 23, 2024.",
            [("2024-10-23", ["Narendra Modi", "Xi Jinping"])],
        ),
        (
            "Where did Presidents Biden and Xi hold talks last?\n\nIn Woodside, on Nov. 15, 2023, for four hours.",
            [("2023-11-15", ["Joe Biden", "Xi Jinping"])],
        ),
        ("Q: When will Prime Minister Modi meet President Xi?\nA: Perhaps in Kazan, on Oct. 23, 2024.", []),
        ("What was the summit of Prime Minister Modi and President Xi about?\n\nIn 2018, trade.", []),
    ],
)
def test_an_answer_dates_the_meeting_its_question_asks_about(text: str, expected) -> None:
    assert pairs(text, published="2024-12-01") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Chancellor Scholz called President Macron on Friday, two days after meeting Prime Minister Meloni "
            "in Rome, and thanked him for the invitation.",
            [
                ("2024-03-13", ["Giorgia Meloni", "Olaf Scholz"], "in_person"),
                ("2024-03-15", ["Emmanuel Macron", "Olaf Scholz"], "phone_call"),
            ],
        ),
        (
            "President Ruto phoned President Samia on Thursday, three days after hosting President Museveni "
            "in Nairobi, and told her about the talks.",
            [
                ("2024-03-11", ["William Ruto", "Yoweri Museveni"], "in_person"),
                ("2024-03-14", ["Samia Suluhu Hassan", "William Ruto"], "phone_call"),
            ],
        ),
    ],
)
def test_a_meeting_days_before_a_call_is_the_subjects_not_the_pronoun_after_it(text: str, expected) -> None:
    """The participle clause borrows the main clause's subject; "him" or "her" in the clause coordinated
    after it means the call's partner, not a partner of the earlier meeting."""
    found = meetings(text, published="2024-03-20")
    assert [(m.date, sorted(p.name for p in m.participants), m.format) for m in found] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Presidents Erdogan and Mitsotakis have met three times this year, most recently in Vilnius on Tuesday.",
            [("2023-07-11", ["Kyriakos Mitsotakis", "Recep Tayyip Erdoğan"])],
        ),
        (
            "Prime Ministers Modi and Albanese have held talks four times, the latest in Sydney on May 24, 2023.",
            [("2023-05-24", ["Anthony Albanese", "Narendra Modi"])],
        ),
        ("Presidents Erdogan and Mitsotakis have met three times this year, and Erdogan flew home on Tuesday.", []),
    ],
)
def test_the_latest_of_a_count_of_meetings_is_a_meeting(text: str, expected) -> None:
    assert pairs(text, published="2023-07-12") == expected


def test_a_quote_of_a_leader_of_the_meeting_later_in_its_paragraph_is_the_meetings() -> None:
    text = 'President Ruto met President Museveni in Kampala on Monday. "We agreed on the oil pipeline," Ruto said.'
    [meeting] = meetings(text, published="2024-03-20")
    assert [(q.speaker, q.text) for q in meeting.quotes] == [("Ruto", "We agreed on the oil pipeline,")]


@pytest.mark.parametrize(
    "text",
    [
        # the paragraph names another leader: whose meeting the quote is about is not said
        'President Ruto met President Museveni in Kampala on Monday, after President Samia left. "We agreed on '
        'the oil pipeline," Ruto said.',
        # the speaker is no leader of the meeting
        'President Ruto met President Museveni in Kampala on Monday. "The pipeline is agreed," Odinga said.',
    ],
)
def test_no_quote_from_the_paragraph_when_it_may_be_anothers(text: str) -> None:
    assert [m.quotes for m in meetings(text, published="2024-03-20")] == [[]]


def test_a_summit_from_one_day_to_another_is_one_meeting() -> None:
    text = "Roosevelt, Churchill and Stalin met at Tehran from Nov. 28 to Dec. 1, 1943."
    assert pairs(text) == [("1943-11-28/1943-12-01", ["Franklin D. Roosevelt", "Joseph Stalin", "Winston Churchill"])]


def test_two_meetings_in_one_sentence_a_shift_from_a_weekday_apart() -> None:
    text = (
        "Prime Minister Albanese met President Prabowo in Jakarta on Thursday, "
        "and two days later Albanese hosted Prime Minister Luxon in Sydney."
    )
    assert pairs(text, published="2025-05-20") == [
        ("2025-05-15", ["Anthony Albanese", "Prabowo Subianto"]),
        ("2025-05-17", ["Anthony Albanese", "Christopher Luxon"]),
    ]


def test_a_date_before_that_year_is_no_date_of_a_saying() -> None:
    text = "Scholz visited Beijing in 2022, and on 4 November that year he met President Xi Jinping there."
    assert pairs(text) == [("2022-11-04", ["Olaf Scholz", "Xi Jinping"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Joe Biden met Prime Minister Rishi Sunak in Belfast on April 12. "
            "Three days later, he met President Emmanuel Macron in Paris.",
            [("2023-04-12", ["Joe Biden", "Rishi Sunak"]), ("2023-04-15", ["Emmanuel Macron", "Joe Biden"])],
        ),
        (
            "Chancellor Scholz hosted Prime Minister Meloni in Berlin on Nov. 22. "
            "She met President Macron in Paris on Nov. 24.",  # "she" is not the subject Scholz
            [("2023-11-22", ["Giorgia Meloni", "Olaf Scholz"]), ("2023-11-24", ["Emmanuel Macron", "Giorgia Meloni"])],
        ),
        (
            # a pronoun that opens a paragraph goes on from the paragraph before, not from its last object
            "President Ruto received Ugandan President Yoweri Museveni in Nairobi on Jan. 2.\n\n"
            "Ruto said he thanked the Ugandan leader for the visit.\n\n"
            "He then held talks with Rwandan President Paul Kagame that day.",
            [
                ("2023-01-02", ["Paul Kagame", "William Ruto"]),
                ("2023-01-02", ["William Ruto", "Yoweri Museveni"]),
            ],
        ),
    ],
)
def test_a_subject_pronoun_continues_the_subject_of_the_sentence_before(text, expected) -> None:
    assert pairs(text, published="2023-12-01") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ivanka Trump, the daughter of President Donald Trump, met Prime Minister Shinzo Abe in Tokyo "
            "on Nov. 3, 2017, and thanked him.",
            [],
        ),
        (
            "President Donald Trump met Prime Minister Shinzo Abe in Tokyo on Nov. 6, 2017, and thanked him.",
            [("2017-11-06", ["Donald Trump", "Shinzo Abe"])],
        ),
    ],
)
def test_a_leader_who_only_says_whose_relative_the_subject_is_does_not_meet(text, expected) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "President Lula has never visited President Biden in Washington; their only contact was a call in May.",
            [("2023-05", ["Joe Biden", "Luiz Inácio Lula da Silva"], "phone_call")],
        ),
        (
            "President Lula met President Biden in Washington in May; they did not meet again.",
            [("2023-05", ["Joe Biden", "Luiz Inácio Lula da Silva"], "in_person")],
        ),
        ("President Lula did not meet President Biden in May; Biden stayed in Washington.", []),
    ],
)
def test_a_negation_denies_only_its_own_side_of_a_semicolon(text: str, expected) -> None:
    found = meetings(text, published="2023-12-01")
    assert [(m.date, sorted(p.name for p in m.participants), m.format) for m in found] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In two days, Prime Minister Narendra Modi met Chancellor Olaf Scholz in Berlin on May 2, "
            "and President Emmanuel Macron in Paris on May 4.",
            [("2022-05-02", ["Narendra Modi", "Olaf Scholz"]), ("2022-05-04", ["Emmanuel Macron", "Narendra Modi"])],
        ),
        (  # the second clause has its own verb: not a gap, and Scholz alone meets no one
            "Joe Biden met Emmanuel Macron in Paris on June 6, and Olaf Scholz arrived in Berlin on June 7.",
            [("2022-06-06", ["Emmanuel Macron", "Joe Biden"])],
        ),
        (  # one leader in the gap is the subject himself: no meeting with himself
            "Vladimir Putin met Xi Jinping in Beijing on Feb. 4, and Putin in Moscow on Feb. 6.",
            [("2022-02-04", ["Vladimir Putin", "Xi Jinping"])],
        ),
        (  # no comma: each date takes its half of the clause, cut at its "and"
            "President Macron received Chancellor Scholz on Monday and Prime Minister Sánchez on Wednesday.",
            [
                ("2022-11-28", ["Emmanuel Macron", "Olaf Scholz"]),
                ("2022-11-30", ["Emmanuel Macron", "Pedro Sánchez"]),
            ],
        ),
        (  # the half after "and" names no leader: nothing to borrow for
            "President Macron received Chancellor Scholz on Monday and flew to Lyon on Wednesday.",
            [("2022-11-28", ["Emmanuel Macron", "Olaf Scholz"])],
        ),
    ],
)
def test_a_clause_opened_by_and_with_one_leader_and_no_verb_borrows_the_meeting_before(text, expected) -> None:
    assert pairs(text, published="2022-12-01") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Chancellor Olaf Scholz hosted President Emmanuel Macron in Berlin on Friday, "
            "three days after meeting Prime Minister Giorgia Meloni in Rome.",
            [("2023-11-21", ["Giorgia Meloni", "Olaf Scholz"]), ("2023-11-24", ["Emmanuel Macron", "Olaf Scholz"])],
        ),
        (
            "Chancellor Olaf Scholz hosted President Emmanuel Macron in Berlin on Nov. 24, "
            "two days before visiting Prime Minister Giorgia Meloni in Rome.",
            [("2023-11-24", ["Emmanuel Macron", "Olaf Scholz"]), ("2023-11-26", ["Giorgia Meloni", "Olaf Scholz"])],
        ),
    ],
)
def test_n_days_after_meeting_counts_from_the_date_before_and_the_subject_is_the_main_clauses(text, expected) -> None:
    assert pairs(text, published="2023-11-28") == expected


def test_a_partner_named_who_held_no_office_then_is_not_replaced_by_a_leader_from_context() -> None:
    heading = "– Ronald Reagan\n\n"  # a section about Reagan: its leader would otherwise fill the gap
    text = heading + "On February 12, 1984, Prime Minister Margaret Thatcher welcomed George H. W. Bush to Chequers."
    assert pairs(text) == []
    text = heading + "On February 12, 1984, Prime Minister Margaret Thatcher welcomed the president to Chequers."
    assert pairs(text) == [("1984-02-12", ["Margaret Thatcher", "Ronald Reagan"])]


def test_a_year_after_a_resignation_word_dates_the_resignation_not_the_visit() -> None:
    text = (
        "Prime Minister Edward Heath hosted President Richard Nixon at Chequers, "
        "four years before Nixon would resign in 1974."
    )
    assert pairs(text) == []  # the year is the resignation's; the visit's is not given


def test_a_meeting_that_continues_the_story_takes_its_place_too_marked_inferred() -> None:
    text = (
        "Prime Minister Narendra Modi held talks with Prime Minister Fumio Kishida on Monday in Tokyo.\n\n"
        "Modi also met Canadian Prime Minister Justin Trudeau."
    )
    found = {tuple(sorted(p.name for p in m.participants)): m for m in meetings(text, published="2023-05-24")}
    later = found[("Justin Trudeau", "Narendra Modi")]
    assert later.date == "2023-05-22" and later.place is not None
    assert later.place.city == "Tokyo" and later.place.inferred
    evidence = [e for e in later.evidence if e.field == "place"]
    assert evidence and text[evidence[0].start : evidence[0].end] == "Tokyo"
    first = found[("Fumio Kishida", "Narendra Modi")]
    assert first.place is not None and not first.place.inferred


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            # a fronted "ahead of X's visit" sets the time of the main clause: neither planned nor Modi's meeting
            "Ahead of Modi's visit, Chancellor Scholz met President Macron in Paris on May 3, 2024.",
            [("2024-05-03", ["Emmanuel Macron", "Olaf Scholz"], "held")],
        ),
        (
            # a frame that names its own leaders ("a trilateral summit with A and B") takes no one else
            "Before Biden's visit, Sisi held a trilateral summit with Abbas and King Abdullah of Jordan in Cairo "
            "on Sept. 2, 2021.",
            [("2021-09-02", ["Abdel Fattah el-Sisi", "Abdullah II", "Mahmoud Abbas"], "held")],
        ),
        (
            "Ahead of the summit, Scholz will meet Macron in Paris on July 3, 2024.",
            [("2024-07-03", ["Emmanuel Macron", "Olaf Scholz"], "planned")],
        ),
    ],
)
def test_a_fronted_phrase_about_another_meeting_sets_the_scene_only(text, expected) -> None:
    found = meetings(text, published="2024-06-01" if "2024" in text else "2021-09-08")
    assert [(m.date, sorted(p.name for p in m.participants), m.status) for m in found] == expected


TIMELINE = (
    "Summits of the forum\n"
    "First Leaders' Forum, Nairobi\n"
    "March 3-4, 2011\n"
    "Hosted by Kenyan President Mwai Kibaki, with Ugandan President Yoweri Museveni among the guests.\n"
    "The forum agreed a common market plan.\n"
    "Second Leaders' Forum, Kampala, Uganda\n"
    "June 8-9, 2013\n"
    "It was the largest forum meeting so far.\n"
    "Co-hosted by President Museveni and Tanzanian President Jakaya Kikwete, it drew 12 delegations.\n"
)


def test_a_timeline_item_titled_above_its_date_keeps_its_title_place_and_its_own_leaders() -> None:
    found = meetings(TIMELINE, published="2015-01-10")
    got = [(m.date, sorted(p.name for p in m.participants), m.place.city if m.place else None) for m in found]
    assert ("2013-06-08/2013-06-09", ["Jakaya Kikwete", "Yoweri Museveni"], "Kampala") in got
    # the second item's first sentence names no one: it does not take the first item's leaders
    assert not any(d.startswith("2013") and "Mwai Kibaki" in names for d, names, _ in got)


def test_a_meeting_on_a_wire_storys_day_with_no_place_of_its_own_is_in_the_dateline_city() -> None:
    text = (
        "GENEVA, Nov. 19 (AP) — The summit opened with a handshake.\n\n"
        "President Reagan met General Secretary Gorbachev this morning for talks that ran past noon.\n\n"
        "The two men dined together last night, an aide said.\n"
    )
    found = {m.date: m for m in meetings(text, published="1985-11-20")}
    today = found["1985-11-19"]
    assert today.place is not None and today.place.city == "Geneva" and today.place.inferred
    assert found["1985-11-18"].place is None  # the day before: not where the story was filed


def test_a_headline_that_places_the_days_event_beats_the_dateline_city() -> None:
    text = (
        "Second day of the NATO summit in Vilnius brings Ukraine's leader to the table\n\n"
        "WARSAW (AP) — Leaders talked through the night.\n\n"
        "Prime Minister Rishi Sunak met President Volodymyr Zelenskyy today to discuss air defence.\n"
    )
    (m,) = meetings(text, published="2023-07-12")
    assert m.place is not None and (m.place.name, m.place.inferred) == ("Vilnius", True)


@pytest.mark.parametrize(
    "text",
    [
        "On May 3, 2023, Biden discussed Putin's nuclear threats with reporters.",
        "On June 1, 2023, Macron signed a decree praising Zelensky.",
        "On March 8, 2023, Scholz spoke about Xi Jinping's peace plan in the Bundestag.",
        "On Feb. 2, 2023, Erdogan spoke with reporters about Putin.",
        "On June 2, 2023, Putin agreed a prisoner exchange with Zelensky.",
    ],
)
def test_a_leader_who_is_the_topic_or_an_owner_of_the_object_is_no_partner(text: str) -> None:
    assert meetings(text, published="2024-06-01") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On May 3, 2023, Biden discussed trade with Lula in Washington.", ["Joe Biden", "Luiz Inácio Lula da Silva"]),
        ("On June 1, 2023, Macron signed a treaty with Meloni in Rome.", ["Emmanuel Macron", "Giorgia Meloni"]),
        ("On March 8, 2023, Scholz spoke to Xi Jinping by phone.", ["Olaf Scholz", "Xi Jinping"]),
        (
            "On 20 May 2023, Mr Albanese had a brief exchange with Mr Modi in Hiroshima.",
            ["Anthony Albanese", "Narendra Modi"],
        ),
    ],
)
def test_a_partner_after_with_or_to_still_meets(text: str, expected: list[str]) -> None:
    (m,) = meetings(text, published="2024-06-01")
    assert sorted(p.name for p in m.participants) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            # what follows "since" happened: "not" before it denies only the meeting word before it
            "Donald Trump and Kim Jong Un have not met since their brief encounter at the DMZ in June 2019.",
            [("2019-06", ["Donald Trump", "Kim Jong Un"])],
        ),
        (
            # a subject pronoun after a denied clause means the sentence's subject
            "Xi Jinping has not travelled to Washington since 2015; he met Joe Biden in San Francisco in "
            "November 2023.",
            [("2023-11", ["Joe Biden", "Xi Jinping"])],
        ),
        ("Donald Trump and Kim Jong Un have not met since June 2019.", []),
    ],
)
def test_a_denied_meeting_leaves_what_follows_since_and_the_next_clause_alone(text, expected) -> None:
    assert pairs(text, published="2024-06-01") == expected


def test_a_partner_named_by_a_surname_who_is_out_of_office_leaves_no_room_for_someone_else() -> None:
    text = (
        "Vladimir Putin met Narendra Modi in Moscow on July 8, 2024.\n\n"
        "Modi is set to travel to Washington next month for talks with Trump, officials said on Monday."
    )
    # in July 2024 Trump held no office: the talks are not with Putin, whom the text named before
    assert pairs(text, published="2024-06-10") == [("2024-07-08", ["Narendra Modi", "Vladimir Putin"])]


def test_items_of_a_flattened_table_start_at_their_date_and_a_quote_s_today_is_no_date() -> None:
    text = (
        "Summits of Modi and Putin\n\n"
        "Dec. 6, 2021: Putin visits New Delhi for talks with Modi.\n\n"
        '2022 – Samarkand. At the SCO summit, Modi tells Putin "today\'s era is not one of war".\n\n'
        "July 8-9, 2024 | Moscow | Modi's first bilateral visit to Russia in five years.\n"
    )
    assert pairs(text, published="2024-07-10") == [
        ("2021-12-06", ["Narendra Modi", "Vladimir Putin"]),
        ("2022", ["Narendra Modi", "Vladimir Putin"]),
        ("2024-07-08/2024-07-09", ["Narendra Modi", "Vladimir Putin"]),
    ]


def test_a_count_before_a_colon_introduces_one_meeting_per_date_after_it() -> None:
    text = "Kishida and Yoon met three times in 2023: in March in Tokyo, in May in Seoul and in August at Camp David."
    found = [(m.date, m.place.city if m.place else None) for m in meetings(text, published="2024-06-01")]
    assert found == [("2023-03", "Tokyo"), ("2023-05", "Seoul"), ("2023-08", "Thurmont")]


def test_a_plural_reference_before_two_names_of_its_own_sentence_means_them() -> None:
    text = (
        "Macron met Modi in Paris on July 14, 2023.\n\n"
        "The two presidents met in mid-March 2019 in Beijing: Xi Jinping and Emmanuel Macron discussed trade."
    )
    assert ("2019-03", ["Emmanuel Macron", "Xi Jinping"]) in pairs(text, published="2024-06-01")


def test_a_year_after_since_dates_the_when_clause_that_follows_it() -> None:
    text = "It is Merkel's first trip to Moscow since 2010, when she met President Medvedev in the Kremlin."
    assert pairs(text, published="2015-05-10") == [("2010", ["Angela Merkel", "Dmitry Medvedev"])]


def test_last_met_in_a_month_means_the_latest_such_month() -> None:
    text = "Scholz visited Beijing in 2022. Macron and Scholz last met in November, at a dinner in Paris."
    assert ("2023-11", ["Emmanuel Macron", "Olaf Scholz"]) in pairs(text, published="2024-03-01")


def test_a_wire_datelines_city_is_not_the_place_of_a_meeting_planned_elsewhere() -> None:
    text = (
        "BRASILIA, April 11 (Reuters) - President Lula leaves on Tuesday for China, where he will meet "
        "President Xi Jinping on Friday.\n"
    )
    (m,) = meetings(text, published="2023-04-11")
    assert m.status == "planned" and m.place is None


def test_an_elided_meeting_after_a_semicolon_is_another_meeting_of_the_clause_before() -> None:
    text = (
        "Merkel met Putin many times. Their first talks as leaders came in Moscow in January 2006; "
        "the last, in Sochi in May 2017, were frosty."
    )
    assert pairs(text, published="2022-07-09") == [
        ("2006-01", ["Angela Merkel", "Vladimir Putin"]),
        ("2017-05", ["Angela Merkel", "Vladimir Putin"]),
    ]


def test_becoming_the_first_leader_to_visit_is_a_record_set_by_a_meeting() -> None:
    text = "In December 2016, Abe became the first sitting Japanese leader to visit Pearl Harbor, with Obama."
    assert pairs(text, published="2022-07-09") == [("2016-12", ["Barack Obama", "Shinzo Abe"])]


def test_a_subject_pronoun_before_the_two_is_one_of_the_two() -> None:
    text = (
        "Abe met Putin 27 times. Their first summit came in Moscow in April 2013.\n\n"
        "He hosted Donald Trump at the Akasaka Palace in May 2019, and the two played golf together."
    )
    assert ("2019-05", ["Donald Trump", "Shinzo Abe"]) in pairs(text, published="2022-07-09")


def test_he_opening_a_paragraph_of_a_profile_is_the_one_it_is_about() -> None:
    text = (
        "Shinzo Abe led Japan for almost eight years. Abe was a conservative, and Abe courted Vladimir Putin.\n\n"
        "The outcome disappointed many in Tokyo.\n\n"
        "He hosted Donald Trump in Tokyo in May 2019."
    )
    assert pairs(text, published="2022-07-09") == [("2019-05", ["Donald Trump", "Shinzo Abe"])]


def test_an_infinitive_of_purpose_takes_the_plan_of_the_verb_it_serves() -> None:
    text = (
        "Chancellor Scholz arrived in Paris on Friday for talks with Macron.\n\n"
        "Scholz will then travel to Rome on Sunday to meet Prime Minister Giorgia Meloni."
    )
    found = [(m.date, m.status) for m in meetings(text, published="2023-11-03")]  # a Friday
    assert ("2023-11-05", "planned") in found  # the Sunday ahead


# --- counted references ("the four leaders", "the Big Three") ---------------------------------------------

QUAD_TIMELINE = """Quad summits at a glance

May 24, 2022 – Tokyo, Japan

President Joe Biden, Prime Minister Narendra Modi, Prime Minister Anthony Albanese and Prime Minister Fumio \
Kishida held their first in-person summit since Albanese took office.

Sept. 21, 2024 – Wilmington, United States

The four leaders met again at a school near the president's home.
"""


def test_a_counted_reference_means_the_leaders_named_together_before_it() -> None:
    found = meetings(QUAD_TIMELINE, published="2025-01-10")
    quad = ["Anthony Albanese", "Fumio Kishida", "Joe Biden", "Narendra Modi"]
    assert [(m.date, m.place.name if m.place else None, sorted(p.name for p in m.participants)) for m in found] == [
        ("2022-05-24", "Tokyo", quad),
        ("2024-09-21", "Wilmington", quad),
    ]


def test_a_named_group_is_its_members_and_names_no_place() -> None:
    text = (
        "Roosevelt, Churchill and Stalin met in Tehran in late November 1943. A short report followed.\n\n"
        "Stalin later spoke with his generals.\n\n"
        "The Big Three met again at Yalta in February 1945."
    )
    yalta = [m for m in meetings(text) if m.date == "1945-02"]
    assert [sorted(p.name for p in m.participants) for m in yalta] == [
        ["Franklin D. Roosevelt", "Joseph Stalin", "Winston Churchill"]
    ]
    assert yalta[0].place is not None and yalta[0].place.name == "Yalta"


def test_a_counted_shift_after_a_date_in_one_sentence_dates_a_meeting_of_its_own() -> None:
    text = "In 1985 Reagan met Gorbachev in Geneva, and the two leaders met again a year later in Reykjavik."
    assert [(m.date, m.place.name if m.place else None) for m in meetings(text)] == [
        ("1985", "Geneva"),
        ("1986", "Reykjavik"),
    ]


# --- the story's day ----------------------------------------------------------------------------------

BALI_DAY = "Modi held talks with Macron in Bali on Tuesday.\n\n"


@pytest.mark.parametrize(
    "report",
    ["He met Kenyan President William Ruto.", "Modi meets Kenya's President William Ruto."],
)
def test_a_plain_report_in_the_news_of_the_day_happened_on_the_storys_day(report: str) -> None:
    found = pairs(BALI_DAY + report, published="2022-11-16")
    assert ("2022-11-15", ["Narendra Modi", "William Ruto"]) in found


@pytest.mark.parametrize(
    "report",
    [
        "He had met Kenyan President William Ruto in Nairobi.",  # another time
        "He first met Kenyan President William Ruto in Nairobi.",
        "He said the leaders would agree when they meet Kenyan President William Ruto.",  # a base form
    ],
)
def test_a_report_placed_at_another_time_does_not_take_the_storys_day(report: str) -> None:
    found = pairs(BALI_DAY + report, published="2022-11-16")
    assert all("William Ruto" not in names for _, names in found)


def test_an_old_story_day_is_not_the_news_of_the_day() -> None:
    text = "Modi held talks with Macron in Bali on Nov. 15, 2022.\n\nHe met Kenyan President William Ruto."
    found = pairs(text, published="2022-12-20")
    assert all("William Ruto" not in names for _, names in found)


def test_the_prime_minister_met_one_leader_and_is_meeting_another_later() -> None:
    text = (
        "Prime Minister Keir Starmer arrived in Washington on Monday.\n\n"
        "The prime minister held talks with President Donald Trump and is meeting with Canadian Prime Minister "
        "Mark Carney later today.\n"
    )
    found = {tuple(sorted(p.name for p in m.participants)): m.status for m in meetings(text, published="2025-06-17")}
    assert found == {("Donald Trump", "Keir Starmer"): "held", ("Keir Starmer", "Mark Carney"): "planned"}


def test_a_dated_item_whose_event_is_a_call_is_a_call_whatever_else_it_mentions() -> None:
    text = "Oct. 5, 2021:\nMacron speaks with Merkel by telephone after the German election.\nElysee\n"
    assert [(m.date, m.format) for m in meetings(text, published="2022-01-01")] == [("2021-10-05", "phone_call")]


def test_a_leader_named_as_absent_takes_no_part() -> None:
    text = "The BRICS summit in Johannesburg went ahead without President Vladimir Putin on Aug. 23, 2023."
    assert meetings(text, published="2023-08-25") == []
    text = "On Aug. 23, 2023, without Vladimir Putin, President Cyril Ramaphosa met Narendra Modi in Johannesburg."
    assert pairs(text, published="2023-08-25") == [("2023-08-23", ["Cyril Ramaphosa", "Narendra Modi"])]


def test_his_after_the_one_leader_named_is_that_leaders() -> None:
    text = (
        "President Joe Biden flew home early.\n\n"
        "On July 12, 2023, Prime Minister Rishi Sunak made his way to a meeting with NATO's chief, Jens Stoltenberg."
    )
    assert meetings(text, published="2023-07-13") == []


def test_heads_of_state_of_listed_countries_are_those_leaders_the_document_names() -> None:
    text = (
        "The leaders of Germany, France and Italy met in Kyiv on June 16, 2022, and promised support.\n\n"
        "Chancellor Olaf Scholz said the visit sent a message; President Emmanuel Macron agreed.\n"
    )
    # Italy's leader is never named: not guessed
    assert pairs(text, published="2022-06-20") == [("2022-06-16", ["Emmanuel Macron", "Olaf Scholz"])]


def test_a_day_that_opens_an_event_of_stated_length_is_its_span() -> None:
    text = "Xi Jinping opened a three-day state visit to France on May 6, 2024, and held talks with Emmanuel Macron."
    assert [m.date for m in meetings(text, published="2024-06-01")] == ["2024-05-06/2024-05-08"]


def test_an_items_date_before_a_dash_is_the_report_day_when_the_sentence_dates_the_event() -> None:
    text = (
        "News digest\n\n"
        "March 4, 2021 - Prime Minister Yoshihide Suga and President Moon Jae-in held talks by video on "
        "2 March, officials said.\n"
    )
    assert [m.date for m in meetings(text, published="2021-03-05")] == ["2021-03-02"]


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "In 1972 President Nixon travelled to Beijing, where he met Chairman Mao Zedong on Feb. 21 and held "
            "talks with Premier Zhou Enlai over the following days.",
            "Beijing",
        ),
        ("Macron flew to Japan, where he met Prime Minister Kishida on May 19, 2023.", "Japan"),
    ],
)
def test_a_where_clause_takes_the_place_it_stands_for(text: str, place: str) -> None:
    found = meetings(text, published="2024-01-01")
    assert found and all(m.place is not None and m.place.name == place for m in found)


def test_a_leaders_retreat_is_a_meeting() -> None:
    text = (
        "Indonesian President Joko Widodo and Singapore's Prime Minister Lee Hsien Loong held their annual "
        "leaders' retreat in Bintan on March 16, 2023."
    )
    assert pairs(text, published="2024-02-01") == [("2023-03-16", ["Joko Widodo", "Lee Hsien Loong"])]


def test_conferred_is_old_wire_copys_met() -> None:
    text = "LONDON, Oct. 14 (AP) — Prime Minister Harold Wilson conferred for two hours today with Ludwig Erhard."
    assert pairs(text, published="1965-10-15") == [("1965-10-14", ["Harold Wilson", "Ludwig Erhard"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Putin has not met a sitting U.S. president since his summit with Biden in Geneva in June 2021.",
            [("2021-06", ["Joe Biden", "Vladimir Putin"])],
        ),
        (
            "Xi and Putin, who have met more than 40 times, last held talks in Beijing in May 2024.",
            [("2024-05", ["Vladimir Putin", "Xi Jinping"])],
        ),
        (
            "Since taking office, Meloni has met Erdogan three times, most recently in Istanbul in January 2024.",
            [("2024-01", ["Giorgia Meloni", "Recep Tayyip Erdoğan"])],
        ),
        ("Xi and Putin have met more than 40 times since 2013.", []),
    ],
)
def test_one_meeting_named_beside_a_count_or_a_denial(text: str, expected: list) -> None:
    assert pairs(text, published="2024-07-20") == expected


def test_a_verb_joined_by_then_tells_its_own_meeting_and_separately_continues_the_story() -> None:
    text = (
        "KAZAN, Oct. 23 (Reuters) - Russian President Vladimir Putin held a string of meetings on Wednesday.\n\n"
        "Putin sat down with Xi Jinping first, then held talks with Narendra Modi.\n\n"
        "Separately, Modi and Xi held talks for the first time since 2019.\n"
    )
    assert sorted(pairs(text, published="2024-10-23")) == [
        ("2024-10-23", ["Narendra Modi", "Vladimir Putin"]),
        ("2024-10-23", ["Narendra Modi", "Xi Jinping"]),
        ("2024-10-23", ["Vladimir Putin", "Xi Jinping"]),
    ]


def test_leaders_named_only_as_whose_aides_met_take_no_part() -> None:
    text = (
        "Prime Minister Keir Starmer flew to Washington on Monday. The prime minister's national security "
        "adviser met President Trump's envoy on Tuesday."
    )
    assert meetings(text, published="2025-03-20") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chancellor Olaf Scholz received President Cyril Ramaphosa in Berlin on Monday, two days before the "
            "NATO summit in Vilnius opened.",
            [("2023-07-10", ["Cyril Ramaphosa", "Olaf Scholz"])],
        ),
        (
            "Emmanuel Macron met Olaf Scholz in Paris on Monday, a day after meeting Pedro Sánchez in Madrid.",
            [("2023-07-09", ["Emmanuel Macron", "Pedro Sánchez"]), ("2023-07-10", ["Emmanuel Macron", "Olaf Scholz"])],
        ),
    ],
)
def test_a_date_counted_from_the_meetings_own_dates_another_event_unless_it_names_a_meeting(
    text: str, expected: list[tuple[str, list[str]]]
) -> None:
    found = extract(text, settings=Settings(published="2023-07-12")).meetings
    assert sorted((m.date, sorted(p.name for p in m.participants)) for m in found) == expected


def test_a_meeting_over_the_weekend_spans_its_saturday_and_sunday() -> None:
    text = "Chancellor Olaf Scholz hosted President Emmanuel Macron in Hamburg over the weekend."
    [meeting] = extract(text, settings=Settings(published="2023-10-09")).meetings
    assert meeting.date == "2023-10-07/2023-10-08"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("* Japan (May 20): G7 outreach in Hiroshima; met Fumio Kishida and Narendra Modi.",
         ["Fumio Kishida", "Luiz Inácio Lula da Silva", "Narendra Modi"]),
        ("* Japan (May 20): G7 outreach in Hiroshima; Kishida met Modi.", ["Fumio Kishida", "Narendra Modi"]),
    ],
)  # fmt: skip
def test_a_list_items_verb_with_no_subject_is_the_headings_leader(item: str, expected: list[str]) -> None:
    text = f"Lula's trips abroad in 2023\n\n{item}\n"
    [meeting] = extract(text, settings=Settings(published="2023-12-20")).meetings
    assert (meeting.date, sorted(p.name for p in meeting.participants)) == ("2023-05-20", expected)


def test_a_live_blogs_entries_headed_by_a_clock_time_happen_on_its_day() -> None:
    text = (
        "Live: EU leaders meet in Brussels\n\n"
        "08:40 - Leaders begin arriving at the Europa building.\n\n"
        "9:55 a.m. CET: Olaf Scholz and Emmanuel Macron hold talks before the summit opens.\n\n"
        "12:10 | Giorgia Meloni meets Pedro Sánchez on the sidelines.\n"
    )
    found = extract(text, settings=Settings(published="2023-10-26")).meetings
    got = sorted((m.date, m.to_dict()["date_inferred"], sorted(p.name for p in m.participants)) for m in found)
    assert got == [
        ("2023-10-26", True, ["Emmanuel Macron", "Olaf Scholz"]),
        ("2023-10-26", True, ["Giorgia Meloni", "Pedro Sánchez"]),
    ]
    assert not extract(text).meetings  # with no day of publication, a clock time dates nothing


def test_a_leader_alongside_whom_the_two_met_is_at_their_meeting() -> None:
    text = (
        "Lula and Alberto Fernández spoke often. In January 2023 they met in Buenos Aires alongside Uruguayan "
        "President Luis Lacalle Pou."
    )
    [meeting] = extract(text, settings=Settings(published="2023-06-01")).meetings
    assert sorted(p.name for p in meeting.participants) == [
        "Alberto Fernández", "Luis Lacalle Pou", "Luiz Inácio Lula da Silva",
    ]  # fmt: skip


def test_a_day_counted_to_another_event_leaves_the_rest_of_the_sentence_to_the_meetings_day() -> None:
    text = (
        "Chancellor Olaf Scholz met President Emmanuel Macron on Monday, two days before the EU summit opened, "
        "for a working dinner in Hamburg."
    )
    [meeting] = extract(text, settings=Settings(published="2023-10-18")).meetings
    assert (meeting.date, meeting.place and meeting.place.name) == ("2023-10-16", "Hamburg")


def test_a_meeting_on_the_sidelines_is_at_the_gathering_named_before_it() -> None:
    text = (
        "Leaders arrived for the G20 summit on Saturday.\n\n"
        "Rishi Sunak met Fumio Kishida on the sidelines on Sunday, officials said.\n"
    )
    [meeting] = extract(text, settings=Settings(published="2023-09-11")).meetings
    assert meeting.date == "2023-09-10"
    assert (meeting.occasion, meeting.place and meeting.place.name) == ("G20 summit", "New Delhi")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Boris Johnson and Irish Taoiseach Micheál Martin at Stormont, Belfast, 9 August 2021.",
            ("2021-08-09", ["Boris Johnson", "Micheál Martin"], "Belfast", "Irish Taoiseach"),
        ),
        (
            "Joe Biden and Emir Tamim bin Hamad Al Thani of Qatar at the Oval Office, 31 January 2022.",
            ("2022-01-31", ["Joe Biden", "Tamim bin Hamad Al Thani"], "Oval Office, Washington", None),
        ),
    ],
)
def test_a_caption_of_two_leaders_one_titled_as_their_state_titles_them_is_their_meeting(
    text: str, expected: tuple[str, list[str], str, str | None]
) -> None:
    [meeting] = extract(text, settings=Settings(published="2023-01-01")).meetings
    titles = [p.stated_title for p in meeting.participants if p.stated_title]
    got = (meeting.date, sorted(p.name for p in meeting.participants), meeting.place and meeting.place.name)
    assert got == expected[:3]
    assert expected[3] is None or expected[3] in titles
