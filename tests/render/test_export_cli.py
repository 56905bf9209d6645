"""``reader export``: works without a display, fails clearly with exit status 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QGuiApplication

from reader.app import Services
from reader.cli import main
from reader.paths import Paths

SEED_ID = "2024-03-25-openai-tenta-la-conquista-di-hollywood-con-sora"
GUIDE_ID = "2026-11-22-welcome-to-reader"


@pytest.fixture
def library(sample_services: Services, paths: Paths) -> list[str]:
    """The CLI arguments that open the sample library the fixture seeded."""
    return ["--base-dir", str(paths.library.parent.parent), "--library", str(paths.library)]


def test_export_one_article(
    library: list[str], tmp_path: Path, qapp: QGuiApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "seed.pdf"
    assert main([*library, "export", SEED_ID, "-o", str(output), "--page-size", "Letter"]) == 0
    assert f"exported 1 article to {output}" in capsys.readouterr().out
    reader = pypdf.PdfReader(output)
    assert round(float(reader.pages[0].mediabox.height)) == 792
    assert reader.pages[0].extract_text().startswith("OpenAI tenta la conquista di Hollywood")


def test_export_several_articles(library: list[str], tmp_path: Path, qapp: QGuiApplication) -> None:
    output = tmp_path / "two.pdf"
    assert main([*library, "export", SEED_ID, GUIDE_ID, "-o", str(output)]) == 0
    first_page = pypdf.PdfReader(output).pages[0].extract_text()
    assert first_page.startswith("Contents") and "Welcome to Reader" in first_page


def test_export_labels_follow_lang_when_the_articles_do_not_agree(
    library: list[str], tmp_path: Path, qapp: QGuiApplication
) -> None:
    """An Italian and an English article: the contents page is in the interface language,
    which ``--lang`` sets for the CLI's PDF as it does for the window."""
    output = tmp_path / "two.pdf"
    assert main([*library, "--lang", "it", "export", SEED_ID, GUIDE_ID, "-o", str(output)]) == 0
    assert pypdf.PdfReader(output).pages[0].extract_text().startswith("Indice")


def test_unknown_id_exits_1_with_a_message(
    library: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "x.pdf"
    assert main([*library, "export", SEED_ID, "no-such-article", "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: error: ") and "no-such-article" in err
    assert not output.exists()


def test_unwritable_output_exits_1_with_a_message(
    library: list[str], tmp_path: Path, qapp: QGuiApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "no" / "such" / "folder.pdf"
    assert main([*library, "export", SEED_ID, "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert str(output) in err and "does not exist" in err


def test_export_works_without_a_display(library: list[str], tmp_path: Path) -> None:
    """A fresh process with no DISPLAY and no QT_QPA_PLATFORM: offscreen is chosen for it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    output = tmp_path / "headless.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "reader", *library, "export", GUIDE_ID, "-o", str(output)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert output.is_file()
    assert "Welcome to Reader" in pypdf.PdfReader(output).pages[0].extract_text()
