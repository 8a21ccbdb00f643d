"""The cadence metronome of a run-walk's running interval: beat k falls at start + k·60/bpm on the injected
clock, computed afresh for every beat, never by adding an interval to the last one; so a timer that wakes a
few milliseconds late (they all do) delays that one click, never the ones after it, and 30 minutes at 180
a minute end on the 5,400th beat exactly."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from coach.core.routines.model import Step, StepKind


@dataclass(slots=True)
class Metronome:
    """Beats from `start` (monotonic seconds) at `bpm` a minute; `beat` is the next one to sound."""

    bpm: int
    start: float
    beat: int = field(default=0)

    def beat_at(self, k: int) -> float:
        """When beat `k` falls (beat 0 at the start)."""
        return self.start + k * 60.0 / self.bpm

    @property
    def next_at(self) -> float:
        """When the next beat to sound falls."""
        return self.beat_at(self.beat)

    def due(self, now: float) -> bool:
        """Whether a beat is due at `now`; if so the next one is the first after `now`. A wake-up that comes
        late after a stall (the laptop was busy) sounds one click, never a burst of the missed ones."""
        if now < self.next_at:
            return False
        # The small margin: a wake-up exactly on a beat, in floating point, is on it, not just before it.
        self.beat = math.floor((now - self.start) * self.bpm / 60.0 + 1e-9) + 1
        return True


def metronome_for(step: Step, step_started: float) -> Metronome | None:
    """The metronome of a running interval with a cadence, from the monotonic second it started; None for
    any other step."""
    if step.kind is not StepKind.RUN or not step.cadence_bpm:
        return None
    return Metronome(step.cadence_bpm, step_started)
