"""The window's translations: Reader's own ``reader_<lang>.qm`` plus Qt's ``qtbase_<lang>.qm``.

Installed once, before the window is built (the language applies after a restart: see the
View ▸ Language menu), by ``reader.ui.launch``. Qt looks a ``tr()`` string up by its context,
the class name (PySide walks the class's MRO); module-level strings use
``QCoreApplication.translate`` with an explicit context. ``QLocale.setDefault`` makes every
``QLocale()`` in the window (dates, counts) format in the interface language too.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QTranslator

from reader.language import DEFAULT_LANGUAGE
from reader.paths import translations_dir

APP_CATALOG = "reader"
QT_CATALOG = "qtbase"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Reader's and Qt's catalogs for ``language`` into ``app``; returns what was loaded.

    English needs Reader's catalog too: it holds the English plural forms ("1 article").
    Keep the returned translators alive (and pass them to ``remove_translators`` to undo).
    """
    QLocale.setDefault(interface_locale(language))
    installed: list[QTranslator] = []
    sources = [(APP_CATALOG, translations_dir())]
    if language != DEFAULT_LANGUAGE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        sources.append((QT_CATALOG, qt_dir))
    for catalog, folder in sources:
        translator = QTranslator(app)
        if translator.load(f"{catalog}_{language}", str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())


def interface_locale(language: str) -> QLocale:
    """The system locale when it speaks ``language`` (keeps en_GB dates), else the language's.

    English on a "C" system stays "C": ISO dates, as a C locale promises.
    """
    system = QLocale.system()
    is_c = system.language() == QLocale.Language.C
    if QLocale.languageToCode(system.language()) == language or (is_c and language == "en"):
        return system
    return QLocale(language)


def format_list_date(date: dt.date | None) -> str:
    """A date as the interface language writes it in lists: 25/03/2024, 3/25/2024 (ISO in
    the "C" locale)."""
    if date is None:
        return ""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return date.isoformat()
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return locale.toString(QDate(date.year, date.month, date.day), pattern)


def format_count(number: int) -> str:
    """``1.000`` / ``1,000`` in the interface locale.

    Grouped by thousands with the locale's separator from 1,000 on: Qt's Italian data
    (minimum grouping digits 2) would write "1000", where Italian interfaces say "1.000".
    """
    return f"{number:,}".replace(",", QLocale().groupSeparator())


def counted(text: str, number: int) -> str:
    """A ``tr(..., n)`` result with its number grouped as ``format_count`` does.

    Qt writes ``%n`` as bare digits; the plural form is right, only the digits are swapped.
    """
    return text.replace(str(number), format_count(number), 1) if number >= 1000 else text
