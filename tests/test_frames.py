"""frames.py: meeting words, the leaders tied to them, and what the grammar around them says."""

from __future__ import annotations

import pytest

from summitline import extract
from summitline.config import Settings


def frames(text: str, published: str = "2024-06-01"):
    return extract(text.encode(), settings=Settings(published=published), explain=True).frames


def held(text: str, published: str = "2024-06-01") -> list[tuple[str, tuple[str, ...]]]:
    found = extract(text.encode(), settings=Settings(published=published)).meetings
    return [(m.date, tuple(sorted(p.name for p in m.participants))) for m in found if m.status == "held"]


def status_of(text: str, word: str) -> str:
    """The status of the frame whose meeting word ends with ``word`` ("will meet", "planned summit")."""
    return next(f.status for f in frames(text) if f.predicate.lower().endswith(word))


@pytest.mark.parametrize(
    "text, word, status",
    [
        ("Angela Merkel met Barack Obama in Berlin on June 19, 2013.", "met", "held"),
        ("Angela Merkel told Barack Obama about the talks on June 19, 2013.", "talks", "setting"),
        ("Emmanuel Macron wrote to Xi Jinping on May 6, 2024 to request a meeting.", "meeting", "hypothetical"),
        ("Olaf Scholz proposed talks with Xi Jinping on May 6, 2024.", "talks", "hypothetical"),
        ("Emmanuel Macron did not meet Xi Jinping in Paris on May 6, 2024.", "meet", "denied"),
        ("Olaf Scholz has never met Xi Jinping in Beijing, his aides said in April 2023.", "met", "denied"),
        (
            "Donald Trump cancelled his planned summit with Kim Jong Un in Singapore on May 24, 2018.",
            "summit",
            "cancelled",
        ),
        (
            "A phone call between Joe Biden and Xi Jinping, expected in March 2023, has been put off.",
            "phone call",
            "cancelled",
        ),
        ("The Kremlin said there were no plans for Vladimir Putin to meet Joe Biden in 2023.", "meet", "cancelled"),
        (
            "If Joe Biden and Xi Jinping meet in Bali in November 2022, trade will top the agenda.",
            "meet",
            "hypothetical",
        ),
        ("Volodymyr Zelensky hoped to meet Xi Jinping in Beijing in April 2023.", "meet", "hypothetical"),
        ("Narendra Modi will meet Joe Biden in Washington on June 22, 2023.", "meet", "planned"),
        ("Officials said Modi and Xi would hold talks in Kazan the next day, on Oct. 23, 2024.", "talks", "planned"),
        ("Vladimir Putin, who would later meet George W. Bush in Slovenia in June 2001, was then new.", "meet", "held"),
        ("On Oct. 21, 2022, Joe Biden called Vladimir Putin a war criminal.", "called", "other_sense"),
        (
            "On May 2, 2023, King Abdullah II renewed his call for a ceasefire with Joe Biden's backing.",
            "call",
            "other_sense",
        ),
        (
            "On Feb. 15, 2022, Joe Biden said an attack by Vladimir Putin would be met with sanctions.",
            "met",
            "other_sense",
        ),
        ("On July 10, 2023, Joe Biden welcomed Recep Tayyip Erdogan's decision on Sweden.", "welcomed", "other_sense"),
        # "met with" a lower-case phrase: a meeting when an office or "leaders" heads it
        (
            "On March 3, 2024, Lula met with several visiting heads of state, among them Gustavo Petro of Colombia.",
            "met",
            "held",
        ),
        (
            "On June 2, 2023, Scholz met with fellow European prime ministers, including Mark Rutte and Petr Fiala.",
            "met",
            "held",
        ),
        ("On May 8, 2024, Lula welcomed the visiting presidents to Brasília.", "visiting", "other_sense"),
        # someone welcome to meet another may never do so
        ("On May 3, 2023, Modi said Sharif would be welcome to meet Biden in Delhi.", "meet", "hypothetical"),
        # an agreement to meet is a plan; an agreement reached in talks is not
        ("On May 2, 2025, Albanese and Luxon agreed to meet in Wellington in June.", "meet", "planned"),
        ("On May 2, 2025, Albanese and Luxon agreed to keep talking and meet in June.", "meet", "planned"),
        ("On May 2, 2025, Modi and Sharif agreed to hold a summit in Lahore.", "summit", "planned"),
        ("On June 3, 2024, Modi and Biden agreed to deepen ties during talks in Rome.", "talks", "held"),
        # a present progressive with a time ahead is a plan
        ("Macron is meeting Scholz later today in Berlin, on Jan. 9, 2024.", "meeting", "planned"),
        ("On Jan. 9, 2024, Macron is hosting Scholz tomorrow.", "hosting", "planned"),
        ("On Jan. 9, 2024, Macron is meeting Scholz in Berlin.", "meeting", "held"),
        # a thing welcomed is no visit; a leader welcomed, by name or by office, is
        ("On Jan. 9, 2024, Scholz welcomed the decision in a speech to Macron's party.", "welcomed", "other_sense"),
        ("On Jan. 9, 2024, Scholz welcomed this step, Macron said.", "welcomed", "other_sense"),
        ("On Jan. 9, 2024, Scholz welcomed the French president to Berlin.", "welcomed", "held"),
        ("On Jan. 9, 2024, Scholz welcomed Macron to Berlin.", "welcomed", "held"),
        # a plan called off later in the sentence; "was to" is a plan in the past
        ("Biden had been due to meet Albanese in Sydney in May 2023, but cancelled the trip.", "meet", "cancelled"),
        ("Sunak was to host Macron in London on June 3, 2024, but the visit was postponed.", "host", "cancelled"),
        ("Modi was to meet Putin in Moscow on July 8, 2024.", "meet", "planned"),
        ("Biden, Xi to meet in San Francisco on Nov. 15", "meet", "planned"),  # a headline's coordinated subject
        ("Albanese denied that he had met Xi secretly in Bali on Nov. 15, 2022.", "met", "denied"),
        ("Modi will meet Putin in Moscow on July 8, 2024, and then fly to Vienna.", "meet", "planned"),
        ("The Nov. 4, 2019 summit of Modi and Abe, co-hosted by Japan, was brief.", "co-hosted", "held"),
        # a caption's leaders standing together; a country that "stands with" a leader supports him
        ("President Ford and Prime Minister Gandhi stand with dancers on Nov. 4, 1975.", "stand with", "held"),
        ("On Feb. 24, 2023, Biden said America stands with Zelensky.", "stands with", "other_sense"),
        # an ordinal before the noun makes "to be held" a record, not a plan
        ("The first summit to be held in Africa drew Modi and Ramaphosa on Aug. 22, 2023.", "summit", "held"),
        ("A summit to be held in Africa will draw Modi and Ramaphosa on Aug. 22, 2023.", "summit", "planned"),
        ("On May 8, 2024, Lula, visiting President Petro in Bogotá, spoke of trade.", "visiting", "held"),
        (
            "Narendra Modi met Xi Jinping on the sidelines of the BRICS summit in Kazan on Oct. 23, 2024.",
            "sidelines",
            "setting",
        ),
    ],
)
def test_status_of_a_meeting_word(text: str, word: str, status: str) -> None:
    assert status_of(text, word) == status


