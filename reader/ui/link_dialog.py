"""What the window says when an external link cannot be opened (no browser is set up).

A link the reader clicked must not vanish into a stderr line: the message shows the address,
selectable, with a button that copies it, so it can be pasted into a browser by hand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class LinkNotOpenedDialog(QMessageBox):
    """Non-blocking message: "No web browser opened this link", the URL, Copy Link, Close."""

    def __init__(self, url: QUrl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkNotOpenedDialog")
        self.url = url.toString()
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(self.tr("Link not opened"))
        self.setText(self.tr("No web browser could open this link. Copy it to open it by hand:"))
        self.setInformativeText(self.url)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = self.addButton(self.tr("Copy Link"), QMessageBox.ButtonRole.AcceptRole)
        self.addButton(QMessageBox.StandardButton.Close)
        self.copy_button.clicked.connect(self.copy_link)

    def copy_link(self) -> None:
        QGuiApplication.clipboard().setText(self.url)
