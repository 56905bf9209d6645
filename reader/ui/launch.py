"""Start the window: the one place in the UI that creates the QApplication and runs the loop."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.desktop import APP_ID, ICON_SIZES
from reader.paths import resource_path
from reader.ui.main_window import MainWindow

if TYPE_CHECKING:
    from reader.app import Services


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
    window = MainWindow(services)
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
