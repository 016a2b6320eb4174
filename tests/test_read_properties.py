"""Property tests of the reader (issue 8): any bytes, any text and any HTML-ish page give a Document or one of
the library's own InputErrors, never another exception.

Deterministic (``derandomize=True``, no example database) so CI sees the same examples on every run."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summitline import Settings
from summitline.errors import InputError, NotTextError
from summitline.read import read_bytes, read_path, read_source
from summitline.records import Caption, Document

from .properties import PROPERTY

LIMITS = Settings(max_bytes=1_000_000)


def read_or_error(data: bytes, **kwargs: str | None) -> Document | None:
    """read_bytes' result, or None when it raised one of our InputErrors; anything else fails the test."""
    try:
        doc = read_bytes(data, label="property", **kwargs)
    except InputError as exc:
        assert str(exc).startswith("property: "), exc  # every message names the document
        return None
    assert isinstance(doc, Document)
    assert isinstance(doc.text, str)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.media_type in ("text/plain", "text/html")
    assert all(isinstance(c, Caption) for c in doc.captions)
    assert doc.title is None or isinstance(doc.title, str)
    doc.text.encode("utf-8")  # the text can be printed, stored and served: no lone surrogate,
    assert "\x00" not in doc.text  # and no NUL, the mark of binary, which PostgreSQL cannot store
    return doc


# --- bytes -----------------------------------------------------------------------------------------

BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]
CODECS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "cp1251", "koi8-r", "shift_jis"]
CODECS += ["gb18030", "euc-kr", "iso-8859-7", "mac-roman"]

# letters of several scripts, the control characters (NUL included), BOM and other invisible characters
TEXTY = st.characters(
    categories=["L", "N", "P", "Zs", "Cc", "Cf", "Sm", "So"],
    include_characters="\x00\ufeff\ufffe\u200b\r\n\t\x0c\x1b\x7f\x85\u2028",
)


@st.composite
def encoded_segment(draw: st.DrawFn) -> bytes:
    text = draw(st.text(TEXTY, max_size=200))
    codec = draw(st.sampled_from(CODECS))
    return text.encode(codec, errors=draw(st.sampled_from(["replace", "ignore", "backslashreplace"])))


@st.composite
def long_line(draw: st.DrawFn) -> bytes:
    unit = draw(st.text(TEXTY, min_size=1, max_size=8))
    return (unit * draw(st.integers(1000, 6000))).encode("utf-8", errors="replace")


# text-like bytes: a BOM, then segments each in its own encoding (so mixed encodings in one file),
# some of them very long lines
TEXT_LIKE = st.builds(
    lambda bom, parts: bom + b"".join(parts),
    st.sampled_from(BOMS),
    st.lists(st.one_of(encoded_segment(), long_line(), st.binary(max_size=40)), max_size=6),
)


@PROPERTY
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_document_or_an_input_error(data: bytes) -> None:
    read_or_error(data)


@PROPERTY
@given(TEXT_LIKE, st.sampled_from([None, "a.txt", "a.html", "a.md"]))
def test_text_like_bytes_give_a_document_or_an_input_error(data: bytes, path: str | None) -> None:
    read_or_error(data, path=path)


@PROPERTY
@given(
    st.text(TEXTY, max_size=500).filter(lambda t: "<" not in t and "\x00" not in t),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)
def test_unicode_text_is_read_as_it_is(text: str, codec: str) -> None:
    """Text without markup or NULs, in UTF-8 (with or without its BOM) or UTF-16 or UTF-32 with theirs, comes
    back unchanged when it is read at all. (A NUL is binary; "\x00" in UTF-16, FF FE 00 00, is UTF-32's BOM.)"""
    doc = read_or_error(text.encode(codec))
    if doc is not None:
        assert doc.text == text.removeprefix("\ufeff")


@settings(PROPERTY, max_examples=60)
@given(TEXT_LIKE)
def test_files_give_a_document_or_an_input_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        try:
            doc = read_path(path, LIMITS)
        except InputError:
            return
        assert doc.path == str(path) and doc.sha256 == hashlib.sha256(data).hexdigest()


