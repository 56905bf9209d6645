"""Run core jobs (indexing, import, PDF export, search) off the GUI thread.

The core reports progress through plain callbacks; a ``Job`` turns those calls into Qt
signals, which Qt delivers to the GUI thread through queued connections, so the window
stays responsive and widgets are only ever touched from the thread that owns them.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

ProgressCallback = Callable[[int, int], None]


class JobSignals(QObject):
    """Signals of one job; created in the GUI thread so its slots run there."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()


class Job(QRunnable):
    """Calls ``function(progress)`` in a pool thread and reports through ``signals``.

    The function gets a progress callback as its only argument; jobs that have no
    progress simply ignore it.
    """

    def __init__(self, name: str, function: Callable[[ProgressCallback], Any]) -> None:
        super().__init__()
        self.name = name
        self.signals = JobSignals()
        self._function = function
        # The pool must not delete the runnable: Python owns it and the runner keeps it alive.
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self._function(self.signals.progress.emit)
        except Exception as error:  # reported to the user, never swallowed
            traceback.print_exc()
            self.signals.failed.emit(str(error) or type(error).__name__)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


class JobRunner(QObject):
    """Starts jobs on a thread pool and keeps them alive until they finish.

    ``busy_changed`` lets the window show or hide its status-bar progress; ``wait`` lets
    the window (and tests) finish cleanly instead of tearing down under a running job.
    """

    busy_changed = Signal(bool)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool if pool is not None else QThreadPool(self)
        self._running: set[Job] = set()

    def start(
        self,
        name: str,
        function: Callable[[ProgressCallback], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Job:
        job = Job(name, function)
        relay = _Relay(self, job, on_success, on_failure, on_progress)
        job.signals.succeeded.connect(relay.succeeded)
        job.signals.failed.connect(relay.failed)
        job.signals.progress.connect(relay.progress)
        job.signals.finished.connect(relay.finished)
        was_idle = not self._running
        self._running.add(job)
        if was_idle:
            self.busy_changed.emit(True)
        self._pool.start(job)
        return job

    def _forget(self, job: Job) -> None:
        self._running.discard(job)
        if not self._running:
            self.busy_changed.emit(False)

    def is_busy(self) -> bool:
        return bool(self._running)

    def running_names(self) -> list[str]:
        return sorted(job.name for job in self._running)

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every started job has returned (their signals are delivered later)."""
        return self._pool.waitForDone(timeout_ms)


class _Relay(QObject):
    """Delivers one job's results to its callbacks, in the GUI thread.

    A child of the runner (itself a child of the window): when the window is destroyed the
    relay goes with it and Qt drops the connections, so a job finishing after its window
    closed can never call into a deleted widget.
    """

    def __init__(
        self,
        runner: JobRunner,
        job: Job,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[str], None] | None,
        on_progress: Callable[[int, int], None] | None,
    ) -> None:
        super().__init__(runner)
        self._runner = runner
        self._job = job
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress

    def succeeded(self, result: object) -> None:
        if self._on_success is not None:
            self._on_success(result)

    def failed(self, message: str) -> None:
        if self._on_failure is not None:
            self._on_failure(message)

    def progress(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)

    def finished(self) -> None:
        self._runner._forget(self._job)
        self.deleteLater()
