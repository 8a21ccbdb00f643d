"""Sessions each week as bars against the plan line, with markers where a routine file changed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QPainter,
    QPalette,
    QPen,
)

from coach.core.history.dose_calendar import PlanChange
from coach.core.history.stats import WeekDose, week_start
from coach.core.i18n import _, pgettext
from coach.gui.charts.base import ChartTable, ChartView, Drawing, _legend, _pen, _Plot, accent, faded


class WeeklyDoseDrawing(Drawing):
    """Sessions done each week as bars, the week's plan as a line, and where a routine changed."""

    def __init__(self, *, dated: bool = False) -> None:
        self.weeks: tuple[WeekDose, ...] = ()
        self.changes: tuple[PlanChange, ...] = ()
        self.dated = dated  # each week's date under its bar (the report), rather than month names
        self.today: date | None = None

    def set_data(
        self, weeks: Sequence[WeekDose], changes: Sequence[PlanChange] = (), today: date | None = None
    ) -> None:
        """`today`: a week that has not ended by then and is short of its plan so far is drawn as under way,
        not as short of it (on a Thursday, one of two is not yet a missed week)."""
        self.weeks = tuple(weeks)
        self.today = today
        first = self.weeks[0].monday if self.weeks else date.max
        self.changes = tuple(c for c in changes if c.since >= first)

    def table(self) -> ChartTable:
        """Each week: its Monday, the sessions done, and the plan for it."""
        return ChartTable(
            (_("Week of"), _("Sessions done"), _("Planned")),
            tuple(
                (
                    w.monday.isoformat(),
                    str(w.done),
                    _("{planned} (under way)").format(planned=w.planned)
                    if self._under_way(w) and not w.met
                    else str(w.planned),
                )
                for w in self.weeks
            ),
        )

    def _under_way(self, week: WeekDose) -> bool:
        return self.today is not None and week.monday + timedelta(days=6) >= self.today

    def plot(self, rect: QRectF) -> _Plot:
        top = max([3, *(w.done for w in self.weeks), *(w.plan for w in self.weeks)])
        return _Plot(rect, len(self.weeks), top + 1)

    def bar_rect(self, index: int, rect: QRectF) -> QRectF:
        """The bar of week `index` inside `rect` (zero height for a week with nothing done)."""
        plot = self.plot(rect)
        width = plot.slot_width * 0.64
        top = plot.y(self.weeks[index].done)
        return QRectF(plot.x(index) - width / 2, top, width, plot.area.bottom() - top)

    def plan_y(self, index: int, rect: QRectF) -> float:
        """The height of the plan line over week `index`."""
        return self.plot(rect).y(self.weeks[index].planned)

    def paint(self, painter: QPainter, rect: QRectF, palette: QPalette) -> None:
        plot = self.plot(rect)
        plot.grid(painter, palette, 1 if plot.top <= 8 else 2)
        painter.setPen(Qt.PenStyle.NoPen)
        under_way = False
        for n, week in enumerate(self.weeks):
            if not week.met and self._under_way(week):
                under_way = True
                painter.setPen(_pen(accent(palette), 1.5))
                painter.setBrush(accent(palette, 0.2))
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(accent(palette, 1.0 if week.met else 0.5))
            painter.drawRect(self.bar_rect(n, rect))
        text = palette.color(QPalette.ColorRole.WindowText)
        plan_pen = _pen(text, 2.0)
        painter.setPen(plan_pen)
        for n, week in enumerate(self.weeks):
            y = plot.y(week.planned)
            left = plot.x(n) - plot.slot_width / 2
            painter.drawLine(QPointF(left, y), QPointF(left + plot.slot_width, y))
        for change in self.changes:
            slot = (week_start(change.since) - self.weeks[0].monday).days / 7
            plot.change_marker(painter, palette, slot)
        mondays = [w.monday for w in self.weeks]
        if self.dated:
            plot.week_labels(painter, palette, mondays)
        else:
            plot.month_labels(painter, palette, mondays)
        entries: list[tuple[str, QPen, QBrush | None]] = [
            (_("plan met"), QPen(Qt.PenStyle.NoPen), QBrush(accent(palette))),
            (_("short of it"), QPen(Qt.PenStyle.NoPen), QBrush(accent(palette, 0.5))),
            (pgettext("chart legend", "plan"), plan_pen, None),
        ]
        if under_way:
            entries.insert(
                2, (_("this week so far"), _pen(accent(palette), 1.5), QBrush(accent(palette, 0.2)))
            )
        if self.changes:
            entries.append((_("routine changed"), _pen(faded(text, 0.7), 1.2, Qt.PenStyle.DashLine), None))
        _legend(painter, rect, palette, entries)


# -- pain over time ----------------------------------------------------------------------------------------


class WeeklyDoseChart(ChartView):
    """Weekly doses as bars against the plan line."""

    def __init__(self) -> None:
        self.bars = WeeklyDoseDrawing()
        super().__init__(
            self.bars, _("Sessions each week against the plan"), QSize(420, 200), QSize(260, 120)
        )

    def set_data(
        self, weeks: Sequence[WeekDose], changes: Sequence[PlanChange] = (), today: date | None = None
    ) -> None:
        self.bars.set_data(weeks, changes, today)
        self.redraw()
