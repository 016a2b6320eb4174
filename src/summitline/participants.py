"""Who took part: the leaders a scope names or refers to, in office on a meeting's date."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date

from .context import Context, MentionRun, backwards, cues_in
from .frames import PAST_VERB, is_absent, is_modifier
from .recognize import CueMention, LeaderMention
from .resolve import Resolved, resolve_backwards, resolve_explicit
from .sections import SectionInfo
from .segment import Paragraph, Sentence


def participants_in(
    ctx: Context, a: int, b: int, first: date, last: date, sec: SectionInfo, allow_fill: bool, sentence_end: int
) -> list[Resolved]:
    """The leaders a scope names or refers to, in office on the date; not a reference that only says whose
    ministers or envoy someone is ("their defence ministers met")."""
    ms = [
        m
        for m in ctx.mentions.within("leaders", a, b)
        if m.kind not in ("plural", "pronoun") or m.offices or not is_modifier(ctx, m)
    ]
    out: list[Resolved] = []

    def add(r: Resolved | None, how: str | None = None) -> None:
        if r and all(r.leader.id != o.leader.id for o in out):
            out.append(replace(r, how=how) if how else r)

    history = ctx.mentions.stretch("leaders", sec.boundary, a)
    plural = [m for m in ms if m.kind == "plural"]
    explicit = [m for m in ms if m.kind in ("name", "title", "counterpart")]
    resolved = {id(m): resolve_explicit(ctx.kb, m, first, last, ctx.mentions.named) for m in explicit}
    named_here = [r for r in resolved.values() if r]
    two_named = len({r.leader.id for r in named_here}) >= 2 and len({r.term.country for r in named_here}) >= 2
    # a plural reference before the names means the leaders before it, unless the scope names two of its own
    # ("The two presidents met in Beijing: Xi and Macron discussed trade")
    if plural and (not explicit or plural[0].start < explicit[0].start) and not two_named:
        # "The two leaders had a testy meeting … support for Syrian leader Assad": the subject decides;
        # a leader named after "with" joins them ("a three-way summit with Rouhani")
        for r in _the_pair(ctx, sec, plural[0], ms, history, first, last, set()):
            add(r, "plural")
        if len(out) >= 2:  # (the group a counted reference means is complete: "the four leaders")
            for m in explicit:
                if re.search(r"\b(?:with|alongside)\s+(?:\S+\s+){0,4}$", ctx.text[max(a, m.start - 40) : m.start]):
                    add(resolved[id(m)])
            return out
    out_of_office = False  # a person named who held no office then ("Vice President Biden" in 2012)
    for m in explicit:
        if is_absent(ctx, m):
            continue  # "went ahead without Putin"
        found = resolved[id(m)]
        # a full name or a titled one: a lone word ("Paris") is too weak a sign of someone else
        # (or a surname that means one known leader only: "talks with Trump" in 2024 names Trump, no one else)
        strong = " " in m.text or bool(m.title) or (len(m.ids) == 1 and not _is_place_name(ctx, m.text))
        out_of_office |= found is None and m.kind == "name" and bool(m.ids) and strong
        add(found)
    for m in ms:  # "the prime minister" refers back as a pronoun does, but is a participant as a title is
        if m.kind == "pronoun" and m.offices and not is_modifier(ctx, m):  # not "the prime minister's adviser"
            add(_resolve_pronoun(ctx, m, a, sentence_end, history, first, last, out, sec))
    for m in ms:
        # a pronoun adds a leader while fewer than two states are named ("she … talks with Wen and Hu"); a
        # subject pronoun before a plural reference is one of the two it means ("He hosted X …, and the two …")
        if m.kind == "pronoun" and not m.offices and (len(out) < 2 or len({o.term.country for o in out}) < 2):
            if plural and m.start > plural[0].start:
                continue
            if _possessive_of_named(ctx, m, out):
                continue
            add(_resolve_pronoun(ctx, m, a, sentence_end, history, first, last, out, sec))
    if plural and len(out) < 2:  # "Reagan made a concession … while both sides agreed"
        for r in _the_pair(ctx, sec, plural[0], ms, history, first, last, {o.leader.id for o in out}):
            if len(out) < 2:
                add(r, "plural")
    for m in ms:
        if m.kind == "pronoun" and plural and m.start > plural[0].start:
            if len(out) < 2 or len({o.term.country for o in out}) < 2:
                add(_resolve_pronoun(ctx, m, a, sentence_end, history, first, last, out, sec))
    if len(out) < 2:  # "the leaders of Germany, France and Italy met in Kyiv"
        for r in _leaders_of_listed_countries(ctx, a, b, first, last):
            add(r, "plural")  # the group phrase refers to them as "the leaders" does
    if allow_fill and len(out) == 1 and not out_of_office:  # the partner named is no leader then: no one else
        _fill_from_section(ctx, sec, first, last, out, (a, b))
    elif allow_fill and len(out) >= 2 and _verb_without_subject(ctx, a, b):
        # "Japan (May): met Kishida and Zelensky", an item under "Modi's visits": the leaders named are whom
        # the heading's leader met, not each other's partners
        subject = _heading_subject(ctx, sec, first, last, out)
        if subject is not None:
            out.insert(0, subject)
    return [_counterpart_of_same_rank(ctx, r, out, first, last) for r in out]


_POSSESSIVE = {"his": "M", "her": "F"}


def _possessive_of_named(ctx: Context, m: LeaderMention, out: list[Resolved]) -> bool:
    """ "Sunak made his way to a meeting with X": a possessive after the one leader named before it in the scope, of
    that leader's gender, is that leader's, not another's."""
    gender = _POSSESSIVE.get(m.text.lower())
    if gender is None or not re.match(r"\s+[a-z]", ctx.text[m.end : m.end + 3]):
        return False
    before = [r for r in out if r.mention.start < m.start]
    return len(before) == 1 and before[0].leader.gender == gender


