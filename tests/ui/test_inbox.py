"""The inbox folder from the window: off by default, chosen from the File menu, and files
saved into it appear in the list and are moved aside (failures reported, never lost)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from reader.services import Services

WAIT_MS = 8000


def aged(path: Path) -> Path:
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


def test_inbox_is_off_by_default_and_chosen_from_the_file_menu(
    qtbot, small_services: Services, tmp_path: Path, monkeypatch
) -> None:
    from reader.ui.main_window import MainWindow

    window = MainWindow(small_services, index_on_start=False)
    qtbot.addWidget(window)
    window.show()
    assert window.inbox.folder() is None
    assert not window.inbox.stop_action.isEnabled()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.inbox.menu.menuAction() in file_menu.actions()

    inbox = tmp_path / "Inbox"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(inbox))
    window.inbox.choose_action.trigger()
    assert window.inbox.folder() == inbox and inbox.is_dir()
    assert window.inbox.stop_action.isEnabled()
    window.close()

    # Remembered in the settings file: a new window watches it again.
    again = MainWindow(small_services, index_on_start=False)
    qtbot.addWidget(again)
    again.show()
    assert again.inbox.folder() == inbox
    again.inbox.stop_action.trigger()
    assert again.inbox.folder() is None
    again.close()


def test_files_saved_into_the_inbox_are_imported_and_moved_aside(
    qtbot, small_services: Services, tmp_path: Path
) -> None:
    from reader.ui.main_window import MainWindow

    inbox = tmp_path / "Inbox"
    window = MainWindow(small_services, index_on_start=False)
    qtbot.addWidget(window)
    window.show()
    window.inbox.set_folder(inbox)

    aged(_write(inbox / "saved.md", "# From the inbox\n\nA note about herons.\n"))
    aged(_write(inbox / "broken.json", "{ not json"))

    def listed() -> bool:
        return any(s.title == "From the inbox" for s in window.library_model.summaries())

    qtbot.waitUntil(listed, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.transfers.last_report_box is not None, timeout=WAIT_MS)
    box = window.transfers.last_report_box
    assert "broken.json" in box.text()
    box.close()
    assert (inbox / "imported" / "saved.md").is_file()
    assert (inbox / "failed" / "broken.json").read_text("utf-8") == "{ not json"
    assert (inbox / "failed" / "broken.json.error.txt").is_file()
    assert sorted(p.name for p in inbox.iterdir()) == ["failed", "imported"]
    message = window.statusBar().currentMessage()
    assert "1 imported" in message and str(inbox / "failed") in message
    window.close()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path
