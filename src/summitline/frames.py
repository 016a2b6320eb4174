"""Meeting frames: a meeting word, the leaders tied to it, and what the text says of it.

A frame is read from one clause of a sentence:

- the *predicate*: a meeting, call or video word of the knowledge base's cues
  ("met", "talks", "hosted", "summit", "phone call", "called"). A clause ends at
  ";", at a dash or colon, and at a comma that opens another clause (", who …",
  ", after …", ", carrying a letter from …"), not at the commas of an
  apposition ("Putin, right, and Clinton shake hands"); a relative clause about
  someone ends at a comma before a verb in the past tense, where the clause it
  interrupts goes on ("Orban, who met Xi on Monday, flew to Kyiv");
- its *arguments*: the leaders of its clause between the meeting word before it
  and the one after it. A relative or participle clause with no subject of its
  own borrows the leader named just before it, and a clause that goes on after
  a relative clause its antecedent; a clause with no leader at all
  (a label such as "By phone:") takes the sentence's. A leader named only as
  someone's relative or aide ("the wife of President Moon") is no argument;
- its *status*, from the grammar around the predicate (word classes in
  ``cues.yaml``, ``status_*``, each a closed class of English):
  ``denied`` (a negator in its verb group: "did not hold", "never met"),
  ``cancelled`` ("cancelled his planned summit", "the call was put off", "no
  plans for a meeting"), ``hypothetical`` (a conditional clause, a question, or a
  verb of wishing before it: "if they meet", "hoped to meet", "the prospect of a
  meeting"), ``planned`` (a future or a plan: "will meet", "would hold talks the
  next day", "next week's summit", a headline's "Macron to host Modi") or
  ``held``. A meeting word with no tense of its own shares the status of the
  one before it in its clause ("scheduled to hold talks …, apart from holding a
  meeting");
- its *sense*: "called for a ceasefire", "called Putin a war criminal", "met
  with condemnation", "welcomed Erdogan's decision", "exchanged letters" use a
  meeting word for something else (``other_sense``); "on the sidelines of", "the
  G20 summit" only name the setting of something else (``setting``);
- its *format*: a call or video word, or the verb ("called Putin", "spoke to
  Xi" with no place, "their first call").

Only held and planned frames make meetings (see ``frame_choice``).
``summitline extract --explain`` prints every frame with its arguments and the
words that decided its status.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .context import Context, backwards
from .recognize import CueMention, LeaderMention
from .segment import Sentence

PREDICATE_KINDS = ("meeting", "phone_call", "video_call")
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)*|n['’]t")
# a verb in the past tense: "-ed", or one of English's irregular past tenses
_PAST = (
    r"(?:[a-z]+ed|told|said|met|spoke|sent|took|gave|made|left|flew|held|went|saw|wrote|rang|brought|kept|won|"
    r"lost|thought|found|got|put|set|led|sought|stood|sat|began|came|became|drove|ran|paid|read|heard|felt|knew|"
    r"shook|swore|threw|laid|rode|rose|sold|spent|taught|withdrew|upheld|broke|chose|cut|dealt|drew|fled|grew|"
    r"hid|hit|meant|shut|struck|stuck|swept|woke)"
)
# a verb in the past tense joined by "and" or "then": "and hosted", "then told", "and then met"
_JOINED_PAST = r"(?:and|then|and\s+then)\s+" + _PAST + r"\b"
# a comma that opens another clause: a relative or subordinate clause, or a participle
_OPENS_CLAUSE = re.compile(
    r"(?:who|whom|whose|which|where|while|after|before|because|although|though|but|as|since|when|"
    r"saying|said|adding|telling|citing|according|delivering|calling|urging|warning|raising|"
    r"(?!including\b)[a-z]+ing|"  # ", including X and Y" goes on listing the clause's objects
    r"(?:\w+\s+)?(?:hours?|days?|weeks?|months?)\s+(?:after|before|later|earlier)|"
    r"and\s+(?:he|she|they)|" + _JOINED_PAST + r")\b"  # a clause with a subject of its own: ", and she later met Lula"
)
_STRONG_BREAK = re.compile(r";\s|\s[—–]\s|\s-\s|:\s")
# a relative clause about someone, and the verb in the past tense after the comma that ends it
_RELATIVE = re.compile(r",\s+(?:who|whom|whose)\b")
_RELATIVE_WORD = re.compile(r"(?:who|whom|whose)\b")
PAST_VERB = re.compile(_PAST + r"\b")  # a verb in the past tense, at a position


@dataclass(frozen=True, slots=True)
class Frame:
    predicate: CueMention
    format: str  # in_person, phone_call, video_call
    status: str  # held, planned, hypothetical, denied, cancelled, other_sense, setting
    reason: str  # the words that decided the status ("" for held)
    clause: tuple[int, int]
    arguments: tuple[LeaderMention, ...]

    @property
    def makes_meeting(self) -> bool:
        return self.status in ("held", "planned")


def clause_of(ctx: Context, sentence: Sentence, pos: int) -> tuple[int, int]:
    """The clause of ``sentence`` around ``pos``: see the module docstring for where clauses end."""
    text = ctx.text
    start, end = sentence.start, sentence.end
    for m in _STRONG_BREAK.finditer(text, sentence.start, sentence.end):
        if m.end() <= pos:
            start = max(start, m.end())
        elif m.start() >= pos:
            end = min(end, m.start())
            break
    for m in _CLAUSE_GAP.finditer(text, start, end):  # absolute offsets: ``start`` moves as commas pass
        if not _OPENS_CLAUSE.match(text, m.end()) and not _ends_a_relative_clause(text, start, m.end()):
            continue
        if m.start() < pos:
            start = m.end()
        else:
            end = m.start()
            break
    return start, end


_COMMA = re.compile(r",\s+")
# where a clause may end: a comma, or the space before a conjunction that opens one with no comma ("was angered
# when Merkel received the Dalai Lama", "cancelled the trip because Lula fell ill")
_CLAUSE_GAP = re.compile(r",\s+|\s(?=(?:when|because|although)\s)")


def _comma_before(text: str, pos: int) -> bool:
    """Whether a comma comes right before ``pos``, spaces apart (read back, not a copy of the text before)."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] == ","


