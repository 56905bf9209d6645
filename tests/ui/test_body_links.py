"""Saved pages link to each other offline: click a body link, land in the other page, back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument

from reader.app import Services
from reader.importers import import_paths
from reader.ui.related_panel import EntryKind

PAGES = Path(__file__).parents[1] / "data" / "linked_pages"


@pytest.fixture
def linked_window(qtbot, empty_services: Services) -> Iterator[object]:
    from reader.ui.main_window import MainWindow

    report = import_paths([PAGES], empty_services.store)
    assert report.imported == 3, report.results
    main_window = MainWindow(empty_services, index_on_start=False)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitUntil(lambda: not main_window.jobs.is_busy(), timeout=20_000)
    yield main_window
    main_window.close()


def click_text(qtbot, window, text: str) -> None:
    """Click in the middle of ``text`` in the reading view, as a user would."""
    view = window.reader_view
    found = view.document().find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not found.isNull(), f"{text!r} is not shown"
    middle = QTextCursor(view.document())
    middle.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    view.setTextCursor(middle)
    view.ensureCursorVisible()
    point = view.cursorRect(middle).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_body_link_opens_the_saved_page_and_alt_left_comes_back(qtbot, linked_window) -> None:
    window = linked_window
    assert window.open_article("garden-handbook")
    click_text(qtbot, window, "preparing the soil")
    assert window.current_article.id == "preparing-the-soil"
    assert window.reader_view.toPlainText().startswith("Preparing the soil")

    qtbot.keyClick(window.reader_view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_article.id == "garden-handbook"
    window.go_forward()
    assert window.current_article.id == "preparing-the-soil"


def test_links_to_the_web_and_to_pages_not_saved_do_not_navigate(qtbot, linked_window) -> None:
    window = linked_window
    window.open_article("garden-handbook")
    opened: list[object] = []
    window.reader_view.external_link_opened.connect(opened.append)
    click_text(qtbot, window, "compost heaps")  # not saved: plain text, nothing happens
    assert window.current_article.id == "garden-handbook"
    assert opened == []
    html = window.reader_view.document().toHtml()
    assert "compost" in html and 'href="guide/compost.html"' not in html


def test_linked_from_lists_the_pages_whose_text_links_here(linked_window) -> None:
    window = linked_window
    window.open_article("watering")
    linked = {
        entry.article_id
        for entry in window.related_panel.model.entries()
        if entry.kind is EntryKind.LINKED
    }
    assert linked == {"garden-handbook", "preparing-the-soil"}


def test_a_link_with_a_fragment_opens_the_page_at_that_section(qtbot, empty_services) -> None:
    from reader.library.model import Article, Source
    from reader.ui.main_window import MainWindow

    store = empty_services.store
    filler = "\n\n".join(f"Paragraph {n} about the long history of gardens." for n in range(80))
    store.add(
        Article(
            title="Long page",
            body=f"{filler}\n\n## In the evening {{#evening}}\n\nWater late in summer.\n\n{filler}",
            source=Source(kind="html", folder="/set", path="long.html"),
        )
    )
    store.add(
        Article(
            title="Short page",
            body="Read [the evening section](long.html#evening) of the long page.",
            source=Source(kind="html", folder="/set", path="short.html"),
        )
    )
    window = MainWindow(empty_services, index_on_start=False)
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    window.open_article("short-page")
    click_text(qtbot, window, "the evening section")
    assert window.current_article.id == "long-page"
    view = window.reader_view
    assert view.verticalScrollBar().value() > 0
    heading = view.document().find("In the evening")
    top = view.cursorRect(heading).top()
    assert 0 <= top < view.viewport().height() // 2  # the section is at the top of the view
    window.close()