@pytest.mark.parametrize(
    "text",
    [
        "Emmanuel Macron did not meet Xi Jinping in Paris on May 6, 2024.",
        "Donald Trump cancelled his planned summit with Kim Jong Un in Singapore on May 24, 2018.",
        "If Joe Biden and Xi Jinping meet in Bali in November 2022, trade will top the agenda.",
        "On Oct. 21, 2022, Joe Biden called Vladimir Putin a war criminal.",
        "Sergei Lavrov said Vladimir Putin would not meet Volodymyr Zelensky in 2022.",
        "The foreign ministers of Japan and South Korea met in Tokyo on March 8, 2023, ahead of next week's "
        "summit between Fumio Kishida and Yoon Suk Yeol.",
    ],
)
def test_no_held_meeting_from_a_frame_that_is_not_held(text: str) -> None:
    assert held(text) == []


def test_a_leader_named_in_another_clause_is_not_an_argument() -> None:
    text = (
        "Kenya's Deputy President Amos Kariuki met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa on "
        "June 9, 2023, carrying a letter from President William Ruto."
    )
    assert held(text) == []


def test_a_relative_clause_takes_its_antecedent_as_subject() -> None:
    text = "Rajiv Gandhi, who met Mikhail Gorbachev in Moscow in May 1985, was then prime minister."
    assert held(text, "1991-05-22") == [("1985-05", ("Mikhail Gorbachev", "Rajiv Gandhi"))]


