"""The status bar's "problems" entry: article files Reader could not read, and conflict
copies left by a sync tool.

Hidden while there is nothing to report. Clicking it lists each file and why; "Open
folder" shows the file in the file manager (to fix or remove it by hand), and for a
conflict copy "Keep the article" / "Keep the copy" settles it (the other version goes to
the trash). The library itself decides what is a problem (``LibraryStore.problem_files``
and ``known_conflicts``): this module only shows it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl, Signal, SignalInstance
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.library.conflicts import ConflictCopy
from reader.library.store import ARTICLE_SUFFIX, LibraryError, LibraryStore


@dataclass(frozen=True)
class ProblemRow:
    filename: str
    reason: str
    conflict: ConflictCopy | None = None


def problem_rows(store: LibraryStore) -> list[ProblemRow]:
    """What the problems list shows: unreadable files, then conflict copies."""
    rows = []
    for name, message in sorted(store.problem_files().items()):
        shown = os.fsencode(name).decode("utf-8", "backslashreplace")
        reason = message.split(f"{shown}: ", 1)[-1]
        rows.append(ProblemRow(shown, reason))
    rows.extend(
        ProblemRow(f"{copy.copy_id}{ARTICLE_SUFFIX}", "", copy) for copy in store.known_conflicts()
    )
    return rows


def open_folder(folder: Path) -> None:
    """Show a local folder in the desktop's file manager (a file:// URL: no network)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class ProblemsButton(QToolButton):
    """A status bar button "⚠ 3 problems", hidden when there are none."""

    resolved = Signal()
    """A conflict was settled: the library folder changed."""

    def __init__(
        self,
        store: LibraryStore,
        refresh_on: Iterable[SignalInstance] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("problemsButton")
        self.setAutoRaise(True)
        self._store = store
        self.folder_opener: Callable[[Path], None] = open_folder
        self.rows: list[ProblemRow] = []
        self.clicked.connect(self.show_dialog)
        for signal in refresh_on:
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        self.rows = problem_rows(self._store)
        count = len(self.rows)
        self.setVisible(count > 0)
        if count == 1:
            self.setText(self.tr("⚠ 1 problem"))
        else:
            self.setText(self.tr("⚠ %1 problems").replace("%1", str(count)))
        self.setToolTip(self.tr("Article files Reader could not read, and sync conflict copies"))

    def show_dialog(self) -> ProblemsDialog:
        dialog = ProblemsDialog(self._store, self.rows, self.folder_opener, self)
        dialog.resolved.connect(self._conflict_resolved)
        dialog.open()
        return dialog

    def _conflict_resolved(self) -> None:
        self.refresh()
        self.resolved.emit()


class ProblemsDialog(QDialog):
    """The list behind the button: each file, why, and what can be done about it."""

    resolved = Signal()

    def __init__(
        self,
        store: LibraryStore,
        rows: list[ProblemRow],
        folder_opener: Callable[[Path], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("problemsDialog")
        self.setWindowTitle(self.tr("Problems in the library"))
        self._store = store
        self._rows = list(rows)
        self._folder_opener = folder_opener

        intro = QLabel(
            self.tr(
                "These files in the library folder are not shown. Nothing was changed or "
                "deleted: fix or remove a file by hand, and Reader reads it again."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("problemsTable")
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Problem")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)

        self.open_button = QPushButton(self.tr("Open folder"))
        self.keep_ours_button = QPushButton(self.tr("Keep the article"))
        self.keep_ours_button.setToolTip(
            self.tr("Keep the article as it is; the copy goes to the trash")
        )
        self.keep_theirs_button = QPushButton(self.tr("Keep the copy"))
        self.keep_theirs_button.setToolTip(
            self.tr("Put the copy in the article's place; the article's version goes to the trash")
        )
        close_button = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        for button in (self.open_button, self.keep_ours_button, self.keep_theirs_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(960, 380)

        self.open_button.clicked.connect(self.open_selected_folder)
        self.keep_ours_button.clicked.connect(lambda: self.keep("ours"))
        self.keep_theirs_button.clicked.connect(lambda: self.keep("theirs"))
        close_button.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self._rows))
        for number, row in enumerate(self._rows):
            reason = row.reason
            if row.conflict is not None:
                reason = (
                    self.tr("Sync conflict copy of “%1” (%2): keep one version")
                    .replace("%1", row.conflict.original_id)
                    .replace("%2", row.conflict.tool)
                )
            # Plain-text items: a file name or reason is never read as markup.
            self.table.setItem(number, 0, QTableWidgetItem(row.filename))
            self.table.setItem(number, 1, QTableWidgetItem(reason))
        if self._rows:
            self.table.selectRow(0)
        self._selection_changed()

    def selected_row(self) -> ProblemRow | None:
        index = self.table.currentRow()
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def _selection_changed(self) -> None:
        row = self.selected_row()
        is_conflict = row is not None and row.conflict is not None
        self.open_button.setEnabled(row is not None)
        self.keep_ours_button.setEnabled(is_conflict)
        self.keep_theirs_button.setEnabled(is_conflict)

    def open_selected_folder(self) -> None:
        if self.selected_row() is not None:
            self._folder_opener(self._store.articles_dir)

    def keep(self, which: str) -> None:
        row = self.selected_row()
        if row is None or row.conflict is None:
            return
        try:
            self._store.resolve_conflict(row.conflict.copy_id, which)
        except (LibraryError, OSError) as error:
            QMessageBox.warning(self, self.tr("Could not keep this version"), str(error))
            return
        del self._rows[self.table.currentRow()]
        self._fill()
        self.resolved.emit()
