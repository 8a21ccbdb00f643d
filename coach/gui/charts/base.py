"""What the charts share: the accent and its opacity steps, text and pen helpers, a plot area with
axes, a legend, and the passive widget that shows a drawing."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.core.i18n import format_moment, language
from coach.gui.style import is_dark

ACCENT = QColor("#1f7a8c")
# The accent on a dark or high-contrast (black) window: the illustrations' stand-in (player_widgets), since
# the accent itself reaches under 3:1 there, too faint for a bar or a line (WCAG 2.x, non-text contrast).
ACCENT_ON_DARK = QColor("#4fb3c6")
# Axis labels and month names: a step back from the text, still at least 4.5:1 on any palette's window.
LABEL_ALPHA = 0.75
# The heat map's steps of the accent's opacity for a quarter, a half, three quarters and all of a day's dose.
SHARE_STEPS = (0.25, 0.5, 0.75, 1.0)
_STEP_ALPHA = (0.3, 0.5, 0.72, 1.0)
# On a dark or black window the faint steps sink below the grey of a day with nothing done: stronger there.
_STEP_ALPHA_ON_DARK = (0.45, 0.62, 0.8, 1.0)


def step_alpha(palette: QPalette, step: int) -> float:
    """The accent's opacity for the heat map's colour step `step` (1 to 4) on `palette`."""
    return (_STEP_ALPHA_ON_DARK if is_dark(palette) else _STEP_ALPHA)[step - 1]


_FONT_PX = 11
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_name(day: date) -> str:
    """The short name of `day`'s month: 'Mar'; in German or Spanish as the language writes it."""
    if language() == "en":
        return _MONTHS[day.month - 1]
    return format_moment(day, "%b", "MMM", time=False)


def day_and_month(day: date) -> str:
    """'2 Mar'; '2. März', '2 mar' in the chosen language."""
    if language() == "en":
        return f"{day.day} {_MONTHS[day.month - 1]}"
    return format_moment(day, "%d %b", "dMMM", time=False)


def accent(palette: QPalette, alpha: float = 1.0) -> QColor:
    """The one accent, readable on `palette`'s window, at `alpha`."""
    colour = QColor(ACCENT_ON_DARK if is_dark(palette) else ACCENT)
    colour.setAlphaF(alpha)
    return colour


def faded(colour: QColor, alpha: float) -> QColor:
    copy = QColor(colour)
    copy.setAlphaF(alpha)
    return copy


def share_step(share: float) -> int:
    """Which of the heat map's colour steps a day's share falls in: 0 (nothing) to 4 (all of it)."""
    if share <= 0:
        return 0
    return next(n for n, top in enumerate(SHARE_STEPS, start=1) if share <= top + 1e-9)


def _font(painter: QPainter, pixels: float = _FONT_PX, *, bold: bool = False) -> QFont:
    font = QFont(painter.font())
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    painter.setFont(font)
    return font


