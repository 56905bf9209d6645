"""The window's status line: background progress and hovered links.

Several parts report here (the job runner, the live library, imports, indexing, the reading
view's links); keeping what the status line shows, and how, in one small class leaves the
window to connect the signals. The strings keep the ``MainWindow`` translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QLabel, QProgressBar

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class StatusLine(QObject):
    """Owns the status bar's progress bar and counts label; shows progress and links.

    The counts' text is set by ``MainWindow._update_counts``: its plural strings stay
    ``self.tr`` calls of the window (lupdate reads a plural only in that form)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        window.statusBar().addPermanentWidget(self.progress_bar)
        window.statusBar().addPermanentWidget(self.counts_label)

    def show_progress(self, what: str, done: int, total: int) -> None:
        self.progress_bar.show()
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total))
        self.window.statusBar().showMessage(f"{what} {done}/{total}…" if total else f"{what}…")

    def busy_changed(self, busy: bool) -> None:
        if busy:
            self.progress_bar.setRange(0, 0)  # indeterminate until the first report
            self.progress_bar.show()
        else:
            self.progress_bar.hide()

    def link_not_opened(self, url: QUrl) -> None:
        from reader.ui.link_dialog import LinkNotOpenedDialog

        window = self.window
        window.link_dialog = LinkNotOpenedDialog(url, window)
        window.link_dialog.open()

    def link_hovered(self, url: QUrl) -> None:
        text = url.toString() if not url.isEmpty() else ""
        if text.startswith("reader://"):
            text = ""
        bar = self.window.statusBar()
        bar.showMessage(text, 5000) if text else bar.clearMessage()