def test_the_two_leaders_tie_whoever_they_refer_to() -> None:
    text = (
        "Joe Biden and Xi Jinping flew to Bali. On November 14, 2022, the two leaders held talks there for three hours."
    )
    assert held(text) == [("2022-11-14", ("Joe Biden", "Xi Jinping"))]


def test_explain_reports_the_meeting_a_frame_became() -> None:
    reports = frames("Angela Merkel met Barack Obama in Berlin on June 19, 2013.")
    [met] = [f for f in reports if f.predicate == "met"]
    assert met.arguments == ("Angela Merkel", "Barack Obama")
    assert met.meeting == "2013-06-19: Angela Merkel, Barack Obama"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Vladimir Putin spoke by phone on March 6, 2022 with both Emmanuel Macron and Recep Tayyip Erdogan.",
            [
                ("2022-03-06", ("Emmanuel Macron", "Vladimir Putin")),
                ("2022-03-06", ("Recep Tayyip Erdoğan", "Vladimir Putin")),
            ],
        ),
        (
            "On Oct. 10, 2024, Volodymyr Zelensky met Keir Starmer in London and Emmanuel Macron in Paris.",
            [
                ("2024-10-10", ("Emmanuel Macron", "Volodymyr Zelensky")),
                ("2024-10-10", ("Keir Starmer", "Volodymyr Zelensky")),
            ],
        ),
        (
            "On Nov. 15, 2022, Narendra Modi held separate talks with Joe Biden and Emmanuel Macron in Bali.",
            [("2022-11-15", ("Emmanuel Macron", "Narendra Modi")), ("2022-11-15", ("Joe Biden", "Narendra Modi"))],
        ),
        (
            "On July 25, 1994, Bill Clinton hosted a trilateral meeting with Yitzhak Rabin and King Hussein.",
            [("1994-07-25", ("Bill Clinton", "King Hussein", "Yitzhak Rabin"))],
        ),
    ],
)
def test_one_meeting_per_pair_when_the_meetings_were_separate(text: str, expected: list) -> None:
    assert sorted(held(text, "2024-12-01")) == expected


def test_a_surname_after_in_or_at_is_a_place() -> None:
    """'Paris' is also a surname in the knowledge base (a Colombian ruler of the 1950s)."""
    meetings = extract(
        b"On Oct. 10, 2024, Volodymyr Zelensky met Emmanuel Macron in Paris.", settings=Settings(published="2024-12-01")
    ).meetings
    assert meetings and meetings[0].place is not None and meetings[0].place.name == "Paris"


def test_an_undated_meeting_that_continues_the_story_takes_its_day() -> None:
    text = (
        "Narendra Modi met Joe Biden in Bali on Nov. 15, 2022, on the sidelines of the G20 summit.\n"
        "Modi is scheduled to hold talks with Emmanuel Macron on Nov. 16, 2022.\n"
        "Modi also met Dutch Prime Minister Mark Rutte.\n"
        "Modi met Rishi Sunak."
    )
    # published weeks later: the story's day is no news of the day, so only "also" continues it
    found = held(text, "2022-12-20")
    assert ("2022-11-15", ("Mark Rutte", "Narendra Modi")) in found  # the day of the last held event
    assert not any("Rishi Sunak" in people for _, people in found)  # no "also": no day


@pytest.mark.parametrize(
    "text",
    [
        "PUTIN-BIDEN SUMMIT IN GENEVA?\nOn June 2, 2021, officials said nothing was settled.",
        "Kim Jong Un and Moon Jae-in had exchanged letters on May 3, 2021, officials said.",
        "Kim Yo Jong, the younger sister of Kim Jong Un, met Moon Jae-in in Seoul on Feb. 10, 2018.",
        "Jill Biden, the wife of Joe Biden, met Emmanuel Macron in Paris on June 6, 2024.",
        "On March 8, 2023, the foreign ministers of Japan and South Korea held talks to prepare for the "
        "summit between Fumio Kishida and Yoon Suk Yeol next week.",
    ],
)
def test_no_meeting_between_leaders_in_these(text: str) -> None:
    assert held(text, "2024-12-01") == []


