"""The Help menu: shortcuts built from the window's actions, the user guide, About."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableWidget

from tests.ui.conftest import WELCOME_ID


def _open_dialog(qtbot, name: str) -> QDialog:
    qtbot.waitUntil(
        lambda: any(
            w.objectName() == name and w.isVisible() for w in QApplication.topLevelWidgets()
        )
    )
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == name)


def test_keyboard_shortcuts_lists_every_command_with_a_key(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.reader_view, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = _open_dialog(qtbot, "shortcutsDialog")
    table = dialog.findChild(QTableWidget)
    rows = {
        table.item(row, 1).text(): (table.item(row, 0).text(), table.item(row, 2).text())
        for row in range(table.rowCount())
    }
    # Derived from the actions: what they say here is what the keys do.
    assert rows["Search Library"] == ("Edit", "Ctrl+K, Ctrl+L")
    assert rows["Export PDF"][1] == "Ctrl+Shift+E"
    assert rows["Distraction-Free Reading"] == ("View", "F11")
    assert rows["Keyboard Shortcuts"] == ("Help", "Ctrl+/")
    assert rows["Move to Trash"][1] == "Del"
    # A key changed on an action shows up changed: there is no second list to forget.
    window.commands.find.setShortcut("Ctrl+Alt+F")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    dialog = window.help_menu.show_shortcuts()
    table = dialog.findChild(QTableWidget)
    keys = {table.item(row, 1).text(): table.item(row, 2).text() for row in range(table.rowCount())}
    assert keys["Find in Article"] == "Ctrl+Alt+F"
    dialog.close()


def test_help_menu_is_in_the_menu_bar_after_article(window) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[-1] == "&Help"
    help_texts = [action.text() for action in window.help_menu.actions() if action.text()]
    assert help_texts == ["&Keyboard Shortcuts", "User &Guide", "&About Reader"]


def test_f1_opens_the_welcome_guide(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.library_panel.table, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.current_article is not None)
    assert window.current_article.id == WELCOME_ID
    titles = [action.text() for action in window.help_menu.guide_menu.actions()]
    assert titles[0] == "Welcome to Reader"
    assert "Searching your library offline" in titles


def test_a_deleted_guide_comes_back_from_the_bundle(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    window.delete_current()
    assert not window.services.store.exists(WELCOME_ID)
    window.help_menu.guide_actions[0].trigger()
    assert window.services.store.exists(WELCOME_ID)
    assert window.current_article.id == WELCOME_ID
    assert window.library_panel.table.model().rowCount() >= 6


def test_about_shows_version_paths_and_licenses(qtbot, window) -> None:
    window.help_menu.about_action.trigger()
    dialog = _open_dialog(qtbot, "aboutDialog")
    text = dialog.findChild(QLabel, "aboutText").text()
    from reader import __version__

    assert f"Reader {__version__}" in text
    assert str(window.services.paths.library) in text
    assert str(window.services.paths.cache) in text
    assert "LGPL-3.0" in text and "Whoosh-Reloaded" in text
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
