"""Leaders: by name ("Vladimir Putin", "Putin"), by title and nationality ("the U.S. president",
"the Kremlin leader", "his US counterpart"), by pronoun ("he") and by plural reference
("the two leaders", "they").

Names are matched on word tokens against every alias in the knowledge base.
Which person a name or title means is decided later, with the meeting's date:
"Bush" is George H. W. Bush in 1989 and George W. Bush in 2008.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from mypy_extensions import mypyc_attr

from ..kb import KnowledgeBase
from .keywords import KeywordScanner, alternation
from .numbers import NUMBER_WORDS, count_of
from .open_leaders import LEADER_OFFICES, known_surname, open_id, proper_name
from .spans import SpanSet, letter_words

_WORD = re.compile(r"[^\W\d_]+")
_GAP_OK = re.compile(r"^[\s.\-'’]{0,3}$")
_PREDICATE = re.compile(
    r"\b(?:was|is|were|became|become|becomes|been|as|remained|served as|elected|named)\s+(?:the\s+)?$", re.I
)


@dataclass(frozen=True, slots=True)
class LeaderMention:
    start: int
    end: int
    text: str
    kind: str  # name, title, counterpart, pronoun, plural
    ids: tuple[str, ...] = ()
    country: str | None = None
    offices: tuple[str, ...] = ()  # office keywords a title names; ("*",) for any
    former: bool = False
    title: str | None = None  # the title stated before a name, e.g. "then-Prime Minister"
    title_start: int | None = None
    open_office: str | None = None  # the office of a leader the knowledge base does not list ("President")
    elect: bool = False  # "President-elect Poroshenko": the office begins soon after the date
    words_end: int | None = None  # where the mention's words end when its country follows ("… of India")
    reigning: str | None = None  # "the Queen": a monarch of this gender ("M", "F"; "" for either) named elsewhere
    count: int = 0  # "the four leaders", "the Big Three": how many a plural reference means (0: unstated, two)


@mypyc_attr(native_class=False)  # pickled into the compiled cache (``kb.cache``): a plain class
class LeaderLexicon:
    """Compiled once per knowledge base: the alias index and the title patterns."""

    def __init__(self, kb: KnowledgeBase) -> None:
        aliases: dict[tuple[str, ...], set[str]] = {}
        for leader in kb.leaders.values():
            for alias in [leader.name, *leader.aliases]:
                toks = tuple(_WORD.findall(alias))
                if toks:
                    aliases.setdefault(toks, set()).add(leader.id)
        # a name's words, joined by spaces -> the ids of everyone so named, sorted (strings and tuples: quick
        # to load from the cache)
        self.alias_index: dict[str, tuple[str, ...]] = {" ".join(k): tuple(sorted(v)) for k, v in aliases.items()}
        # the first word of every name -> how many words the names it begins have, longest first: a text's
        # words are looked up one by one (a dictionary loads from the cache far faster than an automaton)
        lengths: dict[str, set[int]] = {}
        for k in aliases:
            lengths.setdefault(k[0], set()).add(len(k))
        self.first_words: dict[str, tuple[int, ...]] = {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()}
        self.ambiguous = set(kb.cues.get("ambiguous_names", []))
        self.prefixes = set(kb.cues.get("name_prefixes", []))
        # the last word of every name and alias ("Obama", "Merkel"): how a speaker is recognised
        self.surnames = frozenset(k[-1] for k in aliases if k[-1][:1].isupper())
        # aliases written in capitals ("AMLO", "JFK"): a word in capitals is otherwise a heading's or dateline's
        self.acronyms = frozenset(k[0] for k in aliases if len(k) == 1 and k[0].isupper() and len(k[0]) > 1)
        # capitalised words that begin a leader's name or are one: a sentence may begin with them
        self.name_words = frozenset(
            k[0] for k in aliases if k[0][:1].isupper() and k[0] not in self.ambiguous and k[0] not in self.prefixes
        )
        titles: dict[str, tuple[str, ...]] = {}
        for entry in kb.cues.get("titles", []):
            word, _, offices = entry.partition("=")
            titles[word.strip().lower()] = tuple(o.strip() for o in offices.split(",") if o.strip())
        self.titles = titles
        country_words: dict[str, str] = {}
        for c in kb.countries.values():
            for adj in c.adjectives:
                country_words[adj] = c.code
            for name in (c.name, *c.aliases):
                country_words[name + "'s"] = c.code
                country_words[name + "’s"] = c.code
                country_words[name] = c.code
        for entry in kb.cues.get("metonyms", []):
            word, _, code = entry.partition("=")
            country_words[word.strip()] = code.strip().upper()
        self.country_words = country_words
        # every title, longest first, arranged by first letter (see ``alternation``)
        tw = alternation(sorted(titles, key=len, reverse=True), ignore_case=True, space=r"\s+")
        # title words first, then the country word before or after them is checked against a set:
        # small patterns, no 30,000-character alternations scanned at every position
        heads = sorted({w.split()[0] for w in titles}, key=len, reverse=True)
        # any title's first word inside a stretch of lower-cased text: one scan in C, not one per title
        self.title_head_re = re.compile("|".join(map(re.escape, heads)) if heads else "(?!)")
        self.before_title_re = re.compile(
            r"(?:\b(?P<former>former|then)[\s-]+)?(?:\b(?P<det>[Tt]he|his|her|their)\s+)?"
            r"(?:(?P<former2>former|then)[\s-]+)?(?P<country>(?:[A-Z][\w.'’-]*[ \t]){0,2}[A-Z][\w.'’-]*)[ \t]+$"
        )
        self.after_title_re = re.compile(r"^\s+of\s+(?:the\s+)?(?P<country>(?:[A-Z][\w.'’-]*\s?){1,3})")
        self.stated_title_re = re.compile(
            rf"(?:(?:then|former)[\s-]+)?(?:[A-Z][\w'’-]*(?:\.[A-Z])*\.?(?<!\w{{3}}\.)\s+){{0,2}}(?:(?:then|former)[\s-]+)?{tw}"
            rf"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s?){{1,3}})?\s*,?\s*$"
        )
        # what ends a stated title (the title, then "of" and a country, if any), read backwards: a stretch whose
        # reversal this matches at its start ends with a title, which a stated title needs; it fails at once
        # for most stretches, which the pattern above fails only after trying every position
        backwards = alternation(
            sorted((w[::-1] for w in titles), key=len, reverse=True), ignore_case=True, space=r"\s+"
        )
        self.title_at_end_re = re.compile(rf"\s*,?\s*(?:(?:\s?[\w.'’-]*[A-Z]){{1,3}}(?:\s+eht)?\s+fo\s+)?{backwards}")
        # titles, plural references and pronouns: one automaton, one pass over the text
        self.reigning: dict[str, str] = {}
        for entry in kb.cues.get("reigning_titles", []):
            word, _, gender = entry.partition("=")
            self.reigning[word.strip().lower()] = gender.strip().upper()
        self.keywords = KeywordScanner(
            {
                "title": titles,
                "reigning": self.reigning,
                "plural": kb.cues.get("plural_ref", []),
                "pronoun": kb.cues.get("pronoun_ref", []),
            }
        )

    def country_of(self, words: str, from_end: bool) -> tuple[str, str] | None:
        """The country a run of capitalised words names ("U.S.", "Russia's", "South Korean")."""
        toks = words.strip().split()
        for n in range(len(toks), 0, -1):
            part = " ".join(toks[-n:] if from_end else toks[:n])
            for cand in (part, part.rstrip(".,;:")):
                if cand in self.country_words:
                    return cand, self.country_words[cand]
        return None


_OF_COUNTRY = re.compile(r",?[ \t]+of[ \t]+(?:the[ \t]+)?(?P<country>(?:[A-Z][\w.'’-]*[ \t]?){1,3})")
_NAME_OR_OF = re.compile(r"\s+(?:of\b|[A-Z])")


def _reigning_titles(text: str, lex: LeaderLexicon, spans: SpanSet) -> list[LeaderMention]:
    """A monarch's title standing alone ("the Queen", "the Emperor", "the monarch"): a mention of the
    reigning monarch the document names elsewhere. Capitalised (lower-case "king" and "queen" are mostly
    figures of speech), after "the", not followed by "of" or a name (those state whose monarch it is),
    and not a role held ("became the Queen")."""
    out = []
    for t in lex.keywords.finditer("reigning", text):
        word = t.group(0)
        start = t.start() - 4
        if start < 0 or text[start : t.start()].lower() != "the " or _overlaps(start, t.end(), spans):
            continue
        if word.lower() not in ("monarch", "sovereign") and not word[:1].isupper():
            continue
        if _NAME_OR_OF.match(text, t.end()) or _PREDICATE.search(text[max(0, start - 30) : start]):
            continue
        gender = lex.reigning.get(word.lower(), "")
        out.append(LeaderMention(start, t.end(), text[start : t.end()], "title", offices=("*",), reigning=gender))
        spans.add(start, t.end())
    return out


# "the prime minister", "The President": an office standing alone after "the" (not "the president of X", not
# a title before a name, not a role held); it refers back, as a pronoun does, to a holder of such an office
# (``\b``, "the" in any case, then the rest: written so that the pattern opens with "t", which the engine looks
# for at C speed, and checks the boundary after it)
_BARE_OFFICE = re.compile(r"[Tt](?<!\w.)(?i:he\s+(prime\s+minister|premier|chancellor|president)\b(?!-))")


def _bare_offices(text: str, spans: SpanSet) -> list[LeaderMention]:
    out = []
    for m in _BARE_OFFICE.finditer(text):
        if _overlaps(m.start(), m.end(), spans) or _NAME_OR_OF.match(text, m.end()):
            continue
        if _PREDICATE.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # "became the prime minister": a role held, not a mention
        office = " ".join(m.group(1).lower().split())
        out.append(LeaderMention(m.start(), m.end(), text[m.start() : m.end()], "pronoun", offices=(office,)))
        spans.add(m.start(), m.end())
    return out


def leader_lexicon(kb: KnowledgeBase) -> LeaderLexicon:
    return kb.compiled("leader_lexicon", LeaderLexicon)  # type: ignore[no-any-return]


def words_beside_a_lone_name(kb: KnowledgeBase) -> tuple[frozenset[str], frozenset[str]]:
    """The capitalised words that may stand right before a lone name (a prefix, a title or titles, a
    function word, a month or a day, a country's word: "Mr", "President", "Presidents", "The", "On",
    "Russian") and right after it (a month, a day or a title) without making it part of someone else's
    name, as ``_single_ok`` reads them; all in lower case. Any other capitalised word beside it, with one
    space between, makes a lone name someone else's ("Laura Bush", "Costa Rica")."""
    lex = leader_lexicon(kb)
    calendar = {w.lower() for w in _NEXT_OK}
    titles = {w.lower() for w in (*lex.prefixes, *lex.titles)}
    before = {w.lower() for w in lex.country_words} | titles | {f"{t}s" for t in titles} | _FUNCTION | calendar
    after = {w.lower() for w in lex.titles} | calendar
    return frozenset(before), frozenset(after)


