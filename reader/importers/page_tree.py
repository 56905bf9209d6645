"""The saved page's tree as the extractor should see it, and what it must give back.

A saved page is the document as the browser showed it. Before extraction we take out
what the reader never saw (HTML comments, elements hidden by ``hidden`` or an inline
``display: none`` / ``visibility: hidden``); after it, we put back paragraphs that
trafilatura collapses: it keeps one of several identical consecutive paragraphs (a
refrain, a repeated notice), taking them for an artefact of its own passes.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)
# lxml.html's own parser picks each element's class in Python (a form gets FormElement...),
# a call for every element object the extractor touches (a few per cent of the import). Every
# element is an HtmlElement here, chosen in C; nothing we or trafilatura call needs more.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MIN_REPEATED_CHARACTERS = 40
"""Shorter repeats ("Advertisement", "Share") are boilerplate, not text to restore."""


def parse_page(text: str) -> etree._Element:
    """The page as a tree without comments: given comment nodes, trafilatura cuts the
    article short at them (pages lost half their paragraphs). Raises ``etree.ParserError``
    or ``ValueError`` for text that is no page."""
    return lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser=_PARSER)


def drop_hidden(root: etree._Element) -> None:
    """Elements the page hides are not part of what its reader saw."""
    hidden = [
        element
        for element in root.xpath("//*[@hidden or @style]")
        if element.tag not in ("html", "body")
        and (element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style", "")))
    ]
    for element in hidden:
        if element.getparent() is not None:
            element.drop_tree()


_CODE = etree.XPath("//style | //script[not(contains(@type, 'json'))]")


def drop_code(root: etree._Element) -> None:
    """Scripts and style sheets out, once the page's metadata has been read: they are not
    text. The extractor drops them too, but only after copying the tree several times
    and matching its patterns against them (up to a tenth of its time). Script data
    (JSON-LD) stays: the extractor reads it to tell a forum thread from an article, and
    for the article's text as a last resort."""
    for element in _CODE(root):
        element.drop_tree()


def repeated_paragraphs(root: etree._Element) -> dict[str, int]:
    """Text of each paragraph the page repeats within one container -> how many times."""
    counts: dict[tuple[etree._Element, str], int] = {}
    for paragraph in root.iter("p", "div"):
        if paragraph.tag == "div" and (len(paragraph) or not (paragraph.text or "").strip()):
            continue  # a div counts only when it is a bare paragraph of text
        text = _text(paragraph)
        if len(text) >= _MIN_REPEATED_CHARACTERS:
            key = (paragraph.getparent(), text)
            counts[key] = counts.get(key, 0) + 1
    runs: dict[str, int] = {}
    for (_parent, text), count in counts.items():
        if count > 1:
            runs[text] = max(runs.get(text, 0), count)
    return runs


def restore_repeats(body: etree._Element, runs: dict[str, int]) -> None:
    """Give back the copies of a repeated paragraph the extractor kept fewer times."""
    if not runs:
        return
    kept: dict[str, list[etree._Element]] = {}
    for element in body:
        text = _text(element)
        if element.tag == "p" and text in runs:
            kept.setdefault(text, []).append(element)
    for text, elements in kept.items():
        last = elements[-1]
        for _ in range(runs[text] - len(elements)):
            copy = etree.fromstring(etree.tostring(last))
            copy.tail = None
            last.addnext(copy)


def restore_link_spaces(body: etree._Element, root: etree._Element) -> None:
    """Give back the space after a link that the extractor trimmed away.

    trafilatura strips the whitespace at the start of the text after a link, so "the
    <a>Mozilla Foundation</a> and its subsidiary" came out as "[Mozilla Foundation](…)and"
    (shown "Mozilla Foundation↗and"). A link's text followed by a word is given its space
    back where the page has that link followed by whitespace and that word; a page that
    really glues a word to its link keeps it glued."""
    glued = [ref for ref in body.iter("ref") if ref.tail and ref.tail[0].isalnum()]
    if not glued:
        return
    spaced = {
        (_text(link), link.tail.split(None, 1)[0])
        for link in root.iter("a")
        if link.tail and link.tail[0].isspace() and link.tail.strip()
    }
    for ref in glued:
        if (_text(ref), ref.tail.split(None, 1)[0]) in spaced:
            ref.tail = " " + ref.tail


def _text(element: etree._Element) -> str:
    return " ".join(str(element.xpath("string()")).split())
