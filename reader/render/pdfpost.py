"""Finishing touches on the PDF Qt writes, as one incremental update (pure Python, no Qt).

Two things Qt's PDF engine gets wrong or cannot do, fixed without rewriting its output:

* **Spaces extract as tabs.** Qt maps U+0009 to the space glyph when a font has no tab glyph,
  and its ToUnicode CMap gives each glyph the *lowest* code point that maps to it, so every
  space copies and extracts as ``\\t``. Ligature glyphs (``fi``, ``ff``) extract as U+FB01...
  The corrected CMaps map them back to a space and to the plain letters, so search and copy
  in any viewer get ``l’intelligenza artificiale`` and ``affermarsi``.
* **No links inside the document.** Qt writes every link as a web (URI) link. A body link
  to another article of the same PDF is drawn with its ``reader://article/<id>`` address;
  those annotations are replaced by jumps (``/Dest``) to that article's first page.
* **No Subject.** QPdfWriter sets Title, Author and Creator but has no Subject; the
  replacement Info dictionary carries all of them.
* **No bookmarks.** QPdfWriter cannot write a document outline; the update adds one built
  from the articles' headings (a new Outlines tree and a Catalog that points to it).

An incremental update (new objects appended, an xref section for them and a trailer with
``/Prev``) is the mechanism PDF defines for editing a file, so the bytes Qt wrote stay as they
are. Only the uncompressed CMap streams Qt produces are touched; anything unexpected is left
alone rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

_TRAILER = re.compile(rb"trailer\s*<<(?P<body>.*?)>>\s*startxref\s+(?P<xref>\d+)\s+%%EOF", re.S)
_REF = rb"/%s\s+(\d+)\s+0\s+R"
_ID = re.compile(rb"/ID\s*(\[[^\]]*\])")
_SIZE = re.compile(rb"/Size\s+(\d+)")
_TO_UNICODE = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_PAGE_REF = re.compile(rb"(\d+)\s+0\s+R")
_READER_LINK = re.compile(
    rb"(?<![0-9])(\d+) 0 obj\s*<<\s*/Type /Annot\s*/Subtype /Link\s*/Rect \[([^\]]*)\]"
    rb"\s*/Border \[0 0 0\]\s*/A <<\s*/Type /Action\s*/S /URI\s*"
    rb"/URI \(reader://article/([^()\\]*)\)\s*>>\s*>>\s*endobj"
)
_HEX = re.compile(r"<([0-9A-Fa-f]+)>")
_BFRANGE = re.compile(r"beginbfrange(.*?)endbfrange", re.S)
_BFCHAR = re.compile(r"beginbfchar(.*?)endbfchar", re.S)
_RANGE_ENTRY = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)")

REPLACEMENTS = {
    "\t": " ",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
INFO_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer")


class PdfPostError(ValueError):
    """The PDF does not have the structure Qt writes (no classic trailer)."""


@dataclass(frozen=True)
class Bookmark:
    """One entry of the PDF outline: a heading and where it is."""

    level: int
    """1 for an article's title, 2 for its sections, and so on; nesting follows the levels."""
    title: str
    page: int
    """0-based page index."""
    top: float
    """The heading's top in PDF points from the page's bottom edge."""


def finish_pdf(
    data: bytes,
    info: Mapping[str, str],
    bookmarks: Sequence[Bookmark] = (),
    *,
    article_pages: Mapping[str, int] | None = None,
) -> bytes:
    """``data`` plus an update with corrected ToUnicode CMaps and ``info`` as the Info dict.

    ``info`` keys are Info dictionary names (Title, Author, Subject, Creator, Producer);
    empty values are left out. The creation date Qt wrote is kept. ``bookmarks`` become the
    document outline (shown by viewers as bookmarks), left out if the Catalog or the page
    tree are not as Qt writes them. ``article_pages`` maps an article id to the (0-based)
    page it starts on: links to it jump there.
    """
    trailer = _last_trailer(data)
    body = trailer.group("body")
    size = int(_required(_SIZE, body, "Size"))
    root = _required(re.compile(_REF % b"Root"), body, "Root")
    info_match = re.search(_REF % b"Info", body)
    info_number = int(info_match.group(1)) if info_match else size
    next_number = max(size, info_number + 1)

    replaced: dict[int, bytes] = {}
    for number in sorted({int(n) for n in _TO_UNICODE.findall(data)}):
        stream = _object_stream(data, number)
        if stream is None:
            continue
        fixed = fix_to_unicode_cmap(stream.decode("latin-1"))
        if fixed is not None:
            payload = fixed.encode("latin-1")
            replaced[number] = (
                b"<< /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream"
            )
    replaced.update(_internal_links(data, article_pages or {}))
    dates = _dates(data, info_match.group(1) if info_match else None)
    replaced[info_number] = _info_dictionary(info, dates)
    if bookmarks:
        outline = _outline_objects(data, int(root), bookmarks, next_number)
        if outline is not None:
            replaced.update(outline)
            next_number = max(outline) + 1

    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets: dict[int, int] = {}
    for number in sorted(replaced):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + replaced[number] + b"\nendobj\n"
    xref_offset = len(out)
    out += b"xref\n"
    for start, numbers in _runs(sorted(offsets)):
        out += b"%d %d\n" % (start, len(numbers))
        for number in numbers:
            out += b"%010d 00000 n \n" % offsets[number]
    id_match = _ID.search(body)
    out += b"trailer\n<< /Size %d /Root %s 0 R /Info %d 0 R /Prev %s" % (
        next_number,
        root,
        info_number,
        trailer.group("xref"),
    )
    if id_match:
        out += b" /ID " + id_match.group(1)
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


