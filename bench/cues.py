"""Cues on time: how late a cue's sound starts after its moment, and whether a long session drifts.

Latency, in real time (this process, offscreen): the real player (PlayerView) runs a routine of tempo reps
(up 1 s, hold 1 s, down 1 s: a cue at each rep's start, at the hold and at the lowering) on the system
clock, with the real EffectsPlayer; the moment each cue's effect is started (QSoundEffect.play() where Qt
has an audio output, the same call on a stand-in effect where it has none, as in CI) is compared with the
cue's moment in the plan, the session's start + the seconds of the steps before it + the phase's offset.
Baseline: a bare precise QTimer set for the same moments in the same event loop, how late it fires.

Drift, on a virtual clock: the same player over 30 minutes of tempo reps on a FakeClock, each wake-up of
its timer made late as a real timer is (the bare timer's lateness of the latency run, cycled); a cue's
error is its time on that clock less its planned moment. Drift is the last minute's largest error less
the first minute's: zero when moments are the plan's (start + k × period) and lateness does not add up.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt, QTimer

from coach.core.paths import shipped
from coach.core.routines.loader import check_routine_text
from coach.core.routines.model import Routine, Step
from coach.core.session.clock import Clock, FakeClock, SystemClock
from coach.core.session.engine import EngineState, SessionEngine
from coach.services.sound import Cue, Effect, EffectsPlayer
from coach.services.voice import NullVoice

if TYPE_CHECKING:
    from coach.gui.player import PlayerView

ROUTINE = """\
format = 3
id = "bench-tempo"
title = "Tempo reps"
sessions_per_week = 3

[[exercises]]
id = "tempo-squat"
name = "Tempo squat"
instructions = ["Up for 1, hold 1, down for 1."]
sets = {sets}
reps = {reps}
tempo = [1, 1, 1]
rest_seconds = 5
"""

DRIFT_MINUTES = 30


def tempo_routine(sets: int, reps: int) -> Routine:
    """The benchmark's routine of tempo reps."""
    checked = check_routine_text(ROUTINE.format(sets=sets, reps=reps), Path("bench-tempo.toml"))
    if checked.routine is None:
        raise SystemExit(f"bench: the tempo routine does not load: {checked.problems}")
    return checked.routine


def planned_moment(steps: tuple[Step, ...], starts: list[float], index: int, cue: Cue) -> float:
    """When `cue` of step `index` is due: the step's planned start, plus the phase's offset in a rep."""
    step = steps[index]
    if cue is Cue.HOLD:
        return starts[index] + step.hold_starts_after
    if cue is Cue.RELEASE:
        return starts[index] + step.hold_ends_after
    return starts[index]


def step_starts(steps: tuple[Step, ...], first: float) -> list[float]:
    """Each step's planned start: `first` plus the seconds of the steps before it (never accumulated
    wake-ups)."""
    return [first, *(first + total for total in itertools.accumulate(step.seconds for step in steps))][:-1]


# The cues whose moment the plan fixes (a countdown's ticks follow the shown second instead).
TIMED = frozenset({Cue.GET_READY, Cue.REP, Cue.HOLD, Cue.RELEASE, Cue.SET_DONE})


@dataclass
class CueTimes:
    """Each timed cue's moment of play on the engine's clock, with the step it belongs to."""

    clock: Clock
    engine: list[SessionEngine] = field(default_factory=list)
    played: list[tuple[float, int, Cue]] = field(default_factory=list)
    real_output: bool = False  # whether Qt had an audio output to start the effects on

    def heard(self, cue: Cue) -> None:
        if cue in TIMED and self.engine:
            self.played.append((self.clock.monotonic(), self.engine[0].index, cue))

    def errors(self, first: float) -> list[tuple[float, float]]:
        """(planned moment, seconds late) of every timed cue, the first step's start at `first`."""
        steps = self.engine[0].steps
        starts = step_starts(steps, first)
        found = []
        for at, index, cue in self.played:
            due = planned_moment(steps, starts, index, cue)
            found.append((due, at - due))
        return found


