"""The terminal player, driven by scripted keys on a fake clock: no real seconds pass."""

from __future__ import annotations

import dataclasses
import io

import pytest

from coach.cli.terminal_player import ASK, TerminalPlayer
from coach.core.history.records import SessionStatus
from coach.core.operations import start_session
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState, SessionEngine
from coach.core.session.timer import countdown_text
from coach.core.store.adherence import AdherenceStore
from coach.core.store.errors import StoreError
from tests.cli.fakes import CTRL_C, ScriptedKeys
from tests.helpers import hold, over, reps, routine


def test_the_terminal_countdown_rounds_up_and_shows_minutes() -> None:
    shown = [countdown_text(s, pad_minutes=False) for s in (0, 0.2, 59.01, 60, 125)]

    assert shown == ["0:00", "0:01", "1:00", "1:00", "2:05"]


def test_a_whole_session_plays_to_the_end(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=2, seconds=10, rest_seconds=5)), fake_clock)
    out = io.StringIO()

    TerminalPlayer(engine, out).play(ScriptedKeys(fake_clock, {}))

    assert engine.state is EngineState.FINISHED
    assert "Calf Stretch, set 2 of 2" in out.getvalue()
    assert "\a" in out.getvalue()


def test_wakes_about_once_a_second(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1, seconds=30)), fake_clock)
    keys = ScriptedKeys(fake_clock, {})

    TerminalPlayer(engine, io.StringIO()).play(keys)

    assert keys.reads <= 5 + 30 + 3


def test_q_then_y_stops_and_the_session_is_saved_as_stopped(
    fake_clock: FakeClock, store: AdherenceStore
) -> None:
    live = start_session(over(store, fake_clock), routine(hold(sets=3, seconds=30))).value
    out = io.StringIO()

    TerminalPlayer(live.engine, out).play(ScriptedKeys(fake_clock, {40.0: "q", 45.0: "y"}))

    record = live.record()
    assert ASK in out.getvalue()
    assert out.getvalue().endswith("\r\x1b[KStopped.\n")
    assert (record.status, record.steps_completed) == (SessionStatus.STOPPED, 1)


def test_q_then_another_key_carries_on_from_where_it_paused(
    fake_clock: FakeClock, store: AdherenceStore
) -> None:
    live = start_session(over(store, fake_clock), routine(hold(sets=3, seconds=30))).value
    out = io.StringIO()

    TerminalPlayer(live.engine, out).play(ScriptedKeys(fake_clock, {40.0: "q", 50.0: "n"}))

    record = live.record()
    assert ASK in out.getvalue()
    # "n" answered the question; it did not skip a set
    assert (record.status, record.steps_completed, record.steps_total) == (SessionStatus.COMPLETED, 3, 3)
    # the 10 s spent asking were paused, not counted down
    assert fake_clock.monotonic() - 1000.0 == pytest.approx(live.engine.seconds_total + 10.0, abs=0.01)


def test_q_while_paused_then_another_key_stays_paused(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1, seconds=30)), fake_clock)

    TerminalPlayer(engine, io.StringIO()).play(
        ScriptedKeys(fake_clock, {10.0: " ", 20.0: "q", 21.0: "x", 100.0: " "})
    )

    # 5 s get ready, 5 s of the hold, 90 s paused, then the 25 s left
    assert engine.state is EngineState.FINISHED
    assert fake_clock.monotonic() - 1000.0 == pytest.approx(125.0, abs=0.01)


def test_ctrl_c_stops_at_once_and_the_session_is_saved(fake_clock: FakeClock, store: AdherenceStore) -> None:
    live = start_session(over(store, fake_clock), routine(hold(sets=3, seconds=30))).value

    TerminalPlayer(live.engine, io.StringIO()).play(ScriptedKeys(fake_clock, {40.0: CTRL_C}))

    record = live.record()
    assert (record.status, record.steps_completed) == (SessionStatus.STOPPED, 1)


def test_space_pauses_and_n_skips(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1, seconds=30)), fake_clock)
    out = io.StringIO()

    TerminalPlayer(engine, out).play(ScriptedKeys(fake_clock, {10.0: " ", 100.0: " ", 101.0: "n"}))

    assert "[paused]" in out.getvalue()
    assert engine.state is EngineState.FINISHED
    # 5 s get ready, 5 s of the hold, 90 s paused, 1 s more, then skipped: the hold had 24 s left
    assert fake_clock.monotonic() - 1000.0 == 101.0


