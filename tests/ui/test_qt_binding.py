"""The Qt binding itself: a refcount bug in it crashes the window far from its cause."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QTimer, Signal

CALLS = 1000


class _Emitter(QObject):
    fired = Signal(object)


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None and bools are immortal from Python 3.12 on"
)
def test_python_slots_keep_references_to_none_and_bools(qapp) -> None:
    """PySide6 6.12.0 dropped a reference to a slot's None result on every call: on
    Python 3.11 the interpreter aborted ("deallocating None") after a few thousand timer
    ticks or signals. Thousands of calls must leave those counts where they were."""
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(1))
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(lambda value: received.append(value))
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    timer.start()
    while len(ticks) < CALLS:
        qapp.processEvents()
    timer.stop()
    for number in range(CALLS):
        emitter.fired.emit(number % 2 == 0)
    received.clear()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert all(later > earlier - CALLS // 2 for earlier, later in zip(before, after, strict=True))
