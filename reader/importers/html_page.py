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
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from lxml import etree

from reader.importers.body_cleanup import tidy_body
from reader.importers.decoding import read_bytes
from reader.importers.errors import ImportFailure
from reader.importers.html_decoding import decode_html
from reader.importers.html_markdown import element_to_markdown, escape_inline
from reader.importers.page_metadata import (
    clean_byline,
    declared_metadata,
    extractor_author,
    extractor_metadata,
    page_byline,
    page_title,
)
from reader.importers.page_tree import (
    drop_code,
    drop_hidden,
    parse_page,
    repeated_paragraphs,
    restore_link_spaces,
    restore_repeats,
)
from reader.importers.parsed import ParsedArticle, ParsedFile
from reader.importers.related_links import take_related
from reader.importers.trafilatura_xml import as_html
from reader.library.lang import detect_language
from reader.library.model import Article, Source

_SHORT_EXTRACTION = 1000
"""Characters: below this, trafilatura's own extraction may have missed the article."""
_REMOTE_TOKEN = "reader-remote.png"
_IMAGE_ATTRIBUTES = ("src", "data-src", "data-original", "data-lazy-src")
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")
_ASSET_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_TAGS = 20
_MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")
_LINK_SCHEMES = ("http", "https", "mailto")
_UNWRAP = "reader-unwrap"
"""A link to unwrap (its text stays), renamed so that one pass unwraps them all."""


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
    drop_hidden(root)
    repeats = repeated_paragraphs(root)
    lang = _declared_language(root)
    declared = declared_metadata(root)
    declared_author = page_byline(root, declared)
    base_url = _page_url(root)
    related = take_related(root, base_url)
    images = _PageImages(path.parent, _image_base(root, path), folder)
    images.prepare(root)
    metadata = extractor_metadata(root, base_url)
    _prepare_links(root, base_url, path)
    drop_code(root)
    document = _extract(root, with_images=images.has_local())
    extracted = getattr(document, "body", None)
    if extracted is not None:
        restore_repeats(extracted, repeats)
        restore_link_spaces(extracted, root)
    body = (
        element_to_markdown(
            as_html(extracted, base_url), image=images.markdown, relative_links=True
        )
        if extracted is not None
        else ""
    )
    if not _enough_text(body, root, short_ok):
        raise ImportFailure(path, "no article text found in the page")
    site = _clean(getattr(metadata, "sitename", None)) or _clean(
        getattr(metadata, "hostname", None)
    )
    author = declared_author or _authors(getattr(metadata, "author", None))
    author = author or _authors(extractor_author(root))
    title = page_title(root, declared, author, site) or _fallback_title(root) or path.stem
    body = tidy_body(body, title)
    if not _enough_text(body, root, short_ok):
        raise ImportFailure(path, "no article text found in the page")
    url = _clean(getattr(metadata, "url", None)) or base_url
    categories = [_clean(c) for c in (getattr(metadata, "categories", None) or []) if _clean(c)]
    tags = list(dict.fromkeys(_split_tags(getattr(metadata, "tags", None) or [])))
    article = Article(
        title=title,
        body=body,
        author=author,
        published=_date(getattr(metadata, "date", None)),
        category=categories[0] if categories else "",
        tags=[tag for tag in tags if tag][:_MAX_TAGS],
        lang=lang or detect_language(f"{title} {body[:4000]}"),
        related=related,
        source=Source(kind="html", file=path.name, sha256=sha256, url=url),
    )
    return ParsedFile([ParsedArticle(article, images.used_assets(body), site_name=site)])


def _extract(root: etree._Element, *, with_images: bool) -> object | None:
    """trafilatura on our tree, its own extraction first; its comparison with its
    fallback extractors only when that came out short.

    The comparison rescues pages whose article trafilatura misses (a few sentences found
    where Readability's algorithm finds the text), but on pages where trafilatura did
    find a whole article it more often swaps in a longer, worse one (a news page's text
    plus every teaser under it), and it costs a third of the extraction time. Images are
    asked for only when the page has a local one to keep: asking costs precision (more of
    the page around figures is kept), and a remote image is not shown anyway.
    """
    import trafilatura

    options = {
        # Not "python": that also renders the text, which we do not use (a tenth of
        # the extraction's time); the body is the same tree.
        "output_format": "xml",
        "with_metadata": False,
        "include_images": with_images,
        "include_links": True,
        "include_formatting": True,
        "include_comments": False,
        "include_tables": True,
    }
    document = trafilatura.bare_extraction(root, fast=True, **options)
    if len(getattr(document, "raw_text", None) or "") < _SHORT_EXTRACTION:
        document = trafilatura.bare_extraction(root, fast=False, **options) or document
    return document


