"""View ▸ Language: follow the system or pick English / Italiano; applies at the next start.

Retranslating a running window would mean every widget re-setting its texts on a
``LanguageChange`` event; Reader starts in well under a second, so it says "restart" instead
and keeps the widgets simple. The choice is saved beside the window's other settings, where
``reader.language.resolve_language`` finds it on the next start (``--lang`` still wins).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from reader.language import NATIVE_NAMES, SUPPORTED_LANGUAGES, save_language, saved_language

if TYPE_CHECKING:
    from reader.services import Services

FOLLOW_SYSTEM = ""


class LanguageMenu(QMenu):
    """One checkable entry per choice; the checked one is the saved preference."""

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(self.tr("&Language"), parent)
        self.setObjectName("languageMenu")
        self._settings_file = services.paths.settings_file
        self._running = services.language
        self.notice: QMessageBox | None = None
        """The last "applies after a restart" message (kept for tests)."""
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions_by_choice: dict[str, QAction] = {}
        choices = [(FOLLOW_SYSTEM, self.tr("Follow System"))]
        choices += [(code, NATIVE_NAMES[code]) for code in SUPPORTED_LANGUAGES]
        saved = saved_language(self._settings_file) or FOLLOW_SYSTEM
        for choice, text in choices:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(choice == saved)
            action.setData(choice)
            self.group.addAction(action)
            self.addAction(action)
            self.actions_by_choice[choice] = action
        self.group.triggered.connect(self._chosen)

    def _chosen(self, action: QAction) -> None:
        choice = str(action.data() or "")
        save_language(self._settings_file, choice or None)
        if choice:
            text = self.tr("Reader will speak {language} the next time it starts.")
            text = text.format(language=NATIVE_NAMES[choice])
        else:
            text = self.tr("Reader will follow the system language the next time it starts.")
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Language"),
            text,
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        self.notice = box
        box.open()
