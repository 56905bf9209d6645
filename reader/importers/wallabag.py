"""Wallabag JSON exports: a list of saved entries, each with its HTML content and tags.

Wallabag already extracted each article, so its ``content`` is converted, not re-extracted.
The flags carry over (``is_starred`` -> starred, ``is_archived`` -> read); ``published_at``
is the article's date, else ``created_at`` (when it was saved).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from reader.importers.decoding import read_bytes
from reader.importers.errors import ImportFailure
from reader.importers.html_markdown import html_to_markdown
from reader.importers.parsed import EntryProblem, ParsedArticle, ParsedFile
from reader.library.lang import detect_language
from reader.library.model import Article, Source
from reader.library.text import without_surrogates

_NOT_WALLABAG = "not a Wallabag export (expected a list of entries with title, url, content)"


def parse_wallabag(path: Path) -> ParsedFile:
    """Every entry of a Wallabag export; ImportFailure if the file is not one."""
    data, _sha256 = read_bytes(path)
    try:
        document = json.loads(data)
    except UnicodeDecodeError:
        raise ImportFailure(path, "not valid JSON (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        raise ImportFailure(
            path, f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ImportFailure(path, "not a Wallabag export (JSON nested too deeply)") from None
    except ValueError:  # an integer with more digits than Python converts (4,300)
        raise ImportFailure(path, "not a Wallabag export (a number far too long)") from None
    entries = _entries(document)
    if entries is None:
        raise ImportFailure(path, _NOT_WALLABAG)
    if not entries:
        raise ImportFailure(path, "the Wallabag export has no entries")
    result = ParsedFile(multi=True)
    for number, entry in enumerate(entries, start=1):
        label = _text(entry.get("title")) or _text(entry.get("url")) or f"entry {number}"
        label = without_surrogates(label)
        try:
            article = _article(path, entry)
        except ValueError as problem:
            result.problems.append(EntryProblem(label, str(problem)))
            continue
        except RecursionError:
            result.problems.append(EntryProblem(label, "its content is nested too deeply"))
            continue
        site = _text(entry.get("domain_name"))
        result.articles.append(ParsedArticle(article, site_name=site, entry=label))
    return result


def _entries(document: Any) -> list[dict[str, Any]] | None:
    """The entry list of an export (a JSON list) or of an API page (``_embedded.items``)."""
    if isinstance(document, dict):
        embedded = document.get("_embedded")
        if isinstance(embedded, dict):
            document = embedded.get("items", document.get("entries"))
        else:
            document = document.get("entries")
    if not isinstance(document, list):
        return None
    if not all(isinstance(entry, dict) for entry in document):
        return None
    if document and not any("content" in entry and "url" in entry for entry in document):
        return None
    return document


def _article(path: Path, entry: dict[str, Any]) -> Article:
    url = _text(entry.get("url")) or _text(entry.get("given_url"))
    content = entry.get("content") or ""
    if not isinstance(content, str):
        raise ValueError("its content is not text")
    body = html_to_markdown(content, base_url=url)
    if not body.strip():
        raise ValueError("no content (Wallabag could not fetch this page)")
    title = _text(entry.get("title")) or url
    if not title:
        raise ValueError("no title")
    identity = json.dumps(
        {key: entry.get(key) for key in ("id", "url", "title", "content")}, sort_keys=True
    )
    return Article(
        title=title,
        body=body,
        author=", ".join(_text(name) for name in _as_list(entry.get("published_by")) if name),
        published=_date(entry.get("published_at")) or _date(entry.get("created_at")),
        tags=list(dict.fromkeys(tag for tag in map(_tag, _as_list(entry.get("tags"))) if tag)),
        lang=_lang(entry.get("language")) or detect_language(f"{title} {body}"),
        starred=bool(entry.get("is_starred")),
        read=bool(entry.get("is_archived")),
        source=Source(
            kind="wallabag",
            file=path.name,
            sha256=hashlib.sha256(identity.encode("utf-8")).hexdigest(),
            url=url,
        ),
    )


def _text(value: object) -> str:
    return without_surrogates(" ".join(value.split())) if isinstance(value, str) else ""


def _as_list(value: object) -> list[Any]:
    if isinstance(value, list):
        return value
    return [value] if value else []


def _tag(value: object) -> str:
    """Tags are plain labels in exports, ``{"label": ...}`` objects in the API."""
    if isinstance(value, dict):
        return _text(value.get("label") or value.get("slug"))
    return _text(value)


def _date(value: object) -> dt.date | None:
    text = _text(value)
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _lang(value: object) -> str:
    code = _text(value).lower().replace("_", "-").split("-")[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else ""
