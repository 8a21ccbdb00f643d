"""Spoken cues ("Clamshells, left side, set 2 of 3") through the platform's text-to-speech, if it has one.

QtTextToSpeech is imported only when a voice is asked for: it links against libpulse, and where that is
missing the app simply runs without a voice.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

logger = logging.getLogger(__name__)

# Loading QtTextToSpeech loads QtMultimedia, which probes for PipeWire and warns under this category on
# every machine without libpipewire, although it then uses PulseAudio just fine.
_PROBE_CATEGORY = "qt.multimedia.symbolsresolver"


class Voice(Protocol):
    def say(self, text: str) -> None:
        """Speak `text`, cutting off anything still being said; silently does nothing without a voice."""

    def stop(self) -> None:
        """Stop speaking."""


class NullVoice:
    """Says nothing: no speech engine, tests, or the user turned the voice off."""

    def say(self, text: str) -> None:
        del text

    def stop(self) -> None:
        pass


class QtVoice:
    """Speaks through a QTextToSpeech engine, one cue at a time."""

    def __init__(self, speech: QTextToSpeech) -> None:
        # The engine is a QObject without a parent: this reference is what keeps it alive.
        self.speech = speech
        speech.errorOccurred.connect(self._on_error)

    def say(self, text: str) -> None:
        """Speak `text` at once, cutting off the cue before it."""
        if self.speech.state() == self.speech.State.Error:
            return
        # A late cue is a wrong cue ("left side" after the person has switched): the new one replaces it.
        self.speech.stop(self.speech.BoundaryHint.Immediate)
        self.speech.say(text)

    def stop(self) -> None:
        """Stop speaking at once."""
        self.speech.stop(self.speech.BoundaryHint.Immediate)

    def _on_error(self, reason: object, message: str) -> None:
        logger.info("Spoken cues stopped: %s (%s)", message, reason)


def load_text_to_speech() -> type[QTextToSpeech] | None:
    """The QTextToSpeech class, or None where Qt's speech module cannot load (it needs libpulse)."""
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(_without_probe_warnings(previous))
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except (ImportError, OSError) as error:
        logger.info("Spoken cues are off: Qt's text-to-speech module did not load (%s)", error)
        return None
    finally:
        qInstallMessageHandler(previous)
    return QTextToSpeech


def make_voice(*, enabled: bool = True, engine: str | None = None) -> Voice:
    """A QtVoice on `engine` (the platform's default if None), or NullVoice where no engine can speak."""
    if not enabled:
        return NullVoice()
    if QCoreApplication.instance() is None:
        logger.info("Spoken cues are off: text-to-speech needs a running Qt application")
        return NullVoice()
    speech_class = load_text_to_speech()
    if speech_class is None:
        return NullVoice()
    if engine is not None and engine not in speech_class.availableEngines():
        logger.info("Spoken cues are off: no text-to-speech engine %r", engine)
        return NullVoice()
    speech = speech_class() if engine is None else speech_class(engine)
    if speech.state() == speech.State.Error:
        # The usual case on Linux: the "speechd" engine without a running speech-dispatcher.
        logger.info("Spoken cues are off: %s (%s engine)", speech.errorString(), speech.engine())
        return NullVoice()
    if engine is None and speech.engine() == "mock":
        # Qt's test engine, picked only when there is no real one: it pretends to speak and says nothing.
        logger.info("Spoken cues are off: no text-to-speech engine on this system")
        return NullVoice()
    return QtVoice(speech)


_Handler = Callable[[QtMsgType, QMessageLogContext, str], Any]


def _without_probe_warnings(forward: _Handler | None) -> _Handler:
    """A Qt message handler that drops QtMultimedia's PipeWire probe and passes on everything else."""

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if context.category == _PROBE_CATEGORY:
            return
        if forward is not None:
            forward(kind, context, message)
        else:
            sys.stderr.write(f"{message}\n")

    return handle
