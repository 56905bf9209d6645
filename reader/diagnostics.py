"""Logging, configured in one place for the CLI and the window.

Why a log file: the window has no terminal, so a warning or a traceback printed to stderr
is lost; the file (rotated, a few MB at most) is where a bug report starts. The console
keeps only warnings and errors (as ``reader: warning: ...``) unless ``--debug`` asks for
everything, tracebacks included.

Called once per run from the composition root (``reader.app.logging_session``), as a
context manager so that tests and embedders calling ``main()`` repeatedly get their
handlers removed and files closed again.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from reader.library.printable import printable

LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
"""At most four files of 1 MB: enough for weeks of warnings, never a disk filler."""

FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

FILE_ONLY = "reader_file_only"
"""Set in ``extra`` on a record that the console already reported in its own words."""


class _ConsoleFormatter(logging.Formatter):
    """``reader: warning: message``; untrusted text in the message is escaped.

    With ``--debug``, the logger's name too (``reader: debug: trafilatura.core: ...``: half
    the records then come from libraries) and tracebacks (always in the log file).
    """

    def __init__(self, *, tracebacks: bool) -> None:
        super().__init__()
        self._tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        message = printable(record.getMessage())
        origin = f"{record.name}: " if self._tracebacks else ""
        text = f"reader: {record.levelname.lower()}: {origin}{message}"
        if self._tracebacks and record.exc_info:
            text += "\n" + printable(self.formatException(record.exc_info), multiline=True)
        return text


class _FileFormatter(logging.Formatter):
    """The file keeps newlines of tracebacks but never raw escape sequences (``less``-safe)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record), multiline=True)


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, FILE_ONLY, False)


@contextmanager
def logging_to(
    log_file: Path, *, debug: bool = False, console: TextIO | None = None
) -> Iterator[Path]:
    """Send log records to ``log_file`` (rotated) and warnings to the console while inside.

    ``debug`` lowers both to DEBUG and adds tracebacks to the console. The file is created
    only when something is logged (``delay``), and a log folder that cannot be created
    (read-only home) costs the file, never the run.
    """
    root = logging.getLogger()
    added: list[logging.Handler] = []
    stream_handler = logging.StreamHandler(console if console is not None else sys.stderr)
    stream_handler.setLevel(logging.DEBUG if debug else logging.WARNING)
    stream_handler.setFormatter(_ConsoleFormatter(tracebacks=debug))
    stream_handler.addFilter(_not_file_only)
    added.append(stream_handler)
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_file,
            maxBytes=LOG_MAX_BYTES,
            backupCount=LOG_BACKUPS,
            encoding="utf-8",
            delay=True,
        )
    except OSError as error:
        stream_handler.handle(
            logging.makeLogRecord(
                {"levelno": logging.WARNING, "levelname": "WARNING", "msg": f"no log file: {error}"}
            )
        )
    else:
        file_handler.setLevel(logging.DEBUG if debug else logging.INFO)
        file_handler.setFormatter(_FileFormatter(FILE_FORMAT))
        added.append(file_handler)
    previous_level = root.level
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for handler in added:
        root.addHandler(handler)
    try:
        yield log_file
    finally:
        for handler in added:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(previous_level)
