"""Preferences: how articles look and behave, applied as each control changes.

Font family, size, line width and paragraph spacing change the reading view only (the
article HTML gets a small style sheet after the theme's, see ``reading_css``); theme and the
mark-as-read rule are the same settings as their menus; the PDF page size is used by the
window's PDF export. All are stored with QSettings (``WindowSettings``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.ui.actions import READ_RULE_LABELS, theme_label
from reader.ui.reader_view import MAX_LINE_CHARACTERS
from reader.ui.settings import DEFAULT_DWELL_SECONDS, THEME_CHOICES

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

DEFAULT_PARAGRAPH_SPACING = 12
"""Pixels after a paragraph, as the theme's base.css has it."""
PAGE_SIZE_CHOICES = ("", "A4", "Letter")
""""" = the paper usual where the reader lives (``reader.render.pdf.default_page_size``)."""


@dataclass(frozen=True)
class ReadingLook:
    font_family: str = ""
    """"" keeps the theme's serif."""
    line_characters: int = MAX_LINE_CHARACTERS
    paragraph_spacing: int = DEFAULT_PARAGRAPH_SPACING


def reading_css(look: ReadingLook) -> str:
    """Rules that override the theme for the reader's choices ("" when there are none)."""
    rules = []
    if look.font_family:
        family = look.font_family.replace("\\", "").replace('"', "")
        rules.append(f'body, p, li, blockquote {{ font-family: "{family}"; }}')
    if look.paragraph_spacing != DEFAULT_PARAGRAPH_SPACING:
        rules.append(f"p {{ margin-bottom: {int(look.paragraph_spacing)}px; }}")
    return "".join(rules)


def with_reading_css(html: str, look: ReadingLook) -> str:
    """``html`` with ``reading_css`` after the theme's style sheet."""
    css = reading_css(look)
    return html.replace("</style>", css + "</style>", 1) if css else html


class Preferences:
    """The window's reading preferences and the dialog that edits them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        settings = window.settings
        self.look = ReadingLook(
            font_family=settings.preference("font_family", ""),
            line_characters=_int(settings.preference("line_characters", ""), MAX_LINE_CHARACTERS),
            paragraph_spacing=_int(
                settings.preference("paragraph_spacing", ""), DEFAULT_PARAGRAPH_SPACING
            ),
        )
        page_size = settings.preference("pdf_page_size", "")
        window.transfers.page_size = page_size if page_size in PAGE_SIZE_CHOICES[1:] else None
        window.reader_view.line_characters = self.look.line_characters
        self.action = QAction(QCoreApplication.translate("Preferences", "&Preferences…"), window)
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        if self.action.shortcut().isEmpty():
            self.action.setShortcut(QKeySequence("Ctrl+,"))
        self.action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.action.triggered.connect(lambda: self.show_dialog())
        window.addAction(self.action)

    def apply_to(self, html: str) -> str:
        return with_reading_css(html, self.look)

    def set_look(self, look: ReadingLook) -> None:
        settings = self.window.settings
        self.look = look
        settings.set_preference("font_family", look.font_family)
        settings.set_preference("line_characters", str(look.line_characters))
        settings.set_preference("paragraph_spacing", str(look.paragraph_spacing))
        view = self.window.reader_view
        view.line_characters = look.line_characters
        window = self.window
        if window.current_article is not None:
            fraction = view.scroll_fraction()
            window._render(window.current_article)
            window._restore_scroll(fraction)

    def set_page_size(self, page_size: str) -> None:
        self.window.settings.set_preference("pdf_page_size", page_size)
        self.window.transfers.page_size = page_size or None

    def set_read_rule(self, seconds: int) -> None:
        self.window.set_mark_read_after(seconds)
        self.window.commands.read_rules[seconds].setChecked(True)

    def show_dialog(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


class PreferencesDialog(QDialog):
    """Every control applies at once; Close keeps what is shown."""

    def __init__(self, preferences: Preferences, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._preferences = preferences
        window = preferences.window
        look = preferences.look

        self.font_family = QComboBox()
        self.font_family.setObjectName("fontFamily")
        self.font_family.addItem(self.tr("Theme default (serif)"), "")
        for family in QFontDatabase.families():
            self.font_family.addItem(family, family)
        self.font_family.setCurrentIndex(max(0, self.font_family.findData(look.font_family)))

        self.font_size = QSpinBox()
        self.font_size.setObjectName("fontSize")
        self.font_size.setRange(6, 48)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(window.reader_view.font_size)

        self.line_width = QSpinBox()
        self.line_width.setObjectName("lineWidth")
        self.line_width.setRange(40, 160)
        self.line_width.setSingleStep(5)
        self.line_width.setValue(look.line_characters)
        self.line_width.setSuffix(self.tr(" characters"))

        self.paragraph_spacing = QSpinBox()
        self.paragraph_spacing.setObjectName("paragraphSpacing")
        self.paragraph_spacing.setRange(0, 48)
        self.paragraph_spacing.setValue(look.paragraph_spacing)
        self.paragraph_spacing.setSuffix(" px")

        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for choice in THEME_CHOICES:
            self.theme.addItem(theme_label(choice), choice)
        self.theme.setCurrentIndex(max(0, self.theme.findData(window.theme_choice)))

        self.read_rule = QComboBox()
        self.read_rule.setObjectName("readRule")
        for seconds, label in READ_RULE_LABELS.items():
            text = QCoreApplication.translate("WindowActions", label).format(
                seconds=DEFAULT_DWELL_SECONDS
            )
            self.read_rule.addItem(text.replace("&", ""), seconds)
        self.read_rule.setCurrentIndex(
            max(0, self.read_rule.findData(window.settings.mark_read_after()))
        )

        self.page_size = QComboBox()
        self.page_size.setObjectName("pageSize")
        for size in PAGE_SIZE_CHOICES:
            self.page_size.addItem(size or self.tr("Usual for my country"), size)
        chosen = window.settings.preference("pdf_page_size", "")
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(chosen)))

        form = QFormLayout()
        form.addRow(self.tr("&Font:"), self.font_family)
        form.addRow(self.tr("Text &size:"), self.font_size)
        form.addRow(self.tr("&Line width:"), self.line_width)
        form.addRow(self.tr("Paragraph s&pacing:"), self.paragraph_spacing)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow(self.tr("Mark as &read:"), self.read_rule)
        form.addRow(self.tr("PDF p&age size:"), self.page_size)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.font_family.currentIndexChanged.connect(self._look_changed)
        self.line_width.valueChanged.connect(self._look_changed)
        self.paragraph_spacing.valueChanged.connect(self._look_changed)
        self.font_size.valueChanged.connect(window.reader_view.set_font_size)
        self.theme.currentIndexChanged.connect(
            lambda _i: window.set_theme(self.theme.currentData())
        )
        self.read_rule.currentIndexChanged.connect(
            lambda _i: preferences.set_read_rule(int(self.read_rule.currentData()))
        )
        self.page_size.currentIndexChanged.connect(
            lambda _i: preferences.set_page_size(self.page_size.currentData())
        )

    def _look_changed(self, *_args: object) -> None:
        self._preferences.set_look(
            ReadingLook(
                font_family=self.font_family.currentData() or "",
                line_characters=self.line_width.value(),
                paragraph_spacing=self.paragraph_spacing.value(),
            )
        )


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default
