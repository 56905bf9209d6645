"""What the faster page import must keep doing (issue 17, speed), on small hand-written pages.

Each speed-up changed how a step works, not what it gives: these pin the behaviour the
slower code had, where the 130 Readability pages might not cover it.
"""

from __future__ import annotations

from pathlib import Path

from reader.importers import import_file
from reader.importers.html_page import _prepare_links
from reader.importers.page_tree import drop_code, parse_page
from reader.importers.related_links import take_related

from .test_extraction_fixes import SENTENCES, paragraphs, write_page


def test_unwrapped_links_leave_one_text_run(tmp_path: Path) -> None:
    """Links without a usable target lose their tag; their text joins the neighbours' as
    one text node (separate nodes made trafilatura's text queries quadratic)."""
    names = "".join(f'<a href="/users/u{n}">user{n}</a>, ' for n in range(50))
    root = parse_page(f"<html><body><p>Kudos from {names}and others.</p></body></html>")
    _prepare_links(root, "", tmp_path / "page.html")
    paragraph = root.find(".//p")
    assert len(paragraph) == 0
    assert len(paragraph.xpath("text()")) == 1
    assert paragraph.text.startswith("Kudos from user0, user1, ")
    assert paragraph.text.endswith("user49, and others.")


def test_nested_unwrapped_links_keep_their_text_in_order(tmp_path: Path) -> None:
    root = parse_page(
        '<html><body><p>Go <a href="javascript:x()">to <a href="#">the</a> top</a> now '
        '<a href="https://example.org/a">or here</a>.</p></body></html>'
    )
    _prepare_links(root, "", tmp_path / "page.html")
    paragraph = root.find(".//p")
    assert paragraph.text == "Go to the top now "
    assert [link.get("href") for link in paragraph.iter("a")] == ["https://example.org/a"]


def test_relative_links_resolve_against_the_page_address(tmp_path: Path) -> None:
    """Only the article's links are joined with the page's address, after extraction;
    the result is the address the old join-everything-first code gave."""
    link_paragraph = (
        '<p>The <a href="/reports/2024.html">full readings</a> and the '
        '<a href="../data/rivers.csv?year=2024">raw data</a> are online; write to '
        '<a href="mailto:desk@example.org">the desk</a> or '
        '<a href="javascript:void(0)">subscribe</a>.</p>'
    )
    head = (
        "<title>Warmer rivers</title>"
        '<link rel="canonical" href="https://news.example/science/2024/rivers.html">'
    )
    body = f"<article>{paragraphs(0, 3)}{link_paragraph}{paragraphs(3)}</article>"
    article = import_file(write_page(tmp_path, body, head))
    assert "[full readings](https://news.example/reports/2024.html)" in article.body
    assert "[raw data](https://news.example/science/data/rivers.csv?year=2024)" in article.body
    assert "[the desk](mailto:desk@example.org)" in article.body
    assert "subscribe." in article.body
    assert "javascript" not in article.body


def test_related_headings_in_any_case_and_with_punctuation() -> None:
    """Headings are found without folding every piece of text first: an ASCII heading in
    capitals and one with non-ASCII punctuation are still recognised."""
    links = "".join(
        f'<li><a href="https://news.example/{n}.html">Story number {n} of the valley</a></li>'
        for n in range(3)
    )
    page = (
        f"<html><body><article>{paragraphs()}</article>"
        f"<div><h3>RELATED STORIES</h3><ul>{links}</ul></div>"
        f"<section><h4>Leggi anche \u2192</h4><ul>{links.replace('news', 'altro')}</ul>"
        "</section></body></html>"
    )
    root = parse_page(page)
    related = take_related(root, "")
    assert len(related) == 6
    assert not root.xpath("//h3 | //h4")


def test_scripts_go_but_json_ld_stays() -> None:
    root = parse_page(
        "<html><head><style>p { color: red }</style>"
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
        "<body><script>var story = 1;</script><p>Text</p></body></html>"
    )
    drop_code(root)
    assert [element.get("type") for element in root.iter("script")] == ["application/ld+json"]
    assert not root.xpath("//style")
    assert root.find(".//p").text == "Text"


def test_code_in_the_article_is_not_text_and_json_ld_still_names_the_author(
    tmp_path: Path,
) -> None:
    head = (
        "<title>Warmer rivers</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Warmer rivers", "author": {"name": "Ada Brook"}}</script>'
    )
    body = (
        f"<article>{paragraphs(0, 3)}<script>document.write('tracking pixel')</script>"
        f"<style>.x {{ color: blue }}</style>{paragraphs(3)}</article>"
    )
    article = import_file(write_page(tmp_path, body, head))
    assert article.author == "Ada Brook"
    assert SENTENCES[-1] in article.body
    assert "tracking" not in article.body
    assert "color" not in article.body


def test_parsed_pages_keep_lxml_html_element_methods() -> None:
    """Elements get lxml.html's class without its per-element lookup: forms, inputs and
    labels are plain HtmlElements, and the methods the extractors call work on them."""
    root = parse_page(
        "<html><body><form><label>Name <input name='n'></label></form>"
        "<div><p>Kept <b>text</b></p></div></body></html>"
    )
    form = root.find(".//form")
    assert form.text_content() == "Name "
    root.find(".//b").drop_tag()
    assert root.find(".//p").text_content() == "Kept text"
