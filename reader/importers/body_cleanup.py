"""What an extracted page body still carries around the article, removed by general rules.

The extractor finds the article's container; pages put a few things inside it that are
not the article's text:

* the title again: as a heading, or as a first paragraph in italics or bold;
* a first list of the article's facts: "24 July 2015 / From the section US & Canada /
  941 comments" (short items, one of them a date);
* "[edit]" links beside every heading of a wiki page.
"""

from __future__ import annotations

import re

from reader.importers.dates import parse_date
from reader.library.text import normalize_title

_HEADING_EDIT_LINK = re.compile(r"\s*\\\[\[[^\]\n]{1,24}\]\([^)\n]*\)\\\]\s*$")
_EMPHASIS = re.compile(r"^(\*{1,3}|_{1,3})(.+)\1$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MAX_FACT_WORDS = 8


def tidy_body(body: str, title: str) -> str:
    """``body`` (Markdown blocks) without the leading title, facts list and edit links."""
    blocks = [block for block in body.split("\n\n") if block.strip()]
    blocks = [_without_edit_link(block) for block in blocks]
    while blocks and _is_title(blocks[0], title):
        blocks.pop(0)
    if blocks and _is_facts_list(blocks[0]):
        blocks.pop(0)
    return "\n\n".join(blocks)


def _without_edit_link(block: str) -> str:
    """ "## History\\[[edit](…)\\]" -> "## History": a wiki's section edit link."""
    if not block.startswith("#"):
        return block
    return _HEADING_EDIT_LINK.sub("", block)


def _is_title(block: str, title: str) -> bool:
    """A heading or a lone emphasised paragraph that says the title again."""
    text = block.lstrip("#").strip() if block.startswith("#") else block.strip()
    match = _EMPHASIS.match(text)
    if match:
        text = match.group(2)
    elif not block.startswith("#"):
        return False
    return bool(title) and normalize_title(text) == normalize_title(title)


def _is_facts_list(block: str) -> bool:
    """A list of short items, one a date, before the text: the article's facts, not text."""
    lines = block.split("\n")
    if not all(_LIST_ITEM.match(line) for line in lines):
        return False
    items = [_LINK.sub(r"\1", _LIST_ITEM.sub("", line)).strip() for line in lines]
    if any(len(item.split()) > _MAX_FACT_WORDS for item in items):
        return False
    return any(parse_date(item) is not None for item in items)
