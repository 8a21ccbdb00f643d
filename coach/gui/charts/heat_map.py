"""The calendar heat map: a year of days coloured by the share of the day's dose done; rest and flare-up
days marked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHelpEvent,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import QToolTip

from coach.core.history.dose_calendar import CalendarDay, PlanChange
from coach.core.history.outcome import session_outcome
from coach.core.history.records import DayMark, DayMarkKind
from coach.core.history.stats import week_start
from coach.core.i18n import _, format_moment
from coach.gui.charts.base import (
    LABEL_ALPHA,
    SHARE_STEPS,
    ChartTable,
    ChartView,
    Drawing,
    _font,
    _pen,
    _text,
    accent,
    faded,
    month_name,
    share_step,
    step_alpha,
)


class HeatMapDrawing(Drawing):
    """A year of days as a grid of weeks (columns) by weekdays (rows), coloured by the share of the dose."""

    LEFT = 30.0
    TOP = 16.0
    LEGEND = 24.0
    MAX_CELL = 20.0

    def __init__(self) -> None:
        self.days: tuple[CalendarDay, ...] = ()
        self.marks: tuple[DayMark, ...] = ()
        self.changes: dict[date, list[PlanChange]] = {}
        self._index: dict[date, int] = {}

    def set_data(
        self, days: Sequence[CalendarDay], marks: Sequence[DayMark] = (), changes: Sequence[PlanChange] = ()
    ) -> None:
        self.days, self.marks = tuple(days), tuple(marks)
        self.changes = {}
        for change in changes:
            self.changes.setdefault(change.since, []).append(change)
        self._index = {d.day: n for n, d in enumerate(self.days)}

    def day(self, day: date) -> CalendarDay | None:
        n = self._index.get(day)
        return None if n is None else self.days[n]

    def _columns(self) -> int:
        if not self.days:
            return 53
        return (week_start(self.days[-1].day) - week_start(self.days[0].day)).days // 7 + 1

    def _cell(self, rect: QRectF) -> float:
        columns = self._columns()
        return max(
            4.0,
            min(
                self.MAX_CELL,
                (rect.width() - self.LEFT) / columns,
                (rect.height() - self.TOP - self.LEGEND) / 7,
            ),
        )

    def cell_rect(self, day: date, rect: QRectF) -> QRectF:
        """Where `day` is drawn inside `rect` (including its gap)."""
        cell = self._cell(rect)
        first = week_start(self.days[0].day) if self.days else week_start(day)
        column = (week_start(day) - first).days // 7
        return QRectF(
            rect.left() + self.LEFT + column * cell, rect.top() + self.TOP + day.weekday() * cell, cell, cell
        )

    def day_at(self, point: QPointF, rect: QRectF) -> CalendarDay | None:
        """The day drawn at `point` when the map fills `rect`, if any."""
        for d in self.days:
            if self.cell_rect(d.day, rect).contains(point):
                return d
        return None

    def tooltip(self, d: CalendarDay) -> str:
        """The date, what was done, and the mark with its reason."""
        lines = [format_moment(d.day, "%A %d %B %Y", "yMMMMEEEEd", time=False)]
        for s in d.sessions:
            figures = {
                "routine": s.routine_title,
                "done": s.steps_completed,
                "planned": s.steps_total,
                "outcome": session_outcome(s).label,
                "pain": s.pain,
            }
            if s.pain is not None:
                said = _("{routine}: {done} of {planned} reps and holds ({outcome}), pain {pain} of 10")
            else:
                said = _("{routine}: {done} of {planned} reps and holds ({outcome})")
            lines.append(said.format(**figures))
        for mark in self.marks:
            if mark.covers(d.day):
                kind = _(mark.kind.label)
                lines.append(f"{kind}: {mark.reason}" if mark.reason else kind)
        for change in self.changes.get(d.day, ()):
            lines.append(_("New version of {routine} from this day").format(routine=change.routine_title))
        if not d.sessions and d.mark is None:
            lines.append(_("No exercise") if d.planned else _("Before your programme started"))
        elif d.sessions:
            lines.append(_("{percent} % of the day's planned dose").format(percent=round(100 * d.share)))
        return "\n".join(lines)

    def table(self) -> ChartTable:
        """Each day of the plan, or with a session or a mark: its date and what the tooltip says of it."""
        shown = [d for d in self.days if d.planned or d.sessions or d.mark is not None]
        return ChartTable(
            (_("Day"), _("What was done")),
            tuple((d.day.isoformat(), self.tooltip(d).split("\n", 1)[1].replace("\n", "; ")) for d in shown),
        )

    def fill(self, d: CalendarDay, palette: QPalette) -> QColor:
        """The colour of a day's square."""
        step = share_step(d.share)
        if step:
            return accent(palette, step_alpha(palette, step))
        # From the text colour, not Mid: a dark palette's Mid can be as dark as its window, and the empty
        # days of the calendar then vanish.
        empty = palette.color(QPalette.ColorRole.WindowText)
        return faded(empty, 0.22 if d.planned or d.mark else 0.1)

    def paint(self, painter: QPainter, rect: QRectF, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.WindowText)
        _font(painter, 10)
        painter.setPen(_pen(faded(text, LABEL_ALPHA)))
        cell = self._cell(rect)
        for row, name in ((0, _("Mon")), (2, _("Wed")), (4, _("Fri"))):
            _text(
                painter,
                QRectF(rect.left(), rect.top() + self.TOP + row * cell, self.LEFT - 4, cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        last_label = -100.0
        for d in self.days:
            if d.day.day == 1 or d is self.days[0]:
                x = self.cell_rect(d.day, rect).left()
                if x - last_label > 3 * cell:
                    _text(
                        painter,
                        QRectF(x, rect.top(), 4 * cell, self.TOP - 2),
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                        month_name(d.day),
                    )
                    last_label = x
        for d in self.days:
            self._paint_day(painter, d, self.cell_rect(d.day, rect), palette)
        self._paint_legend(painter, rect, cell, palette)

    def _paint_day(self, painter: QPainter, d: CalendarDay, box: QRectF, palette: QPalette) -> None:
        gap = max(1.0, box.width() * 0.15)
        inner = box.adjusted(0, 0, -gap, -gap)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.fill(d, palette))
        painter.drawRoundedRect(inner, 2, 2)
        self._paint_mark(painter, d.mark, inner, palette)
        if d.day in self.changes:
            painter.setPen(_pen(palette.color(QPalette.ColorRole.WindowText), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(inner, 2, 2)

    @staticmethod
    def _paint_mark(painter: QPainter, mark: DayMarkKind | None, inner: QRectF, palette: QPalette) -> None:
        if mark is None:
            return
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(faded(text, 0.55), Qt.BrushStyle.BDiagPattern))
        painter.drawRoundedRect(inner, 2, 2)
        if mark is DayMarkKind.FLARE_UP:
            painter.setPen(_pen(text, max(1.2, inner.width() / 9)))
            m = inner.width() * 0.22
            box = inner.adjusted(m, m, -m, -m)
            painter.drawLine(box.topLeft(), box.bottomRight())
            painter.drawLine(box.topRight(), box.bottomLeft())

    def _paint_legend(self, painter: QPainter, rect: QRectF, cell: float, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.WindowText)
        y = rect.top() + self.TOP + 7 * cell + 6
        size = min(cell, 13.0)
        x = rect.left() + self.LEFT
        _font(painter, 10)

        def label(words: str) -> None:
            nonlocal x
            painter.setPen(_pen(faded(text, LABEL_ALPHA)))
            width = painter.fontMetrics().horizontalAdvance(words) + 6
            _text(painter, QRectF(x, y - 2, width, size + 4), Qt.AlignmentFlag.AlignVCenter, words)
            x += width + 4

        label(_("Share of the day's dose: none"))
        blank = CalendarDay(date.min, 0.0, planned=True)
        for share in (0.0, *SHARE_STEPS):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.fill(CalendarDay(date.min, share, planned=True), palette))
            painter.drawRoundedRect(QRectF(x, y, size, size), 2, 2)
            x += size + 3
        label(" " + _("all"))
        x += 12
        for kind, words in ((DayMarkKind.REST, _("planned rest")), (DayMarkKind.FLARE_UP, _("flare-up"))):
            box = QRectF(x, y, size, size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.fill(blank, palette))
            painter.drawRoundedRect(box, 2, 2)
            self._paint_mark(painter, kind, box, palette)
            x += size + 3
            label(words)
        if self.changes:
            box = QRectF(x, y, size, size)
            painter.setPen(_pen(text, 1.5))
            painter.setBrush(self.fill(blank, palette))
            painter.drawRoundedRect(box, 2, 2)
            x += size + 3
            label(_("routine changed"))


# -- shared axes for the two line-and-bar charts --------------------------------------------------------


class HeatMap(ChartView):
    """The calendar heat map, with a tooltip on each day: the date, what was done, and its mark."""

    def __init__(self) -> None:
        cells = HeatMapDrawing
        self.map = cells()
        super().__init__(
            self.map,
            _("Calendar of the last 12 months"),
            QSize(int(cells.LEFT + 53 * 19), int(cells.TOP + 7 * 19 + cells.LEGEND + 4)),
            QSize(int(cells.LEFT + 53 * 8), int(cells.TOP + 7 * 8 + cells.LEGEND)),
        )

    def set_data(
        self, days: Sequence[CalendarDay], marks: Sequence[DayMark] = (), changes: Sequence[PlanChange] = ()
    ) -> None:
        self.map.set_data(days, marks, changes)
        self.redraw()

    def cell_rect(self, day: date) -> QRectF:
        """Where `day` is drawn in the widget."""
        return self.map.cell_rect(day, QRectF(self.rect()))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self.map.day_at(QPointF(event.pos()), QRectF(self.rect()))
            if found is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.map.tooltip(found), self)
            return True
        return super().event(event)
