"""Organising from the list: context menu on a multi-selection, tags dialog, rename, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from reader.library.frontmatter import article_from_text
from reader.ui.library_model import Column
from tests.ui.conftest import SEED_ID, WELCOME_ID

SEARCH_GUIDE = "2026-11-21-searching-your-library-offline"


def _click(qtbot, window, article_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    table = window.library_panel.table
    row = window.library_model.row_for_id(article_id)
    rect = table.visualRect(window.library_model.index(row, Column.TITLE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _select_two(qtbot, window) -> list[str]:
    _click(qtbot, window, WELCOME_ID)
    _click(qtbot, window, SEARCH_GUIDE, Qt.KeyboardModifier.ControlModifier)
    ids = window.organiser.selected_ids()
    assert set(ids) == {WELCOME_ID, SEARCH_GUIDE}
    return ids


def _on_disk(window, article_id: str):
    return article_from_text(window.services.store.path_for(article_id).read_text("utf-8"))


def _menu_action(menu, text: str):
    return next(action for action in menu.actions() if action.text().replace("&", "") == text)


def test_context_menu_stars_a_multi_selection_and_undo_redo_say_so(qtbot, window) -> None:
    _select_two(qtbot, window)
    menu = window.organiser.context_menu()
    texts = [action.text().replace("&", "") for action in menu.actions() if action.text()]
    assert texts[0] == "Star" and texts[2:] == [
        "Edit Tags and Category…",
        "Export to PDF…",
        "Move to Trash",
    ]
    assert texts[1] in ("Mark as Read", "Mark as Unread")
    _menu_action(menu, "Star").trigger()
    assert _on_disk(window, WELCOME_ID).starred and _on_disk(window, SEARCH_GUIDE).starred
    assert window.library_model.summary(WELCOME_ID).starred
    assert not _on_disk(window, SEED_ID).starred
    assert window.organiser.undo_action.text() == "&Undo Star"

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.library_panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not _on_disk(window, WELCOME_ID).starred and not _on_disk(window, SEARCH_GUIDE).starred
    assert not window.library_model.summary(SEARCH_GUIDE).starred
    assert window.organiser.redo_action.text() == "&Redo Star"
    qtbot.keyClick(
        window.library_panel.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _on_disk(window, SEARCH_GUIDE).starred


def test_mark_read_and_unread_from_the_context_menu(qtbot, window) -> None:
    ids = _select_two(qtbot, window)
    for article_id in ids:
        window.organiser.set_read(False, [article_id])
    menu = window.organiser.context_menu()
    _menu_action(menu, "Mark as Read").trigger()
    assert all(_on_disk(window, article_id).read for article_id in ids)
    assert set(window.organiser.selected_ids()) == set(ids), "the selection survives a change"
    menu = window.organiser.context_menu()
    _menu_action(menu, "Mark as Unread").trigger()
    assert not any(_on_disk(window, article_id).read for article_id in ids)


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion popup, offscreen
def test_tags_dialog_completes_from_existing_tags_and_edits_both(qtbot, window) -> None:
    before_search = _on_disk(window, SEARCH_GUIDE).tags
    _select_two(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.library_panel.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "tagsDialog")
    qtbot.waitUntil(dialog.isVisible)
    field = dialog.tags_field
    shared = set(_on_disk(window, WELCOME_ID).tags) & set(before_search)
    assert set(t.strip() for t in field.text().split(",") if t.strip()) == shared
    # Completion offers the library's tags for what is typed after the last comma.
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, ", getting")
    completions = dialog.completer.completionModel()
    offered = [completions.index(row, 0).data() for row in range(completions.rowCount())]
    assert offered == ["getting-started"]
    field.setText(", ".join([*sorted(shared), "to-read"]))
    category = dialog.category_field.lineEdit()
    category.clear()
    qtbot.keyClicks(category, "Manuale")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    welcome, search = _on_disk(window, WELCOME_ID), _on_disk(window, SEARCH_GUIDE)
    assert "to-read" in welcome.tags and "to-read" in search.tags
    assert set(search.tags) - {"to-read"} == set(before_search), "other tags are kept"
    assert welcome.category == search.category == "Manuale"
    assert "to-read" in window.library_model.tags()
    assert window.organiser.undo_action.text() == "&Undo Edit Tags and Category"
    window.organiser.undo_action.trigger()
    assert _on_disk(window, SEARCH_GUIDE).tags == before_search
    assert _on_disk(window, SEARCH_GUIDE).category == "Guide"


def test_rename_a_tag_across_the_library_and_undo(qtbot, window) -> None:
    having = [s.id for s in window.library_model.summaries() if "reader" in s.tags]
    assert len(having) >= 2
    dialog = window.organiser.rename_tag()
    dialog.old_field.setCurrentText("reader")
    qtbot.keyClicks(dialog.new_field, "app reader")
    qtbot.keyClick(dialog.new_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    for article_id in having:
        tags = _on_disk(window, article_id).tags
        assert "app reader" in tags and "reader" not in tags
    assert "reader" not in window.library_model.tags()
    assert window.organiser.undo_action.text() == "&Undo Rename Tag “reader” to “app reader”"
    window.organiser.undo_action.trigger()
    assert all("reader" in _on_disk(window, article_id).tags for article_id in having)


def test_trash_a_multi_selection_and_undo_brings_all_back(
    qtbot, window, private_trash: Path
) -> None:
    ids = _select_two(qtbot, window)
    menu = window.organiser.context_menu()
    _menu_action(menu, "Move to Trash").trigger()
    store = window.services.store
    assert not any(store.exists(article_id) for article_id in ids)
    assert window.organiser.undo_action.text() == "&Undo Move 2 Articles to Trash"
    window.organiser.undo_action.trigger()
    assert all(store.exists(article_id) for article_id in ids)
    window.organiser.redo_action.trigger()
    assert not any(store.exists(article_id) for article_id in ids)


def test_export_a_multi_selection_to_one_pdf(qtbot, window, tmp_path: Path) -> None:
    import pypdf

    ids = _select_two(qtbot, window)
    articles = [window.services.store.get(article_id) for article_id in ids]
    with qtbot.waitSignal(window.transfers.exported, timeout=30_000):
        window.organiser.export_to(articles, tmp_path / "two.pdf")
    reader = pypdf.PdfReader(tmp_path / "two.pdf")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[1:] == [article.title for article in articles]


def _edit_menu_undo(window):
    """The undo entry as the Edit menu shows it."""
    edit_menu = next(
        action.menu()
        for action in window.menuBar().actions()
        if action.text().replace("&", "") in ("Edit", "Modifica")
    )
    return next(action for action in edit_menu.actions() if action is window.organiser.undo_action)


def test_ctrl_d_on_the_open_article_is_undone_by_ctrl_z(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert not _on_disk(window, WELCOME_ID).starred
    qtbot.keyClick(window.reader_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert _on_disk(window, WELCOME_ID).starred
    assert window.library_model.summary(WELCOME_ID).starred
    assert window.commands.toggle_star.isChecked()
    assert _edit_menu_undo(window).text() == "&Undo Star"

    qtbot.keyClick(window.reader_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not _on_disk(window, WELCOME_ID).starred
    assert not window.library_model.summary(WELCOME_ID).starred
    assert not window.commands.toggle_star.isChecked()
    assert window.current_article.id == WELCOME_ID and not window.current_article.starred
    assert window.organiser.redo_action.text() == "&Redo Star"


def test_mark_read_and_unread_from_the_article_menu_are_undoable(qtbot, window) -> None:
    window.set_mark_read_after(-1)  # only by hand (or at the end): nothing else writes
    window.open_article(WELCOME_ID)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = window.reader_view
    control, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_U, control | shift)
    assert _on_disk(window, WELCOME_ID).read
    assert _edit_menu_undo(window).text() == "&Undo Mark as Read"
    assert window.statusBar().currentMessage() == "Marked as read"
    qtbot.keyClick(view, Qt.Key.Key_U, control)
    assert not _on_disk(window, WELCOME_ID).read
    assert _edit_menu_undo(window).text() == "&Undo Mark as Unread"

    qtbot.keyClick(view, Qt.Key.Key_Z, control)
    assert _on_disk(window, WELCOME_ID).read and window.library_model.summary(WELCOME_ID).read
    qtbot.keyClick(view, Qt.Key.Key_Z, control)
    assert not _on_disk(window, WELCOME_ID).read
    assert not window.library_model.summary(WELCOME_ID).read


def test_reading_by_the_dwell_rule_is_not_an_undo_step(qtbot, window) -> None:
    window.set_mark_read_after(0)  # read as soon as opened
    window.open_article(WELCOME_ID)
    assert _on_disk(window, WELCOME_ID).read
    assert window.organiser.stack.count() == 0
    assert not window.organiser.undo_action.isEnabled()
