"""Running an installed Reader (a wheel in a fresh venv, or the PyInstaller bundle) as a user would.

Shared by the wheel test and the bundle check: each job runs in a clean environment (no
PYTHONPATH, a temp HOME and XDG dirs, offscreen Qt) from a directory away from the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SEED = DATA / "000_bfcfb1f07bcdb431.txt"
WEB_PAGE = DATA / "web" / "fixtures" / "Rivers are getting warmer.html"
SEED_ID = "2024-03-25-openai-tenta-la-conquista-di-hollywood-con-sora"
WEB_ID = "2025-03-03-rivers-are-getting-warmer"


@dataclass
class InstalledReader:
    """The ``reader`` command of one installation, run from ``home`` with a private environment."""

    command: Path
    home: Path
    path: str = "/usr/bin:/bin"

    @property
    def base_dir(self) -> Path:
        return self.home / "reader-base"

    def environment(self, **extra: str) -> dict[str, str]:
        env = {
            "PATH": self.path,
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_DATA_HOME": str(self.home / "xdg-data"),
            "XDG_CONFIG_HOME": str(self.home / "xdg-config"),
            "XDG_CACHE_HOME": str(self.home / "xdg-cache"),
            "XDG_STATE_HOME": str(self.home / "xdg-state"),
        }
        env.update(extra)
        return env

    def run(
        self, *args: str, timeout: float = 120, **extra_env: str
    ) -> subprocess.CompletedProcess:
        """``reader --base-dir <home>/reader-base ARGS`` (``--version`` and friends without it)."""
        return subprocess.run(
            [str(self.command), *args],
            cwd=self.home,
            env=self.environment(**extra_env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def library_run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        result = self.run("--base-dir", str(self.base_dir), *args, timeout=timeout)
        assert result.returncode == 0, f"reader {' '.join(args)} failed:\n{result.stderr}"
        return result

    def import_seed_and_web_page(self) -> str:
        """Copy the seed and a saved page (with its _files folder) here and import both."""
        pages = self.home / "to-import"
        pages.mkdir(exist_ok=True)
        shutil.copy2(SEED, pages / SEED.name)
        shutil.copy2(WEB_PAGE, pages / WEB_PAGE.name)
        files = WEB_PAGE.with_name(WEB_PAGE.stem + "_files")
        if files.is_dir():
            shutil.copytree(files, pages / files.name, dirs_exist_ok=True)
        return self.library_run("import", str(pages / SEED.name), str(pages / WEB_PAGE.name)).stdout

    def list_titles(self) -> list[str]:
        return [item["title"] for item in json.loads(self.library_run("list", "--json").stdout)]

    def search_ids(self, query: str) -> list[str]:
        found = json.loads(self.library_run("search", query, "--json").stdout)
        return [hit["id"] for hit in found["hits"]]


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def screenshot_looks_like_a_window(path: Path) -> tuple[int, int, int]:
    """(width, height, distinct colours in a sample): a real window has many colours."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not an image"
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), max(1, image.width() // 64))
        for y in range(0, image.height(), max(1, image.height() // 64))
    }
    return image.width(), image.height(), len(colours)


def clean_env_for_pip() -> dict[str, str]:
    """The caller's environment (pip's index settings) minus anything pointing here.

    XDG_CACHE_HOME goes too: the test session moves it to a temp dir, and pip would then
    download every wheel again instead of using the user's pip cache.
    """
    dropped = {
        "PYTHONPATH",
        "VIRTUAL_ENV",
        "PYTHONHOME",
        "PIP_REQUIRE_VIRTUALENV",
        "XDG_CACHE_HOME",
    }
    return {key: value for key, value in os.environ.items() if key not in dropped}
