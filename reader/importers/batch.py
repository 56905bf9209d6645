"""Import many files: dispatch by format, skip duplicates, report every article's outcome.

A file gives one article (text, Markdown, a saved page) or many (a Wallabag export, a
feed): the report has one result per article, and one per file that could not be read.
Duplicates are skipped: same source bytes or same text (the store checks those), or the
same canonical URL as an article already in the library (checked here).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from reader.importers.decoding import read_source
from reader.importers.errors import ImportFailure
from reader.importers.markdown_file import article_from_markdown
from reader.importers.parsed import ParsedArticle, ParsedFile
from reader.importers.text_file import article_from_text_file
from reader.library.model import Article
from reader.library.store import DuplicateArticleError, LibraryError, LibraryStore

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
WALLABAG_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = (
    MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | WALLABAG_SUFFIXES
)
SUPPORTED_DESCRIPTION = (
    ".txt, .md, .markdown, saved web pages (.html, .htm), "
    "Wallabag exports (.json), RSS/Atom feeds (.xml, .rss, .atom)"
)
SAVED_PAGE_FOLDER_SUFFIX = "_files"
""""Web page, complete" saves ``Name.html`` beside ``Name_files/`` (images, scripts)."""

Status = Literal["imported", "skipped", "failed"]


@dataclass(frozen=True)
class ImportResult:
    path: Path
    status: Status
    article_id: str = ""
    message: str = ""
    entry: str = ""
    """For a file holding many articles (export, feed): which entry (its title)."""


@dataclass
class ImportReport:
    results: list[ImportResult] = field(default_factory=list)

    def _count(self, status: Status) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def imported(self) -> int:
        return self._count("imported")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    def summary(self) -> str:
        return f"{self.imported} imported, {self.skipped} skipped, {self.failed} failed"


def parse_file(path: Path, *, folder: Path | None = None) -> ParsedFile:
    """Parse one file into its articles (not stored); raises ImportFailure with the reason.

    ``folder``: the file is one page of this folder being imported (a help set, a saved
    site), where a short page is still a page: see ``parse_html_page``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise ImportFailure(path, "is a folder (import the files inside it instead)")
    if suffix not in SUPPORTED_SUFFIXES:
        raise ImportFailure(
            path, f"unsupported file type '{suffix}' (supported: {SUPPORTED_DESCRIPTION})"
        )
    if suffix in HTML_SUFFIXES:
        from reader.importers.html_page import parse_html_page

        return parse_html_page(path, folder=folder)
    if suffix in FEED_SUFFIXES:
        from reader.importers.feeds import parse_feed

        return parse_feed(path)
    if suffix in WALLABAG_SUFFIXES:
        from reader.importers.wallabag import parse_wallabag

        return parse_wallabag(path)
    source = read_source(path)
    if suffix in MARKDOWN_SUFFIXES:
        return ParsedFile([ParsedArticle(article_from_markdown(source))])
    return ParsedFile([ParsedArticle(article_from_text_file(source))])


