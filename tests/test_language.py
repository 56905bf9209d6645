"""Which language the window speaks: --lang, then the saved choice, then the system locale."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app import build_services
from reader.cli import build_parser
from reader.language import (
    normalize_language,
    resolve_language,
    save_language,
    saved_language,
    system_language,
)
from reader.paths import Paths


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "it_IT.UTF-8"}, "it"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),  # a language Reader does not speak: English
        ({"LANG": "en_US.UTF-8", "LC_ALL": "it_IT.UTF-8"}, "it"),  # LC_ALL wins
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "it_CH"}, "it"),
        ({"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr:it:en"}, "it"),  # first spoken of the list
        ({"LANG": "C.UTF-8", "LANGUAGE": "it"}, "en"),  # gettext ignores LANGUAGE under C
        ({"LC_ALL": "POSIX"}, "en"),
        ({"LANG": "it_IT@euro"}, "it"),
    ],
)
def test_system_language_reads_the_locale_as_gettext_does(environ, expected) -> None:
    assert system_language(environ) == expected


def test_without_locale_variables_qt_decides(monkeypatch) -> None:
    monkeypatch.setattr("reader.language._qt_system_language", lambda: "it")
    assert system_language({}) == "it"


def test_normalize_language() -> None:
    assert normalize_language("it-IT") == "it"
    assert normalize_language("EN") == "en"
    assert normalize_language("de_DE") is None
    assert normalize_language("") is None


def test_override_beats_preference_beats_system(tmp_path: Path) -> None:
    settings = tmp_path / "config" / "reader.ini"
    italian = {"LANG": "it_IT.UTF-8"}
    assert resolve_language(None, settings, italian) == "it"
    save_language(settings, "en")
    assert saved_language(settings) == "en"
    assert resolve_language(None, settings, italian) == "en"
    assert resolve_language("it", settings, {"LANG": "en_US.UTF-8"}) == "it"
    save_language(settings, None)  # follow the system again
    assert saved_language(settings) is None
    assert resolve_language(None, settings, italian) == "it"
    with pytest.raises(ValueError, match="unknown language 'klingon'"):
        resolve_language("klingon", settings, italian)
    with pytest.raises(ValueError, match="unknown language"):
        save_language(settings, "fr")


def test_cli_has_a_global_lang_option(capsys) -> None:
    parser = build_parser()
    assert parser.parse_args(["--lang", "it", "list"]).lang == "it"
    assert parser.parse_args(["list"]).lang is None
    with pytest.raises(SystemExit):
        parser.parse_args(["--lang", "fr", "list"])
    assert "invalid choice: 'fr'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("language", "welcome", "absent"),
    [
        ("it", "Benvenuto in Reader", "Welcome to Reader"),
        ("en", "Welcome to Reader", "Benvenuto in Reader"),
    ],
)
def test_first_start_seeds_the_guides_in_the_interface_language(
    tmp_path: Path, language: str, welcome: str, absent: str
) -> None:
    services = build_services(Paths.resolve(base_dir=tmp_path), language=language)
    try:
        assert services.language == language
        summaries = services.store.summaries()
        titles = {summary.title for summary in summaries}
        assert welcome in titles and absent not in titles
        assert "OpenAI tenta la conquista di Hollywood con Sora" in titles  # seeded in both
        assert len(titles) == 6
        guides = [s for s in summaries if s.id.startswith("2026-11-")]
        assert {summary.lang for summary in guides} == {language}
        # The guides link to each other in their own language: every related item but the
        # deliberately missing one resolves.
        related = services.store.related_index()
        unresolved = [
            entry.item.title
            for summary in guides
            for entry in related.resolve(services.store.get(summary.id).related, exclude=summary.id)
            if entry.article_id is None
        ]
        assert len(unresolved) == 2, unresolved
    finally:
        services.close()


def test_saved_preference_chooses_the_seeded_language(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    paths = Paths.resolve(base_dir=tmp_path)
    save_language(paths.settings_file, "it")
    services = build_services(paths)
    try:
        assert services.language == "it"
        assert services.store.exists("2026-11-22-benvenuto-in-reader")
    finally:
        services.close()
