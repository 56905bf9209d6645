"""A saved page's title and byline, read the way Readability reads them.

trafilatura's body is the better half of the extractor; its title and author guesses
are not: it takes a page's first ``<h1>`` ("Allergies Health Center", a blog's "Hi, I'm
Nicolas."), splits ``<title>`` at the first dash, and returns logins ("Username") as
authors. Mozilla Readability's rules, measured on its 130 public test pages, agree with
what publishers declare far more often, so we follow them (our own code, same rules):

* title: the page's declared title (JSON-LD ``headline``, then ``dc:title``,
  ``og:title``, ``twitter:title`` ... meta tags), else ``<title>`` cut at its last
  hierarchical separator ("Headline | Section | Site" -> "Headline | Section" is
  avoided: see ``_document_title``), falling back to the whole ``<title>`` when the cut
  leaves too few words;
* byline: JSON-LD ``author``, then ``author``/``dc:creator``... meta tags, then an
  element marked as the byline (``rel=author``, ``itemprop=author``, class ``byline``).

What we add: a title segment that merely repeats the byline ("Headline | Eleanor Ainge
Roy") goes, and bylines lose their "By" and trailing dates.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import etree

from reader.library.text import normalize_title

_PROPERTY = re.compile(
    r"\s*(article|dc|dcterm|og|twitter)\s*:\s*(author|creator|description|published_time|"
    r"title|site_name)\s*",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(?:article|webpage))\s*[-.:]\s*)?"
    r"(author|creator|pub-date|description|title|site_name)\s*$",
    re.IGNORECASE,
)
_TITLE_KEYS = (
    "dc:title",
    "dcterm:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
)
_BYLINE_KEYS = ("dc:creator", "dcterm:creator", "author", "parsely-author")
_ARTICLE_TYPES = re.compile(
    r"^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|"
    r"BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|"
    r"SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|"
    r"LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference)$"
)
_SEPARATOR = re.compile(r" [|\-–—\\/>»] ")
_HIERARCHICAL = re.compile(r" [\\/>»] ")
_SEPARATOR_CHARS = re.compile(r"[|\-–—\\/>»]+")
_BYLINE_MARK = re.compile(r"byline|author|dateline|writtenby|p-author")
"""Searched in the lowercased class and id (faster than a case-insensitive search)."""
_MAX_BYLINE = 100
_BY = re.compile(
    r"^(?:(?:posted|written|published|words|text)\s+)?(?:by|par|di|von|por|door|av)\s*[:\-]?\s+",
    re.IGNORECASE,
)
_AFTER_NAMES = re.compile(r"\s*(?:[|•·]|[(\[]?https?://|[(\[]?www\.)")
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday updated published posted".split()
)
_UNLIKELY = re.compile(
    r"-ad-|banner|breadcrumbs|combx|comment|community|disqus|extra|footer|gdpr|header|menu|"
    r"related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|"
    r"popup|login|signin|sign-in|account",
    re.IGNORECASE,
)
_MAYBE = re.compile(r"and|article|body|column|content|main|shadow", re.IGNORECASE)
_TITLE_SEGMENTS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")


def extractor_metadata(root: etree._Element, url: str) -> object:
    """trafilatura's reading of the page's metadata (author, site, categories, tags, URL)
    and its date, found in the markup only.

    ``bare_extraction(with_metadata=True)`` also searches the page's text for a date with
    dateparser: that was half of the import's time, and on an encyclopedia page it took the
    founding date of the subject for the article's. A date the page does not declare in its
    markup is not one we can trust.
    """
    from htmldate import find_date
    from trafilatura import metadata as meta

    document = meta.examine_meta(root)
    if document.author and " " not in document.author:
        document.author = None
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader has known bugs
        document = meta.extract_meta_json(root, document)
    document.url = document.url or meta.extract_url(root, url or None)
    document.sitename = document.sitename or meta.extract_sitename(root)
    if document.sitename:
        document.sitename = document.sitename.lstrip("@")
    elif document.url:
        document.sitename = urlsplit(document.url).hostname or ""
    # Categories and tags as the page declares them only: guessing them from its links to
    # /category/ and /tag/ pages read a site's menus (and was a fifth of this pass).
    document.categories = document.categories or _meta_contents(root, _SECTION_XPATH)
    document.tags = document.tags or _meta_contents(root, _TAG_XPATH)
    try:
        document.date = find_date(
            root, extensive_search=False, original_date=True, url=document.url or None
        )
    except (ValueError, TypeError):
        document.date = None
    return document


_SECTION_XPATH = "//meta[@property='article:section' or @name='article:section']/@content"
_TAG_XPATH = (
    "//meta[@property='article:tag' or @name='article:tag' or @name='keywords' "
    "or @name='news_keywords']/@content"
)


def _meta_contents(root: etree._Element, xpath: str) -> list[str]:
    return [text for value in root.xpath(xpath) if (text := _clean(str(value)))]


def extractor_author(root: etree._Element) -> str:
    """trafilatura's guess at the author from the page's markup (a last resort: it reads
    every element's class)."""
    from trafilatura import metadata as meta

    return meta.extract_author(root) or ""


def meta_values(root: etree._Element) -> dict[str, str]:
    """The page's meta tags that name its title, author, site: ``{"og:title": ...}``."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = _clean(meta.get("content"))
        if not content:
            continue
        prop = meta.get("property") or ""
        matches = list(_PROPERTY.finditer(prop))
        for match in matches:
            key = f"{match.group(1)}:{match.group(2)}".lower().replace(" ", "")
            values[key] = content
        name = meta.get("name") or ""
        if not matches and _NAME.match(name):
            key = re.sub(r"\s+", "", name.lower()).replace(".", ":")
            values[key] = content
    return values


def json_ld(root: etree._Element) -> dict[str, str]:
    """Title and byline of the page's schema.org article object, when it declares one."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(re.sub(r"^\s*<!\[CDATA\[|\]\]>\s*$", "", script.text or ""))
        except (ValueError, RecursionError):
            continue
        for item in _objects(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(isinstance(kind, str) and _ARTICLE_TYPES.match(kind) for kind in kinds):
                continue
            found: dict[str, str] = {}
            title = _closest(
                [_clean(item.get("headline")), _clean(item.get("name"))],
                _clean(root.xpath("string(//title)")),
            )
            if title:
                found["title"] = title
            authors = _author_names(item.get("author"))
            if authors:
                found["byline"] = ", ".join(authors)
            return found
    return {}


def declared_metadata(root: etree._Element) -> dict[str, str]:
    """The title and byline the page declares (JSON-LD first, then meta tags); read once."""
    values = meta_values(root)
    found = json_ld(root)
    title = found.get("title") or next((values[k] for k in _TITLE_KEYS if values.get(k)), "")
    byline = found.get("byline") or next(
        (values[key] for key in _BYLINE_KEYS if values.get(key)), ""
    )
    return {"title": title, "byline": byline}


def page_title(
    root: etree._Element, declared: dict[str, str], author: str = "", site: str = ""
) -> str:
    """The article's title: the one the page declares, else its ``<title>`` without the
    site's name, or cut as Readability cuts it; a last segment naming the author goes."""
    title = declared.get("title", "")
    if not title:
        document_title = _clean(root.xpath("string(//title)"))
        title = without_site_name(document_title, site)
        if title == document_title:
            title = _document_title(root)
    return _without_author(title, author)


def without_site_name(title: str, site: str) -> str:
    """ "Headline | Site" -> "Headline": pages put their name in <title>; the reader shows
    the site apart. Only the page's own site name is cut, so a headline that merely
    contains a dash keeps every word."""
    if not site:
        return title
    # A site name may carry a tagline: "Aktuálně.cz - Víte, co se právě děje".
    names = {normalize_title(site)}
    names.update(normalize_title(site.split(separator)[0]) for separator in _TITLE_SEGMENTS)
    for separator in _TITLE_SEGMENTS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and normalize_title(tail) in names:
            return head.strip()
        tail, found, head = title.partition(separator)
        if found and head.strip() and normalize_title(tail) in names:
            return head.strip()
    return title


def page_byline(root: etree._Element, declared: dict[str, str]) -> str:
    """The author the page declares, or the text of its byline element; "" if neither."""
    byline = declared.get("byline", "")
    if byline and not byline.startswith(("http://", "https://")):
        return clean_byline(byline)
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "meta"):
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if (
            element.get("rel") == "author"
            or "author" in (element.get("itemprop") or "")
            or _BYLINE_MARK.search(marker)
        ) and not _in_page_furniture(element):
            text = _clean(element.xpath("string()"))
            if 0 < len(text) < _MAX_BYLINE and len(element.findall(".//a")) <= 2:
                byline = clean_byline(text)
                if byline:
                    return byline
    return ""


def _in_page_furniture(element: etree._Element) -> bool:
    """Inside a menu, header, sidebar or comment thread (as Readability skips them)."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("nav", "header", "footer", "aside", "form"):
            return True
        marker = f"{node.get('class', '')} {node.get('id', '')}"
        if _UNLIKELY.search(marker) and not _MAYBE.search(marker):
            return True
    return False


def clean_byline(text: str) -> str:
    """ "By Erin Cunningham" -> "Erin Cunningham"; one name given twice is one name
    ("Jeffrey Gettleman, JEFFREY GETTLEMAN"); a date or link after the names goes
    ("Our Foreign Staff 16 November 2017 • 2:15pm")."""
    text = _BY.sub("", _clean(text))
    text = _AFTER_NAMES.split(text, maxsplit=1)[0]
    words = text.split()
    cut = next((n for n, word in enumerate(words) if _is_date_word(word)), len(words))
    text = " ".join(words[:cut]).strip(" ,;-–—")
    names = [name.strip() for name in re.split(r",|;| and | & ", text)]
    unique: dict[str, str] = {}
    for name in names:
        if name:
            unique.setdefault(normalize_title(name), name)
    return ", ".join(unique.values())


def _is_date_word(word: str) -> bool:
    folded = word.casefold().strip(",.")
    return folded in _DATE_WORDS or any(character.isdigit() for character in folded)


def _document_title(root: etree._Element) -> str:
    """``<title>`` as Readability cuts it (see the module docstring)."""
    original = _clean(root.xpath("string(//title)"))
    headline = _headline_prefix(root, original)
    if headline:
        return headline
    title = original
    hierarchical = False
    separators = list(_SEPARATOR.finditer(title))
    if separators:
        hierarchical = bool(_HIERARCHICAL.search(title))
        title = original[: separators[-1].start()]
        if _words(title) < 3:
            title = re.sub(r"^[^|\-–—\\/>»]*[|\-–—\\/>»]", "", original)
    elif ": " in title:
        headings = {_clean(h.xpath("string()")) for h in root.iter("h1", "h2")}
        if title not in headings:
            title = original[original.rindex(":") + 1 :]
            if _words(title) < 3:
                title = original[original.index(":") + 1 :]
            elif _words(original[: original.index(":")]) > 5:
                title = original
    elif len(title) > 150 or len(title) < 15:
        ones = list(root.iter("h1"))
        if len(ones) == 1:
            title = _clean(ones[0].xpath("string()"))
    title = _clean(title)
    count = _words(title)
    if count <= 4 and (not hierarchical or count != _words(_SEPARATOR_CHARS.sub("", original)) - 1):
        title = original
    return title


def _headline_prefix(root: etree._Element, title: str) -> str:
    """The first segments of ``<title>`` when a heading of the page says exactly them:
    "Headline | News | Al Jazeera" with an ``<h1>`` "Headline" is "Headline" (cutting
    only the last segment would keep "| News")."""
    cuts = [match.start() for match in _SEPARATOR.finditer(title)]
    if len(cuts) < 2:
        return ""
    headings = {normalize_title(h.xpath("string()")) for h in root.iter("h1", "h2")}
    for cut in cuts[:-1]:
        if normalize_title(title[:cut]) in headings and _words(title[:cut]) >= 3:
            return _clean(title[:cut])
    return ""


def _without_author(title: str, author: str) -> str:
    """ "Headline | Eleanor Ainge Roy" -> "Headline" when Eleanor Ainge Roy wrote it."""
    names = {normalize_title(name) for name in author.split(",") if name.strip()}
    if not names:
        return title
    for separator in _TITLE_SEGMENTS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and normalize_title(tail) in names:
            return head.strip()
    return title


def _closest(candidates: list[str], document_title: str) -> str:
    """Of an article's ``headline`` and ``name`` (sites put a summary or their own name in
    one of them), the one that covers more of ``<title>``; the name on a tie."""
    headline, name = candidates
    if headline and name and headline != name:
        better = _similarity(headline, document_title) > _similarity(name, document_title)
        return headline if better else name
    return name or headline


def _similarity(text: str, other: str) -> float:
    """How much of ``other`` (by characters of its words) ``text``'s words cover."""
    words = set(normalize_title(text).split())
    other_words = normalize_title(other).split()
    total = sum(len(word) for word in other_words)
    missing = sum(len(word) for word in other_words if word not in words)
    return 1 - missing / total if total else 0.0


def _objects(data: object) -> Iterator[dict]:
    """Every object in a JSON-LD document, through lists and ``@graph``."""
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"])


def _author_names(value: object) -> list[str]:
    if isinstance(value, str):
        return [_clean(value)] if _clean(value) else []
    if isinstance(value, dict):
        return [_clean(value.get("name"))] if _clean(value.get("name")) else []
    if isinstance(value, list):
        return [name for item in value for name in _author_names(item)]
    return []


def _words(text: str) -> int:
    return len(text.split())


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) and value else ""
