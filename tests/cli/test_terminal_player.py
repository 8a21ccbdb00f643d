"""The terminal player, driven by scripted keys on a fake clock: no real seconds pass."""

from __future__ import annotations

import io

from coach.cli.terminal_player import TerminalPlayer, format_seconds
from coach.core.history.records import SessionStatus
from coach.core.operations import start_session
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState, SessionEngine
from coach.core.store.adherence import AdherenceStore
from tests.helpers import hold, routine


class ScriptedKeys:
    """Each read lets the asked-for time pass on the fake clock, and presses a key at a given moment."""

    def __init__(self, clock: FakeClock, presses: dict[float, str]) -> None:
        self.clock = clock
        self.presses = dict(sorted(presses.items()))
        self.elapsed = 0.0
        self.reads = 0

    def read(self, timeout: float) -> str | None:
        self.reads += 1
        assert self.reads < 10_000, "the player never finished"
        for at, key in list(self.presses.items()):
            if self.elapsed + timeout >= at:
                self.clock.advance(max(0.0, at - self.elapsed))
                self.elapsed = max(self.elapsed, at)
                del self.presses[at]
                return key
        self.clock.advance(timeout)
        self.elapsed += timeout
        return None


def test_format_seconds_rounds_up() -> None:
    assert [format_seconds(s) for s in (0, 0.2, 59.01, 60, 125)] == ["0:00", "0:01", "1:00", "1:00", "2:05"]


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


def test_q_quits_and_the_session_is_saved_as_stopped(fake_clock: FakeClock, store: AdherenceStore) -> None:
    plan = routine(hold(sets=3, seconds=30))
    recorder = start_session(store, plan, fake_clock).value
    engine = recorder.engine

    TerminalPlayer(engine, io.StringIO()).play(ScriptedKeys(fake_clock, {40.0: "q"}))

    record = store.session(recorder.session_id)
    assert (record.status, record.steps_completed) == (SessionStatus.STOPPED, 1)


def test_space_pauses_and_n_skips(fake_clock: FakeClock) -> None:
    engine = SessionEngine(routine(hold(sets=1, seconds=30)), fake_clock)
    out = io.StringIO()

    TerminalPlayer(engine, out).play(ScriptedKeys(fake_clock, {10.0: " ", 100.0: " ", 101.0: "n"}))

    assert "[paused]" in out.getvalue()
    assert engine.state is EngineState.FINISHED
    # 5 s get ready, 5 s of the hold, 90 s paused, 1 s more, then skipped: the hold had 24 s left
    assert fake_clock.monotonic() - 1000.0 == 101.0
