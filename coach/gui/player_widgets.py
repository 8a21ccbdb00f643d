"""The player's two big pieces: a number that fills its space, and an exercise's picture drawn to fit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

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


class Illustration(QWidget):
    """An SVG drawn as large as fits, keeping its shape; a neutral placeholder when the file is missing."""

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
            self._renderer.load(str(wanted))
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
