"""The library's lock file: one process at a time checks for a duplicate and adds.

Two ``reader import`` processes on overlapping folders each checked, then wrote: both
found no duplicate and both wrote (5 of 13 rounds in the adversarial run). Holding an
``flock`` on ``<library>/.reader.lock`` makes check-and-write one step across processes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock between processes
    fcntl = None  # type: ignore[assignment]


class LibraryLock:
    """An exclusive lock on one file, which also counts the adds made under it.

    The count tells a process whether someone else added since its own last add, so it
    re-scans the folder only then (a scan of 100k files costs a fraction of a second; an
    import adds thousands of articles).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._last_seen: bytes | None = None

    @contextlib.contextmanager
    def hold(self) -> Iterator[bool]:
        """Hold the lock; yields True when another process added since our last add (or
        when that cannot be known: no ``fcntl``, no writable lock file)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            yield True
            return
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            counter = os.pread(fd, 32, 0).strip()
            yield fcntl is None or counter != self._last_seen
            # Reached only when the block added (an exception, e.g. a duplicate, skips it).
            bumped = str(int(counter) + 1 if counter.isdigit() else 1).encode()
            os.pwrite(fd, bumped.ljust(20), 0)
            self._last_seen = bumped
        finally:
            os.close(fd)  # releases the flock
