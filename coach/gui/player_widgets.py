"""The player's two big pieces: a number that fills its space, and an exercise's picture drawn to fit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from coach.core.routines.bounds import read_illustration
from coach.gui.style import is_dark

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
    """An SVG drawn as large as fits, keeping its shape, mirrored for the other side; an exercise without a
    picture of its own shows its name on the card, never a figure that may show the wrong thing.

    On a dark palette it is recoloured (`svg_for_palette`) rather than shown on a bright card. The bundled
    pictures show the left side working (assets/README.md); a step on the right side draws them mirrored.
    """

    def __init__(self, placeholder: Path | None = None) -> None:
        super().__init__()
        del placeholder  # once a standing figure; a missing picture now shows the exercise's name
        self._renderer = QSvgRenderer(self)
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.shown: Path | None = None
        self.name = ""  # shown on the card when there is no picture
        self.mirrored = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)

    def show_image(self, image: Path | None, *, name: str = "", mirrored: bool = False) -> None:
        """Draw `image`, or the card with `name` when there is none (or it cannot be read)."""
        wanted = image if image is not None and image.is_file() else None
        if mirrored != self.mirrored or name != self.name:
            self.mirrored, self.name = mirrored, name
            self.update()
        if wanted != self.shown:
            self.shown = wanted
            self._load()

    @property
    def dark(self) -> bool:
        """Whether the palette is a dark one (a light text on a dark window)."""
        return is_dark(self.palette())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._load()

    def _load(self) -> None:
        # b"" (nothing drawn: the name card) for no picture, a pipe, a device, a huge or unreadable file
        svg = read_illustration(self.shown) if self.shown is not None else b""
        self._renderer.load(QByteArray(svg_for_palette(svg, self.dark)))
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)  # a load forgets it
        self.update()

    @property
    def has_picture(self) -> bool:
        """Whether a picture is drawn (else the card with the exercise's name)."""
        return self.shown is not None and self._renderer.isValid()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(400, 300)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.has_picture:
            if self.mirrored:
                painter.translate(self.width(), 0)
                painter.scale(-1, 1)
            self._renderer.render(painter, QRectF(self.rect()))
        elif self.name:
            self._paint_name(painter)
        painter.end()

    def _paint_name(self, painter: QPainter) -> None:
        """The card of the pictures, 4:3 and centred, with the exercise's name on it in large letters."""
        card = QRectF(self.rect())
        if card.width() * 3 > card.height() * 4:
            card.setWidth(card.height() * 4 / 3)
        else:
            card.setHeight(card.width() * 3 / 4)
        card.moveCenter(QRectF(self.rect()).center())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(_DARK_COLOURS["#eef2f5"] if self.dark else "#eef2f5"))
        painter.drawRoundedRect(card, card.width() * 0.06, card.width() * 0.06)
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(max(14, round(card.height() / 9)))
        painter.setFont(font)
        painter.setPen(QColor(_DARK_COLOURS["#2d3a4a"] if self.dark else "#2d3a4a"))
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        painter.drawText(card.adjusted(card.width() * 0.08, 0, -card.width() * 0.08, 0), flags, self.name)
