"""The outline: the article's headings, jumped to by click and key, followed while scrolling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import WELCOME_ID

WELCOME_SECTIONS = [
    "Your library is a folder",
    "Finding your way around",
    "Keyboard shortcuts",
    "Where to go next",
]


def _texts(panel) -> list[str]:
    return [heading.text for heading in panel.headings]


def test_ctrl_shift_o_shows_the_headings_as_a_tree(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.open_article(WELCOME_ID)
    assert not window.outline.isVisible()
    qtbot.keyClick(
        window.reader_view,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(window.outline.isVisible)
    panel = window.outline.panel
    texts = _texts(panel)
    assert texts[0] == "Welcome to Reader"
    assert texts[1:5] == WELCOME_SECTIONS
    # The sections hang under the title (level 1 above level 2).
    title = panel.topLevelItem(0)
    assert [title.child(i).text(0) for i in range(4)] == WELCOME_SECTIONS
    # The key hides it again.
    qtbot.keyClick(
        window.reader_view,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: not window.outline.isVisible())


def test_clicking_a_heading_scrolls_to_it_and_scrolling_moves_the_current_section(
    qtbot, window
) -> None:
    window.resize(900, 400)
    window.open_article(WELCOME_ID)
    window.outline.toggle_action.trigger()
    panel = window.outline.panel
    qtbot.waitUntil(panel.isVisible)
    bar = window.reader_view.verticalScrollBar()
    assert bar.value() == 0
    assert panel.currentItem().text(0) == "Welcome to Reader"

    item = panel.topLevelItem(0).child(2)  # "Keyboard shortcuts"
    rect = panel.visualItemRect(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert bar.value() > 0
    # The heading's block is now at the top of the view.
    cursor = window.reader_view.cursorForPosition(window.reader_view.viewport().rect().topLeft())
    top_text = cursor.block().text()
    assert top_text == "Keyboard shortcuts" or bar.value() == bar.maximum()
    assert panel.currentItem().text(0) == "Keyboard shortcuts" or bar.value() == bar.maximum()

    # Scrolling back to the start follows: the title is the current section again.
    for _ in range(30):
        if bar.value() == 0:
            break
        qtbot.keyClick(window.reader_view, Qt.Key.Key_PageUp)
    assert bar.value() == 0
    assert panel.currentItem().text(0) == "Welcome to Reader"
    # Keyboard: Down then Enter in the outline jumps to the first section.
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Down)
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert bar.value() > 0
    assert panel.currentItem().text(0) == WELCOME_SECTIONS[0]


def test_outline_changes_with_the_article(qtbot, window) -> None:
    window.outline.toggle_action.trigger()
    window.open_article(WELCOME_ID)
    welcome = _texts(window.outline.panel)
    window.open_article("2026-11-21-searching-your-library-offline")
    texts = _texts(window.outline.panel)
    assert texts != welcome
    assert "Fields" in texts and "Dates and state" in texts
