"""Start the window: the one place in the UI that creates the QApplication and runs the loop."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.ui.main_window import MainWindow

if TYPE_CHECKING:
    from reader.services import Services


def ensure_application() -> QApplication:
    """The running QApplication, or a new one named for settings and the desktop."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1] or ["reader"])
    if not isinstance(app, QApplication):
        raise RuntimeError("a non-widget Qt application is already running")
    app.setApplicationName("Reader")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("reader")
    return app


def run_window(services: Services, open_article: str | None = None) -> int:
    """Show the main window on ``services`` and run until it closes; returns the exit code.

    ``open_article`` (an id) wins over the article that was open when Reader last closed.
    """
    app = ensure_application()
    window = MainWindow(services)
    window.show()
    if open_article:
        if not window.open_article(open_article):
            window.restore_last_article()
    else:
        window.restore_last_article()
    return app.exec()
