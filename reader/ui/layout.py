"""The window's layout: side panels that narrow, then collapse; View-menu toggles; F11.

The article is what the window is for, so it keeps a readable measure at every size. The
side panels have a preferred width (what the reader last dragged them to) and a minimum;
when the window is too small for the article, the panels narrow toward their minimum
first, then the related panel and finally the library step aside ("auto-collapsed"). They
come back as the window grows. Hiding a panel by hand (View menu, Ctrl+Shift+L / R) is
remembered; auto-collapsing is not (it follows the window size).

Distraction-free mode (F11) shows only the article, full screen; F11 or Esc leaves it and
puts back whatever was shown before.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QToolBar, QWidget

from reader.ui.settings import WindowSettings

READING_MIN_WIDTH = 520
"""Narrowest article column worth keeping both panels for (~60 characters at 12 pt)."""
LIBRARY = "library"
RELATED = "related"


@dataclass
class Panel:
    name: str
    widget: QWidget
    preferred: int
    minimum: int
    action: QAction
    collapsed: bool = False
    """Hidden by the size rule rather than by the reader."""


class LayoutController(QObject):
    """Owns the panel toggles and the distraction-free mode of one main window."""

    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        library: QWidget,
        related: QWidget,
        toolbar: QToolBar,
        settings: WindowSettings,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._splitter = splitter
        self._toolbar = toolbar
        self._settings = settings
        self._saved_before_focus: dict[str, bool] | None = None
        self._was_maximized = False
        self._geometry_before = QRect()

        self.toggle_library = self._toggle(self.tr("Show &Library"), "Ctrl+Shift+L")
        self.toggle_related = self._toggle(self.tr("Show &Related Panel"), "Ctrl+Shift+R")
        self.distraction_free = self._toggle(self.tr("&Distraction-Free Reading"), "F11")
        self.distraction_free.setChecked(False)
        self.panels = {
            LIBRARY: Panel(
                LIBRARY,
                library,
                settings.panel_width(LIBRARY, 320),
                220,
                self.toggle_library,
            ),
            RELATED: Panel(
                RELATED,
                related,
                settings.panel_width(RELATED, 270),
                190,
                self.toggle_related,
            ),
        }
        for panel in self.panels.values():
            panel.widget.setMinimumWidth(panel.minimum)
            panel.action.setChecked(settings.panel_visible(panel.name))
        self._splitter.setChildrenCollapsible(False)
        self.toggle_library.toggled.connect(lambda _on: self._user_toggled())
        self.toggle_related.toggled.connect(lambda _on: self._user_toggled())
        self.distraction_free.toggled.connect(self._set_distraction_free)
        self._splitter.splitterMoved.connect(self._handle_dragged)
        self._splitter.installEventFilter(self)
        window.installEventFilter(self)

    def _toggle(self, text: str, shortcut: str) -> QAction:
        action = QAction(text, self._window)
        action.setCheckable(True)
        action.setChecked(True)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{text.replace('&', '')} ({shortcut})")
        self._window.addAction(action)  # works with the menu bar hidden (F11)
        return action

    # -- queries ---------------------------------------------------------------------------
    @property
    def is_distraction_free(self) -> bool:
        return self.distraction_free.isChecked()

    def panel_shown(self, name: str) -> bool:
        return self.panels[name].widget.isVisibleTo(self._window)

    # -- the size rule ---------------------------------------------------------------------
    def fit(self) -> None:
        """Share the splitter's width: the article first, then the panels the reader wants."""
        available = self._splitter.width()
        wanted = [
            panel
            for panel in self.panels.values()
            if panel.action.isChecked() and not self.is_distraction_free
        ]
        handle = self._splitter.handleWidth()
        widths: dict[str, int] = {}
        while wanted:
            room = available - READING_MIN_WIDTH - handle * len(wanted)
            preferred = sum(panel.preferred for panel in wanted)
            minimum = sum(panel.minimum for panel in wanted)
            if room >= preferred:
                widths = {panel.name: panel.preferred for panel in wanted}
                break
            if room >= minimum:
                # Narrow each panel toward its minimum in proportion to its slack.
                slack = preferred - minimum
                spare = room - minimum
                widths = {
                    panel.name: panel.minimum
                    + (spare * (panel.preferred - panel.minimum)) // max(slack, 1)
                    for panel in wanted
                }
                break
            wanted.pop()  # the related panel goes first, then the library
        for panel in self.panels.values():
            show = panel.name in widths
            panel.collapsed = panel.action.isChecked() and not show
            if panel.widget.isVisibleTo(self._window) != show:
                panel.widget.setVisible(show)
        reading = max(available - sum(widths.values()) - handle * len(widths), 0)
        self._splitter.setSizes([widths.get(LIBRARY, 0), reading, widths.get(RELATED, 0)])

    def _user_toggled(self) -> None:
        for panel in self.panels.values():
            self._settings.set_panel_visible(panel.name, panel.action.isChecked())
        self.fit()

    def _handle_dragged(self, _position: int, _index: int) -> None:
        """The reader dragged a handle: their widths become the preferred ones."""
        sizes = self._splitter.sizes()
        for panel, size in ((self.panels[LIBRARY], sizes[0]), (self.panels[RELATED], sizes[2])):
            if panel.widget.isVisibleTo(self._window) and size > 0:
                panel.preferred = max(size, panel.minimum)
                self._settings.set_panel_width(panel.name, panel.preferred)

    # -- distraction-free ------------------------------------------------------------------
    def _set_distraction_free(self, on: bool) -> None:
        window = self._window
        if on:
            self._was_maximized = window.isMaximized()
            self._geometry_before = window.geometry()
            window.menuBar().hide()
            self._toolbar.hide()
            window.statusBar().hide()
            window.showFullScreen()
        else:
            window.menuBar().show()
            self._toolbar.show()
            window.statusBar().show()
            if self._was_maximized:
                window.showMaximized()
            else:
                window.showNormal()
                if self._geometry_before.isValid():
                    window.setGeometry(self._geometry_before)
        self.fit()

    def leave_distraction_free(self) -> bool:
        if not self.is_distraction_free:
            return False
        self.distraction_free.setChecked(False)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._splitter and event.type() == QEvent.Type.Resize:
            self.fit()
        elif (
            watched is self._window
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.leave_distraction_free()
        ):
            return True
        return super().eventFilter(watched, event)
