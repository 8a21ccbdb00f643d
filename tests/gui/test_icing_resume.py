"""Icing survives the app: a killed app's open run is taken up on the next start, or recorded as ended."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.cli import main
from coach.core.clinical.safety import ICING_END_ADVICE
from coach.core.history.records import IcingStatus
from coach.core.operations.context import Coach
from coach.core.paths import Places
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services
from tests.conftest import REPO

pytestmark = pytest.mark.slow  # starts other processes

CHILD = REPO / "tests" / "fault" / "gui_icing_child.py"


def kill_the_app_while_icing(data_dir: Path, clock_kind: str, minutes: int) -> None:
    """Run the real app in a child process, start icing there, and SIGKILL it once the run is stored."""
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), clock_kind, str(minutes)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "started", "the app died before it was killed"
    finally:
        child.kill()
        child.wait()
        child.stdout.close()


def open_app(qtbot: QtBot, places: Places, clock: FakeClock) -> CoachApp:
    app = CoachApp(Coach(places, clock, store=AdherenceStore.open(places.database)), services=Services())
    qtbot.addWidget(app.window)
    app.window.show()
    return app


def test_a_killed_apps_icing_is_resumed_on_the_next_start(
    qtbot: QtBot, places: Places, data_dir: Path, fake_clock: FakeClock
) -> None:
    kill_the_app_while_icing(data_dir, "fake", 20)
    fake_clock.advance(8 * 60)  # the person restarts the app 8 minutes in

    app = open_app(qtbot, places, fake_clock)
    try:
        assert app.ice.controller.running
        assert app.ice.icing_window.countdown.text() == "12:00"
        assert app.window.ice_button.text() == "Icing — 12 min left"

        fake_clock.advance(12 * 60)
        app.ice.controller.tick()

        (record,) = app.coach.store.icing_runs()
        assert (record.status, record.actual_minutes) == (IcingStatus.FINISHED, 20)
        assert app.window.banner.isVisible()
        assert ICING_END_ADVICE in app.window.banner_text.text()
        assert app.ice.icing_window.isVisible(), "the end is shown even with no sound and no notifications"
        assert app.window.ice_button.text() == "Ice the knee — 20 min"
    finally:
        app.close()


def test_a_run_whose_deadline_passed_while_the_app_was_closed_is_recorded_as_ended(
    qtbot: QtBot, places: Places, data_dir: Path, fake_clock: FakeClock
) -> None:
    kill_the_app_while_icing(data_dir, "fake", 5)
    fake_clock.advance(3 * 3600)

    app = open_app(qtbot, places, fake_clock)
    try:
        assert not app.ice.controller.running
        (record,) = app.coach.store.icing_runs()
        assert record.status is not IcingStatus.OPEN
        assert record.finished_at == datetime(2026, 3, 2, 8, 5, tzinfo=record.started_at.tzinfo)
    finally:
        app.close()


def test_after_a_kill_status_tells_the_run_and_ice_stop_ends_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kill_the_app_while_icing(data_dir, "system", 3)

    status_code = main(["ice", "--status", "--json"])
    status = json.loads(capsys.readouterr().out)
    stop_code = main(["ice", "--stop"])
    stopped = capsys.readouterr().out
    main(["ice", "--status"])
    after = capsys.readouterr().out

    assert status_code == 0
    assert (status["running"], status["minutes_left"], status["planned_minutes"]) == (True, 3, 3)
    ends = datetime.fromisoformat(status["ends_at"])
    assert timedelta(minutes=2) < ends - datetime.now(ends.tzinfo) <= timedelta(minutes=3)
    assert stop_code == 0
    assert stopped.startswith("Icing stopped at ")
    assert " of 3 min. " in stopped
    assert after == "No icing timer is running.\n"
    store = AdherenceStore.open(data_dir / "coach.db")
    try:
        (run,) = store.icing_runs()
    finally:
        store.close()
    assert run.status is IcingStatus.STOPPED
