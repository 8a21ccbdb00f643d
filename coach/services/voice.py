"""Spoken cues ("Clamshells, left side, set 2 of 3") through the platform's text-to-speech, if it has one.

QtTextToSpeech is imported only when a voice is asked for: it links against libpulse, and its speechd engine
against libspeechd. Where one is missing the app runs without a voice, says why once in the log (and on the
NullVoice it returns), and never lets Qt print its own error about a plug-in it could not load.

The voice speaks the language in use (`coach.core.i18n.language()`): the engine is set to a locale of that
language, and to a voice of it where the locale's default voice is not; an engine without one keeps its own
default, and the log says so.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QLocale, QMessageLogContext, QtMsgType, qInstallMessageHandler

from coach.core.i18n import N_, _, language

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

logger = logging.getLogger(__name__)

# Loading QtTextToSpeech loads QtMultimedia, which probes for PipeWire and warns under this category on
# every machine without libpipewire, although it then uses PulseAudio just fine.
_PROBE_CATEGORY = "qt.multimedia.symbolsresolver"

# The library each engine's Qt plug-in links against that a desktop may lack, and the package that brings
# it. Qt prints an error of its own on stderr when a plug-in does not load, so the voice looks first.
_ENGINE_LIBRARIES = {"speechd": ("libspeechd.so.2", "speech-dispatcher")}
# Why a NullVoice says nothing when it was chosen (voice turned off, tests): never shown as a failure.
TURNED_OFF = N_("spoken cues are turned off")


class Voice(Protocol):
    def say(self, text: str) -> None:
        """Speak `text`, cutting off anything still being said; silently does nothing without a voice."""

    def stop(self) -> None:
        """Stop speaking."""


@dataclass(frozen=True, slots=True)
class NullVoice:
    """Says nothing: no speech engine, tests, or the user turned the voice off; `reason` says which."""

    reason: str = TURNED_OFF

    def say(self, text: str) -> None:
        del text

    def stop(self) -> None:
        pass


class LaterVoice:
    """Makes the real voice at its first need (a cue to say, or the question whether one can speak): the
    speech module and its engine load then, not at the app's start."""

    def __init__(self, make: Callable[[], Voice] | None = None) -> None:
        self._make = make
        self._voice: Voice | None = None

    @property
    def loaded(self) -> bool:
        """Whether the real voice has been made."""
        return self._voice is not None

    @property
    def voice(self) -> Voice:
        """The real voice, made now if it is not yet (in the GUI thread: it is a QObject)."""
        if self._voice is None:
            self._voice = self._make() if self._make is not None else make_voice()
        return self._voice

    def say(self, text: str) -> None:
        self.voice.say(text)

    def stop(self) -> None:
        if self._voice is not None:
            self._voice.stop()


def unavailable_because(voice: Voice) -> str | None:
    """Why `voice` cannot speak (speech did not load), or None when it can; a LaterVoice loads to tell."""
    if isinstance(voice, LaterVoice):
        voice = voice.voice
    # A NullVoice with its default reason was chosen (voice turned off, tests), not a failure to load.
    if isinstance(voice, NullVoice) and voice.reason != TURNED_OFF:
        return voice.reason
    return None


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


def shared_library_loads(name: str) -> bool:
    """Whether the system's dynamic loader finds and loads the shared library `name` ("libspeechd.so.2")."""
    import ctypes  # loaded with the voice, not with the Sound menu that names LaterVoice

    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def load_text_to_speech() -> type[QTextToSpeech] | str:
    """The QTextToSpeech class, or why Qt's speech module cannot load here (it needs libpulse)."""
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(_without_probe_warnings(previous))
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except (ImportError, OSError) as error:
        return _("Qt's text-to-speech module did not load ({error})").format(error=error)
    finally:
        qInstallMessageHandler(previous)
    return QTextToSpeech


def make_voice(
    *,
    enabled: bool = True,
    engine: str | None = None,
    library_loads: Callable[[str], bool] = shared_library_loads,
) -> Voice:
    """A QtVoice on `engine` (the platform's default if None), or a NullVoice saying why none can speak.

    :param library_loads: tells whether a shared library is there; tests pass one that pretends.
    """
    if not enabled:
        return NullVoice()
    made = _qt_voice(engine, library_loads)
    if isinstance(made, str):
        logger.info("Spoken cues are off: %s", made)
        return NullVoice(made)
    return made


def _qt_voice(engine: str | None, library_loads: Callable[[str], bool]) -> QtVoice | str:
    """A QtVoice on `engine` speaking the language in use, or the reason there is none (a sentence in it)."""
    if QCoreApplication.instance() is None:
        return _("text-to-speech needs a running Qt application")
    speech_class = load_text_to_speech()
    if isinstance(speech_class, str):
        return speech_class
    available = speech_class.availableEngines()
    if engine is not None and engine not in available:
        return _("no text-to-speech engine {engine}").format(engine=repr(engine))
    # Qt's "mock" engine pretends to speak and says nothing: it counts only when asked for by name.
    wanted = [engine] if engine is not None else [name for name in available if name != "mock"]
    lacking = {name: _missing_library(name, library_loads) for name in wanted}
    usable = [name for name, lack in lacking.items() if lack is None]
    if not usable:
        return next(iter(lacking.values()), None) or _("no text-to-speech engine on this system")
    # Where every engine can load, Qt's own order of preference picks one.
    chosen = usable[0] if engine is not None or len(usable) < len(wanted) else None
    speech = speech_class() if chosen is None else speech_class(chosen)
    if speech.state() == speech.State.Error:
        # The usual case on Linux: the "speechd" engine without a running speech-dispatcher.
        return _("{error} ({engine} engine)").format(error=speech.errorString(), engine=speech.engine())
    if speech.engine() == "mock" and engine != "mock":
        # Qt falls back to its test engine when the real one fails to start.
        return _("no text-to-speech engine on this system")
    speak_language(speech, language())
    return QtVoice(speech)


def speak_language(speech: QTextToSpeech, code: str) -> bool:
    """Set `speech` to speak the language `code` ('de'): a locale of it (the desktop's own country first,
    then the language's main one, then any), and a voice of it if the locale's default voice is not.

    Returns whether it speaks that language now; where the engine has none, its default stays and the log
    says so (the cues are then read out by a voice of another language, still better than none)."""
    wanted = QLocale(code).language()
    if speech.locale().language() == wanted and speech.voice().locale().language() == wanted:
        return True
    locales = [found for found in speech.availableLocales() if found.language() == wanted]
    if not locales:
        logger.info(
            "The %s text-to-speech engine has no voice in %s: spoken cues keep its default (%s)",
            speech.engine(),
            code,
            speech.locale().name(),
        )
        return False
    preferred = (QLocale.system().name(), QLocale(code).name())
    chosen = next((found for name in preferred for found in locales if found.name() == name), locales[0])
    speech.setLocale(chosen)
    if speech.voice().locale().language() != wanted:
        voices = [found for found in speech.availableVoices() if found.locale().language() == wanted]
        if voices:
            speech.setVoice(voices[0])
    logger.info(
        "Spoken cues in %s (%s engine, voice %s)", chosen.name(), speech.engine(), speech.voice().name()
    )
    return True


def _missing_library(engine: str, library_loads: Callable[[str], bool]) -> str | None:
    """What `engine`'s plug-in lacks to load, as a sentence, or None when nothing is missing."""
    if engine not in _ENGINE_LIBRARIES:
        return None
    library, package = _ENGINE_LIBRARIES[engine]
    if library_loads(library):
        return None
    return _("{library} is missing (install {package})").format(library=library, package=package)


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
