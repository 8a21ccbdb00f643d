"""Sound cues: short WAV files in assets/sounds, played without blocking the player."""

from __future__ import annotations

import enum
from typing import Protocol


class Cue(enum.Enum):
    """The moments that get a sound; the value is the WAV file's name in assets/sounds."""

    GET_READY = "get-ready"
    TICK = "tick"
    SWITCH_SIDE = "switch-side"
    SET_DONE = "set-done"
    SESSION_DONE = "session-done"
    ICING_DONE = "icing-done"


class SoundPlayer(Protocol):
    def play(self, cue: Cue) -> None:
        """Start playing `cue` and return at once; never raises for lack of an audio device."""


class NullSound:
    """Plays nothing: no audio device, tests, or the user turned beeps off."""

    def play(self, cue: Cue) -> None:
        del cue
