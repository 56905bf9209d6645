"""Whoosh's file storage, reading by position in one system call.

Why: Whoosh reads its term table, postings and columns with ``StructFile.get(position,
length)``: a seek and a read through Python's buffered file, four Python calls each. A
did-you-mean walks each segment's term table with a Levenshtein automaton, thousands of
such small reads per typed word, which were most of a typo query's time (10k articles,
median 11 -> 4.5 ms with ``os.pread``). Not ``mmap``: every page a search touched of a
1.7 GB index would count in the process's resident memory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile


class PositionalFile(StructFile):
    """A ``StructFile`` whose ``get`` is ``os.pread`` (the file offset is left alone, so
    Whoosh's seek-and-read methods keep working beside it)."""

    def __init__(self, handle: Any, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(handle, name=name, **kwargs)
        self._fd = handle.fileno()

    def get(self, position: int, length: int) -> bytes:
        return os.pread(self._fd, length, position)


class PositionalReadStorage(FileStorage):
    """``FileStorage`` opening its files as ``PositionalFile`` where the system has
    ``pread`` (not on Windows, which keeps Whoosh's own reads)."""

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        if not hasattr(os, "pread"):
            return super().open_file(name, **kwargs)
        return PositionalFile(Path(self._fpath(name)).open("rb"), name=name, **kwargs)
