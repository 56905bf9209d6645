"""Desktop integration: the application id, and adding Reader to the user's application menu.

A wheel or pipx install cannot put files in ``~/.local/share`` by itself, so ``reader
desktop-install`` copies the desktop entry (its ``Exec`` pointed at this installation's
``reader``), the hicolor icons and the AppStream metainfo there, and ``--uninstall`` takes
exactly those files away again. Nothing here imports Qt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from reader.library.atomic import atomic_write_bytes, atomic_write_text
from reader.paths import resource_path

# Reverse DNS of reader-app.github.io (hyphens become underscores): the desktop file name,
# QGuiApplication.desktopFileName (the Wayland app id) and the AppStream component id.
APP_ID = "io.github.reader_app.Reader"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

# Characters that make the Desktop Entry spec require an Exec argument to be quoted.
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME`` when set to an absolute path (the spec ignores relative ones)."""
    configured = environ.get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def launcher_path() -> Path:
    """The ``reader`` command of the running installation, as an absolute path.

    In a PyInstaller bundle that is the bundle's executable; in a venv (pipx's included) the
    ``reader`` script beside the interpreter, so the menu entry keeps working when the venv's
    ``bin`` is not on the PATH.
    """
    if getattr(sys, "frozen", False):
        return Path(sys.executable).absolute()
    beside = Path(sys.executable).absolute().parent / "reader"
    if beside.is_file():
        return beside
    found = shutil.which("reader")
    if found:
        return Path(found).absolute()
    raise FileNotFoundError(
        "cannot find the `reader` command of this installation; pass --exec /path/to/reader"
    )


def exec_argument(path: Path) -> str:
    """``path`` as one argument of a desktop entry's ``Exec`` key (quoted and escaped)."""
    text = str(path).replace("%", "%%")
    if _EXEC_RESERVED & set(text):
        inner = "".join("\\" + c if c in '"`$\\' else c for c in text)
        text = f'"{inner}"'
    return _string_value(text)


def _string_value(text: str) -> str:
    """Escape a desktop entry string value (backslash first, then the control characters)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(exec_path: Path) -> str:
    """The shipped desktop entry with ``Exec``/``TryExec`` pointing at ``exec_path``."""
    template = resource_path("desktop", f"{APP_ID}.desktop").read_text("utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_argument(exec_path)}"
        elif line.startswith("TryExec="):
            line = f"TryExec={_string_value(str(exec_path))}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def installed_files(target: Path) -> list[Path]:
    """Every file ``install`` writes under the data dir ``target`` (and ``uninstall`` removes)."""
    icons = target / "icons" / "hicolor"
    return [
        target / "applications" / f"{APP_ID}.desktop",
        target / "metainfo" / f"{APP_ID}.metainfo.xml",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
        *(icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES),
    ]


def install(target: Path, exec_path: Path) -> list[Path]:
    """Write the desktop entry, metainfo and icons under ``target``; returns the files written.

    Each file is written atomically, so a menu never sees half an entry; running it again
    (after moving the installation) rewrites them in place.
    """
    desktop, metainfo, *icons = installed_files(target)
    atomic_write_text(desktop, desktop_entry(exec_path))
    metainfo_source = resource_path("desktop", f"{APP_ID}.metainfo.xml")
    atomic_write_bytes(metainfo, metainfo_source.read_bytes())
    hicolor = resource_path("icons", "hicolor")
    for icon in icons:
        source = hicolor / icon.relative_to(target / "icons" / "hicolor")
        atomic_write_bytes(icon, source.read_bytes())
    _refresh_caches(target)
    return [desktop, metainfo, *icons]


def uninstall(target: Path) -> list[Path]:
    """Remove what ``install`` wrote under ``target`` (only those files); returns those removed."""
    removed = []
    for path in installed_files(target):
        if path.is_file():
            path.unlink()
            removed.append(path)
    _refresh_caches(target)
    return removed


def _refresh_caches(target: Path) -> None:
    """Tell the menu and the icon theme about the change, where their cache tools exist.

    An icon cache is updated only if one is already there: creating one in the user's hicolor
    folder would hide icons other programs add later without updating it.
    """
    applications = target / "applications"
    tool = shutil.which("update-desktop-database")
    if tool and applications.is_dir():
        subprocess.run([tool, "-q", str(applications)], check=False, capture_output=True)
    hicolor = target / "icons" / "hicolor"
    tool = shutil.which("gtk-update-icon-cache")
    if tool and (hicolor / "icon-theme.cache").exists():
        subprocess.run([tool, "-q", "-t", "-f", str(hicolor)], check=False, capture_output=True)
