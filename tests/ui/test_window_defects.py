"""The defects listed under "Also seen" in issue 13, each driven as a user would."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolButton

from reader.library.model import Article
from reader.ui.library_model import Column
from tests.ui.conftest import SEED_ID


def search(qtbot, window, text: str):
    window.focus_search()
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000) as blocker:
        qtbot.keyClicks(window.search_field, text)
    return blocker.args[0]


def test_the_header_does_not_show_the_internal_source_file_name(window) -> None:
    window.open_article(SEED_ID)
    text = window.reader_view.toPlainText()
    assert "25 marzo 2024" in text
    assert "000_bfcfb1f07bcdb431" not in text


def test_a_link_no_browser_opens_is_shown_with_a_copy_action(qtbot, window, monkeypatch) -> None:
    opened: list[str] = []

    def no_browser(url: QUrl) -> bool:
        opened.append(url.toString())
        return False

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(no_browser))
    window.open_article(SEED_ID)
    url = "https://example.org/a-page?x=1"
    window.reader_view.anchorClicked.emit(QUrl(url))
    assert opened == [url]
    dialog = window.link_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert url in dialog.informativeText()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == url
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _left_edge_colour(widget) -> str:
    image: QImage = widget.grab().toImage()
    return image.pixelColor(0, image.height() // 2).name()


def test_the_article_and_related_panel_show_where_the_focus_is(qtbot, window) -> None:
    window.open_article(SEED_ID)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    highlight = window.palette().color(QPalette.ColorRole.Highlight).name()
    window.reader_view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.reader_view.hasFocus)
    assert _left_edge_colour(window.reader_view) == highlight
    related = window.related_panel.list
    related.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(related.hasFocus)
    assert _left_edge_colour(related) == highlight
    assert _left_edge_colour(window.reader_view) != highlight


def test_toolbar_buttons_are_reachable_with_tab(qtbot, window) -> None:
    window.open_article(SEED_ID)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_search()
    qtbot.waitUntil(window.search_field.hasFocus)
    reached = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if isinstance(focused, QToolButton):
            reached.append(focused.text())
    assert "Import" in " ".join(reached), reached
    assert any("Export" in text for text in reached), reached
    assert any(text.startswith("Theme") for text in reached), reached
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)


def test_the_sort_order_is_remembered_at_restart(qtbot, window, sample_services) -> None:
    from reader.ui.main_window import MainWindow

    header = window.library_panel.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=_section_centre(header, Column.TITLE),
    )
    assert header.sortIndicatorSection() == Column.TITLE
    titles = [window.library_model.summary(window.library_model.id_at(r)).title for r in range(6)]
    window.close()

    again = MainWindow(sample_services, index_on_start=False)
    qtbot.addWidget(again)
    again.show()
    header = again.library_panel.table.horizontalHeader()
    assert header.sortIndicatorSection() == Column.TITLE
    assert [
        again.library_model.summary(again.library_model.id_at(r)).title for r in range(6)
    ] == titles
    again.close()


def _section_centre(header, column: int):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    return QPoint(x, header.height() // 2)


def test_a_filter_that_matches_nothing_says_so(qtbot, window) -> None:
    panel = window.library_panel
    assert not any(s.starred for s in window.library_model.summaries())
    qtbot.mouseClick(panel.starred_only, Qt.MouseButton.LeftButton)
    assert panel.starred_only.isChecked()
    assert window.library_model.rowCount() == 0
    assert panel.empty_box.isVisible() and not panel.table.isVisible()
    assert "No articles match" in panel.empty_label.text()
    qtbot.mouseClick(panel.clear_filters_button, Qt.MouseButton.LeftButton)
    assert not panel.starred_only.isChecked()
    assert window.library_model.rowCount() == 6
    assert panel.table.isVisible() and not panel.empty_box.isVisible()


def test_clearing_the_search_clears_the_highlight(qtbot, window) -> None:
    search(qtbot, window, "Hollywood")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_article.id == SEED_ID
    assert window.reader_view.highlighted_texts()
    window.search_field.setFocus()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert window.reader_view.highlighted_texts() == []
    assert window.current_article.id == SEED_ID


def test_enter_on_a_hit_keeps_the_title_in_view(qtbot, window) -> None:
    window.resize(1000, 560)
    window.open_article(SEED_ID)  # reading it, halfway down
    window.reader_view.set_scroll_fraction(0.5)
    assert window.reader_view.verticalScrollBar().value() > 0
    search(qtbot, window, "Hollywood")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    view = window.reader_view
    assert window.current_article.id == SEED_ID
    assert view.verticalScrollBar().value() == 0, "the title (with the first hit) is whole"


def test_a_later_hit_is_shown_whole_with_context(qtbot, window) -> None:
    window.resize(1000, 560)
    window.open_article(SEED_ID)
    view = window.reader_view
    assert view.highlight_terms(["profit"]) >= 1
    cursor_rect = view.cursorRect()
    bar = view.verticalScrollBar()
    assert bar.value() > 0
    height = view.viewport().height()
    assert cursor_rect.top() >= 0 and cursor_rect.bottom() <= height, "whole, not cut"
    assert cursor_rect.top() <= height * 0.4 or bar.value() == bar.maximum(), "with context"


def test_undo_after_delete_brings_back_the_images(qtbot, window, tmp_path: Path) -> None:
    picture = tmp_path / "picture.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    assert image.save(str(picture))
    store = window.services.store
    stored = store.add(
        Article(title="With a picture", body="Look:\n\n![A picture](picture.png)\n"),
        assets={"picture.png": picture},
    )
    window._library_changed()  # the live library brings the row from its worker
    qtbot.waitUntil(lambda: window.library_model.row_for_id(stored.id) is not None)
    window.open_article(stored.id)
    window.library_panel.table.setFocus()
    window.commands.delete.trigger()
    assert not store.assets_dir(stored.id).exists()
    window.commands.undo_delete.trigger()
    assert window.current_article.id == stored.id
    assert (store.assets_dir(stored.id) / "picture.png").read_bytes() == picture.read_bytes()
    assert window.reader_view.blocked_urls == []


def test_exported_pdf_gets_the_usual_file_mode(qtbot, window, tmp_path: Path) -> None:
    window.open_article(SEED_ID)
    output = tmp_path / "seed.pdf"
    old = os.umask(0o022)
    try:
        with qtbot.waitSignal(window.transfers.exported, timeout=30_000):
            window.export_pdf_to(output)
    finally:
        os.umask(old)
    assert output.stat().st_mode & 0o777 == 0o644


def test_search_snippets_show_no_markdown_escapes(qtbot, window) -> None:
    window.services.store.add(
        Article(title="An escaped page", body="The controversy\\[edit\\] about zanzibarite.\n")
    )
    with qtbot.waitSignal(window.index_finished, timeout=20_000):
        window._library_changed()
    results = search(qtbot, window, "zanzibarite")
    assert results.hits and results.hits[0].title == "An escaped page"
    snippet = results.hits[0].snippet
    assert "controversy[edit]" in snippet and "\\" not in snippet


def test_a_missing_related_item_lists_the_closest_articles_and_offers_import(
    qtbot, small_services, monkeypatch
) -> None:
    """Issue 13, point 5 (on the hand-built library: Alpha lists "Missing article")."""
    from reader.ui.main_window import MainWindow

    window = MainWindow(small_services)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.index_finished, timeout=20_000):
        window.show()
    alpha = next(s.id for s in window.library_model.summaries() if s.title == "Alpha article")
    beta = next(s.id for s in window.library_model.summaries() if s.title == "Beta article")
    window.open_article(alpha)
    row = window.related_panel.row_of("Missing article")
    assert row is not None
    with qtbot.waitSignal(window.search.candidates_ready, timeout=10_000) as blocker:
        window.related_panel.activate(window.related_panel.model.index(row, 0))
    hits = [hit.id for hit in blocker.args[1].hits]
    assert hits == [beta], "the best candidate, and never the article being read"
    assert window.search_results.model.hits()[0].id == beta
    summary = window.search_results.summary.text()
    assert "Missing article" in summary and "Import a file for it" in summary

    asked: list[bool] = []
    monkeypatch.setattr(window.transfers, "ask_import", lambda: asked.append(True))
    window.search_results.summary.linkActivated.emit("reader-import:")
    assert asked == [True]

    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)  # Enter opens the best candidate
    assert window.current_article.id == beta
    window.close()
