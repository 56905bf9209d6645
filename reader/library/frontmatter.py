"""Reading and writing the article file: ``---`` YAML front matter ``---`` then Markdown."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from reader.library.model import Article, Highlight, RelatedItem, Source

try:  # the C loader is ~10x faster: it matters when a large library is first catalogued
    _Loader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper

DELIMITER = "---"


class FrontMatterError(ValueError):
    """The file is not a valid article file; the message says why."""


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """Return (front matter mapping or None if absent, body).

    Raises FrontMatterError when a front matter block is present but broken.
    """
    text = text.removeprefix("\ufeff")
    if not text.startswith(DELIMITER):
        return None, text
    first_newline = text.find("\n")
    if first_newline < 0 or text[:first_newline].strip() != DELIMITER:
        return None, text
    end = _find_closing_delimiter(text, first_newline + 1)
    if end is None:
        raise FrontMatterError("front matter starts with '---' but is never closed")
    header = text[first_newline + 1 : end[0]]
    body = text[end[1] :]
    if "*" in header and _has_alias(header):
        raise FrontMatterError(ALIAS_REFUSED)
    try:
        data = yaml.load(header, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}") from error
    except (ValueError, OverflowError, RecursionError) as error:
        # PyYAML builds dates and numbers with the standard library, which refuses
        # "2024-02-30", "+99:00" offsets or a 5,000-digit integer with ValueError.
        raise FrontMatterError(f"front matter has an impossible value: {error}") from error
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping of fields")
    return data, body


ALIAS_REFUSED = "front matter uses YAML aliases (*name), which Reader does not accept"


def _has_alias(header: str) -> bool:
    """True when the YAML refers back to an anchor.

    Why refuse them: an alias is a pointer, so a dozen lines of nested aliases expand into
    billions of nodes ("billion laughs") once turned into Python lists — minutes and
    gigabytes for every command. A hand-written article never needs one. Parsing events
    builds no nodes, so this check costs a fraction of the load that follows; a text
    without ``*`` cannot hold an alias and skips it.
    """
    try:
        return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(header, _Loader))
    except yaml.YAMLError:
        return False  # the load that follows reports the syntax error with its line


def _find_closing_delimiter(text: str, start: int) -> tuple[int, int] | None:
    position = start
    while position <= len(text):
        newline = text.find("\n", position)
        line_end = len(text) if newline < 0 else newline
        if text[position:line_end].rstrip("\r ") in (DELIMITER, "..."):
            body_start = line_end + 1 if newline >= 0 else line_end
            return position, body_start
        if newline < 0:
            return None
        position = newline + 1
    return None


def article_from_text(text: str) -> Article:
    """Parse a library article file; raises FrontMatterError naming the problem."""
    data, body = split_front_matter(text)
    if data is None:
        raise FrontMatterError("the file has no front matter")
    return article_from_mapping(data, body.strip("\n"))


def article_from_mapping(data: dict[str, Any], body: str) -> Article:
    title = _text(data.get("title"))
    if not title:
        raise FrontMatterError("front matter has no 'title'")
    return Article(
        id=_text(data.get("id")),
        title=title,
        body=body,
        author=_text(data.get("author")),
        published=_date(data.get("published", data.get("date"))),
        category=_text(data.get("category")),
        tags=_tags(data.get("tags")),
        lang=_text(data.get("lang")),
        site=_text(data.get("site")),
        source=_source(data.get("source")),
        imported=_datetime(data.get("imported")),
        related=_related(data.get("related")),
        starred=bool(data.get("starred", False)),
        read=bool(data.get("read", False)),
        highlights=_highlights(data.get("highlights")),
    )


def article_to_text(article: Article) -> str:
    """Serialize an article to the file format; stable key order for clean diffs and syncs."""
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "category": article.category,
        "tags": list(article.tags),
        "lang": article.lang,
    }
    if article.site:
        data["site"] = article.site
    if article.source is not None:
        source = {"kind": article.source.kind}
        for key in ("file", "url", "sha256", "folder", "path"):
            value = getattr(article.source, key)
            if value:
                source[key] = value
        data["source"] = source
    if article.imported is not None:
        data["imported"] = article.imported.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data["related"] = [
        {key: value for key, value in vars(item).items() if value} for item in article.related
    ]
    if article.highlights:
        data["highlights"] = [
            {key: value for key, value in vars(item).items() if value}
            for item in article.highlights
        ]
    data["starred"] = article.starred
    data["read"] = article.read
    header = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=4096,
        default_flow_style=False,
    )
    body = article.body.strip("\n")
    return f"{DELIMITER}\n{header}{DELIMITER}\n\n{body}\n"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        # The type only: the repr of a large structure would cost more than the file.
        raise FrontMatterError(f"expected text, found a {type(value).__name__}")
    return str(value).strip()


def _tags(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list):
        raise FrontMatterError("'tags' must be a list")
    tags: list[str] = []
    for tag in value:
        text = _text(tag)
        if text and text not in tags:
            tags.append(text)
    return tags


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as error:
        raise FrontMatterError(f"'published' is not a date: {text!r:.40}") from error


def _datetime(value: Any) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    try:
        parsed = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise FrontMatterError(f"'imported' is not a date-time: {value!r:.40}") from error
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _source(value: Any) -> Source | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FrontMatterError("'source' must be a mapping")
    return Source(
        kind=_text(value.get("kind")) or "unknown",
        file=_text(value.get("file")),
        sha256=_text(value.get("sha256")),
        url=_text(value.get("url")),
        folder=_text(value.get("folder")),
        path=_text(value.get("path")),
    )


def _highlights(value: Any) -> list[Highlight]:
    """``highlights:`` as a list of {text, colour, note}; a bare string is a yellow one."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise FrontMatterError("'highlights' must be a list")
    found = []
    for entry in value:
        if isinstance(entry, str):
            entry = {"text": entry}
        if not isinstance(entry, dict) or not _text(entry.get("text")):
            raise FrontMatterError("each highlight needs a 'text'")
        colour = _text(entry.get("colour", entry.get("color"))) or "yellow"
        found.append(Highlight(_text(entry["text"]), colour, _text(entry.get("note"))))
    return found


def _related(value: Any) -> list[RelatedItem]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise FrontMatterError("'related' must be a list")
    items: list[RelatedItem] = []
    for entry in value:
        if isinstance(entry, str):
            entry = {"title": entry}
        if not isinstance(entry, dict):
            raise FrontMatterError("each 'related' entry must be a mapping with a title")
        title = _text(entry.get("title"))
        if title:
            items.append(
                RelatedItem(
                    title=title,
                    teaser=_text(entry.get("teaser")),
                    caption=_text(entry.get("caption")),
                    url=_text(entry.get("url")),
                )
            )
    return items
