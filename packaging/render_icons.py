#!/usr/bin/env python3
"""Render the app icon into the freedesktop hicolor layout that `coach desktop install` and Flatpak copy.

    .venv/bin/python packaging/render_icons.py [OUT]     (default OUT: packaging/linux/icons)

Draws assets/icons/rehab-coach.svg with Qt's own QSvgRenderer (the renderer the app uses, so the PNGs match
what the windows show) at the usual sizes, and copies the SVG to hicolor/scalable/apps/. Run it after
changing the icon; tests/packaging/test_linux_files.py fails while the PNGs are out of date.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "assets" / "icons" / "rehab-coach.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
NAME = "rehab-coach"


def render(size: int) -> QImage:
    """The icon at `size`×`size` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SOURCE)).render(painter)
    painter.end()
    return image


def write_icons(out: Path) -> list[Path]:
    """Write every size and the scalable SVG under `out/hicolor/`; return the files written."""
    written = []
    for size in SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(target), "PNG"):
            raise OSError(f"{target}: Qt could not write the PNG")
        written.append(target)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    return [*written, scalable]


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "packaging" / "linux" / "icons"
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    for path in write_icons(out):
        print(path.relative_to(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
