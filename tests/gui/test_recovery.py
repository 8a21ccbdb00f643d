"""A session the app died in is offered on the next start: resume it, or close it as stopped early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from coach.core.history.records import SessionStatus
from coach.core.operations.context import Coach
from coach.core.paths import Places
from coach.core.routines.model import plan_steps
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState, resume_point
from coach.core.session.recovery import LIVE_WITHIN
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services
from coach.gui.player import PlayerView
from coach.gui.recovery import RecoveryDialog
from coach.gui.session_end import SessionEndPage
from tests.conftest import REPO, write
from tests.gui.driving import click, state_of

CHILD = REPO / "tests" / "fault" / "gui_session_child.py"
STEPS_BEFORE_KILL = 40


def kill_the_app_mid_session(data_dir: Path, routine_id: str) -> list[int]:
    """Run the real app in a child process and SIGKILL it after some steps; the steps it reported."""
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), routine_id], stdout=subprocess.PIPE, text=True, cwd=REPO, env=env
    )
    assert child.stdout is not None
    reported: list[int] = []
    try:
        for line in child.stdout:
            reported.append(int(line))
            if len(reported) >= STEPS_BEFORE_KILL:
                break
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert len(reported) == STEPS_BEFORE_KILL, "the app died before it was killed"
    return reported


def die_with(player: PlayerView) -> None:
    """The player dies with its app: no timer of it ever ticks again (into the closed store)."""
    for timer in player.findChildren(QTimer):
        timer.stop()
    player.deleteLater()


def open_app(qtbot: QtBot, places: Places, clock: FakeClock) -> CoachApp:
    app = CoachApp(Coach(places, clock, store=AdherenceStore.open(places.database)), services=Services())
    qtbot.addWidget(app.window)
    app.window.show()
    return app


@pytest.mark.slow
def test_a_killed_session_is_offered_on_the_next_start_and_resumes_with_every_step_intact(
    qtbot: QtBot, places: Places, data_dir: Path, fake_clock: FakeClock
) -> None:
    reported = kill_the_app_mid_session(data_dir, "hip-strength")
    app = open_app(qtbot, places, fake_clock)
    try:
        [record] = app.coach.store.open_sessions()
        assert app.coach.store.done_step_indexes(record.id) == reported == list(range(STEPS_BEFORE_KILL))

        app.sessions.offer_recovery()

        dialog = app.sessions.recovery_dialog
        assert isinstance(dialog, RecoveryDialog)
        qtbot.waitUntil(dialog.isVisible)
        assert f"The {record.steps_completed} of {record.steps_total} reps and holds you did are saved" in (
            dialog.informativeText()
        )
        click(dialog.resume_button)

        player = app.sessions.player
        assert player is not None
        steps = plan_steps(player.routine)
        assert player.engine.index == resume_point(steps, reported)
        assert state_of(player) is EngineState.RUNNING
        while state_of(player) is EngineState.RUNNING:
            fake_clock.advance(min(player.engine.remaining(), 30.0))
            player.tick()
        qtbot.waitUntil(lambda: isinstance(app.window.pages.currentWidget(), SessionEndPage))

        finished = app.coach.store.session(record.id)
        assert finished.status is SessionStatus.COMPLETED
        assert finished.steps_completed == finished.steps_total
        assert app.coach.store.done_step_indexes(record.id) == list(range(len(steps)))
        assert len(app.coach.store.sessions()) == 1
    finally:
        app.close()


def test_a_killed_session_can_be_closed_as_stopped_early(
    qtbot: QtBot, places: Places, data_dir: Path, fake_clock: FakeClock
) -> None:
    store = AdherenceStore.open(places.database)
    crashed = CoachApp(Coach(places, fake_clock, store=store), services=Services())
    player = crashed.sessions.start_routine("hip-strength")
    assert player is not None
    fake_clock.advance(5 + 3 * 4 + 1)
    player.tick()
    store.close()  # the app "dies": no stop, no finish
    die_with(player)
    crashed.window.deleteLater()
    fake_clock.advance(LIVE_WITHIN.total_seconds())  # started again later

    app = open_app(qtbot, places, fake_clock)
    try:
        app.sessions.offer_recovery()
        dialog = app.sessions.recovery_dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        click(dialog.close_button)

        [record] = app.coach.store.sessions()
        assert record.status is SessionStatus.STOPPED
        assert record.steps_completed == 4
        assert app.sessions.player is None
        assert app.window.pages.currentWidget() is app.window.library_page
    finally:
        app.close()


def test_nothing_is_offered_when_every_session_finished(
    qtbot: QtBot, places: Places, fake_clock: FakeClock
) -> None:
    app = open_app(qtbot, places, fake_clock)
    try:
        app.sessions.offer_recovery()
        assert app.sessions.recovery_dialog is None
    finally:
        app.close()


def test_a_session_whose_routine_file_changed_is_offered_but_cannot_be_resumed(
    qtbot: QtBot, places: Places, data_dir: Path, fake_clock: FakeClock
) -> None:
    mine = data_dir / "routines" / "mine.toml"
    text = (
        'format = 1\nid = "mine"\ntitle = "Mine"\n[[exercises]]\nid = "a"\nname = "A"\nsets = 1\nreps = 4\n'
    )
    write(mine, text)
    store = AdherenceStore.open(places.database)
    crashed = CoachApp(Coach(places, fake_clock, store=store), services=Services())
    player = crashed.sessions.start_routine("mine")
    assert player is not None
    store.close()  # the app "dies"
    die_with(player)
    crashed.window.deleteLater()
    fake_clock.advance(LIVE_WITHIN.total_seconds())  # started again later
    write(mine, text.replace("reps = 4", "reps = 4\nrest_seconds = 30"))  # the same steps, a new file

    app = open_app(qtbot, places, fake_clock)
    try:
        app.sessions.offer_recovery()
        dialog = app.sessions.recovery_dialog
        assert dialog is not None
        assert not dialog.resume_button.isEnabled()
        assert "It cannot be resumed: its routine file has changed since." in dialog.informativeText()
    finally:
        app.close()