def _names(text: str, lex: LeaderLexicon) -> tuple[list[LeaderMention], list[str]]:
    """Every alias of the knowledge base in the text, longest first: the text's words that begin a name are
    looked up with the words after them; the gaps between a name's words and a lone surname's neighbours
    are checked on the hits only."""
    words, starts, ends = letter_words(text)
    first_words, alias_index = lex.first_words, lex.alias_index
    out: list[LeaderMention] = []
    after = 0
    count = len(words)
    for i in [i for i, w in enumerate(words) if w in first_words]:
        if i < after:
            continue
        for n in first_words[words[i]]:
            if i + n > count:  # a name longer than the words left (a slice would be cut short)
                continue
            key = " ".join(words[i : i + n])
            if key not in alias_index:
                continue
            if n > 1 and any(not _GAP_OK.match(text[ends[k] : starts[k + 1]]) for k in range(i, i + n - 1)):
                continue
            if n == 1 and not _single_ok(text, starts, ends, words, i, lex):
                break
            # "Bush-Gorbachev", "Putin's": the name ends where the token does
            start, end = starts[i], ends[i + n - 1]
            out.append(LeaderMention(start, end, text[start:end], "name", alias_index[key]))
            after = i + n
            break
    return out, words


_FUNCTION = frozenset(
    "the a an in on at to for of and but or as with by from after before when while then this that these those "
    "his her their its our if so since because during despite like unlike until both".split()
)
_LOCATIVE = frozenset("in at near outside inside around".split())
_NEXT_OK = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday".split()
)


