"""The main window's menu bar and toolbar: which action goes where, in what order.

Long, declarative and rarely read with the rest of the window, so it lives apart from the
wiring in ``MainWindow``. The strings keep the ``MainWindow`` translation context: they are
the window's own labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMenu, QToolButton

from reader.ui.language_menu import LanguageMenu
from reader.ui.settings import DEFAULT_DWELL_SECONDS

if TYPE_CHECKING:
    from reader.ui.actions import WindowActions
    from reader.ui.main_window import MainWindow


def build_menus(window: MainWindow, actions: WindowActions) -> None:
    """File, Edit, View, Go and Article, with the actions that are the window's own."""
    file_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addAction(actions.import_files)
    file_menu.addAction(actions.export_pdf)
    file_menu.addMenu(window.inbox.menu)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    edit_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    edit_menu.addAction(actions.undo_delete)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.focus_search)
    edit_menu.addAction(actions.find)
    edit_menu.addAction(actions.find_next)
    edit_menu.addAction(actions.find_previous)

    window.view_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&View"))
    window.theme_menu = QMenu(QCoreApplication.translate("MainWindow", "&Theme"), window)
    for action in actions.themes.values():
        window.theme_menu.addAction(action)

    go_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Go"))
    go_menu.addAction(actions.back)
    go_menu.addAction(actions.forward)

    article_menu = window.article_menu = window.menuBar().addMenu(
        QCoreApplication.translate("MainWindow", "&Article")
    )
    article_menu.addAction(actions.toggle_star)
    article_menu.addAction(actions.mark_read)
    article_menu.addAction(actions.toggle_read)
    read_rule_menu = article_menu.addMenu(
        QCoreApplication.translate("MainWindow", "Mark Read &Automatically")
    )
    for action in actions.read_rules.values():
        read_rule_menu.addAction(action)
    actions.read_rules.get(
        window.settings.mark_read_after(), actions.read_rules[DEFAULT_DWELL_SECONDS]
    ).setChecked(True)
    article_menu.addSeparator()
    article_menu.addAction(actions.delete)
    # Delete works in the list only (see actions.create_actions).
    window.library_panel.table.addAction(actions.delete)


def build_toolbar(window: MainWindow, actions: WindowActions) -> None:
    """Back/Forward, the search field, import/export, the theme button and A−/A+."""
    toolbar = window.toolbar = window.addToolBar(
        QCoreApplication.translate("MainWindow", "Main toolbar")
    )
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addAction(actions.back)
    toolbar.addAction(actions.forward)
    toolbar.addSeparator()
    toolbar.addWidget(window.search_field)
    toolbar.addSeparator()
    toolbar.addAction(actions.import_files)
    toolbar.addAction(actions.export_pdf)
    toolbar.addSeparator()
    window.theme_button = QToolButton()
    window.theme_button.setObjectName("themeButton")
    window.theme_button.setText(QCoreApplication.translate("MainWindow", "Theme"))
    window.theme_button.setToolTip(QCoreApplication.translate("MainWindow", "Reading theme"))
    window.theme_button.setMenu(window.theme_menu)
    window.theme_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    toolbar.addWidget(window.theme_button)
    window.smaller_button = QToolButton()
    window.smaller_button.setDefaultAction(actions.zoom_out)
    window.smaller_button.setText("A−")
    window.larger_button = QToolButton()
    window.larger_button.setDefaultAction(actions.zoom_in)
    window.larger_button.setText("A+")
    toolbar.addWidget(window.smaller_button)
    toolbar.addWidget(window.larger_button)
    # Toolbar buttons take no focus by default: keyboard users could not reach them.
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def build_view_menu(window: MainWindow, actions: WindowActions) -> None:
    """Panels, theme, language and zoom (after the layout controller exists)."""
    layout = window.layout_controller
    window.view_menu.addAction(layout.toggle_library)
    window.view_menu.addAction(layout.toggle_related)
    window.view_menu.addAction(layout.distraction_free)
    window.view_menu.addSeparator()
    window.view_menu.addMenu(window.theme_menu)
    window.view_menu.addMenu(LanguageMenu(window.services, window))
    window.view_menu.addSeparator()
    window.view_menu.addAction(actions.zoom_in)
    window.view_menu.addAction(actions.zoom_out)
    window.view_menu.addAction(actions.zoom_reset)