def test_a_rep_with_a_hold_shows_lift_hold_and_lower_and_rings_at_the_hold(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(reps(sets=1, reps=1, rep_seconds=2, hold_seconds=5)), fake_clock)
    out = io.StringIO()

    TerminalPlayer(engine, out).play(ScriptedKeys(fake_clock, {}))

    text = out.getvalue()
    assert "LIFT – hold – lower" in text
    assert "lift – HOLD 3 – lower" in text
    assert "lift – hold – LOWER" in text
    assert text.count("\a") >= 2 + 3  # the hold's start and end, and the get-ready countdown


def test_a_step_the_store_cannot_write_pauses_with_a_sentence_not_a_traceback(
    fake_clock: FakeClock,
    store: AdherenceStore,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    live = start_session(over(store, fake_clock), routine(hold(sets=2, seconds=10))).value
    busy = "another program kept the database busy for 10 seconds"
    real_record = store.record_step
    failures = iter([StoreError(busy)])

    def record_step_once_busy(*args: object, **kwargs: object) -> object:
        error = next(failures, None)
        if error is not None:
            raise error
        return real_record(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "record_step", record_step_once_busy)
    out = io.StringIO()

    TerminalPlayer(live.engine, out).play(ScriptedKeys(fake_clock, {60.0: " "}))

    assert f"Paused: this step could not be saved yet ({busy})" in out.getvalue()
    assert "Traceback" not in out.getvalue() + "".join(capsys.readouterr())
    record = live.record()
    assert (record.status, record.steps_completed) == (SessionStatus.COMPLETED, 2)


def test_a_set_until_tired_counts_up_and_enter_ends_it_with_the_reps_typed(
    fake_clock: FakeClock, store: AdherenceStore
) -> None:
    until_tired = dataclasses.replace(reps(sets=1), reps_range=(10, 15), until_tired=True)
    live = start_session(over(store, fake_clock), routine(until_tired)).value
    out = io.StringIO()

    TerminalPlayer(live.engine, out).play(ScriptedKeys(fake_clock, {40.0: "1", 40.1: "2", 40.2: "\n"}))

    assert live.engine.state is EngineState.FINISHED
    assert "until tired, about 10–15 reps" in out.getvalue()
    assert "12 typed" in out.getvalue()
    (result,) = [r for r in store.step_results([live.session_id]) if r.kind == "rep"]
    assert result.reps_done == 12


def test_a_tempo_rep_says_its_phases_in_words(fake_clock: FakeClock) -> None:
    tempo = dataclasses.replace(reps(sets=1, reps=1), rep_seconds=5.0, tempo=(2.0, 0.0, 3.0))
    engine = SessionEngine(routine(tempo), fake_clock)
    out = io.StringIO()

    TerminalPlayer(engine, out).play(ScriptedKeys(fake_clock, {}))

    assert "lift" in out.getvalue().lower()
    assert "lower" in out.getvalue().lower()


def test_a_run_walk_says_run_and_walk_at_each_change_and_counts_the_last_10_seconds(
    fake_clock: FakeClock,
) -> None:
    from coach.core.routines.model import Exercise, ExerciseKind, RunWalk

    intervals = RunWalk(30, 20, 2)
    exercise = Exercise(
        "run-walk", "Run-walk", ExerciseKind.RUN_WALK, run_walk=intervals, stages=(intervals,)
    )
    engine = SessionEngine(routine(exercise), fake_clock)
    out = io.StringIO()

    TerminalPlayer(engine, out).play(ScriptedKeys(fake_clock, {}))

    shown = out.getvalue()
    assert engine.state is EngineState.FINISHED
    assert shown.count("RUN: Run, 30 seconds.\n") == 2
    assert shown.count("WALK: Walk, 20 seconds.\n") == 2
    assert "RUN   0:10  Run 30 s, 1 of 2  WALK in 10" in shown
    assert "WALK  0:03  Walk 20 s, 1 of 2  RUN in 3" in shown
    assert "RUN   0:11" in shown
    assert "RUN   0:11  Run 30 s, 1 of 2  WALK in" not in shown  # counted from 10, not before
