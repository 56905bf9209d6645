"""The status bar's problems entry: unreadable files and sync conflict copies, as a person
meets them in the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.app import Services
from reader.ui.problems import ProblemsDialog
from tests.ui.conftest import shown_window

ORIGINAL = "2026-11-22-welcome-to-reader"
COPY = f"{ORIGINAL}.sync-conflict-20261201-101010-ABCDEFG"


@pytest.fixture
def troubled_window(qtbot, sample_services: Services) -> Iterator[object]:
    articles = sample_services.store.articles_dir
    (articles / "rotto.md").write_text("---\ntitle: x\npublished: 2024-02-30\n---\n", "utf-8")
    (articles / f"{COPY}.md").write_text(
        "---\ntitle: Welcome to Reader\n---\n\nThe version edited on the phone.\n", "utf-8"
    )
    yield from shown_window(qtbot, sample_services)


def test_problems_entry_lists_and_settles(qtbot, troubled_window) -> None:
    window = troubled_window
    store = window.services.store
    button = window.problems_button
    assert button.isVisible()
    assert button.text() == "⚠ 2 problems"
    assert window.library_model.summary(COPY) is None
    assert window.library_model.summary(ORIGINAL) is not None

    opened: list[Path] = []
    button.folder_opener = opened.append
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ProblemsDialog, "problemsDialog")
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == "rotto.md"
    assert "impossible value" in table.item(0, 1).text()
    assert table.item(1, 0).text() == f"{COPY}.md"
    assert "Sync conflict copy of “2026-11-22-welcome-to-reader”" in table.item(1, 1).text()

    assert not dialog.keep_theirs_button.isEnabled()  # a broken file is fixed by hand
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [store.articles_dir]

    table.selectRow(1)
    assert dialog.keep_theirs_button.isEnabled()
    qtbot.mouseClick(dialog.keep_theirs_button, Qt.MouseButton.LeftButton)
    assert not (store.articles_dir / f"{COPY}.md").exists()
    assert "edited on the phone" in store.get(ORIGINAL).body
    assert table.rowCount() == 1
    qtbot.waitUntil(lambda: button.text() == "⚠ 1 problem", timeout=10_000)


def test_no_problems_no_entry(window) -> None:
    assert not window.problems_button.isVisible()
