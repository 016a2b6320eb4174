"""read/html.py: one parse per page gives its main text, title, publication date and figure captions."""

from __future__ import annotations

from typing import Any

import pytest

from summitline.read.html import figure_captions, html_to_text, page_title_and_date
from summitline.records import Caption

BODY = (
    "<p>The two foreign ministers spent the morning on a long list of trade questions, from fishing quotas to "
    "the tariffs on steel that both sides have raised twice since the spring.</p>"
    "<p>In the afternoon they walked along the river to the old customs house, where a small exhibition on "
    "the history of the border had been opened for the occasion.</p>"
    "<figure><img src='walk.jpg'><figcaption>The ministers at the customs house. "
    "<span class='photo-credit'>Jane Roe / Example Agency</span></figcaption></figure>"
)


def page(head: str = "", body: str = BODY) -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>"


def test_the_meta_published_time_title_captions_and_text_come_from_one_page() -> None:
    head = (
        "<title>Ministers meet | The Example Times</title>"
        '<meta property="og:title" content="Ministers walk to the customs house">'
        '<meta property="article:published_time" content="2019-03-14T09:30:00+00:00">'
    )
    text, title, published, captions = html_to_text(page(head))
    assert title == "Ministers walk to the customs house"
    assert published == "2019-03-14"
    assert captions == [Caption("The ministers at the customs house.", "Jane Roe / Example Agency")]
    assert text.startswith("The two foreign ministers spent the morning") and "old customs house" in text


def test_the_publication_date_of_json_ld_is_read() -> None:
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Ministers by the river", "datePublished": "2020-11-02T07:00:00Z"}</script>'
    )
    _, title, published, _ = html_to_text(page(head))
    assert (title, published) == ("Ministers by the river", "2020-11-02")


def test_the_publication_date_of_a_time_element_is_read() -> None:
    _, _, published, _ = html_to_text(page(body='<time datetime="2021-05-07">7 May</time>' + BODY))
    assert published == "2021-05-07"


def test_a_page_without_a_date_has_none() -> None:
    assert html_to_text(page("<title>Undated</title>"))[2] is None


def test_the_page_is_parsed_once_and_its_tree_handed_to_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    import lxml.html
    import trafilatura

    loads: list[Any] = []
    given: list[Any] = []
    load, extract = trafilatura.load_html, trafilatura.bare_extraction
    monkeypatch.setattr(trafilatura, "load_html", lambda html: loads.append(html) or load(html))
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda tree, **how: given.append(tree) or extract(tree, **how))
    monkeypatch.setattr(lxml.html, "fromstring", lambda *a, **k: pytest.fail("the page was parsed a second time"))
    text, _, _, captions = html_to_text(page())
    assert len(loads) == 1 and isinstance(loads[0], str)
    assert len(given) == 1 and isinstance(given[0], lxml.html.HtmlElement)
    assert "fishing quotas" in text and captions


def test_reading_the_captions_leaves_the_tree_as_it_was() -> None:
    """The tree goes on to trafilatura after its captions are read: cutting the credit out of a caption
    (``drop_tree``, as the second parse did) would cut it out of the main text too."""
    import trafilatura

    tree = trafilatura.load_html(page())
    before = lxml_text(tree)
    assert (
        figure_captions(tree)
        == figure_captions(tree)
        == [Caption("The ministers at the customs house.", "Jane Roe / Example Agency")]
    )
    assert lxml_text(tree) == before


def lxml_text(tree: Any) -> str:
    return str(tree.text_content())


def test_a_caption_loses_its_control_characters_as_the_main_text_does() -> None:
    """trafilatura's loader drops the characters XML does not allow before the one parse, so a caption is
    read as the main text is (the second parse made them spaces, and such a caption was not found in the
    text it belonged to)."""
    body = BODY.replace("customs house. ", "cust\x01oms house. ")
    assert html_to_text(page(body=body))[3][0].caption == "The ministers at the customs house."


def test_a_fragment_trafilatura_refuses_still_gives_its_captions() -> None:
    fragment = "<figure><figcaption>A quay at dawn <span class='credit'>J. Roe</span></figcaption></figure>"
    assert html_to_text(fragment) == ("", None, None, [Caption("A quay at dawn", "J. Roe")])


def test_unparseable_markup_gives_nothing() -> None:
    assert html_to_text("") == ("", None, None, [])


def test_a_broken_json_ld_block_leaves_the_other_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura.metadata

    def broken(tree: Any, metadata: Any) -> Any:
        raise ValueError("bad JSON-LD")

    monkeypatch.setattr(trafilatura.metadata, "extract_meta_json", broken)
    tree = trafilatura.load_html(page('<meta property="article:published_time" content="2019-03-14">'))
    assert page_title_and_date(tree)[1] == "2019-03-14"
