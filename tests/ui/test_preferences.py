"""Preferences: each control applies at once and is remembered by a new window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import WELCOME_ID


def _open_dialog(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.reader_view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: any(
            w.objectName() == "preferencesDialog" and w.isVisible()
            for w in QApplication.topLevelWidgets()
        )
    )
    return next(
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "preferencesDialog" and w.isVisible()
    )


def _paragraphs(window):
    """(block format, first character's format) of the article's body paragraphs."""
    document = window.reader_view.document()
    found = []
    block = document.begin()
    while block.isValid():
        if block.text().startswith(
            "Reader is a quiet place"
        ):  # a body paragraph of the welcome guide
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
            found.append((block.blockFormat(), cursor.charFormat()))
        block = block.next()
    return found


def test_preferences_apply_live_and_persist(qtbot, window, sample_services) -> None:
    window.open_article(WELCOME_ID)
    dialog = _open_dialog(qtbot, window)
    view = window.reader_view
    margin_before = view.document().rootFrame().frameFormat().leftMargin()

    family = next(
        dialog.font_family.itemData(i)
        for i in range(1, dialog.font_family.count())
        if "Mono" in dialog.font_family.itemText(i)
    )
    dialog.font_family.setCurrentIndex(dialog.font_family.findData(family))
    dialog.paragraph_spacing.setFocus()
    dialog.paragraph_spacing.selectAll()
    qtbot.keyClicks(dialog.paragraph_spacing, "30")
    dialog.line_width.selectAll()
    qtbot.keyClicks(dialog.line_width, "50")
    qtbot.keyClick(dialog.line_width, Qt.Key.Key_Tab)
    size_before = view.font_size
    dialog.font_size.setFocus()
    qtbot.keyClick(dialog.font_size, Qt.Key.Key_Up)
    dialog.theme.setCurrentIndex(dialog.theme.findData("sepia"))
    dialog.read_rule.setCurrentIndex(dialog.read_rule.findData(-1))
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("Letter"))

    block_format, char_format = _paragraphs(window)[0]
    assert family in char_format.fontFamilies()
    assert block_format.bottomMargin() == 30
    assert view.document().rootFrame().frameFormat().leftMargin() > margin_before  # narrower
    assert view.font_size == size_before + 1
    assert window.theme_choice == "sepia" and window.commands.themes["sepia"].isChecked()
    assert window.commands.read_rules[-1].isChecked()
    assert window.transfers.page_size == "Letter"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    window.save_state()
    window.settings.sync()
    from reader.ui.main_window import MainWindow

    again = MainWindow(sample_services, index_on_start=False)
    qtbot.addWidget(again)
    assert again.preferences.look == window.preferences.look
    assert again.preferences.look.line_characters == 50
    assert again.transfers.page_size == "Letter"
