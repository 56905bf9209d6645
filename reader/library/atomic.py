"""Atomic file writes: a reader of the library never sees a half-written article."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import threading
from pathlib import Path

TEMP_PREFIX = ".tmp-reader-"
_umask_lock = threading.Lock()


def _new_file_mode(path: Path) -> int:
    """The mode a plainly created file would get: an existing file's own mode, else
    0o666 minus the umask (mkstemp's 0o600 would make exported PDFs private to the user)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        pass
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask: from /proc on Linux, else by setting it and putting it back (for
    that instant other threads create files with 0o077, the safe side)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # noqa: PTH123
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _umask_lock:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it, then ``os.replace`` it in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        _set_mode(fd, _new_file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)  # noqa: PTH105 - the atomic step, named as such
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp_name).unlink()
        raise
    _fsync_directory(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_create_text(path: Path, text: str) -> None:
    """Like atomic_write_text, but raise FileExistsError instead of replacing a file.

    The whole file appears at once via a hard link, which fails if the name is taken: two
    Reader processes adding an article with the same id at the same moment cannot overwrite
    each other's article.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        _set_mode(fd, _new_file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp_name, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp_name).unlink()
    _fsync_directory(path.parent)


def _set_mode(fd: int, mode: int) -> None:
    """chmod the open temp file (not possible everywhere, e.g. Windows: harmless to skip)."""
    with contextlib.suppress(OSError, NotImplementedError, AttributeError):
        os.fchmod(fd, mode)


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; not possible on every platform, harmless to skip there."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class NotARegularFileError(OSError):
    """A FIFO, device, socket or folder where a file was expected."""


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes``.

    Why not ``read_bytes()``: a FIFO named ``x.md`` blocks the reader forever, and a
    symlink to ``/dev/zero`` reports size 0 yet never ends. The file is opened without
    blocking, its type checked on the open descriptor (no race with a rename), and the
    read stops one byte past the limit whatever ``stat`` claims.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise NotARegularFileError(errno.EINVAL, kind, str(path))
        chunks: list[bytes] = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise FileTooLargeError(
            errno.EFBIG, f"larger than {max_bytes // (1024 * 1024)} MB", str(path)
        )
    return data


class FileTooLargeError(OSError):
    """More bytes than the caller accepts (counted while reading, not taken from stat)."""