def _ends_a_relative_clause(text: str, start: int, after: int) -> bool:
    """Whether the comma before ``after`` ends the relative clause that opens at ``start`` ("Orban, who met Xi
    on Monday, flew to Kyiv"): a verb in the past tense follows it, whose subject the clause was about."""
    return (
        _RELATIVE_WORD.match(text, start) is not None
        and _comma_before(text, start)
        and PAST_VERB.match(text, after) is not None
    )


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _has(words: list[str], entries: list[str]) -> str | None:
    """An entry (one or more words; a trailing * matches any ending) found in ``words``."""
    if not words or not entries:
        return None
    m = _entries_pattern(entries).search(" " + " ".join(words) + " ")
    return m.group(1) if m else None


# each list of entries' pattern, by the list's identity: the lists are the knowledge base's cue lists, asked
# for thousands of times a document (hashing a tuple of their words each time cost more than the search)
_BY_LIST: dict[int, tuple[list[str], re.Pattern[str]]] = {}


def _entries_pattern(entries: list[str]) -> re.Pattern[str]:
    found = _BY_LIST.get(id(entries))
    if found is None or found[0] is not entries:
        if len(_BY_LIST) > 256:  # lists of knowledge bases gone: not kept alive for ever
            _BY_LIST.clear()
        found = _BY_LIST[id(entries)] = (entries, _compiled_entries(tuple(entries)))
    return found[1]


@functools.lru_cache(maxsize=64)
def _compiled_entries(entries: tuple[str, ...]) -> re.Pattern[str]:
    alts = [
        re.escape(e.lower().strip()[:-1]) + r"\w*" if e.strip().endswith("*") else re.escape(e.lower().strip())
        for e in entries
    ]
    return re.compile(r"(?<= )(" + "|".join(sorted(alts, key=len, reverse=True)) + r")(?= )")


_COORDINATORS = frozenset("but and or yet while whereas although though".split())
_NOT_ONLY = ["not only"]
_HEAD = re.compile(r"[\w'’-]+\W*$")  # the last word of a cue, and what follows it
_QUESTION_END = re.compile(r"\?\s*$")
_MAY = re.compile(r"\bMay\b")