# any str the Python API is given as the document itself: lone surrogates included (json.loads and
# os.fsdecode make them); "http://..." strings are URLs and are left out
LONE_SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"])
# (st.text drops surrogates whatever its alphabet, so the characters are joined by hand)
ANY_STR = (
    st.lists(st.one_of(st.characters(codec=None), TEXTY, LONE_SURROGATES), max_size=300)
    .map("".join)
    .filter(lambda t: not t.lstrip().startswith(("http://", "https://")))
)


@PROPERTY
@given(ANY_STR)
def test_any_text_given_as_a_string_gives_a_document_or_an_input_error(text: str) -> None:
    try:
        doc = read_source(text, LIMITS)
    except InputError:
        return
    assert isinstance(doc, Document)
    doc.text.encode("utf-8")


# --- HTML ------------------------------------------------------------------------------------------

TAGS = ["html", "head", "body", "div", "p", "span", "article", "section", "main", "header", "footer", "nav"]
TAGS += ["table", "tbody", "tr", "td", "th", "ul", "ol", "li", "h1", "h2", "b", "i", "a", "blockquote", "pre"]
TAGS += ["figure", "figcaption", "title", "noscript", "template", "svg", "time", "font", "center", "xmp"]
ATTRIBUTES = [
    "",
    ' class="credit"',
    ' class="byline"',
    " class='copyright photo'",
    ' id="main"',
    ' href="javascript:void(0)"',
    ' style="display:none"',
    ' lang="ru" dir="rtl"',
    ' datetime="2021-13-45"',
    " data-x='&amp;\"<>'",
    " class=unquoted",
    ' class="a" class="b"',
    ' broken="never closed',
]
WORDS = [
    "Vladimir Putin met Joe Biden in Geneva on June 16, 2021.",
    "Emmanuel Macron hosted Olaf Scholz in Paris.",
    "June 4, 2000:",
    "Alexei Panov / TASS",
    "Reuters",
    "&amp;",
    "&nbsp;",
    "&#8212;",
    "&#x1F600;",
    "&#0;",
    "&#xD800;",
    "&#99999999;",
    "&bogus;",
    "&",
    "<",
    ">",
    "]]>",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1f",
    "\ufeff",
    "\uffff",
    "\r\n",
]
VOIDS = ["<br>", "<br/>", "<hr>", '<img src="x.jpg" alt="a photo">', "<input>", "<wbr>"]
ODDITIES = [
    "<!-- a comment -->",
    "<!-- an unclosed comment",
    "<!---->",
    "<![CDATA[ raw <p> ]]>",
    "<?php echo 1; ?>",
    "<script>if (a < b) { document.write('</div><p>'); }</script>",
    "<script>",
    "<style>p { color: red }</style>",
    "</p>",
    "</td></tr></table>",
    "</body>",
    "</html>",
    "<p",
    "<",
    "</",
    "<<p>>",
    '<meta property="article:published_time" content="2021-06-16T10:00:00Z">',
    '<meta name="date" content="not a date">',
    '<meta charset="shift_jis">',
    '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">',
    '<link rel="canonical" href="http://[::1">',
]
PROLOGUES = [
    "",
    "<!DOCTYPE html>",
    "<!doctype html>\n",
    "<?xml version='1.0' encoding='utf-8'?>",
    '<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">',
    "\ufeff<!DOCTYPE html>",
    "<html>",
    "   \n\n<html><body>",
]
EMPTY_PAGES = ["<html></html>", "<html><body></body></html>", "<body>", "<p></p>", "<html><head><title></title></head>"]

LEAF = st.one_of(
    st.sampled_from(WORDS + VOIDS + ODDITIES + EMPTY_PAGES),
    st.text(TEXTY, max_size=40),
)


def element(tag: str, attributes: str, children: list[str], closed: bool) -> str:
    return f"<{tag}{attributes}>" + "".join(children) + (f"</{tag}>" if closed else "")


def nested_table(children: list[str]) -> str:
    return "<table><tr>" + "".join(f"<td>{c}</td>" for c in children) + "</tr></table>"


HTML_TREE = st.recursive(
    LEAF,
    lambda inner: st.one_of(
        st.builds(
            element,
            st.sampled_from(TAGS),
            st.sampled_from(ATTRIBUTES),
            st.lists(inner, max_size=4),
            st.booleans(),
        ),
        st.builds(nested_table, st.lists(inner, min_size=1, max_size=3)),
        st.builds(
            lambda caption, credit, after: (
                f"<figure><img src=p.jpg><figcaption>{caption}"
                f'<span class="credit">{credit}</span>{after}</figcaption></figure>'
            ),
            inner,
            inner,
            inner,
        ),
    ),
    max_leaves=25,
)

