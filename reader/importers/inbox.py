"""An inbox folder: files saved into it are imported, then moved aside, never lost.

A browser's "Save page as…" or a download lands in the inbox; each pass imports what has
settled there (not still being written) and moves it into ``imported/`` or, when nothing of
it could be imported, into ``failed/`` with a ``<name>.error.txt`` beside it saying why. The
import itself never changes its source (``import_paths``), and a file is only moved after
its import finished, so a crash mid-pass leaves it in the inbox for the next pass (where a
second import is recognised as a duplicate and skipped).
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.importers.batch import (
    HTML_SUFFIXES,
    SAVED_PAGE_FOLDER_SUFFIX,
    ImportReport,
    import_paths,
)
from reader.library.store import LibraryStore

IMPORTED_FOLDER = "imported"
FAILED_FOLDER = "failed"
SETTLE_SECONDS = 2.0
"""A file changed more recently than this may still be being written: wait for it."""
PARTIAL_SUFFIXES = frozenset({".part", ".crdownload", ".download", ".tmp", ".partial"})
"""Browsers' names for downloads in progress: they are renamed when complete."""


@dataclass
class InboxPass:
    """What one pass over the inbox did."""

    report: ImportReport = field(default_factory=ImportReport)
    moved: dict[Path, Path] = field(default_factory=dict)
    """Each processed file -> where it went (``imported/`` or ``failed/``)."""
    waiting: int = 0
    """Files left for a later pass (still being written)."""
    unmovable: dict[Path, str] = field(default_factory=dict)
    """Files imported but not moved aside -> why: the caller skips them next time."""


def inbox_files(inbox: Path) -> list[Path]:
    """The files waiting in ``inbox`` (not its sub-folders, hidden or partial files)."""
    if not inbox.is_dir():
        return []
    return sorted(
        entry
        for entry in inbox.iterdir()
        if entry.is_file()
        and not entry.name.startswith(".")
        and entry.suffix.lower() not in PARTIAL_SUFFIXES
    )


def process_inbox(
    inbox: Path,
    store: LibraryStore,
    progress: Callable[[int, int], None] | None = None,
    *,
    settle_seconds: float = SETTLE_SECONDS,
    skip: frozenset[Path] = frozenset(),
) -> InboxPass:
    """Import the settled files of ``inbox`` into ``store`` and move each aside."""
    result = InboxPass()
    now = time.time()
    ready: list[Path] = []
    for path in inbox_files(inbox):
        if path in skip:
            continue
        try:
            young = now - path.stat().st_mtime < settle_seconds
        except OSError:
            continue  # gone meanwhile
        if young:
            result.waiting += 1
        else:
            ready.append(path)
    for done, path in enumerate(ready, start=1):
        report = import_paths([path], store)
        result.report.results.extend(report.results)
        failed = not report.results or all(r.status == "failed" for r in report.results)
        try:
            result.moved[path] = _move_aside(
                inbox, path, FAILED_FOLDER if failed else IMPORTED_FOLDER
            )
            if failed:
                _write_error(result.moved[path], report)
        except OSError as error:
            result.unmovable[path] = f"{path}: cannot be moved aside: {error.strerror or error}"
        if progress is not None:
            progress(done, len(ready))
    return result


def _move_aside(inbox: Path, path: Path, folder_name: str) -> Path:
    """Move ``path`` (and a saved page's ``_files`` folder) into ``inbox/folder_name``."""
    folder = inbox / folder_name
    folder.mkdir(exist_ok=True)
    target = _free_name(folder, path.name)
    path.rename(target)
    belongings = path.with_name(path.stem + SAVED_PAGE_FOLDER_SUFFIX)
    if path.suffix.lower() in HTML_SUFFIXES and belongings.is_dir():
        with contextlib.suppress(OSError):  # the page itself is safe already
            shutil.move(belongings, target.with_name(target.stem + SAVED_PAGE_FOLDER_SUFFIX))
    return target


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2)``… when a file of that name was moved there before."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    counter = 2
    while (
        candidate.exists()
        or candidate.with_name(candidate.stem + SAVED_PAGE_FOLDER_SUFFIX).exists()
    ):
        candidate = folder / f"{stem} ({counter}){suffix}"
        counter += 1
    return candidate


def _write_error(moved: Path, report: ImportReport) -> None:
    lines = [f"{result.path.name}: {result.message}" for result in report.results] or [
        f"{moved.name}: nothing could be imported"
    ]
    with contextlib.suppress(OSError):
        moved.with_name(moved.name + ".error.txt").write_text("\n".join(lines) + "\n", "utf-8")
