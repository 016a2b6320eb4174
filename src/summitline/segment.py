"""Structure of the extracted text: paragraphs, sentences, clauses and sections.

A *section* is the run of paragraphs that a heading or a dated item opens:
a gallery caption "June 4, 2000: …" and the lines after it, a list item
"- Dec. 7-10, 1987, Washington: …", or the paragraphs under a heading line such
as "George W. Bush". Meetings are assembled per section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import is_credit_line

_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(‘']?[A-Z0-9])")
_TITLE_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Prof|Rev|Sgt|Capt|Pres)\.$")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Gen|Lt|Col|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"No|vs|Vol|Fig|approx|ca|Inc|Ltd|Co|Corp|Mt|Ft)|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z])\.$"
)
_MONTH_ABBREV = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")
_CLAUSE_BREAK = re.compile(r",\s|;\s|\s[—–]\s|\s-\s|:\s")
_LIST_MARK = re.compile(r"^(?:[-•*–—·]|\d{1,2}[.)])\s+")
_SENTENCE_STARTERS = frozenset(
    "The A An He She It They In At On As After Before When While But And This That These Those His Her Their "
    "Its Both Here There During Since Then".split()
)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int

    def clauses(self) -> list[tuple[int, int]]:
        """Absolute spans of the clauses (split at commas, semicolons, dashes, colons)."""
        spans, pos = [], 0
        for m in _CLAUSE_BREAK.finditer(self.text):
            spans.append((self.start + pos, self.start + m.start()))
            pos = m.end()
        spans.append((self.start + pos, self.end))
        return [s for s in spans if s[1] > s[0]]


@dataclass(slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    kind: str  # text, credit, heading, blank
    block: int  # blank-line separated block number
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def body_start(self) -> int:
        """Where the text starts after a list marker ("- ", "• ", "3. ")."""
        m = _LIST_MARK.match(self.text)
        return self.start + (m.end() if m else 0)


@dataclass(slots=True)
class Section:
    index: int
    paragraphs: list[Paragraph]
    heading: Paragraph | None = None

    @property
    def start(self) -> int:
        return self.paragraphs[0].start if self.paragraphs else (self.heading.start if self.heading else 0)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]


# "at 9 p.m. Thursday", "at 10 a.m. EST": a clock time's abbreviation before its day or zone ends nothing
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s?[ap]\.m\.$", re.I)
_AFTER_CLOCK = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday GMT UTC EST EDT CST CDT PST PDT ET BST CET CEST "
    "IST JST".split()
)
_INITIALISM = re.compile(r"\b(?:[A-Z]\.){2,3}$")
# a person's initials after a capitalised word ("Prime Minister K.P. Sharma Oli"), not a country's ("the U.S.")
_PERSONS_INITIALS = re.compile(r"\b[A-Z][\w'’-]*\s+(?:[A-Z]\.){2,3}$")


def split_sentences(text: str, offset: int, paragraph: int, names: frozenset[str] = frozenset()) -> list[Sentence]:
    """Sentences of one paragraph. ``names``: words that begin a sentence when they follow an initialism
    ("… in the U.S. Putin said"): the knowledge base's leader names, so that "U.S. President" stays whole."""
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        before = text[pos : m.start()].rstrip('"”’) ')
        if _TITLE_ABBREV.search(before):
            continue  # "Mr. Putin" never ends a sentence
        if _CLOCK.search(before) and _word_at(text, m.end()).strip(",.;") in _AFTER_CLOCK:
            continue
        if _ABBREV.search(before):
            nxt = _word_at(text, m.end()).strip("\"“(‘'")
            # "… in Nov. Putin said": a month's abbreviation with no day after it ends a sentence
            month_end = _MONTH_ABBREV.search(before) and not nxt[:1].isdigit()
            name_after = nxt in names and _INITIALISM.search(before) and not _PERSONS_INITIALS.search(before)
            if nxt not in _SENTENCE_STARTERS and not month_end and not name_after:
                continue
        seg = text[pos : m.start()].rstrip() if text[m.start()] in " \t" else text[pos : m.end()].rstrip()
        if seg:
            out.append(Sentence(offset + pos, offset + pos + len(seg), seg, paragraph))
        pos = m.end()
    tail = text[pos:].rstrip()
    if tail:
        out.append(Sentence(offset + pos, offset + pos + len(tail), tail, paragraph))
    return out


def _word_at(text: str, pos: int) -> str:
    """The text from ``pos`` to the next space (not a copy of the rest of a long paragraph)."""
    space = text.find(" ", pos)
    return text[pos:] if space == -1 else text[pos:space]


def is_heading(line: str) -> bool:
    """A short line that does not end a sentence: "George W. Bush", "2022:", "- 2019: Xi visits -"."""
    s = line.strip()
    if not s or len(s) > 70 or is_credit_line(s):
        return False
    if s.endswith((".", "?", "!", '"', "”", ",")) and not re.search(r"\b[A-Z]\.$", s):
        return False
    return len(s.split()) <= 9


def split_paragraphs(text: str, names: frozenset[str] = frozenset()) -> list[Paragraph]:
    """Paragraphs (lines) with their kind and sentences; ``names`` as for ``split_sentences``."""
    paras: list[Paragraph] = []
    pos, block = 0, 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            block += 1
            continue
        kind = "credit" if is_credit_line(line) else "heading" if is_heading(line) else "text"
        para = Paragraph(len(paras), start, end, line, kind, block)
        if kind != "credit":
            para.sentences = split_sentences(line, start, para.index, names)
        paras.append(para)
    return paras
