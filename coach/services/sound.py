"""Sound cues: short WAV files in assets/sounds, played without blocking the player.

Playback goes through playsound3, which hands each file to a player program (GStreamer, ALSA's aplay,
ffplay, afplay, WinMM …) and returns at once. Deliberately not QtMultimedia: its FFmpeg backend logs a run
of Qt warnings at start-up wherever the audio libraries are missing, and the test suite fails on any Qt
warning; a cue is a fire-and-forget WAV, which needs nothing more than a player program.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from coach.core.session.cues import SoundCue as Cue  # one list of cue moments, defined with their wording

__all__ = ["Cue", "NullSound", "PlaysoundPlayer", "SoundPlayer", "make_sound_player"]

if TYPE_CHECKING:
    from playsound3.playsound3 import Sound

logger = logging.getLogger(__name__)


class SoundPlayer(Protocol):
    def play(self, cue: Cue) -> None:
        """Start playing `cue` and return at once; never raises for lack of an audio device."""


@dataclass(frozen=True, slots=True)
class NullSound:
    """Plays nothing: no audio device, tests, or the user turned beeps off; `reason` says which."""

    reason: str = "beeps are turned off"

    def play(self, cue: Cue) -> None:
        del cue


class PlaysoundPlayer:
    """Plays each cue's WAV from `sounds_dir` through playsound3; after the first failure it plays nothing."""

    def __init__(self, sounds_dir: Path) -> None:
        self.sounds_dir = sounds_dir
        self.silenced = False
        self._playsound3: ModuleType | None = None
        # Sounds still playing: dropping the handle of a running player process makes Python warn about it.
        self._playing: list[Sound] = []

    def preload(self) -> None:
        """Import playsound3 on a background thread, so that the first cue does not wait for it."""
        # The import runs each candidate player program once to see which exist: a noticeable pause.
        threading.Thread(target=_preload_playsound3, name="load playsound3", daemon=True).start()

    def play(self, cue: Cue) -> None:
        """Start `cue` and return at once; a missing WAV is skipped, a missing audio backend silences us."""
        if self.silenced:
            return
        path = self.sounds_dir / f"{cue.value}.wav"
        if not path.is_file():
            logger.debug("No sound for %s: %s is missing", cue.name, path)
            return
        if self._playsound3 is None:
            try:
                self._playsound3 = _import_playsound3()
            except ImportError as error:
                self._silence(error)
                return
        playsound3 = self._playsound3
        try:
            sound = playsound3.playsound(path, block=False)
        except (playsound3.PlaysoundException, OSError) as error:
            self._silence(error)
            return
        self._playing = [playing for playing in self._playing if playing.is_alive()]
        self._playing.append(sound)

    def _silence(self, error: Exception) -> None:
        # One line at INFO: a machine without sound is a normal place for this app to run.
        logger.info("Sound cues are off: %s", str(error) or type(error).__name__)
        self.silenced = True


_import_lock = threading.Lock()


def _import_playsound3() -> ModuleType:
    # playsound3 logs a WARNING on import when it finds no player program; here that only means "no
    # sound", which PlaysoundPlayer reports once at INFO when a cue fails. The lock keeps the preloading
    # thread and a first cue from muting and unmuting that logger over each other.
    with _import_lock:
        package_logger = logging.getLogger("playsound3")
        level = package_logger.level
        package_logger.setLevel(logging.ERROR)
        try:
            import playsound3
        finally:
            package_logger.setLevel(level)
    return playsound3


def _preload_playsound3() -> None:
    # Without playsound3 the first cue reports it; a thread has no one to tell.
    with contextlib.suppress(ImportError):
        _import_playsound3()


def audio_output_present(
    environ: Mapping[str, str] | None = None, *, platform: str | None = None, dev_snd: Path | None = None
) -> bool:
    """Whether this machine looks able to play sound: on Linux, a sound server's socket or an ALSA device."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        # Windows and macOS always have an audio stack; playsound3 reports the rare exception.
        return True
    if environ.get("PULSE_SERVER"):
        return True
    runtime_dir = environ.get("XDG_RUNTIME_DIR")
    if runtime_dir and any((Path(runtime_dir) / name).exists() for name in ("pulse/native", "pipewire-0")):
        return True
    return (Path("/dev/snd") if dev_snd is None else dev_snd).exists()


def make_sound_player(sounds_dir: Path, *, enabled: bool = True) -> SoundPlayer:
    """A PlaysoundPlayer on `sounds_dir`, or NullSound when sound is off or there is no audio output."""
    if not enabled:
        return NullSound()
    if not audio_output_present():
        reason = "no sound server (PulseAudio, PipeWire) and no sound card found"
        logger.info("Sound cues are off: %s", reason)
        return NullSound(reason)
    player = PlaysoundPlayer(sounds_dir)
    player.preload()
    return player
