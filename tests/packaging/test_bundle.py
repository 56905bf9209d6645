"""The PyInstaller bundle (``make bundle`` -> dist/reader/reader) works with no Python around.

Runs only when the bundle has been built (``make bundle`` runs this file after building);
every job runs with an empty PATH, a temp HOME and XDG dirs, from a temp directory.
"""

from __future__ import annotations

import subprocess

import pytest

from reader import __version__
from tests.packaging.installed import (
    REPO,
    SEED_ID,
    WEB_ID,
    InstalledReader,
    pdf_text,
    screenshot_looks_like_a_window,
)

BUNDLE = REPO / "dist" / "reader" / "reader"

pytestmark = pytest.mark.skipif(
    not BUNDLE.is_file(), reason="no bundle: `make bundle` builds dist/reader/reader"
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> InstalledReader:
    home = tmp_path_factory.mktemp("bundle-home")
    empty_path = home / "empty-bin"  # not even /usr/bin: the bundle must need nothing on PATH
    empty_path.mkdir()
    return InstalledReader(command=BUNDLE, home=home, path=str(empty_path))


def test_version_runs_with_a_bare_environment() -> None:
    result = subprocess.run(
        ["env", "-i", "PATH=/usr/bin:/bin", str(BUNDLE), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == f"reader {__version__}"


def test_import_list_search_export_from_the_bundle(bundle: InstalledReader) -> None:
    output = bundle.import_seed_and_web_page()
    assert f"-> {SEED_ID}" in output and f"-> {WEB_ID}" in output
    assert sorted(bundle.list_titles()) == [
        "OpenAI tenta la conquista di Hollywood con Sora",
        "Rivers are getting warmer",
    ]
    assert bundle.search_ids("Sora Hollywood")[0] == SEED_ID
    assert bundle.search_ids("rivers warmer")[0] == WEB_ID
    pdf = bundle.home / "seed.pdf"
    bundle.library_run("export", SEED_ID, "-o", str(pdf))
    assert "OpenAI tenta la conquista di Hollywood con Sora" in pdf_text(pdf)


def test_the_window_opens_from_the_bundle(bundle: InstalledReader) -> None:
    shot = bundle.home / "window.png"
    fresh = bundle.home / "first-start"
    result = bundle.run("--base-dir", str(fresh), "gui", "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    width, height, colours = screenshot_looks_like_a_window(shot)
    assert width >= 640 and height >= 400
    assert colours > 20
    assert len(list((fresh / "data" / "library" / "articles").glob("*.md"))) == 6


def test_desktop_install_from_the_bundle_starts_the_bundle(bundle: InstalledReader) -> None:
    result = bundle.run("desktop-install")
    assert result.returncode == 0, result.stderr
    entry = bundle.home / "xdg-data" / "applications" / "io.github.reader_app.Reader.desktop"
    assert f"Exec={BUNDLE}\n" in entry.read_text("utf-8")
    icon = bundle.home / "xdg-data" / "icons" / "hicolor" / "48x48" / "apps"
    assert (icon / "io.github.reader_app.Reader.png").is_file()
