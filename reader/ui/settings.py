"""The window's saved state, in an INI file under the config dir chosen by ``reader.paths``.

A typed wrapper rather than raw ``QSettings`` calls scattered through the window: one place
knows the keys, their defaults and how to survive a hand-edited or corrupt value.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from reader.library.reading import (
    DEFAULT_WORDS_PER_MINUTE,
    MAX_WORDS_PER_MINUTE,
    MIN_WORDS_PER_MINUTE,
)

THEME_CHOICES = ("system", "light", "dark", "sepia")
DEFAULT_FONT_SIZE = 12
MIN_FONT_SIZE = 7
MAX_FONT_SIZE = 40
MAX_REMEMBERED_POSITIONS = 500
DEFAULT_DWELL_SECONDS = 10


class WindowSettings:
    """Read and write the window state; every getter falls back to a default on bad data."""

    def __init__(self, settings_file: Path) -> None:
        settings_file.parent.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(settings_file), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._settings.sync()

    # -- raw helpers -----------------------------------------------------------------------
    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _bool(self, key: str, default: bool) -> bool:
        value = self._settings.value(key, default)
        if isinstance(value, str):
            return {"true": True, "false": False}.get(value.lower(), default)
        return value if isinstance(value, bool) else default

    def _int(self, key: str, default: int) -> int:
        try:
            return int(self._settings.value(key, default))
        except (TypeError, ValueError):
            return default

    # -- window layout ---------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        self._settings.setValue("window/state", value)

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(f"splitters/{name}", value)

    def panel_visible(self, name: str) -> bool:
        """Whether the side panel ``name`` ("library", "related") was left shown (default)."""
        return self._bool(f"panels/{name}", True)

    def set_panel_visible(self, name: str, visible: bool) -> None:
        self._settings.setValue(f"panels/{name}", bool(visible))

    def panel_width(self, name: str, default: int) -> int:
        """The width the reader last dragged side panel ``name`` to."""
        return max(self._int(f"panels/{name}_width", default), 0) or default

    def set_panel_width(self, name: str, width: int) -> None:
        self._settings.setValue(f"panels/{name}_width", int(width))

    def sort_order(self) -> tuple[int, bool] | None:
        """(column, descending) of the library list as last sorted, or None (the default)."""
        column = self._int("library/sort_column", -1)
        if column < 0:
            return None
        return column, self._bool("library/sort_descending", True)

    def set_sort_order(self, column: int, descending: bool) -> None:
        self._settings.setValue("library/sort_column", int(column))
        self._settings.setValue("library/sort_descending", bool(descending))

    # -- reading ---------------------------------------------------------------------------
    def mark_read_after(self) -> int:
        """Seconds an article stays open before it counts as read (0: at once; -1: never by
        time, only at its end or by hand). See ``reader.ui.read_state``."""
        seconds = self._int("reading/mark_read_after", DEFAULT_DWELL_SECONDS)
        return seconds if seconds >= -1 else DEFAULT_DWELL_SECONDS

    def set_mark_read_after(self, seconds: int) -> None:
        self._settings.setValue("reading/mark_read_after", int(seconds))

    def theme(self) -> str:
        value = str(self._settings.value("reading/theme", "system"))
        return value if value in THEME_CHOICES else "system"

    def set_theme(self, theme: str) -> None:
        if theme not in THEME_CHOICES:
            raise ValueError(f"unknown theme {theme!r}; expected one of {THEME_CHOICES}")
        self._settings.setValue("reading/theme", theme)

    def font_size(self) -> int:
        size = self._int("reading/font_size", DEFAULT_FONT_SIZE)
        return min(max(size, MIN_FONT_SIZE), MAX_FONT_SIZE)

    def set_font_size(self, size: int) -> None:
        self._settings.setValue("reading/font_size", int(size))

    def words_per_minute(self) -> int:
        """The reader's reading speed (list times, byline, minutes left)."""
        value = self._int("reading/words_per_minute", DEFAULT_WORDS_PER_MINUTE)
        return min(max(value, MIN_WORDS_PER_MINUTE), MAX_WORDS_PER_MINUTE)

    def set_words_per_minute(self, value: int) -> None:
        self._settings.setValue("reading/words_per_minute", value)

    def preference(self, name: str, default: str) -> str:
        """A reading preference (``reader.ui.preferences``) as text; ``default`` if unset."""
        value = self._settings.value(f"preferences/{name}", default)
        return value if isinstance(value, str) else default

    def set_preference(self, name: str, value: str) -> None:
        self._settings.setValue(f"preferences/{name}", value)

    def last_article(self) -> str | None:
        value = self._settings.value("reading/last_article", "")
        return str(value) or None

    def set_last_article(self, article_id: str | None) -> None:
        self._settings.setValue("reading/last_article", article_id or "")

    # -- per-article reading position ------------------------------------------------------
    def scroll_position(self, article_id: str) -> float:
        """Where the reader left ``article_id``, as a fraction of its length (0 = top)."""
        try:
            value = float(self._settings.value(f"positions/{_key(article_id)}", 0.0))
        except (TypeError, ValueError):
            return 0.0
        return min(max(value, 0.0), 1.0)

    def set_scroll_position(self, article_id: str, fraction: float) -> None:
        self._settings.beginGroup("positions")
        try:
            key = _key(article_id)
            if fraction <= 0.0:
                self._settings.remove(key)
                return
            keys = self._settings.childKeys()
            if key not in keys and len(keys) >= MAX_REMEMBERED_POSITIONS:
                # Bounded, so the INI file cannot grow with every article ever opened.
                self._settings.remove(keys[0])
            self._settings.setValue(key, round(fraction, 4))
        finally:
            self._settings.endGroup()


def _key(article_id: str) -> str:
    """Article ids are slugs; still, keep QSettings' group separators out of the key."""
    return article_id.replace("/", "_").replace("\\", "_")
