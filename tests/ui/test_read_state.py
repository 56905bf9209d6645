"""Honest read state: showing an article is not reading it (issue 13, point 4)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.library_model import Column
from tests.ui.conftest import SEED_ID, WELCOME_ID


def read_flags(window) -> dict[str, bool]:
    return {s.id: s.read for s in window.services.store.summaries()}


def test_arrowing_down_the_list_previews_without_marking(qtbot, window) -> None:
    before = read_flags(window)
    table = window.library_panel.table
    window.library_panel.select(window.library_model.id_at(0))
    table.setFocus()
    shown = []
    for _ in range(4):
        qtbot.keyClick(table, Qt.Key.Key_Down)
        shown.append(window.current_article.id)
    assert len(set(shown)) == 4, "each row is shown as the cursor moves"
    assert read_flags(window) == before
    assert all(window.services.store.get(article_id).read is False for article_id in shown)


def test_the_article_is_marked_read_after_the_dwell_time(qtbot, window) -> None:
    window.set_mark_read_after(1)
    assert window.settings.mark_read_after() == 1
    window.open_article(WELCOME_ID)
    assert window.services.store.get(WELCOME_ID).read is False
    qtbot.waitUntil(lambda: window.services.store.get(WELCOME_ID).read, timeout=3000)
    row = window.library_model.row_for_id(WELCOME_ID)
    assert window.library_model.index(row, Column.TITLE).data(Qt.ItemDataRole.FontRole) is None


def test_moving_on_before_the_dwell_time_leaves_the_article_unread(qtbot, window) -> None:
    window.set_mark_read_after(1)
    window.open_article(WELCOME_ID)
    window.open_article(SEED_ID)
    qtbot.waitUntil(lambda: window.services.store.get(SEED_ID).read, timeout=3000)
    assert window.services.store.get(WELCOME_ID).read is False


def test_scrolling_to_the_end_marks_read(qtbot, window) -> None:
    window.commands.read_rules[-1].trigger()  # "Only at the End": no dwell
    assert window.settings.mark_read_after() == -1
    window.resize(900, 500)
    window.open_article(SEED_ID)
    bar = window.reader_view.verticalScrollBar()
    assert bar.maximum() > 0, "the seed article is longer than the view"
    bar.setValue(bar.maximum() // 2)
    assert window.services.store.get(SEED_ID).read is False
    bar.triggerAction(bar.SliderAction.SliderToMaximum)  # as dragging the thumb down
    assert bar.value() == bar.maximum()
    assert window.services.store.get(SEED_ID).read is True


def test_tab_into_the_list_opens_nothing(qtbot, window) -> None:
    assert window.current_article is None
    table = window.library_panel.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    assert window.current_article is None
    assert read_flags(window) == {s.id: s.read for s in window.library_model.summaries()}
    assert not any(read_flags(window).values())


def test_theme_switch_after_mark_unread_keeps_the_article_unread(qtbot, window) -> None:
    window.set_mark_read_after(0)  # "as soon as opened", the old behaviour
    window.open_article(WELCOME_ID)
    assert window.services.store.get(WELCOME_ID).read is True
    qtbot.keyClick(window.reader_view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert window.services.store.get(WELCOME_ID).read is False
    window.set_theme("dark")
    window.set_theme("sepia")
    assert window.services.store.get(WELCOME_ID).read is False
    assert window.current_article.read is False


def test_explicit_mark_read_writes_the_flag(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    window.commands.mark_read.trigger()
    assert window.services.store.get(WELCOME_ID).read is True
