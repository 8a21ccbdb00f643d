"""Writes never hold the window while another program holds the write lock: an icing step's start inside a
routine, and the tidying of what a killed app left at the next start, wait their turn off the event loop
(each try waits a moment at most, the next comes from a timer) and are recorded once the lock is let go."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.history.records import IcingStatus, SessionStatus
from coach.core.operations.context import Coach
from coach.core.operations.icing_steps import IcingStepStart
from coach.core.operations.sessions import start_session
from coach.core.paths import Places
from coach.core.routines.loader import load_routine
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.core.session.recovery import LIVE_WITHIN
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services
from coach.gui.player import PlayerView
from tests.conftest import EXAMPLE
from tests.gui.driving import advance, press
from tests.gui.stalls import StallMeter

# The longest the event loop may be held by a write waiting for the lock: a try waits 20 ms at most; the
# rest is the machine (other suites share its two cores).
LONGEST_STALL = 0.2


@pytest.fixture
def other_writer(places: Places) -> Iterator[sqlite3.Connection]:
    """Another program's connection to the same database, for holding its write lock."""
    AdherenceStore.open(places.database).close()  # the file and its tables, as the app makes them
    connection = sqlite3.connect(places.database, check_same_thread=False)
    yield connection
    connection.close()


@pytest.fixture
def meter() -> Iterator[StallMeter]:
    meter = StallMeter().start()
    yield meter
    meter.stop()


def ice_in_the_middle(tmp_path: Path) -> Path:
    """The example routine with its icing step moved before its exercises: it begins mid-session."""
    ice_first = tmp_path / "ice-first.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    ice = text.index('[[exercises]]\nid = "ice"')
    first = text.index("[[exercises]]")
    ice_first.write_text(text[:first] + text[ice:] + "\n" + text[first:ice], encoding="utf-8")
    return ice_first


def up_to_the_ice(coach_app: CoachApp, fake_clock: FakeClock, tmp_path: Path) -> tuple[PlayerView, int]:
    """Play the routine to half a second before its icing step begins; the player and the step's index."""
    player = coach_app.sessions.play_routine(load_routine(ice_in_the_middle(tmp_path)))
    assert player is not None
    steps = player.engine.steps
    at_ice = next(i for i, step in enumerate(steps) if step.icing)
    advance(player, fake_clock, sum(step.seconds for step in steps[:at_ice]) - 0.5)
    return player, at_ice


def test_an_icing_step_begins_while_another_program_holds_the_lock_without_freezing_the_window(
    qtbot: QtBot,
    coach_app: CoachApp,
    fake_clock: FakeClock,
    other_writer: sqlite3.Connection,
    meter: StallMeter,
    tmp_path: Path,
) -> None:
    player, at_ice = up_to_the_ice(coach_app, fake_clock, tmp_path)
    live = coach_app.sessions.live
    assert live is not None
    assert live.unsaved == []
    icing_seconds = player.engine.steps[at_ice].seconds
    began = fake_clock.wall() + timedelta(seconds=0.5)
    other_writer.execute("BEGIN IMMEDIATE")  # held for as long as the store would wait (10 s), and more

    meter.around(qtbot, lambda: advance(player, fake_clock, 1.0))  # the icing step begins while it is held

    assert meter.longest < LONGEST_STALL, f"the event loop was held {meter.longest:.3f} s"
    assert player.engine.state is EngineState.RUNNING, "the player keeps counting"
    assert player.engine.index == at_ice
    assert player.engine.remaining() == pytest.approx(icing_seconds - 0.5), "the ice counts from its start"
    assert coach_app.coach.store.icing_runs() == []
    assert any(isinstance(waiting, IcingStepStart) for waiting in live.unsaved), "its run waits its turn"

    meter.around(qtbot, lambda: advance(player, fake_clock, 3.0))  # still held: the ice counts on
    other_writer.commit()
    qtbot.waitUntil(lambda: live.unsaved == [])  # the saving timer's next try, off the player's tick

    assert meter.longest < LONGEST_STALL, f"the event loop was held {meter.longest:.3f} s"
    (run,) = coach_app.coach.store.icing_runs()
    assert (run.status, run.session_id, run.planned_minutes) == (IcingStatus.OPEN, live.session_id, 20)
    assert abs((run.started_at - began).total_seconds()) < 0.01, "recorded as begun when the step began"
    assert player.engine.remaining() == pytest.approx(icing_seconds - 3.5), "one deadline, not restarted"
    press(qtbot, player, Qt.Key.Key_Space)  # a pause does not pause the ice
    fake_clock.advance(icing_seconds)
    player.tick()
    qtbot.waitUntil(lambda: live.unsaved == [])
    (run,) = coach_app.coach.store.icing_runs()
    assert (run.status, run.actual_minutes) == (IcingStatus.FINISHED, 20)
    assert player.engine.index == at_ice + 1


