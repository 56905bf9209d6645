"""Every command of the window as a ``QAction``, with its shortcut, in one table.

Menus and the toolbar are built from the same actions, so a shortcut, a tooltip and an
enabled state are defined once and can never disagree between the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from reader.ui.settings import DEFAULT_DWELL_SECONDS, THEME_CHOICES

THEME_LABELS = {"system": "Follow System", "light": "Light", "dark": "Dark", "sepia": "Sepia"}
READ_RULE_LABELS = {
    DEFAULT_DWELL_SECONDS: f"After {DEFAULT_DWELL_SECONDS} Seconds or at the End",
    0: "As Soon as Opened",
    -1: "Only at the End",
}


@dataclass
class WindowActions:
    back: QAction
    forward: QAction
    focus_search: QAction
    import_files: QAction
    export_pdf: QAction
    quit: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    toggle_star: QAction
    toggle_read: QAction
    mark_read: QAction
    read_rules: dict[int, QAction]
    """Seconds of dwell before an open article counts as read (see reader.ui.read_state)."""
    read_rule_group: QActionGroup
    delete: QAction
    undo_delete: QAction
    themes: dict[str, QAction]
    theme_group: QActionGroup


def _action(
    parent: QWidget,
    text: str,
    shortcuts: list[QKeySequence | QKeySequence.StandardKey | str] | None = None,
    *,
    tip: str = "",
    icon: QIcon | None = None,
    checkable: bool = False,
) -> QAction:
    action = QAction(text, parent)
    if shortcuts:
        # Platform standard keys often repeat an explicit one; a duplicate would be ambiguous.
        unique: list[QKeySequence] = []
        for key in shortcuts:
            sequence = QKeySequence(key)
            if not sequence.isEmpty() and sequence not in unique:
                unique.append(sequence)
        action.setShortcuts(unique)
    if icon is not None:
        action.setIcon(icon)
    shortcut_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    label = text.replace("&", "").removesuffix("…")
    action.setToolTip(f"{tip or label} ({shortcut_text})" if shortcut_text else tip or label)
    action.setCheckable(checkable)
    parent.addAction(action)  # window-wide shortcuts work even when the toolbar is hidden
    return action


def create_actions(window: QWidget) -> WindowActions:
    style = window.style()

    def standard(name: str, fallback: QStyle.StandardPixmap) -> QIcon:
        return QIcon.fromTheme(name, style.standardIcon(fallback))

    icons = QStyle.StandardPixmap
    themes: dict[str, QAction] = {}
    group = QActionGroup(window)
    group.setExclusive(True)
    for choice in THEME_CHOICES:
        action = QAction(THEME_LABELS[choice], window)
        action.setCheckable(True)
        action.setData(choice)
        group.addAction(action)
        themes[choice] = action

    read_rules: dict[int, QAction] = {}
    read_group = QActionGroup(window)
    read_group.setExclusive(True)
    for seconds, label in READ_RULE_LABELS.items():
        action = QAction(window.tr(label), window)
        action.setCheckable(True)
        action.setData(seconds)
        read_group.addAction(action)
        read_rules[seconds] = action

    delete = QAction("Move to &Trash", window)
    delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    # Active only where the window adds it (the library list): Delete in the search field
    # must still delete characters.
    delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    delete.setToolTip("Move the article to the desktop trash (Del); Ctrl+Z brings it back")

    return WindowActions(
        back=_action(
            window,
            "&Back",
            ["Alt+Left", QKeySequence.StandardKey.Back],
            icon=standard("go-previous", icons.SP_ArrowBack),
        ),
        forward=_action(
            window,
            "&Forward",
            ["Alt+Right", QKeySequence.StandardKey.Forward],
            icon=standard("go-next", icons.SP_ArrowForward),
        ),
        focus_search=_action(window, "&Search Library", ["Ctrl+K", "Ctrl+L"]),
        import_files=_action(
            window,
            "&Import…",
            ["Ctrl+O"],
            tip="Import articles (text, Markdown, web pages, Wallabag, feeds) — or drop files here",
            icon=standard("document-open", icons.SP_DialogOpenButton),
        ),
        export_pdf=_action(
            window,
            "&Export PDF…",
            ["Ctrl+Shift+E"],
            tip="Export the open article to PDF",
            icon=standard("document-save-as", icons.SP_DialogSaveButton),
        ),
        quit=_action(window, "&Quit", ["Ctrl+Q", QKeySequence.StandardKey.Quit]),
        find=_action(window, "&Find in Article…", ["Ctrl+F"]),
        find_next=_action(window, "Find &Next", ["F3"]),
        find_previous=_action(window, "Find &Previous", ["Shift+F3"]),
        zoom_in=_action(window, "Zoom &In", ["Ctrl+=", "Ctrl++"], tip="Larger text"),
        zoom_out=_action(window, "Zoom &Out", ["Ctrl+-"], tip="Smaller text"),
        zoom_reset=_action(window, "&Actual Size", ["Ctrl+0"]),
        toggle_star=_action(window, "&Star", ["Ctrl+D"], checkable=True),
        toggle_read=_action(window, "Mark as &Unread", ["Ctrl+U"]),
        mark_read=_action(window, window.tr("Mark as &Read"), ["Ctrl+Shift+U"]),
        read_rules=read_rules,
        read_rule_group=read_group,
        delete=delete,
        undo_delete=_action(window, "&Undo Move to Trash", ["Ctrl+Z"]),
        themes=themes,
        theme_group=group,
    )