_JOINED_ON = re.compile(r"\s?&|-[a-z]|['’][a-rt-z]")  # "Johnson & Johnson", "Modi-style", "Xi'an"
_COMPOUND = re.compile(r"-([A-Z][a-z]+)")  # "Franco-German"
_FORMER = re.compile(r"(?i)(then|former)")


def _single_ok(text: str, starts: list[int], ends: list[int], words: list[str], i: int, lex: LeaderLexicon) -> bool:
    """A lone name is a leader unless the words around it make it someone or something else:
    another first name before it ("Laura Bush"), another surname after it ("Boris Dujakovic",
    "Costa Rica", "Johnson & Johnson"), or half of a compound ("Terrain-Modi")."""
    tok, start, end = words[i], starts[i], ends[i]
    prev = words[i - 1] if i else None
    gap = text[ends[i - 1] : start] if i else ""
    # a word joined by spaces or a hyphen ("Laura Bush", "Bush-Gorbachev"); a spaced dash is punctuation
    prev_word = prev if prev and (gap == "-" or not gap.strip(" ")) and "\n" not in gap else None
    if prev and gap.strip(" ") == "." and prev in lex.prefixes:  # "Mrs. May", "Dr. Manmohan"
        prev_word = prev
    nxt = words[i + 1] if i + 1 < len(words) else None
    after = text[end : starts[i + 1]] if nxt else ""
    if nxt and after == " " and nxt[:1].isupper() and nxt not in _NEXT_OK and nxt not in lex.titles:
        return False
    if _JOINED_ON.match(text, end, end + 3):  # "Johnson & Johnson", "Modi-style", "Xi'an"
        return False
    compound = _COMPOUND.match(text, end, end + 20)
    if compound and compound.group(1) not in lex.alias_index:
        return False  # "Franco-German", "Sino-Soviet": half of a compound adjective, not a leader
    if prev_word and prev_word.lower() in _LOCATIVE and text[end : end + 2] not in ("'s", "’s"):
        return False  # "in Paris", "at Santos": a surname after a locative preposition names a place
    if gap == "-":  # "Bush-Gorbachev", "Xi-Putin": a pair of leaders, not "Terrain-Modi"
        return prev is not None and prev in lex.alias_index and tok not in lex.ambiguous
    if tok in lex.ambiguous:
        return prev_word is not None and _is_title(prev_word, lex)
    if tok.isupper() and len(tok) > 3 and tok not in lex.acronyms:
        return False
    if (
        prev
        and prev_word
        and prev_word[:1].isupper()
        and prev_word.lower() not in _FUNCTION
        and prev_word not in _NEXT_OK  # "On Tuesday Modi …", "In May Putin …"
        and prev_word not in lex.country_words
        and not _is_title(prev_word, lex)
    ):
        return False  # "Laura Bush", "Jeb Bush", also at the start of a sentence
    return True