def test_an_icing_step_skipped_before_its_start_was_recorded_records_both_in_order(
    qtbot: QtBot,
    coach_app: CoachApp,
    fake_clock: FakeClock,
    other_writer: sqlite3.Connection,
    meter: StallMeter,
    tmp_path: Path,
) -> None:
    player, at_ice = up_to_the_ice(coach_app, fake_clock, tmp_path)
    live = coach_app.sessions.live
    assert live is not None
    other_writer.execute("BEGIN IMMEDIATE")

    meter.around(qtbot, lambda: advance(player, fake_clock, 0.5 + 90))  # 90 s of ice, the lock still held
    meter.around(qtbot, lambda: press(qtbot, player, Qt.Key.Key_Right))  # the person skips the rest

    assert meter.longest < LONGEST_STALL, f"the event loop was held {meter.longest:.3f} s"
    assert player.engine.index == at_ice + 1
    assert coach_app.coach.store.icing_runs() == []
    other_writer.commit()
    qtbot.waitUntil(lambda: live.unsaved == [])

    (run,) = coach_app.coach.store.icing_runs()
    assert (run.status, run.session_id) == (IcingStatus.STOPPED, live.session_id)
    assert run.actual_minutes == pytest.approx(1.5), "the minutes iced before it was skipped"
    assert coach_app.coach.store.open_icing_runs() == []
    assert at_ice in coach_app.coach.store.done_step_indexes(live.session_id)


def test_what_a_killed_app_left_is_tidied_at_the_next_start_in_its_turn(
    qtbot: QtBot, places: Places, fake_clock: FakeClock, other_writer: sqlite3.Connection, meter: StallMeter
) -> None:
    store = AdherenceStore.open(places.database)
    coach = Coach(places, fake_clock, store=store)
    run_id = store.begin_icing(fake_clock.wall(), 20)  # a killed app's icing: its deadline passes
    older = start_session(coach, load_routine(EXAMPLE)).value.session_id  # and two sessions it died in
    fake_clock.advance(3600)
    newer = start_session(coach, load_routine(EXAMPLE)).value.session_id
    store.close()
    fake_clock.advance(LIVE_WITHIN.total_seconds() + 60)
    other_writer.execute("BEGIN IMMEDIATE")  # another program writes as the app starts
    apps: list[CoachApp] = []

    def start() -> None:  # as coach/gui/main.py starts it
        app = CoachApp(Coach(places, fake_clock, store=AdherenceStore.open(places.database)), Services())
        apps.append(app)
        qtbot.addWidget(app.window)
        app.window.show()
        app.sessions.offer_recovery()
        app.sessions.offer_morning_check_in()

    try:
        meter.around(qtbot, start)
        (app,) = apps
        assert meter.longest < LONGEST_STALL, f"the event loop was held {meter.longest:.3f} s"
        assert app.coach.store.icing_run(run_id).status is IcingStatus.OPEN, "its closing waits its turn"
        assert app.sessions.recovery_dialog is None
        meter.around(qtbot, lambda: None)  # the tries go on, each a moment at most
        other_writer.commit()
        qtbot.waitUntil(lambda: app.sessions.recovery_dialog is not None and not app.ice.controller.resuming)

        assert meter.longest < LONGEST_STALL, f"the event loop was held {meter.longest:.3f} s"
        ran = app.coach.store.icing_run(run_id)
        assert (ran.status, ran.actual_minutes) == (IcingStatus.STOPPED, 20), "ended at its deadline"
        assert app.coach.store.session(older).status is SessionStatus.STOPPED
        offer = app.sessions.recovery
        assert offer is not None
        assert offer.record.id == newer
        assert not app.ice.controller.saving.isActive()
    finally:
        for app in apps:
            app.close()