_LEADERS_OF = re.compile(
    r"\b(?:heads? of (?:state|government)(?: and (?:of )?government)?|leaders|presidents|prime ministers)\s+of\s+",
    re.I,
)
_BETWEEN_COUNTRIES = re.compile(
    r"(?:[\s,;:—–-]|\band\b|\bthe\b|\b[A-Za-z]+(?:-[a-z]+)*\s+(?:countries|states|nations)\b)*"
)


def _leaders_of_listed_countries(ctx: Context, a: int, b: int, first: date, last: date) -> list[Resolved]:
    """ "The heads of state of Chile, Peru and Brazil", "the leaders of the Nordic countries — A, B and C —":
    the leaders of the countries listed, in office on the date, that the document names
    elsewhere by name (a leader it never names is not guessed)."""
    out: list[Resolved] = []
    for g in _LEADERS_OF.finditer(ctx.text, a, b):
        reach = min(b, g.end() + 300)
        # the countries listed: place names, or a title's country ("leaders of Germany" is a title itself)
        items = [(p.start, p.end, p.entry.country) for p in ctx.mentions.within("places", g.end(), reach)]
        items += [(m.start, m.end, m.country) for m in ctx.mentions.within("leaders", g.start(), reach) if m.country]
        pos, countries = g.end(), []
        for start, end, country in sorted(items):
            if start < pos < end:  # the title that opens the list
                countries.append(country)
                pos = end
                continue
            if start < pos or not _BETWEEN_COUNTRIES.fullmatch(ctx.text, pos, start):
                break
            countries.append(country)
            pos = end
        if len(countries) < 2:
            continue
        mention = LeaderMention(g.start(), g.end(), ctx.text[g.start() : g.end()].strip(), "title", offices=("*",))
        for country in countries:
            held = [
                (leader, t)
                for leader, t in ctx.kb.leaders_in_office(country, first, last)
                if leader.id in ctx.mentions.named
            ]
            if len(held) == 1:
                out.append(Resolved(held[0][0], held[0][1], mention, "plural"))
    return out


def _is_place_name(ctx: Context, word: str) -> bool:
    """Whether a lone name is also a place's ("Paris", "Santos"): too weak a sign of a person."""
    from .recognize.places import gazetteer

    key = ("place name", word)
    if key not in ctx.memo:
        ctx.memo[key] = tuple(word.split()) in gazetteer(ctx.kb).index
    return bool(ctx.memo[key])


