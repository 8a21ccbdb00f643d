"""The chart drawings on their own: colour steps, geometry, and painting with no data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QPalette
from pytestqt.qtbot import QtBot

from coach.core.history.dose_calendar import CalendarDay
from coach.core.history.pain import PainDay
from coach.core.history.records import DayMark, DayMarkKind
from coach.gui.charts import (
    ACCENT,
    HeatMap,
    HeatMapDrawing,
    PainChart,
    PainDrawing,
    WeeklyDoseChart,
    share_step,
)

MONDAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("share", "step"), [(0.0, 0), (0.1, 1), (0.25, 1), (0.5, 2), (0.6, 3), (0.75, 3), (0.9, 4), (1.0, 4)]
)
def test_shares_fall_in_four_steps_of_the_accent(share: float, step: int) -> None:
    assert share_step(share) == step


def test_a_day_is_drawn_in_its_weeks_column_and_weekdays_row() -> None:
    drawing = HeatMapDrawing()
    days = [CalendarDay(MONDAY + timedelta(days=n), 0.0, planned=True) for n in range(14)]
    drawing.set_data(days)
    rect = QRectF(0, 0, 400, 200)

    first, wednesday_next = drawing.cell_rect(MONDAY, rect), drawing.cell_rect(date(2026, 3, 11), rect)

    assert wednesday_next.left() == pytest.approx(first.left() + first.width())
    assert wednesday_next.top() == pytest.approx(first.top() + 2 * first.height())
    assert drawing.day_at(wednesday_next.center(), rect) == days[9]


def test_a_marked_day_says_its_kind_and_reason_and_an_empty_one_says_no_exercise() -> None:
    drawing = HeatMapDrawing()
    flare = CalendarDay(MONDAY, 0.0, mark=DayMarkKind.FLARE_UP)
    drawing.set_data(
        [flare, CalendarDay(MONDAY + timedelta(days=1), 0.0, planned=True)],
        [DayMark(1, DayMarkKind.FLARE_UP, MONDAY, MONDAY, "swollen")],
    )

    assert drawing.tooltip(flare) == "Monday 02 March 2026\nFlare-up: swollen"
    assert drawing.tooltip(drawing.days[1]).endswith("No exercise")


def test_a_full_day_paints_in_the_accent_on_any_palette(qtbot: QtBot) -> None:  # text needs the app
    drawing = HeatMapDrawing()
    drawing.set_data([CalendarDay(MONDAY, 1.0, planned=True)])
    image = QImage(300, 160, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    rect = QRectF(image.rect())
    drawing.paint(painter, rect, QPalette())
    painter.end()

    assert image.pixelColor(drawing.cell_rect(MONDAY, rect).center().toPoint()) == ACCENT


def test_the_chart_views_paint_without_data(qtbot: QtBot) -> None:
    for chart in (HeatMap(), WeeklyDoseChart(), PainChart()):
        qtbot.addWidget(chart)
        chart.resize(400, 200)
        assert not chart.grab().isNull()


def test_the_baseline_before_a_session_is_drawn_as_a_bar_at_its_pain(qtbot: QtBot) -> None:
    drawing = PainDrawing()
    days = [PainDay(MONDAY + timedelta(days=n), None, None, None, None) for n in range(7)]
    days[3] = PainDay(MONDAY + timedelta(days=3), None, None, None, None, before_pain=4)
    drawing.set_data(days)
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    rect = QRectF(image.rect())
    drawing.paint(painter, rect, QPalette())
    painter.end()

    at = drawing.point(days[3].day, 4, rect).toPoint()
    beside = drawing.point(days[2].day, 4, rect).toPoint()
    assert image.pixelColor(at).alpha() > 200  # the bar, in the text colour
    assert image.pixelColor(beside).alpha() < 100  # only the faint grid line where there was no baseline