def _parse_tree(path: Path, text: str) -> etree._Element:
    try:
        return parse_page(text)
    except (etree.ParserError, ValueError) as error:
        raise ImportFailure(path, f"not a readable web page ({error})") from None


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


_MENU_WORDS = 40
"""More distinct words than a menu and a login form have between them."""
_CONTROLS = "//button | //nav | //form | //label | //option | //select"
_WORD = re.compile(r"\w+")


def _control_words(root: etree._Element) -> frozenset[str]:
    """The words of the page's links, menus and form controls."""
    return frozenset(
        word
        for element in root.xpath(_CONTROLS)
        for word in _WORD.findall(str(element.xpath("string()")).casefold())
    )


def _prepare_links(root: etree._Element, base_url: str, page: Path) -> None:
    """Absolute links stay links; without a web address, a link to a neighbouring file
    becomes relative to the page's own file (it resolves once that file is imported too);
    anything else keeps only its text.

    With a web address, a relative link is left as it is: only the article's links are
    resolved, after extraction (``as_html``), which gives the same address (joining is
    idempotent). Joining every link of the page here, and unwrapping the dropped ones one
    by one, was a tenth of the import's time; they are unwrapped in one pass instead.
    """
    local_base = _local_base(root, page) if not base_url else None
    base_scheme = urlsplit(base_url).scheme
    unwrapped: list[etree._Element] = []
    for link in list(root.iter("a")):
        href = (link.get("href") or "").strip()
        scheme = urlsplit(href).scheme if href else ""
        if (scheme or (base_scheme if href else "")) in _LINK_SCHEMES:
            continue
        if local_base is not None and (relative := _relative_link(href, local_base, page)):
            link.set("href", relative)
        else:
            link.tag = _UNWRAP
            unwrapped.append(link)
    if unwrapped:
        parents = {_kept_parent(link) for link in unwrapped}
        etree.strip_tags(root, _UNWRAP)
        for parent in parents:
            _join_text_nodes(parent)


def _kept_parent(link: etree._Element) -> etree._Element:
    parent = link.getparent()
    while parent.tag == _UNWRAP:
        parent = parent.getparent()
    return parent


def _join_text_nodes(element: etree._Element) -> None:
    """One text node for each run of text in ``element``'s children, as the parser makes.

    Unwrapping leaves a link's text beside its neighbours' as separate text nodes: lxml
    reads a run as one string, but every XPath ``text()`` match re-reads the run from
    itself to its end, so a paragraph of 3,800 unwrapped links made one of trafilatura's
    queries quadratic (300 ms on one page). Setting a run's text makes it one node."""
    element.text = element.text
    for child in element:
        child.tail = child.tail


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


def _enough_text(markdown: str, root: etree._Element, short_ok: bool) -> bool:
    """Any text at all for a page of an imported folder (a help set's one-line pages are
    pages others link to), else words beyond links and controls (see ``_has_text``)."""
    return bool(markdown.strip()) if short_ok else _has_text(markdown, root)


def _has_text(markdown: str, root: etree._Element) -> bool:
    """Any words besides links and controls: a page of only those is a menu or a login form.

    A word count would refuse short notes and whole pages in languages written without
    spaces (a Japanese article is a handful of "words"). The page's controls are read
    only for a short body: a long one is text whatever its words."""
    words: set[str] = set()
    for word in _WORD.finditer(_MARKDOWN_LINK.sub("", markdown).casefold()):
        words.add(word.group())
        if len(words) > _MENU_WORDS:
            return True  # read no further: an article's first lines say enough
    return bool(words - _control_words(root))


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
    return clean_byline(", ".join(name for name in names if name))


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
                image.set("src", _REMOTE_TOKEN)

    def has_local(self) -> bool:
        return bool(self._assets)

    def markdown(self, src: str, alt: str) -> str:
        """A local image is linked by its asset name; a remote one leaves nothing.

        A remote image is never fetched. Its alt text is not article text: kept, it became
        a paragraph of its own ("*Russia*"), often twice (alt and title) and glued to the
        next one; the figure's caption, which is text, stays.
        """
        if src in self._assets:
            return f"![{escape_inline(' '.join(alt.split()))}]({src})"
        return ""

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