def _counterpart_of_same_rank(ctx: Context, r: Resolved, out: list[Resolved], first: date, last: date) -> Resolved:
    """ "Prime Minister Albanese hosted his Chinese counterpart": the holder of the same kind of office (a
    head of government's counterpart is a head of government), where the country has one then."""
    if r.mention.kind != "counterpart":
        return r
    ranks = {o.term.role for o in out if o is not r} & {"head_of_state", "head_of_government"}
    if len(ranks) != 1 or r.term.role in ranks:
        return r
    role = next(iter(ranks))
    same = [(p, t) for p, t in ctx.kb.leaders_in_office(r.term.country, first, last) if t.role == role]
    if len(same) != 1:
        return r
    return replace(r, leader=same[0][0], term=same[0][1])


def _the_pair(
    ctx: Context,
    sec: SectionInfo,
    m: LeaderMention,
    ms: list[LeaderMention],
    history: MentionRun,
    first: date,
    last: date,
    exclude: set[str],
) -> list[Resolved]:
    """Who "the two", "they" or "the pair" are: the two the document is about, when it is about two;
    else the leaders named before in the same item; else the leaders named before it further back."""
    want = (m.count or 2) - len(exclude)  # "the four leaders": four
    if ctx.pair and want <= 2:  # in an article about two leaders, "the two leaders" are those two
        pair = [in_office(ctx, lid, first, last, m) for lid in ctx.pair if lid not in exclude]
        if all(pair) and len(pair) >= want:
            return [p for p in pair if p][:want]
    before = history + [x for x in ms if x.start < m.start]
    if want >= 3:  # "the four leaders": the last paragraph that names four together, not the last four names
        group = _named_together(ctx, before, first, last, want, exclude)
        if group:
            return [replace(r, mention=m) for r in group]
    in_section = []  # the history since the section began, newest first (it is in document order)
    for x in backwards(history):
        if x.start < sec.start:
            break
        in_section.append(x)
    local = in_section[::-1] + [x for x in ms if x.start < m.start]
    found = resolve_backwards(ctx.kb, local, first, last, ctx.mentions.named, want, exclude)
    if len(found) < want:
        found = resolve_backwards(
            ctx.kb, history + [x for x in ms if x.start < m.start], first, last, ctx.mentions.named, want, exclude
        )
    return [replace(r, mention=m) for r in found]


def _named_together(
    ctx: Context, before: MentionRun, first: date, last: date, want: int, exclude: set[str]
) -> list[Resolved]:
    """The leaders of the last paragraph before a counted reference that names as many as it counts, in
    office on the date (names, titles and counterparts only: pronouns and references name no one)."""
    breaks = ctx.memo.get(("paragraph breaks",))
    if breaks is None:
        breaks = ctx.memo[("paragraph breaks",)] = [b.start() for b in re.finditer(r"\n\s*\n", ctx.text)]
    by_paragraph: dict[int, list[LeaderMention]] = {}
    for x in before:
        if x.kind in ("name", "title", "counterpart"):
            by_paragraph.setdefault(bisect.bisect_left(breaks, x.start), []).append(x)
    for key in sorted(by_paragraph, reverse=True):
        found = resolve_backwards(ctx.kb, by_paragraph[key], first, last, ctx.mentions.named, want, exclude)
        if len(found) == want:
            return sorted(found, key=lambda r: r.mention.start)
    return []


def in_office(ctx: Context, lid: str, first: date, last: date, m: LeaderMention) -> Resolved | None:
    leader = ctx.kb.leaders[lid]
    term = next(iter(leader.terms_during(first, last)), None)
    return Resolved(leader, term, m, "plural") if term else None


# the clause right after a scope that sets its event apart in time: ", a day after …", ", weeks before …"
_SHIFTED_AFTER = re.compile(
    r"[\s,;–—-]*(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|a few)\s+)?"
    r"(?:hours?|days?|weeks?|months?|years?)\s+(?:after|before)\b",
    re.I,
)


# what may stand between a clause's opening and a verb with no subject: a bullet, an adverb or two
_NO_SUBJECT = re.compile(r"[\s•*·–—-]*(?:(?:also|then|later|briefly|jointly|first|again)\s+){0,2}")
_CLAUSE_OPENING = re.compile(r"[;:\n]|\s[—–-]\s")