def predicate_status(ctx: Context, cue: CueMention, clause: tuple[int, int]) -> tuple[str, str]:
    """(status, reason) of one predicate; see the module docstring."""
    cues = ctx.kb.cues
    text = ctx.text
    # the predicate's own words before its head count as before it: "will meet", "planned summit"
    head = _HEAD.search(cue.text)
    head_start = cue.start + (head.start() if head else 0)
    before = _words(text[clause[0] : head_start])
    after = _words(text[cue.end : clause[1]])
    near = before[-5:]  # the predicate's verb group and what governs it, not a coordinated verb's before it
    # a coordinator, or "since" ("have not met since their encounter in 2019"), starts what "not" does not deny
    cut = max((i for i, w in enumerate(near) if w in _COORDINATORS or w == "since"), default=-1)
    near = near[cut + 1 :]
    if any(w in ("not", "never", "no", "without", "n't", "n’t") or w.endswith(("n't", "n’t")) for w in near):
        if not _has(near, _NOT_ONLY):
            return "denied", " ".join(near)
    cancel = _has(before[-8:], cues.get("status_cancel", [])) or _has(after, cues.get("status_cancel_after", []))
    if cancel:
        return "cancelled", cancel
    denial = _has(before[-8:], cues.get("status_denied", []))
    if denial:
        return "denied", denial  # "denied that he had met Xi"
    sense = _other_sense(ctx, cue, clause)
    if sense:
        return "other_sense", sense
    if before and before[0] in cues.get("status_conditional", []):
        return "hypothetical", before[0]
    if text[cue.end : clause[1]].rstrip().endswith("?") or _QUESTION_END.search(text, clause[0], clause[1]):
        return "hypothetical", "?"  # a question: "Putin-Zelensky summit?"
    if before[-1:] == ["to"] and any(
        m.end == head_start - 4 and _only_leaders(ctx, clause[0], _first(m))
        for m in ctx.mentions.within("leaders", max(0, head_start - 80), head_start)
    ):
        return "planned", "to"  # a headline's future, its subject opening the clause: "Macron to host Modi"
    wish = _has(_modal_words(text, clause[0], head_start)[-6:], cues.get("status_hypothetical", []))
    if wish:
        return "hypothetical", wish
    if _has(before[-4:], cues.get("status_narrative_future", [])):
        return "held", ""
    # a fronted phrase ends at its comma and governs its own noun: "Ahead of the summit, A met B" is held
    comma = text.rfind(", ", clause[0], head_start)
    own = _words(text[comma + 2 : head_start]) if comma != -1 else before
    # an infinitive of purpose takes the status of the verb it serves: "will travel to Manila on Sunday to meet"
    reach = 12 if own[-1:] == ["to"] else 6
    plan = _has(own[-reach:], cues.get("status_planned", []))
    if not plan and not (set(before[-3:]) & _ORDINALS):  # "the first summit to be held in Africa": a record
        plan = _has(after[:4], cues.get("status_planned_after", []))
    if plan:
        return "planned", plan
    # an agreement to meet is a plan: "agreed to meet in June", "agreed to hold a summit", "agreed to stay in
    # touch and meet" (not "agreed to accelerate negotiations": the meeting word must be what is agreed)
    agreed = _AGREED_TO.search(text, max(clause[0], head_start - 60), head_start)
    if agreed:
        return "planned", agreed.group(0).strip()
    # a present progressive with a time ahead: "is meeting Scholz later today", "are hosting him tomorrow"
    if before[-1:] and before[-1] in ("is", "are", "am", "'s") and cue.text.lower().endswith("ing"):
        ahead = _TIME_AHEAD.search(text, cue.end, clause[1])
        if ahead:
            return "planned", f"{before[-1]} {cue.text} … {ahead.group(0)}"
    return "held", ""


_AGREED_TO = re.compile(
    r"\bagree(?:d|s)?\s+to\s+(?:(?:hold|have|host|arrange|organi[sz]e|pay)\s+(?:[\w-]+\s+){0,3}|"
    r"(?:[\w-]+\s+){1,4}and\s+)?$",
    re.I,
)
_TIME_AHEAD = re.compile(
    r"\b(?:later (?:today|tonight|this (?:week|month|year))|tomorrow|tonight|this (?:evening|afternoon)|"
    r"next (?:week|month|year)|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.I,
)


def _first(m: LeaderMention) -> int:
    return m.title_start if m.title_start is not None else m.start


