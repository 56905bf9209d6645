"""How every command writes: escaped lines, one error prefix, and JSON for scripts.

All text from articles and file names goes through ``printable`` (``reader.library``), so
an imported title holding ``ESC ] 0 ; ... BEL`` or a file name with a newline reaches the
terminal as visible ``\\x1b`` / ``\\n`` escapes, never as control codes.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from reader.library.printable import printable

PROG = "reader"

# json.dumps(ensure_ascii=False) escapes C0 controls but leaves C1 controls (0x9b is CSI on
# some terminals), separators, bidi overrides and lone surrogates raw; inside JSON they can
# only be in strings, where a \\uXXXX escape means the same character.
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


class CliError(Exception):
    """A failure the person can act on: printed as ``reader: error: <message>``, exit 1."""

    def __init__(self, message: str, *, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def line(text: str, *, err: bool = False) -> None:
    """Print ``text`` as one line, its control characters escaped (it may hold titles)."""
    print(printable(text), file=sys.stderr if err else sys.stdout)


def text_block(text: str) -> None:
    """Print several lines (an article body): newlines kept, other controls escaped."""
    print(printable(text, multiline=True))


def error(message: str) -> None:
    """``reader: error: message`` on stderr, the prefix argparse uses for usage errors."""
    print(f"{PROG}: error: {printable(message)}", file=sys.stderr)


def warning(message: str) -> None:
    print(f"{PROG}: warning: {printable(message)}", file=sys.stderr)


def to_json(data: Any) -> str:
    """``data`` as indented JSON, readable (UTF-8, not ``\\u`` escapes) yet terminal-safe."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def print_json(data: Any) -> None:
    print(to_json(data))
