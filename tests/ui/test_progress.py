"""Reading progress and reading time: status bar, list column and sort, byline, speed."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QSpinBox

from reader.library.catalog import Catalog
from reader.library.model import Article
from reader.library.reading import reading_minutes, word_count
from reader.library.store import LibraryStore
from reader.ui.library_model import Column, Role
from tests.ui.conftest import WELCOME_ID


def _row_texts(window, column: Column) -> dict[str, str]:
    model = window.library_model
    return {
        model.index(row, 0).data(Role.ARTICLE_ID): model.index(row, column).data()
        for row in range(model.rowCount())
    }


def test_word_count_is_kept_in_the_catalog(tmp_path) -> None:
    store = LibraryStore(tmp_path / "lib", Catalog(tmp_path / "catalog.sqlite3"))
    body = "parola " * 1000
    stored = store.add(Article(title="Lungo", body=body))
    store.summaries()
    # A new store on the same catalog lists from the cache, words included.
    again = LibraryStore(tmp_path / "lib", Catalog(tmp_path / "catalog.sqlite3"))
    cached = {summary.id: summary for summary in again.cached_summaries()}
    assert cached[stored.id].words == 1000
    assert reading_minutes(1000, 200) == 5
    assert reading_minutes(1, 200) == 1 and reading_minutes(0) == 0


def test_list_shows_reading_time_and_sorts_by_it(qtbot, window) -> None:
    store = window.services.store
    long_article = store.add(Article(title="A very long read", body="word " * 2300))
    window._library_changed(changed=[long_article.id])
    times = _row_texts(window, Column.TIME)
    assert times[long_article.id] == "10 min"  # 2300 words at 230 a minute
    welcome_words = word_count(store.get(WELCOME_ID).body)
    assert times[WELCOME_ID] == f"{reading_minutes(welcome_words)} min"

    # Clicking the Time header sorts by length, shortest first; again: longest first.
    table = window.library_panel.table
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(Column.TIME) + header.sectionSize(Column.TIME) // 2
    model = window.library_model

    def words_in_order() -> list[int]:
        return [model.index(row, 0).data(Role.SUMMARY).words for row in range(model.rowCount())]

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = words_in_order()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    second = words_in_order()
    assert {tuple(first), tuple(second)} == {
        tuple(sorted(first)),
        tuple(sorted(first, reverse=True)),
    }
    assert first != second
    assert 2300 in (first[0], second[0])  # the long read heads the list one way round


def test_status_bar_shows_percent_and_minutes_left(qtbot, window) -> None:
    store = window.services.store
    article = store.add(
        Article(title="Long", body="\n\n".join("word " * 100 for _ in range(46)))
    )  # 4600 words: 20 minutes at 230 a minute
    window._library_changed()
    window.resize(900, 500)
    window.open_article(article.id, scroll_to=0.0)
    label = window.reading_progress
    assert label.text() == "0% · 20 min left"
    bar = window.reader_view.verticalScrollBar()
    window.reader_view.setFocus()
    qtbot.keyClick(window.reader_view, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    percent = round(100 * bar.value() / bar.maximum())
    assert label.text().startswith(f"{percent}% · ")
    for _ in range(100):
        if bar.value() == bar.maximum():
            break
        qtbot.keyClick(window.reader_view, Qt.Key.Key_PageDown)
    assert bar.value() == bar.maximum()
    assert label.text() == "100% · at the end"
    # The byline says how long the whole article takes.
    assert "20 min read" in window.reader_view.toPlainText()


def test_reading_speed_is_set_from_the_article_menu_and_remembered(qtbot, window) -> None:
    store = window.services.store
    article = store.add(Article(title="Speed", body="word " * 2000))
    window._library_changed(changed=[article.id])
    window.open_article(article.id, scroll_to=0.0)
    assert window.reading_progress.text() == "0% · 9 min left"  # 2000/230 rounded up
    window.reading_progress.speed_action.trigger()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible()
    )
    box = dialog.findChild(QSpinBox)
    box.selectAll()
    qtbot.keyClicks(box, "400")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.reading_progress.text() == "0% · 5 min left"
    assert _row_texts(window, Column.TIME)[article.id] == "5 min"
    assert "5 min read" in window.reader_view.toPlainText()
    assert window.settings.words_per_minute() == 400