def _is_title(word: str, lex: LeaderLexicon) -> bool:
    """A prefix or title, or the plural of one ("Mr", "President", "Prime Ministers Modi and Albanese")."""
    for w in (word, word[:-1]) if word.endswith("s") else (word,):
        if w in lex.prefixes or w.lower() in lex.titles:
            return True
    return False


def _full_name_licenses(
    text: str, names: list[LeaderMention], words: list[str], lex: LeaderLexicon
) -> list[LeaderMention]:
    """An ambiguous short name ("Kohl", "Costa") counts where the text also gives the full name. ``words``:
    the text's words, as ``_names`` read them."""
    full = {i for m in names if " " in m.text for i in m.ids}
    extra = []
    starts = [n.start for n in names]
    present = set(words)  # an ambiguous word is one of them or absent
    for word in sorted(w for w in lex.ambiguous if w in present):
        # only the full names' own short forms: most ambiguous words name no one the text names in full
        ids = tuple(sorted(i for i in lex.alias_index.get(word, ()) if i in full))
        if not ids:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?![\w-])", text):
            if text[m.start() - 1 : m.start()] == "-":  # "Trump-Kim": only as half of a pair of leaders
                before = re.search(r"([A-Z][\w'’]*)-$", text[max(0, m.start() - 30) : m.start()])
                if not before or before.group(1) not in lex.alias_index:
                    continue
            nxt = _NEXT_WORD.match(text, m.end())
            if nxt and nxt.group(1) not in _NEXT_OK and nxt.group(1).lower() not in lex.titles:
                continue  # "Kim Yo Jong", "Kim Yong Chol": the short name begins someone else's full name
            k = bisect.bisect_right(starts, m.start()) - 1
            if not (k >= 0 and names[k].start <= m.start() < names[k].end):
                extra.append(LeaderMention(m.start(), m.end(), word, "name", ids))
    return sorted(names + extra, key=lambda m: m.start)