def _verb_without_subject(ctx: Context, a: int, b: int) -> bool:
    """Whether the scope's first meeting word is a verb in the past tense that opens its clause, with no
    subject before it: "G7 outreach in Hiroshima; met Kishida and Zelensky", "- Held talks with Albanese"."""
    cue = next(iter(cues_in(ctx, a, b, "meeting")), None)
    if cue is None or not PAST_VERB.match(cue.text.lower()):
        return False
    opening = max((m.end() for m in _CLAUSE_OPENING.finditer(ctx.text, a, cue.start)), default=a)
    return bool(_NO_SUBJECT.fullmatch(ctx.text, opening, cue.start))


def _heading_subject(ctx: Context, sec: SectionInfo, first: date, last: date, out: list[Resolved]) -> Resolved | None:
    """The one leader the section's heading names (else the leader the document is about), in office then and
    none of ``out``."""
    found = {
        r.leader.id: r
        for r in (resolve_explicit(ctx.kb, m, first, last, ctx.mentions.named) for m in sec.heading_leaders)
        if r is not None and all(r.leader.id != o.leader.id for o in out)
    }
    if len(found) == 1:
        return replace(next(iter(found.values())), how="context")
    if not found and ctx.protagonist and all(ctx.protagonist != o.leader.id for o in out):
        return in_office(ctx, ctx.protagonist, first, last, out[0].mention)
    return None


def _fill_from_section(
    ctx: Context, sec: SectionInfo, first: date, last: date, out: list[Resolved], scope: tuple[int, int]
) -> None:
    """One leader named: the other is the one leader of another state the section names, its heading's
    leader, or the leader the document is about; not one named in the rest of the scope's sentence when
    that goes on in a clause set apart in time ("Macron visited a school on Tuesday, a day after Xi spoke":
    another day's event)."""
    mine = out[0]
    others: dict[str, Resolved] = {}
    # a dated item is one story; elsewhere only the paragraph of the mention speaks for it
    paras = sec.paragraphs if sec.lead else [p for p in sec.paragraphs if p.start <= mine.mention.start < p.end]
    apart = (0, 0)
    if _SHIFTED_AFTER.match(ctx.text, scope[1]):
        apart = (scope[1], next((x.end for x in sec.sentences if x.start <= scope[0] < x.end), scope[1]))
    pool = [
        m
        for p in paras
        for m in ctx.mentions.within("leaders", p.start, p.end)
        if not is_absent(ctx, m)
        and not is_modifier(ctx, m)  # not "without Putin", "Putin's envoy"
        and not apart[0] <= m.start < apart[1]
    ]
    for m in pool + sec.heading_leaders:
        r = resolve_explicit(ctx.kb, m, first, last, ctx.mentions.named)
        if r and r.term.country != mine.term.country:
            others.setdefault(r.leader.id, r)
    if len(others) == 1:
        out.append(replace(next(iter(others.values())), how="context"))
        return
    if ctx.pair and mine.leader.id in ctx.pair:  # "Kishida returned the visit", in an article about a pair
        partner = in_office(ctx, next(i for i in ctx.pair if i != mine.leader.id), first, last, mine.mention)
        if partner and partner.term.country != mine.term.country:
            out.append(replace(partner, how="context"))
            return
    if ctx.protagonist and ctx.protagonist != mine.leader.id:
        leader = ctx.kb.leaders[ctx.protagonist]
        term = next(iter(leader.terms_during(first, last)), None)
        if term and term.country != mine.term.country:
            out.append(Resolved(leader, term, mine.mention, "context"))


