"""Organising the library: tags, category, star and read state of one or many articles.

Every change is a ``QUndoCommand`` on one ``QUndoStack`` (Edit › Undo/Redo, with the
change's name in the menu), and each is written to the article files through the store, which
writes atomically. A command keeps the fields it changed, before and after, per article, so
undo writes back exactly what was there — also after the file was re-read.
Moving to the trash joins the same stack, so Ctrl+Z undoes the last change of any kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QObject, QPoint, QStringListModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from reader.library.store import LibraryError
from reader.library.text import fold
from reader.ui.library_model import Role

if TYPE_CHECKING:
    from reader.library.model import Article
    from reader.ui.main_window import MainWindow


@dataclass(frozen=True)
class Metadata:
    """The fields organising changes."""

    tags: tuple[str, ...]
    category: str
    starred: bool
    read: bool

    @classmethod
    def of(cls, article: Article) -> Metadata:
        return cls(tuple(article.tags), article.category, article.starred, article.read)


def split_tags(text: str) -> list[str]:
    """ "a, b ,, c" -> ["a", "b", "c"], first spelling of a tag kept, case-insensitively."""
    tags: list[str] = []
    seen: set[str] = set()
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and fold(tag) not in seen:
            seen.add(fold(tag))
            tags.append(tag)
    return tags


class MetadataCommand(QUndoCommand):
    """Set metadata of several articles; undo writes back what each had."""

    def __init__(
        self,
        organiser: Organiser,
        text: str,
        before: dict[str, Metadata],
        after: dict[str, Metadata],
    ) -> None:
        super().__init__(text)
        self._organiser = organiser
        self.before = before
        self.after = after

    def redo(self) -> None:
        self._organiser.write(self.after)

    def undo(self) -> None:
        self._organiser.write(self.before)


class TrashCommand(QUndoCommand):
    """An article moved to the trash (by the window); undo restores it, redo trashes it again."""

    def __init__(self, organiser: Organiser, article: Article, text: str) -> None:
        super().__init__(text)
        self._organiser = organiser
        self.article_id = article.id
        self._done = True  # pushed after the window has trashed it

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._organiser.trash_again(self.article_id)

    def undo(self) -> None:
        self._organiser.window.undo_delete()


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, from the library's tags."""

    def __init__(self, tags: list[str], field: QLineEdit) -> None:
        super().__init__(field)
        self.tags_model = QStringListModel(tags, self)  # kept: the completer does not own it
        self.setModel(self.tags_model)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setWidget(field)
        self._field = field
        field.textEdited.connect(self._typed)
        self.activated.connect(self._insert)

    def _typed(self, text: str) -> None:
        prefix = text.rsplit(",", 1)[-1].strip()
        if not prefix:
            self.popup().hide()
            return
        self.setCompletionPrefix(prefix)
        self.complete()

    def _insert(self, tag: str) -> None:
        head, _sep, _last = self._field.text().rpartition(",")
        self._field.setText(f"{head}, {tag}, " if head else f"{tag}, ")