_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]*)")


_GROUP_SIZES = [w for w, n in NUMBER_WORDS.items() if n >= 2]  # "the two leaders" … "the ten leaders"
_GROUP_NOUNS = (
    r"leaders|presidents|premiers|chancellors|prime\s+ministers|heads\s+of\s+(?:state|government)"
    r"(?:\s+and\s+(?:of\s+)?government)?|statesmen|men|women|negotiators"
)
# "the four leaders", "the other three presidents", "the Normandy four", "the Big Three": a determiner, at
# most one modifier, a number word, and a noun for leaders; a capitalised modifier names a group without one
_COUNTED_GROUP = re.compile(  # "the" opens it as in ``_BARE_OFFICE``; all of it in any case
    r"[Tt](?<!\w.)(?i:he\s+(?:(?P<mod>[A-Z][\w-]*|[a-z]+)\s+)?(?P<n>"
    + "|".join(_GROUP_SIZES)
    + r")\b(?:(?P<noun>\s+(?:"
    + _GROUP_NOUNS
    + r")\b)|(?P<next>\s+[a-z]+\b)?))"
)
_VERB_AFTER_NAMED_GROUP = re.compile(r"\s+(?:was|were|is|are|has|had|have|will|would|met|agreed|and|of|to)$")


_GENERIC_BEFORE = re.compile(r"\b(?:[Aa]n?|[Aa]ny|[Nn]o|[Ee]very|[Aa]nother)\s+(?:[a-z][\w-]*\s+)?$")


def _counted_groups(text: str, spans: SpanSet) -> list[LeaderMention]:
    """References to a stated number of leaders named before: "the three leaders", "the Big Three"."""
    out: list[LeaderMention] = []
    for m in _COUNTED_GROUP.finditer(text):
        mod, n, noun, after = m.group("mod"), m.group("n"), m.group("noun"), m.group("next")
        if not noun:
            # a named group ("the Normandy four") only: its modifier is capitalised and no noun follows the
            # number ("the Big Three powers" counts countries; "the first two days", days)
            if not mod or not mod[0].isupper() or mod.lower() in NUMBER_WORDS:
                continue
            if after and not _VERB_AFTER_NAMED_GROUP.match(after):
                continue
        end = m.end("noun") if noun else m.end("n")
        if _overlaps(m.start(), end, spans):
            continue
        out.append(LeaderMention(m.start(), end, text[m.start() : end], "plural", count=count_of(n)))
        spans.add(m.start(), end)
    return out


