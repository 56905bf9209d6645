"""Highlights: made from a selection, stored in the article file, shown, exported by the CLI."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication

from reader.library.frontmatter import article_from_text, article_to_text
from reader.library.highlights import highlights_markdown
from reader.library.model import Article, Highlight
from tests.ui.conftest import WELCOME_ID

PASSAGE = "It works entirely offline"


def _select(view, text: str) -> None:
    cursor = view.document().find(text)
    assert not cursor.isNull()
    view.setTextCursor(cursor)


def _background_at(view, text: str) -> QColor:
    cursor = view.document().find(text)
    inside = QTextCursor(view.document())
    inside.setPosition(cursor.selectionStart() + 1)
    return inside.charFormat().background().color()


def test_ctrl_shift_h_highlights_the_selection_and_stores_it_in_the_file(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    view = window.reader_view
    plain = _background_at(view, PASSAGE)
    _select(view, PASSAGE)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(
        view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    path = window.services.store.path_for(WELCOME_ID)
    stored = article_from_text(path.read_text("utf-8"))
    assert stored.highlights == [Highlight(PASSAGE, "yellow", "")]
    assert "highlights:" in path.read_text("utf-8")
    assert _background_at(view, PASSAGE) != plain
    assert _background_at(view, PASSAGE).name() == "#fff0a0"

    # Green from the Article menu, on another passage.
    _select(view, "Your library is a folder")
    window.highlighter.colour_actions["green"].trigger()
    stored = article_from_text(path.read_text("utf-8"))
    assert [h.colour for h in stored.highlights] == ["yellow", "green"]
    assert _background_at(view, "Your library is a folder").name() == "#c9efc0"


def test_a_hand_written_highlight_shows_and_survives_an_edit(qtbot, window) -> None:
    store = window.services.store
    path = store.path_for(WELCOME_ID)
    text = path.read_text("utf-8").replace(
        "\nstarred:",
        "\nhighlights:\n- text: " + PASSAGE + "\n  colour: pink\n  note: why\nstarred:",
        1,
    )
    # An edit elsewhere in the text: the passage is still there.
    text = text.replace("Reader is a quiet place", "Reader is a calm place", 1)
    path.write_text(text, "utf-8")
    window.open_article(WELCOME_ID)
    assert window.current_article.highlights == [Highlight(PASSAGE, "pink", "why")]
    assert _background_at(window.reader_view, PASSAGE).name() == "#ffd3e8"


def test_highlights_round_trip_and_export_as_markdown() -> None:
    article = Article(
        title="T",
        body="First line here.\n\nSecond paragraph.",
        highlights=[Highlight("line here", "blue", "a note"), Highlight("gone passage")],
    )
    again = article_from_text(article_to_text(article))
    assert again.highlights == article.highlights
    markdown = highlights_markdown(again)
    assert "> line here" in markdown and "a note" in markdown
    assert "*yellow · no longer in the text*" in markdown


def test_cli_prints_highlights(sample_services, paths, capsys) -> None:
    from reader.cli import main

    store = sample_services.store
    article = store.get(WELCOME_ID)
    article.highlights = [Highlight(PASSAGE, "green", "remember")]
    store.update(article)
    base = ["--base-dir", str(paths.library.parent.parent)]
    assert main([*base, "highlights", WELCOME_ID]) == 0
    out = capsys.readouterr().out
    assert f"> {PASSAGE}" in out and "remember" in out and "*green*" in out
    assert main([*base, "highlights", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "id": WELCOME_ID,
            "title": "Welcome to Reader",
            "highlights": [
                {"text": PASSAGE, "colour": "green", "note": "remember", "present": True}
            ],
        }
    ]


def test_highlights_panel_lists_jumps_and_deletes(qtbot, window) -> None:
    window.open_article(WELCOME_ID)
    view = window.reader_view
    _select(view, PASSAGE)
    window.highlighter.colour_actions["yellow"].trigger()
    _select(view, "Where to go next")
    window.highlighter.colour_actions["blue"].trigger()
    view.moveCursor(QTextCursor.MoveOperation.Start)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(
        view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dock = window.highlighter.dock
    qtbot.waitUntil(dock.isVisible)
    items = [dock.list.item(row).text() for row in range(dock.list.count())]
    assert items == [PASSAGE, "Where to go next"]
    rect = dock.list.visualItemRect(dock.list.item(1))
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.textCursor().selectedText() == "Where to go next"
    # Shown whole and with context, not left at the bottom edge of the view.
    shown = view.cursorRect(view.textCursor())
    assert shown.top() >= 0 and shown.bottom() <= view.viewport().height() * 0.8
    dock.list.setCurrentRow(0)
    dock.list.setFocus()
    qtbot.keyClick(dock.list, Qt.Key.Key_Delete)
    stored = article_from_text(window.services.store.path_for(WELCOME_ID).read_text("utf-8"))
    assert [h.text for h in stored.highlights] == ["Where to go next"]
    assert dock.list.count() == 1
