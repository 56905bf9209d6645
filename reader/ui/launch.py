"""Start the window: the one place in the UI that creates the QApplication and runs the loop."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reader import __version__
from reader.desktop import APP_ID, ICON_SIZES
from reader.library.printable import printable
from reader.paths import resource_path
from reader.ui.i18n import install_translators
from reader.ui.main_window import MainWindow

if TYPE_CHECKING:
    from reader.services import Services

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def ensure_application() -> QApplication:
    """The running QApplication, or a new one named for settings and the desktop."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1] or ["reader"])
    if not isinstance(app, QApplication):
        raise RuntimeError("a non-widget Qt application is already running")
    app.setApplicationName("Reader")
    app.setApplicationVersion(__version__)
    # The Wayland app id / X11 hint that ties the window to the menu entry and its icon.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    """Reader's icon at every shipped size (exact PNGs look sharper than a scaled SVG)."""
    hicolor = resource_path("icons", "hicolor")
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"), QSize(size, size))
    return icon


# How long the window runs before a --screenshot is taken: the list and article load after show.
SCREENSHOT_DELAY_MS = 1500


def run_window(
    services: Services, open_article: str | None = None, screenshot: Path | None = None
) -> int:
    """Show the main window on ``services`` and run until it closes; returns the exit code.

    ``open_article`` (an id) wins over the article that was open when Reader last closed.
    With ``screenshot`` the window saves a PNG of itself once settled and quits: the smoke
    check for installs and bundles (it runs offscreen too) and a picture for bug reports.
    """
    app = ensure_application()
    install_translators(app, services.language)  # parented to the app: they live as long
    window = MainWindow(services)
    with error_dialogs(lambda: window, services.paths.log_file):
        window.show()
        if open_article:
            if not window.open_article(open_article):
                window.restore_last_article()
        else:
            window.restore_last_article()
        if screenshot is None:
            return app.exec()
        saved: list[bool] = []

        def save_and_quit() -> None:
            saved.append(window.grab().save(str(screenshot), "PNG"))
            window.close()
            app.quit()

        QTimer.singleShot(SCREENSHOT_DELAY_MS, save_and_quit)
        code = app.exec()
    if not saved or not saved[0]:
        print(f"error: {screenshot}: could not save the screenshot", file=sys.stderr)
        return code or 1
    return code


class ErrorDialogHook(QObject):
    """``sys.excepthook`` for the window: log the traceback, then tell the person.

    Without it an exception in a slot is printed to a terminal nobody sees and the click
    silently does nothing. The dialog names the error and the log file; the window stays
    open (saves are atomic, so nothing was half-written). One dialog at a time: an error
    repeating in a timer is logged each time but does not stack dialogs. Made on the GUI
    thread; an exception on another thread reaches the dialog through a queued signal.
    """

    _show_requested = Signal(str, str)  # message, traceback

    def __init__(
        self, parent: Callable[[], QWidget | None], log_file: Path, fallback: ExceptHook
    ) -> None:
        super().__init__()
        self._show_requested.connect(self._show)
        self._parent = parent
        self._log_file = log_file
        self._fallback = fallback
        self.dialog: QMessageBox | None = None

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            self._fallback(kind, error, trace)
            return
        log.critical("unexpected error in the window", exc_info=(kind, error, trace))
        details = "".join(traceback.format_exception(kind, error, trace))
        self._show_requested.emit(printable(str(error)) or kind.__name__, details)

    def _show(self, message: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        self.dialog = self._make_dialog(message, details)
        self.dialog.open()  # not exec(): no nested event loop inside an exception hook

    def _make_dialog(self, message: str, details: str) -> QMessageBox:
        box = QMessageBox(self._parent())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Reader: unexpected error"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message may hold any text
        box.setText(
            QCoreApplication.translate("ErrorDialog", "Something went wrong: {message}").format(
                message=message
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "ErrorDialog",
                "Reader stays open and nothing was half-written. If something looks wrong, "
                "restart Reader. The details are in the log file:\n{path}",
            ).format(path=self._log_file)
        )
        box.setDetailedText(printable(details, multiline=True))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_dialog)
        return box

    def _forget_dialog(self) -> None:
        self.dialog = None


@contextmanager
def error_dialogs(
    parent: Callable[[], QWidget | None], log_file: Path
) -> Iterator[ErrorDialogHook]:
    """Install :class:`ErrorDialogHook` as ``sys.excepthook`` while inside."""
    previous = sys.excepthook
    hook = ErrorDialogHook(parent, log_file, previous)
    sys.excepthook = hook
    try:
        yield hook
    finally:
        sys.excepthook = previous
