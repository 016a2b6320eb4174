"""HTML to text, through trafilatura: the one module that imports it (and htmldate and lxml behind it).

A page is parsed once, by trafilatura's own loader (lxml's HTML parser), and that one tree gives all we
take from it:

- the figure captions, with their credits, read without changing the tree;
- the title and the publication date, by the calls trafilatura's metadata extraction makes for them
  (meta tags, OpenGraph and JSON-LD; the page's title elements; htmldate on the same tree, with the
  settings trafilatura gives it), and only those: the author, site name, categories, tags and licence,
  which we do not use, cost more than the title and date together (the author alone copies the tree);
- the main text, by ``bare_extraction`` over the tree (it works on a copy of its own), with its fallback
  extractors: ``fast`` mode, which skips them, changes the text of 44 of the 483 pages of ``corpus/web``,
  some of them losing most of it.

Text, title, date and captions are those of the two parses this replaced on every page of ``corpus/web``.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from ..records import Caption

log = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
# characters XML does not allow: trafilatura's loader drops them before it parses; lxml's own parser (a
# fragment's) keeps them, and in a caption they are spaces
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CREDIT = ".//*[contains(@class,'credit') or contains(@class,'copyright') or contains(@class,'byline')]"


def html_to_text(html: str) -> tuple[str, str | None, str | None, list[Caption]]:
    """Return (main text, title, publication date, figure captions) of an HTML page, parsed once."""
    import trafilatura

    # trafilatura logs noisy warnings on broken pages; they are not ours to show
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        tree = trafilatura.load_html(html)
    except Exception as exc:  # lxml raises many kinds on broken markup
        log.debug("the page could not be parsed: %s", exc)
        tree = None
    if tree is None:  # no page to trafilatura (a fragment of one block): no main text, but it may hold captions
        return "", None, None, figure_captions(_fragment_tree(html))
    captions = figure_captions(tree)
    title = published = text = None
    try:
        title, published = page_title_and_date(tree)
        result = trafilatura.bare_extraction(
            tree, with_metadata=False, include_comments=False, include_tables=False, deduplicate=False
        )
        text = getattr(result, "text", None)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        log.debug("trafilatura failed: %s", exc)
    return text or "", title, published, captions


def _fragment_tree(html: str) -> Any:
    """A fragment trafilatura's loader refuses, by lxml's own parser; None when it cannot be parsed."""
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(html)
    except Exception:  # unparseable markup: nothing to read
        return None


def figure_captions(tree: Any) -> list[Caption]:
    """Captions of <figure> elements, with the credit where the page marks one; the tree is left as it is."""
    if tree is None:
        return []
    captions = []
    for fig in tree.iter("figcaption"):
        credit_nodes = fig.xpath(_CREDIT)
        credit = " ".join(_clean(n.text_content()) for n in credit_nodes) or None
        caption = _clean(_text_outside(fig, set(credit_nodes))) or None
        if caption or credit:
            captions.append(Caption(caption=caption, credit=credit))
    return captions


def _text_outside(element: Any, left_out: set[Any]) -> str:
    """The text of ``element`` without that of the ``left_out`` elements in it (their tails kept)."""
    parts = [element.text or ""]
    for child in element:
        if child not in left_out and isinstance(child.tag, str):
            parts.append(_text_outside(child, left_out))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", _NOT_XML.sub(" ", text)).strip()


def page_title_and_date(tree: Any) -> tuple[str | None, str | None]:
    """The page's title and publication date as trafilatura's metadata extraction finds them."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url

    metadata = examine_meta(tree)
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception as exc:  # trafilatura's JSON-LD reader fails on some malformed blocks
        log.debug("JSON-LD metadata unreadable: %s", exc)
    if not metadata.title:
        metadata.title = extract_title(tree)
    url = metadata.url or extract_url(tree)
    metadata.date = find_date(
        tree, extensive_search=True, original_date=True, max_date=date.today().isoformat(), url=url
    )
    metadata.clean_and_trim()  # entities decoded, spaces and control characters trimmed, as trafilatura does
    return metadata.title, metadata.date
