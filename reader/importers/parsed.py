"""What a format parser hands to the batch: articles plus what storing them needs.

A saved page brings image files to copy, and a Wallabag export or a feed brings many
articles from one file, some of which may be unreadable on their own. The Article model
stays plain; these wrappers carry the rest from parser to store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.library.model import Article


@dataclass
class ParsedArticle:
    article: Article
    assets: dict[str, Path] = field(default_factory=dict)
    """Image file name as the body links it -> the local file to copy into the library."""
    site_name: str = ""
    """The publication's name; the Article model has no field for it yet (kept for one)."""
    entry: str = ""
    """Which entry of a multi-article file this is (its title); empty for single files."""


@dataclass(frozen=True)
class EntryProblem:
    """One entry of a multi-article file that could not be read; the others still import."""

    entry: str
    reason: str


@dataclass
class ParsedFile:
    articles: list[ParsedArticle] = field(default_factory=list)
    problems: list[EntryProblem] = field(default_factory=list)
    multi: bool = False
    """True for formats that hold many articles (a feed, an export), even if this has one."""