def _internal_links(data: bytes, article_pages: Mapping[str, int]) -> dict[int, bytes]:
    """Annotation object number -> the same link as a jump to its article's first page."""
    kids = _KIDS.search(data)
    if kids is None or not article_pages:
        return {}
    pages = _PAGE_REF.findall(kids.group(1))
    replaced = {}
    for match in _READER_LINK.finditer(data):
        article_id = unquote(match.group(3).decode("latin-1"))
        page = article_pages.get(article_id)
        if page is None or not 0 <= page < len(pages):
            continue
        replaced[int(match.group(1))] = (
            b"<< /Type /Annot /Subtype /Link /Rect [%s] /Border [0 0 0] /Dest [%s 0 R /Fit] >>"
            % (match.group(2), pages[page])
        )
    return replaced


def fix_to_unicode_cmap(cmap: str) -> str | None:
    """The CMap rewritten with :data:`REPLACEMENTS` applied, or None when nothing changes."""
    mapping = parse_to_unicode_cmap(cmap)
    if mapping is None:
        return None
    fixed = {glyph: _replace(text) for glyph, text in mapping.items()}
    if fixed == mapping:
        return None
    return build_to_unicode_cmap(fixed)


def parse_to_unicode_cmap(cmap: str) -> dict[int, str] | None:
    """glyph id -> text for a ToUnicode CMap, or None when it uses anything unexpected."""
    if "begincodespacerange" not in cmap:
        return None
    mapping: dict[int, str] = {}
    for block in _BFRANGE.findall(cmap):
        for first, last, target in _RANGE_ENTRY.findall(block):
            start, end = int(first, 16), int(last, 16)
            if target.startswith("["):
                values = _HEX.findall(target)
                if len(values) != end - start + 1:
                    return None
                for offset, value in enumerate(values):
                    mapping[start + offset] = _utf16(value)
            else:
                base = bytes.fromhex(target[1:-1])
                for offset in range(end - start + 1):
                    shifted = base[:-1] + bytes([(base[-1] + offset) % 256])
                    mapping[start + offset] = shifted.decode("utf-16-be", "replace")
    for block in _BFCHAR.findall(cmap):
        values = _HEX.findall(block)
        if len(values) % 2:
            return None
        for source, target in zip(values[::2], values[1::2], strict=True):
            mapping[int(source, 16)] = _utf16(target)
    return mapping or None


def build_to_unicode_cmap(mapping: Mapping[int, str]) -> str:
    """A ToUnicode CMap for 2-byte glyph ids, as bfchar blocks (at most 100 entries each)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    items = sorted(mapping.items())
    for chunk in range(0, len(items), 100):
        block = items[chunk : chunk + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(
            f"<{glyph:04X}> <{text.encode('utf-16-be').hex().upper()}>" for glyph, text in block
        )
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end", ""]
    return "\n".join(lines)


def pdf_text_string(text: str) -> bytes:
    """A PDF text string in UTF-16BE with BOM, as hex: no escaping pitfalls."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _replace(text: str) -> str:
    return "".join(REPLACEMENTS.get(char, char) for char in text)


def _utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be", "replace")


def _last_trailer(data: bytes) -> re.Match[bytes]:
    matches = list(_TRAILER.finditer(data, max(0, len(data) - 4096)))
    if not matches:
        raise PdfPostError("the PDF has no classic trailer to update")
    return matches[-1]


def _required(pattern: re.Pattern[bytes], body: bytes, name: str) -> bytes:
    match = pattern.search(body)
    if match is None:
        raise PdfPostError(f"the PDF trailer has no /{name}")
    return match.group(1)


def _object_stream(data: bytes, number: int) -> bytes | None:
    """The raw bytes of an *unfiltered* stream object as Qt writes it, else None."""
    pattern = re.compile(
        rb"(?:^|[\r\n])%d 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n" % number, re.M
    )
    matches = list(pattern.finditer(data))
    if len(matches) != 1:
        return None
    start = matches[0].end()
    length = int(matches[0].group(1))
    if not data[start + length : start + length + 30].lstrip().startswith(b"endstream"):
        return None
    return data[start : start + length]


