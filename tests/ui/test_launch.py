"""Starting the window: the application's desktop id and icon, and the --screenshot smoke mode.

The smoke mode runs the application's event loop to the end and quits it, which the shared
test QApplication must not go through, so those tests start ``python -m reader`` instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.desktop import APP_ID
from reader.paths import resource_path


def test_the_application_carries_the_desktop_id_and_icon(qapp) -> None:
    from reader.ui.launch import ensure_application

    app = ensure_application()
    assert app.desktopFileName() == APP_ID
    # X11 desktops without the KDE hint match a window to its entry by WM_CLASS, which Qt
    # takes from the application name.
    entry = resource_path("desktop", f"{APP_ID}.desktop").read_text("utf-8")
    assert f"StartupWMClass={app.applicationName()}\n" in entry
    sizes = {size.width() for size in app.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes


def run_reader(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_gui_screenshot_opens_the_window_saves_it_and_quits(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    shot = tmp_path / "window.png"
    result = run_reader(
        "--base-dir", str(tmp_path / "base"), "gui", "--screenshot", str(shot), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert image.width() >= 640 and image.height() >= 400
    assert image.pixelColor(image.width() // 2, image.height() // 2).alpha() == 255


def test_gui_screenshot_reports_a_file_it_cannot_write(tmp_path: Path) -> None:
    shot = tmp_path / "no-such-dir" / "window.png"
    result = run_reader(
        "--base-dir", str(tmp_path / "base"), "gui", "--screenshot", str(shot), cwd=tmp_path
    )
    assert result.returncode == 1
    assert f"error: {shot}: could not save the screenshot" in result.stderr
