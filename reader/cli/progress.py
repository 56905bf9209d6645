"""Progress bars for long work (import, index, merge), drawn by tqdm on stderr.

Shown only when stderr is a terminal: a person watching gets a bar with a count, rate and
time left; a script, a pipe or a log file gets nothing but the results. The core reports
progress through plain ``(done, total)`` callbacks and never imports tqdm; tqdm itself is
imported only when a bar is really drawn.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm

Progress = Callable[[int, int], None]


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed stream
        return False


def _reports_its_width(stream: TextIO) -> bool:
    """False for a terminal of size 0x0 (a bare pty, some CI runners): tqdm would draw
    nothing there, so the size comes from ``COLUMNS``/``LINES`` or 80x24 instead."""
    try:
        return os.get_terminal_size(stream.fileno()).columns > 0
    except (AttributeError, ValueError, OSError):
        return False


def _bar(label: str, total: int | None, stream: TextIO, **options: object) -> tqdm:
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0  # no watchdog thread: our bars are updated often enough

    if _reports_its_width(stream):
        options["dynamic_ncols"] = True  # follows the window when it is resized
    else:
        size = shutil.get_terminal_size()
        options["ncols"], options["nrows"] = size.columns, size.lines
    return Bar(
        total=total,
        desc=label,
        file=stream,
        leave=False,  # the bar goes away; the command's own summary line stays
        mininterval=0.1,
        **options,
    )


class _CountingBar:
    """A ``(done, total)`` callback that opens the bar on the first report with work."""

    def __init__(self, label: str, unit: str, stream: TextIO) -> None:
        self._label, self._unit, self._stream = label, unit, stream
        self._bar: tqdm | None = None

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        if self._bar is None or self._bar.total != total or done < self._bar.n:
            self.close()
            self._bar = _bar(self._label, total, self._stream, unit=self._unit)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _ignore(done: int, total: int) -> None:
    """The callback when nobody is watching."""


@contextmanager
def progress_bar(
    label: str, *, unit: str = " files", stream: TextIO | None = None
) -> Iterator[Progress]:
    """A progress callback for the core, drawing a bar while inside (if on a terminal)."""
    stream = stream if stream is not None else sys.stderr
    if not _is_terminal(stream):
        yield _ignore
        return
    bar = _CountingBar(label, unit, stream)
    try:
        yield bar
    finally:
        bar.close()


@contextmanager
def activity(label: str, *, stream: TextIO | None = None) -> Iterator[None]:
    """For work that cannot count (a merge): the label and the time elapsed, ticking."""
    stream = stream if stream is not None else sys.stderr
    if not _is_terminal(stream):
        yield
        return
    bar = _bar(label, None, stream, bar_format="{desc}… {elapsed}")
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(0.5):
            bar.refresh()

    ticker = threading.Thread(target=tick, name="progress-ticker", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        stop.set()
        ticker.join()
        bar.close()
