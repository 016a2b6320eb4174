"""Bytes to text: encoding detection, with clear errors for what is not text."""

from __future__ import annotations

from ..errors import NotTextError

_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))
_NO_CONTROLS = str.maketrans("", "", _CONTROL.decode("ascii"))
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # before UTF-16's: FF FE opens both
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters in the first 8 KiB, mean not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > max(8, len(head) // 50)


def looks_binary_text(text: str) -> bool:
    """The same test on decoded text, for UTF-16 and UTF-32, whose bytes hold NULs by design."""
    head = text[:8192]
    if "\x00" in head:
        return True
    controls = len(head) - len(head.translate(_NO_CONTROLS))
    return controls > max(8, len(head) // 50)


def decode_text(data: bytes, label: str) -> str:
    """Decode a document's bytes: UTF-32 or UTF-16 by their BOM, UTF-8 (with or without BOM), then a detected
    charset. A NUL past the first 8 KiB (where it would have meant binary) is dropped: no store keeps it."""
    if not data.strip():
        raise NotTextError(f"{label}: the document is empty; give a file with text or HTML in it")
    for boms, codec in ((_UTF32_BOMS, "utf-32"), (_UTF16_BOMS, "utf-16")):
        if data.startswith(boms):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise NotTextError(f"{label}: starts as {codec.upper()} but does not decode ({exc.reason})") from None
            if looks_binary_text(text):
                raise NotTextError(f"{label}: this is a binary file, not text or HTML; give a .txt or .html document")
            return text.replace("\x00", "")
    if looks_binary(data):
        raise NotTextError(f"{label}: this is a binary file, not text or HTML; give a .txt or .html document")
    return _decode_8bit(data, label).replace("\x00", "")


def _decode_8bit(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise NotTextError(
            f"{label}: the bytes cannot be decoded as text in any known encoding; convert the document to UTF-8 first"
        )
    text = str(best)
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise NotTextError(f"{label}: the text is mostly undecodable; convert the document to UTF-8 first")
    return text


def encode_text(text: str) -> bytes:
    """UTF-8 bytes of a string given as the document itself. A Python string may hold surrogate code points
    (``json.loads`` of a cut-off emoji, ``os.fsdecode``), which UTF-8 cannot encode: a pair becomes its
    character and a lone one U+FFFD, as undecodable bytes do."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        repaired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        return repaired.encode("utf-8")


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml"))
        or "<html" in head
        or ("<body" in head or "<div" in head or "<p>" in head)
    )
