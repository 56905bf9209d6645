"""Import many files: dispatch by format, skip duplicates, report every file's outcome."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.importers.decoding import read_source
from reader.importers.errors import ImportFailure
from reader.importers.markdown_file import article_from_markdown
from reader.importers.text_file import article_from_text_file
from reader.library.model import Article
from reader.library.store import DuplicateArticleError, LibraryError, LibraryStore

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES

Status = Literal["imported", "skipped", "failed"]


@dataclass(frozen=True)
class ImportResult:
    path: Path
    status: Status
    article_id: str = ""
    message: str = ""


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


def import_file(path: Path) -> Article:
    """Parse one file into an Article (not stored); raises ImportFailure with the reason."""
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise ImportFailure(path, "is a folder (import the files inside it instead)")
    if suffix not in SUPPORTED_SUFFIXES:
        raise ImportFailure(
            path, f"unsupported file type '{suffix}' (supported: .txt, .md, .markdown)"
        )
    source = read_source(path)
    if suffix in MARKDOWN_SUFFIXES:
        return article_from_markdown(source)
    return article_from_text_file(source)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the supported files inside folders (recursively, sorted)."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(
                    Path(root) / name
                    for name in sorted(names)
                    if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
                )
        else:
            files.append(path)
    return files


def import_paths(
    paths: Sequence[Path],
    store: LibraryStore,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import files and folders into ``store``; one result per file, in order."""
    files = expand_paths(paths)
    report = ImportReport()
    for done, path in enumerate(files, start=1):
        report.results.append(_import_one(path, store))
        if progress is not None:
            progress(done, len(files))
    return report


def _import_one(path: Path, store: LibraryStore) -> ImportResult:
    try:
        article = import_file(path)
        stored = store.add(article)
    except ImportFailure as failure:
        return ImportResult(path, "failed", message=failure.reason)
    except DuplicateArticleError as duplicate:
        return ImportResult(path, "skipped", duplicate.existing_id, str(duplicate))
    except LibraryError as error:
        return ImportResult(path, "failed", message=str(error))
    return ImportResult(path, "imported", stored.id, stored.title)
