"""The inbox folder from the window: a setting (off by default), a menu, a watcher.

The work is ``reader.importers.inbox.process_inbox``, run in a worker of its own; this
module only decides *when*: at start, when the folder changes (debounced), and again while
files are still settling (a download in progress). The folder is remembered in the window's
settings file under ``inbox/folder``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from reader.importers.inbox import FAILED_FOLDER, SETTLE_SECONDS, process_inbox
from reader.ui.workers import JobRunner

if TYPE_CHECKING:
    from reader.importers.inbox import InboxPass
    from reader.library.store import LibraryStore
    from reader.ui.main_window import MainWindow

SETTING_KEY = "inbox/folder"
DEBOUNCE_MS = 500
REPORT_MESSAGE_MS = 10_000
RESCAN_MS = 30_000
"""A periodic look as well: a folder on a network share may send no change events."""


class Inbox(QObject):
    """Watches the inbox folder chosen in the settings and imports what appears there."""

    processed = Signal(object)
    """``InboxPass`` after a pass that imported or set aside at least one file."""

    def __init__(
        self,
        settings_file: Path,
        store: LibraryStore,
        parent: QWidget,
        *,
        settle_seconds: float = SETTLE_SECONDS,
    ) -> None:
        super().__init__(parent)
        self._settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        self._store = store
        self._parent = parent
        self._settle_seconds = settle_seconds
        self._jobs = JobRunner(parent=self)
        self._running = False
        self._again = False
        self._stopped = False
        self._unmovable: set[Path] = set()
        """Imported files that could not be moved aside: not imported again and again."""

        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(lambda _path: self._debounce.start())
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.check)
        self._rescan = QTimer(self)
        self._rescan.setInterval(RESCAN_MS)
        self._rescan.timeout.connect(self.check)

        self.menu = QMenu(self.tr("&Inbox Folder"), parent)
        self.choose_action = QAction(self.tr("&Watch a Folder…"), self)
        self.choose_action.setToolTip(
            self.tr(
                "Files saved into this folder are imported, then moved to its “imported” folder"
            )
        )
        self.choose_action.triggered.connect(self.ask_folder)
        self.stop_action = QAction(self.tr("&Stop Watching"), self)
        self.stop_action.triggered.connect(lambda: self.set_folder(None))
        self.menu.addAction(self.choose_action)
        self.menu.addAction(self.stop_action)
        self._apply_folder()

    # -- the setting -----------------------------------------------------------------------
    def folder(self) -> Path | None:
        value = self._settings.value(SETTING_KEY, "")
        return Path(str(value)) if value else None

    def set_folder(self, folder: Path | None) -> None:
        """Watch ``folder`` from now on (None: no inbox, the default)."""
        if folder is None:
            self._settings.remove(SETTING_KEY)
        else:
            folder.mkdir(parents=True, exist_ok=True)
            self._settings.setValue(SETTING_KEY, str(folder))
        self._settings.sync()
        self._apply_folder()

    def ask_folder(self) -> None:
        current = self.folder()
        chosen = QFileDialog.getExistingDirectory(
            self._parent, self.tr("Inbox folder"), str(current) if current else str(Path.home())
        )
        if chosen:
            self.set_folder(Path(chosen))

    def _apply_folder(self) -> None:
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        folder = self.folder()
        self.stop_action.setEnabled(folder is not None)
        self.menu.setToolTip(str(folder) if folder else self.tr("No inbox folder"))
        if folder is None or self._stopped:
            self._rescan.stop()
            return
        if folder.is_dir():
            self._watcher.addPath(str(folder))
        self._rescan.start()
        self._debounce.start()  # what arrived while Reader was closed

    # -- passes ----------------------------------------------------------------------------
    def check(self) -> None:
        """Import what has settled in the inbox, in the worker."""
        folder = self.folder()
        if folder is None or self._stopped:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        store, settle, skip = self._store, self._settle_seconds, frozenset(self._unmovable)
        self._jobs.start(
            "inbox",
            lambda progress: process_inbox(
                folder, store, progress, settle_seconds=settle, skip=skip
            ),
            on_success=self._passed,
            on_failure=self._pass_failed,
        )

    def is_busy(self) -> bool:
        return self._running or self._debounce.isActive()

    def stop(self) -> None:
        self._stopped = True
        self._debounce.stop()
        self._rescan.stop()
        self._jobs.wait()

    def _passed(self, result: InboxPass) -> None:
        self._running = False
        self._unmovable.update(result.unmovable)
        if result.moved or result.unmovable:
            self.processed.emit(result)
        if self._stopped:
            return
        if self._again:
            self._again = False
            self.check()
        elif result.waiting:
            QTimer.singleShot(int(self._settle_seconds * 1000) + 100, self, self.check)

    def _pass_failed(self, _message: str) -> None:
        self._running = False
        if self._again and not self._stopped:
            self._again = False
            self.check()


def report_inbox_pass(window: MainWindow, result: InboxPass) -> None:
    """Tell the person what the inbox did: a status line, the usual report for failures."""
    notes = [QCoreApplication.translate("Inbox", "Inbox: %s") % result.report.summary()]
    set_aside = {moved.parent for moved in result.moved.values()}
    set_aside = {folder for folder in set_aside if folder.name == FAILED_FOLDER}
    notes += [
        QCoreApplication.translate("Inbox", "what failed is in %s") % folder
        for folder in sorted(set_aside)
    ]
    notes += list(result.unmovable.values())[:1]
    window.statusBar().showMessage(" — ".join(notes), REPORT_MESSAGE_MS)
    window._library_changed()
    if result.report.failed:
        window.transfers.show_report(result.report)
