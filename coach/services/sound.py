"""Sound cues: short WAV files in assets/sounds, played without blocking the player and on time.

A cue plays in this process through Qt's QSoundEffect (coach/services/sound_effects.py): the WAV is decoded
once and handed to the audio device, a few milliseconds from `play()` to sound, so a tempo or a count keeps
its beat. Nothing of QtMultimedia loads before the first cue (it costs memory the start does not need);
that first cue loads an effect for every cue whose WAV is in the folder. Where Qt finds no audio output,
playsound3 (a player program per cue: slower, but it needs only a program) takes over; where that fails
too, the player goes silent and says why (`silenced`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from coach.core.i18n import N_, _

__all__ = [
    "Cue",
    "Effect",
    "EffectLoader",
    "EffectsPlayer",
    "NullSound",
    "PlaysoundPlayer",
    "SoundPlayer",
    "make_sound_player",
]

if TYPE_CHECKING:
    from playsound3.playsound3 import Sound

    from coach.core.session.cues import SoundCue as Cue  # one list of cue moments, with their wording


def __getattr__(name: str) -> Any:
    """`Cue`, loaded when first asked for: the cues' module (and the session's events it reads) is not
    needed before the first cue plays or a face names one."""
    if name == "Cue":
        from coach.core.session.cues import SoundCue

        return SoundCue
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


logger = logging.getLogger(__name__)


class SoundPlayer(Protocol):
    def play(self, cue: Cue) -> None:
        """Start playing `cue` and return at once; never raises for lack of an audio device."""


# Why a NullSound plays nothing when it was chosen (beeps turned off, tests): never shown as a failure.
TURNED_OFF = N_("beeps are turned off")


@dataclass(frozen=True, slots=True)
class NullSound:
    """Plays nothing: no audio device, tests, or the user turned beeps off; `reason` says which."""

    reason: str = TURNED_OFF

    def play(self, cue: Cue) -> None:
        del cue


def silence_reason(sound: SoundPlayer) -> str | None:
    """Why `sound` cannot play a cue (found at start-up or at a first cue that failed), or None."""
    if isinstance(sound, NullSound):
        return sound.reason if sound.reason != TURNED_OFF else None
    found = getattr(sound, "silenced", None)
    return found if isinstance(found, str) else None


class Effect(Protocol):
    """One loaded cue, ready to start (QSoundEffect's part the player uses)."""

    def play(self) -> None:
        """Start the sound from its beginning, at once."""

    def failed(self) -> bool:
        """Whether the device refused this sound (its format, a device gone): another way must play it."""


# Loads an effect for each given WAV, or says why none can play here (no audio output, no QtMultimedia).
EffectLoader = Callable[[Mapping["Cue", Path]], "Mapping[Cue, Effect] | str"]


class EffectsPlayer:
    """Plays each cue through an in-process effect, loaded at the first cue; `fallback` plays what it cannot.

    :param sounds_dir: the folder of `<cue>.wav` files: every cue with a file there plays.
    :param load: makes the effects (the real one is Qt's, in sound_effects.py; tests pass a fake).
    :param fallback: makes the player to use where the effects cannot play, at the first need of it.
    """

    def __init__(
        self,
        sounds_dir: Path,
        *,
        load: EffectLoader | None = None,
        fallback: Callable[[], SoundPlayer] | None = None,
    ) -> None:
        self.sounds_dir = sounds_dir
        self._load = load
        self._make_fallback = fallback
        self._effects: Mapping[Cue, Effect] | None = None
        self._fallback: SoundPlayer | None = None
        self._unloadable = ""  # why the effects did not load, once they were tried

    @property
    def silenced(self) -> str | None:
        """Why no cue can play (tried at the first cue), or None while cues may play."""
        if not self._unloadable:
            return None
        if self._make_fallback is None:
            return self._unloadable
        return silence_reason(self._fallback) if self._fallback is not None else None

    def play(self, cue: Cue) -> None:
        """Start `cue` at once; a cue without a WAV is skipped."""
        if self._effects is None:
            self._effects = self._load_effects()
        effect = self._effects.get(cue)
        if effect is not None and not effect.failed():
            effect.play()
            return
        if effect is None and not self._unloadable:
            logger.debug("No sound for %s: %s is missing", cue.name, self._wav(cue))
            return
        fallback = self._fallback_player()
        if fallback is not None:
            fallback.play(cue)

    def _wav(self, cue: Cue) -> Path:
        return self.sounds_dir / f"{cue.value}.wav"

    def _load_effects(self) -> Mapping[Cue, Effect]:
        from coach.core.session.cues import SoundCue as Cue

        wavs = {cue: self._wav(cue) for cue in Cue if self._wav(cue).is_file()}
        load = self._load
        if load is None:
            from coach.services.sound_effects import load_qt_effects

            load = load_qt_effects
        loaded = load(wavs)
        if isinstance(loaded, str):
            self._unloadable = loaded
            logger.info("Sound cues cannot play in the app: %s", loaded)
            return {}
        return loaded

    def _fallback_player(self) -> SoundPlayer | None:
        if self._fallback is None and self._make_fallback is not None:
            self._fallback = self._make_fallback()
        return self._fallback


class PlaysoundPlayer:
    """Plays each cue's WAV from `sounds_dir` through playsound3; after the first failure it plays nothing."""

    def __init__(self, sounds_dir: Path) -> None:
        self.sounds_dir = sounds_dir
        self.silenced: str | None = None
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
        self.silenced = str(error) or type(error).__name__
        logger.info("Sound cues are off: %s", self.silenced)


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


def _playsound_fallback(sounds_dir: Path) -> Callable[[], SoundPlayer]:
    def make() -> SoundPlayer:
        player = PlaysoundPlayer(sounds_dir)
        player.preload()
        return player

    return make


def audio_output_present(
    environ: Mapping[str, str] | None = None, *, platform: str | None = None, dev_snd: Path | None = None
) -> bool:
    """Whether this machine looks able to play sound: on Linux, a sound server's socket or an ALSA device."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        # Windows and macOS always have an audio stack; the first cue reports the rare exception.
        return True
    if environ.get("PULSE_SERVER"):
        return True
    runtime_dir = environ.get("XDG_RUNTIME_DIR")
    if runtime_dir and any((Path(runtime_dir) / name).exists() for name in ("pulse/native", "pipewire-0")):
        return True
    return (Path("/dev/snd") if dev_snd is None else dev_snd).exists()


def make_sound_player(sounds_dir: Path, *, enabled: bool = True) -> SoundPlayer:
    """An EffectsPlayer on `sounds_dir` (playsound3 behind it), or NullSound when sound is off or there is
    no audio output. Loads nothing of QtMultimedia or playsound3 until the first cue."""
    if not enabled:
        return NullSound()
    if not audio_output_present():
        reason = _("no sound server (PulseAudio, PipeWire) and no sound card found")
        logger.info("Sound cues are off: %s", reason)
        return NullSound(reason)
    return EffectsPlayer(sounds_dir, fallback=_playsound_fallback(sounds_dir))
