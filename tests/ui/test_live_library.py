"""Changes made outside the window (an editor, a sync tool, ``reader import`` in a terminal)
reach the list, the open article, its links and the search index while the window runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QObject, Qt

from reader.library.frontmatter import article_to_text
from reader.library.model import Article
from reader.services import Services
from reader.ui.library_model import Column
from reader.ui.related_panel import EntryKind
from tests.ui.conftest import shown_window

REPO = Path(__file__).resolve().parents[2]
WAIT_MS = 5000
"""Generous for a loaded CI machine; the bench measures the real latency (well under 2 s)."""


@pytest.fixture
def live_window(qtbot, small_services: Services) -> Iterator[object]:
    yield from shown_window(qtbot, small_services)


def write_outside(services: Services, article_id: str, article: Article) -> Path:
    """What an editor or a sync tool does: write the file, bypassing the store."""
    path = services.store.path_for(article_id)
    path.write_text(article_to_text(dataclasses.replace(article, id="")), "utf-8")
    return path


def titles(window) -> list[str]:
    model = window.library_model
    return [model.index(row, Column.TITLE).data() for row in range(model.rowCount())]


def search_ids(qtbot, window, query: str) -> list[str]:
    service = window.search.service
    return [hit.id for hit in service.search(query).hits]


def test_a_file_added_outside_appears_in_the_list_and_in_search(qtbot, live_window) -> None:
    window = live_window
    write_outside(
        window.services,
        "2024-05-01-gamma",
        Article(title="Gamma article", body="Gamma is about lighthouses.", lang="en"),
    )
    qtbot.waitUntil(lambda: "Gamma article" in titles(window), timeout=WAIT_MS)
    assert "3 articles" in window.counts_label.text()
    qtbot.waitUntil(
        lambda: search_ids(qtbot, window, "lighthouses") == ["2024-05-01-gamma"], timeout=WAIT_MS
    )


def test_the_selection_survives_an_outside_change(qtbot, live_window) -> None:
    window = live_window
    table = window.library_panel.table
    beta_row = window.library_model.row_for_id(_id_of(window, "Beta article"))
    table.selectionModel().setCurrentIndex(
        window.library_model.index(beta_row, Column.TITLE),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    resets: list[bool] = []
    window.library_model.modelReset.connect(lambda: resets.append(True))
    write_outside(
        window.services,
        "2030-01-01-newest",
        Article(
            title="Newest article", body="Sorted first by date.", published=dt.date(2030, 1, 1)
        ),
    )
    qtbot.waitUntil(lambda: "Newest article" in titles(window), timeout=WAIT_MS)
    assert titles(window)[0] == "Newest article"  # inserted in date order, not appended
    assert table.current_article_id() == _id_of(window, "Beta article")
    assert resets == []  # a row inserted, not the model reset (which clears the view's state)


def test_an_edit_outside_updates_the_list_and_rerenders_the_open_article(
    qtbot, live_window
) -> None:
    window = live_window
    alpha_id = _id_of(window, "Alpha article")
    long_body = "\n\n".join(f"Paragraph {n} about gardens and bees." for n in range(200))
    article = window.services.store.get(alpha_id)
    window.services.store.update(dataclasses.replace(article, body=long_body))
    window.open_article(alpha_id)
    qtbot.wait(200)  # let the layout finish, as a reader's scrolling would
    window.reader_view.set_scroll_fraction(0.5)
    qtbot.wait(50)
    before = window.reader_view.scroll_fraction()
    assert before > 0.3

    # An editor saving in place (no rename): only the open article's own watch hears it.
    path = window.services.store.path_for(alpha_id)
    text = path.read_text("utf-8").replace("title: Alpha article", "title: Alpha, revised")
    with path.open("r+", encoding="utf-8") as handle:
        handle.write(text)
        handle.truncate()

    qtbot.waitUntil(lambda: "Alpha, revised" in titles(window), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: window.reader_view.toPlainText().startswith("Alpha, revised"), timeout=WAIT_MS
    )
    assert window.current_article.title == "Alpha, revised"
    assert abs(window.reader_view.scroll_fraction() - before) < 0.05
    assert "Alpha, revised" in window.windowTitle()


def test_a_delete_outside_removes_the_row_and_clears_the_open_article(qtbot, live_window) -> None:
    window = live_window
    beta_id = _id_of(window, "Beta article")
    window.open_article(beta_id)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    window.services.store.path_for(beta_id).unlink()
    qtbot.waitUntil(lambda: "Beta article" not in titles(window), timeout=WAIT_MS)
    assert window.current_article is None  # not a neighbour opened behind the reader's back
    assert window.reader_view.toPlainText().strip() == ""
    assert any("“Beta article” is no longer in the library folder" in m for m in messages)
    assert "1 articles" in window.counts_label.text() or "1 article" in window.counts_label.text()
    qtbot.waitUntil(lambda: search_ids(qtbot, window, "bridges") == [], timeout=WAIT_MS)


def test_a_rename_outside_follows_the_open_article(qtbot, live_window) -> None:
    window = live_window
    beta_id = _id_of(window, "Beta article")
    window.open_article(beta_id)
    store = window.services.store
    store.path_for(beta_id).rename(store.path_for("beta-moved"))
    qtbot.waitUntil(lambda: window.library_model.summary("beta-moved") is not None, timeout=WAIT_MS)
    assert window.library_model.summary(beta_id) is None
    assert window.current_article is not None and window.current_article.id == "beta-moved"
    assert window.reader_view.toPlainText().startswith("Beta article")
    qtbot.waitUntil(lambda: search_ids(qtbot, window, "bridges") == ["beta-moved"], timeout=WAIT_MS)


def test_a_related_item_resolves_when_its_article_arrives(qtbot, live_window) -> None:
    window = live_window
    window.open_article(_id_of(window, "Alpha article"))
    missing = next(e for e in window.related_panel.model.entries() if e.title == "Missing article")
    assert missing.article_id is None
    write_outside(
        window.services,
        "missing-article",
        Article(title="Missing article", body="Now it is here."),
    )

    def resolved() -> bool:
        entries = window.related_panel.model.entries()
        return any(
            e.kind is EntryKind.RELATED
            and e.title == "Missing article"
            and e.article_id == "missing-article"
            for e in entries
        )

    qtbot.waitUntil(resolved, timeout=WAIT_MS)


def test_reader_import_in_a_terminal_shows_up_in_the_open_window(
    qtbot, live_window, tmp_path: Path
) -> None:
    window = live_window
    page = tmp_path / "terminal.md"
    page.write_text("# Imported from a terminal\n\nText about lanterns.\n", "utf-8")
    base = window.services.paths.library.parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--base-dir", str(base), "import", str(page)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: "Imported from a terminal" in titles(window), timeout=WAIT_MS)
    new_id = _id_of(window, "Imported from a terminal")
    qtbot.waitUntil(lambda: search_ids(qtbot, window, "lanterns") == [new_id], timeout=WAIT_MS)


def test_the_watcher_falls_back_to_rescanning(qtbot, small_services: Services) -> None:
    """Where the folder cannot be watched, the periodic rescan still brings changes."""
    from reader.ui.live_library import LiveLibrary

    holder = QObject()
    live = LiveLibrary(small_services.store, holder, rescan_ms=200)
    live._watcher.removePath(str(small_services.store.articles_dir))  # as if it had failed
    live.watching = False
    live.start()
    try:
        write_outside(small_services, "rescanned", Article(title="Found by a rescan"))
        with qtbot.waitSignal(live.changed, timeout=WAIT_MS) as changed:
            pass
        assert [s.title for s in changed.args[0].changed] == ["Found by a rescan"]
    finally:
        live.stop()


def _id_of(window, title: str) -> str:
    for summary in window.library_model.summaries():
        if summary.title == title:
            return summary.id
    raise AssertionError(f"{title!r} is not listed")


def test_keyboard_still_drives_the_list_after_changes(qtbot, live_window) -> None:
    """Rows inserted by a refresh are real rows: arrowing onto one opens it."""
    window = live_window
    write_outside(
        window.services,
        "2099-01-01-top",
        Article(title="Top article", body="Top.", published=dt.date(2099, 1, 1)),
    )
    qtbot.waitUntil(lambda: titles(window)[:1] == ["Top article"], timeout=WAIT_MS)
    table = window.library_panel.table
    table.setFocus()
    table.setCurrentIndex(window.library_model.index(1, Column.TITLE))
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert table.current_article_id() == "2099-01-01-top"


def test_import_and_undo_never_scan_the_library_on_the_gui_thread(
    qtbot, live_window, tmp_path: Path, monkeypatch
) -> None:
    """Before: after an import or an undo the window called ``store.summaries()`` itself
    (a stat of every file and a list of every summary: 0.5 s at 100k articles)."""
    import threading

    window = live_window
    store = window.services.store
    on_gui_thread: list[str] = []
    for name in ("summaries", "summaries_with_stamps", "refresh", "_refresh"):
        original = getattr(store, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            if threading.current_thread() is threading.main_thread():
                on_gui_thread.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(store, name, spy)

    page = tmp_path / "imported.md"
    page.write_text("# Imported in the window\n\nAbout kites.\n", "utf-8")
    with qtbot.waitSignal(window.transfers.imported, timeout=10_000):
        window.import_files([page])
    qtbot.waitUntil(lambda: "Imported in the window" in titles(window), timeout=WAIT_MS)

    beta_id = _id_of(window, "Beta article")
    window.library_panel.select(beta_id)
    window.library_panel.table.setFocus()
    window.commands.delete.trigger()
    window.commands.undo_delete.trigger()
    qtbot.waitUntil(lambda: window.library_model.summary(beta_id) is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.jobs.is_busy(), timeout=20_000)
    assert on_gui_thread == []


def test_an_in_place_edit_of_another_article_shows_after_the_rescan(qtbot, live_window) -> None:
    """A directory watch does not hear a file rewritten in place; the periodic rescan does."""
    window = live_window
    window.open_article(_id_of(window, "Alpha article"))
    beta_id = _id_of(window, "Beta article")
    path = window.services.store.path_for(beta_id)
    text = path.read_text("utf-8").replace("title: Beta article", "title: Beta, edited in place")
    with path.open("r+", encoding="utf-8") as handle:
        handle.write(text)
        handle.truncate()
    qtbot.waitUntil(lambda: "Beta, edited in place" in titles(window), timeout=WAIT_MS)
    assert window.current_article.title == "Alpha article"


def test_the_list_keeps_its_scroll_position(qtbot, small_services: Services) -> None:
    """Before: every change reset the model, and the list jumped back to the top."""
    from reader.ui.main_window import MainWindow

    for n in range(80):
        small_services.store.add(
            Article(
                title=f"Filler {n:02d}", body=f"Filler {n}", published=dt.date(2020, 1, 1 + n % 28)
            )
        )
    window = MainWindow(small_services, index_on_start=False)
    qtbot.addWidget(window)
    window.resize(1000, 600)
    window.show()
    table = window.library_panel.table
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT_MS)
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    first_visible = table.indexAt(table.viewport().rect().topLeft()).row()
    resets: list[bool] = []
    window.library_model.modelReset.connect(lambda: resets.append(True))
    write_outside(
        small_services,
        "1999-01-01-oldest",
        Article(title="Oldest article", body="Sorted last.", published=dt.date(1999, 1, 1)),
    )
    qtbot.waitUntil(
        lambda: window.library_model.summary("1999-01-01-oldest") is not None, timeout=WAIT_MS
    )
    assert bar.value() == before
    assert table.indexAt(table.viewport().rect().topLeft()).row() == first_visible
    assert resets == []


def test_an_outside_edit_is_indexed_by_id_without_a_full_update(
    qtbot, live_window, monkeypatch
) -> None:
    """The live library re-indexes just the changed files (``update_articles``): a full
    ``update`` walks every article's stamp, most of the cost at 100k articles."""
    window = live_window
    service = window.search.service
    updated_ids: list[list[str]] = []
    full_updates: list[object] = []
    real_update_articles, real_update = service.update_articles, service.update

    def update_articles(ids):
        updated_ids.append(list(ids))
        return real_update_articles(ids)

    def update(*args, **kwargs):
        full_updates.append(args)
        return real_update(*args, **kwargs)

    monkeypatch.setattr(service, "update_articles", update_articles)
    monkeypatch.setattr(service, "update", update)
    beta_id = _id_of(window, "Beta article")
    beta = window.services.store.get(beta_id)
    assert search_ids(qtbot, window, "orchards") == []
    write_outside(
        window.services, beta_id, dataclasses.replace(beta, body="Beta now visits orchards.")
    )
    qtbot.waitUntil(lambda: search_ids(qtbot, window, "orchards") == [beta_id], timeout=WAIT_MS)
    assert search_ids(qtbot, window, "bridges") == []
    assert [beta_id] in updated_ids
    assert full_updates == []
