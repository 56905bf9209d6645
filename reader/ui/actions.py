"""Every command of the window as a ``QAction``, with its shortcut, in one table.

Menus and the toolbar are built from the same actions, so a shortcut, a tooltip and an
enabled state are defined once and can never disagree between the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from reader.ui.settings import DEFAULT_DWELL_SECONDS, THEME_CHOICES

THEME_LABELS = {
    "system": QT_TRANSLATE_NOOP("WindowActions", "Follow System"),
    "light": QT_TRANSLATE_NOOP("WindowActions", "Light"),
    "dark": QT_TRANSLATE_NOOP("WindowActions", "Dark"),
    "sepia": QT_TRANSLATE_NOOP("WindowActions", "Sepia"),
}
"""English sources; ``theme_label`` gives the text to show."""


def theme_label(choice: str) -> str:
    return QCoreApplication.translate("WindowActions", THEME_LABELS[choice])


READ_RULE_LABELS = {
    DEFAULT_DWELL_SECONDS: QT_TRANSLATE_NOOP(
        "WindowActions", "After {seconds} Seconds or at the End"
    ),
    0: QT_TRANSLATE_NOOP("WindowActions", "As Soon as Opened"),
    -1: QT_TRANSLATE_NOOP("WindowActions", "Only at the End"),
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
        action = QAction(theme_label(choice), window)
        action.setCheckable(True)
        action.setData(choice)
        group.addAction(action)
        themes[choice] = action

    read_rules: dict[int, QAction] = {}
    read_group = QActionGroup(window)
    read_group.setExclusive(True)
    for seconds, label in READ_RULE_LABELS.items():
        action = QAction(
            QCoreApplication.translate("WindowActions", label).format(
                seconds=DEFAULT_DWELL_SECONDS
            ),
            window,
        )
        action.setCheckable(True)
        action.setData(seconds)
        read_group.addAction(action)
        read_rules[seconds] = action

    delete = QAction(QCoreApplication.translate("WindowActions", "Move to &Trash"), window)
    delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    # Active only where the window adds it (the library list): Delete in the search field
    # must still delete characters.
    delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    delete.setToolTip(
        QCoreApplication.translate(
            "WindowActions", "Move the article to the desktop trash (Del); Ctrl+Z brings it back"
        )
    )

    return WindowActions(
        back=_action(
            window,
            QCoreApplication.translate("WindowActions", "&Back"),
            ["Alt+Left", QKeySequence.StandardKey.Back],
            icon=standard("go-previous", icons.SP_ArrowBack),
        ),
        forward=_action(
            window,
            QCoreApplication.translate("WindowActions", "&Forward"),
            ["Alt+Right", QKeySequence.StandardKey.Forward],
            icon=standard("go-next", icons.SP_ArrowForward),
        ),
        focus_search=_action(
            window,
            QCoreApplication.translate("WindowActions", "&Search Library"),
            ["Ctrl+K", "Ctrl+L"],
        ),
        import_files=_action(
            window,
            QCoreApplication.translate("WindowActions", "&Import…"),
            ["Ctrl+O"],
            tip=QCoreApplication.translate(
                "WindowActions",
                "Import articles (text, Markdown, web pages, Wallabag, feeds) — or drop files here",
            ),
            icon=standard("document-open", icons.SP_DialogOpenButton),
        ),
        export_pdf=_action(
            window,
            QCoreApplication.translate("WindowActions", "&Export PDF…"),
            ["Ctrl+Shift+E"],
            tip=QCoreApplication.translate("WindowActions", "Export the open article to PDF"),
            icon=standard("document-save-as", icons.SP_DialogSaveButton),
        ),
        quit=_action(
            window,
            QCoreApplication.translate("WindowActions", "&Quit"),
            ["Ctrl+Q", QKeySequence.StandardKey.Quit],
        ),
        find=_action(
            window, QCoreApplication.translate("WindowActions", "&Find in Article…"), ["Ctrl+F"]
        ),
        find_next=_action(
            window, QCoreApplication.translate("WindowActions", "Find &Next"), ["F3"]
        ),
        find_previous=_action(
            window, QCoreApplication.translate("WindowActions", "Find &Previous"), ["Shift+F3"]
        ),
        zoom_in=_action(
            window,
            QCoreApplication.translate("WindowActions", "Zoom &In"),
            ["Ctrl+=", "Ctrl++"],
            tip=QCoreApplication.translate("WindowActions", "Larger text"),
        ),
        zoom_out=_action(
            window,
            QCoreApplication.translate("WindowActions", "Zoom &Out"),
            ["Ctrl+-"],
            tip=QCoreApplication.translate("WindowActions", "Smaller text"),
        ),
        zoom_reset=_action(
            window, QCoreApplication.translate("WindowActions", "&Actual Size"), ["Ctrl+0"]
        ),
        toggle_star=_action(
            window, QCoreApplication.translate("WindowActions", "&Star"), ["Ctrl+D"], checkable=True
        ),
        toggle_read=_action(
            window, QCoreApplication.translate("WindowActions", "Mark as &Unread"), ["Ctrl+U"]
        ),
        mark_read=_action(
            window, QCoreApplication.translate("WindowActions", "Mark as &Read"), ["Ctrl+Shift+U"]
        ),
        read_rules=read_rules,
        read_rule_group=read_group,
        delete=delete,
        undo_delete=_action(
            window, QCoreApplication.translate("WindowActions", "&Undo Move to Trash"), ["Ctrl+Z"]
        ),
        themes=themes,
        theme_group=group,
    )
