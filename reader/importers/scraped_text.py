"""The scraped-text layout: what copying an article out of a news page gives.

    Title
    da AUTHOR | DATE | CATEGORY        (byline; author may be empty, category optional)
    body paragraphs ...
    POTREBBE INTERESSARTI               (or LEGGI ANCHE, Related articles, You may also like ...)
    [image caption] [,] title teaser    (repeated; caption and its comma are optional)
    Share This                          (page noise)

The related block has no markup telling captions, titles and teasers apart, so it is
segmented by dynamic programming over per-line role scores (see ``_segment_related``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from reader.importers.dates import parse_date
from reader.importers.plaintext import split_paragraphs
from reader.library.model import RelatedItem
from reader.library.text import fold, normalize_title

RELATED_HEADINGS = frozenset(
    normalize_title(heading)
    for heading in (
        "Potrebbe interessarti",
        "Potrebbero interessarti",
        "Ti potrebbe interessare",
        "Potrebbe interessarti anche",
        "Leggi anche",
        "Leggi pure",
        "Articoli correlati",
        "Articoli simili",
        "Correlati",
        "Altri articoli",
        "Related articles",
        "Related stories",
        "Related posts",
        "Related",
        "You may also like",
        "You might also like",
        "Read more",
        "Read also",
        "Read next",
        "See also",
        "More stories",
        "Recommended",
    )
)

NOISE_LINES = frozenset(
    normalize_title(noise)
    for noise in (
        "Share This",
        "Share",
        "Share this article",
        "Condividi",
        "Condividi questo articolo",
        "Tweet",
        "Pin",
        "Advertisement",
        "Pubblicità",
        "Sponsored",
        "Continua a leggere",
        "Continue reading",
        "Iscriviti alla newsletter",
        "Subscribe to our newsletter",
        "Torna su",
        "Back to top",
    )
)

_AUTHOR_PREFIX = re.compile(r"^(?:da|di|by|per|written by|scritto da)\b[:\s]*", re.IGNORECASE)
_BYLINE_SEPARATORS = re.compile(r"\s*[|•·]\s*")
_TAGS_LINE = re.compile(r"^(?:tags?|argomenti|topics)\s*:\s*(?P<tags>.+)$", re.IGNORECASE)
_PUNCTUATION_ONLY = re.compile(r"^[\s,;.·•|–—-]+$")
_CREDIT_WORDS = ("foto", "photo", "credit", "getty", "afp", "reuters", "ansa", "©", "shutterstock")


@dataclass
class Byline:
    author: str = ""
    published: dt.date | None = None
    category: str = ""


@dataclass
class ScrapedArticle:
    title: str
    paragraphs: list[str]
    byline: Byline | None = None
    related: list[RelatedItem] = field(default_factory=list)
    related_heading: str = ""
    tags: list[str] = field(default_factory=list)


def parse_scraped_text(text: str) -> ScrapedArticle:
    """Split scraped text into title, byline, body paragraphs and related items."""
    lines = [line.rstrip() for line in text.split("\n")]
    position = _next_content_line(lines, 0)
    if position is None:
        return ScrapedArticle(title="", paragraphs=[])
    title = " ".join(lines[position].split())
    position += 1

    byline = None
    candidate = _next_content_line(lines, position)
    if candidate is not None:
        byline = parse_byline(lines[candidate])
        if byline is not None:
            position = candidate + 1

    body_lines = lines[position:]
    related_lines: list[str] = []
    heading = ""
    for offset, line in enumerate(body_lines):
        if normalize_title(line) in RELATED_HEADINGS:
            heading = line.strip()
            related_lines = body_lines[offset + 1 :]
            body_lines = body_lines[:offset]
            break

    tags: list[str] = []
    kept: list[str] = []
    for line in body_lines:
        tags_match = _TAGS_LINE.match(line.strip())
        if tags_match:
            tags.extend(tag.strip() for tag in tags_match["tags"].split(",") if tag.strip())
        elif not _is_noise(line):
            kept.append(line)
    return ScrapedArticle(
        title=title,
        paragraphs=split_paragraphs(kept),
        byline=byline,
        related=_segment_related(related_lines),
        related_heading=heading,
        tags=tags,
    )


def parse_byline(line: str) -> Byline | None:
    """``da Mario Rossi | 3 Gen 2025 | Tech`` -> Byline; None when the line is not a byline."""
    parts = [part.strip() for part in _BYLINE_SEPARATORS.split(line.strip())]
    if len(parts) < 2:
        return None
    author = ""
    published = None
    category_parts: list[str] = []
    for index, part in enumerate(parts):
        if index == 0 and _AUTHOR_PREFIX.match(part):
            author = _AUTHOR_PREFIX.sub("", part).strip()
        elif published is None and parse_date(part) is not None:
            published = parse_date(part)
        elif published is not None:
            category_parts.append(part)
        else:
            return None  # text before the date that is not an author: not a byline
    if published is None:
        return None
    return Byline(
        author=author, published=published, category=" / ".join(p for p in category_parts if p)
    )


def _next_content_line(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip() and not _is_noise(lines[index]):
            return index
    return None


def _is_noise(line: str) -> bool:
    return normalize_title(line) in NOISE_LINES


# -- the related block ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    text: str
    comma_after: bool
    """The scraper left a lone ',' after this line: it was an image's alt text (a caption)."""


