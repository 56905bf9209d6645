"""Reading progress in the status bar: how far into the article, and the minutes left.

The minutes come from the article's words and a reading speed the reader sets (Article ›
Reading Speed…); the same speed gives the list's Time column and the byline's reading time.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLabel, QTextBrowser, QWidget

from reader.library.reading import MAX_WORDS_PER_MINUTE, MIN_WORDS_PER_MINUTE, word_count
from reader.ui.settings import WindowSettings


class ReadingProgress(QLabel):
    """ "42% · 6 min left" for the article in ``view``, updated as it scrolls."""

    speed_changed = Signal(int)

    def __init__(self, view: QTextBrowser, settings: WindowSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("readingProgress")
        self.setContentsMargins(0, 0, 16, 0)  # apart from the article counts
        self._view = view
        self._settings = settings
        self._words = 0
        self.words_per_minute = settings.words_per_minute()
        self.speed_action = QAction(self.tr("Reading &Speed…"), parent)
        self.speed_action.triggered.connect(self.ask_speed)
        view.verticalScrollBar().valueChanged.connect(self.refresh)
        view.verticalScrollBar().rangeChanged.connect(self.refresh)

    def set_article_text(self, body: str | None) -> None:
        """The article now shown (None: nothing shown)."""
        self._words = word_count(body) if body else 0
        self.refresh()

    def fraction(self) -> float:
        """How far the reader is: 0 at the top, 1 when the end is on screen."""
        bar = self._view.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 1.0

    def minutes_left(self) -> int:
        words_left = self._words * (1.0 - self.fraction())
        return math.ceil(words_left / self.words_per_minute) if words_left >= 1 else 0

    def refresh(self, *_args: object) -> None:
        if not self._words:
            self.clear()
            self.setToolTip("")
            return
        percent = round(self.fraction() * 100)
        minutes = self.minutes_left()
        if minutes:
            text = self.tr("{percent}% · {minutes} min left").format(
                percent=percent, minutes=minutes
            )
        else:
            text = self.tr("{percent}% · at the end").format(percent=percent)
        self.setText(text)
        self.setToolTip(
            self.tr("{words} words at {speed} words a minute").format(
                words=self._words, speed=self.words_per_minute
            )
        )

    def set_words_per_minute(self, words_per_minute: int) -> None:
        value = min(max(words_per_minute, MIN_WORDS_PER_MINUTE), MAX_WORDS_PER_MINUTE)
        self.words_per_minute = value
        self._settings.set_words_per_minute(value)
        self.refresh()
        self.speed_changed.emit(value)

    def ask_speed(self) -> None:
        dialog = QInputDialog(self.window())
        dialog.setObjectName("readingSpeedDialog")
        dialog.setWindowTitle(self.tr("Reading Speed"))
        dialog.setLabelText(self.tr("Words you read in a minute:"))
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(MIN_WORDS_PER_MINUTE, MAX_WORDS_PER_MINUTE)
        dialog.setIntStep(10)
        dialog.setIntValue(self.words_per_minute)
        dialog.intValueSelected.connect(self.set_words_per_minute)
        dialog.open()
