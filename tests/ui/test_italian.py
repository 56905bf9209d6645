"""The window in Italian: every label of its chrome translated, Italian dates and counts,
Italian guides seeded, Qt's own buttons in Italian, the language menu saving the choice."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolBar,
    QWidget,
)

from reader.app import Services, build_services
from reader.language import saved_language
from reader.paths import Paths, translations_dir
from reader.search import SearchHit, SearchResults
from reader.ui.related_panel import EntryKind, RelatedRole
from tests.ui.conftest import SEED_ID, shown_window

IMPORT_GUIDE_ID = "2026-11-18-importare-gli-articoli"
_WORD = re.compile(r"[^\W\d_]{2,}")


@pytest.fixture
def italian(qapp) -> Iterator[None]:
    """Reader's and Qt's Italian catalogs installed, as ``run_window`` does under LANG=it."""
    from reader.ui.i18n import install_translators, remove_translators

    translators = install_translators(qapp, "it")
    assert len(translators) == 2  # reader_it.qm and qtbase_it.qm both found
    yield
    remove_translators(qapp, translators)


@pytest.fixture
def italian_services(paths: Paths) -> Iterator[Services]:
    services = build_services(paths, language="it")
    yield services
    services.close()


@pytest.fixture
def italian_window(qtbot, italian, italian_services: Services) -> Iterator[object]:
    yield from shown_window(qtbot, italian_services)


def catalog() -> dict[str, str]:
    """English source (mnemonics dropped) -> Italian translation, from reader_it.ts."""
    table = {}
    root = ElementTree.parse(translations_dir() / "reader_it.ts").getroot()
    for message in root.iter("message"):
        source = (message.findtext("source") or "").replace("&", "")
        translation = message.find("translation")
        forms = translation.findall("numerusform") if translation is not None else []
        text = " ".join(form.text or "" for form in forms) if forms else translation.text or ""
        table[source] = text.replace("&", "")
    return table


def english_only_words(table: dict[str, str]) -> set[str]:
    """Words of the English sources that no Italian translation uses ("Search", "unread")."""
    english = {word.lower() for source in table for word in _WORD.findall(source)}
    italian = {word.lower() for text in table.values() for word in _WORD.findall(text)}
    return english - italian


def chrome_texts(window) -> list[tuple[str, str]]:
    """(where, text) for every label of the window's chrome, visible or one click away.

    The article itself (the reading view) and library data (titles, categories, tags beyond
    the "all" entry of a filter) are content, not chrome, and are left out.
    """
    texts: list[tuple[str, str]] = []

    def add(where: str, text: str) -> None:
        if text and text.strip():
            texts.append((where, text))

    def walk(menu: QMenu, where: str) -> None:
        add(where, menu.title())
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu(), f"{where} > {action.text()}")
                continue
            add(f"{where} > action", action.text())
            add(f"{where} > tooltip", action.toolTip())

    for action in window.menuBar().actions():
        walk(action.menu(), "menu")
    for action in window.actions():
        add("window action", action.text())
        add("window action tooltip", action.toolTip())
    content = window.reader_view
    for widget in window.findChildren(QWidget):
        if widget is content or content.isAncestorOf(widget):
            continue
        name = type(widget).__name__
        add(f"{name} tooltip", widget.toolTip())
        if isinstance(widget, QToolBar):
            add("toolbar title", widget.windowTitle())
        if isinstance(widget, QLabel):
            add(f"label {widget.objectName()}", re.sub(r"<[^>]+>", "", widget.text()))
        if isinstance(widget, QAbstractButton):
            add(f"{name} text", widget.text())
        if isinstance(widget, QLineEdit):
            add(f"{widget.objectName()} placeholder", widget.placeholderText())
        if isinstance(widget, QComboBox) and widget.count():
            add(f"{widget.objectName()} first item", widget.itemText(0))
        if isinstance(widget, QMenu):
            add("menu title", widget.title())
    model = window.library_model
    for column in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            add("list header", str(model.headerData(column, Qt.Orientation.Horizontal, role) or ""))
    related = window.related_panel.model
    for row, entry in enumerate(related.entries()):
        if entry.kind is EntryKind.HEADING:
            add("related heading", entry.title)
        add("related note", related.index(row, 0).data(RelatedRole.NOTE) or "")
    return texts


def untranslated(texts: list[tuple[str, str]], table: dict[str, str]) -> list[str]:
    english_words = english_only_words(table)
    kept_as_is = {source for source, text in table.items() if source == text}
    offenders = []
    for where, text in texts:
        bare = text.replace("&", "")
        words = {word.lower() for word in _WORD.findall(bare)} & english_words
        if (bare in table and bare not in kept_as_is) or words:
            offenders.append(
                f"{where}: {text!r}" + (f" ({', '.join(sorted(words))})" if words else "")
            )
    return offenders


def test_no_english_label_remains_in_the_italian_window(qtbot, italian_window, tmp_path) -> None:
    window = italian_window
    table = catalog()
    assert window.open_article(IMPORT_GUIDE_ID)  # an unresolved related item, links, similar
    qtbot.waitUntil(
        lambda: any(e.kind is EntryKind.SIMILAR for e in window.related_panel.model.entries()),
        timeout=10_000,
    )
    headings = [
        e.title for e in window.related_panel.model.entries() if e.kind is EntryKind.HEADING
    ]
    assert headings == ["Articoli correlati", "Simili nella tua libreria", "Collegato da"]
    # Search results and find-in-page put their own labels on screen.
    with qtbot.waitSignal(window.search.results_ready, timeout=10_000):
        qtbot.keyClicks(window.search_field, "libreria")
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.field, "zzzqqq")
    texts = chrome_texts(window)
    assert len(texts) > 80, texts  # the walk really saw the window
    seen = {text.replace("&", "") for _, text in texts}
    for expected in (
        "File", "Modifica", "Visualizza", "Vai", "Articolo", "Importa…", "Esporta PDF…",
        "Cerca nella libreria", "Indietro", "Avanti", "Preferiti", "Non letti", "Titolo",
        "Data", "Categoria", "Tutte le categorie", "Tutti i tag", "Lingua", "Tema",
        "Nessuna corrispondenza", "non è nella tua libreria", "Cerca nella libreria  (Ctrl+K)",
    ):  # fmt: skip
        assert expected in seen, expected
    assert any(text.startswith("6 articoli · ") for text in seen)
    assert any(re.fullmatch(r"\d+ risultat[oi] per “libreria”", text) for text in seen), seen
    assert untranslated(texts, table) == []


def test_the_walk_would_catch_an_english_label(qtbot, italian_window) -> None:
    """The check above can fail: put one English label back and it is reported."""
    table = catalog()
    italian_window.library_panel.unread_only.setText("Unread")
    italian_window.commands.quit.setToolTip("Quit Reader")
    offenders = untranslated(chrome_texts(italian_window), table)
    assert any("'Unread'" in offender for offender in offenders), offenders
    assert any("'Quit Reader'" in offender for offender in offenders), offenders


def test_import_report_dialog_speaks_italian(qtbot, italian_window, tmp_path: Path) -> None:
    bad = tmp_path / "figura.pdf"
    bad.write_bytes(b"%PDF-1.4 non un articolo")
    with qtbot.waitSignal(italian_window.transfers.imported, timeout=10_000):
        italian_window.import_files([bad])
    box = italian_window.transfers.last_report_box
    assert box is not None
    assert box.windowTitle() == "Resoconto dell’importazione"
    assert box.text().startswith("0 importati, 0 saltati, 1 non riusciti.")
    assert "Questi file non sono stati importati" in box.text()
    buttons = {button.text().replace("&", "") for button in box.buttons()}
    assert "Mostra dettagli..." in buttons or "Mostra dettagli…" in buttons, buttons
    message = italian_window.statusBar().currentMessage()
    assert message == "Importazione: 0 importati, 0 saltati, 1 non riusciti"
    box.close()


def test_italian_dates_and_counts_in_the_window(qtbot, italian_window) -> None:
    from reader.ui.i18n import format_count, format_list_date
    from reader.ui.library_model import Column

    assert format_list_date(dt.date(2024, 3, 25)) == "25/03/2024"
    assert format_count(1000) == "1.000"
    model = italian_window.library_model
    row = model.row_for_id(SEED_ID)
    assert model.index(row, Column.DATE).data() == "25/03/2024"
    panel = italian_window.search_results
    hit = SearchHit("a", "Primo", None, "", 1.0, "")
    panel.show_results("lama", SearchResults("lama", [hit], 1000, None, ["lama"]))
    assert panel.summary.text() == "1.000 risultati per “lama”"
    panel.show_results("lama", SearchResults("lama", [hit], 1, None, ["lama"]))
    assert panel.summary.text() == "1 risultato per “lama”"
    panel.show_results("lama", SearchResults("lama", [hit] * 2, 2, None, ["lama"]))
    assert panel.summary.text() == "2 risultati per “lama”"


def test_italian_library_is_seeded_with_the_italian_guides(italian_window) -> None:
    titles = {summary.title for summary in italian_window.library_model.summaries()}
    assert "Benvenuto in Reader" in titles and "Welcome to Reader" not in titles
    assert "OpenAI tenta la conquista di Hollywood con Sora" in titles  # in both languages
    assert len(titles) == 6


def test_qt_standard_buttons_speak_italian(italian) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save
    )
    texts = {button.text().replace("&", "") for button in box.buttons()}
    assert texts == {"Annulla", "Salva"}
    assert QCoreApplication.translate("WindowActions", "&Back") == "&Indietro"


def test_language_menu_saves_the_choice_and_says_it_applies_after_a_restart(
    qtbot, italian_window
) -> None:
    menu = italian_window.findChild(QMenu, "languageMenu")
    assert menu is not None and menu.title() == "&Lingua"
    choices = [action.text() for action in menu.actions()]
    assert choices == ["Segui il sistema", "English", "Italiano"]
    assert menu.actions()[0].isChecked()  # --lang/LANG chose Italian; nothing saved yet
    menu.actions()[1].trigger()
    settings_file = italian_window.services.paths.settings_file
    assert saved_language(settings_file) == "en"
    box = menu.notice
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "Dal prossimo avvio Reader sarà in English."
    box.close()
    italian_window.close()  # saving the window state keeps the choice
    assert saved_language(settings_file) == "en"
    restarted = build_services(italian_window.services.paths)
    assert restarted.language == "en"
    restarted.close()
    assert build_services(italian_window.services.paths, language="it").language == "it"
