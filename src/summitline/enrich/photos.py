"""Photos: the caption of a gallery block and the credit line that closes it."""

from __future__ import annotations

from ..clean import inline_credit
from ..records import Caption, Evidence
from ..segment import Paragraph


def photo_of(paragraphs: list[Paragraph], text: str) -> tuple[Caption | None, list[Evidence]]:
    """A block that ends with a credit line is a photo: its first paragraph is the caption."""
    credit = next((p for p in paragraphs if p.kind == "credit"), None)
    # the caption: the first paragraph that is neither the credit nor a heading ("June 4, 2000:", "1 / 12")
    first = next((p for p in paragraphs if p.kind == "text"), None)
    if first is None:
        return None, []
    inline = inline_credit(first.text)
    if credit is None and inline is None:
        return None, []
    evidence = [Evidence("photo.caption", first.start, first.end, first.text)]
    if credit is not None:
        evidence.append(Evidence("photo.credit", credit.start, credit.end, credit.text))
        return Caption(first.text, credit.text), evidence
    start = first.start + first.text.rfind(inline)  # type: ignore[arg-type]
    evidence.append(Evidence("photo.credit", start, start + len(inline), inline))  # type: ignore[arg-type]
    return Caption(first.text, inline), evidence
