"""A saved page's "read also" box: its links become related items (title + URL).

Pages mark the box either by a class/id (``related-posts``, ``leggi-anche`` ...) or by a
heading ("Related articles", "Leggi anche" ...) above a list of links. A box must be
mostly links, so a wrapper that merely has "related" in its class is never mistaken for
one. The boxes found are removed from the tree, so the extractor does not read them as
article text.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from reader.importers.scraped_text import NOISE_LINES, RELATED_HEADINGS
from reader.library.model import RelatedItem
from reader.library.text import normalize_title

_BOX_MARKER = re.compile(
    r"related|read-?also|readalso|leggi-?anche|correlat|see-?also|more-?stories|"
    r"also-?like|you-?may-?like|recommend"
)
"""Searched in the lowercased class and id (faster than a case-insensitive search)."""
_BOX_TAGS = frozenset({"aside", "section", "div", "ul", "ol", "nav", "footer"})
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "strong", "span", "div", "header"})
_TITLE_TAGS = ("h2", "h3", "h4", "h5", "h6")
_MIN_LINK_SHARE = 0.5
_MAX_BOX_TEXT = 6000
_MAX_HEADING_CLIMB = 3
_MAX_HEADING_TEXT = 60
_MAX_HEADING_WORDS = max(len(heading.split()) for heading in RELATED_HEADINGS) + 1
_MIN_TITLE_WORDS = 2
_HEADING_WORD = re.compile(
    "|".join(sorted({max(heading.split(), key=len) for heading in RELATED_HEADINGS}))
)
"""The longest word of each related-box heading: lowercased ASCII text without one is none
of them (searched case-sensitively in lowercased text: four times faster than ignoring case)."""
_NONBLANK_TEXT = etree.XPath("//text()[normalize-space()]")
_CARD_EXTRAS = re.compile(
    r"date|time|byline|author|kicker|label|comments?-count|read-?time", re.IGNORECASE
)
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|gen|mag|giu|lug|ago|set|ott|dic)"
    r"[a-z]*\.?"
)
_TRAILING_DATE = re.compile(
    rf"\s*[-–—|·•,]?\s*(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*$",
    re.IGNORECASE,
)
_TRAILING_BYLINE = re.compile(
    r"\s+(?:By|Di|Par|Von)\s+[A-ZÀ-Þ][\w.'-]*(?:\s+[A-ZÀ-Þ][\w.'-]*){1,3}\s*$"
)
_AD_NETWORKS = (
    "outbrain.com",
    "taboola.com",
    "doubleclick.net",
    "googleadservices.com",
    "googlesyndication.com",
    "revcontent.com",
    "zergnet.com",
    "adnxs.com",
    "criteo.com",
    "plista.com",
    "ligatus.com",
    "mgid.com",
    "content.ad",
    "adblade.com",
    "nativo.com",
    "sharethrough.com",
    "yieldmo.com",
)
_REDIRECT_PATH = re.compile(r"/(?:redir|redirect|click|clk|aclk|adclick|track)(?:/|$|\?|\.)", re.I)
_REDIRECT_KEYS = frozenset({"url", "u", "dest", "destination", "redirect", "redirect_url", "to"})
_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")


def take_related(root: etree._Element, base_url: str) -> list[RelatedItem]:
    """Find the related-links boxes of a page, remove them, and return their items."""
    boxes = _outermost(_marked_boxes(root) + _headed_boxes(root))
    items: list[RelatedItem] = []
    seen: set[str] = set()
    for box in boxes:
        for item in _items(box, base_url):
            key = item.url or normalize_title(item.title)
            if key not in seen:
                seen.add(key)
                items.append(item)
    for box in boxes:
        if box.getparent() is not None:
            box.drop_tree()
    return items


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _text(element: etree._Element) -> str:
    return " ".join(element.text_content().split())


def _longer_than(element: etree._Element, limit: int) -> bool:
    """Whether the element's text exceeds ``limit`` characters, reading no more than that
    (a page's every div is tested: its whole text would be read again for each)."""
    length = 0
    for piece in element.itertext():
        length += len(piece.strip())
        if length > limit * 2:
            return True
    return len(_text(element)) > limit


def _is_link_box(element: etree._Element) -> bool:
    text = _text(element)
    if not text or len(text) > _MAX_BOX_TEXT:
        return False
    links = [a for a in element.iter("a") if a.get("href")]
    if not links:
        return False
    linked = sum(len(_text(a)) for a in links)
    return linked / len(text) >= _MIN_LINK_SHARE


def _marked_boxes(root: etree._Element) -> list[etree._Element]:
    boxes = []
    for element in root.iter(*_BOX_TAGS):
        if element.get("class") is None and element.get("id") is None:
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if _BOX_MARKER.search(marker) and _is_link_box(element):
            boxes.append(element)
    return boxes


def _headed_boxes(root: etree._Element) -> list[etree._Element]:
    boxes = []
    for heading in _related_headings(root):
        if any(_tag(ancestor) == "a" for ancestor in heading.iterancestors()):
            continue
        box = _box_around(heading)
        if box is None:
            box = _box_after(heading)
        if box is not None:
            boxes.append(box)
    return boxes


def _related_headings(root: etree._Element) -> list[etree._Element]:
    """Elements whose whole text is a "related articles" heading, in document order.

    Found from the page's short text pieces, not by reading every element's text: that
    read each large container's whole text again and was most of the box search's time.
    """
    found: dict[etree._Element, None] = {}
    for piece in _NONBLANK_TEXT(root):
        if not _is_heading_text(piece):
            continue
        text = piece.strip()
        element = piece.getparent()
        if element is not None and not piece.is_text:
            element = element.getparent()  # a tail belongs to the element around it
        while element is not None and _tag(element) not in ("body", "html"):
            if _tag(element) in _HEADING_TAGS and not _longer_than(element, _MAX_HEADING_TEXT):
                if normalize_title(_text(element)) == normalize_title(text):
                    found[element] = None
            elif _longer_than(element, _MAX_HEADING_TEXT):
                break
            element = element.getparent()
    if len(found) < 2:
        return list(found)
    order = {element: n for n, element in enumerate(root.iter())}
    return sorted(found, key=order.__getitem__)


def _is_heading_text(piece: str) -> bool:
    """Whether a piece of the page's text says "Related articles" or the like.

    A short ASCII piece without the longest word of any heading cannot fold into one, and
    one regular expression says so: most pieces of a page are then never folded (folding
    them all was a third of the box search)."""
    text = piece.strip()
    if not text or len(text) > _MAX_HEADING_TEXT:
        return False
    if text.isascii() and not _HEADING_WORD.search(text.lower()):
        return False
    return len(text.split()) <= _MAX_HEADING_WORDS and normalize_title(text) in RELATED_HEADINGS


def _box_around(heading: etree._Element) -> etree._Element | None:
    """A parent (a few levels up) that holds the heading and is mostly links."""
    element = heading
    for _ in range(_MAX_HEADING_CLIMB):
        parent = element.getparent()
        if parent is None or _tag(parent) in ("body", "html", "article", "main"):
            return None
        has_other_links = any(
            a.get("href") and heading not in a.iterancestors() for a in parent.iter("a")
        )
        if has_other_links:
            return parent if _is_link_box(parent) else None
        element = parent
    return None


def _box_after(heading: etree._Element) -> etree._Element | None:
    """The list of links right after a heading that sits among the article's paragraphs."""
    sibling = heading.getnext()
    while sibling is not None and not _tag(sibling):
        sibling = sibling.getnext()
    if sibling is None or not _is_link_box(sibling):
        return None
    # Take the heading along: wrap both in a box so they are removed together.
    wrapper = heading.makeelement("div", {})
    heading.addprevious(wrapper)
    wrapper.append(heading)  # moves the heading (and its tail) into the wrapper
    wrapper.append(sibling)
    return wrapper


def _outermost(boxes: list[etree._Element]) -> list[etree._Element]:
    unique = list(dict.fromkeys(boxes))
    return [box for box in unique if not any(other in unique for other in box.iterancestors())]


def _items(box: etree._Element, base_url: str) -> list[RelatedItem]:
    items = []
    for link in box.iter("a"):
        url = _absolute(link.get("href", ""), base_url)
        if not url or is_advert_or_tracking(url):
            continue
        url = without_tracking(url)
        title = _link_title(link)
        folded = normalize_title(title)
        if (
            len(folded.split()) < _MIN_TITLE_WORDS
            or folded in RELATED_HEADINGS
            or folded in NOISE_LINES
        ):
            continue
        items.append(
            RelatedItem(title=title, url=url, teaser=_teaser(link), caption=_caption(link))
        )
    return items


def _link_title(link: etree._Element) -> str:
    """A card's headline when it has one, else the link's text; without the date or byline
    a card puts beside its headline ("Darfur Withers as Sudan Sells Food AUG. 9, 2008")."""
    for tag in _TITLE_TAGS:
        heading = next(link.iter(tag), None)
        if heading is not None and _title_text(heading):
            return _title_text(heading)
    return _title_text(link)


def _title_text(element: etree._Element) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            marker = f"{child.get('class', '')} {child.get('id', '')}"
            if isinstance(child.tag, str) and not (
                child.tag in ("time", "img") or _CARD_EXTRAS.search(marker)
            ):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    title = " ".join(" ".join(parts).split())
    return _TRAILING_DATE.sub("", _TRAILING_BYLINE.sub("", title)).strip()


def is_advert_or_tracking(url: str) -> bool:
    """An ad network's link, or a redirect that only counts the click: not a related article.

    Recommendation widgets (Outbrain, Taboola ...) sit where "related articles" do and
    look the same; their links go through the network's click counter, and what they
    recommend is advertising.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").casefold()
    if any(host == name or host.endswith("." + name) for name in _AD_NETWORKS):
        return True
    if _REDIRECT_PATH.search(parts.path):
        return True
    return any(
        key.casefold() in _REDIRECT_KEYS and urlsplit(value).scheme in ("http", "https")
        for key, value in parse_qsl(parts.query)
    )


def without_tracking(url: str) -> str:
    """The address without its campaign-tracking parameters (``utm_source`` ...)."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.casefold().startswith(_TRACKING_PREFIXES)
    ]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def _teaser(link: etree._Element) -> str:
    """A card's summary: the paragraph right after its link."""
    for sibling in link.itersiblings():
        if _tag(sibling) == "p":
            return _text(sibling)
        if _tag(sibling) == "a":
            break
    return ""


def _caption(link: etree._Element) -> str:
    image = next(link.iter("img"), None)
    return " ".join((image.get("alt") or "").split()) if image is not None else ""


def _absolute(href: str, base_url: str) -> str:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return ""
    url = urljoin(base_url, href) if base_url else href
    return url if urlsplit(url).scheme in ("http", "https") else ""
