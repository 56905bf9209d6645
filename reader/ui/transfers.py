"""Import and PDF export from the window: dialogs in, plain data out, work off the GUI thread.

Dialogs only collect paths; the work itself (``reader.importers.import_paths``,
``reader.render.pdf.export_pdf``) runs in a ``JobRunner`` thread with progress in the status
bar, and every failure ends in a message the user can read, never in silence.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reader.library.text import slugify
from reader.ui.workers import JobRunner

if TYPE_CHECKING:
    from reader.importers import ImportReport
    from reader.library.model import Article
    from reader.library.related import RelatedIndex
    from reader.services import Services

IMPORT_FILTER = QT_TRANSLATE_NOOP(
    "Transfers",
    "Articles (*.txt *.md *.markdown *.text *.html *.htm *.json *.xml *.rss *.atom);;All files (*)",
)
MAX_LISTED_FAILURES = 20


class Transfers(QObject):
    """Owns the import and export flows of one window."""

    imported = Signal(object)
    """``ImportReport`` after an import finished (the library changed)."""
    exported = Signal(Path)
    export_failed = Signal(str)
    progress = Signal(str, int, int)
    """(what, done, total) for the status bar."""

    def __init__(self, services: Services, jobs: JobRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self._jobs = jobs
        self._parent = parent
        self.last_report_box: QMessageBox | None = None
        self.last_error_box: QMessageBox | None = None

    # -- import ----------------------------------------------------------------------------
    page_size: str | None = None
    """PDF paper ("A4", "Letter"); None: the locale's usual paper (a preference)."""

    def ask_import(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        names, _ = QFileDialog.getOpenFileNames(
            self._parent, self.tr("Import articles"), start, self.tr(IMPORT_FILTER)
        )
        if names:
            self.import_files([Path(name) for name in names])

    def import_files(self, paths: Sequence[Path]) -> None:
        from reader.importers import import_paths

        store = self._services.store
        files = [Path(path) for path in paths]
        self._jobs.start(
            "import",
            lambda progress: import_paths(files, store, progress),
            on_success=self._import_done,
            on_failure=lambda message: self._show_error(self.tr("Import failed"), message),
            on_progress=lambda done, total: self.progress.emit(self.tr("Importing"), done, total),
        )

    def _import_done(self, report: ImportReport) -> None:
        self.imported.emit(report)
        if report.failed:
            self.show_report(report)

    def show_report(self, report: ImportReport) -> None:
        failures = [result for result in report.results if result.status == "failed"]
        listed = "".join(
            f"<li><b>{html.escape(result.path.name)}</b>: {html.escape(result.message)}</li>"
            for result in failures[:MAX_LISTED_FAILURES]
        )
        more = len(failures) - MAX_LISTED_FAILURES
        if more > 0:
            listed += "<li>" + self.tr("… and %n more", "", more) + "</li>"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Import report"),
            self.tr(
                "{imported} imported, {skipped} skipped, {failed} failed."
                "<br><br>These files could not be imported:<ul>{listed}</ul>"
            ).format(
                imported=report.imported,
                skipped=report.skipped,
                failed=report.failed,
                listed=listed,
            ),
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setDetailedText("\n".join(f"{result.path}: {result.message}" for result in failures))
        self.last_report_box = box
        box.open()

    # -- export ----------------------------------------------------------------------------
    def ask_export(self, article: Article, related_index: RelatedIndex | None) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder or Path.home()) / suggested_pdf_name(article.title)
        name, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Export PDF"), str(suggested), self.tr("PDF documents (*.pdf)")
        )
        if name:
            output = Path(name)
            if output.suffix.lower() != ".pdf":
                output = output.with_name(output.name + ".pdf")
            self.export_pdf(article, output, related_index)

    def export_pdf(
        self,
        article: Article,
        output: Path,
        related_index: RelatedIndex | None,
        *,
        on_done: Callable[[Path], None] | None = None,
    ) -> None:
        from reader.render import pdf

        assets_root = self._services.store.assets_root
        page_size = self.page_size

        def work(progress: Callable[[int, int], None]) -> Path:
            return pdf.export_pdf(
                [article],
                output,
                page_size=page_size,
                related_index=related_index,
                assets_root=assets_root,
                progress=progress,
                fallback_language=self._services.language,
            )

        def succeeded(path: Path) -> None:
            self.exported.emit(Path(path))
            if on_done is not None:
                on_done(Path(path))

        def failed(message: str) -> None:
            self.export_failed.emit(message)
            self._show_error(self.tr("Export failed"), f"{output}:\n{message}")

        self._jobs.start(
            "export",
            work,
            on_success=succeeded,
            on_failure=failed,
            on_progress=lambda done, total: self.progress.emit(
                self.tr("Exporting PDF"), done, total
            ),
        )

    def _show_error(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self._parent
        )
        self.last_error_box = box
        box.open()


def suggested_pdf_name(title: str) -> str:
    """A file name from the article title: readable, portable, never empty."""
    return f"{slugify(title, max_length=80) or 'article'}.pdf"
