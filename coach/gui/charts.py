"""The history charts, drawn with QPainter: the calendar heat map, weekly doses, and the pain trend.

Each chart is a drawing fed plain values from the core by `set_data(...)` that paints itself in
`paint(painter, rect, palette)`, shown by a passive widget: the widget's paintEvent calls `paint` on the
screen, the report calls it on a PDF page (no widgets there, so a QGuiApplication is enough), and both show
the same picture. Sizes are in logical pixels (fonts too), which the report scales
to its page. Colours are palette roles plus the one accent, in steps of opacity.

Why QPainter and not a chart library: Qt Charts is deprecated since Qt 6.10, and its successor Qt Graphs is
built on Qt Quick, which cannot paint into a QPdfWriter page; neither has a calendar heat map. Three small
charts by hand are a few hundred lines, follow the desktop's palette, and print exactly as they show.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from coach.core.dose_calendar import CalendarDay, PlanChange
from coach.core.pain import PainDay
from coach.core.records import DayMark, DayMarkKind
from coach.core.safety import PAIN_ACCEPTABLE_MAX, PAIN_MAX
from coach.core.stats import WeekDose, week_start

ACCENT = QColor("#1f7a8c")
# The heat map's steps of the accent's opacity for a quarter, a half, three quarters and all of a day's dose.
SHARE_STEPS = (0.25, 0.5, 0.75, 1.0)
_STEP_ALPHA = (0.3, 0.5, 0.72, 1.0)
_FONT_PX = 11
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def accent(alpha: float = 1.0) -> QColor:
    colour = QColor(ACCENT)
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


class Drawing:
    """What a chart draws, without a widget: the window's widget and the report's page both call `paint`."""

    def paint(self, painter: QPainter, rect: QRectF, palette: QPalette) -> None:
        raise NotImplementedError


# -- the calendar heat map -----------------------------------------------------------------------------------


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
        lines = [d.day.strftime("%A %d %B %Y")]
        for s in d.sessions:
            pain = f", pain {s.pain} of 10" if s.pain is not None else ""
            stopped = "" if s.completed else " (stopped early)"
            lines.append(
                f"{s.routine_title}: {s.steps_completed} of {s.steps_total} reps and holds{stopped}{pain}"
            )
        for mark in self.marks:
            if mark.covers(d.day):
                kind = "Planned rest" if mark.kind is DayMarkKind.REST else "Flare-up"
                lines.append(f"{kind}: {mark.reason}" if mark.reason else kind)
        for change in self.changes.get(d.day, ()):
            lines.append(f"New version of {change.routine_title} from this day")
        if not d.sessions and d.mark is None:
            lines.append("No exercise" if d.planned else "Before your programme started")
        elif d.sessions:
            lines.append(f"{round(100 * d.share)} % of the day's planned dose")
        return "\n".join(lines)

    def fill(self, d: CalendarDay, palette: QPalette) -> QColor:
        """The colour of a day's square."""
        step = share_step(d.share)
        if step:
            return accent(_STEP_ALPHA[step - 1])
        empty = palette.color(QPalette.ColorRole.Mid)
        return faded(empty, 0.35 if d.planned or d.mark else 0.15)

    def paint(self, painter: QPainter, rect: QRectF, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.WindowText)
        _font(painter, 10)
        painter.setPen(_pen(faded(text, 0.75)))
        cell = self._cell(rect)
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
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
                        _MONTHS[d.day.month - 1],
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
            painter.setPen(_pen(faded(text, 0.75)))
            width = painter.fontMetrics().horizontalAdvance(words) + 6
            _text(painter, QRectF(x, y - 2, width, size + 4), Qt.AlignmentFlag.AlignVCenter, words)
            x += width + 4

        label("Share of the day's dose: none")
        blank = CalendarDay(date.min, 0.0, planned=True)
        for share in (0.0, *SHARE_STEPS):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.fill(CalendarDay(date.min, share, planned=True), palette))
            painter.drawRoundedRect(QRectF(x, y, size, size), 2, 2)
            x += size + 3
        label(" all")
        x += 12
        for kind, words in ((DayMarkKind.REST, "planned rest"), (DayMarkKind.FLARE_UP, "flare-up")):
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
            label("routine changed")