class _TimedEffect:
    """Notes the moment the real effect (or, without an audio output, nothing) is started."""

    def __init__(self, cue: Cue, inner: Effect | None, times: CueTimes) -> None:
        self.cue, self.inner, self.times = cue, inner, times

    def play(self) -> None:
        self.times.heard(self.cue)
        if self.inner is not None:
            self.inner.play()

    def failed(self) -> bool:
        return False


def _timed_loader(times: CueTimes) -> Callable[[Mapping[Cue, Path]], Mapping[Cue, Effect]]:
    def load(wavs: Mapping[Cue, Path]) -> Mapping[Cue, Effect]:
        from coach.services.sound_effects import load_qt_effects

        real = load_qt_effects(wavs)
        inner: Mapping[Cue, Effect] = {} if isinstance(real, str) else real
        times.real_output = not isinstance(real, str)
        return {cue: _TimedEffect(cue, inner.get(cue), times) for cue in wavs}

    return load


def _player(routine: Routine, clock: Clock, times: CueTimes) -> PlayerView:
    from coach.gui.player import PlayerView

    assets = shipped("assets")
    # The app's sound player; its first cue loads the effects (in the app, the session's first cue).
    sound = EffectsPlayer(assets / "sounds", load=_timed_loader(times))
    engine = SessionEngine(routine, clock)
    times.engine.append(engine)
    placeholder = assets / "illustrations" / "placeholder.svg"
    return PlayerView(routine, engine, placeholder=placeholder, sound=sound, voice=NullVoice())


def cue_latency(reps: int = 6) -> tuple[list[float], list[float], bool]:
    """Seconds late of each timed cue in real time, of the bare timer at the same moments, and whether a
    real audio output played them."""
    clock = SystemClock()
    times = CueTimes(clock)
    player = _player(tempo_routine(1, reps), clock, times)
    engine = times.engine[0]
    # The first cue loads the effects; warm them before the session so its first moment is not a load.
    player.sound.play(Cue.TICK)
    times.played.clear()
    player.start()
    first = clock.monotonic() + engine.remaining() - engine.steps[0].seconds
    starts = step_starts(engine.steps, first)
    bare: list[float] = []
    timers = []
    moments = sorted(
        {planned_moment(engine.steps, starts, index, cue) for index in range(1, len(starts)) for cue in TIMED}
    )
    for due in moments:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(lambda due=due: bare.append(clock.monotonic() - due))
        timer.start(max(0, round((due - clock.monotonic()) * 1000)))
        timers.append(timer)
    loop = QEventLoop()
    QTimer.singleShot(
        round((starts[-1] - clock.monotonic() + engine.steps[-1].seconds + 0.5) * 1000), loop.quit
    )
    loop.exec()
    late = [seconds for _, seconds in times.errors(first)][1:]  # the first is the start itself
    player.deleteLater()
    return late, bare, times.real_output


def cue_drift(lateness: list[float], minutes: int = DRIFT_MINUTES) -> tuple[float, float]:
    """(largest error, drift) in seconds over `minutes` of tempo reps on a virtual clock whose wake-ups are
    late by `lateness` (a bare timer's, measured), cycled."""
    clock = FakeClock()
    times = CueTimes(clock)
    reps = 30
    sets = max(1, round(minutes * 60 / (reps * 3 + 5)))
    player = _player(tempo_routine(sets, reps), clock, times)
    engine = times.engine[0]
    player.start()
    first = clock.monotonic() + engine.remaining() - engine.steps[0].seconds
    late = itertools.cycle([max(0.0, seconds) for seconds in lateness] or [0.002])
    while engine.state is EngineState.RUNNING:
        wait = player.timer_interval_ms
        clock.advance(max(wait, 1) / 1000 + next(late))
        player.tick()
    errors = times.errors(first)
    player.deleteLater()
    end = errors[-1][0]
    first_minute = [error for due, error in errors if due - first < 60]
    last_minute = [error for due, error in errors if end - due < 60]
    return max(error for _, error in errors), max(last_minute) - max(first_minute)