def _overlaps(a: int, b: int, spans: SpanSet) -> bool:
    return spans.overlaps(a, b)


_LAST_WORD = re.compile(r"(\S+)[ \t]+$")
_ELECT = re.compile(r"(?i)[a-z]-elect\s+$")
_FORMER_BEFORE = re.compile(r"(?i)\b(?:former|late|ex|then-former|one-time|onetime)[\s-]+$")


def _titled_name(
    text: str, kb: KnowledgeBase, word: str, country: str, t_start: int, t_end: int, name_at: int, spans: SpanSet
) -> LeaderMention | None:
    """A leader's office and country followed by a proper name ("Chilean President Gabriel Boric"): the
    knowledge base's person of that country with that surname, else a ``title_open`` leader."""
    office = LEADER_OFFICES.get(word)
    found = proper_name(text, name_at) if office else None
    if found is None or office is None or spans.overlaps(*found):
        return None
    if _FORMER_BEFORE.search(text[max(0, t_start - 12) : t_start]):
        return None
    a, b = found
    name = text[a:b]
    title = text[t_start:t_end]
    ids = known_surname(kb, country, name)
    if ids:
        return LeaderMention(a, b, name, "name", ids, title=title, title_start=t_start)
    return LeaderMention(
        a, b, name, "name", (open_id(country, name),), country, title=title, title_start=t_start, open_office=office
    )


def _office_name_of_country(
    text: str, kb: KnowledgeBase, lex: LeaderLexicon, word: str, t_start: int, t_end: int, spans: SpanSet
) -> LeaderMention | None:
    """ "President Boric of Chile", "King Felipe VI of Spain", "the King of Jordan Abdullah II", "presidents
    Javier Milei (Argentina)": an office, a proper name and a country around it."""
    office = word[:-1] if word.endswith("s") and word[:-1] in LEADER_OFFICES else word
    if office not in LEADER_OFFICES or _FORMER_BEFORE.search(text[max(0, t_start - 12) : t_start]):
        return None
    singular = word[:-1] if word.endswith("s") and word[:-1] in LEADER_OFFICES else word
    # "the King of Jordan Abdullah II": office, "of" and a country, then the name
    before_name = lex.after_title_re.match(text[t_end : t_end + 40])
    if before_name and singular in LEADER_OFFICES:
        country = lex.country_of(before_name.group("country"), from_end=False)
        if country:
            at = t_end + before_name.start("country") + before_name.group("country").find(country[0]) + len(country[0])
            if proper_name(text, at) is not None and not country[0].endswith(("'s", "’s")):
                return _titled_name(text, kb, singular, country[1], t_start, at, at, spans)
    found = proper_name(text, t_end)
    if found is None:
        return None
    # "presidents Javier Milei (Argentina)": the country in brackets after the name
    bracket = re.match(r"\s*\(([A-Z][\w .'’-]{1,30})\)", text[found[1] : found[1] + 40])
    if bracket and singular in LEADER_OFFICES:
        country = lex.country_of(bracket.group(1), from_end=False)
        if country:
            return _titled_name(text, kb, singular, country[1], t_start, t_end, t_end, spans)
    if singular != word:
        return None
    after = lex.after_title_re.match(text[found[1] : found[1] + 40])
    country = lex.country_of(after.group("country"), from_end=False) if after else None
    if country is None or after is None:
        return None
    named = _titled_name(text, kb, word, country[1], t_start, t_end, t_end, spans)
    end = found[1] + after.start("country") + after.group("country").find(country[0]) + len(country[0])
    return dataclasses.replace(named, words_end=end) if named else None


_NEXT_BRACKETED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?=[A-Z])")


