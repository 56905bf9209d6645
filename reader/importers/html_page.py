"""Saved web pages (``.html``/``.htm``, and "Web page, complete" with its ``<name>_files/``).

trafilatura finds the article in the page and gives its text as Markdown with metadata
(title, author, date, categories, tags, site name, canonical URL). Around it we do what a
general extractor cannot know about an offline library:

* images: a local file (inside the page's folder, e.g. ``Page_files/photo.jpg``) is copied
  into the library's assets and linked by its bare name; a remote image is never fetched
  and stays as its alt text;
* links: made absolute against the page's canonical URL, or reduced to their text;
* the "read also" box becomes related items (see ``related_links``) instead of body text.

The page is parsed from the file's bytes only: trafilatura is given a parsed tree, never a
URL, so nothing is downloaded. The source file is only read.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

import lxml.html
from lxml import etree

from reader.importers.decoding import read_bytes
from reader.importers.errors import ImportFailure
from reader.importers.html_decoding import decode_html
from reader.importers.html_markdown import element_to_markdown, escape_inline, remote_image_as_alt
from reader.importers.parsed import ParsedArticle, ParsedFile
from reader.importers.related_links import take_related
from reader.importers.trafilatura_xml import as_html
from reader.library.lang import detect_language
from reader.library.model import Article, Source
from reader.library.text import normalize_title

_REMOTE_TOKEN = "reader-remote-{}.png"
_REMOTE_IMAGE = re.compile(r"^reader-remote-(\d+)\.png$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_IMAGE_ATTRIBUTES = ("src", "data-src", "data-original", "data-lazy-src")
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")
_ASSET_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_TAGS = 20
_MIN_ARTICLE_WORDS = 20
"""Fewer words than this is a menu, a login form or an error page, not an article."""
_MARKDOWN_TARGET = re.compile(r"\]\([^)]*\)")
_LINK_SCHEMES = ("http", "https", "mailto")


def parse_html_page(path: Path, *, folder: Path | None = None) -> ParsedFile:
    """Read one saved page into an article with its local images; ImportFailure if none.

    ``folder``: the page is one of a folder of pages being imported (a help set, a saved
    site). Then a short page is accepted (alone, a page of a few words is a menu or a login
    form; in a help set it is a page others link to: "Esegui: esegue la prima macro del
    modulo attivo"), and its images may come from anywhere in that folder (a relative
    ``<base>`` points at the set's root, where the shared images are), not only from
    beside the page."""
    short_ok = folder is not None
    data, sha256 = read_bytes(path)
    text, _encoding = decode_html(path, data)
    root = _parse_tree(path, text)
    lang = _declared_language(root)
    base_url = _page_url(root)
    related = take_related(root, base_url)
    images = _PageImages(path.parent, _image_base(root, path), folder)
    images.prepare(root)
    _prepare_links(root, base_url, path)
    document = _extract(root)
    extracted = getattr(document, "body", None)
    body = (
        element_to_markdown(as_html(extracted), image=images.markdown, relative_links=True)
        if extracted is not None
        else ""
    )
    if _word_count(body) < (1 if short_ok else _MIN_ARTICLE_WORDS):
        raise ImportFailure(path, "no article text found in the page")
    site = _clean(getattr(document, "sitename", None)) or _clean(
        getattr(document, "hostname", None)
    )
    title = _clean(getattr(document, "title", None)) or _fallback_title(root) or path.stem
    title = _without_site_name(_unsplit_title(title, root, site), site)
    body = _drop_title_heading(body, title)
    if not body.strip():
        raise ImportFailure(path, "no article text found in the page")
    url = _clean(getattr(document, "url", None)) or base_url
    categories = [_clean(c) for c in (getattr(document, "categories", None) or []) if _clean(c)]
    tags = list(dict.fromkeys(_split_tags(getattr(document, "tags", None) or [])))
    article = Article(
        title=title,
        body=body,
        author=_authors(getattr(document, "author", None)),
        published=_date(getattr(document, "date", None)),
        category=categories[0] if categories else "",
        tags=[tag for tag in tags if tag][:_MAX_TAGS],
        lang=lang or detect_language(f"{title} {body[:4000]}"),
        related=related,
        source=Source(kind="html", file=path.name, sha256=sha256, url=url),
    )
    return ParsedFile([ParsedArticle(article, images.used_assets(body), site_name=site)])


def _extract(root: etree._Element) -> object | None:
    import trafilatura

    return trafilatura.bare_extraction(
        root,
        with_metadata=True,
        include_images=True,
        include_links=True,
        include_formatting=True,
        include_comments=False,
        include_tables=True,
    )


def _parse_tree(path: Path, text: str) -> etree._Element:
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as error:
        raise ImportFailure(path, f"not a readable web page ({error})") from None
    return root


_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")


def _unsplit_title(title: str, root: etree._Element, site: str) -> str:
    """The whole headline when the extractor cut <title> at the wrong separator.

    Without a headline element the extractor splits <title> at " - " or " | " and keeps
    one side: "Il Giornale dei Fiumi — Fiumi più caldi" became the site's name. When the
    page's own site name is one side of <title>, cutting exactly that name is surer.
    """
    page_title = " ".join(root.xpath("string(//title)").split())
    parts = {
        part.strip()
        for separator in _TITLE_SEPARATORS
        if separator in page_title
        for part in page_title.split(separator)
    }
    if title == page_title or title not in parts:
        return title  # the headline came from elsewhere (og:title, <h1>): keep it
    cut = _without_site_name(page_title, site)
    return cut if cut != page_title else title


def _without_site_name(title: str, site: str) -> str:
    """ "Headline | Site" -> "Headline": pages put their name in <title>; the reader shows
    the site apart. Only the page's own site name is cut, so a headline that merely
    contains a dash keeps every word."""
    if not site:
        return title
    # A site name may carry a tagline: "Aktuálně.cz - Víte, co se právě děje".
    names = {normalize_title(site)}
    names.update(normalize_title(site.split(separator)[0]) for separator in _TITLE_SEPARATORS)
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and normalize_title(tail) in names:
            return head.strip()
        tail, found, head = title.partition(separator)
        if found and head.strip() and normalize_title(tail) in names:
            return head.strip()
    return title


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _declared_language(root: etree._Element) -> str:
    match = _LANG.match(root.get("lang", "") or root.get("xml:lang", "") or "")
    return match.group(1).lower() if match else ""


def _page_url(root: etree._Element) -> str:
    """The page's own address from canonical link, og:url or <base>: links resolve against it."""
    for xpath in (
        "//link[@rel='canonical']/@href",
        "//meta[@property='og:url']/@content",
        "//base/@href",
    ):
        for value in root.xpath(xpath):
            if urlsplit(str(value).strip()).scheme in ("http", "https"):
                return str(value).strip()
    return ""


def _fallback_title(root: etree._Element) -> str:
    for xpath in ("//h1", "//title"):
        for element in root.xpath(xpath):
            text = _clean(element.text_content())
            if text:
                return text
    return ""


def _prepare_links(root: etree._Element, base_url: str, page: Path) -> None:
    """Absolute links stay links; without a web address, a link to a neighbouring file
    becomes relative to the page's own file (it resolves once that file is imported too);
    anything else keeps only its text."""
    local_base = _local_base(root, page) if not base_url else None
    for link in list(root.iter("a")):
        href = (link.get("href") or "").strip()
        url = urljoin(base_url, href) if base_url and href else href
        if urlsplit(url).scheme in _LINK_SCHEMES:
            link.set("href", url)
        elif local_base is not None and (relative := _relative_link(href, local_base, page)):
            link.set("href", relative)
        else:
            link.drop_tag()


def _local_base(root: etree._Element, page: Path) -> str:
    """The folder relative links start from: the page's, or where a relative <base> points
    (help systems write ``<base href="../../../">`` and link from the root of the set)."""
    here = posixpath.dirname(posixpath.normpath(page.absolute().as_posix()))
    for value in root.xpath("//base/@href"):
        base = urlsplit(str(value).strip())
        if not base.scheme and not base.netloc:
            return posixpath.normpath(posixpath.join(here, unquote(base.path))) + "/"
    return here + "/"


def _image_base(root: etree._Element, page: Path) -> Path | None:
    """Where a relative ``<base>`` makes relative image sources start, if it has one."""
    for value in root.xpath("//base/@href"):
        base = urlsplit(str(value).strip())
        if not base.scheme and not base.netloc:
            return page.parent / unquote(base.path)
    return None


def _relative_link(href: str, base: str, page: Path) -> str:
    """``href`` as a path relative to the page's file (fragment kept), or "" if it is not a
    plain relative link to another file."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
        return ""
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    here = posixpath.dirname(posixpath.normpath(page.absolute().as_posix()))
    relative = posixpath.relpath(target, here)
    return relative + (f"#{parts.fragment}" if parts.fragment else "")


def _drop_title_heading(body: str, title: str) -> str:
    """The reader shows the title above the body; a first heading repeating it goes."""
    first, _, rest = body.partition("\n")
    if first.startswith("#") and normalize_title(first.lstrip("#")) == normalize_title(title):
        return rest.strip("\n")
    return body


def _word_count(markdown: str) -> int:
    return len(_MARKDOWN_TARGET.sub("]", markdown).split())


def _split_tags(values: list[str]) -> list[str]:
    """Keywords arrive as one ``"a, b, c"`` string as often as a list."""
    return [_clean(part) for value in values for part in re.split(r"[,;]", str(value))]


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre".split()
)


def _authors(value: object) -> str:
    """The extractor's "A; B" author list, cleaned of the words a byline runs into.

    Bylines are followed by a date or "2 hours ago" ("Nathan Willis March", "Aleš Vávra
    před"): names are capitalised, so trailing lowercase words and month names go. A link
    after a name ("Bradley M. Kuhn (http://ebb.org/bkuhn/)") ends the list: the extractor
    turns its pieces into more "authors".
    """
    names: list[str] = []
    for part in _clean(value).split(";"):
        words = part.split()
        link = next((n for n, word in enumerate(words) if _is_link_word(word)), None)
        names.append(_person(words[:link]))
        if link is not None:
            break
    return ", ".join(dict.fromkeys(name for name in names if name))


def _is_link_word(word: str) -> bool:
    folded = word.casefold()
    return folded.startswith(("http", "www.")) or "://" in folded


def _person(words: list[str]) -> str:
    words = list(words)
    while (
        len(words) > 1
        and any(word[:1].isupper() for word in words[:-1])  # "bell hooks" stays whole
        and (words[-1].islower() or words[-1].casefold().strip(",.") in _MONTHS)
    ):
        words.pop()
    return " ".join(words)


def _date(value: object) -> dt.date | None:
    text = _clean(value)
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


class _PageImages:
    """Local image files of a saved page, and the remote images that stay alt text."""

    def __init__(
        self, page_dir: Path, base_dir: Path | None = None, folder: Path | None = None
    ) -> None:
        self._page_dir = page_dir.resolve()
        self._base_dir = (base_dir or page_dir).resolve()
        self._allowed = [self._page_dir, *([folder.resolve()] if folder is not None else [])]
        self._assets: dict[str, Path] = {}
        self._names_by_path: dict[Path, str] = {}
        self._remote_alts: list[str] = []

    def prepare(self, root: etree._Element) -> None:
        """Point each ``<img>`` at its asset name, or at a token for a remote image."""
        for image in list(root.iter("img")):
            sources = [image.get(attribute, "") for attribute in _IMAGE_ATTRIBUTES]
            sources += [part.strip().split(" ")[0] for part in image.get("srcset", "").split(",")]
            name = next(
                (found for src in sources if src and (found := self._local_asset(src))), None
            )
            for attribute in list(image.attrib):
                if attribute.startswith("data-") or attribute in ("srcset", "sizes"):
                    del image.attrib[attribute]
            if name is not None:
                image.set("src", name)
            else:
                alt = " ".join(f"{image.get('title', '')} {image.get('alt', '')}".split())
                image.set("src", _REMOTE_TOKEN.format(len(self._remote_alts)))
                self._remote_alts.append(alt)

    def markdown(self, src: str, alt: str) -> str:
        """A local image is linked by its asset name; a remote one becomes its alt text."""
        remote = _REMOTE_IMAGE.match(src)
        if remote is not None:
            return remote_image_as_alt(src, self._remote_alts[int(remote.group(1))])
        if src in self._assets:
            return f"![{escape_inline(' '.join(alt.split()))}]({src})"
        return remote_image_as_alt(src, alt)

    def used_assets(self, body: str) -> dict[str, Path]:
        """Only the images the extracted text kept are copied into the library."""
        return {name: path for name, path in self._assets.items() if f"]({name})" in body}

    def _local_asset(self, src: str) -> str | None:
        path = self._local_path(src)
        if path is None:
            return None
        if path in self._names_by_path:
            return self._names_by_path[path]
        suffix = _image_suffix(path)
        if suffix is None:
            return None
        stem = _ASSET_NAME_UNSAFE.sub("-", path.stem).strip("-.") or "image"
        name, counter = f"{stem}{suffix}", 2
        while name in self._assets:
            name, counter = f"{stem}-{counter}{suffix}", counter + 1
        self._assets[name] = path
        self._names_by_path[path] = name
        return name

    def _local_path(self, src: str) -> Path | None:
        """The file a relative (or file://) src names, if it lies inside the page's folder."""
        parts = urlsplit(src.strip())
        if parts.scheme == "file":
            candidate = Path(url2pathname(parts.path))
        elif parts.scheme or parts.netloc or not parts.path:
            return None
        else:
            candidate = self._base_dir / unquote(parts.path)
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):
            return None
        inside = any(resolved.is_relative_to(allowed) for allowed in self._allowed)
        if not inside or not resolved.is_file():
            return None
        return resolved


_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
)


def _image_suffix(path: Path) -> str | None:
    """The file's real image type (by its first bytes), or None when it is not an image."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    for signature, suffix in _SIGNATURES:
        if head.startswith(signature):
            return suffix
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    if head[4:12] in (b"ftypavif", b"ftypavis"):
        return ".avif"
    return None
