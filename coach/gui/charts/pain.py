"""The pain trend: the baseline before each session, session and next-morning points with their 7-day means,
and the 'too much' band."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPalette,
    QPen,
)

from coach.core.clinical.safety import PAIN_ACCEPTABLE_MAX, PAIN_MAX
from coach.core.history.dose_calendar import PlanChange
from coach.core.history.pain import PainDay
from coach.core.i18n import _, format_decimal, pgettext
from coach.gui.charts.base import (
    LABEL_ALPHA,
    ChartTable,
    ChartView,
    Drawing,
    _font,
    _legend,
    _pen,
    _Plot,
    _text,
    accent,
    faded,
)
from coach.gui.style import is_dark


def too_much_band(palette: QPalette) -> QColor:
    """The shade behind pain above 5: the text colour, faintly, so that it shows on light and dark palettes
    alike (a dark palette's Mid can be as dark as its window); a little more on a dark one, where the eye
    tells faint greys apart less well (white at 0.09 on a high-contrast black is 1.17:1)."""
    return faded(palette.color(QPalette.ColorRole.WindowText), 0.13 if is_dark(palette) else 0.09)


class PainDrawing(Drawing):
    """Pain during sessions and the next morning (0-10) as points, their 7-day means as lines."""

    def __init__(self) -> None:
        self.days: tuple[PainDay, ...] = ()
        self.changes: tuple[PlanChange, ...] = ()

    def set_data(self, days: Sequence[PainDay], changes: Sequence[PlanChange] = ()) -> None:
        self.days = tuple(days)
        if self.days:
            first, last = self.days[0].day, self.days[-1].day
            self.changes = tuple(c for c in changes if first <= c.since <= last)
        else:
            self.changes = ()

    def plot(self, rect: QRectF) -> _Plot:
        return _Plot(rect, len(self.days), PAIN_MAX)

    def table(self) -> ChartTable:
        """Each day with a pain recorded: before, during and the next morning, and the 7-day means."""
        recorded = [
            d for d in self.days if (d.before_pain, d.session_pain, d.morning_pain) != (None, None, None)
        ]
        return ChartTable(
            (
                _("Day"),
                pgettext("pain", "Before"),
                _("During the session"),
                _("Next morning"),
                _("7-day mean, session"),
                _("7-day mean, morning"),
            ),
            tuple(
                (
                    d.day.isoformat(),
                    *(_figure(v) for v in (d.before_pain, d.session_pain, d.morning_pain)),
                    *(_figure(v) for v in (d.session_mean, d.morning_mean)),
                )
                for d in recorded
            ),
        )

    def point(self, day: date, value: float, rect: QRectF) -> QPointF:
        """Where a pain `value` on `day` is drawn inside `rect`."""
        plot = self.plot(rect)
        return QPointF(plot.x((day - self.days[0].day).days), plot.y(value))

    def paint(self, painter: QPainter, rect: QRectF, palette: QPalette) -> None:
        plot = self.plot(rect)
        text = palette.color(QPalette.ColorRole.WindowText)
        too_much = QRectF(plot.area.left(), plot.y(PAIN_MAX), plot.area.width(), 0)
        too_much.setBottom(plot.y(PAIN_ACCEPTABLE_MAX))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(too_much_band(palette))
        painter.drawRect(too_much)
        plot.grid(painter, palette, 1 if plot.area.height() > 160 else 2)
        painter.setPen(_pen(faded(text, LABEL_ALPHA)))
        _font(painter, 10)
        _text(
            painter,
            too_much.adjusted(6, 2, -6, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            _("above 5: too much"),
        )
        for change in self.changes:
            plot.change_marker(painter, palette, (change.since - self.days[0].day).days)
        session_pen = _pen(accent(palette), 2.0)
        morning_pen = _pen(faded(text, 0.8), 1.6, Qt.PenStyle.DashLine)
        self._line(painter, plot, [d.session_mean for d in self.days], session_pen)
        self._line(painter, plot, [d.morning_mean for d in self.days], morning_pen)
        radius = max(2.0, min(4.0, plot.slot_width * 0.45))
        baseline_pen = _pen(text, 2.0)
        for n, d in enumerate(self.days):
            if d.before_pain is not None:  # the baseline: a short bar, so it reads apart from the points
                painter.setPen(baseline_pen)
                y = plot.y(d.before_pain)
                painter.drawLine(QPointF(plot.x(n) - radius * 1.4, y), QPointF(plot.x(n) + radius * 1.4, y))
            if d.session_pain is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(accent(palette))
                painter.drawEllipse(QPointF(plot.x(n), plot.y(d.session_pain)), radius, radius)
            if d.morning_pain is not None:
                painter.setPen(_pen(text, 1.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(plot.x(n), plot.y(d.morning_pain)), radius, radius)
        plot.month_labels(painter, palette, [d.day for d in self.days])
        _legend(
            painter,
            rect,
            palette,
            [
                (pgettext("pain", "before"), baseline_pen, None),
                (_("during a session"), QPen(Qt.PenStyle.NoPen), QBrush(accent(palette))),
                (_("next morning"), _pen(text, 1.2), QBrush(Qt.BrushStyle.NoBrush)),
                (_("7-day mean"), session_pen, None),
                (_("mornings' mean"), morning_pen, None),
            ],
        )

    @staticmethod
    def _line(painter: QPainter, plot: _Plot, values: Sequence[float | None], pen: QPen) -> None:
        """A line through the values, broken where there is none."""
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        run: list[QPointF] = []
        for n, value in enumerate([*values, None]):
            if value is None:
                if len(run) > 1:
                    painter.drawPolyline(run)
                run = []
            else:
                run.append(QPointF(plot.x(n), plot.y(value)))


# -- the widgets -------------------------------------------------------------------------------------------


class PainChart(ChartView):
    """The pain trend: session and next-morning pain with their 7-day means."""

    def __init__(self) -> None:
        self.trend = PainDrawing()
        super().__init__(self.trend, _("Pain over time"), QSize(420, 200), QSize(260, 120))

    def set_data(self, days: Sequence[PainDay], changes: Sequence[PlanChange] = ()) -> None:
        self.trend.set_data(days, changes)
        self.redraw()


def _figure(value: float | None) -> str:
    """A pain score or mean for the table: "3", "2.4", or "–" where nothing was recorded."""
    return "–" if value is None else f"{value:g}" if isinstance(value, int) else format_decimal(value, 1)