def _only_leaders(ctx: Context, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` is nothing but leaders joined by commas and "and" ("Biden, Xi" of "Biden, Xi to
    meet"): the subject of a headline opens its clause."""
    rest = ctx.text[a:b]
    for m in backwards(ctx.mentions.within("leaders", a, b)):
        rest = rest[: _first(m) - a] + rest[m.end - a :]
    return not re.sub(r"\band\b|,", "", rest).strip(" \t-•*")


def _modal_words(text: str, a: int, b: int) -> list[str]:
    """Lower-cased words before the predicate, with "May" the month left out ("in May" is no modal)."""
    stretch = text[a:b]
    return _WORD.findall((_MAY.sub(" ", stretch) if "May" in stretch else stretch).lower())


def _other_sense(ctx: Context, cue: CueMention, clause: tuple[int, int]) -> str | None:
    """``_sense_of`` a cue in its clause, read once per document: the status of its own frame and the
    arguments of the clause's other frames both ask it."""
    key = ("sense", cue.start, cue.end, clause)
    if key not in ctx.memo:
        ctx.memo[key] = _sense_of(ctx, cue, clause)
    return ctx.memo[key]  # type: ignore[no-any-return]


def _sense_of(ctx: Context, cue: CueMention, clause: tuple[int, int]) -> str | None:
    """A meeting word used for something else: "called for", "called X a war criminal", "met with
    condemnation", "welcomed X's decision", "addressed a special meeting of parliament"."""
    text = ctx.text
    word = cue.text.lower()
    rest = text[cue.end : clause[1]]
    if word.startswith("call"):
        # "a call on Monday" is a call; "calling on Hu" (a visit) is a meeting; "called on Putin to withdraw"
        # urges, as "called for" does
        urges = re.match(r"\s+(?:on|upon)\b[^,;.]{0,60}?\bto\s+[a-z]", rest, re.I)
        if re.match(r"\s+(?:for|it|off|out|up)\b", rest, re.I) or urges:
            return " ".join([cue.text, *rest.split()[:1]])
        leaders = [m for m in ctx.mentions.within("leaders", cue.end, clause[1]) if m.start - cue.end < 4]
        pronoun = re.match(r"\s+(?:him|her|them)\b", rest)
        end = leaders[0].end if leaders else cue.end + (pronoun.end() if pronoun else 0)
        if end > cue.end and re.match(r"\s+(?:a|an|the|his|her|their|by)\s+[a-z]", text[end : end + 14]):
            named = " ".join(text[end : end + 40].split()[:3])
            return f"{cue.text} … {named}"  # "called Putin a war criminal", "by his first name"
        thing = _THING_CALLED.match(rest)
        objects = [m for m in leaders if m.text.lower() not in ("their", "his", "her", "its")]  # "their relationship"
        if thing and not objects and not names_leaders(ctx, rest[thing.end() :]):
            return " ".join([cue.text, *rest.split()[:2]])  # "calling their relationship very good": naming
    if word in ("met", "meet", "meets") and re.match(r"\s+with\s+(?!the\s+[A-Z])(?![A-Z])[a-z]", rest):
        # "met with condemnation" is no meeting; "met with other regional leaders, such as X and Y" is one,
        # with the leaders the phrase goes on to name
        reach = clause[1] if names_leaders(ctx, rest.split("with", 1)[1]) else min(clause[1], cue.end + 40)
        if not ctx.mentions.within("leaders", cue.end, reach):
            return (
                f"{cue.text} with {rest.split()[1] if len(rest.split()) > 1 else ''}".strip()
            )  # "met with condemnation"
    if word in ("spoke", "speak", "speaks", "speaking") and not _SPOKE_TO.search(rest):
        # "hours after Biden spoke there", "spoke at the assembly": a speech, unless the speakers are several
        # ("the two leaders spoke for an hour", "Xi and Biden spoke on Tuesday")
        before = ctx.mentions.within("leaders", clause[0], cue.start)
        subject = _coordinated(ctx, before, len(before) - 1) if before else []
        if len(subject) < 2 and not any(m.kind == "plural" or m.text.lower() == "they" for m in subject):
            return f"{cue.text} (a speech)"
    if word == "conferred" and _BESTOWED.match(rest) and not re.match(r"[^.;:]{0,40}?\bwith\b", rest):
        # "conferred the Medal of Freedom on": bestowed; "A and B conferred for four hours" met
        return f"{cue.text} {' '.join(rest.split()[:2])}"
    if word.startswith(("stand", "stood")):
        # a caption's "A and B stand with …" (the leaders right before the verb); "Britain stands with Kyiv",
        # "said America stood with Zelensky" is support, not a meeting
        subject = [m for m in ctx.mentions.within("leaders", max(clause[0], cue.start - 120), cue.start)]
        if not subject or text[subject[-1].end : cue.start].strip():
            return f"{cue.text} (support)"
    if word == "visiting" and names_leaders(ctx, rest):
        return f"{cue.text} {rest.split()[0]}"  # "the visiting leaders": an adjective, not a visit
    if word.startswith("exchang") and _has(_words(rest)[:4], ctx.kb.cues.get("correspondence", [])):
        return " ".join([cue.text, *rest.split()[:2]])  # letters, messages, greetings: no meeting
    if word.startswith("welcom"):
        leaders = [m for m in ctx.mentions.within("leaders", cue.end, clause[1]) if m.start - cue.end < 40]
        possessive = leaders and text[leaders[0].end : leaders[0].end + 2] in ("'s", "’s")
        if possessive and not ctx.mentions.within("leaders", leaders[0].end, clause[1]):
            return f"{cue.text} … {leaders[0].text}'s"  # welcomed a leader's decision, not the leader
        # "welcomed the decision", "welcomes this step": a thing welcomed, not "welcomed the Indian prime
        # minister" or "welcomed the visiting president" (an office heads the phrase)
        det = re.match(r"\s+(?:the|a|an|this|that|these|those|his|her|their|its|our|what)\s+", rest, re.I)
        if det and not (leaders and leaders[0].start - cue.end <= det.end() + 1):
            if not names_leaders(ctx, rest[det.end() :]):
                return " ".join([cue.text, *rest.split()[:2]])
    if word.startswith("meeting") and re.search(
        r"\baddress(?:ed|es|ing)?\s+(?:a|an|the)\s+(?:\w+\s+)?$", text[clause[0] : cue.start], re.I
    ):
        return "addressed a meeting"  # an assembly addressed, not two leaders meeting
    return None


# a thing conferred on someone: "conferred the Order of Merit on", "conferred Britain's highest honour upon"
_BESTOWED = re.compile(r"\s+(?:the|a|an|his|her|their|its|[A-Z])[^.;:]{0,60}?\b(?:on|upon)\b")
# a thing called something: "called the talks useful", "calling their relationship very good"
_THING_CALLED = re.compile(r"\s+(?:the|their|his|her|its|this|that|these|those|our)\s+(?=[a-z])")
_SPOKE_TO = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:to|with)\b|^\s+by\b", re.I)
_OBJECT_WORDS = re.compile(r"\s*([a-z-]+(?:\s+[A-Za-z-]+){0,4})")


def names_leaders(ctx: Context, phrase: str) -> bool:
    """Whether a lower-case phrase ("other heads of state", "several fellow presidents, such as …") is headed
    by an office or "leaders": a title word of the knowledge base, singular or plural, in its first words."""
    m = _OBJECT_WORDS.match(phrase)
    if not m:
        return False
    words = [w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in m.group(1).lower().split()]
    from .recognize.leaders import leader_lexicon

    titles = leader_lexicon(ctx.kb).titles  # title word -> the offices it names (none: "vice president")
    return any(titles.get(" ".join(words[i:j])) for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def _is_setting(ctx: Context, cue: CueMention) -> bool:
    """``_setting_noun`` of a cue, read once per document: each frame of a clause asks it of the clause's
    other meeting words."""
    key = ("setting", cue.start, cue.end)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _setting_noun(ctx, cue)
    return found


def _setting_noun(ctx: Context, cue: CueMention) -> bool:
    """A meeting noun that names the setting of something else, not a meeting of its own: inside the name of
    a gathering ("the BRICS summit", "the G7 summit") or after a preposition ("on the sidelines of", "at
    the summit", "during the talks")."""
    if any(
        o.start <= cue.start and cue.end <= o.end for o in ctx.mentions.within("occasions", cue.start - 40, cue.end)
    ):
        return True
    before = ctx.text[max(0, cue.start - 30) : cue.start].lower()
    return cue.text.lower() in _SETTING_NOUNS and bool(_SETTING_BEFORE.search(before))


_ORDINALS = frozenset("first second third fourth fifth sixth last only largest biggest".split())
_SETTING_NOUNS = frozenset("summit summits sidelines meeting meetings talks conference dinner lunch visit".split())
_SETTING_BEFORE = re.compile(
    r"\b(?:(?:on|at|of|about|during|for|before|after|ahead of|throughout|from)\s+(?:the|this|that|[\w.-]+['’]s)"
    r"|(?:on|at|of|about|during|before|after|ahead of|throughout|from)\s+(?:a|an))"  # "joined Biden for a meeting"
    r"\s+(?:[\w'’-]+\s+){0,2}$"  # "ahead of Modi's visit"
)


def _arguments(ctx: Context, sentence: Sentence, clause: tuple[int, int], cue: CueMention) -> tuple[LeaderMention, ...]:
    """The leaders tied to a predicate: those of its clause between the meeting word before it and the one
    after it (in "held talks to prepare for a summit between Kishida and Yoon" they are the summit's; in
    "Sisi hosted a summit with Abbas" the subject is the host's and the guests the summit's: the
    frames of one clause with one status are read together, see ``assemble``). A clause with no subject of
    its own takes, for a relative clause (", who met …"), the nearest leader named before it in the
    sentence, and for an adverbial participle (", after meeting …"), the sentence's first; a clause with no
    leader at all (a label "By phone:") takes the sentence's. A leader named only to say whose wife, sister
    or envoy someone is, is no argument."""
    kinds = ("name", "title", "counterpart", "pronoun", "plural")

    def usable(a: int, b: int) -> list[LeaderMention]:
        key = ("usable", a, b)  # the frames of a clause share it
        found = ctx.memo.get(key)
        if found is None:
            found = ctx.memo[key] = [
                m for m in ctx.mentions.within("leaders", a, b) if m.kind in kinds and not is_modifier(ctx, m)
            ]
        return found  # type: ignore[no-any-return]

    own = usable(clause[0], clause[1])
    if not own:
        return tuple(usable(sentence.start, sentence.end))
    words = [c.start for c in _bounding_words(ctx, clause) if not (c.start < cue.end and cue.start < c.end)]
    previous = max((w for w in words if w < cue.start), default=clause[0])
    following = next((w for w in words if w > cue.start), clause[1])
    compound = _pair_compound(ctx, own, following) if following < clause[1] else ()
    args = [
        m
        for m in own
        if previous <= m.start < following
        and m not in compound  # "met to prepare a Macron-Xi summit": the pair is the summit's
        and not _owns_a_setting(ctx, m, cue, clause)
        and not (m.kind == "plural" and following < clause[1] and not ctx.text[m.end : following].strip())
        and not _no_partner(ctx, cue, m)
    ]  # "visited Cairo for a trilateral summit": "trilateral" is the summit's, not the visit's
    # "A met with B and is meeting with C later": a second verb joined by "and" shares the first's subject;
    # the leaders between the two verbs are the first's partners, not the second's
    joined = previous > clause[0] and _JOINED_VERB.search(ctx.text, previous, cue.start)
    if joined and joined.end() == cue.start:
        subject = [m for m in own if m.start < previous]
        if subject:
            args = subject + [m for m in args if m.start > cue.start]
    verb_first = bool(_COORDINATED_VERB.match(ctx.text, clause[0]))  # ", then joined Biden for a meeting"
    if ctx.text.startswith("whom", clause[0]) and clause[0] > sentence.start:
        # "Lula, whom Xi received in Beijing on Friday, …": the antecedent is the object of the clause's verb
        before = usable(sentence.start, clause[0])
        at = _relative_antecedent(ctx, before)
        if at is not None:
            args += [m for m in _coordinated(ctx, before, at) if m not in args]
    if (verb_first or not any(m.start < cue.start for m in args)) and clause[0] > sentence.start:
        before = usable(sentence.start, clause[0])
        if before:
            # an adverbial participle (", three days after meeting Lula") and a coordinated verb (", and
            # hosted him") are the main clause's subject's; a relative clause (", who met …") its antecedent's
            adverbial = _ADVERBIAL_PARTICIPLE.fullmatch(ctx.text, clause[0], cue.start)
            at = 0 if adverbial or verb_first else _antecedent(ctx, before, clause)
            args[:0] = _coordinated(ctx, before, len(before) - 1 if at is None else at)
    return tuple(args)


def _antecedent(ctx: Context, before: list[LeaderMention], clause: tuple[int, int]) -> int | None:
    """A clause that goes on after a relative clause ("Orban, who met Xi on Monday, flew to Kyiv to meet
    Zelensky") is about the relative clause's antecedent, the leader right before its ", who": that
    leader's index in ``before``, else None."""
    if not (PAST_VERB.match(ctx.text, clause[0]) and _comma_before(ctx.text, clause[0])):
        return None
    return _relative_antecedent(ctx, before)


def _relative_antecedent(ctx: Context, before: list[LeaderMention]) -> int | None:
    """The index in ``before`` of the last leader right before a ", who", ", whom" or ", whose"."""
    return next((i for i in range(len(before) - 1, -1, -1) if _RELATIVE.match(ctx.text, before[i].end)), None)


_PAIR_JOINER = re.compile(r"\s?[-–—/]\s?")


def _pair_compound(ctx: Context, mentions: list[LeaderMention], word: int) -> tuple[LeaderMention, ...]:
    """The leaders joined by hyphens or dashes right before the meeting word at ``word`` ("a Macron-Xi
    summit", "the Biden–Putin talks"): a pair that names that word's meeting, no other's."""
    chain: list[LeaderMention] = []
    end = word
    for m in reversed(mentions):
        if m.end > end:
            continue
        gap = ctx.text[m.end : end]
        if not (_PAIR_JOINER.fullmatch(gap) if chain else gap.strip(" ") == ""):
            break
        chain.append(m)
        end = _first(m)
    return tuple(chain) if len(chain) >= 2 else ()


def _bounding_words(ctx: Context, clause: tuple[int, int]) -> list[CueMention]:
    """The meeting words of a clause that bound the arguments of its others, in text order: not those that
    name a setting, nor those used in another sense ("met with other visiting leaders": "visiting" ends
    nothing). Read once per clause."""
    key = ("bounding words", clause)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = sorted(
            (
                c
                for k in PREDICATE_KINDS
                for c in ctx.mentions.cues_of(k, clause[0], clause[1])
                if not _is_setting(ctx, c) and not _other_sense(ctx, c, clause)
            ),
            key=lambda c: c.start,
        )
    return found  # type: ignore[no-any-return]


_WITH_OR_TO = re.compile(r"\b(?:with|to|and)\b", re.I)
_TOPIC_BEFORE = re.compile(
    r"\b(?:about|regarding|concerning|praising|criticising|criticizing)\s+(?:\w+\s+){0,2}$", re.I
)
_POSSESSED = re.compile(r"['’]s?\s+([a-z][\w-]*)")


def _no_partner(ctx: Context, cue: CueMention, m: LeaderMention) -> bool:
    """A leader after the meeting word who is not its partner: the topic ("spoke about Putin"), the owner of
    something else ("discussed Putin's threats"), or the object of a word whose partner comes after "with"
    or "to" ("signed a decree praising Zelensky")."""
    if m.start < cue.end or m.kind not in ("name", "title"):
        return False
    start = m.title_start if m.title_start is not None else m.start
    if _TOPIC_BEFORE.search(ctx.text, max(cue.end, start - 40), start):
        return True
    head = cue.text.lower().split()[-1]
    if head not in ctx.kb.cues.get("partner_after_with", []):
        return False
    owned = _POSSESSED.match(ctx.text, m.end)
    if owned and not ctx.mentions.cues_of("meeting", m.end, owned.end()) and owned.group(1) not in _SETTING_NOUNS:
        return True  # "discussed Putin's nuclear threats (with Xi)"; not "talked about Modi's talks with Xi"
    return not _WITH_OR_TO.search(ctx.text, cue.end, start)


def joins_verbs(ctx: Context, f: Frame) -> bool:
    """Whether the frame's meeting word is a verb joined to an earlier one by "and" ("… and is meeting")."""
    joined = _JOINED_VERB.search(ctx.text, max(f.clause[0], f.predicate.start - 40), f.predicate.start)
    return joined is not None and joined.end() == f.predicate.start


_JOINED_VERB = re.compile(
    r"(?:\s(?:and|but)\s+(?:then\s+|later\s+|also\s+)?|,\s+(?:and\s+)?(?:then|later)\s+)"
    r"(?:(?:is|was|are|were|will|would|has|had|'s)\s+)?(?:also\s+)?$"
)
_COORDINATED_VERB = re.compile(_JOINED_PAST)
_AND_BETWEEN = re.compile(r"\s*(?:,\s*)?(?:and\s+)?")
_POSSESSOR = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}")


def _owns_a_setting(ctx: Context, m: LeaderMention, cue: CueMention, clause: tuple[int, int]) -> bool:
    """ "Ahead of Bennett's visit, Abbas visited Cairo": a leader whose meeting noun only sets the time or the
    scene of another predicate ("Bennett's visit") is that noun's, not the other predicate's."""
    own = _POSSESSOR.match(ctx.text, m.end)
    if own is None:
        return False
    return any(
        c.start == own.end() and c.start != cue.start and _is_setting(ctx, c)
        for k in PREDICATE_KINDS
        for c in ctx.mentions.cues_of(k, clause[0], clause[1])
    )


def _coordinated(ctx: Context, mentions: list[LeaderMention], i: int) -> list[LeaderMention]:
    """``mentions[i]`` with the leaders joined to it by "and" or a comma: a subject "A and B"."""
    lo = hi = i
    while lo > 0 and _AND_BETWEEN.fullmatch(ctx.text, mentions[lo - 1].end, _first(mentions[lo])):
        lo -= 1
    while hi + 1 < len(mentions) and _AND_BETWEEN.fullmatch(ctx.text, mentions[hi].end, _first(mentions[hi + 1])):
        hi += 1
    return mentions[lo : hi + 1]


_ADVERBIAL_PARTICIPLE = re.compile(
    r"[\s,]*(?:(?:(?:\w+\s+)?(?:days?|weeks?|months?|hours?)\s+)?(?:after|before|while|when|since|upon)|and)\s+"
    r"(?:[a-z]+ing\s+(?:[a-z]+\s+){0,2})?",  # ", after holding long talks": the participle before its noun
    re.I,
)


def is_modifier(ctx: Context, m: LeaderMention) -> bool:
    """ "the wife of President Moon", "the son of King Salman", "Putin's envoy": the leader
    only says whose relative or aide the subject is."""
    key = ("modifier", m.start)
    if key not in ctx.memo:
        ctx.memo[key] = _is_modifier(ctx, m)
    return bool(ctx.memo[key])


_OF_BEFORE = re.compile(r"\b([a-z-]+)\s+of\s+(?:the\s+)?$")


def is_absent(ctx: Context, m: LeaderMention) -> bool:
    """ "The summit went ahead without President Putin": a leader named as the one who is not there."""
    start = m.title_start if m.title_start is not None else m.start
    before = ctx.text[max(0, start - 40) : start].lower()
    return "without" in before and bool(_WITHOUT_BEFORE.search(before))  # the pattern needs the word


_WITHOUT_BEFORE = re.compile(r"\bwithout\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,2}$")
_POSSESSIVE_AFTER = re.compile(r"['’]s\s+((?:[a-z-]+\s+){0,2}[a-z-]+)")  # "Putin's (national security) adviser"


def _is_modifier(ctx: Context, m: LeaderMention) -> bool:
    relations = ctx.kb.cues.get("relation_nouns", [])
    start = m.title_start if m.title_start is not None else m.start
    before = ctx.text[max(0, start - 40) : start].lower()
    ahead = _OF_BEFORE.search(before) if "of" in before else None  # the patterns need the word, or "'s"
    if ahead and ahead.group(1) in relations:
        return True
    if is_absent(ctx, m):
        return True
    after = _POSSESSIVE_AFTER.match(ctx.text[m.end : m.end + 40]) if "s" in ctx.text[m.end : m.end + 2] else None
    if after and any(w in relations for w in after.group(1).split()):
        return True
    if m.text.lower() not in _POSSESSIVE_DETERMINERS:
        return False
    # "their foreign ministers met", "his envoy": the leaders only say whose ministers or envoy
    owned = _OWNED_AFTER.match(ctx.text, m.end)
    return bool(owned and any(_singular(w) in relations for w in owned.group(1).split()))


_POSSESSIVE_DETERMINERS = frozenset(("their", "his", "her"))
_OWNED_AFTER = re.compile(r"\s+((?:[a-z-]+\s+){0,2}[a-z-]+)")


def _singular(word: str) -> str:
    """ "ministers" -> "minister", "wives" -> "wife": the relation nouns are listed in the singular."""
    if word.endswith("ves"):
        return word[:-3] + "fe"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


_CALL_VERBS = frozenset("call calls called calling rang phoned telephoned".split())
_SPEAK_VERBS = frozenset("spoke speaks speaking talked".split())
_AND_PAST = re.compile(r"\s" + _JOINED_PAST)


def _format_of_verb(ctx: Context, cue: CueMention, clause: tuple[int, int]) -> str:
    """ "Trump called Putin": a call. "Biden spoke with Xi", with no place and no other meeting word in the
    clause: a call too (a meeting in person says where)."""
    head = cue.text.lower().split()[-1]
    after = ctx.text[cue.end : cue.end + 30]
    if head in ("call", "calls") and re.search(
        r"\b(?:a|the|their|his|her|first|second|last|latest|recent|\d+(?:st|nd|rd|th))\s+$",
        ctx.text[max(0, cue.start - 25) : cue.start],
        re.I,
    ):
        return "phone_call"  # a call as a noun: "their first call", "the call"
    leaders_after = [m for m in ctx.mentions.within("leaders", cue.end, clause[1]) if m.kind != "plural"]
    if head in _CALL_VERBS and leaders_after and _first(leaders_after[0]) - cue.end <= 2:
        return "phone_call"
    if head in _SPEAK_VERBS and re.match(r"\s+(?:to|with)\b", after) and leaders_after:
        # the place and meeting words of this verb's own stretch: not of a verb joined after it ("spoke to
        # Putin and invited him to the White House": the invitation's place)
        joined = _AND_PAST.search(ctx.text, cue.end, clause[1])
        end = joined.start() if joined else clause[1]
        places = [p for p in ctx.mentions.within("places", clause[0], end) if p.locative]
        others = [
            c
            for c in ctx.mentions.cues_of("meeting", clause[0], end)
            if c.start != cue.start and c.text.lower().split()[-1] not in _SPEAK_VERBS
        ]
        if not places and not others:
            return "phone_call"
    return "in_person"


def frames_in(ctx: Context, sentence: Sentence, a: int | None = None, b: int | None = None) -> list[Frame]:
    """Every frame whose predicate lies in ``[a, b)`` of the sentence (the whole sentence by default). A
    sentence's frames are read once per document and kept with its context."""
    key = ("frames", sentence.start, sentence.end)
    if key not in ctx.memo:
        ctx.memo[key] = _read_frames(ctx, sentence)
    a = sentence.start if a is None else a
    b = sentence.end if b is None else b
    return [f for f in ctx.memo[key] if a <= f.predicate.start < b]


def _read_frames(ctx: Context, sentence: Sentence) -> list[Frame]:
    a, b = sentence.start, sentence.end
    out = []
    for kind in PREDICATE_KINDS:
        for cue in ctx.mentions.cues_of(kind, a, b):
            clause = clause_of(ctx, sentence, cue.start)
            status, reason = predicate_status(ctx, cue, clause)
            if status == "planned" and _CALLED_OFF_LATER.search(ctx.text, clause[1], b):
                status, reason = "cancelled", "but cancelled"  # "was due to meet X in May, but cancelled the trip"
            if status != "denied" and _is_setting(ctx, cue):  # "there were no plans for a meeting": denied
                status, reason = "setting", ctx.text[max(clause[0], cue.start - 12) : cue.end].strip()
            args = _arguments(ctx, sentence, clause, cue)
            fmt = "in_person" if kind == "meeting" else kind
            if kind == "meeting" and status in ("held", "planned"):
                fmt = _format_of_verb(ctx, cue, clause)
            out.append(Frame(cue, fmt, status, reason, clause, args))
    # a word inside a longer meeting word is that word ("call" in "video call"): one frame
    out = [
        f
        for f in out
        if not any(
            g is not f
            and g.predicate.start <= f.predicate.start
            and f.predicate.end <= g.predicate.end
            and (g.predicate.end - g.predicate.start) > (f.predicate.end - f.predicate.start)
            for g in out
        )
    ]
    return _share_auxiliaries(sorted(out, key=lambda f: f.predicate.start), ctx.text)


_CALLED_OFF_LATER = re.compile(
    r"\b(?:but|and)\s+(?:then\s+|later\s+)?(?:(?:it|he|she|they|the\s+[a-z]+)\s+)?(?:was\s+|were\s+)?"
    r"(?:cancell?ed|called off|called it off|postponed|scrapped|pulled out)\b",
    re.I,
)
_SINCE = re.compile(r"\bsince\b", re.I)
_FINITE_PAST = frozenset("met held had hosted visited spoke talked called dined received welcomed sat saw".split())


def _share_auxiliaries(frames: list[Frame], text: str) -> list[Frame]:
    """ "is scheduled to hold talks with Sunak, apart from holding a meeting with Widodo", "will meet Biden and
    then hold talks": a meeting word with no status of its own, and no tense of its own (not "met", "held"),
    shares the status of the meeting word before it in its clause."""
    out: list[Frame] = []
    for f in frames:
        prev = next((g for g in reversed(out) if g.clause == f.clause and g.status != "setting"), None)
        head = f.predicate.text.lower().split()[0]
        own_tense = head in _FINITE_PAST or (head.endswith("ed") and not head.endswith("eed"))
        if prev and f.status == "held" and prev.status in ("planned", "hypothetical", "denied", "cancelled"):
            # "have not met since their encounter in 2019": what follows "since" happened
            since = _SINCE.search(text, prev.predicate.end, f.predicate.start)
            if not own_tense and not since:
                f = Frame(f.predicate, f.format, prev.status, prev.reason, f.clause, f.arguments)
        out.append(f)
    return out
