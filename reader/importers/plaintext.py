"""Plain text to Markdown: paragraphs kept, characters Markdown would reinterpret escaped."""

from __future__ import annotations

import re

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]])")
_BLOCK_MARKER = re.compile(r"^(\s*)([#>+\-])")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def escape_markdown(paragraph: str) -> str:
    """Escape a paragraph of plain text so it renders as exactly that text."""
    # "<" would open raw HTML; Python-Markdown has no backslash escape for it, so an entity
    escaped = _INLINE_SPECIALS.sub(r"\\\1", paragraph).replace("<", "&lt;")
    escaped = _BLOCK_MARKER.sub(r"\1\\\2", escaped, count=1)
    # "1." starts a list; Markdown escapes the dot ("1\."), a backslash before a digit shows
    return _LIST_NUMBER.sub(r"\1\\\2", escaped, count=1)


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    return "\n\n".join(escape_markdown(paragraph) for paragraph in paragraphs)


def split_paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs; hard-wrapped lines inside one are joined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