# -- shared axes for the two line-and-bar charts --------------------------------------------------------


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
            painter.setPen(_pen(faded(text, 0.75)))
            _text(
                painter,
                QRectF(self.area.left() - self.LEFT, y - 8, self.LEFT - 5, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
            value += step

    def month_labels(self, painter: QPainter, palette: QPalette, days: Sequence[date]) -> None:
        """A month's short name under the first slot of each month, where there is room."""
        painter.setPen(_pen(faded(palette.color(QPalette.ColorRole.WindowText), 0.75)))
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
                        _MONTHS[day.month - 1],
                    )
                    last = x
            previous = day

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


class WeeklyDoseDrawing(Drawing):
    """Sessions done each week as bars, the week's plan as a line, and where a routine changed."""

    def __init__(self) -> None:
        self.weeks: tuple[WeekDose, ...] = ()
        self.changes: tuple[PlanChange, ...] = ()

    def set_data(self, weeks: Sequence[WeekDose], changes: Sequence[PlanChange] = ()) -> None:
        self.weeks = tuple(weeks)
        first = self.weeks[0].monday if self.weeks else date.max
        self.changes = tuple(c for c in changes if c.since >= first)

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
        for n, week in enumerate(self.weeks):
            painter.setBrush(accent(1.0 if week.met else 0.5))
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
        plot.month_labels(painter, palette, [w.monday for w in self.weeks])
        entries: list[tuple[str, QPen, QBrush | None]] = [
            ("plan met", QPen(Qt.PenStyle.NoPen), QBrush(accent())),
            ("short of it", QPen(Qt.PenStyle.NoPen), QBrush(accent(0.5))),
            ("plan", plan_pen, None),
        ]
        if self.changes:
            entries.append(("routine changed", _pen(faded(text, 0.7), 1.2, Qt.PenStyle.DashLine), None))
        _legend(painter, rect, palette, entries)


# -- pain over time ----------------------------------------------------------------------------------------


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
        painter.setBrush(faded(palette.color(QPalette.ColorRole.Mid), 0.22))
        painter.drawRect(too_much)
        plot.grid(painter, palette, 1 if plot.area.height() > 160 else 2)
        painter.setPen(_pen(faded(text, 0.75)))
        _font(painter, 10)
        _text(
            painter,
            too_much.adjusted(6, 2, -6, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            "above 5: too much",
        )
        for change in self.changes:
            plot.change_marker(painter, palette, (change.since - self.days[0].day).days)
        session_pen = _pen(accent(), 2.0)
        morning_pen = _pen(faded(text, 0.8), 1.6, Qt.PenStyle.DashLine)
        self._line(painter, plot, [d.session_mean for d in self.days], session_pen)
        self._line(painter, plot, [d.morning_mean for d in self.days], morning_pen)
        radius = max(2.0, min(4.0, plot.slot_width * 0.45))
        for n, d in enumerate(self.days):
            if d.session_pain is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(accent())
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
                ("during a session", QPen(Qt.PenStyle.NoPen), QBrush(accent())),
                ("next morning", _pen(text, 1.2), QBrush(Qt.BrushStyle.NoBrush)),
                ("7-day mean", session_pen, None),
                ("mornings' mean", morning_pen, None),
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


class ChartView(QWidget):
    """A passive widget that shows one drawing; `set_data` on the subclasses hands it plain core values."""

    def __init__(self, drawing: Drawing, name: str, hint: QSize, minimum: QSize) -> None:
        super().__init__()
        self.drawing = drawing
        self._hint, self._minimum = hint, minimum
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._minimum

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.drawing.paint(painter, QRectF(self.rect()), self.palette())
        painter.end()


class HeatMap(ChartView):
    """The calendar heat map, with a tooltip on each day: the date, what was done, and its mark."""

    def __init__(self) -> None:
        cells = HeatMapDrawing
        self.map = cells()
        super().__init__(
            self.map,
            "Calendar of the last 12 months",
            QSize(int(cells.LEFT + 53 * 19), int(cells.TOP + 7 * 19 + cells.LEGEND + 4)),
            QSize(int(cells.LEFT + 53 * 8), int(cells.TOP + 7 * 8 + cells.LEGEND)),
        )

    def set_data(
        self, days: Sequence[CalendarDay], marks: Sequence[DayMark] = (), changes: Sequence[PlanChange] = ()
    ) -> None:
        self.map.set_data(days, marks, changes)
        self.update()

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


class WeeklyDoseChart(ChartView):
    """Weekly doses as bars against the plan line."""

    def __init__(self) -> None:
        self.bars = WeeklyDoseDrawing()
        super().__init__(self.bars, "Sessions each week against the plan", QSize(420, 200), QSize(260, 150))

    def set_data(self, weeks: Sequence[WeekDose], changes: Sequence[PlanChange] = ()) -> None:
        self.bars.set_data(weeks, changes)
        self.update()


class PainChart(ChartView):
    """The pain trend: session and next-morning pain with their 7-day means."""

    def __init__(self) -> None:
        self.trend = PainDrawing()
        super().__init__(self.trend, "Pain over time", QSize(420, 200), QSize(260, 150))

    def set_data(self, days: Sequence[PainDay], changes: Sequence[PlanChange] = ()) -> None:
        self.trend.set_data(days, changes)
        self.update()
