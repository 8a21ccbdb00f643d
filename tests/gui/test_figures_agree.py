"""One figure, one answer: the main window, History, `coach history --json` and the report give the same
week, plan, adherence and streak for the same data (a new person after one Thursday session once read
"This week: 1 of 2" in the window, "last 4 weeks 100 %" in History beside a bar drawn short of its plan,
and "Plan: 3 sessions a week" in the PDF under a chart whose plan line was 2)."""

from __future__ import annotations

import argparse
import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QRectF

from coach.cli.history import history_command
from coach.core.history.period import Period
from coach.core.operations import start_session
from coach.core.operations.context import Coach
from coach.core.operations.exports import read_period_report
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.charts.weekly_dose import WeeklyDoseDrawing
from coach.gui.report import _figures

THURSDAY = datetime(2026, 3, 5, 18, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(wall=THURSDAY)


def one_session(coach: Coach, clock: FakeClock) -> None:
    entry = coach.library.find("hip-strength")  # 3 sessions a week
    assert entry is not None
    live = start_session(coach, entry.routine).value
    live.engine.start()
    clock.advance(live.engine.seconds_total)
    live.engine.tick()


def test_the_window_history_the_command_line_and_the_report_agree(
    coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    coach = coach_app.coach
    one_session(coach, fake_clock)
    coach_app.refresh_summary()

    # The main window's line
    window_line = coach_app.window.summary.text()
    # `coach history --json`, on the same context
    out = io.StringIO()
    history_command(_args(), coach, out)
    summary = json.loads(out.getvalue())["summary"]
    # History
    overview = coach_app.show_history().overview
    assert overview is not None
    # The report
    report = read_period_report(coach, Period())

    this_week = overview.weeks[-1]
    assert window_line.startswith(
        f"This week: {summary['this_week']['sessions']} of {summary['this_week']['planned']}"
    )
    assert (this_week.done, this_week.planned) == (
        summary["this_week"]["sessions"],
        summary["this_week"]["planned"],
    )
    assert report.weeks[-1] == this_week
    assert report.plan == this_week.plan  # the plan in force
    # and the report's text says the first week's own plan, the one its chart draws
    assert f"{this_week.planned} in the first week" in dict(_figures(report))["Plan"]
    assert overview.adherence_short == pytest.approx(100 * summary["adherence_4_weeks"])
    assert report.streak == overview.streak
    assert summary["streak"] == {
        "unit": overview.streak.unit,
        "current": overview.streak.current,
        "longest": overview.streak.longest,
    }
    # The week under way is not drawn as a week short of its plan
    drawing = WeeklyDoseDrawing()
    drawing.set_data(overview.weeks, (), coach.today()[0])
    assert drawing._under_way(this_week)
    assert not this_week.met
    assert drawing.bar_rect(len(overview.weeks) - 1, QRectF(0, 0, 400, 200)).height() > 0


def _args() -> argparse.Namespace:
    return argparse.Namespace(window=False, json=True, include_simulated=False)
