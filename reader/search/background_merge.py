"""Merging the index's segments in a separate, interruptible process.

Why a process and not a thread: a merge walks every term and posting of the segments it
folds together in pure Python (about two minutes per 10,000 articles here), holding the
GIL the whole time; in the window's process that would stall typing and scrolling. A child
process leaves the window responsive, searching goes on against the segments as they were
(Whoosh never rewrites a segment; a merge writes a new one and then a new table of
contents), and stopping it is a signal, honoured at once except while the new table of
contents and the file record are being written, so a stop never leaves an index that the
next start would have to rebuild.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MERGE_TARGET = 2
"""Segments a background merge leaves. Two answer as fast as one within noise, and a
one-article update (a tiny second segment) then never sets off a rewrite of the whole
index; the many segments a rebuild writes are what gets merged."""
EXIT_INTERRUPTED = 3
"""Exit code of a merge that was stopped before it finished (the index is as it was, or
merged as far as the last finished step)."""
EXIT_BUSY = 4
"""Exit code when another writer held the index: nothing was merged."""
EXIT_FAILED = 5
"""Exit code when the merge failed for another reason (logged by the child)."""


class BackgroundMerge:
    """One merge running in a spawned child process.

    ``finished()`` polls without blocking (the window asks from a timer); ``stop()`` asks
    the child to end and waits for it. The index is consistent whatever the moment.
    """

    def __init__(self, index_path: Path, target: int) -> None:
        context = multiprocessing.get_context("spawn")
        self._process = context.Process(
            target=merge_until,
            args=(str(index_path), target),
            name="reader-index-merge",
            daemon=True,
        )
        self._process.start()

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def finished(self) -> bool:
        """Whether the child has ended (merged, stopped or failed)."""
        return not self._process.is_alive()

    @property
    def exit_code(self) -> int | None:
        """0 merged, ``EXIT_INTERRUPTED``, ``EXIT_BUSY``, ``EXIT_FAILED``, ``-SIGTERM`` when
        stopped before it had started merging; None while running."""
        return self._process.exitcode

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the child to stop and wait for it (a few ms unless it is committing).

        Past ``timeout`` the child is killed: Whoosh writes the table of contents to a
        temporary name and renames it, so even then the index is whole; at worst the file
        record lags and the next open finds it stale (see ``IndexFolder.open``).
        """
        process = self._process
        if process.is_alive():
            with contextlib.suppress(ProcessLookupError, TypeError):
                os.kill(process.pid, signal.SIGTERM)  # type: ignore[arg-type]
            process.join(timeout)
            if process.is_alive():
                process.kill()
                process.join(2.0)


class _MergeStoppedError(Exception):
    """Raised in the child by SIGTERM outside the commit's critical part."""


class _StopGuard:
    """SIGTERM handling in the child: interrupt now, or once the critical part is over."""

    def __init__(self) -> None:
        self.critical = False
        self.pending = False
        signal.signal(signal.SIGTERM, self._on_term)

    def _on_term(self, _signum: int, _frame: object) -> None:
        if self.critical:
            self.pending = True
        else:
            raise _MergeStoppedError

    def begin(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` wrapped to open the critical part (a stop waits from here on)."""

        def opening(*args: Any, **kwargs: Any) -> Any:
            self.critical = True
            return function(*args, **kwargs)

        return opening

    def end(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` wrapped to close the critical part once it has returned."""

        def closing(*args: Any, **kwargs: Any) -> Any:
            self.critical = True
            try:
                return function(*args, **kwargs)
            finally:
                self.critical = False

        return closing

    def check(self) -> None:
        if self.pending:
            raise _MergeStoppedError


def merge_until(index_path: str, target: int) -> None:
    """The child's work: merge the two smallest segments, step by step, down to ``target``.

    Each step is one Whoosh commit; the table of contents and the folder's file record are
    written under the stop guard, so they always agree.
    """
    from reader.search.indexer import IndexBusyError, IndexFolder, merge_two_smallest

    stops = _StopGuard()
    _stop_when_orphaned()
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)  # the person's own work comes first on a laptop's few cores
    folder = None
    try:
        folder = IndexFolder.open(Path(index_path))
        while len(folder.ix._segments()) > target:
            writer = folder.writer(timeout=0.0)
            try:
                # From the new table of contents to the file record: one critical part.
                writer._commit_toc = stops.begin(writer._commit_toc)
                writer._finish = stops.end(_finish_and_record(writer._finish, folder))
                writer.commit(mergetype=merge_two_smallest)
            except BaseException:
                stops.critical = True  # the cancel (which records the files) runs whole
                with contextlib.suppress(Exception):
                    if not writer.is_closed:
                        writer.cancel()
                stops.critical = False
                raise
            stops.check()
    except _MergeStoppedError:
        os._exit(EXIT_INTERRUPTED)
    except IndexBusyError:
        os._exit(EXIT_BUSY)
    except Exception as error:
        log.warning("background merge of %s failed: %r", index_path, error)
        os._exit(EXIT_FAILED)
    finally:
        if folder is not None:
            with contextlib.suppress(Exception):
                folder.close()


def _stop_when_orphaned() -> None:
    """Stop (as if asked) when the window's process is gone, killed or crashed: the merge
    holds the write lock, which the next Reader started would otherwise wait for."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _finish_and_record(finish: Callable[[], None], folder: Any) -> Callable[[], None]:
    """Whoosh's end of commit followed by the folder's file record, as one critical part."""

    def finish_then_record() -> None:
        finish()
        folder.writer_done()

    return finish_then_record
