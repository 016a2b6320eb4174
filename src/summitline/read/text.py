"""Bytes to text: encoding detection, with clear errors for what is not text."""

from __future__ import annotations

from ..errors import NotTextError

_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters in the first 8 KiB, mean not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > max(8, len(head) // 50)


def decode_text(data: bytes, label: str) -> str:
    """Decode a document's bytes: UTF-8 (with or without BOM) first, then a detected charset."""
    if not data.strip():
        raise NotTextError(f"{label}: the document is empty; give a file with text or HTML in it")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NotTextError(f"{label}: starts as UTF-16 but does not decode ({exc.reason})") from None
    if looks_binary(data):
        raise NotTextError(f"{label}: this is a binary file, not text or HTML; give a .txt or .html document")
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


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml"))
        or "<html" in head
        or ("<body" in head or "<div" in head or "<p>" in head)
    )
