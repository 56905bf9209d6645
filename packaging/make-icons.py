"""Render Reader's scalable icon into the PNG sizes of the hicolor theme (committed output).

Run after editing the SVG: ``.venv/bin/python packaging/make-icons.py``. Qt's own SVG renderer
(QtSvg ships in PySide6-Essentials) draws them, so no extra tool is needed; the PNGs are
committed because desktop environments and the window prefer exact sizes to scaling.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from reader.desktop import APP_ID, ICON_SIZES

HICOLOR = Path(__file__).resolve().parent.parent / "resources" / "icons" / "hicolor"


def render(svg: Path, size: int, target: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"error: {svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"error: could not write {target}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    for size in ICON_SIZES:
        target = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        render(svg, size, target)
        print(target.relative_to(HICOLOR.parent.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