def _dates(data: bytes, info_number: bytes | None) -> dict[str, bytes]:
    if info_number is None:
        return {}
    match = re.search(rb"(?:^|[\r\n])%s 0 obj\s*<<(.*?)>>\s*endobj" % info_number, data, re.S)
    if match is None:
        return {}
    found = {}
    for key in ("CreationDate", "ModDate"):
        date = re.search(rb"/%s\s*(\([^)]*\))" % key.encode("ascii"), match.group(1))
        if date:
            found[key] = date.group(1)
    return found


def _info_dictionary(info: Mapping[str, str], dates: Mapping[str, bytes]) -> bytes:
    entries = [
        b"/%s %s" % (key.encode("ascii"), pdf_text_string(info[key]))
        for key in INFO_KEYS
        if info.get(key)
    ]
    entries += [b"/%s %s" % (key.encode("ascii"), value) for key, value in dates.items()]
    return b"<<\n" + b"\n".join(entries) + b"\n>>"


def _object_dictionary(data: bytes, number: int) -> bytes | None:
    """The inside of a flat dictionary object (no nested ``<<``), as last written; else None."""
    matches = list(re.finditer(rb"(?:^|[\r\n])%d 0 obj\s*<<(.*?)>>\s*endobj" % number, data, re.S))
    if not matches or b"<<" in matches[-1].group(1):
        return None
    return matches[-1].group(1)


def _outline_objects(
    data: bytes, root: int, bookmarks: Sequence[Bookmark], first_number: int
) -> dict[int, bytes] | None:
    """New objects for the outline, plus the Catalog pointing to it; None if not possible."""
    catalog = _object_dictionary(data, root)
    if catalog is None or b"/Outlines" in catalog:
        return None
    pages_ref = re.search(_REF % b"Pages", catalog)
    pages = _object_dictionary(data, int(pages_ref.group(1))) if pages_ref else None
    kids = re.search(rb"/Kids\s*\[(.*?)\]", pages, re.S) if pages else None
    if kids is None:
        return None
    page_numbers = [int(n) for n in re.findall(rb"(\d+)\s+0\s+R", kids.group(1))]
    marks = [mark for mark in bookmarks if 0 <= mark.page < len(page_numbers)]
    if not marks:
        return None

    outlines = first_number
    numbers = [first_number + 1 + index for index in range(len(marks))]
    children: dict[int, list[int]] = {outlines: []}
    parent_of: dict[int, int] = {}
    stack: list[tuple[int, int]] = []  # (level, object number)
    for number, mark in zip(numbers, marks, strict=True):
        while stack and stack[-1][0] >= mark.level:
            stack.pop()
        parent = stack[-1][1] if stack else outlines
        parent_of[number] = parent
        children.setdefault(parent, []).append(number)
        children.setdefault(number, [])
        stack.append((mark.level, number))

    def descendants(number: int) -> int:
        return sum(1 + descendants(child) for child in children[number])

    objects: dict[int, bytes] = {}
    for number, mark in zip(numbers, marks, strict=True):
        siblings = children[parent_of[number]]
        at = siblings.index(number)
        entries = [
            b"/Title " + pdf_text_string(mark.title),
            b"/Parent %d 0 R" % parent_of[number],
            b"/Dest [%d 0 R /XYZ null %.1f null]" % (page_numbers[mark.page], mark.top),
        ]
        if at > 0:
            entries.append(b"/Prev %d 0 R" % siblings[at - 1])
        if at + 1 < len(siblings):
            entries.append(b"/Next %d 0 R" % siblings[at + 1])
        if children[number]:
            entries.append(
                b"/First %d 0 R /Last %d 0 R" % (children[number][0], children[number][-1])
            )
            entries.append(b"/Count %d" % descendants(number))
        objects[number] = b"<<\n" + b"\n".join(entries) + b"\n>>"
    top = children[outlines]
    objects[outlines] = b"<<\n/Type /Outlines\n/First %d 0 R\n/Last %d 0 R\n/Count %d\n>>" % (
        top[0],
        top[-1],
        descendants(outlines),
    )
    objects[root] = (
        b"<<" + catalog.rstrip() + b"\n/Outlines %d 0 R\n/PageMode /UseOutlines\n>>" % outlines
    )
    return objects


def _runs(numbers: list[int]) -> list[tuple[int, list[int]]]:
    """Consecutive object numbers grouped into xref subsections."""
    runs: list[tuple[int, list[int]]] = []
    for number in numbers:
        if runs and runs[-1][1][-1] == number - 1:
            runs[-1][1].append(number)
        else:
            runs.append((number, [number]))
    return runs