def _resolve_pronoun(
    ctx: Context,
    m: LeaderMention,
    a: int,
    b: int,
    history: MentionRun,
    first: date,
    last: date,
    have: list[Resolved],
    sec: SectionInfo | None = None,
) -> Resolved | None:
    exclude = {o.leader.id for o in have}
    if m.offices:  # "the prime minister": the last leader named before who held such an office then
        for x in backwards(history + ctx.mentions.within("leaders", a, m.start)):
            r = resolve_explicit(ctx.kb, x, first, last, ctx.mentions.named) if x.kind != "pronoun" else None
            if r and r.leader.id not in exclude and m.offices[0] in r.term.office.lower():
                return replace(r, mention=m, how="pronoun")
        return None
    head = ctx.text[a : m.start].lower()
    word = m.text.lower()
    gender = (
        "F" if word in ("she", "her", "hers", "herself") else "M" if word in ("he", "him", "his", "himself") else None
    )
    subject = _previous_subject(ctx, m, a, sec) if word in ("he", "she") else None
    if subject is None and word in ("he", "she"):
        # "Biden visited Kyiv on Monday, where he met Zelensky, before Warsaw, where he met Duda": a subject
        # pronoun in a later clause is the sentence's subject when it fits
        subject = _sentence_subject(ctx, m, sec)
    if subject is not None:  # "Macron met Sánchez on May 3. Two days later, he met Scholz": the subject goes on
        r = resolve_explicit(ctx.kb, subject, first, last, ctx.mentions.named)
        if r and r.leader.id not in exclude and r.leader.gender == gender:  # known to fit
            return replace(r, mention=m, how="pronoun")
    if subject is None and word in ("he", "she") and _opens_paragraph(ctx, m, a) and ctx.protagonist:
        # "He hosted Trump in May 2019", opening a paragraph of a profile: the one the document is about
        r = in_office(ctx, ctx.protagonist, first, last, m)
        if r and r.leader.id not in exclude and r.leader.gender == gender:
            return replace(r, how="pronoun")
    fronting = tuple(w + " " for w in ctx.kb.cues.get("fronting", []))
    comma = ctx.text.find(", ", m.start, b)  # b: the end of the sentence
    if head.startswith(fronting) and comma != -1:
        later = [x for x in ctx.mentions.within("leaders", comma, b) if x.kind in ("name", "title")]
        for x in later:
            r = resolve_explicit(ctx.kb, x, first, last, ctx.mentions.named)
            if r and r.leader.id not in exclude:
                return replace(r, mention=m, how="pronoun")
    before = history + [x for x in ctx.mentions.within("leaders", a, m.start)]
    found = resolve_backwards(ctx.kb, before, first, last, ctx.mentions.named, 1, exclude, gender)
    return replace(found[0], mention=m, how="pronoun") if found else None


def resolve_pronoun(
    ctx: Context, m: LeaderMention, a: int, b: int, first: date, last: date, have: list[Resolved]
) -> Resolved | None:
    """The leader a pronoun of the sentence ``[a, b)`` means, read within that sentence, none of ``have``."""
    return _resolve_pronoun(ctx, m, a, b, MentionRun(), first, last, have)


def _opens_paragraph(ctx: Context, m: LeaderMention, a: int) -> bool:
    """Whether the pronoun is the first word of its paragraph (after a fronted phrase at most)."""
    line = ctx.text.rfind("\n", 0, m.start) + 1
    return line >= a - 1 and _fronted(ctx, line, m.start)


_FRONTED = re.compile(r"(?:[^,;:\n]{1,60},\s*)?")
_BEFORE_FRONTED_DATE = re.compile(r"[\W_]*(?:(?:on|in|at|by|during|later|earlier|then|and)\s+)?", re.I)


def _fronted(ctx: Context, a: int, pos: int) -> bool:
    """Whether ``text[a:pos]`` is a phrase fronted before the subject: one closed by a comma ("Two days later,
    he …"), or a date with no comma ("On Friday he …", "In 2019 she …")."""
    if _FRONTED.fullmatch(ctx.text, a, pos):
        return True
    dates = ctx.mentions.within("dates", a, pos)
    return (
        len(dates) == 1
        and _BEFORE_FRONTED_DATE.fullmatch(ctx.text, a, dates[0].start) is not None
        and not ctx.text[dates[0].end : pos].strip()
    )


