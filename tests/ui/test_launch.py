"""Starting the window: the application's desktop id and icon, and the --screenshot smoke mode."""

from __future__ import annotations

from pathlib import Path

from reader.cli import main
from reader.desktop import APP_ID


def test_the_application_carries_the_desktop_id_and_icon(qapp) -> None:
    from reader.ui.launch import ensure_application

    app = ensure_application()
    assert app.desktopFileName() == APP_ID
    sizes = {size.width() for size in app.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes


def test_gui_screenshot_opens_the_window_saves_it_and_quits(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    shot = tmp_path / "window.png"
    assert main(["--base-dir", str(tmp_path / "base"), "gui", "--screenshot", str(shot)]) == 0
    image = QImage(str(shot))
    assert image.width() >= 640 and image.height() >= 400
    assert image.pixelColor(image.width() // 2, image.height() // 2).alpha() == 255


def test_gui_screenshot_reports_a_file_it_cannot_write(qapp, tmp_path: Path, capsys) -> None:
    shot = tmp_path / "no-such-dir" / "window.png"
    assert main(["--base-dir", str(tmp_path / "base"), "gui", "--screenshot", str(shot)]) == 1
    assert f"error: {shot}: could not save the screenshot" in capsys.readouterr().err
