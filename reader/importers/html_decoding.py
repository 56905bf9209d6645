"""Decoding saved web pages: BOM, then the page's own charset declaration, then guessing.

Saved pages say their encoding in ``<meta charset>`` (or the http-equiv form, or an XML
declaration). Browsers treat ``iso-8859-1``/``ascii`` labels as Windows-1252, and so do
we: pages labelled Latin-1 routinely contain curly quotes from the cp1252 range. A wrong
declaration falls through to strict UTF-8 and then to charset detection.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from reader.importers.errors import ImportFailure

_SNIFF_BYTES = 8192
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.+-]+)""")
_WINDOWS_1252_ALIASES = frozenset(
    {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"}
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_html(path: Path, data: bytes) -> tuple[str, str]:
    """Return (text, encoding used); raise ImportFailure for binary files."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).removeprefix("\ufeff"), encoding
            except UnicodeDecodeError:
                raise ImportFailure(
                    path, f"undecodable (starts as {encoding} but is not)"
                ) from None
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise ImportFailure(path, "binary file (contains NUL bytes), not a web page")
    declared = declared_encoding(data)
    candidates = [declared] if declared else []
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    guessed = _guess(data)
    return data.decode(guessed, errors="replace"), guessed


def declared_encoding(data: bytes) -> str | None:
    """The encoding the page declares, mapped as browsers map it; None if absent or unknown."""
    head = data[:_SNIFF_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii", "ignore").strip().lower()
    if label in _WINDOWS_1252_ALIASES:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A byte-oriented page cannot really be UTF-16 (it would have had a BOM or NULs).
    return "utf-8" if name.startswith("utf-16") or name.startswith("utf-32") else name


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or not best.encoding:
        return "cp1252"
    try:
        return codecs.lookup(best.encoding).name
    except LookupError:
        return "cp1252"
