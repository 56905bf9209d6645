"""Markdown -> sanitized HTML for the reading view and the PDF (no Qt here).

Article bodies are untrusted (scraped pages, imported files), so the Markdown output goes
through nh3 (ammonia) with a short allow-list, then one more pass that only Reader can do:
remote images become their alt text (an offline reader never fetches anything, and a remote
image is also a tracking pixel), local images are resolved inside the article's assets folder
only, and links are limited to the web, mail and Reader's own ``reader://`` scheme.

The output targets QTextDocument, which understands a subset of HTML4/CSS2: the markup stays
plain (p, h1-h6, lists, tables, pre) and all styling comes from :func:`theme_css`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import nh3

from reader.library.links import ResolvedLink
from reader.library.model import Article, Source
from reader.library.reading import reading_minutes, word_count
from reader.library.related import ResolvedRelated
from reader.paths import resources
from reader.render.bounded import bounded_markdown, plain_paragraphs
from reader.render.bounded import markdown_is_bounded as markdown_is_bounded
from reader.render.bounded import render_is_slow as render_is_slow
from reader.render.labels import label, label_language
from reader.render.links import article_url, parse_reader_url, search_url

LinkResolver = Callable[[str], ResolvedLink]
"""href -> where it leads (``LinkIndex.resolver``): body links to saved pages open them."""

THEMES: tuple[str, ...] = ("light", "dark", "sepia")

MARKDOWN_EXTENSIONS = ("extra", "sane_lists")
"""No ``smarty``: the typographic characters are kept exactly as the author wrote them."""

ALLOWED_TAGS = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div"),
        *("dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr"),
        *("i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small"),
        *("span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr"),
        *("u", "ul", "var"),
    }
)
ALLOWED_ATTRIBUTES = {
    "*": {"id"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
}
ALLOWED_CLASSES = {"div": {"footnote"}, "a": {"footnote-ref", "footnote-backref"}}
# Schemes nh3 lets through; relative URLs are decided afterwards by _Rewriter.
URL_SCHEMES = frozenset({"http", "https", "mailto", "reader"})
EXTERNAL_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
REMOTE_IMAGE_SCHEMES = frozenset({"http", "https"})
VOID_TAGS = frozenset({"br", "hr", "img"})
_SPACE_RUN = re.compile(r"[ \t\r\n\xa0]*[ \t\r\n][ \t\r\n\xa0]*")

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
}


# -- Markdown body -----------------------------------------------------------------------------
def markdown_to_html(
    markdown_text: str, *, assets_dir: Path | None = None, language: str = "en"
) -> str:
    """The article body as a sanitized HTML fragment, safe to show and to print.

    ``language`` is the one of the labels Reader adds (an image shown as its alt text)."""
    return _body_html(markdown_text, assets_dir=assets_dir, internal_links=True, language=language)


def _body_html(
    markdown_text: str,
    *,
    assets_dir: Path | None,
    internal_links: bool,
    language: str = "en",
    links: LinkResolver | None = None,
    document_ids: frozenset[str] = frozenset(),
) -> str:
    converted = bounded_markdown(markdown_text, list(MARKDOWN_EXTENSIONS))
    if converted is None:
        return plain_paragraphs(markdown_text)
    cleaned = nh3.clean(
        converted,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    rewriter = _Rewriter(assets_dir, internal_links=internal_links, language=language)
    rewriter.links = links
    rewriter.document_ids = document_ids
    rewriter.feed(cleaned)
    rewriter.close()
    return rewriter.result()


class _Rewriter(HTMLParser):
    """Re-emits nh3's (well-formed) output, rewriting images and links.

    Done after sanitizing, on the parsed tree rather than with regular expressions, so raw
    HTML inside the Markdown gets exactly the same treatment as Markdown images and links.
    """

    def __init__(
        self, assets_dir: Path | None, *, internal_links: bool, language: str = "en"
    ) -> None:
        super().__init__(convert_charrefs=True)
        self._assets_dir = assets_dir
        self._language = language
        self._internal_links = internal_links
        self._out: list[str] = []
        self._preformatted = 0
        self.links: LinkResolver | None = None
        self.document_ids: frozenset[str] = frozenset()
        self._closing: list[str] = []
        """What ends each open <a>: "</a>", "</a>" plus a marker, or "</span>"."""

    def result(self) -> str:
        return "".join(self._out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "img":
            self._out.append(self._image(values))
            return
        if tag == "a":
            self._out.append(self._link(values))
            return
        if tag == "pre":
            self._preformatted += 1
        if tag == "table":  # the CSS border-collapse alone leaves Qt's 2px cell spacing
            values.update(cellspacing="0", cellpadding="4")
        self._out.append(_start_tag(tag, values))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._out.append(self._closing.pop() if self._closing else "</a>")
            return
        if tag == "pre":
            self._preformatted = max(0, self._preformatted - 1)
        if tag not in VOID_TAGS:
            self._out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._preformatted:
            # HTML collapses runs of spaces anyway, but QTextDocument keeps the second one as
            # a no-break space; and a no-break space beside a space (a scraping leftover, as
            # in the seed's "due \xa0osservazioni") only indents a line. One space for all.
            data = _SPACE_RUN.sub(" ", data)
        self._out.append(html.escape(data, quote=False))

    def _link(self, values: dict[str, str]) -> str:
        """An <a>, drawn by where it leads: into the library (a plain link that opens the
        article), to the web (a link with a small arrow) or to a page not saved (grey
        text, no link). Without a resolver (paper, tests) links are kept as written."""
        raw = values.pop("href", "").strip()
        resolved = self.links(raw) if self.links is not None and raw else None
        if (
            resolved is not None
            and resolved.kind == "library"
            and not self._internal_links
            and resolved.article_id in self.document_ids
        ):
            # On paper, a link to an article printed in the same PDF: the PDF export turns
            # this address into a jump to that article's first page (reader.render.pdfpost).
            self._closing.append("</a>")
            return _start_tag("a", {**values, "href": article_url(resolved.article_id)})
        if resolved is not None and resolved.kind == "library" and self._internal_links:
            href = article_url(resolved.article_id)
            href += f"#{resolved.fragment}" if resolved.fragment else ""
            kept = {"href": href, "class": "link-library"}
            kept["title"] = label("link_library", self._language)
            self._closing.append("</a>")
            return _start_tag("a", {**values, **kept})
        if resolved is not None and resolved.kind == "missing":
            self._closing.append("</span>")
            title = label("link_missing", self._language)
            return _start_tag("span", {"class": "link-missing", "title": title})
        href = _link_target(raw, internal=self._internal_links)
        web = href and urlsplit(href).scheme.lower() in ("http", "https")
        if web and self.links is not None and self._internal_links:  # on screen
            self._closing.append('<span class="link-web-mark">\u00a0\u2197</span></a>')
            kept = {"href": href, "class": "link-web", "title": label("link_web", self._language)}
            return _start_tag("a", {**values, **kept})
        self._closing.append("</a>")
        return _start_tag("a", {"href": href, **values} if href else values)

    def _image(self, values: dict[str, str]) -> str:
        src, alt = values.get("src", "").strip(), values.get("alt", "").strip()
        if not src:
            return ""
        parts = urlsplit(src)
        if parts.scheme.lower() in REMOTE_IMAGE_SCHEMES or src.startswith("//"):
            return image_alt_html(alt, self._language)
        if parts.scheme or parts.netloc:
            return ""  # reader:// or anything else nh3 let through: not an image source
        local = resolve_asset(unquote(parts.path), self._assets_dir)
        if local is None:
            return ""
        if not local.is_file():
            return image_alt_html(alt, self._language)
        kept = {"src": local.as_uri(), "alt": alt}
        kept.update({key: values[key] for key in ("title", "width", "height") if values.get(key)})
        return _start_tag("img", kept)


def image_alt_html(alt: str, language: str = "en") -> str:
    """What stands in for an image that is not shown: its alt text, marked as an image."""
    word = label("image", language)
    text = f"[{word}: {alt}]" if alt else f"[{word}]"
    return f'<span class="img-alt">{html.escape(text, quote=False)}</span>'


def resolve_asset(relative: str, assets_dir: Path | None) -> Path | None:
    """The file a relative image path names inside ``assets_dir``, or None if it escapes it.

    The path is tried relative to the assets folder itself and relative to the article file
    (``../assets/<id>/x.png`` from ``articles/<id>.md``), but the result must always be inside
    the assets folder: a body can never make Reader show ``/etc`` or another article's files.
    The returned path may not exist (the caller shows the alt text then).
    """
    if assets_dir is None or not relative or relative.startswith(("/", "\\")) or ":" in relative:
        return None
    root = assets_dir.resolve()
    bases = [root, root.parent.parent / "articles"]
    for base in bases:
        candidate = (base / relative).resolve()
        if candidate.is_relative_to(root) and candidate != root:
            return candidate
    return None


def _link_target(href: str, *, internal: bool) -> str:
    """The href to keep for a link, or "" to keep only its text."""
    href = href.strip()
    if not href:
        return ""
    if href.startswith("#"):
        return href if internal else ""
    if href.startswith("//"):
        return "https:" + href
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return _safe_mailto(parts.path, parts.query)
    if scheme in EXTERNAL_LINK_SCHEMES:
        return href
    if scheme == "reader":
        return href if internal and parse_reader_url(href) is not None else ""
    if scheme or parts.netloc:
        return ""
    # A relative link to another article file of the library: "other-id.md", "./other-id.md".
    name = unquote(parts.path).removeprefix("./").removeprefix("../articles/")
    if internal and name.endswith(".md") and "/" not in name and len(name) > len(".md"):
        return article_url(name.removesuffix(".md"))
    return ""


MAILTO_KEPT_FIELDS = ("subject",)
"""What a ``mailto:`` link may pass to the mail program besides the address.