def _pen(colour: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(False)
    return pen


def _text(painter: QPainter, rect: QRectF, flags: Qt.AlignmentFlag, text: str) -> None:
    painter.drawText(rect, int(flags), text)


@dataclass(frozen=True, slots=True)
class ChartTable:
    """A chart's figures as rows of text under column headings: what a screen reader reads instead."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


class Drawing:
    """What a chart draws, without a widget: the window's widget and the report's page both call `paint`."""

    def paint(self, painter: QPainter, rect: QRectF, palette: QPalette) -> None:
        raise NotImplementedError

    def table(self) -> ChartTable:
        """The figures drawn, as a table (the same values, in words and numbers)."""
        raise NotImplementedError


# -- the calendar heat map -----------------------------------------------------------------------------------


class _Plot:
    """The inner rectangle of a chart with a y axis from 0 to `top`, and `slots` evenly spaced x positions."""

    LEFT, RIGHT, TOP, BOTTOM = 28.0, 8.0, 22.0, 18.0

    def __init__(self, rect: QRectF, slots: int, top: float) -> None:
        self.area = rect.adjusted(self.LEFT, self.TOP, -self.RIGHT, -self.BOTTOM)
        self.slots = max(1, slots)
        self.top = max(top, 1.0)

    @property
    def slot_width(self) -> float:
        return self.area.width() / self.slots

    def x(self, slot: float) -> float:
        """The centre of `slot` (fractions between)."""
        return self.area.left() + (slot + 0.5) * self.slot_width

    def y(self, value: float) -> float:
        return self.area.bottom() - value / self.top * self.area.height()

    def grid(self, painter: QPainter, palette: QPalette, step: int) -> None:
        text = palette.color(QPalette.ColorRole.WindowText)
        _font(painter, 10)
        value = 0
        while value <= self.top + 1e-9:
            y = self.y(value)
            painter.setPen(_pen(faded(text, 0.12 if value else 0.4)))
            painter.drawLine(QPointF(self.area.left(), y), QPointF(self.area.right(), y))
            painter.setPen(_pen(faded(text, LABEL_ALPHA)))
            _text(
                painter,
                QRectF(self.area.left() - self.LEFT, y - 8, self.LEFT - 5, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
            value += step

    def month_labels(self, painter: QPainter, palette: QPalette, days: Sequence[date]) -> None:
        """A month's short name under the first slot of each month, where there is room."""
        painter.setPen(_pen(faded(palette.color(QPalette.ColorRole.WindowText), LABEL_ALPHA)))
        _font(painter, 10)
        last = -100.0
        previous: date | None = None
        for slot, day in enumerate(days):
            if previous is None or day.month != previous.month:
                x = self.x(slot) - self.slot_width / 2
                if x - last > 30:
                    _text(
                        painter,
                        QRectF(x, self.area.bottom() + 2, 40, self.BOTTOM - 2),
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                        month_name(day),
                    )
                    last = x
            previous = day

    def week_labels(self, painter: QPainter, palette: QPalette, mondays: Sequence[date]) -> None:
        """Each week's Monday ('2 Mar') under its slot, every so many weeks so that labels never touch."""
        painter.setPen(_pen(faded(palette.color(QPalette.ColorRole.WindowText), LABEL_ALPHA)))
        _font(painter, 10)
        width = 44.0
        every = max(1, math.ceil(width / max(self.slot_width, 1.0)))
        for slot, monday in enumerate(mondays):
            if slot % every == 0:
                _text(
                    painter,
                    QRectF(self.x(slot) - width / 2, self.area.bottom() + 2, width, self.BOTTOM - 2),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    day_and_month(monday),
                )

    def change_marker(self, painter: QPainter, palette: QPalette, slot: float) -> None:
        """A dashed line and a small triangle where a routine's new version was first used."""
        text = palette.color(QPalette.ColorRole.WindowText)
        x = self.x(slot) - self.slot_width / 2
        painter.setPen(_pen(faded(text, 0.7), 1.2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, self.area.top()), QPointF(x, self.area.bottom()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(faded(text, 0.8))
        top = self.area.top()
        painter.drawPolygon(QPolygonF([QPointF(x - 5, top - 7), QPointF(x + 5, top - 7), QPointF(x, top)]))


def _legend(
    painter: QPainter, rect: QRectF, palette: QPalette, entries: Sequence[tuple[str, QPen, QBrush | None]]
) -> None:
    """A row of legend entries at the chart's top right: a swatch (line, or box when a brush) and words."""
    _font(painter, 10)
    metrics = painter.fontMetrics()
    widths = [metrics.horizontalAdvance(words) + 26 for words, _, _ in entries]
    room = rect.width() - _Plot.LEFT - _Plot.RIGHT
    if sum(widths) > room:  # longer words (Spanish, German): a smaller font rather than a legend cut off
        _font(painter, max(7.0, 10 * room / sum(widths)))
        metrics = painter.fontMetrics()
        widths = [metrics.horizontalAdvance(words) + 26 for words, _, _ in entries]
    x = rect.right() - sum(widths) - _Plot.RIGHT
    y = rect.top() + 2
    for (words, pen, brush), width in zip(entries, widths, strict=True):
        painter.setPen(pen)
        if brush is None:
            painter.drawLine(QPointF(x, y + 8), QPointF(x + 16, y + 8))
        else:
            painter.setBrush(brush)
            painter.drawRect(QRectF(x + 3, y + 3, 10, 10))
        painter.setPen(_pen(palette.color(QPalette.ColorRole.WindowText)))
        _text(painter, QRectF(x + 20, y, width, 16), Qt.AlignmentFlag.AlignVCenter, words)
        x += width


# -- weekly doses against the plan ------------------------------------------------------------------------


class ChartView(QWidget):
    """A passive widget that shows one drawing; `set_data` on the subclasses hands it plain core values."""

    drawn = Signal()  # new figures to show (its table fills itself again)

    def __init__(self, drawing: Drawing, name: str, hint: QSize, minimum: QSize) -> None:
        super().__init__()
        self.drawing = drawing
        self._hint, self._minimum = hint, minimum
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def redraw(self) -> None:
        """Paint the drawing's new figures, and say so."""
        self.update()
        self.drawn.emit()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._minimum

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.drawing.paint(painter, QRectF(self.rect()), self.palette())
        painter.end()
