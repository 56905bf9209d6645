"""Markdown conversion with bounded work: hostile bodies become plain text, fast.

Python-Markdown is quadratic on some inputs: 16 KB of ``[`` took 29 s, 1 MB of ``&amp;``
110 s, 80 KB of ``---`` lines 55 s, 45 KB of ``<a href='`` 8 s; a fuzz run keeps finding
more (nested ``>`` quotes, ``1.`` lists, ``~~~`` fences). Two defences, in order:

1. **A pre-check** counts the measured cases in one linear pass (brackets per paragraph,
   entities, size) and sends them straight to plain text, without trying.
2. **A deadline** for everything else: a timer thread raises an exception *in the
   converting thread* once the time budget is spent (CPython's
   ``PyThreadState_SetAsyncExc``, delivered between two bytecodes). Why not a thread to
   abandon: it would keep burning a core; why not a trace function checking the clock:
   it made every ordinary article 2.9x slower to render, the timer costs one thread start.

Either way the body is shown as escaped paragraphs: it loses its formatting, never its text.
"""

from __future__ import annotations

import ctypes
import html
import re
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import markdown

MAX_MARKDOWN_CHARS = 600_000
"""Longer bodies are shown as plain text: Python-Markdown took ~1.5 s per 600 KB of
ordinary prose here (a 2,000-row table is 440 KB), and a body is rendered again for every
theme change and every export."""
MAX_BRACKET_WORK = 400_000
"""Bound on the sum over paragraphs of (``[`` in the paragraph)²: every ``[`` makes the link
pattern scan the rest of its paragraph, so 2,000 brackets in one took 1 s, 16 KB of them 29 s.
Real prose has a handful per paragraph; 400,000 is ~0.1 s."""
MAX_ENTITIES = 5_000
"""``&`` references are stashed and restored one by one: 1 MB of ``&amp;`` took 110 s,
20,000 of them 0.6 s; 5,000 is far more than any article holds."""
BASE_SECONDS = 0.2
SECONDS_PER_CHAR = 1 / 300_000
"""The deadline, in CPU seconds of the converting thread: ``BASE_SECONDS`` plus ~1.5x what
the slowest ordinary Markdown needs (a 2,000-row, 400 KB table; prose is about twice as
fast). A 50 KB article gets 0.37 s (it needs ~0.1 s), so a pathological 50 KB body is
cut off in about a third of a second; large bodies render in a worker anyway."""
LARGE_BODY_CHARS = 60_000
"""Above this a body takes over ~0.1 s to render: a window renders it in a worker thread."""
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_SPACE_RUN = re.compile(r"[ \t\r\n\xa0]*[ \t\r\n][ \t\r\n\xa0]*")


class _DeadlinePassed(BaseException):
    """A BaseException, like KeyboardInterrupt: no ``except Exception`` swallows it."""


def markdown_is_bounded(markdown_text: str) -> bool:
    """False for bodies measured to make Python-Markdown quadratic (see the constants)."""
    if len(markdown_text) > MAX_MARKDOWN_CHARS:
        return False
    if markdown_text.count("&") > MAX_ENTITIES:
        return False
    if "[" not in markdown_text:
        return True
    bracket_work = 0
    for block in _BLANK_LINES.split(markdown_text):
        brackets = block.count("[")
        bracket_work += brackets * brackets
        if bracket_work > MAX_BRACKET_WORK:
            return False
    return True


def render_is_slow(markdown_text: str) -> bool:
    """True when rendering this body should happen off the GUI thread."""
    return len(markdown_text) > LARGE_BODY_CHARS


def time_budget(markdown_text: str) -> float:
    return BASE_SECONDS + len(markdown_text) * SECONDS_PER_CHAR