def _bracketed_list(
    text: str, kb: KnowledgeBase, lex: LeaderLexicon, mentions: list[LeaderMention], spans: SpanSet
) -> list[LeaderMention]:
    """The rest of a list the office word heads: "presidents Javier Milei (Argentina) and Luis Arce
    (Ecuador)" gives the second its office and country too."""
    out: list[LeaderMention] = []
    for m in mentions:
        if m.title is None or not text[m.end : m.end + 3].lstrip().startswith("("):
            continue
        office = LEADER_OFFICES.get(m.title.lower().rstrip("s"), LEADER_OFFICES.get(m.title.lower()))
        pos = text.index(")", m.end) + 1 if ")" in text[m.end : m.end + 40] else m.end
        while office:
            link = _NEXT_BRACKETED.match(text, pos)
            found = proper_name(text, link.end() - 1) if link else None
            bracket = re.match(r"\s*\(([A-Z][\w .'’-]{1,30})\)", text[found[1] : found[1] + 40]) if found else None
            country = lex.country_of(bracket.group(1), from_end=False) if bracket else None
            if not (found and bracket and country) or spans.overlaps(*found):
                break
            name = text[found[0] : found[1]]
            ids = known_surname(kb, country[1], name) or (open_id(country[1], name),)
            is_open = ids == (open_id(country[1], name),)
            out.append(
                LeaderMention(
                    found[0],
                    found[1],
                    name,
                    "name",
                    ids,
                    country[1] if is_open else None,
                    title=m.title,
                    open_office=office if is_open else None,
                )
            )
            spans.add(found[0], found[1])
            pos = found[1] + bracket.end()
    return out


def _open_surnames(text: str, mentions: list[LeaderMention], spans: SpanSet) -> list[LeaderMention]:
    """Later mentions of a ``title_open`` leader by surname alone or by the full name ("Boric said")."""
    out: list[LeaderMention] = []
    forms: dict[str, tuple[str, ...]] = {}
    for m in mentions:
        if m.open_office:
            forms.setdefault(m.text, m.ids)
            last = m.text.split()[-1]
            if not re.fullmatch(r"[IVX]+", last):
                forms.setdefault(last, m.ids)
    for form in sorted(forms, key=len, reverse=True):
        for hit in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            if spans.overlaps(hit.start(), hit.end()):
                continue
            prev = re.search(r"([A-Z][\w'’]*)[ \t]+$", text[max(0, hit.start() - 30) : hit.start()])
            if prev and prev.group(1) not in _NEXT_OK and prev.group(1).lower() not in _FUNCTION:
                continue  # "Laura Bush": another capitalised word before the surname names someone else
            out.append(LeaderMention(hit.start(), hit.end(), form, "name", forms[form]))
            spans.add(hit.start(), hit.end())
    return out


