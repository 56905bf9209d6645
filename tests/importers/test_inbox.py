"""The inbox folder's passes: import what settled, move it aside, never lose a file."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from reader.importers.inbox import process_inbox
from reader.library import LibraryStore

FIXTURES = Path(__file__).parents[1] / "data" / "web" / "fixtures"


def settled(path: Path) -> Path:
    """Age a file past the settle time, as if it had been saved a minute ago."""
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


def test_a_pass_imports_and_moves_files_aside(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    store = LibraryStore(tmp_path / "lib")
    (inbox / "note.md").write_text("# Inbox note\n\nAbout tides.\n", "utf-8")
    settled(inbox / "note.md")
    page = inbox / "Saved page.html"
    shutil.copyfile(FIXTURES / "Rivers are getting warmer.html", page)
    shutil.copytree(FIXTURES / "Rivers are getting warmer_files", inbox / "Saved page_files")
    settled(page)
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.4 not an article")
    settled(inbox / "scan.pdf")
    (inbox / "big.html.crdownload").write_text("<html>half a download", "utf-8")
    (inbox / "still-writing.txt").write_text("A text still being saved.", "utf-8")

    result = process_inbox(inbox, store)

    titles = {s.title for s in store.summaries()}
    assert titles == {"Inbox note", "Rivers are getting warmer"}
    assert (result.report.imported, result.report.failed) == (2, 1)
    assert (inbox / "imported" / "note.md").is_file()
    assert (inbox / "imported" / "Saved page.html").is_file()
    assert (inbox / "imported" / "Saved page_files" / "river map.png").is_file()
    assert not (inbox / "Saved page_files").exists()
    assert (inbox / "failed" / "scan.pdf").read_bytes() == b"%PDF-1.4 not an article"
    error = (inbox / "failed" / "scan.pdf.error.txt").read_text("utf-8")
    assert "scan.pdf" in error and "unsupported file type" in error
    # Partial downloads and files still being written stay for a later pass.
    assert (inbox / "big.html.crdownload").exists()
    assert (inbox / "still-writing.txt").exists()
    assert result.waiting == 1


def test_a_second_copy_is_skipped_and_kept_under_a_new_name(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    store = LibraryStore(tmp_path / "lib")
    text = "# Twice saved\n\nThe same article saved two times.\n"
    (inbox / "twice.md").write_text(text, "utf-8")
    settled(inbox / "twice.md")
    process_inbox(inbox, store)
    (inbox / "twice.md").write_text(text, "utf-8")
    settled(inbox / "twice.md")
    second = process_inbox(inbox, store)
    assert second.report.skipped == 1
    assert len(store.summaries()) == 1
    assert (inbox / "imported" / "twice.md").read_text("utf-8") == text
    assert (inbox / "imported" / "twice (2).md").read_text("utf-8") == text
    assert list(inbox.glob("*.md")) == []
