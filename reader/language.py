"""Which language the window speaks: ``--lang``, then the saved preference, then the system.

Decided once, in the composition root (``reader.app.build_services``), because two things
need it before any window exists: the translators the window loads and the language of the
guide articles seeded into a new library. Qt is imported lazily and only QtCore (the saved
preference lives in the window's QSettings file; the system language comes from QLocale
where the POSIX variables say nothing, as on Windows and macOS).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

SUPPORTED_LANGUAGES = ("en", "it")
DEFAULT_LANGUAGE = "en"
LANGUAGE_KEY = "interface/language"
"""The preference in the window's settings file (``reader.ini``); absent = follow the system."""
NATIVE_NAMES = {"en": "English", "it": "Italiano"}
"""Each language named in itself, as language menus do (proper nouns: never translated)."""

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""gettext's order for the message locale; ``LANGUAGE`` (a colon list) refines it."""


def normalize_language(value: str | None) -> str | None:
    """ "it_IT.UTF-8" -> "it", "en-GB" -> "en"; None for a language Reader does not speak."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in SUPPORTED_LANGUAGES else None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The desktop's language when Reader speaks it, else English.

    As gettext reads it: the first of LC_ALL, LC_MESSAGES, LANG; "C"/"POSIX" means
    untranslated; otherwise the first language of LANGUAGE that Reader speaks wins. With no
    variable set at all (Windows, macOS apps), Qt's view of the system locale decides.
    """
    environ = os.environ if environ is None else environ
    locale_name = next((environ[name] for name in _LOCALE_VARIABLES if environ.get(name)), "")
    if locale_name.split(".")[0] in ("C", "POSIX"):
        return DEFAULT_LANGUAGE
    for entry in environ.get("LANGUAGE", "").split(":"):
        language = normalize_language(entry)
        if language:
            return language
    if locale_name:
        return normalize_language(locale_name) or DEFAULT_LANGUAGE
    return _qt_system_language()


def _qt_system_language() -> str:
    from PySide6.QtCore import QLocale

    for name in QLocale.system().uiLanguages():
        language = normalize_language(name)
        if language:
            return language
    return DEFAULT_LANGUAGE


def saved_language(settings_file: Path) -> str | None:
    """The language chosen in the window's menu, or None to follow the system."""
    if not settings_file.is_file():
        return None
    from PySide6.QtCore import QSettings

    value = QSettings(str(settings_file), QSettings.Format.IniFormat).value(LANGUAGE_KEY, "")
    return normalize_language(str(value or ""))


def save_language(settings_file: Path, language: str | None) -> None:
    """Remember ``language`` for the next start (None: follow the system again)."""
    from PySide6.QtCore import QSettings

    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {SUPPORTED_LANGUAGES}")
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    if language is None:
        settings.remove(LANGUAGE_KEY)
    else:
        settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def resolve_language(
    override: str | None = None,
    settings_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """``--lang`` beats the saved preference, which beats the system language."""
    chosen = normalize_language(override)
    if override and chosen is None:
        raise ValueError(f"unknown language {override!r}; choose one of {SUPPORTED_LANGUAGES}")
    if chosen:
        return chosen
    if settings_file is not None:
        saved = saved_language(settings_file)
        if saved:
            return saved
    return system_language(environ)
