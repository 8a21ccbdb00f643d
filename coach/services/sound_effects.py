"""Cues played by Qt's QSoundEffect: loaded once at the first cue, then each `play()` starts at once.

QtMultimedia is imported here only, at the first cue (its FFmpeg backend and PulseAudio client cost
memory the start does without). Where the audio libraries are missing it logs warnings while it probes
(PipeWire, VA-API) and while it looks for a PulseAudio server; the test suite fails on any Qt warning,
and the app says "no sound" once, in its own words. So the probing runs under a message handler that
drops exactly those known lines, and effects are made only when Qt lists an audio output: without one a
QSoundEffect logs a warning at each play and plays nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, QUrl, qInstallMessageHandler

from coach.core.i18n import _
from coach.services.sound import Cue, Effect

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

# QtMultimedia's probes for optional libraries (PipeWire, VA-API): a warning each, on every machine
# without them, although it then plays through PulseAudio or ALSA just fine.
_PROBE_CATEGORY = "qt.multimedia.symbolsresolver"
# Said by Qt's PulseAudio backend when no server answers: here it only means "no audio output", which the
# empty device list then tells us and the player reports once.
_NO_SERVER = "PulseAudioService: pa_context_connect() failed"

_Handler = Callable[[QtMsgType, QMessageLogContext, str], Any]


class QtEffect:
    """One cue's QSoundEffect."""

    def __init__(self, effect: QSoundEffect) -> None:
        self.effect = effect

    def play(self) -> None:
        """Start from the beginning (a cue repeated before its end restarts, as a metronome's click does)."""
        self.effect.play()

    def failed(self) -> bool:
        """Whether the device refused the file (QSoundEffect's Error status)."""
        return self.effect.status() == self.effect.Status.Error


def load_qt_effects(wavs: Mapping[Cue, Path]) -> Mapping[Cue, Effect] | str:
    """A QSoundEffect for each WAV on the default audio output, or why Qt cannot play any here."""
    if QCoreApplication.instance() is None:
        return _("sound effects need a running Qt application")
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(_without_probe_warnings(previous))
    try:
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except (ImportError, OSError) as error:
            return _("Qt's multimedia module did not load ({error})").format(error=error)
        if not QMediaDevices.audioOutputs():
            return _("Qt finds no audio output")
        device = QMediaDevices.defaultAudioOutput()
        effects: dict[Cue, Effect] = {}
        for cue, path in wavs.items():
            # No parent: the QtEffect (kept by the player) keeps it alive, in the GUI thread that made it.
            effect = QSoundEffect(device)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effects[cue] = QtEffect(effect)
        return effects
    finally:
        qInstallMessageHandler(previous)


def _without_probe_warnings(forward: _Handler | None) -> _Handler:
    """A Qt message handler that drops QtMultimedia's known probe lines and passes on everything else."""

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if context.category == _PROBE_CATEGORY or message.startswith(_NO_SERVER):
            return
        if forward is not None:
            forward(kind, context, message)
        else:
            sys.stderr.write(f"{message}\n")

    return handle
