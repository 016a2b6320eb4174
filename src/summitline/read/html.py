"""HTML to text, through trafilatura: the one module that imports it."""

from __future__ import annotations

import logging
import re

from ..records import Caption

log = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
# characters XML does not allow: lxml parses them into the tree but refuses to rebuild text around them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def html_to_text(html: str) -> tuple[str, str | None, str | None, list[Caption]]:
    """Return (main text, title, publication date, figure captions) of an HTML page."""
    import trafilatura

    # trafilatura logs noisy warnings on broken pages; they are not ours to show
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, deduplicate=False
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        log.debug("trafilatura failed: %s", exc)
        result = None
    text = title = date = None
    if result is not None:
        text = getattr(result, "text", None)
        title = getattr(result, "title", None)
        date = getattr(result, "date", None)
    return text or "", title, date, figure_captions(html)


def figure_captions(html: str) -> list[Caption]:
    """Captions of <figure> elements, with the credit where the page marks one."""
    try:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(_NOT_XML.sub(" ", html))
    except Exception:  # unparseable markup: no captions, the text may still be usable
        return []
    captions = []
    for fig in tree.iter("figcaption"):
        credit_nodes = fig.xpath(
            ".//*[contains(@class,'credit') or contains(@class,'copyright') or contains(@class,'byline')]"
        )
        credit = " ".join(_SPACE.sub(" ", n.text_content()).strip() for n in credit_nodes) or None
        for n in credit_nodes:
            n.drop_tree()
        caption = _SPACE.sub(" ", fig.text_content()).strip() or None
        if caption or credit:
            captions.append(Caption(caption=caption, credit=credit))
    return captions
