"""One pass over ``articles/``: the article files with their stamps, and the entries named
like articles that cannot be read as one (and why)."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from reader.library.atomic import TEMP_PREFIX

STALE_TEMP_SECONDS = 600

Stamps = dict[str, tuple[int, int]]
FolderScan = tuple[Stamps, dict[str, str]]
"""One pass over the folder: article stamps, and entries that cannot be articles (why)."""


def scan_articles(articles_dir: Path, suffix: str) -> FolderScan:
    """(filename -> (mtime_ns, size) of every article file, filename -> why an entry
    named like an article cannot be one); stale temp files are removed on the way.

    Only regular files count: a FIFO named ``x.md`` would block the reader forever, a
    link to a device never end. A name that is not valid UTF-8 cannot be an id (nor go
    into the catalog): it is reported, to be renamed.
    """
    seen: Stamps = {}
    unusable: dict[str, str] = {}
    stale_before = time.time() - STALE_TEMP_SECONDS
    with os.scandir(articles_dir) as entries:
        for entry in entries:
            name = entry.name
            if name.endswith(suffix) and not name.startswith("."):
                why = unusable_reason(entry)
                if why is None:
                    info = entry.stat()
                    seen[name] = (info.st_mtime_ns, info.st_size)
                else:
                    shown = os.fsencode(name).decode("utf-8", "backslashreplace")
                    unusable[name] = f"{articles_dir / shown}: {why}"
            elif name.startswith(TEMP_PREFIX):
                # A crash mid-write leaves a partial temp copy (the real file is intact).
                # A young one may be another Reader process writing right now: keep it.
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < stale_before:
                        Path(entry.path).unlink()
    return seen, unusable


def unusable_reason(entry: os.DirEntry[str]) -> str | None:
    """Why a directory entry named like an article cannot be read as one, or None."""
    try:
        entry.name.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8 (rename the file)"
    try:
        mode = entry.stat().st_mode
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if stat.S_ISDIR(mode):
        return "a folder, not an article file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe, device or socket): not read"
    return None