def import_file(path: Path) -> Article:
    """Parse a single-article file into an Article (not stored); raises ImportFailure.

    A saved page's images are not part of the Article: ``import_paths`` stores them.
    A file holding several articles must be imported into a library with ``import_paths``.
    """
    parsed = parse_file(path)
    if len(parsed.articles) != 1 or parsed.problems:
        count = len(parsed.articles) + len(parsed.problems)
        raise ImportFailure(Path(path), f"holds {count} articles: import it into a library")
    return parsed.articles[0].article


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the supported files inside folders (recursively, sorted).

    A saved page's ``Name_files`` folder is its page's belongings, not articles.
    """
    return [found.path for found in expand_with_folders(paths)]


class FoundFile(NamedTuple):
    path: Path
    folder: Path
    """The folder given to import (a file given alone: its own folder): the article records
    where it was inside it, so relative links between its pages resolve."""
    in_folder: bool
    """Found inside a folder given to import: one page of a set, short as it may be."""


def expand_with_folders(paths: Iterable[Path]) -> list[FoundFile]:
    """``expand_paths`` with the folder each file was found in."""
    files: list[FoundFile] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(FoundFile(file, path, True) for file in _files_in(path))
        else:
            files.append(FoundFile(path, path.parent, False))
    return files


def _files_in(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not _is_page_folder(root, d, names)
        )
        files.extend(
            Path(root) / name
            for name in sorted(names)
            if not name.startswith(".")
            and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
            and _is_regular_file(Path(root) / name)
        )
    return files


def unexpected(error: BaseException) -> str:
    """The one-line reason shown for an error no importer anticipated."""
    detail = " ".join(str(error).split())[:200]
    name = type(error).__name__
    return (
        f"could not be imported ({name}: {detail})" if detail else f"could not be imported ({name})"
    )


def _is_regular_file(path: Path) -> bool:
    """A FIFO or device found inside a folder is not an article (one named on the command
    line is kept, so that its import fails with a reason instead of vanishing)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # let the import say why it cannot be read


def _is_page_folder(root: str, folder: str, names: list[str]) -> bool:
    if not folder.endswith(SAVED_PAGE_FOLDER_SUFFIX):
        return False
    stem = folder.removesuffix(SAVED_PAGE_FOLDER_SUFFIX)
    return any(
        Path(name).stem == stem and Path(name).suffix.lower() in HTML_SUFFIXES for name in names
    )


def import_paths(
    paths: Sequence[Path],
    store: LibraryStore,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import files and folders into ``store``; results in order, ``progress`` per file."""
    files = expand_with_folders(paths)
    report = ImportReport()
    for done, found in enumerate(files, start=1):
        report.results.extend(_import_file(found, store))
        if progress is not None:
            progress(done, len(files))
    return report


def _import_file(found: FoundFile, store: LibraryStore) -> list[ImportResult]:
    """One file is one transaction: whatever goes wrong becomes that file's result."""
    path = found.path
    try:
        parsed = parse_file(path, folder=found.folder if found.in_folder else None)
    except ImportFailure as failure:
        return [ImportResult(path, "failed", message=failure.reason)]
    except RecursionError:
        return [ImportResult(path, "failed", message="nested too deeply to be read")]
    except MemoryError:
        return [ImportResult(path, "failed", message="too large to be read in memory")]
    except Exception as error:  # a parser's bug must not cost the rest of the batch
        return [ImportResult(path, "failed", message=unexpected(error))]
    if len(parsed.articles) == 1:
        _record_location(parsed.articles[0].article, path, found.folder)
    results = [_store_one(path, item, store) for item in parsed.articles]
    results.extend(
        ImportResult(
            path, "failed", message=f"{problem.entry}: {problem.reason}", entry=problem.entry
        )
        for problem in parsed.problems
    )
    return results


def _record_location(article: Article, path: Path, folder: Path) -> None:
    """Note where a one-article file was: its links to its neighbours then resolve."""
    if article.source is None:
        return
    # Lexical (no symlinks followed), like the relative links that resolve against it.
    folder = Path(os.path.normpath(folder.absolute()))
    try:
        relative = Path(os.path.normpath(path.absolute())).relative_to(folder)
    except ValueError:
        return
    article.source.folder = folder.as_posix()
    article.source.path = relative.as_posix()


def _store_one(path: Path, item: ParsedArticle, store: LibraryStore) -> ImportResult:
    if item.site_name and not item.article.site:
        item.article.site = item.site_name
    try:
        stored = store.add(item.article, assets=item.assets or None)
    except DuplicateArticleError as duplicate:
        return ImportResult(path, "skipped", duplicate.existing_id, str(duplicate), item.entry)
    except LibraryError as error:
        return ImportResult(path, "failed", message=str(error), entry=item.entry)
    except Exception as error:  # see _import_file: one article, one result
        return ImportResult(path, "failed", message=unexpected(error), entry=item.entry)
    return ImportResult(path, "imported", stored.id, stored.title, item.entry)
