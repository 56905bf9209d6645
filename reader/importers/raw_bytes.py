"""Reading a source file's bytes with the same limits and messages as text sources.

HTML, JSON and feeds declare their own encodings, so their parsers want the bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.importers.decoding import MAX_BYTES
from reader.importers.errors import ImportFailure


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """Return (the file's bytes, their sha256) without modifying the file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFailure(path, "file not found") from None
    except OSError as error:
        raise ImportFailure(path, f"cannot be read: {error.strerror or error}") from error
    if size > max_bytes:
        raise ImportFailure(
            path, f"too large ({size / 1024 / 1024:.1f} MB, limit {max_bytes // 1024 // 1024} MB)"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailure(path, f"cannot be read: {error.strerror or error}") from error
    if not data.strip():
        raise ImportFailure(path, "empty (no text)")
    return data, hashlib.sha256(data).hexdigest()
