"""The player's two big pieces: a number that fills its space, and an exercise's picture drawn to fit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from coach.core.routines.bounds import read_illustration

# The widest texts the countdown shows, in seconds and in minutes; their widths decide the font size.
_WIDEST_SECONDS = "00"
_WIDEST_MINUTES = "00:00"


class CountdownLabel(QLabel):
    """A label whose font grows with its size, so the numbers fill the space they are given."""

    def __init__(self) -> None:
        super().__init__("0")
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 100)
        font = self.font()
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setFeature(QFont.Tag("tnum"), 1)  # tabular digits: the number does not wobble as it counts
        self.setFont(font)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        changed_shape = (":" in text) != (":" in self.text()) or len(text) != len(self.text())
        super().setText(text)
        if changed_shape:
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As large as the space allows for the widest text of this shape, so it does not jump per second."""
        font = self.font()
        font.setPixelSize(100)
        text = self.text()
        widest = _WIDEST_MINUTES if ":" in text else max(_WIDEST_SECONDS, "0" * len(text), key=len)
        width_at_100 = QFontMetricsF(font).horizontalAdvance(widest)
        by_width = 100 * self.width() * 0.9 / max(1.0, width_at_100)
        font.setPixelSize(max(24, int(min(by_width, self.height() * 0.75))))
        self.setFont(font)


# A window colour darker than this (HSL lightness, 0-255) makes a palette dark.
_DARK_BELOW = 128
# The illustrations' fixed colours (assets/README.md, "Style") and their stand-ins on a dark palette: a
# bright card on a dark window glares, and the dark slate figure would vanish on a dark card.
_DARK_COLOURS = {
    "#eef2f5": "#343b43",  # the card
    "#c9d3dc": "#56616c",  # the mat and walls
    "#2d3a4a": "#e4e9ee",  # the figure
    "#1f7a8c": "#4fb3c6",  # the accent: the working limb, the arrows
    "#8a97a4": "#aab4be",  # the placeholder's neutral grey
}


def svg_for_palette(svg: bytes, dark: bool) -> bytes:
    """The illustration recoloured for a dark palette (unchanged for a light one)."""
    if not dark:
        return svg
    # The colours are ASCII: replaced in the bytes, whatever the file's encoding (a Latin-1 SVG is drawn too).
    for light, stand_in in _DARK_COLOURS.items():
        svg = svg.replace(f'"{light}"'.encode("ascii"), f'"{stand_in}"'.encode("ascii"))
    return svg


class Illustration(QWidget):
    """An SVG drawn as large as fits, keeping its shape; a neutral placeholder when the file is missing.

    On a dark palette it is recoloured (`svg_for_palette`) rather than shown on a bright card.
    """

    def __init__(self, placeholder: Path) -> None:
        super().__init__()
        self._placeholder = placeholder
        self._renderer = QSvgRenderer(self)
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.shown: Path | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)

    def show_image(self, image: Path | None) -> None:
        wanted = image if image is not None and image.is_file() else self._placeholder
        if wanted != self.shown:
            self.shown = wanted
            self._load()

    @property
    def dark(self) -> bool:
        """Whether the palette is a dark one (a light text on a dark window)."""
        return self.palette().color(QPalette.ColorRole.Window).lightness() < _DARK_BELOW

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.shown is not None:
            self._load()

    def _load(self) -> None:
        assert self.shown is not None
        svg = read_illustration(self.shown)  # b"" (nothing drawn) for a pipe, a device or a huge file
        self._renderer.load(QByteArray(svg_for_palette(svg, self.dark)))
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)  # a load forgets it
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(400, 300)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        del event
        if self._renderer.isValid():
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._renderer.render(painter, QRectF(self.rect()))
            painter.end()