HTML_PAGE = st.builds(
    lambda prologue, parts: prologue + "".join(parts),
    st.sampled_from(PROLOGUES),
    st.lists(HTML_TREE, min_size=1, max_size=4),
)


@settings(PROPERTY, max_examples=120)
@given(
    HTML_PAGE,
    st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1251", "shift_jis"]),
    st.sampled_from([(None, None), ("text/html", None), (None, "page.html"), ("application/xhtml+xml", None)]),
)
def test_html_gives_a_document_or_an_input_error(html: str, codec: str, kind: tuple[str | None, str | None]) -> None:
    media_type, path = kind
    doc = read_or_error(html.encode(codec, errors="replace"), media_type=media_type, path=path)
    if doc is not None and (media_type or path):
        assert doc.media_type == "text/html"


@settings(PROPERTY, max_examples=60)
@given(st.lists(st.sampled_from(WORDS[:5]), min_size=1, max_size=3), st.sampled_from(["", "Reuters", "AP Photo"]))
def test_every_figure_caption_is_in_the_text(captions: list[str], credit: str) -> None:
    """Captions the main text leaves out are added to it, so each can be cited as evidence."""
    figures = "".join(
        f'<figure><img src="{n}.jpg"><figcaption>{c}<span class="credit">{credit}</span></figcaption></figure>'
        for n, c in enumerate(captions)
    )
    doc = read_or_error(f"<html><body><article><p>{WORDS[1]}</p>{figures}</article></body></html>".encode())
    assert doc is not None
    for c in doc.captions:
        assert c.caption is not None and c.caption in doc.text, (c, doc.text)


# --- regressions the properties found ----------------------------------------------------------------


def test_text_with_a_lone_surrogate_is_read_with_a_replacement_character() -> None:
    """read_source("...\\ud83d...") raised UnicodeEncodeError: a cut-off emoji from json.loads."""
    doc = read_source("Vladimir Putin met Joe Biden \ud83d in Geneva.", LIMITS)
    assert doc.text == "Vladimir Putin met Joe Biden \ufffd in Geneva."


def test_text_with_a_surrogate_pair_is_read_as_its_character() -> None:
    doc = read_source("Geneva \ud83d\ude00", LIMITS)
    assert doc.text == "Geneva \U0001f600"


def test_utf32_with_its_bom_is_read_as_utf32() -> None:
    """UTF-32's BOM (FF FE 00 00) also opens UTF-16's: the file was read as UTF-16, a NUL after each letter."""
    doc = read_bytes("Emmanuel Macron hosted Olaf Scholz.".encode("utf-32"), label="u32")
    assert doc.text == "Emmanuel Macron hosted Olaf Scholz."


def test_binary_after_a_utf16_bom_is_not_text() -> None:
    """Bytes after a UTF-16 BOM were never checked for binary: NULs and control characters became the text."""
    data = b"\xff\xfe" + "PK\x03\x04\x14\x00\x00\x00\x08\x00".encode("utf-16-le") * 20
    with pytest.raises(NotTextError, match="binary"):
        read_bytes(data, label="zip")


def test_a_stray_nul_past_the_first_8_kib_is_dropped() -> None:
    """A NUL past the head was kept in the text, and PostgreSQL refuses to store a text with a NUL."""
    line = "Vladimir Putin met Joe Biden in Geneva on June 16, 2021.\n"
    doc = read_bytes((line * 200 + "\x00" + line).encode(), label="nul")
    assert doc.text == line * 201


def test_a_control_character_after_a_photo_credit_is_no_crash() -> None:
    """figure_captions cut the credit out of its <figcaption> with lxml, which raised ValueError ("All strings
    must be XML compatible") when a control character followed the credit: a form feed was enough."""
    page = b'<p>Joe Biden met Vladimir Putin.</p><figure><figcaption>Geneva<span class="credit">AP</span>\x0c'
    doc = read_bytes(page + b"</figcaption></figure>", label="page.html")
    assert doc.captions == [Caption("Geneva", "AP")]
