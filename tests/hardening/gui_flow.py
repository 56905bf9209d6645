"""The whole window flow, driven as a person would, for the no-network test.

Runs in a child process (``python -c`` with an audit hook, see test_no_network.py): start on
a fresh library (seeded with the samples), import a file, search, open the top hit, follow a
related item, go back, export a PDF.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

RELATED_GUIDE = "2026-11-20-related-articles-and-history"
SEED_TITLE = "OpenAI tenta la conquista di Hollywood con Sora"


def wait_until(app: object, condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def run_flow(base: Path, inbox_file: Path, pdf: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reader.app import build_services
    from reader.paths import Paths
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["reader"])
    services = build_services(Paths.resolve(base_dir=base))
    window = MainWindow(services)
    window.show()
    idle = lambda: not window.jobs.is_busy()  # noqa: E731
    wait_until(app, idle, "indexing at start")

    window.import_files([inbox_file])
    wait_until(app, lambda: len(window.library_model.summaries()) == 7, "the import")
    wait_until(app, idle, "indexing the import")

    window.search.search_for("Hollywood")
    wait_until(app, lambda: window.search.latest_results() is not None, "search results")
    window.search.submit()
    wait_until(
        app,
        lambda: window.current_article is not None and window.current_article.title == SEED_TITLE,
        "the top hit to open",
    )

    window.open_article(RELATED_GUIDE)
    row = window.related_panel.row_of("Searching your library offline")
    assert row is not None, "the resolved related item is listed"
    window.related_panel.activate(window.related_panel.model.index(row, 0))
    wait_until(
        app,
        lambda: window.current_article.id == "2026-11-21-searching-your-library-offline",
        "the related article to open",
    )
    window.go_back()
    assert window.current_article.id == RELATED_GUIDE

    window.export_pdf_to(pdf)
    wait_until(app, lambda: pdf.exists() and idle(), "the PDF export")
    window.close()
    services.close()
    print("FLOW OK", flush=True)


if __name__ == "__main__":
    run_flow(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
