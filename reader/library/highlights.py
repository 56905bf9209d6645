"""Highlights as Markdown (``reader highlights``) and where each is in an article's text.

A highlight is stored in the article's own front matter (``highlights:`` — text, colour,
note), so the library folder stays the whole truth and a sync carries them. It is anchored
by its text: after an edit it is shown wherever that passage still is, and reported as
missing otherwise.
"""

from __future__ import annotations

from reader.library.model import Article

COLOURS = ("yellow", "green", "blue", "pink")


def squash(text: str) -> str:
    """Whitespace folded to single spaces: a passage found across line breaks."""
    return " ".join(text.split())


def is_present(article: Article, text: str) -> bool:
    """Whether the passage is still in the article (title or body, whitespace aside)."""
    passage = squash(text)
    return bool(passage) and passage in squash(f"{article.title}\n{article.body}")


def highlights_markdown(article: Article) -> str:
    """The article's highlights as Markdown: a heading, each passage quoted, notes below."""
    lines = [f"## {article.title}", ""]
    for highlight in article.highlights:
        lines.append(f"> {squash(highlight.text)}")
        if highlight.note:
            lines += ["", f"{squash(highlight.note)}"]
        missing = "" if is_present(article, highlight.text) else " · no longer in the text"
        lines += ["", f"*{highlight.colour}{missing}*", ""]
    return "\n".join(lines).rstrip() + "\n"