_ITEM_COST = 1.5  # each item costs a little, so a teaser is not mistaken for a title-only item
_MISSING_TEASER_COST = 2.5


def _segment_related(lines: list[str]) -> list[RelatedItem]:
    """Group the block's lines into items of (caption?, title, teaser?).

    Each line is scored for each role it could play; dynamic programming picks the grouping
    with the best total, so one odd line does not shift every item after it. A block comes
    from one page template: when most items have a teaser, a second pass makes a missing
    teaser costly, so an uncaptioned-looking caption is not read as a title-only item.
    """
    entries = _related_entries(lines)
    items = _best_grouping(entries, missing_teaser_cost=0.0)
    with_teaser = sum(1 for item in items if item.teaser)
    if items and with_teaser * 2 >= len(items):
        items = _best_grouping(entries, missing_teaser_cost=_MISSING_TEASER_COST)
    return items


def _best_grouping(entries: list[_Line], missing_teaser_cost: float) -> list[RelatedItem]:
    count = len(entries)
    best: list[float] = [float("-inf")] * (count + 1)
    choice: list[tuple[int, tuple[str, ...]]] = [(0, ())] * (count + 1)
    best[0] = 0.0
    shapes = (("title",), ("title", "teaser"), ("caption", "title"), ("caption", "title", "teaser"))
    for end in range(1, count + 1):
        for shape in shapes:
            start = end - len(shape)
            if start < 0 or best[start] == float("-inf"):
                continue
            group = entries[start:end]
            score = best[start] + _group_score(shape, group) - _ITEM_COST
            if "teaser" not in shape:
                score -= missing_teaser_cost
            if score > best[end]:
                best[end], choice[end] = score, (start, shape)
    items: list[RelatedItem] = []
    end = count
    while end > 0:
        start, shape = choice[end]
        roles = dict(zip(shape, (entry.text for entry in entries[start:end]), strict=True))
        items.append(
            RelatedItem(
                title=roles["title"],
                teaser=roles.get("teaser", ""),
                caption=roles.get("caption", ""),
            )
        )
        end = start
    items.reverse()
    return items


def _related_entries(lines: list[str]) -> list[_Line]:
    entries: list[_Line] = []
    for line in lines:
        text = " ".join(line.split())
        if not text or _is_noise(text) or normalize_title(text) in RELATED_HEADINGS:
            continue
        if _PUNCTUATION_ONLY.match(text):
            if entries and "," in text:
                entries[-1] = _Line(entries[-1].text, comma_after=True)
            continue
        entries.append(_Line(text, comma_after=False))
    return entries


def _group_score(shape: tuple[str, ...], group: list[_Line]) -> float:
    roles = dict(zip(shape, group, strict=True))
    title = roles["title"]
    score = _title_score(title)
    if "teaser" in roles:
        score += _teaser_score(roles["teaser"])
        if roles["teaser"].comma_after:
            score -= 3  # a comma marks a caption; a teaser is never followed by one
    elif title.comma_after:
        score -= 3
    if "caption" in roles:
        score += _caption_score(roles["caption"], title)
    return score


def _ends_sentence(text: str) -> bool:
    return text.rstrip("\"'”»)").endswith((".", "!", "?", "…"))


def _is_truncated(text: str) -> bool:
    return text.endswith(("...", "…"))


def _title_score(line: _Line) -> float:
    text = line.text
    score = 2.0
    if _is_truncated(text):
        score -= 3
    elif _ends_sentence(text) and not text.endswith("?"):
        score -= 2
    if len(text) > 90:
        score -= 1
    if len(text) > 160:
        score -= 2
    return score


def _teaser_score(line: _Line) -> float:
    text = line.text
    score = 0.0
    if _is_truncated(text):
        score += 3
    elif _ends_sentence(text):
        score += 2
    if len(text) >= 80:
        score += 1
    elif len(text) < 40:
        score -= 1
    return score


def _caption_score(caption: _Line, title: _Line) -> float:
    score = -0.5
    if caption.comma_after:
        score += 4
    if _similarity(caption.text, title.text) >= 0.5:
        score += 3
    folded = fold(caption.text)
    if any(word in folded for word in _CREDIT_WORDS):
        score += 2
    return score


def _similarity(first: str, second: str) -> float:
    a, b = set(normalize_title(first).split()), set(normalize_title(second).split())
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