def meetings_of(text: str, published: str = "2024-06-01") -> list[tuple[str, str, tuple[str, ...]]]:
    found = extract(text.encode(), settings=Settings(published=published)).meetings
    return [(m.date, m.status, tuple(sorted(p.name for p in m.participants))) for m in found]


@pytest.mark.parametrize(
    "text",
    [
        # the leaders only say whose ministers or envoys met
        "Presidents Ruto and Museveni agreed on a plan. Their defence ministers met in Kampala on Monday.",
        "Chancellor Scholz thanked President Biden. His envoy met the president's aides on Monday.",
        # a pair named in a compound before a meeting noun is that meeting's, not the verb's before it
        "Aides met in Vienna on Monday to plan a Biden-Putin summit.",
        "Officials met in Oslo on Friday to prepare the Kishida–Yoon talks.",
    ],
)
def test_a_meeting_of_others_dated_on_its_own_is_no_meeting_of_the_leaders(text: str) -> None:
    assert meetings_of(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Presidents Ruto and Museveni met in Kampala on Monday with their defence ministers.",
            [("2024-05-27", "held", ("William Ruto", "Yoweri Museveni"))],
        ),
        (
            "Biden and Putin met in Geneva on Wednesday for the Biden-Putin summit.",
            [("2024-05-29", "held", ("Joe Biden", "Vladimir Putin"))],
        ),
        (
            "Biden and Putin held their talks in Geneva on Wednesday.",
            [("2024-05-29", "held", ("Joe Biden", "Vladimir Putin"))],
        ),
    ],
)
def test_leaders_with_their_ministers_or_their_own_summit_still_meet(text: str, expected: list) -> None:
    assert meetings_of(text) == expected


def test_a_headline_infinitive_is_a_plan() -> None:
    text = "UPCOMING\n- March 12, 2023: Joe Biden to host Andrzej Duda at the White House"
    reports = frames(text, "2023-03-10")
    assert [f.status for f in reports if f.predicate.endswith("host")] == ["planned"]


def test_the_first_leader_to_visit_is_no_plan() -> None:
    text = "In September 1959, Nikita Khrushchev became the first Soviet leader to visit Dwight Eisenhower."
    assert [f.status for f in frames(text, "2011-09-15") if f.predicate.endswith("visit")] == ["held"]


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("Donald Trump called Vladimir Putin on March 20, 2018, to congratulate him.", "phone_call"),
        ("Joe Biden spoke to Xi Jinping on April 2, 2024.", "phone_call"),
        ("On Jan. 5, 2023, Joe Biden spoke with Olaf Scholz in Berlin.", "in_person"),
        # the place is the invitation's, a verb joined after the call's
        ("Olaf Scholz spoke to Emmanuel Macron on May 3, 2023 and invited him to Berlin.", "phone_call"),
        ("Olaf Scholz spoke to Emmanuel Macron in Paris on May 3, 2023 and thanked him.", "in_person"),
        ("Emmanuel Macron met Olaf Scholz in Paris on Jan. 22, 2023.", "in_person"),
    ],
)
def test_format_from_the_verb(text: str, fmt: str) -> None:
    [meeting] = extract(text.encode(), settings=Settings(published="2024-06-01")).meetings
    assert meeting.format == fmt


def test_topics_named_by_proper_nouns_are_found_mid_sentence() -> None:
    text = "Donald Trump hosted Shinzo Abe at Mar-a-Lago on Feb. 11, 2017, and they discussed Syria and North Korea."
    [meeting] = extract(text.encode(), settings=Settings(published="2024-06-01")).meetings
    assert meeting.topics == ["syria", "north_korea"]
    assert meeting.date == "2017-02-11"


def test_mar_a_lago_is_no_month() -> None:
    from summitline.recognize.dates import recognize_dates

    assert [d.text for d in recognize_dates("They met at Mar-a-Lago in 2018 and again in March 2019.")] == [
        "2018",
        "March 2019",
    ]