class TagsDialog(QDialog):
    """Tags and category of the selected articles; blank category with several = unchanged."""

    def __init__(
        self,
        articles: list[Article],
        all_tags: list[str],
        categories: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tagsDialog")
        count = len(articles)
        self.setWindowTitle(
            self.tr("Edit Tags and Category")
            if count == 1
            else self.tr("Edit Tags and Category of {count} Articles").format(count=count)
        )
        self.common_tags = [
            tag for tag in articles[0].tags if all(tag in article.tags for article in articles)
        ]
        self.tags_field = QLineEdit(", ".join(self.common_tags))
        self.tags_field.setObjectName("tagsField")
        self.tags_field.setPlaceholderText(self.tr("tags, separated by commas"))
        self.completer = TagCompleter(all_tags, self.tags_field)
        self.category_field = QComboBox()
        self.category_field.setObjectName("categoryField")
        self.category_field.setEditable(True)
        self.category_field.addItems(categories)
        found = {article.category for article in articles}
        self.category_field.setCurrentText(found.pop() if len(found) == 1 else "")
        self.category_field.lineEdit().setPlaceholderText(
            self.tr("(unchanged)") if count > 1 else self.tr("no category")
        )
        form = QFormLayout()
        form.addRow(self.tr("&Tags:"), self.tags_field)
        form.addRow(self.tr("&Category:"), self.category_field)
        note = QLabel(
            self.tr("Tags shown are those all {count} articles share; others are kept.").format(
                count=count
            )
        )
        note.setWordWrap(True)
        note.setVisible(count > 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def changed(self, metadata: Metadata, single: bool) -> Metadata:
        """``metadata`` with this dialog's edits applied."""
        wanted = split_tags(self.tags_field.text())
        removed = {fold(tag) for tag in self.common_tags} - {fold(tag) for tag in wanted}
        kept = [tag for tag in metadata.tags if fold(tag) not in removed]
        present = {fold(tag) for tag in kept}
        tags = kept + [tag for tag in wanted if fold(tag) not in present]
        category = " ".join(self.category_field.currentText().split())
        if not single and not category:
            category = metadata.category
        return replace(metadata, tags=tuple(tags), category=category)


class RenameTagDialog(QDialog):
    def __init__(self, tags: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("renameTagDialog")
        self.setWindowTitle(self.tr("Rename Tag"))
        self.old_field = QComboBox()
        self.old_field.setObjectName("oldTagField")
        self.old_field.addItems(tags)
        self.new_field = QLineEdit()
        self.new_field.setObjectName("newTagField")
        form = QFormLayout()
        form.addRow(self.tr("&Tag:"), self.old_field)
        form.addRow(self.tr("&New name:"), self.new_field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class Organiser(QObject):
    """The undo stack, the organising actions and the library list's context menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.stack = QUndoStack(self)
        self._replaying = False
        self.undo_action = self.stack.createUndoAction(window, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.stack.createRedoAction(window, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_tags_action = QAction(self.tr("Edit &Tags and Category…"), window)
        self.edit_tags_action.setShortcut(QKeySequence("Ctrl+T"))
        self.edit_tags_action.triggered.connect(lambda: self.edit_tags())
        self.rename_tag_action = QAction(self.tr("Rena&me Tag…"), window)
        self.rename_tag_action.triggered.connect(lambda: self.rename_tag())
        for action in (self.undo_action, self.redo_action, self.edit_tags_action):
            window.addAction(action)
        # The stack's Undo takes Ctrl+Z; moving to the trash is one of its commands.
        window.commands.undo_delete.setShortcuts([])

        table = window.library_panel.table
        table.setSelectionMode(table.SelectionMode.ExtendedSelection)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.show_context_menu)

    def route_undo_delete(self) -> None:
        """The old "Undo Move to Trash" action goes through the stack, keeping it in step."""
        action = self.window.commands.undo_delete
        action.triggered.disconnect()
        action.triggered.connect(self.stack.undo)

    # -- selection -------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        """The list's selected articles, in list order; else the open article."""
        table = self.window.library_panel.table
        rows = sorted(index.row() for index in table.selectionModel().selectedRows())
        ids = [table.model().index(row, 0).data(Role.ARTICLE_ID) for row in rows]
        ids = [article_id for article_id in ids if article_id]
        if not ids and self.window.current_article is not None:
            ids = [self.window.current_article.id]
        return ids

    def _reselect(self, ids: list[str]) -> None:
        """Select ``ids`` again after the list was rebuilt (the current row stays)."""
        table = self.window.library_panel.table
        model = self.window.library_model
        selection = table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for article_id in ids:
            row = model.row_for_id(article_id)
            if row is not None:
                selection.select(model.index(row, 0), flags)

    def _articles(self, ids: Iterable[str]) -> list[Article]:
        articles = []
        for article_id in ids:
            try:
                articles.append(self.window.services.store.get(article_id))
            except LibraryError as error:
                self._message(str(error))
        return articles

    def _message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)

    # -- changes ---------------------------------------------------------------------------
    def change(
        self, ids: list[str], text: str, edit: Callable[[Metadata], Metadata]
    ) -> MetadataCommand | None:
        """Apply ``edit`` to each article's metadata as one undoable command."""
        before = {article.id: Metadata.of(article) for article in self._articles(ids)}
        after = {article_id: edit(metadata) for article_id, metadata in before.items()}
        changed = {article_id for article_id in after if after[article_id] != before[article_id]}
        if not changed:
            return None
        command = MetadataCommand(
            self,
            text,
            {article_id: before[article_id] for article_id in changed},
            {article_id: after[article_id] for article_id in changed},
        )
        self.stack.push(command)
        return command

    def write(self, values: dict[str, Metadata]) -> None:
        """Write ``values`` to the article files, then refresh the list, index and view."""
        store = self.window.services.store
        for article_id, metadata in values.items():
            try:
                article = store.get(article_id)
                article.tags = list(metadata.tags)
                article.category = metadata.category
                article.starred = metadata.starred
                article.read = metadata.read
                store.update(article)
            except LibraryError as error:
                self._message(str(error))
                continue
        window = self.window
        selected = self.selected_ids()
        window._library_changed(changed=list(values))
        self._reselect(selected)
        current = window.current_article
        if current is not None and current.id in values:
            try:
                window.current_article = store.get(current.id)
            except LibraryError:
                return
            fraction = window.reader_view.scroll_fraction()
            if not window.current_article.read:
                window.read_tracker.stop()  # marked unread: opening it is not reading it
            window._render(window.current_article)
            window._restore_scroll(fraction)
            window._update_navigation()

    def set_starred(self, starred: bool, ids: list[str] | None = None) -> None:
        ids = ids or self.selected_ids()
        text = self.tr("Star") if starred else self.tr("Unstar")
        self.change(ids, text, lambda m: replace(m, starred=starred))

    def set_read(self, read: bool, ids: list[str] | None = None) -> None:
        ids = ids or self.selected_ids()
        text = self.tr("Mark as Read") if read else self.tr("Mark as Unread")
        self.change(ids, text, lambda m: replace(m, read=read))

    def edit_tags(self, ids: list[str] | None = None) -> TagsDialog | None:
        ids = ids or self.selected_ids()
        articles = self._articles(ids)
        if not articles:
            return None
        model = self.window.library_model
        dialog = TagsDialog(articles, model.tags(), model.categories(), self.window)
        single = len(articles) == 1

        def accepted() -> None:
            self.change(
                [article.id for article in articles],
                self.tr("Edit Tags and Category"),
                lambda metadata: dialog.changed(metadata, single),
            )

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def rename_tag(self) -> RenameTagDialog | None:
        tags = self.window.library_model.tags()
        if not tags:
            self._message(self.tr("The library has no tags yet"))
            return None
        dialog = RenameTagDialog(tags, self.window)

        def accepted() -> None:
            self.rename(dialog.old_field.currentText(), dialog.new_field.text())

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def rename(self, old: str, new: str) -> MetadataCommand | None:
        """Rename tag ``old`` to ``new`` in every article that has it (merging duplicates)."""
        new = " ".join(new.split()).replace(",", " ")
        if not old or not new:
            return None
        ids = [s.id for s in self.window.library_model.summaries() if old in s.tags]

        def renamed(metadata: Metadata) -> Metadata:
            tags = [new if tag == old else tag for tag in metadata.tags]
            return replace(metadata, tags=tuple(split_tags(", ".join(tags))))

        return self.change(
            ids, self.tr("Rename Tag “{old}” to “{new}”").format(old=old, new=new), renamed
        )

    # -- trash -----------------------------------------------------------------------------
    def trashed(self, article: Article) -> None:
        """The window moved ``article`` to the trash: make it undoable here."""
        if not self._replaying:
            self.stack.push(
                TrashCommand(
                    self, article, self.tr("Move “{title}” to Trash").format(title=article.title)
                )
            )

    def trash_again(self, article_id: str) -> None:
        self._replaying = True
        try:
            if self.window.library_panel.select(article_id):
                self.window.delete_current()
        finally:
            self._replaying = False

    def trash(self, ids: list[str] | None = None) -> None:
        ids = ids or self.selected_ids()
        if not ids:
            return
        self.stack.beginMacro(
            self.tr("Move {count} Articles to Trash").format(count=len(ids))
            if len(ids) > 1
            else self.tr("Move 1 Article to Trash")
        )
        try:
            for article_id in ids:
                if self.window.library_panel.select(article_id):
                    self.window.delete_current()
        finally:
            self.stack.endMacro()

    # -- export ----------------------------------------------------------------------------
    def ask_export(self, ids: list[str]) -> None:
        """One PDF of the selected articles (with a contents page when there are several)."""
        from PySide6.QtWidgets import QFileDialog

        articles = self._articles(ids)
        if not articles:
            return
        window = self.window
        if len(articles) == 1:
            window.transfers.ask_export(articles[0], window._related_index)
            return
        name, _ = QFileDialog.getSaveFileName(
            window, self.tr("Export PDF"), "", self.tr("PDF documents (*.pdf)")
        )
        if name:
            self.export_to(articles, Path(name).with_suffix(".pdf"))

    def export_to(self, articles: list[Article], output: Path) -> None:
        from reader.render import pdf

        window = self.window
        services = window.services
        related_index = window._related_index

        def work(progress: Callable[[int, int], None]) -> Path:
            return pdf.export_pdf(
                articles,
                output,
                related_index=related_index,
                assets_root=services.store.assets_root,
                progress=progress,
                fallback_language=services.language,
            )

        window.jobs.start(
            "export",
            work,
            on_success=lambda path: window.transfers.exported.emit(Path(path)),
            on_failure=lambda message: window.transfers.export_failed.emit(message),
            on_progress=lambda done, total: window.transfers.progress.emit(
                self.tr("Exporting PDF"), done, total
            ),
        )

    # -- context menu ----------------------------------------------------------------------
    def context_menu(self) -> QMenu:
        ids = self.selected_ids()
        window = self.window
        menu = QMenu(window)
        menu.setObjectName("libraryContextMenu")
        summaries = [window.library_model.summary(article_id) for article_id in ids]
        summaries = [summary for summary in summaries if summary is not None]
        all_starred = bool(summaries) and all(summary.starred for summary in summaries)
        all_read = bool(summaries) and all(summary.read for summary in summaries)
        star = menu.addAction(self.tr("Unstar") if all_starred else self.tr("Star"))
        star.triggered.connect(lambda: self.set_starred(not all_starred, ids))
        read = menu.addAction(self.tr("Mark as Unread") if all_read else self.tr("Mark as Read"))
        read.triggered.connect(lambda: self.set_read(not all_read, ids))
        menu.addSeparator()
        tags = menu.addAction(self.edit_tags_action.text())
        tags.triggered.connect(lambda: self.edit_tags(ids))
        menu.addSeparator()
        export = menu.addAction(self.tr("Export to PDF…"))
        export.triggered.connect(lambda: self.ask_export(ids))
        trash = menu.addAction(window.commands.delete.text())
        trash.triggered.connect(lambda: self.trash(ids))
        return menu

    def show_context_menu(self, position: QPoint) -> None:
        table = self.window.library_panel.table
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(table.viewport().mapToGlobal(position))