def bounded_markdown(
    markdown_text: str, extensions: list[str], seconds: float | None = None
) -> str | None:
    """Python-Markdown's HTML for the body, or None when it would not be done in time
    (refused by the pre-check, past the deadline, or nested past the recursion limit)."""
    if not markdown_is_bounded(markdown_text):
        return None
    budget = time_budget(markdown_text) if seconds is None else seconds
    try:
        with _Deadline(budget):
            return markdown.Markdown(extensions=extensions).convert(markdown_text)
    except (_DeadlinePassed, RecursionError):
        # RecursionError: Python-Markdown recurses per nesting level, and a body built to
        # nest hundreds of lists deep would otherwise crash the view.
        return None


class _Deadline:
    """Raise ``_DeadlinePassed`` in this thread once the block has used ``seconds`` of CPU
    time; never after the block has left (a pending raise is withdrawn).

    CPU time of the converting thread, not wall time: on a busy machine (the test machine
    runs eight jobs on two cores) wall time stretches ordinary work past any budget.

    An asynchronous exception lands in whatever Python code runs next, which may be a
    finalizer the garbage collector runs (a generator being closed): there it is only
    reported as "ignored" and the conversion goes on. So the watcher fires again every
    ``POLL_SECONDS`` until the block has left, and those reports are kept quiet.
    """

    POLL_SECONDS = 0.02

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._thread_id = threading.get_ident()
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._fired = False
        self._previous_hook = sys.unraisablehook
        self._clock = _thread_clock(self._thread_id)
        self._started = 0.0

    def __enter__(self) -> _Deadline:
        if _set_async_exc is not None:
            self._started = self._clock()
            sys.unraisablehook = self._unraisable
            threading.Thread(target=self._watch, name="markdown-deadline", daemon=True).start()
        return self

    def _unraisable(self, report: Any) -> None:
        if not isinstance(report.exc_value, _DeadlinePassed):
            self._previous_hook(report)

    def _watch(self) -> None:
        while not self._finished.wait(self.POLL_SECONDS):
            if self._clock() - self._started < self._seconds:
                continue
            with self._lock:
                if self._finished.is_set():
                    return
                self._fired = True
                assert _set_async_exc is not None
                _set_async_exc(ctypes.c_ulong(self._thread_id), ctypes.py_object(_DeadlinePassed))

    def __exit__(self, *_exc: object) -> None:
        while True:
            try:
                self._stop()
            except _DeadlinePassed:
                continue  # landed while stopping (the block had finished): stop again
            return

    def _stop(self) -> None:
        with self._lock:
            self._finished.set()
        if _set_async_exc is None:
            return
        if self._fired:
            # Fired but perhaps not delivered yet: withdraw it, or it would surface later
            # in unrelated code.
            _set_async_exc(ctypes.c_ulong(self._thread_id), ctypes.py_object())
        if sys.unraisablehook == self._unraisable:
            sys.unraisablehook = self._previous_hook


def _thread_clock(thread_id: int) -> Callable[[], float]:
    """Seconds of CPU the thread has used (wall time where that cannot be read)."""
    try:
        clock = time.pthread_getcpuclockid(thread_id)
        time.clock_gettime(clock)
    except (AttributeError, OSError):  # pragma: no cover - not on Linux / macOS
        return time.monotonic
    return lambda: time.clock_gettime(clock)


def _async_exc_setter() -> object | None:
    """CPython's ``PyThreadState_SetAsyncExc``, or None elsewhere (no deadline there)."""
    try:
        setter = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (AttributeError, ValueError):  # pragma: no cover - not CPython
        return None
    setter.argtypes = (ctypes.c_ulong, ctypes.py_object)
    setter.restype = ctypes.c_int
    return setter


_set_async_exc = _async_exc_setter()


def plain_paragraphs(markdown_text: str) -> str:
    """The body as escaped paragraphs: safe by construction (only ``<p>`` and escaped
    text), so it needs no sanitizer, whose parser is slow on entity-dense text."""
    return "".join(
        f"<p>{html.escape(_SPACE_RUN.sub(' ', paragraph.strip()), quote=False)}</p>"
        for paragraph in _BLANK_LINES.split(markdown_text)
        if paragraph.strip()
    )
