"""The player's cadence metronome: a short click at each beat of a running interval with `cadence_bpm`,
woken by a precise single-shot timer aimed at the next beat on the engine's clock (coach/core/session/
metronome.py keeps the beats; this only wakes and plays)."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer

from coach.core.session.cues import SoundCue
from coach.core.session.engine import EngineState, SessionEngine
from coach.core.session.metronome import Metronome, metronome_for
from coach.services.sound import SoundPlayer


class MetronomeDriver(QObject):
    """Clicks through the running intervals of `engine` while on; `muted` silences it (M in the player)."""

    def __init__(self, engine: SessionEngine, sound: SoundPlayer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.sound = sound
        self.muted = False
        self.clicks = 0  # clicks played, for the player's tests
        self.metronome: Metronome | None = None
        self._step_index = -1
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.on_beat)

    def follow(self) -> None:
        """Start, keep or stop the beats for the engine's current step; the player calls it as it redraws."""
        engine = self.engine
        if engine.state is not EngineState.RUNNING or self.muted:
            self._stop()
            return
        step = engine.current_step
        if self.metronome is not None and self._step_index == engine.index:
            return
        now = engine.clock.monotonic()
        # The step's start from its deadline (now minus the time it has run), never from a count of ticks.
        self.metronome = metronome_for(step, now - (step.seconds - engine.remaining()))
        self._step_index = engine.index
        self._aim()

    def on_beat(self) -> None:
        """The timer's wake-up: click if a beat is due, then aim at the next one."""
        if self.metronome is None or self.engine.state is not EngineState.RUNNING:
            return
        if self.metronome.due(self.engine.clock.monotonic()):
            self.sound.play(SoundCue.CLICK)
            self.clicks += 1
        self._aim()

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        self.follow()

    def _aim(self) -> None:
        if self.metronome is None:
            self.timer.stop()
            return
        wait = self.metronome.next_at - self.engine.clock.monotonic()
        self.timer.start(max(0, math.ceil(wait * 1000)))

    def _stop(self) -> None:
        self.metronome = None
        self._step_index = -1
        self.timer.stop()
