"""Turning a file's bytes into text, refusing what is not text.

Scraped pages arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 /
Latin-1 from older tools: decode in that order, and call binary what is not text.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from reader.importers.errors import ImportFailure
from reader.library.atomic import FileTooLargeError, NotARegularFileError, read_regular_file

MAX_BYTES = 20 * 1024 * 1024
_CONTROL_OK = {"\n", "\r", "\t", "\f"}


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str
    encoding: str
    sha256: str


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """Return (the file's bytes, their sha256), refusing missing, huge and empty files.

    HTML, JSON and feeds declare their own encodings, so their parsers want the bytes.
    The file is only read, never modified. Only a regular file is read, and the size is
    counted while reading: ``stat`` says 0 for ``/dev/zero``, which never ends.
    """
    try:
        data = read_regular_file(path, max_bytes)
    except FileNotFoundError:
        raise ImportFailure(path, "file not found") from None
    except IsADirectoryError:
        raise ImportFailure(path, "is a folder (import the files inside it instead)") from None
    except FileTooLargeError:
        raise ImportFailure(
            path, f"too large (over {max_bytes // 1024 // 1024} MB, the limit)"
        ) from None
    except NotARegularFileError as error:
        raise ImportFailure(path, f"{error.strerror}: only regular files are imported") from None
    except OSError as error:
        raise ImportFailure(path, f"cannot be read: {error.strerror or error}") from error
    if not data.strip():
        raise ImportFailure(path, "empty (no text)")
    return data, hashlib.sha256(data).hexdigest()


def read_source(path: Path, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read ``path`` as text (never modifying it); raise ImportFailure with the reason."""
    data, sha256 = read_bytes(path, max_bytes)
    text, encoding = decode_bytes(path, data)
    if not text.strip():
        raise ImportFailure(path, "empty (no text)")
    return SourceText(path, text, encoding, sha256)


def decode_bytes(path: Path, data: bytes) -> tuple[str, str]:
    """Return (text with normalized line ends, encoding name)."""
    if not data.strip():
        raise ImportFailure(path, "empty (no text)")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _normalize(data.decode(encoding)), encoding
            except UnicodeDecodeError:
                raise ImportFailure(
                    path, f"undecodable (starts as {encoding} but is not)"
                ) from None
    if b"\x00" in data[:8192]:
        raise ImportFailure(path, "binary file (contains NUL bytes), not text")
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return _normalize(text), encoding
        break
    raise ImportFailure(path, "undecodable: not UTF-8, Windows-1252 or Latin-1 text")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch < " " and ch not in _CONTROL_OK)
    return controls <= max(2, len(sample) // 200)


def _normalize(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
