"""When the store cannot write for a while (another program holds its lock), no step is lost in the window."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.history.records import IcingStatus
from coach.core.operations import LiveSession
from coach.core.operations.icing import IcingEnding
from coach.core.routines.loader import load_routine
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.core.store import writing
from coach.gui.app import CoachApp
from coach.gui.player import PlayerView
from coach.gui.session_end import SessionEndPage
from tests.conftest import EXAMPLE
from tests.gui.driving import advance, press, start_from_the_window


@pytest.fixture
def other_writer(coach_app: CoachApp) -> Iterator[sqlite3.Connection]:
    """Another program's connection to the same database, for holding its write lock."""
    assert coach_app.coach.store.path is not None
    connection = sqlite3.connect(coach_app.coach.store.path, check_same_thread=False)
    yield connection
    connection.close()


def stored_steps(coach_app: CoachApp, session_id: int) -> list[int]:
    return coach_app.coach.store.done_step_indexes(session_id)


def play(coach_app: CoachApp, routine: Path = EXAMPLE) -> tuple[PlayerView, LiveSession]:
    """Start `routine` in the player: the player and the session it writes."""
    player = coach_app.sessions.play_routine(load_routine(routine))
    assert player is not None
    live = coach_app.sessions.live
    assert live is not None
    return player, live


def test_a_lock_held_for_a_second_loses_no_step(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock, other_writer: sqlite3.Connection
) -> None:
    player, live = play(coach_app)
    other_writer.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, other_writer.commit)
    release.start()

    advance(player, fake_clock, player.engine.seconds_total)  # every step finishes while the lock is held
    release.join()

    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    assert stored_steps(coach_app, live.session_id) == list(range(len(player.engine.steps)))
    assert live.record().status.value == "completed"


