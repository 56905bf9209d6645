"""trafilatura's extracted body (its own XML vocabulary) as HTML, for our Markdown converter.

trafilatura's Markdown output drops block quotes and cannot tell our asset images from
remote ones, so we take its XML body and convert it the same way as feed and Wallabag
content: one converter, one Markdown style across formats.
"""

from __future__ import annotations

from copy import deepcopy
from urllib.parse import urljoin

from lxml import etree

_SIMPLE = {
    "item": "li",
    "quote": "blockquote",
    "ref": "a",
    "graphic": "img",
    "lb": "br",
    "row": "tr",
    "del": "del",
    "body": "div",
    "doc": "div",
    "main": "div",
    "comments": "div",
    "div": "div",
    "p": "p",
    "table": "table",
    "figure": "figure",
    "note": "span",
    "label": "span",
}
_HI = {"#b": "strong", "#i": "em", "#t": "code", "#u": "u", "#sup": "sup", "#sub": "sub"}


def as_html(body: etree._Element, base_url: str = "") -> etree._Element:
    """A renamed copy of ``body``: head/list/item/quote/hi/ref/graphic become HTML tags;
    links are made absolute against ``base_url`` (only the article's links: resolving
    every link of the page first took longer than converting the article)."""
    copy = deepcopy(body)
    for element in copy.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag
        rend = element.get("rend", "") or ""
        if tag == "head":
            level = rend[1:] if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else "2"
            element.tag = f"h{level}"
        elif tag == "list":
            element.tag = "ol" if rend == "ol" else "ul"
        elif tag == "hi":
            element.tag = _HI.get(rend, "span")
        elif tag == "cell":
            element.tag = "th" if element.get("role") == "head" else "td"
        elif tag == "code":
            element.tag = "pre" if "\n" in "".join(element.itertext()) else "code"
        elif tag == "ref":
            element.tag = "a"
            target = (element.get("target", "") or "").strip()
            element.set("href", urljoin(base_url, target) if base_url and target else target)
        else:
            element.tag = _SIMPLE.get(tag, "span" if element.text or len(element) else "div")
    return copy
