"""The Help menu: keyboard shortcuts, the user guide and About.

The shortcuts dialog reads the window's own menus and actions (built from the one table in
``reader.ui.actions``), so the list can never disagree with the keys that really work. The
user guide is the set of guide articles bundled with Reader in the interface language; they
are seeded into a new library, and put back from the bundle when the user has deleted them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.library.frontmatter import article_from_text
from reader.library.store import ARTICLE_SUFFIX, LibraryError
from reader.paths import sample_library_dir

if TYPE_CHECKING:
    from reader.library.model import Article
    from reader.ui.main_window import MainWindow


@dataclass(frozen=True)
class ShortcutRow:
    menu: str
    command: str
    keys: str


def _plain(text: str) -> str:
    """A menu text without its mnemonic ampersand or trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…")


def shortcut_rows(window: QWidget) -> list[ShortcutRow]:
    """Every command that has a key, in menu order, then the window's other actions."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()

    def add(action: QAction, menu: str) -> None:
        if id(action) in seen or action.isSeparator():
            return
        seen.add(id(action))
        keys = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()]
        if keys and action.text():
            rows.append(ShortcutRow(menu, _plain(action.text()), ", ".join(keys)))

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} › {_plain(submenu.title())}")
            else:
                add(action, path)

    menu_bar = window.menuBar() if hasattr(window, "menuBar") else None
    if menu_bar is not None:
        for top in menu_bar.actions():
            submenu = top.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, _plain(submenu.title()))
    other = QCoreApplication.translate("ShortcutsDialog", "Other")
    for action in window.actions():
        add(action, other)
    return rows


class ShortcutsDialog(QDialog):
    """A read-only table of the window's keyboard shortcuts."""

    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, entry in enumerate(rows):
            for column, text in enumerate((entry.menu, entry.command, entry.keys)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)


LICENSES = (
    ("Qt 6, PySide6, Shiboken6", "LGPL-3.0"),
    ("Whoosh-Reloaded", "BSD-2-Clause"),
    ("Python-Markdown", "BSD-3-Clause"),
    ("nh3 (ammonia)", "MIT"),
    ("PyYAML", "MIT"),
    ("trafilatura", "Apache-2.0"),
    ("lxml", "BSD-3-Clause"),
    ("charset-normalizer", "MIT"),
    ("feedparser", "BSD-2-Clause"),
    ("platformdirs", "MIT"),
    ("Send2Trash", "BSD-3-Clause"),
    ("tqdm", "MPL-2.0 AND MIT"),
    ("shtab", "MPL-2.0"),
)
"""Bundled components (pyproject's dependencies) and their licenses, from their metadata."""


class AboutDialog(QDialog):
    """Version, where the library and cache live, and the licenses of what Reader ships."""

    def __init__(self, library: Path, cache: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Reader"))
        rows = "".join(
            f"<tr><td>{escape(name)}</td><td>&nbsp;{escape(license_)}</td></tr>"
            for name, license_ in LICENSES
        )
        self.text = QLabel(
            "<h2>Reader {version}</h2><p>{tagline}</p>"
            "<p><b>{library_label}</b> {library}<br><b>{cache_label}</b> {cache}</p>"
            "<p>{built}</p><p><b>{components}</b></p><table>{rows}</table>".format(
                version=escape(__version__),
                tagline=escape(self.tr("An offline reader for the articles you keep.")),
                library_label=escape(self.tr("Library:")),
                library=escape(str(library)),
                cache_label=escape(self.tr("Cache:")),
                cache=escape(str(cache)),
                built=escape(
                    self.tr("Built with Qt {qt} and PySide6 {pyside}.").format(
                        qt=qVersion(), pyside=pyside_version
                    )
                ),
                components=escape(self.tr("Bundled components and their licenses")),
                rows=rows,
            )
        )
        self.text.setObjectName("aboutText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def guide_articles(language: str) -> list[Article]:
    """The bundled guide articles in ``language`` (English when there are none), by date."""
    articles = sample_library_dir() / "articles"
    folder = articles / language
    if not any(folder.glob(f"*{ARTICLE_SUFFIX}")):
        folder = articles / "en"
    paths = sorted(folder.glob(f"*{ARTICLE_SUFFIX}"), key=lambda path: path.name, reverse=True)
    return [article_from_text(path.read_text("utf-8")) for path in paths]


class HelpMenu(QMenu):
    """Help: Keyboard Shortcuts (Ctrl+/), the user guide (F1, one entry per guide), About."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(QCoreApplication.translate("HelpMenu", "&Help"), window)
        self.setObjectName("helpMenu")
        self.window_ = window
        self.guides = guide_articles(window.services.language)

        self.shortcuts_action = QAction(self.tr("&Keyboard Shortcuts"), window)
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        window.addAction(self.shortcuts_action)

        self.guide_menu = QMenu(self.tr("User &Guide"), self)
        self.guide_actions: list[QAction] = []
        for number, guide in enumerate(self.guides):
            action = QAction(guide.title, self.guide_menu)
            if number == 0:
                action.setShortcut(QKeySequence("F1"))
                window.addAction(action)
            action.triggered.connect(lambda _checked=False, g=guide: self.open_guide(g))
            self.guide_menu.addAction(action)
            self.guide_actions.append(action)

        self.about_action = QAction(self.tr("&About Reader"), window)
        self.about_action.triggered.connect(self.show_about)

        self.addAction(self.shortcuts_action)
        self.addMenu(self.guide_menu)
        self.addSeparator()
        self.addAction(self.about_action)

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(shortcut_rows(self.window_), self.window_)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_about(self) -> AboutDialog:
        paths = self.window_.services.paths
        dialog = AboutDialog(paths.library, paths.cache, self.window_)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_guide(self, guide: Article) -> bool:
        """Open ``guide`` from the library, putting it back from the bundle if it is gone."""
        window = self.window_
        store = window.services.store
        if not store.exists(guide.id):
            try:
                store.restore(guide)
            except LibraryError as error:
                window.statusBar().showMessage(str(error), 10_000)
                return False
            window._library_changed(changed=[guide.id])
        return window.open_article(guide.id)
