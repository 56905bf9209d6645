"""The main window end to end, on the real sample library, offscreen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QMouseEvent, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication

from reader.ui.library_model import Column
from reader.ui.related_panel import EntryKind
from tests.ui.conftest import SEED_ID, SEED_TITLE, WELCOME_ID, WELCOME_TITLE


def click_library_row(qtbot, window, article_id: str) -> None:
    table = window.library_panel.table
    row = window.library_model.row_for_id(article_id)
    assert row is not None, f"{article_id} is not listed"
    rect = table.visualRect(window.library_model.index(row, Column.TITLE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_related(qtbot, window, predicate) -> str:
    """Click the first related-panel entry matching ``predicate``; returns its title."""
    related_list = window.related_panel.list
    model = window.related_panel.model
    for row, entry in enumerate(model.entries()):
        if predicate(entry):
            index = model.index(row, 0)
            related_list.scrollTo(index)
            rect = related_list.visualRect(index)
            qtbot.mouseClick(related_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return entry.title
    raise AssertionError("no matching related entry")


def test_library_lists_the_sample_articles(window) -> None:
    assert window.library_model.total_count() == 6
    assert window.library_model.rowCount() == 6
    assert "6 articles" in window.counts_label.text()
    assert window.library_model.summary(SEED_ID).title == SEED_TITLE


def test_clicking_an_article_shows_it_and_marks_it_read_after_a_while(qtbot, window) -> None:
    window.set_mark_read_after(1)
    click_library_row(qtbot, window, WELCOME_ID)
    assert window.current_article.id == WELCOME_ID
    assert window.reader_view.toPlainText().startswith(WELCOME_TITLE)
    assert window.services.store.get(WELCOME_ID).read is False  # shown is not read
    qtbot.waitUntil(lambda: window.services.store.get(WELCOME_ID).read, timeout=3000)
    row = window.library_model.row_for_id(WELCOME_ID)
    assert window.library_model.index(row, Column.TITLE).data(Qt.ItemDataRole.FontRole) is None


def test_related_item_navigates_and_back_returns(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    title = click_related(
        qtbot, window, lambda e: e.kind is EntryKind.RELATED and e.article_id is not None
    )
    assert window.current_article.title == title != WELCOME_TITLE
    assert window.reader_view.toPlainText().startswith(title)
    assert window.commands.back.isEnabled()

    qtbot.keyClick(window.reader_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_article.id == WELCOME_ID
    window.go_forward()
    assert window.current_article.title == title


def test_mouse_back_button_walks_history(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    window.open_article(SEED_ID)
    viewport = window.reader_view.viewport()
    position = QPointF(10, 10)
    press = QMouseEvent(
        QMouseEvent.Type.MouseButtonPress,
        position,
        viewport.mapToGlobal(position),
        Qt.MouseButton.BackButton,
        Qt.MouseButton.BackButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, press)
    assert window.current_article.id == WELCOME_ID


def test_unresolved_related_item_shows_candidates_without_the_current_article(
    qtbot, window
) -> None:
    window.open_article(SEED_ID)
    unresolved = [e for e in window.related_panel.model.entries() if e.kind is EntryKind.RELATED]
    assert unresolved and all(e.article_id is None for e in unresolved)
    with qtbot.waitSignal(window.search.candidates_ready, timeout=10_000) as blocker:
        title = click_related(
            qtbot, window, lambda e: e.kind is EntryKind.RELATED and e.article_id is None
        )
    assert blocker.args[0] == title
    assert SEED_ID not in [hit.id for hit in blocker.args[1].hits]
    assert window.search_field.text() == title
    assert window.left_stack.currentWidget() is window.search_results
    assert "not in your library" in window.search_results.summary.text()
    assert window.current_article.id == SEED_ID  # searching does not leave the article


def test_link_in_the_article_navigates(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    target = window.library_model.summary("2026-11-18-importing-articles")
    window.reader_view.anchorClicked.emit(QUrl(f"reader://article/{target.id}"))
    assert window.current_article.id == target.id


def test_typing_in_the_toolbar_lists_the_seed_first_and_enter_opens_it(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    window.focus_search()
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000) as blocker:
        qtbot.keyClicks(window.search_field, "Hollywood")
    results = blocker.args[0]
    assert results.hits, (results, window.search.service.store.summaries())
    assert results.hits[0].id == SEED_ID
    shown = window.search_results.model.hits()
    assert shown[0].id == SEED_ID
    assert "Hollywood" in window.search_results.summary.text()

    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_article.id == SEED_ID
    highlighted = window.reader_view.highlighted_texts()
    assert highlighted and all(text.lower().startswith("hollywood") for text in highlighted)
    # Scrolled to the first match: the cursor sits on it.
    assert window.reader_view.textCursor().position() > 0

    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert window.left_stack.currentWidget() is window.library_panel


def test_stale_search_results_are_dropped(qtbot, sample_services) -> None:
    """A slow answer for an old query must never replace the answer for the new one."""
    import threading

    from reader.search import SearchResults
    from reader.ui.search_bar import SearchController, SearchField

    release_first = threading.Event()

    class SlowFirstService:
        def search(self, query: str, limit: int = 20, *, count: bool = True) -> SearchResults:
            if query == "old":
                release_first.wait(5)
            return SearchResults(query, [], 0, None, [])

    field = SearchField()
    qtbot.addWidget(field)
    controller = SearchController(field, SlowFirstService(), debounce_ms=1)
    delivered: list[str] = []
    controller.results_ready.connect(lambda results: delivered.append(results.query))
    field.setText("old")
    controller.run_now()
    field.setText("new")
    with qtbot.waitSignal(controller.results_ready, timeout=5000):
        controller.run_now()
        # The old query finishes first (one search thread, in order) and must be ignored.
        release_first.set()
    controller.runner.wait()
    qtbot.wait(50)
    assert delivered == ["new"]


def test_find_in_page(qtbot, window) -> None:
    window.open_article(SEED_ID)
    window.commands.find.trigger()
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.field, "sora")
    expected = window.reader_view.toPlainText().lower().count("sora")
    assert expected >= 2
    assert window.find_bar.status.text() == f"1 of {expected}"  # which one, not just how many
    first = window.reader_view.textCursor().selectionStart()
    assert window.reader_view.textCursor().selectedText().lower() == "sora"
    window.find_bar.find_next()
    assert window.find_bar.status.text() == f"2 of {expected}"
    second = window.reader_view.textCursor().selectionStart()
    assert second > first
    window.find_bar.find_previous()
    assert window.reader_view.textCursor().selectionStart() == first
    window.find_bar.find_previous()  # wraps around to the last one
    assert window.find_bar.status.text() == f"{expected} of {expected}"
    window.find_bar.field.setText("zzzqqq")
    assert window.find_bar.status.text() == "Not found"
    window.find_bar.close_bar()
    assert not window.find_bar.isVisible()


def test_find_ignores_accents_and_quote_style(qtbot, window) -> None:
    window.open_article(SEED_ID)
    text = window.reader_view.toPlainText()
    assert "perché" in text or "più" in text
    word = "perche" if "perché" in text else "piu"
    assert window.reader_view.count_matches(word) >= 1


def test_theme_switch(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    window.commands.themes["dark"].trigger()
    assert window.theme_choice == "dark"
    assert window.settings.theme() == "dark"
    base = window.reader_view.palette().color(QPalette.ColorRole.Base)
    assert base.name() == "#1e1f22"
    assert "#1e1f22" in window.reader_view.document().toHtml()
    window.set_theme("sepia")
    assert window.reader_view.palette().color(QPalette.ColorRole.Base).name() == "#f4ecd8"
    assert window.current_article.id == WELCOME_ID  # same article, re-rendered


def test_zoom_changes_text_size(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    before = window.reader_view.document().size().height()
    size = window.reader_view.font_size
    window.commands.zoom_in.trigger()
    window.commands.zoom_in.trigger()
    assert window.reader_view.font_size == size + 2
    assert window.reader_view.document().size().height() > before
    assert window.settings.font_size() == size + 2


def test_settings_are_restored_in_a_new_window(qtbot, sample_services) -> None:
    from reader.ui.main_window import MainWindow

    first = MainWindow(sample_services, index_on_start=False)
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 520)
    first.set_theme("sepia")
    first.open_article(WELCOME_ID)
    first.reader_view.zoom_in()
    first.reader_view.set_scroll_fraction(0.5)
    position = first.reader_view.scroll_fraction()
    assert position > 0.3
    first.open_article(SEED_ID)
    first.close()

    second = MainWindow(sample_services, index_on_start=False)
    qtbot.addWidget(second)
    second.show()
    assert second.restore_last_article()
    assert (second.width(), second.height()) == (720, 520)
    assert second.theme_choice == "sepia"
    assert second.reader_view.font_size == first.reader_view.font_size
    assert second.current_article.id == SEED_ID
    second.open_article(WELCOME_ID)
    assert abs(second.reader_view.scroll_fraction() - position) < 0.02
    second.close()


def test_star_toggle(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    window.commands.toggle_star.trigger()
    assert window.services.store.get(WELCOME_ID).starred is True
    row = window.library_model.row_for_id(WELCOME_ID)
    assert window.library_model.index(row, Column.STAR).data() == "★"
    window.commands.toggle_star.trigger()
    assert window.services.store.get(WELCOME_ID).starred is False


def test_delete_moves_to_trash_and_undo_restores(qtbot, window, private_trash: Path) -> None:
    click_library_row(qtbot, window, WELCOME_ID)
    window.library_panel.table.setFocus()
    window.commands.delete.trigger()
    store = window.services.store
    assert not store.exists(WELCOME_ID)
    assert window.library_model.summary(WELCOME_ID) is None
    assert any(private_trash.rglob(f"{WELCOME_ID}.md")), "the file went to the trash"
    assert window.current_article is None or window.current_article.id != WELCOME_ID
    assert "5 articles" in window.counts_label.text()

    window.commands.undo_delete.trigger()
    assert store.exists(WELCOME_ID)
    assert window.current_article.id == WELCOME_ID
    # The row comes back through the live library's refresh, off the GUI thread.
    qtbot.waitUntil(lambda: window.library_model.summary(WELCOME_ID) is not None, timeout=5000)
    assert window.library_panel.table.current_article_id() == WELCOME_ID
    assert not window.commands.undo_delete.isEnabled()


def test_no_remote_resource_is_ever_loaded(window, tmp_path: Path) -> None:
    view = window.reader_view
    image = QTextDocument.ResourceType.ImageResource
    assert view.loadResource(image, QUrl("http://example.com/pixel.png")) is None
    assert view.loadResource(image, QUrl("https://example.com/a.png")) is None
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    refused = view.loadResource(
        QTextDocument.ResourceType.StyleSheetResource, QUrl.fromLocalFile(str(secret))
    )
    assert refused != b"private" and b"private" not in bytes(refused)

    assets = window.services.store.assets_root / "some-article"
    assets.mkdir(parents=True)
    from PySide6.QtGui import QImage

    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(0xFF0000)
    picture.save(str(assets / "red.png"))
    loaded = view.loadResource(image, QUrl.fromLocalFile(str(assets / "red.png")))
    assert isinstance(loaded, QImage) and loaded.width() == 4
    # An article body pointing at a remote image shows no remote fetch attempt at all.
    view.show_html(
        '<p>x<img src="http://tracker.example/p.gif" alt="pixel"></p>', article_assets=assets
    )
    assert set(view.blocked_urls) == {"http://tracker.example/p.gif"}


def test_import_reports_failures_and_lists_new_article(qtbot, window, tmp_path: Path) -> None:
    good = tmp_path / "new-article.md"
    good.write_text("# A freshly imported article\n\nBody text about lighthouses.\n")
    bad = tmp_path / "picture.pdf"
    bad.write_bytes(b"%PDF-1.4 not an article")
    with qtbot.waitSignal(window.transfers.imported, timeout=10_000) as blocker:
        window.import_files([good, bad])
    report = blocker.args[0]
    assert (report.imported, report.failed) == (1, 1)
    new_id = next(r.article_id for r in report.results if r.status == "imported")
    qtbot.waitUntil(lambda: window.library_model.summary(new_id) is not None, timeout=5000)
    assert window.current_article.id == new_id
    box = window.transfers.last_report_box
    assert box is not None and "picture.pdf" in box.text()
    box.close()


def test_drop_files_imports_them(qtbot, window, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDropEvent

    dropped = tmp_path / "dropped.md"
    dropped.write_text("# Dropped on the window\n\nA body about owls.\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.transfers.imported, timeout=10_000):
        window.dropEvent(event)
    qtbot.waitUntil(
        lambda: any(s.title == "Dropped on the window" for s in window.library_model.summaries()),
        timeout=5000,
    )


def test_export_pdf_runs_in_the_background(qtbot, window, tmp_path: Path) -> None:
    window.open_article(SEED_ID)
    output = tmp_path / "seed.pdf"
    with qtbot.waitSignal(window.transfers.exported, timeout=30_000):
        window.export_pdf_to(output)
    assert output.read_bytes().startswith(b"%PDF")


def test_export_failure_is_reported(qtbot, window, tmp_path: Path) -> None:
    window.open_article(SEED_ID)
    with qtbot.waitSignal(window.transfers.export_failed, timeout=30_000):
        window.export_pdf_to(tmp_path / "missing-folder" / "x.pdf")
    box = window.transfers.last_error_box
    assert box is not None and "x.pdf" in box.text()
    box.close()


def test_keyboard_shortcuts_focus_search_and_open_find(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.open_article(WELCOME_ID)
    window.reader_view.setFocus()
    qtbot.keyClick(window.reader_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    qtbot.keyClick(window.reader_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()


def test_start_shows_the_cached_list_then_catches_up_with_the_folder(qtbot, sample_services):
    """A later start lists from the catalog at once; files added while Reader was closed
    appear after the background check of the folder."""
    from reader.library.frontmatter import article_to_text
    from reader.library.model import Article
    from reader.ui.main_window import MainWindow

    store = sample_services.store
    store.summaries()  # a previous run catalogued the library
    before = len(store.cached_summaries())
    added_while_closed = Article(title="Added by a sync tool", body="Nuovo testo.", id="synced")
    store.path_for("synced").write_text(article_to_text(added_while_closed), "utf-8")
    window = MainWindow(sample_services, index_on_start=True)
    qtbot.addWidget(window)
    assert len(window.library_model.summaries()) == before  # cached: not yet the new file
    with qtbot.waitSignal(window.index_finished, timeout=60_000):
        window.show()
    qtbot.waitUntil(lambda: not window.jobs.is_busy(), timeout=20_000)
    titles = {s.title for s in window.library_model.summaries()}
    assert "Added by a sync tool" in titles


def test_an_article_with_nothing_related_says_so_in_the_empty_panel(qtbot, window) -> None:
    """The related panel said nothing at all for an article without related, linked or
    similar articles: a blank white column beside the page."""
    from reader.library.model import Article

    store = window.services.store
    lonely = store.add(Article(title="Zzyzx quokka", body="Xylophones quibble."))
    window._library_changed(changed=[lonely.id])
    window.open_article(lonely.id)
    panel = window.related_panel
    qtbot.waitUntil(lambda: not window.jobs.is_busy(), timeout=20_000)  # "similar" came back
    assert panel.model.rowCount() == 0
    assert panel.list.placeholder == "Nothing in your library relates to this article yet."
    shown = panel.list.viewport().grab().toImage()
    panel.set_placeholder("")
    blank = panel.list.viewport().grab().toImage()
    assert shown != blank  # the sentence is drawn
    window.open_article(WELCOME_ID)
    assert panel.model.rowCount() > 0


def test_a_full_page_of_results_says_how_many_match_in_all(qtbot, window, monkeypatch) -> None:
    from reader.ui import search_bar

    monkeypatch.setattr(search_bar, "RESULT_LIMIT", 1)
    total = len(window.search.service.search("reader", limit=1000).hits)
    assert total > 1  # the sample library has several articles about Reader
    window.focus_search()
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000) as shown:
        qtbot.keyClicks(window.search_field, "reader")
    page = shown.args[0]
    assert (len(page.hits), page.total) == (1, total)
    assert window.search_results.summary.text() == f"{total} results for “reader”"
    assert window.search_results.list.currentIndex().row() == 0
