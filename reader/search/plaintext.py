"""Markdown (with stray HTML) to plain text for indexing and snippets.

A handful of regular expressions rather than a Markdown renderer: indexing a large
library must be cheap, and a snippet only needs readable words, not exact rendering.
Link targets, image URLs, HTML tags and markup characters would otherwise become
search terms ("https", "png", "div") and clutter the snippets.
"""

from __future__ import annotations

import html
import re

_FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.MULTILINE)
_HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_TABLE_RULE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$", re.M
)
_EMPHASIS = re.compile(r"(\*{1,3}|~~|`+)(?=\S)(.+?)(?<=\S)\1")
_UNDERSCORE = re.compile(r"(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_PIPES = re.compile(r"[ \t]*\|[ \t]*")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]{2,}")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
"""A Markdown backslash escape (``controversy\\[edit\\]``): the character stands for itself.
Escaped characters are parked in the private-use area while the markup passes run, so an
escaped ``\\*`` is never taken for emphasis, then put back as the plain character."""
_PARKED = 0xE000
_UNPARK = {_PARKED + code: chr(code) for code in range(128)}


def markdown_to_text(markdown: str) -> str:
    """Readable plain text of a Markdown body: markup gone, paragraphs kept."""
    text = markdown.replace("\r\n", "\n")
    escaped = "\\" in text
    if escaped:
        text = _ESCAPE.sub(lambda match: chr(_PARKED + ord(match.group(1))), text)
    # Each pass is skipped when the text lacks a character its pattern needs: most
    # bodies have no fences, comments, images or tables, and a pass over the whole text
    # costs ~50 us per 5,000 characters (the parent process of a rebuild runs them all).
    if "```" in text or "~~~" in text:
        text = _FENCE.sub("", text)
    if "<" in text:
        text = _COMMENT.sub(" ", text)
        text = _SCRIPT.sub(" ", text)
    if "![" in text:
        text = _IMAGE.sub(r"\1", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "][" in text:
        text = _REF_LINK.sub(r"\1", text)
    if "]:" in text:
        text = _REF_DEFINITION.sub("", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub(" ", text)
    if "#" in text:
        text = _HEADING.sub("", text)
        text = _HEADING_TAIL.sub("", text)
    if ">" in text:
        text = _QUOTE.sub("", text)
    if "--" in text:
        text = _TABLE_RULE.sub("", text)
    text = _RULE.sub("", text)
    text = _LIST.sub("", text)
    if "*" in text or "~~" in text or "`" in text:
        text = _EMPHASIS.sub(r"\2", text)
    if "_" in text:
        text = _UNDERSCORE.sub(r"\2", text)
    if "|" in text:
        text = _PIPES.sub("  ", text)
    if escaped:
        text = text.translate(_UNPARK)
    if "&" in text:
        text = html.unescape(text)
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", text).strip()
