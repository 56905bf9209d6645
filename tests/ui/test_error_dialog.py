"""An unhandled exception in the window shows a dialog naming the error and the log file."""

from __future__ import annotations

import io
import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reader import diagnostics
from reader.ui.launch import ErrorDialogHook, error_dialogs


def _raise_and_capture() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise RuntimeError("disk said no \x1b[2J")
    except RuntimeError:
        kind, error, trace = sys.exc_info()
    assert kind is not None and error is not None
    return kind, error, trace


def _open_boxes() -> list[QMessageBox]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox) and widget.isVisible()
    ]


def test_hook_logs_and_shows_one_dialog(qtbot, tmp_path: Path, caplog) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    log_file = tmp_path / "logs" / "reader.log"
    fallback_calls = []
    hook = ErrorDialogHook(lambda: parent, log_file, lambda *info: fallback_calls.append(info))
    with caplog.at_level(logging.CRITICAL):
        hook(*_raise_and_capture())
        hook(*_raise_and_capture())  # a repeating error: logged again, no second dialog
    box = hook.dialog
    assert box is not None and box.isVisible() and _open_boxes() == [box]
    assert box.text() == "Something went wrong: disk said no \\x1b[2J"
    assert str(log_file) in box.informativeText()
    assert "RuntimeError: disk said no" in box.detailedText()
    assert "\x1b" not in box.text() + box.detailedText()
    records = [r for r in caplog.records if r.message == "unexpected error in the window"]
    assert len(records) == 2 and records[0].exc_info is not None
    assert fallback_calls == []
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: hook.dialog is None)


def test_keyboard_interrupt_goes_to_the_previous_hook(qtbot, tmp_path: Path) -> None:
    calls = []
    hook = ErrorDialogHook(lambda: None, tmp_path / "x.log", lambda *info: calls.append(info[0]))
    hook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert calls == [KeyboardInterrupt] and hook.dialog is None


def test_exception_in_a_slot_reaches_the_dialog_and_the_log_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real path: Qt calls a slot, the slot raises, sys.excepthook (ours) takes it."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    log_file = tmp_path / "logs" / "reader.log"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test

    def broken_slot() -> None:
        raise ValueError("slot failed")

    with (
        qtbot.capture_exceptions() as captured,  # pytest-qt's hook, then ours over it
        diagnostics.logging_to(log_file, console=io.StringIO()),
        error_dialogs(lambda: parent, log_file) as hook,
    ):
        assert sys.excepthook is hook
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible())
    assert captured == []  # ours took it, not pytest-qt's
    assert sys.excepthook is not hook  # and it is gone again
    assert hook.dialog.text() == "Something went wrong: slot failed"
    logged = log_file.read_text("utf-8")
    assert "CRITICAL reader.ui.launch: unexpected error in the window" in logged
    assert "ValueError: slot failed" in logged
    hook.dialog.close()


def test_an_error_on_another_thread_shows_the_dialog_on_the_gui_thread(
    qtbot, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    hook = ErrorDialogHook(lambda: parent, tmp_path / "reader.log", lambda *info: None)
    worker = threading.Thread(target=lambda: hook(*_raise_and_capture()))
    worker.start()
    worker.join()
    assert hook.dialog is None  # queued: nothing built on the worker thread
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible())
    assert hook.dialog.thread() is QApplication.instance().thread()
    hook.dialog.close()