def test_a_counterpart_holds_the_same_kind_of_office() -> None:
    text = "Australian Prime Minister Anthony Albanese hosted his Chinese counterpart in Canberra on June 17, 2024."
    [meeting] = extract(text.encode(), settings=Settings(published="2024-06-18")).meetings
    assert sorted(p.name for p in meeting.participants) == ["Anthony Albanese", "Li Qiang"]


@pytest.mark.parametrize(
    "text, word, status",
    [
        ("Modi is scheduled to hold talks with Sunak, apart from holding a meeting with Widodo.", "meeting", "planned"),
        ("On May 2, 2025, Biden will meet Xi and then hold talks with Albanese.", "talks", "planned"),
        ("Putin did not meet Bush in 2003 but met Blair in London.", "met", "held"),
    ],
)
def test_a_meeting_word_without_tense_shares_the_status_before_it(text: str, word: str, status: str) -> None:
    assert [f.status for f in frames(text) if f.predicate.lower().endswith(word)][-1] == status


def test_a_president_elect_meets_as_the_leader_to_be() -> None:
    text = "On June 6, 2014, President-elect Petro Poroshenko met Vladimir Putin in Normandy."
    assert held(text, "2014-06-07") == [("2014-06-06", ("Petro Poroshenko", "Vladimir Putin"))]


def test_she_is_the_woman_named_before_and_adds_a_state() -> None:
    text = (
        "Angela Merkel met Hu Jintao in Berlin in November 2005. "
        "The following May she flew to Beijing, holding talks with Premier Wen Jiabao and calling on Hu."
    )
    found = held(text, "2021-10-14")
    assert ("2006-05", ("Angela Merkel", "Wen Jiabao")) in found
    assert ("2006-05", ("Angela Merkel", "Hu Jintao")) in found  # calling on someone is a visit


@pytest.mark.parametrize(
    "text, status",
    [
        ("On May 3, 2006, Merkel called on Hu Jintao in Beijing.", "held"),
        ("On May 3, 2006, Merkel called on Hu Jintao to free the activists.", "other_sense"),
    ],
)
def test_calling_on_someone_is_a_visit_unless_urging(text: str, status: str) -> None:
    assert [f.status for f in frames(text) if f.predicate.lower().startswith("call")] == [status]


@pytest.mark.parametrize(
    "text, fmt_or_status",
    [
        ("Macron congratulated Sunak in their first call, on Oct. 28, 2022.", "phone_call"),
        ("In September 2019, Abe appealed to Putin, calling him by his first name.", "other_sense"),
    ],
)
def test_a_call_as_a_noun_and_calling_someone_a_name(text: str, fmt_or_status: str) -> None:
    [f] = [f for f in frames(text) if f.predicate.lower().startswith("call")]
    assert fmt_or_status in (f.format, f.status)


def test_a_title_case_meeting_phrase_in_a_caption_is_a_meeting_word() -> None:
    text = "President Bill Clinton and Prime Minister Atal Bihari Vajpayee at the State Dinner on Sept. 17, 2000."
    reports = frames(text, "2023-06-20")
    assert any(f.predicate == "State Dinner" for f in reports)


@pytest.mark.parametrize(
    "text",
    [
        "The White House said on Monday there were no plans for a meeting between President Biden and President Xi.",
        "Officials said on Friday there would be no summit between Prime Minister Modi and President Xi.",
    ],
)
def test_a_meeting_noun_after_no_plans_for_is_denied_not_a_setting(text: str) -> None:
    assert extract(text, settings=Settings(published="2023-06-20")).meetings == []


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "President Jimmy Carter and President Anwar Sadat, meeting for the third time, signed the accords "
            "at Camp David on Sept. 17, 1978.",
            ["Anwar Sadat", "Jimmy Carter"],
        ),
        (
            "Prime Minister Tony Blair and President Jacques Chirac, after meeting President Bill Clinton in "
            "Washington on Feb. 6, 1998, flew home.",
            ["Bill Clinton", "Jacques Chirac", "Tony Blair"],
        ),
    ],
)
def test_a_subject_of_two_coordinated_leaders_is_borrowed_whole_by_a_participle(text: str, names: list[str]) -> None:
    (m,) = extract(text).meetings
    assert sorted(p.name for p in m.participants) == names


