"""Every chart in History has its figures behind it, as a table a screen reader can read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.charts import ChartOrTable
from tests.gui.driving import finish_a_session, key_click


def cells(panel: ChartOrTable, row: int) -> list[str]:
    table = panel.table
    items = [table.item(row, column) for column in range(table.columnCount())]
    return [item.text() if item is not None else "" for item in items]


def test_each_chart_shows_its_figures_as_a_table_at_a_key_press(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    page = finish_a_session(qtbot, coach_app, fake_clock)
    page.pain_slider.setValue(3)
    page.save()
    history = coach_app.show_history()
    today = coach_app.coach.today()[0]

    panels = history.findChildren(ChartOrTable)
    for panel in panels:
        panel.toggle.setFocus()
        key_click(panel.toggle, Qt.Key.Key_Space)

    assert len(panels) == 3
    assert all(panel.pages.currentWidget() is panel.table for panel in panels)
    calendar, weekly, pain = history.calendar_panel, history.weekly_panel, history.pain_panel
    last_day = cells(calendar, calendar.table.rowCount() - 1)
    assert last_day[0] == today.isoformat()
    assert "Gentle start" in last_day[1]
    assert cells(weekly, weekly.table.rowCount() - 1)[1] == "1"
    assert cells(pain, pain.table.rowCount() - 1)[:3] == [today.isoformat(), "–", "3"]

    key_click(weekly.toggle, Qt.Key.Key_Space)

    assert weekly.pages.currentWidget() is weekly.chart
    assert weekly.toggle.text() == "Show as table"


def test_a_table_that_shows_follows_new_figures(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    history = coach_app.show_history()
    history.weekly_panel.toggle.setChecked(True)
    rows_before = history.weekly_panel.table.rowCount()

    page = finish_a_session(qtbot, coach_app, fake_clock)
    page.save()

    assert history.weekly_panel.table.rowCount() >= rows_before
    assert cells(history.weekly_panel, history.weekly_panel.table.rowCount() - 1)[1] == "1"
