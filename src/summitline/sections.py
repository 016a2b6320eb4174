"""Sections, leading dates and the publication date found in the text itself."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .recognize import DateMention, LeaderMention
from .recognize.keywords import case_blind_lower, word_start_first
from .segment import Paragraph, Sentence

# what ends an item's date: a colon, a dash, or a bar between the columns of a flattened table ("| Moscow |")
_AFTER_LEAD = re.compile(r"^\s*(?:,\s*[^:–—\n]{1,45}?)?\s*(?::|\s[–—-]\s|[–—]\s?|\s?\|\s)")
_TIME_WORDS = ["am", "pm", "gmt", "utc", "ist", "est", "edt", "et", "cet", "bst"]
_DAY_WORDS = (
    "published updated posted last first on monday tuesday wednesday thursday friday saturday sunday "
    "mon tue wed thu fri sat sun"
).split()
# a time of day, a time zone, a weekday or "Updated": what may stand beside a date that is all of its line
_TIME = re.compile(
    rf"\b\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm|a\.m\.|p\.m\.)?|\b(?:{'|'.join(_TIME_WORDS)})\b|\b(?:{'|'.join(_DAY_WORDS)})\b",
    re.I,
)
# the same, for text in lower case (``case_blind_lower``): without re.I, each alternative opens with its first
# character and checks the boundary after it, so that a position is turned away at once, not by every word
_TIME_LOWER = re.compile(
    r"\d(?<!\w\d)\d?[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?"
    rf"|(?:{word_start_first(_TIME_WORDS)})\b|(?:{word_start_first(_DAY_WORDS)})\b"
)


def _without_times(stretch: str) -> str:
    """The stretch without ``_TIME``'s words, to count what else it holds: read in lower case by
    ``_TIME_LOWER`` where that finds the same (``case_blind_lower``), otherwise by ``_TIME`` itself."""
    low = case_blind_lower(stretch)
    return _TIME.sub("", stretch) if low is None else _TIME_LOWER.sub("", low)


@dataclass(slots=True)
class SectionInfo:
    index: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    lead: DateMention | None = None  # the date that opens a dated item or a year heading
    lead_sentence: Sentence | None = None
    heading_leaders: list[LeaderMention] = field(default_factory=list)
    year: int | None = None  # the year of the last year heading ("2022:") above a dated item
    boundary: int = 0  # text offset before which a backward search for leaders does not go

    item_place_end: int | None = None  # "Aug. 9, 2016 — St. Petersburg:": where the item's place ends
    title: Paragraph | None = None  # the line above a date that stands alone: "G20 Summit, Osaka" / "June 28"

    @property
    def start(self) -> int:
        return self.paragraphs[0].start if self.paragraphs else 0

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]


def leading_date(p: Paragraph, dates: list[DateMention], text: str) -> DateMention | None:
    """The date that opens a dated item: "June 4, 2000: …", "- Dec. 7-10, 1987, Washington: …", "2022:"."""
    body = p.body_start
    for d in dates:
        if d.start < body or d.start > body + 1 or d.end > p.end:
            continue
        rest = text[d.end : p.end]
        if not rest.strip(" :-–—") or _AFTER_LEAD.match(rest):
            return d
    # a list item headed by what and where, its date in brackets: "• G20 Summit in Hangzhou (Sept. 4-5, 2016): …"
    if body > p.start:
        head = _BRACKETED_LEAD.match(text, body, p.end)
        if head:
            return next((d for d in dates if d.start == head.start(1) and d.end == head.end(1)), None)
    return None


_BRACKETED_LEAD = re.compile(r"[^:()\n]{2,90}\((\w[^()\n]{2,40}?)\)\s*:")


_DATELINE_REACH = 300  # a dateline's date stands within this many characters of its paragraph's start


_NOT_WORD = re.compile(r"[\W_]+")


def publication_dates(paragraphs: list[Paragraph], dates: list[DateMention], text: str) -> list[DateMention]:
    """Datelines: a date standing alone near the top ("April 06, 1990"), or in an agency
    dateline "(APP - … - 14th May, 2024)". Earliest first."""
    found = []
    starts = [d.start for d in dates]
    lone = 0
    for p in paragraphs:  # paragraphs that are nothing but a date (a list's items), found by bisection
        lo, hi = bisect.bisect_left(starts, p.start), bisect.bisect_left(starts, p.end)
        lone += any(_alone(d, p, text) for d in dates[lo:hi] if d.end <= p.end)
    for p in paragraphs[:4]:
        for d in dates:
            if not (p.start <= d.start and d.end <= p.end) or d.first is None or d.precision != "day":
                continue
            if d.start - p.start >= _DATELINE_REACH and p.end - p.start >= _DATELINE_REACH:
                continue  # deep in a long paragraph: neither alone nor in a dateline (and no rescan of it)
            tail = text[d.end : p.end]
            short = p.end - p.start < _DATELINE_REACH
            rest = _without_times(text[p.start : d.start] + tail) if short else "not alone"
            # "Jan. 13, 2006:" heads an item below it; a dateline does not end with a colon
            alone = len(_NOT_WORD.sub("", rest)) <= 3 and not tail.rstrip().endswith((":", "-", "–", "—"))
            in_dateline = (
                bool(re.search(r"\([^()]{0,80}[-–][^()]*$", text[p.start : d.start])) and d.start - p.start < 300
            )
            # a date alone on its line is the publication's only when it is the only such line: in a list of
            # dated items, the first item's date is no publication date
            if (alone and lone < 2) or in_dateline:
                found.append(d)
    return found


# a word of four letters or more that is none of those words: the stretch it stands in is more than a date
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_TIME_OR_DAY_WORDS = frozenset(_TIME_WORDS + _DAY_WORDS)


def _alone(d: DateMention, p: Paragraph, text: str) -> bool:
    """A date that is all of its paragraph but for a weekday, a time or a word like "Updated"."""
    if p.end - p.start >= _DATELINE_REACH:
        return False
    for stretch in ((p.start, d.start), (d.end, p.end)):  # most paragraphs say more at once: no copy, no scan
        for w in _LONG_WORD.finditer(text, *stretch):
            if w.group().isascii() and w.group().lower() not in _TIME_OR_DAY_WORDS:  # ("ſun" is "sun" to re.I)
                return False
    rest = _without_times(text[p.start : d.start] + text[d.end : p.end])
    return len(_NOT_WORD.sub("", rest)) <= 3


# "WASHINGTON, April 11, 2024 (Reuters) -", "YALTA, Feb. 4 —", "KYIV, Ukraine, June 3 (AP) —", and the
# cable style of older papers, a full stop after the date and maybe a note before the city:
# "(Special cable) LONDON, March 3. The Prime Minister …", "WASHINGTON, Oct. 6.—President …"
_WIRE = re.compile(r"^(?:\([^()]{1,60}\)\s*)?[A-Z][A-Z.'’ -]{2,40}(?:,\s+[A-Z][\w.'’ -]{1,30})?,\s+$")
_WIRE_AFTER = re.compile(r"^(?:(?:,?\s*\([^()]{1,40}\))?\s*[—–-]|\.(?:[—–-]|\s+[A-Z]))")


def wire_dateline(paragraphs: list[Paragraph], dates: list[DateMention], text: str) -> DateMention | None:
    """The date of a wire story's dateline (a city in capitals, the date, the agency, a dash), which is
    the day the story calls "today": the first such date in the first paragraphs of the text's prose
    (lines of page furniture before it, "Article image", "Advertisement", do not count)."""
    prose = 0
    starts = [d.start for d in dates]
    for p in paragraphs[:40]:
        if prose == 4:
            break
        prose += len(p.text.split()) >= 8
        for d in dates[bisect.bisect_left(starts, p.start) : bisect.bisect_left(starts, p.start + 80)]:
            if d.end > p.end or d.precision != "day":
                continue
            if _WIRE.match(text[p.start : d.start]) and _WIRE_AFTER.match(text[d.end : d.end + 50]):
                return d
    return None


def _item_title(before: SectionInfo, p: Paragraph, lead: DateMention, text: str) -> Paragraph | None:
    """The line above a date that stands alone on its own line, when that line is a title (short, not a
    sentence) and not all of the item before: "G20 Summit, Osaka" / "June 28-29"."""
    if text[p.start : lead.start].strip(" •*-–—") or text[lead.end : p.end].strip(" :-–—.,"):
        return None
    if len(before.paragraphs) < 2:
        return None
    last = before.paragraphs[-1]
    line = last.text.strip()
    if last.kind == "credit" or not line or len(line) > 80 or line.endswith((".", "!", "?", ":", ",", ";", '"', "”")):
        return None
    return last


def build_sections(
    paragraphs: list[Paragraph],
    dates: list[DateMention],
    heading_names: dict[int, list[LeaderMention]],
    text: str,
) -> list[SectionInfo]:
    """Cut the text where a dated item or a heading that names a leader begins."""
    sections = [SectionInfo(0)]
    year: int | None = None
    for p in paragraphs:
        if p.kind == "credit":
            sections[-1].paragraphs.append(p)
            continue
        lead = leading_date(p, [d for d in dates if p.start <= d.start < p.end], text)
        names = heading_names.get(p.index, []) if p.kind == "heading" else []
        if lead or names:
            # a dated item under a heading that names a leader ("Modi's visits abroad") is that leader's too
            sec = SectionInfo(len(sections), lead=lead, heading_leaders=names or sections[-1].heading_leaders)
            sec.boundary = p.start if names else sections[-1].boundary
            if lead:
                # "Aug. 9, 2016 — St. Petersburg: …", or a line "May 26, 2011 – Deauville, France" above the item
                head = re.match(r"\s*(?:,|[–—-])\s*([^:.;–—]{2,50}):\s", text[lead.end : p.end]) or re.match(
                    r"\s*[–—-]\s*([^:.;–—\n]{2,50}?)\s*$", text[lead.end : p.end]
                )
                sec.item_place_end = lead.end + head.end(1) if head else None
            if lead and text[lead.end : p.end].strip(" :-–—•*"):
                sec.lead_sentence = next((s for s in p.sentences if s.start <= lead.start < s.end), None)
            if lead:
                if lead.precision == "year" and lead.first and len(p.text.strip(" :-–—•*")) <= 6:
                    year = lead.first.year  # a year heading over the items below it
                sec.year = year
                title = _item_title(sections[-1], p, lead, text)
                if title is not None:  # the event's name and place on the line above its date
                    sections[-1].paragraphs.remove(title)
                    sec.paragraphs.append(title)
                    sec.title = title
            sections.append(sec)
        elif sections[-1].lead and sections[-1].lead_sentence is None and p.sentences:
            # "Jan. 13, 2006:" on a line of its own dates the caption below it
            sections[-1].lead_sentence = p.sentences[0]
        sections[-1].paragraphs.append(p)
    return [s for s in sections if s.paragraphs]
