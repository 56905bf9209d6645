"""Untrusted text made safe to show: control characters escaped, never sent raw.

Titles, authors, teasers and file names come from files Reader did not write. Sent raw to
a terminal, ``ESC ] 0 ; pwned BEL`` retitles the window, ``ESC [ 2 J`` clears it, a
carriage return or newline in a file name can fake a ``FAILED`` line, and a lone surrogate
crashes the UTF-8 encoder of ``print``. Every printer (the CLI, later the window's plain
labels) passes such text through :func:`printable` first. Escaping rather than deleting
keeps the text recognisable (``a\\nb`` names the file that really has a newline in it).

Escaped: C0 and C1 controls and DEL, the line and paragraph separators, the bidirectional
overrides and isolates (they reorder what follows them on screen, the "Trojan Source"
trick) and lone surrogates. Pure: no I/O, no Qt, so the CLI and the window share it.
"""

from __future__ import annotations

import re

_OTHER_CHARS = (
    "\u061c\u200e\u200f"  # directional marks
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides, isolates
    "\ud800-\udfff"  # lone surrogates (from undecodable file names)
)
# C0 (ESC, BEL, CR...), DEL and C1 (CSI, OSC...); the multiline form keeps tab and newline.
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_OTHER_CHARS}]")
_UNSAFE_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_OTHER_CHARS}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character written as a visible escape (``\\x1b``).

    ``multiline`` keeps newlines and tabs (an article body); otherwise the result is one
    line (a title, a file name, an error message).
    """
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE
    if pattern.search(text) is None:
        return text  # the common case: no copy
    return pattern.sub(_escape, text)