def recognize_leaders(text: str, kb: KnowledgeBase) -> list[LeaderMention]:
    """All leader mentions in ``text`` (names, titles, counterparts, pronouns, plural references)."""
    lex = leader_lexicon(kb)
    names = _full_name_licenses(text, *_names(text, lex), lex)
    spans = SpanSet()
    for m in names:
        spans.add(m.start, m.end)
    out = list(names)
    # a title right before a name is that name's stated title, not a mention of its own
    for i, m in enumerate(names):
        before = text[max(0, m.start - 60) : m.start]
        tail = before[-40:].lower()
        if not lex.title_head_re.search(tail):
            continue  # most names have no title before them: skip the slower pattern
        if not lex.title_at_end_re.match(before[::-1]):
            continue  # the stretch does not end with a title
        said = lex.stated_title_re.search(before)
        if said and said.group(0).strip():
            stated = said.group(0).strip(" ,")
            former = bool(_FORMER.match(stated))
            tstart = m.start - len(before) + said.start()
            names[i] = LeaderMention(
                m.start, m.end, m.text, m.kind, m.ids, former=former, title=stated, title_start=tstart
            )
            spans.add(tstart, m.start)
    for i, m in enumerate(names):  # "President-elect Poroshenko", "Prime Minister-elect Starmer"
        if _ELECT.search(text[max(0, m.start - 30) : m.start]):
            names[i] = dataclasses.replace(m, elect=True)
    for i, m in enumerate(names):  # "President Sukarno of Indonesia", "Mr Nehru, of India": their own country
        of = _OF_COUNTRY.match(text, m.end)
        found = lex.country_of(of.group("country"), from_end=False) if of else None
        if of and found and any(t.country == found[1] for lid in m.ids for t in kb.leaders[lid].terms):
            at = of.start("country") + of.group("country").find(found[0]) + len(found[0])
            names[i] = dataclasses.replace(names[i], words_end=at)
    out = list(names)
    for t in lex.keywords.finditer("title", text):
        if _overlaps(t.start(), t.end(), spans):
            continue
        word = " ".join(t.group(0).lower().split())
        offices = lex.titles.get(word, ("*",))
        kind = "counterpart" if word.startswith("counterpart") else "title"
        base = max(0, t.start() - 50)
        # a country before the title ends with a capitalised word right before it: only then the pattern
        last = _LAST_WORD.search(text, max(0, t.start() - 30), t.start())
        pre = lex.before_title_re.search(text[base : t.start()]) if last and last.group(1)[:1].isupper() else None
        found = lex.country_of(pre.group("country"), from_end=True) if pre else None
        start, former = t.start(), False
        if found and pre is not None:
            start = base + pre.start("country") + pre.group("country").rfind(found[0])
            former = bool(pre.group("former") or pre.group("former2"))
            if pre.group("det") and found[0] == pre.group("country"):
                start = base + pre.start("det")
            named = None if former else _titled_name(text, kb, word, found[1], start, t.end(), t.end(), spans)
            if named:
                out.append(named)
                spans.add(named.title_start or named.start, named.end)
                continue
        else:
            named = _office_name_of_country(text, kb, lex, word, t.start(), t.end(), spans)
            if named:
                out.append(named)
                spans.add(named.title_start or named.start, named.end)
                continue
            after = lex.after_title_re.match(text[t.end() : t.end() + 40])
            found = lex.country_of(after.group("country"), from_end=False) if after else None
            if found is None or _PREDICATE.search(text[max(0, t.start() - 30) : t.start()]):
                if kind == "counterpart" and re.search(r"\b(?:his|her)\s+$", text[max(0, t.start() - 5) : t.start()]):
                    out.append(
                        LeaderMention(t.start() - 4, t.end(), text[t.start() - 4 : t.end()], kind, (), None, ("*",))
                    )
                    spans.add(t.start() - 4, t.end())
                continue  # "was prime minister of Russia": a role held, not a mention of its holder
            t_end = t.end() + after.start("country") + after.group("country").find(found[0]) + len(found[0])  # type: ignore[union-attr]
            t_end = start + len(text[start:t_end].rstrip())
            if text[t_end : t_end + 2] in ("'s", "’s") or found[0].endswith(("'s", "’s")):
                continue  # "leader of Canada's opposition": an office in something of the country's, not its own
            out.append(LeaderMention(start, t_end, text[start:t_end], kind, (), found[1], offices, former))
            spans.add(start, t_end)
            continue
        out.append(LeaderMention(start, t.end(), text[start : t.end()], kind, (), found[1], offices, former))
        spans.add(start, t.end())
    out += _bracketed_list(text, kb, lex, out, spans)
    out += _open_surnames(text, out, spans)
    out += _reigning_titles(text, lex, spans)
    out += _counted_groups(text, spans)
    out += _bare_offices(text, spans)
    for kind in ("plural", "pronoun"):
        for t in lex.keywords.finditer(kind, text):
            if not _overlaps(t.start(), t.end(), spans):
                out.append(LeaderMention(t.start(), t.end(), t.group(0), kind))
                spans.add(t.start(), t.end())
    # "a sitting U.S. president", "any Israeli prime minister": an office named in general, not its holder
    out = [
        m
        for m in out
        if not (m.kind == "title" and not m.ids and _GENERIC_BEFORE.search(text, max(0, m.start - 40), m.start))
    ]
    return sorted(out, key=lambda m: m.start)
