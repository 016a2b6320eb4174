"""Cleaning: normalised text without scraping artifacts.

The text this stage returns is the *extracted text*: every evidence offset
points into it, and ``summitline extract --show-text`` prints it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from .records import Document

_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# runs of spaces that are not already one plain space (matching every single space made a replacement per word)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ODD_SPACES = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_BLANKS = re.compile(r"\n\n\n+")  # three or more: a literal start the engine looks for at C speed
# every ASCII byte but digits and lower-case letters: what a line's key drops, by one C-speed translate
_NOT_KEY = bytes(b for b in range(128) if not (48 <= b <= 57 or 97 <= b <= 122))
_META_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")

# a credit line: "Alexei Panov / TASS", "kremlin.ru", "© Sputnik / Vladimir Rodionov",
# "Pete Souza / Official White House Photo", "The White House Photograph Office"
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.(ru|com|org|net|gov|int|eu|uk|de|fr|cn|jp|in|ua|kz|by)$", re.I)
_CREDIT_WORDS = re.compile(
    r"\b(photo|photos|photograph|photographer|getty|images|reuters|afp|ap|tass|sputnik|ria novosti|"
    r"xinhua|epa|anadolu|pool|kremlin\.ru|shutterstock|handout|courtesy|white house|dpa|kyodo|yonhap|ansa|efe|"
    r"pti|ani|irna|kcna|upi|bloomberg|bundesregierung|belga|tass|itar-tass|sana|wam|spa)\b",
    re.I,
)
_INLINE_CREDIT = re.compile(
    r"(\((?:AP|AFP|Reuters|EPA|TASS|Xinhua|Getty|Source|Photo)[^()]{0,60}\)|\b[A-Z]{3,}/[A-Z][\w .'-]{2,40})\s*$"
)


def is_credit_line(line: str) -> bool:
    """A short line that names a photographer, an agency or a site, and says nothing else."""
    s = line.strip()
    if not s or len(s) > 80 or s.endswith((".", "?", "!", ":")) and not _DOMAIN.match(s):
        return False
    if s.startswith("©") or _DOMAIN.match(s):
        return True
    words = s.split()
    if len(words) > 9:
        return False
    if "/" in s and all(w[:1].isupper() or w == "/" or not w[:1].isalpha() for w in words):
        return True
    return bool(_CREDIT_WORDS.search(s)) and sum(w[:1].isupper() for w in words) >= len(words) - 1


def inline_credit(sentence: str) -> str | None:
    """A credit at the end of a caption: "(AP Photo/Evan Vucci)", "REUTERS/Tyrone Siu"."""
    m = _INLINE_CREDIT.search(sentence)
    return m.group(1).strip("() ") if m else None


def _key(line: str) -> bytes:
    """The line's digits and letters, lower-cased: what makes two lines the same paragraph."""
    return line.lower().encode("ascii", "ignore").translate(None, _NOT_KEY)


def _undouble(line: str) -> str:
    """A line made of the same text twice ("A (credit) A (credit)") keeps one copy."""
    n = len(line)
    if n < 40:
        return line
    half = n // 2
    for cut in range(half - 2, half + 3):
        a, b = line[:cut].strip(), line[cut:].strip()
        if a and a == b:
            return a
    return line


def normalise(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    for ch in _INVISIBLE_CHARS:  # str.replace scans in C; translate() with a dict goes char by char
        if ch in text:
            text = text.replace(ch, "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("``", '"').replace("''", '"')
    # the pattern tries every character; the text holds nothing for it when it has no two spaces in a row
    # and none of the other spaces, which ``in`` tells at C speed
    if "  " in text or any(ch in text for ch in _ODD_SPACES):
        text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n")


def drop_repeats(text: str, min_chars: int = 40) -> str:
    """Drop a line that repeats an earlier one exactly or nearly (case, spacing, punctuation)."""
    seen: set[bytes] = set()
    out: list[str] = []
    for line in text.split("\n"):
        line = _undouble(line)
        if len(line) >= min_chars and not is_credit_line(line):
            key = _key(line)
            if key in seen:
                continue
            seen.add(key)
        out.append(line)
    return _BLANKS.sub("\n\n", "\n".join(out)).strip("\n")


def clean_document(doc: Document) -> Document:
    """Normalise the text, drop repeated paragraphs, and take a leading metadata date line."""
    text = normalise(doc.text)
    published, source = doc.published, doc.published_source
    meta = _META_DATE.match(text)
    if meta:
        if not published:
            published, source = meta.group(1), "metadata"
        text = text[meta.end() :]
    text = drop_repeats(text)
    if published and len(published) > 10:
        published = published[:10]
    return dataclasses.replace(doc, text=text, published=published, published_source=source)
