"""Plain text to Markdown: paragraphs kept, characters Markdown would reinterpret escaped."""

from __future__ import annotations

import re

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=|]|\d+[.)])")


def escape_markdown(paragraph: str) -> str:
    """Escape a paragraph of plain text so it renders as exactly that text."""
    escaped = _INLINE_SPECIALS.sub(r"\\\1", paragraph)
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped, count=1)


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