def test_a_step_that_cannot_be_saved_within_the_busy_timeout_pauses_the_session_and_says_so(
    qtbot: QtBot,
    coach_app: CoachApp,
    fake_clock: FakeClock,
    other_writer: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(writing, "BUSY_TIMEOUT_SECONDS", 0.05)
    coach_app.coach.store._db.execute("PRAGMA busy_timeout = 50")
    player, live = play(coach_app)
    first, second = player.engine.steps[0], player.engine.steps[1]
    other_writer.execute("BEGIN IMMEDIATE")

    # The first step waits its turn; the second ends past the (shortened) busy timeout since
    advance(player, fake_clock, first.seconds + 0.1)
    states = [player.engine.state]
    advance(player, fake_clock, second.seconds)

    assert states == [EngineState.RUNNING]
    assert player.engine.state is EngineState.PAUSED
    assert player.state_label.isVisible()
    assert "could not be saved" in player.state_label.text()
    assert "busy" in player.state_label.text()
    assert len(live.unsaved) == 2

    other_writer.commit()
    press(qtbot, player, Qt.Key.Key_Space)  # carry on: the kept step is written with the next one
    advance(player, fake_clock, player.engine.seconds_total)

    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    assert live.unsaved == []
    assert stored_steps(coach_app, live.session_id) == list(range(len(player.engine.steps)))


def test_when_the_end_cannot_be_saved_the_player_still_finishes_and_says_so(
    qtbot: QtBot,
    coach_app: CoachApp,
    fake_clock: FakeClock,
    other_writer: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(writing, "BUSY_TIMEOUT_SECONDS", 0.05)
    coach_app.coach.store._db.execute("PRAGMA busy_timeout = 50")
    player = start_from_the_window(qtbot, coach_app, "Ice the knee (20 minutes)")
    other_writer.execute("BEGIN IMMEDIATE")

    with qtbot.waitSignal(coach_app.runner.refused) as said:
        advance(player, fake_clock, player.engine.seconds_total)

    assert "busy" in said.args[0]
    assert isinstance(coach_app.window.pages.currentWidget(), SessionEndPage)
    other_writer.rollback()


def test_a_lock_held_by_another_program_never_freezes_the_player(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock, other_writer: sqlite3.Connection
) -> None:
    player, live = play(coach_app)
    first, second = player.engine.steps[0], player.engine.steps[1]
    other_writer.execute("BEGIN IMMEDIATE")  # held for as long as the store would wait (10 s), and more

    started = time.monotonic()
    advance(player, fake_clock, first.seconds + second.seconds / 2)  # the first step ends while it is held
    stalled = time.monotonic() - started

    assert stalled < 0.5, f"the GUI thread waited {stalled:.2f} s for the lock"
    assert player.engine.state is EngineState.RUNNING, "the player keeps counting"
    assert player.engine.index == 1
    assert len(live.unsaved) == 1, "the step waits its turn"
    other_writer.commit()
    qtbot.waitUntil(lambda: live.unsaved == [])  # written by the next try, off the player's tick
    assert stored_steps(coach_app, live.session_id) == [0]


def test_the_end_of_a_session_waits_its_turn_without_freezing_the_window(
    qtbot: QtBot,
    coach_app: CoachApp,
    fake_clock: FakeClock,
    other_writer: sqlite3.Connection,
    tmp_path: Path,
) -> None:
    without_ice = tmp_path / "knee-basics.toml"  # its exercises, not its icing (a live run of its own)
    text = EXAMPLE.read_text(encoding="utf-8")
    without_ice.write_text(text[: text.index('[[exercises]]\nid = "ice"')], encoding="utf-8")
    player, live = play(coach_app, without_ice)
    advance(player, fake_clock, player.engine.seconds_total - 0.5)
    other_writer.execute("BEGIN IMMEDIATE")  # another program holds the lock as the session ends

    started = time.monotonic()
    advance(player, fake_clock, 1.0)
    stalled = time.monotonic() - started

    assert stalled < 0.5, f"the GUI thread waited {stalled:.2f} s for the lock"
    assert live.unsaved, "the end waits its turn"
    assert not isinstance(coach_app.window.pages.currentWidget(), SessionEndPage)
    other_writer.commit()
    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    assert live.unsaved == []
    assert len(stored_steps(coach_app, live.session_id)) == len(player.engine.steps)


def test_the_end_of_an_icing_step_waits_its_turn_without_freezing_the_window(
    qtbot: QtBot,
    coach_app: CoachApp,
    fake_clock: FakeClock,
    other_writer: sqlite3.Connection,
    tmp_path: Path,
) -> None:
    ice_first = tmp_path / "ice-first.toml"  # the icing step ends in the middle of the session
    text = EXAMPLE.read_text(encoding="utf-8")
    ice = text.index('[[exercises]]\nid = "ice"')
    first = text.index("[[exercises]]")
    ice_first.write_text(text[:first] + text[ice:] + "\n" + text[first:ice], encoding="utf-8")
    player, live = play(coach_app, ice_first)
    icing_seconds = next(step.seconds for step in player.engine.steps if step.icing)
    before_ice = next(i for i, step in enumerate(player.engine.steps) if step.icing)
    advance(player, fake_clock, sum(step.seconds for step in player.engine.steps[:before_ice]))
    advance(player, fake_clock, icing_seconds - 0.5)  # the ice is on, its run recorded open
    (run,) = coach_app.coach.store.open_icing_runs()
    other_writer.execute("BEGIN IMMEDIATE")  # held for as long as the store would wait (10 s), and more

    started = time.monotonic()
    advance(player, fake_clock, 1.0)  # the icing step ends while it is held
    stalled = time.monotonic() - started

    assert stalled < 0.5, f"the GUI thread waited {stalled:.2f} s for the lock"
    assert player.engine.state is EngineState.RUNNING, "the player keeps counting"
    assert player.engine.index == before_ice + 1
    assert any(isinstance(waiting, IcingEnding) for waiting in live.unsaved), "the run's end waits its turn"
    assert coach_app.coach.store.icing_run(run.id).status is IcingStatus.OPEN
    other_writer.commit()
    qtbot.waitUntil(lambda: live.unsaved == [])  # written by the next try, off the player's tick
    (recorded,) = coach_app.coach.store.icing_runs()
    assert (recorded.id, recorded.status, recorded.actual_minutes) == (run.id, IcingStatus.FINISHED, 20)
