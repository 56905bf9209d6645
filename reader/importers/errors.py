"""The one exception importers raise: a clear, one-line reason naming the file."""

from __future__ import annotations

from pathlib import Path


class ImportFailure(Exception):  # noqa: N818 - a failure report, not a programming error
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