def test_a_clause_after_two_clause_opening_commas_ends_where_its_own_comma_is() -> None:
    """The second clause boundary is counted from the text, not from the first boundary."""
    text = (
        "Chancellor Scholz, who arrived on Monday, held talks with President Macron, "
        "while President Biden, speaking in Washington, praised both."
    )
    talks = next(f for f in frames(text) if f.predicate.startswith("held talks"))
    assert talks.arguments == ("Scholz", "Macron")


def test_a_coordinated_verb_has_the_main_clauses_subject_and_stops_the_clause_before() -> None:
    text = "President Putin met President Xi in Beijing on May 5, 2023, and hosted him at a dinner on May 6, 2023."
    by_word = {f.predicate: f.arguments for f in frames(text)}
    assert by_word["met"] == ("Putin", "Xi") and by_word["hosted"] == ("Putin", "him")
    text = "Prime Minister Modi met Chancellor Scholz in Berlin on May 2, 2022, and praised him warmly."
    assert frames(text)[0].arguments == ("Modi", "Scholz")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Dutch Prime Minister Mark Rutte, who met Olaf Scholz in Berlin on Monday, flew to Paris on Wednesday "
            "to meet Emmanuel Macron.",
            "2023-03-09",
            [("2023-03-06", ("Mark Rutte", "Olaf Scholz")), ("2023-03-08", ("Emmanuel Macron", "Mark Rutte"))],
        ),
        (
            "Lula, whom Xi Jinping received in Beijing on Friday, travelled to Abu Dhabi on Saturday for talks "
            "with Mohamed bin Zayed.",
            "2023-04-17",
            [
                ("2023-04-14", ("Luiz Inácio Lula da Silva", "Xi Jinping")),
                ("2023-04-15", ("Luiz Inácio Lula da Silva", "Mohamed bin Zayed Al Nahyan")),
            ],
        ),
    ],
)
def test_a_clause_that_goes_on_after_a_relative_clause_is_about_its_antecedent(
    text: str, published: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    """The relative clause ends at the comma before a verb in the past tense; what follows is the subject's."""
    assert sorted(held(text, published)) == expected


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        ("President William Ruto spoke at the United Nations on Tuesday.", "spoke", "other_sense"),
        ("Speaking in Nairobi on Tuesday, Ruto thanked the delegates.", "speaking", "other_sense"),
        ("Ruto and Museveni spoke on Tuesday about the border.", "spoke", "held"),
        ("The two presidents spoke for an hour on Tuesday.", "spoke", "held"),
        ("Ruto spoke with Museveni on Tuesday.", "spoke", "held"),
        ("Ruto spoke to President Museveni on Tuesday.", "spoke", "held"),
    ],
)
def test_speaking_with_no_one_and_alone_is_a_speech(text: str, word: str, status: str) -> None:
    assert status_of(text, word) == status


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        ("Macron praised Scholz on Monday, calling their partnership unbreakable.", "calling", "other_sense"),
        ("Macron called the decision useful on Monday.", "called", "other_sense"),
        ("Macron called the German chancellor on Monday.", "called", "held"),
        ("Macron called Scholz on Monday.", "called", "held"),
    ],
)
def test_calling_a_thing_something_is_naming_it_not_a_call(text: str, word: str, status: str) -> None:
    assert status_of(text, word) == status


def test_a_conjunction_with_no_comma_opens_a_clause_of_its_own() -> None:
    """The leader of the main clause is no argument of the verb after "when" or "because"."""
    text = "Lula was furious when Biden received Zelensky in Washington on Thursday."
    assert held(text, "2023-09-23") == [("2023-09-21", ("Joe Biden", "Volodymyr Zelensky"))]
    assert next(f.arguments for f in frames(text, "2023-09-23") if f.predicate == "received") == ("Biden", "Zelensky")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("President Kennedy and Chancellor Adenauer conferred for three hours on Wednesday.", "held"),
        ("Kennedy and Macmillan conferred at length today in Nassau.", "held"),
        ("The Queen conferred the Order of Merit on Nehru on Wednesday.", "other_sense"),
        ("Truman conferred an honorary degree upon Churchill on Tuesday.", "other_sense"),
    ],
)
def test_conferred_with_nothing_conferred_is_a_meeting(text: str, status: str) -> None:
    assert status_of(text, "conferred") == status
