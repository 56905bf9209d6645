"""The window adapts to its size and wears the theme everywhere (issue 13, points 1 and 2)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.layout import READING_MIN_WIDTH
from reader.ui.library_model import Column
from reader.ui.window_theme import MIN_CONTRAST, WINDOW_COLOURS, contrast_ratio, window_palette
from tests.ui.conftest import SEED_ID

ROLES = QPalette.ColorRole


def resize(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    QApplication.processEvents()


@pytest.mark.parametrize(("width", "height"), [(800, 600), (1024, 768), (1366, 768)])
def test_the_article_keeps_a_readable_width(qtbot, window, width: int, height: int) -> None:
    window.open_article(SEED_ID)
    resize(qtbot, window, width, height)
    assert window.width() == width, "the window can be made this small"
    assert window.reader_view.width() >= READING_MIN_WIDTH
    assert window.layout_controller.panel_shown("library"), "the library stays, narrower"
    if width >= 1024:
        assert window.layout_controller.panel_shown("related")
    else:
        assert not window.layout_controller.panel_shown("related"), "collapsed to make room"
    table = window.library_panel.table
    title_width = table.columnWidth(Column.TITLE)
    assert title_width >= 100, "titles stay readable in a narrow list"


def test_a_collapsed_panel_comes_back_when_the_window_grows(qtbot, window) -> None:
    resize(qtbot, window, 800, 600)
    assert not window.layout_controller.panel_shown("related")
    resize(qtbot, window, 1366, 768)
    assert window.layout_controller.panel_shown("related")
    assert window.settings.panel_visible("related"), "collapsing by size is not remembered"


def test_line_length_is_capped_and_centred_on_a_wide_window(qtbot, window) -> None:
    window.open_article(SEED_ID)
    resize(qtbot, window, 1920, 1080)
    view = window.reader_view
    frame = view.document().rootFrame().frameFormat()
    text_width = view.viewport().width() - frame.leftMargin() - frame.rightMargin()
    assert frame.leftMargin() == pytest.approx(frame.rightMargin())
    assert frame.leftMargin() > 60, "the column is centred with wide margins"
    metrics_width = view.fontMetrics().averageCharWidth()
    assert text_width < 110 * metrics_width * (view.font_size / view.font().pointSizeF())


def test_view_menu_hides_panels_and_remembers(qtbot, window, sample_services) -> None:
    from reader.ui.main_window import MainWindow

    resize(qtbot, window, 1366, 768)
    qtbot.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not window.layout_controller.panel_shown("related")
    assert not window.layout_controller.toggle_related.isChecked()
    window.layout_controller.toggle_library.trigger()
    assert not window.layout_controller.panel_shown("library")
    window.close()

    again = MainWindow(sample_services, index_on_start=False)
    qtbot.addWidget(again)
    again.show()
    assert not again.layout_controller.toggle_related.isChecked()
    assert not again.layout_controller.panel_shown("related")
    assert not again.layout_controller.panel_shown("library")
    again.layout_controller.toggle_library.trigger()
    assert again.layout_controller.panel_shown("library")
    again.close()


def test_dragged_panel_width_is_remembered(qtbot, window, sample_services) -> None:
    from reader.ui.main_window import MainWindow

    resize(qtbot, window, 1600, 900)
    splitter = window.splitter
    splitter.moveSplitter(380, 1)  # as dragging the first handle
    library_width = splitter.sizes()[0]
    assert abs(library_width - 380) <= splitter.handleWidth()
    window.close()
    again = MainWindow(sample_services, index_on_start=False)
    qtbot.addWidget(again)
    again.show()
    resize(qtbot, again, 1600, 900)
    assert again.splitter.sizes()[0] == library_width
    again.close()


def test_distraction_free_shows_only_the_article_and_esc_leaves(qtbot, window) -> None:
    window.open_article(SEED_ID)
    resize(qtbot, window, 1366, 768)
    qtbot.keyClick(window.reader_view, Qt.Key.Key_F11)
    layout = window.layout_controller
    assert layout.is_distraction_free
    assert not layout.panel_shown("library") and not layout.panel_shown("related")
    assert not window.toolbar.isVisibleTo(window)
    assert not window.menuBar().isVisibleTo(window)
    assert not window.statusBar().isVisibleTo(window)
    qtbot.keyClick(window.reader_view, Qt.Key.Key_Escape)
    assert not layout.is_distraction_free
    assert window.toolbar.isVisibleTo(window) and window.menuBar().isVisibleTo(window)
    qtbot.waitUntil(lambda: layout.panel_shown("library") and layout.panel_shown("related"))


def test_closing_in_distraction_free_mode_restores_the_normal_window(
    qtbot, window, sample_services
) -> None:
    from reader.ui.main_window import MainWindow

    resize(qtbot, window, 780, 560)  # fits the offscreen screen, so geometry restores as is
    window.layout_controller.distraction_free.trigger()
    assert not window.toolbar.isVisibleTo(window)
    window.close()
    again = MainWindow(sample_services, index_on_start=False)
    qtbot.addWidget(again)
    again.show()
    assert not again.layout_controller.is_distraction_free
    assert again.toolbar.isVisibleTo(again) and again.statusBar().isVisibleTo(again)
    assert (again.width(), again.height()) == (780, 560)
    again.close()


@pytest.mark.parametrize("theme", sorted(WINDOW_COLOURS))
def test_every_theme_has_readable_contrast(theme: str) -> None:
    palette = window_palette(theme)
    for text, background in (
        (ROLES.Text, ROLES.Base),
        (ROLES.Text, ROLES.AlternateBase),
        (ROLES.WindowText, ROLES.Window),
        (ROLES.ButtonText, ROLES.Button),
        (ROLES.HighlightedText, ROLES.Highlight),
        (ROLES.Link, ROLES.Base),
        (ROLES.PlaceholderText, ROLES.Base),
        (ROLES.ToolTipText, ROLES.ToolTipBase),
    ):
        ratio = contrast_ratio(palette.color(text), palette.color(background))
        assert ratio >= MIN_CONTRAST, (theme, text, background, round(ratio, 2))


def test_the_whole_window_follows_the_theme(qtbot, window) -> None:
    table = window.library_panel.table
    for theme in ("dark", "sepia", "light"):
        window.set_theme(theme)
        QApplication.processEvents()  # palette changes reach the widgets as events
        expected = window_palette(theme)
        for widget in (table, window.related_panel.list, window.menuBar(), window.statusBar()):
            for role in (ROLES.Base, ROLES.Window, ROLES.Text):
                assert widget.palette().color(role) == expected.color(role), (theme, widget)
        assert window.toolbar.palette().color(ROLES.Window) == expected.color(ROLES.Window)
        page = window.reader_view.palette().color(ROLES.Base)
        assert page == expected.color(ROLES.Base), "the list and the page share a background"
    assert QApplication.style().name().lower() == "fusion"


def test_follow_system_uses_the_system_scheme(qtbot, window) -> None:
    from reader.ui.theme import system_theme

    window.set_theme("system")
    QApplication.processEvents()
    expected = window_palette(system_theme())
    assert window.library_panel.table.palette().color(ROLES.Base) == expected.color(ROLES.Base)


def test_the_first_window_fits_a_small_screen(qtbot, sample_services) -> None:
    """On first start (no saved geometry) the window is no larger than the screen's free
    area: at 800×600 a 1280×820 window hid the status bar and the bottom of the list."""
    from PySide6.QtCore import QSize

    from reader.ui.main_window import MainWindow, first_start_size

    window = MainWindow(sample_services, index_on_start=False)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry().size()
    assert window.width() <= available.width()
    assert window.height() <= available.height()
    assert first_start_size(None) == QSize(1280, 820)
