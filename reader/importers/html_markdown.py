"""Clean article HTML (a Wallabag entry, a feed's content) to Markdown.

This content was already extracted by its producer, so it needs conversion, not
boilerplate removal: paragraphs, headings, lists, quotes, code, links and emphasis are
kept; scripts, forms and embeds are dropped. Images are never fetched: ``image`` decides
what an ``<img>`` becomes (by default its alt text, in italics).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin

import lxml.html
from lxml import etree

ImageHandler = Callable[[str, str], str]
"""(src, alt) -> the Markdown to put where the image was."""

# fmt: off
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2",
        "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "figure", "figcaption",
        "table", "thead", "tbody", "tfoot", "tr", "hr", "dl", "dt", "dd", "center", "address",
        "details", "summary", "form", "fieldset",
    }
)
_DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "iframe", "object", "embed", "form", "button", "input",
        "select", "textarea", "svg", "canvas", "video", "audio", "template", "head", "title",
        "meta", "link",
    }
)
# fmt: on
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>])")
_BLOCK_START = re.compile(r"^(\s*)(?:([#>+\-=|])|(\d+)([.)]))")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_BREAK = "\x00br\x00"
_LINK_SCHEMES = ("http://", "https://", "mailto:")


def remote_image_as_alt(_src: str, alt: str) -> str:
    """Images are never fetched: keep what the image was about, as its alt text."""
    alt = " ".join(alt.split())
    return f"*{escape_inline(alt)}*" if alt else ""


def escape_inline(text: str) -> str:
    return _INLINE_SPECIALS.sub(r"\\\1", text)


def html_to_markdown(
    html: str, base_url: str = "", image: ImageHandler = remote_image_as_alt
) -> str:
    """Convert an HTML fragment or document to Markdown paragraphs."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(_strip_xml_declaration(html), create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    return element_to_markdown(root, base_url, image)


def element_to_markdown(
    root: etree._Element,
    base_url: str = "",
    image: ImageHandler = remote_image_as_alt,
    *,
    relative_links: bool = False,
) -> str:
    """Convert a parsed HTML element (its children) to Markdown paragraphs.

    ``relative_links`` keeps links to relative paths (a saved page's neighbours, which the
    caller has already made relative to the page's file) instead of only their text."""
    converter = _Converter(base_url, image)
    converter.relative_links = relative_links
    return "\n\n".join(block for block in converter.blocks(root) if block.strip())


def _strip_xml_declaration(html: str) -> str:
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", html)


def _all_text(element: etree._Element) -> str:
    """Every text inside ``element``; ``text_content()`` exists only on lxml.html elements,
    and the extractor hands back plain etree ones."""
    return str(element.xpath("string()"))


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


