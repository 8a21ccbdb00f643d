"""The cue benchmark's plan of moments and its virtual-clock run (the real-time run is never run here)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from bench.cues import cue_drift, planned_moment, step_starts, tempo_routine
from coach.core.routines.model import plan_steps
from coach.services.sound import Cue


def test_moments_are_the_plan_start_plus_the_steps_before_and_the_phase() -> None:
    steps = plan_steps(tempo_routine(1, 3))
    starts = step_starts(steps, 100.0)

    assert starts[0] == 100.0
    assert starts[2] - starts[1] == steps[1].seconds
    rep = next(index for index, step in enumerate(steps) if step.tempo is not None)
    assert planned_moment(steps, starts, rep, Cue.REP) == starts[rep]
    assert planned_moment(steps, starts, rep, Cue.HOLD) == starts[rep] + 1
    assert planned_moment(steps, starts, rep, Cue.RELEASE) == starts[rep] + 2


def test_late_wake_ups_do_not_add_up_over_half_an_hour(qtbot: QtBot) -> None:
    del qtbot  # the player is a widget: a Qt application must exist
    worst, drift = cue_drift([0.004, 0.012, 0.001])

    assert worst < 0.020
    assert abs(drift) < 0.001
