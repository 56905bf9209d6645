"""The wheel, installed into a fresh venv with the interpreter's own pip, works on its own.

This is what ``pip install .`` and ``pipx install .`` do: with the pip that ships with Python
(not upgraded) in a fresh venv, the test builds the wheel from a copy of the checkout (the
build backend comes from PyPI), deletes the copy, installs the wheel (dependencies from PyPI
through pip's cache) and runs the main jobs from a directory far from the source
tree: import of scraped text and of a saved web page, list, search, PDF export, the window
(offscreen, via ``reader gui --screenshot``) and the desktop entry.
"""

from __future__ import annotations

import ensurepip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from tests.packaging.installed import (
    REPO,
    SEED_ID,
    WEB_ID,
    InstalledReader,
    clean_env_for_pip,
    pdf_text,
    screenshot_looks_like_a_window,
)

pytestmark = pytest.mark.slow

NOT_SOURCE = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


def _run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=clean_env_for_pip(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> InstalledReader:
    work = tmp_path_factory.mktemp("wheel")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=work)  # pip from ensurepip, as shipped
    python = venv / "bin" / "python"
    source = work / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE)
    wheels = work / "wheels"
    _run(python, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", wheels, source, cwd=work)
    shutil.rmtree(source)  # nothing can fall back on the source tree now
    (wheel,) = wheels.glob("reader-*.whl")
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=work)
    home = work / "home"
    home.mkdir()
    return InstalledReader(command=venv / "bin" / "reader", home=home)


def test_the_installed_package_is_not_the_checkout(installed: InstalledReader) -> None:
    venv = installed.command.parent.parent
    where = subprocess.run(
        [venv / "bin" / "python", "-c", "import reader.resources as r; print(r.__file__)"],
        cwd=installed.home,
        env=installed.environment(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv / "lib")
    assert (venv / "bin" / "reader-gui").is_file()
    pip = _run(venv / "bin" / "python", "-m", "pip", "--version", cwd=installed.home)
    assert pip.startswith(f"pip {ensurepip.version()} ")  # the interpreter's own, not upgraded
    assert installed.run("--version").stdout.strip() == f"reader {__version__}"


def test_import_list_search_export_from_the_wheel(installed: InstalledReader) -> None:
    output = installed.import_seed_and_web_page()
    assert f"-> {SEED_ID}" in output and f"-> {WEB_ID}" in output
    assert "2 imported" in output
    assert sorted(installed.list_titles()) == [
        "OpenAI tenta la conquista di Hollywood con Sora",
        "Rivers are getting warmer",
    ]
    assert installed.search_ids("Sora Hollywood")[0] == SEED_ID
    assert installed.search_ids("rivers warmer")[0] == WEB_ID
    pdf = installed.home / "seed.pdf"
    installed.library_run("export", SEED_ID, "-o", str(pdf))
    text = pdf_text(pdf)
    assert "OpenAI tenta la conquista di Hollywood con Sora" in text
    assert "Sam Altman" in text


def test_the_window_opens_from_the_wheel(installed: InstalledReader) -> None:
    shot = installed.home / "window.png"
    fresh = installed.home / "first-start"
    result = installed.run("--base-dir", str(fresh), "gui", "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    width, height, colours = screenshot_looks_like_a_window(shot)
    assert width >= 640 and height >= 400
    assert colours > 20
    # The first start on an empty library copied the sample library out of the package.
    assert len(list((fresh / "data" / "library" / "articles").glob("*.md"))) == 6


def test_desktop_install_from_the_wheel_points_at_its_reader(installed: InstalledReader) -> None:
    result = installed.run("desktop-install")
    assert result.returncode == 0, result.stderr
    entry = installed.home / "xdg-data" / "applications" / "io.github.reader_app.Reader.desktop"
    assert f"Exec={installed.command}\n" in entry.read_text("utf-8")
    validator = shutil.which("desktop-file-validate")
    if validator:
        subprocess.run([validator, entry], check=True)