class _Converter:
    def __init__(self, base_url: str, image: ImageHandler) -> None:
        self._base_url = base_url
        self._image = image
        self.relative_links = False
        self._cell_depth = 0

    # -- blocks ------------------------------------------------------------------------------
    def blocks(self, element: etree._Element) -> list[str]:
        """The Markdown blocks of a container: its loose inline text becomes paragraphs."""
        out: list[str] = []
        pending: list[str] = []

        def flush() -> None:
            text = _finish_inline("".join(pending))
            if text:
                out.append(_escape_block_start(text))
            pending.clear()

        if element.text:
            pending.append(escape_inline(element.text))
        for child in element:
            tag = _tag(child)
            if tag and tag not in _DROP_TAGS:
                if tag in _BLOCK_TAGS or _has_block(child):
                    flush()
                    out.extend(self._block(child, tag))
                else:
                    pending.append(self.inline(child))
            if child.tail:
                pending.append(escape_inline(child.tail))
        flush()
        return out

    def _block(self, element: etree._Element, tag: str) -> list[str]:
        if tag in _HEADINGS:
            text = _finish_inline(self._inline_children(element)).replace("\n", " ")
            return [f"{'#' * _HEADINGS[tag]} {text}"] if text else []
        if tag in ("ul", "ol"):
            listed = self._list(element, ordered=tag == "ol")
            return [listed] if listed else []
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(element))
            if not inner:
                return []
            return ["\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))]
        if tag == "pre":
            code = _all_text(element).strip("\n")
            if not code.strip():
                return []
            fence = "```"
            while fence in code:
                fence += "`"
            return [f"{fence}\n{code}\n{fence}"]
        if tag == "hr":
            return ["* * *"]
        if tag == "figcaption":
            text = _finish_inline(self._inline_children(element))
            return [f"*{text}*"] if text else []
        if tag == "table":
            table = self._pipe_table(element)
            if table is not None:
                return [table] if table else []
        if tag == "tr":
            cells = [self._cell(cell) for cell in element if _tag(cell) in ("td", "th")]
            row = " | ".join(cell for cell in cells if cell)
            return [row] if row else []
        return self.blocks(element)

    def _pipe_table(self, table: etree._Element) -> str | None:
        """A table of data (an infobox's "Founded | 1998", a list of figures) as a Markdown
        table; None for a layout table, which stays paragraphs.

        Flattened, each row became a paragraph of its own ("Industry | Open-source
        software" between the article's paragraphs). A table with one column of text, a
        table or heading inside a cell, or a cell holding a text's worth of words lays out
        a page: its cells are the page's paragraphs. The first row is the header (Markdown tables
        must have one) unless the rows are labelled by a ``<th>`` each ("Founded | 1998")
        and the first is not all ``<th>``: then the header is left empty."""
        rows = _own_rows(table)
        if self._cell_depth or not rows or any(_lays_out(cell) for row in rows for cell in row):
            return None
        width = max(len(row) for row in rows)
        if width < 2:
            return None
        texts = [[self._cell(cell).replace("|", "\\|") for cell in row] for row in rows]
        if any(len(text) > _MAX_DATA_CELL for row in texts for text in row):
            return None
        filled = {column for row in texts for column, text in enumerate(row) if text}
        if len(filled) < 2:
            return None  # one column of text beside empty spacer cells: a layout
        kept = [(row, text) for row, text in zip(rows, texts, strict=True) if any(text)]
        if not kept:
            return ""
        first_row, first_texts = kept[0]
        labelled_rows = any(_tag(row[0]) == "th" for row, _text in kept[1:])
        if not labelled_rows or all(
            _tag(cell) == "th" for cell, text in zip(first_row, first_texts, strict=True) if text
        ):
            header, kept = first_texts, kept[1:]
        else:
            header = []  # "Founded | 1998" rows: the first of them is no header
        lines = [_pipe_row(header, width), "| " + " | ".join(["---"] * width) + " |"]
        lines.extend(_pipe_row(text, width) for _row, text in kept)
        return "\n".join(lines)

    def _cell(self, cell: etree._Element) -> str:
        """A table cell on one line: its paragraphs (a layout table holds whole articles
        in cells) stay apart by a space instead of running together ("Genocide.French")."""
        if _has_block(cell):
            self._cell_depth += 1  # a table in a cell is flattened with it, onto one line
            try:
                return " ".join(" ".join(block.split()) for block in self.blocks(cell))
            finally:
                self._cell_depth -= 1
        return _finish_inline(self._inline_children(cell)).replace("  \n", " ")

    def _list(self, element: etree._Element, *, ordered: bool) -> str:
        lines: list[str] = []
        number = 1
        for item in element:
            if _tag(item) != "li":
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            item_blocks = self.blocks(item)
            if not item_blocks:
                continue
            indent = " " * len(marker)
            text = "\n\n".join(item_blocks)
            item_lines = text.split("\n")
            lines.append(marker + item_lines[0])
            lines.extend(indent + line if line else "" for line in item_lines[1:])
        return "\n".join(lines)

    # -- inline ------------------------------------------------------------------------------
    def inline(self, element: etree._Element) -> str:
        tag = _tag(element)
        if not tag or tag in _DROP_TAGS:
            return ""
        if tag == "br":
            return _BREAK
        if tag == "img":
            # Spaced: two images in a row would glue into "*A**B*" (read as "A**B").
            image = self._image(self._url(element.get("src", "")), element.get("alt", ""))
            return f" {image} " if image else ""
        if tag in ("code", "kbd", "samp", "tt"):
            return _code_span(_all_text(element))
        inner = self._inline_children(element)
        if tag in ("strong", "b"):
            return _wrap(inner, "**")
        if tag in ("em", "i", "cite"):
            return _wrap(inner, "*")
        if tag == "a":
            href = self._url(element.get("href", ""))
            if inner.strip() and (
                href.startswith(_LINK_SCHEMES) or (self.relative_links and _is_relative(href))
            ):
                return _wrap(inner, "[", f"]({_link_target(href)})")
        return inner

    def _inline_children(self, element: etree._Element) -> str:
        parts = [escape_inline(element.text)] if element.text else []
        for child in element:
            parts.append(self.inline(child))
            if child.tail:
                parts.append(escape_inline(child.tail))
        return "".join(parts)

    def _url(self, url: str) -> str:
        url = url.strip()
        if self._base_url and url and not url.startswith(("data:", "#")):
            return urljoin(self._base_url, url)
        return url


def _escape_block_start(text: str) -> str:
    """Text that would start a heading, quote or list is escaped (``1\\.``, not ``\\1.``)."""

    def escape(match: re.Match[str]) -> str:
        if match.group(2):
            return f"{match.group(1)}\\{match.group(2)}"
        return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"

    return _BLOCK_START.sub(escape, text, count=1)


_MAX_DATA_CELL = 400
"""Characters: a cell with more holds running text (a layout table), not a datum."""
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_LAYOUT_TAGS = frozenset({"table", *(f"h{level}" for level in range(1, 7))})


def _own_rows(table: etree._Element) -> list[list[etree._Element]]:
    """The cells of each row of ``table`` itself (not of a table nested in it)."""
    rows = []
    for child in table:
        tag = _tag(child)
        group = list(child) if tag in _ROW_GROUPS else [child]
        for row in group:
            if _tag(row) == "tr":
                rows.append([cell for cell in row if _tag(cell) in ("td", "th")])
    return [row for row in rows if row]


def _lays_out(cell: etree._Element) -> bool:
    """A cell holding a table or a heading is part of a page's layout, not a datum."""
    return any(_tag(node) in _LAYOUT_TAGS for node in cell.iterdescendants())


def _pipe_row(cells: list[str], width: int) -> str:
    padded = [*cells, *[""] * (width - len(cells))]
    return "| " + " | ".join(padded) + " |"


def _has_block(element: etree._Element) -> bool:
    return any(_tag(node) in _BLOCK_TAGS for node in element.iterdescendants())


def _wrap(inner: str, opening: str, closing: str | None = None) -> str:
    """Markers hug the text: ``**word** `` not ``** word**`` (which Markdown ignores)."""
    stripped = inner.strip()
    if not stripped or stripped == _BREAK:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{opening}{stripped}{opening if closing is None else closing}{trail}"


def _code_span(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _is_relative(href: str) -> bool:
    return bool(href) and ":" not in href.split("/", 1)[0] and not href.startswith(("/", "#"))


def _link_target(url: str) -> str:
    if any(ch in url for ch in " <>()"):
        return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"
    return url


def _finish_inline(text: str) -> str:
    """Collapse HTML whitespace; ``<br>`` becomes a Markdown hard break."""
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split(_BREAK)]
    return "  \n".join(line for line in lines if line).strip()