def _previous_subject(ctx: Context, m: LeaderMention, a: int, sec: SectionInfo | None) -> LeaderMention | None:
    """The subject of the sentence before, when a subject pronoun opens this one (after a fronted phrase at
    most): the leader named first there, before any meeting word. A pronoun that opens a paragraph goes on
    from the last sentence of the paragraph before, in the same section ("… / He also met …")."""
    if sec is None or not _fronted(ctx, a, m.start):
        return None
    # the sentence before, in the same paragraph: found by bisection (a long paragraph has many pronouns)
    i = _paragraph_at(ctx, sec, a)
    if i < 0:
        return None
    sentences = sec.paragraphs[i].sentences
    k = bisect.bisect_right(sentences, a, key=lambda x: x.end)
    if k == 0:
        before = sec.paragraphs[i - 1] if i > 0 else None
        if before is None or before.kind != "text" or not before.sentences:
            return None
        sentences, k = before.sentences, len(before.sentences)
    for prev in reversed(sentences[max(0, k - 2) : k]):  # a sentence about "their" summits goes on: one more
        first = next(iter(ctx.mentions.within("leaders", prev.start, prev.end)), None)
        if first is not None and first.kind == "plural" and prev is sentences[k - 1]:
            continue
        if first is None or first.kind not in ("name", "title") or cues_in(ctx, prev.start, first.start, "meeting"):
            return None
        return first
    return None


def _sentence_subject(ctx: Context, m: LeaderMention, sec: SectionInfo | None) -> LeaderMention | None:
    """The leader that opens the sentence holding ``m`` (after a fronted phrase at most), before it and before
    any meeting word: the subject a later clause's pronoun goes on with."""
    sentence = _sentence_at(ctx, sec, m.start)
    if sentence is None:
        return None
    first = next(iter(ctx.mentions.within("leaders", sentence.start, m.start)), None)
    if first is None or first.kind not in ("name", "title"):
        return None
    opening = first.title_start if first.title_start is not None else first.start
    if not _fronted(ctx, sentence.start, opening) or cues_in(ctx, sentence.start, opening, "meeting"):
        return None
    return first


def _sentence_at(ctx: Context, sec: SectionInfo | None, pos: int) -> Sentence | None:
    """The sentence of the section holding ``pos``, by bisection."""
    if sec is None:
        return None
    i = _paragraph_at(ctx, sec, pos)
    if i < 0:
        return None
    sentences = sec.paragraphs[i].sentences
    k = bisect.bisect_right(sentences, pos, key=lambda x: x.start) - 1
    return sentences[k] if k >= 0 and sentences[k].start <= pos < sentences[k].end else None


def _paragraph_at(ctx: Context, sec: SectionInfo, pos: int) -> int:
    """The index of the section's paragraph that ``pos`` falls in (-1 before the first), by bisection in its
    paragraphs' starts, found once per section."""
    key = ("paragraph_starts", sec.index)
    if key not in ctx.memo:
        ctx.memo[key] = [p.start for p in sec.paragraphs]
    return bisect.bisect_right(ctx.memo[key], pos) - 1


def question_before(ctx: Context, sec: SectionInfo, s: Sentence) -> Paragraph | None:
    """The question an answer's first sentence answers, when it asks about a meeting: "When did Modi and Xi
    last meet?" / "On Wednesday, Oct. 23, …"."""
    para = next((p for p in sec.paragraphs if p.start <= s.start < p.end), None)
    paras = [p for p in sec.paragraphs if p.end < s.start]
    if para is None or s.start != para.start or not paras or not paras[-1].text.rstrip().endswith("?"):
        return None
    q = paras[-1]
    return q if cues_in(ctx, q.start, q.end, "meeting") else None


def asked_meeting(ctx: Context, sec: SectionInfo, s: Sentence) -> list[CueMention]:
    """The meeting word of the question an answer with none of its own answers, when the question asks
    when or where a meeting happened ("When did Putin last meet Xi?" / "In Beijing, on Feb. 4, 2022."), not
    what one was nor what will happen."""
    q = question_before(ctx, sec, s)
    if q is None or not _WHEN_OR_WHERE.search(ctx.text, q.start, q.end) or _MODAL.search(ctx.text, q.start, q.end):
        return []
    return cues_in(ctx, q.start, q.end, "meeting")


_WHEN_OR_WHERE = re.compile(r"\b(?:when|where)\b", re.I)
_MODAL = re.compile(r"\b(?:will|would|could|can|may|might|shall|should)\b", re.I)


def from_question(ctx: Context, sec: SectionInfo, s: Sentence, first: date, last: date) -> list[Resolved]:
    """An answer after a question heading: "When did Modi and Xi last meet?" / "On Wednesday, Oct. 23, …"."""
    q = question_before(ctx, sec, s)
    if q is None:
        return []
    people = participants_in(ctx, q.start, q.end, first, last, sec, False, q.end)
    return people if len(people) >= 2 else []