Why only the subject: ``attach=``/``attachment=`` make some mail programs (Thunderbird,
Evolution) attach a local file — ``?attach=/etc/passwd`` in a scraped page would send it
off with one careless click; ``cc``/``bcc`` add recipients the person does not see in the
link, and ``body`` prefills text they did not write. A subject is what newsletters' contact
links actually use, is visible in the compose window, and carries nothing local."""


def _safe_mailto(address: str, query: str) -> str:
    """``mailto:`` with the address (or addresses) and at most the subject."""
    if not address.strip():
        return ""
    kept = [
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=False)
        if name.lower() in MAILTO_KEPT_FIELDS
    ][:1]
    suffix = f"?{urlencode(kept, quote_via=quote)}" if kept else ""
    return f"mailto:{address}{suffix}"


def _start_tag(tag: str, values: dict[str, str]) -> str:
    attributes = "".join(f' {name}="{html.escape(value)}"' for name, value in values.items())
    return f"<{tag}{attributes}>"


# -- Whole article -------------------------------------------------------------------------------
def render_article(
    article: Article,
    *,
    related: list[ResolvedRelated] | None = None,
    theme: str = "light",
    assets_dir: Path | None = None,
    for_print: bool = False,
    fallback_language: str = "en",
    links: LinkResolver | None = None,
    document_ids: frozenset[str] = frozenset(),
    words_per_minute: int | None = None,
) -> str:
    """A complete HTML document: title, byline, body, then the related articles.

    ``related`` is the article's related list resolved against the library; without it the
    items are shown unresolved. ``for_print`` drops links that mean nothing on paper
    (reader://, in-page anchors) and uses the print typography. Reader's own labels are in
    the article's language, or ``fallback_language`` (the interface's) when it has none.
    ``links`` resolves body links (``LinkIndex.resolver(article)``): see ``_Rewriter._link``.
    ``document_ids``: on paper, the articles printed in the same PDF (links to them stay).
    With ``words_per_minute`` the byline ends with the reading time at that speed.
    """
    if related is None:
        related = [ResolvedRelated(item, None) for item in article.related]
    language = label_language(article.lang, fallback_language)
    body = _body_html(
        article.body,
        assets_dir=assets_dir,
        internal_links=not for_print,
        language=language,
        links=links,
        document_ids=document_ids,
    )
    parts = [
        "<html><head>",
        '<meta charset="utf-8">',
        f"<title>{_text(article.title)}</title>",
        f"<style>{theme_css(theme, for_print=for_print)}</style>",
        "</head><body>",
        f'<h1 class="title">{_text(article.title)}</h1>',
        byline_html(
            article, for_print=for_print, language=language, words_per_minute=words_per_minute
        ),
        f'<div class="body">{body}</div>',
        related_html(related, for_print=for_print, language=language),
        "</body></html>",
    ]
    return "\n".join(part for part in parts if part)


def byline_html(
    article: Article,
    *,
    for_print: bool = False,
    language: str = "en",
    words_per_minute: int | None = None,
) -> str:
    """Author, date, category, reading time, then where the article came from (the byline
    may be empty)."""
    # One run of text, no spans: a PDF then extracts it as one line, not one line per fact.
    date = format_date(article.published, article.lang, language) if article.published else ""
    minutes = reading_minutes(word_count(article.body), words_per_minute) if words_per_minute else 0
    reading = label("reading_time", language).format(minutes=minutes) if minutes else ""
    facts = [fact for fact in (article.author, date, article.category, reading) if fact]
    lines = []
    if facts:
        lines.append(f'<p class="byline">{_text(" · ".join(facts))}</p>')
    source = source_html(article.source)
    if article.site:
        source = f"{_text(article.site)} · {source}" if source else _text(article.site)
    if source:
        lines.append(f'<p class="source">{label("source", language)}: {source}</p>')
    elif lines:
        # The last line of the header keeps the gap before the text (QTextDocument's CSS
        # has no :last-child).
        lines[-1] = lines[-1].replace('<p class="byline">', '<p class="byline-end">', 1)
    return "\n".join(lines)


def source_html(source: Source | None) -> str:
    if source is None:
        return ""
    parts = []
    if source.url and urlsplit(source.url).scheme.lower() in ("http", "https"):
        parts.append(f'<a href="{html.escape(source.url)}">{_text(source.url)}</a>')
    # source.file (the imported file's name) stays in the front matter for provenance; it
    # is an internal detail ("000_bfcfb1f07bcdb431.txt") that tells a reader nothing.
    return " · ".join(parts)


def related_html(
    related: Sequence[ResolvedRelated], *, for_print: bool = False, language: str = "en"
) -> str:
    """The "Related articles" section: each item a title link and its teaser.

    On screen a resolved item links to the article, an unresolved one to a library search for
    its title (marked "not in your library"). On paper the titles are plain text, or a link to
    the item's web address when it has one.
    """
    if not related:
        return ""
    blocks = [f'<h2 class="related-heading">{label("related_heading", language)}</h2>']
    for entry in related:
        item = entry.item
        title = _text(item.title)
        web = item.url if urlsplit(item.url).scheme.lower() in ("http", "https") else ""
        note = ""
        if for_print:
            link = f'<a href="{html.escape(web)}">{title}</a>' if web else title
        elif entry.article_id is not None:
            link = f'<a href="{html.escape(article_url(entry.article_id))}">{title}</a>'
        else:
            link = f'<a href="{html.escape(search_url(item.title))}">{title}</a>'
            note = f' <span class="not-in-library">{label("not_in_library", language)}</span>'
        blocks.append(f'<p class="related-title">{link}{note}</p>')
        if item.teaser:
            blocks.append(f'<p class="related-teaser">{_text(item.teaser)}</p>')
    return '<div class="related">\n' + "\n".join(blocks) + "\n</div>"


def format_date(date: dt.date, lang: str = "", fallback: str = "en") -> str:
    """``25 marzo 2024`` in the article's language (else ``fallback``'s): no locale needed."""
    months = (_MONTHS.get(lang.lower()[:2]) or _MONTHS.get(fallback, _MONTHS["en"])).split()
    return f"{date.day} {months[date.month - 1]} {date.year}"


def _text(value: str) -> str:
    return html.escape(value, quote=False)


# -- Themes ------------------------------------------------------------------------------------
def theme_css(theme: str, *, for_print: bool = False) -> str:
    """The style sheet for ``theme`` ("light", "dark", "sepia"), QTextDocument's CSS subset.

    Typography (base.css) and colours (<theme>.css) are separate files in resources/themes so
    they can be tuned without touching code; print.css adjusts sizes for paper.
    """
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; choose one of {', '.join(THEMES)}")
    folder = resources() / "themes"
    names = ["base.css", f"{theme}.css", *(["print.css"] if for_print else [])]
    return "\n".join((folder / name).read_text(encoding="utf-8") for name in names)
