"""Desktop integration: one application id everywhere, valid entry and metainfo, and
``reader desktop-install`` / ``--uninstall`` in a temporary XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reader import __version__, desktop
from reader.cli import main
from reader.desktop import APP_ID, ICON_SIZES
from reader.paths import resource_path

DESKTOP_FILE = resource_path("desktop", f"{APP_ID}.desktop")
METAINFO = resource_path("desktop", f"{APP_ID}.metainfo.xml")


def entry_of(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def validate_desktop_file(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def validate_metainfo(path: Path) -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian: appstream)")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def test_one_application_id_everywhere() -> None:
    metainfo = ET.parse(METAINFO).getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == f"{APP_ID}.desktop"
    assert entry_of(DESKTOP_FILE)["Icon"] == APP_ID
    # The running application's side (desktopFileName, WM_CLASS): tests/ui/test_launch.py.


def test_the_newest_release_in_the_metainfo_is_this_version() -> None:
    releases = ET.parse(METAINFO).getroot().find("releases")
    assert releases is not None
    assert releases[0].get("version") == __version__


def test_shipped_desktop_entry_and_metainfo_pass_the_validators() -> None:
    validate_desktop_file(DESKTOP_FILE)
    validate_metainfo(METAINFO)


def test_icons_come_in_every_hicolor_size_and_are_drawn() -> None:
    from PySide6.QtGui import QImage

    hicolor = resource_path("icons", "hicolor")
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").read_text("utf-8").startswith("<?xml")
    for size in ICON_SIZES:
        image = QImage(str(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
        centre = image.pixelColor(size // 2, size // 2)
        corner = image.pixelColor(0, 0)
        assert centre.alpha() == 255 and corner.alpha() == 0  # a shape on a transparent ground


def test_desktop_install_writes_entry_icons_and_metainfo(data_home: Path, capsys) -> None:
    program = Path(sys.executable).absolute().parent / "reader"
    assert main(["desktop-install"]) == 0
    entry_path = data_home / "applications" / f"{APP_ID}.desktop"
    entry = entry_of(entry_path)
    assert entry["Exec"] == str(program)
    assert entry["TryExec"] == str(program)
    assert entry["Name"] == "Reader"
    for size in ICON_SIZES:
        assert (
            data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        ).is_file()
    metainfo = data_home / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert metainfo.read_bytes() == METAINFO.read_bytes()
    out = capsys.readouterr().out
    assert f"installed {entry_path}" in out
    assert f"it starts {program}" in out
    validate_desktop_file(entry_path)
    validate_metainfo(metainfo)


def test_uninstall_removes_exactly_what_install_wrote(data_home: Path, capsys) -> None:
    neighbour = data_home / "applications" / "someone-else.desktop"
    neighbour.parent.mkdir(parents=True)
    neighbour.write_text("[Desktop Entry]\nType=Application\nName=Else\nExec=else\n")
    assert main(["desktop-install"]) == 0
    assert main(["desktop-install", "--uninstall"]) == 0
    left = sorted(p.relative_to(data_home) for p in data_home.rglob("*") if p.is_file())
    assert all(APP_ID not in str(path) for path in left)
    assert neighbour.is_file()
    assert f"{len(ICON_SIZES) + 3} files removed" in capsys.readouterr().out
    assert main(["desktop-install", "--uninstall"]) == 0  # nothing left: still fine
    assert "0 files removed" in capsys.readouterr().out


def test_an_exec_path_with_spaces_and_dollars_is_quoted(data_home: Path, tmp_path: Path) -> None:
    program = tmp_path / "my apps $HOME" / "reader"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    assert main(["desktop-install", "--exec", str(program)]) == 0
    entry_path = data_home / "applications" / f"{APP_ID}.desktop"
    # Exec quoting (\$ inside double quotes), then string escaping doubles the backslash.
    assert f'Exec="{program.parent.parent}/my apps \\\\$HOME/reader"' in entry_path.read_text()
    validate_desktop_file(entry_path)


def test_exec_argument_leaves_plain_paths_alone_and_escapes_percent() -> None:
    assert desktop.exec_argument(Path("/opt/reader/reader")) == "/opt/reader/reader"
    assert desktop.exec_argument(Path("/opt/100%/reader")) == "/opt/100%%/reader"


def test_a_missing_program_is_refused_without_writing(data_home: Path, capsys) -> None:
    assert main(["desktop-install", "--exec", "/nonexistent/reader"]) == 1
    assert "error: /nonexistent/reader: no such program" in capsys.readouterr().err
    assert not data_home.exists()


def test_data_home_follows_the_xdg_spec(tmp_path: Path) -> None:
    assert desktop.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    default = Path.home() / ".local" / "share"
    assert desktop.data_home({"XDG_DATA_HOME": "relative/dir"}) == default
    assert desktop.data_home({}) == default
