from __future__ import annotations

import enum
import logging
import shutil
import sys
from typing import TYPE_CHECKING, ClassVar

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.core.i18n import use_language
from coach.core.paths import catalogues
from coach.services import voice
from coach.services.voice import NullVoice, QtVoice, load_text_to_speech, make_voice, shared_library_loads
from tests.gui.fakes import RecordingVoice

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech


@pytest.fixture
def speech_class(qapp: QApplication) -> type[QTextToSpeech]:
    """QTextToSpeech, imported the app's way (quietly); skips where Qt's speech module cannot load."""
    loaded = load_text_to_speech()
    if isinstance(loaded, str):
        pytest.skip(loaded)
    return loaded


class FakeSpeech:
    """Stands in for the QTextToSpeech class on any machine: lists `engines`, records each engine asked for.

    Asked for no engine it makes its last one (Qt's own choice); every engine it makes is in error, as the
    speechd engine is without a running speech-dispatcher.
    """

    engines: ClassVar[list[str]]
    asked: ClassVar[list[tuple[str, ...]]]

    class State(enum.Enum):
        Ready = 0
        Error = 3

    def __init__(self, *engine: str) -> None:
        self.asked.append(engine)
        self.name = engine[0] if engine else self.engines[-1]

    @classmethod
    def availableEngines(cls) -> list[str]:  # noqa: N802 - Qt's name
        return cls.engines

    def state(self) -> State:
        return self.State.Error

    def errorString(self) -> str:  # noqa: N802 - Qt's name
        return f"{self.name} cannot speak here"

    def engine(self) -> str:
        return self.name


@pytest.fixture
def fake_speech(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> type[FakeSpeech]:
    """FakeSpeech with Linux's engines and nothing asked yet, standing in for Qt's speech module."""

    class Speech(FakeSpeech):
        engines: ClassVar[list[str]] = ["mock", "speechd"]
        asked: ClassVar[list[tuple[str, ...]]] = []

    monkeypatch.setattr(voice, "load_text_to_speech", lambda: Speech)
    return Speech


@pytest.fixture
def mock_voice(speech_class: type[QTextToSpeech]) -> QtVoice:
    """A QtVoice on Qt's mock engine, which 'speaks' a word every 100 ms and reports each one."""
    made = make_voice(engine="mock")
    assert isinstance(made, QtVoice)
    return made


def test_the_voice_speaks_through_the_engine(qtbot: QtBot, mock_voice: QtVoice) -> None:
    speech = mock_voice.speech

    with qtbot.waitSignal(speech.sayingWord) as spoken:
        mock_voice.say("Clamshells, left side")

    assert speech.state() == speech.State.Speaking
    assert spoken.args is not None
    assert spoken.args[0] == "Clamshells"


def test_a_new_cue_replaces_the_one_being_spoken(qtbot: QtBot, mock_voice: QtVoice) -> None:
    speech = mock_voice.speech
    words: list[str] = []
    speech.sayingWord.connect(lambda word, *_: words.append(word))
    with qtbot.waitSignal(speech.sayingWord):
        mock_voice.say("Clamshells, left side, set two of three")

    with qtbot.waitSignal(speech.sayingWord, check_params_cb=lambda word, *_: word == "Rest"):
        mock_voice.say("Rest")
    qtbot.waitUntil(lambda: speech.state() == speech.State.Ready)

    assert words == ["Clamshells", "Rest"]


def test_stop_silences_the_voice(qtbot: QtBot, mock_voice: QtVoice) -> None:
    speech = mock_voice.speech
    with qtbot.waitSignal(speech.sayingWord):
        mock_voice.say("Hold for thirty seconds")

    mock_voice.stop()

    assert speech.state() == speech.State.Ready


def test_voice_turned_off_is_null_voice() -> None:
    assert isinstance(make_voice(enabled=False), NullVoice)


def test_without_a_qt_application_there_is_no_voice(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoApplication:
        @staticmethod
        def instance() -> None:
            return None

    monkeypatch.setattr(voice, "QCoreApplication", NoApplication)

    assert isinstance(make_voice(), NullVoice)


def test_without_qt_speech_module_there_is_no_voice(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    monkeypatch.setattr(voice, "load_text_to_speech", lambda: "libpulse.so.0: cannot open shared object file")

    assert make_voice() == NullVoice("libpulse.so.0: cannot open shared object file")


def test_without_libspeechd_the_voice_is_off_says_why_once_and_qt_is_not_asked(
    fake_speech: type[FakeSpeech], caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    with caplog.at_level(logging.INFO, logger="coach.services.voice"):
        made = make_voice(library_loads=lambda library: library != "libspeechd.so.2")

    assert made == NullVoice("libspeechd.so.2 is missing (install speech-dispatcher)")
    assert fake_speech.asked == []
    assert [(record.levelno, record.getMessage()) for record in caplog.records] == [
        (logging.INFO, "Spoken cues are off: libspeechd.so.2 is missing (install speech-dispatcher)")
    ]
    assert capfd.readouterr().err == ""


def test_with_libspeechd_the_voice_lets_qt_choose_the_engine(fake_speech: type[FakeSpeech]) -> None:
    made = make_voice(library_loads=lambda library: True)

    assert fake_speech.asked == [()]
    assert made == NullVoice("speechd cannot speak here (speechd engine)")


def test_an_engine_that_cannot_load_is_passed_over_for_one_that_can(fake_speech: type[FakeSpeech]) -> None:
    fake_speech.engines = ["mock", "speechd", "flite"]

    made = make_voice(library_loads=lambda library: library != "libspeechd.so.2")

    assert fake_speech.asked == [("flite",)]
    assert made == NullVoice("flite cannot speak here (flite engine)")


def test_an_engine_asked_for_by_name_is_not_asked_of_qt_without_its_library(
    fake_speech: type[FakeSpeech],
) -> None:
    made = make_voice(engine="speechd", library_loads=lambda library: False)

    assert fake_speech.asked == []
    assert made == NullVoice("libspeechd.so.2 is missing (install speech-dispatcher)")


def test_only_qt_mock_engine_is_no_voice(fake_speech: type[FakeSpeech]) -> None:
    fake_speech.engines = ["mock"]

    assert make_voice() == NullVoice("no text-to-speech engine on this system")
    assert fake_speech.asked == []


def test_a_missing_library_does_not_load() -> None:
    assert not shared_library_loads("libno-such-library-for-rehab-coach.so.0")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="libc.so.6 is the Linux C library")
def test_a_present_library_loads() -> None:
    assert shared_library_loads("libc.so.6")


def test_an_unknown_engine_is_null_voice_without_a_qt_warning(speech_class: type[QTextToSpeech]) -> None:
    # Qt warns about an engine it has no plug-in for; the test suite fails on any Qt warning.
    assert isinstance(make_voice(engine="no-such-engine"), NullVoice)


def test_an_engine_in_error_is_null_voice_and_says_why(
    monkeypatch: pytest.MonkeyPatch, speech_class: type[QTextToSpeech], caplog: pytest.LogCaptureFixture
) -> None:
    class FailingSpeech(speech_class):  # type: ignore[misc, valid-type]
        """The mock engine, reporting the state the speechd engine reports without speech-dispatcher."""

        def state(self) -> QTextToSpeech.State:
            return speech_class.State.Error

        def errorString(self) -> str:  # noqa: N802 - Qt's name
            return "Connection to speech-dispatcher failed"

    monkeypatch.setattr(voice, "load_text_to_speech", lambda: FailingSpeech)

    with caplog.at_level(logging.INFO, logger="coach.services.voice"):
        made = make_voice(engine="mock")

    assert isinstance(made, NullVoice)
    assert "Connection to speech-dispatcher failed" in caplog.text


def test_qt_speechd_engine_without_libspeechd_is_null_voice_without_a_qt_message(
    speech_class: type[QTextToSpeech], capfd: pytest.CaptureFixture[str]
) -> None:
    # Without the check Qt prints 'Error loading text-to-speech plug-in "speechd"', failing the test.
    if "speechd" not in speech_class.availableEngines():
        pytest.skip("no speechd engine in this Qt")

    made = make_voice(library_loads=lambda library: library != "libspeechd.so.2")

    assert made == NullVoice("libspeechd.so.2 is missing (install speech-dispatcher)")
    assert capfd.readouterr().err == ""


@pytest.mark.skipif(shutil.which("speech-dispatcher") is not None, reason="speech-dispatcher could start")
def test_speechd_without_speech_dispatcher_is_null_voice(
    speech_class: type[QTextToSpeech], capfd: pytest.CaptureFixture[str]
) -> None:
    if "speechd" not in speech_class.availableEngines():
        pytest.skip("no speechd engine in this Qt")
    if not shared_library_loads("libspeechd.so.2"):
        pytest.skip("libspeechd.so.2 is missing (apt install libspeechd2)")

    made = make_voice(engine="speechd")

    assert isinstance(made, NullVoice)
    assert made.reason.endswith("(speechd engine)"), "Qt's speechd engine was asked and said why"
    assert capfd.readouterr().err == ""


def test_a_later_voice_makes_the_real_one_at_its_first_cue() -> None:
    from coach.services.voice import LaterVoice

    made: list[RecordingVoice] = []

    def make() -> RecordingVoice:
        made.append(RecordingVoice())
        return made[-1]

    voice = LaterVoice(make)
    voice.stop()
    assert made == []
    assert not voice.loaded

    voice.say("Get ready")
    voice.say("Hold")

    assert len(made) == 1
    assert made[0].said == ["Get ready", "Hold"]


def test_asking_a_later_voice_why_it_cannot_speak_loads_it() -> None:
    from coach.services.voice import LaterVoice, unavailable_because

    voice = LaterVoice(lambda: NullVoice("no text-to-speech engine on this system"))

    assert unavailable_because(voice) == "no text-to-speech engine on this system"
    assert unavailable_because(LaterVoice(NullVoice)) is None


class FakeVoiceOf:
    """A QVoice's part the voice reads: its name and locale."""

    def __init__(self, name: str, locale: str) -> None:
        self._name, self._locale = name, QLocale(locale)

    def name(self) -> str:
        return self._name

    def locale(self) -> QLocale:
        return self._locale


class SpeakingSpeech:
    """A ready engine with English, German and Spanish voices, starting in English (a desktop's default)."""

    VOICES: ClassVar[dict[str, list[str]]] = {
        "en_GB": ["Bob"],
        "de_DE": ["Anke", "Jonas"],
        "es_ES": ["Lucía"],
    }
    made: ClassVar[list[SpeakingSpeech]] = []

    class State(enum.Enum):
        Ready = 0
        Error = 3

    def __init__(self, *engine: str) -> None:
        self.name = engine[0] if engine else "flite"
        self._locale = QLocale("en_GB")
        self._voice = FakeVoiceOf("Bob", "en_GB")
        self.errorOccurred = self  # errorOccurred.connect(...) is all the voice asks of the signal
        self.made.append(self)

    def connect(self, slot: object) -> None:
        del slot

    @classmethod
    def availableEngines(cls) -> list[str]:  # noqa: N802 - Qt's name
        return ["flite"]

    def state(self) -> State:
        return self.State.Ready

    def engine(self) -> str:
        return self.name

    def availableLocales(self) -> list[QLocale]:  # noqa: N802 - Qt's name
        return [QLocale(name) for name in self.VOICES]

    def locale(self) -> QLocale:
        return self._locale

    def setLocale(self, locale: QLocale) -> None:  # noqa: N802 - Qt's name
        # As Qt's engines do: a new locale brings its first voice. German's first voice here is English,
        # as a badly packaged engine may have it, so that the voice must be chosen as well.
        self._locale = locale
        first = "Bob" if locale.name() == "de_DE" else self.VOICES[locale.name()][0]
        self._voice = FakeVoiceOf(first, "en_GB" if first == "Bob" else locale.name())

    def availableVoices(self) -> list[FakeVoiceOf]:  # noqa: N802 - Qt's name
        return [FakeVoiceOf(name, self._locale.name()) for name in self.VOICES[self._locale.name()]]

    def voice(self) -> FakeVoiceOf:
        return self._voice

    def setVoice(self, chosen: FakeVoiceOf) -> None:  # noqa: N802 - Qt's name
        self._voice = chosen


@pytest.fixture
def speaking_speech(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> type[SpeakingSpeech]:
    class Speech(SpeakingSpeech):
        made: ClassVar[list[SpeakingSpeech]] = []

    monkeypatch.setattr(voice, "load_text_to_speech", lambda: Speech)
    return Speech


@pytest.mark.parametrize(
    ("code", "locale", "voice_name"), [("de", "de_DE", "Anke"), ("es", "es_ES", "Lucía")]
)
def test_the_voice_speaks_the_language_chosen(
    speaking_speech: type[SpeakingSpeech], code: str, locale: str, voice_name: str
) -> None:
    use_language(code, catalogues())

    made = make_voice(library_loads=lambda library: True)

    assert isinstance(made, QtVoice)
    [speech] = speaking_speech.made
    assert (speech.locale().name(), speech.voice().name()) == (locale, voice_name)
    assert speech.voice().locale().language() == QLocale(code).language()


def test_in_english_the_voice_stays_english(speaking_speech: type[SpeakingSpeech]) -> None:
    make_voice(library_loads=lambda library: True)

    [speech] = speaking_speech.made
    assert (speech.locale().name(), speech.voice().name()) == ("en_GB", "Bob")


def test_an_engine_without_the_language_keeps_its_default_and_says_so_in_the_log(
    speech_class: type[QTextToSpeech], caplog: pytest.LogCaptureFixture
) -> None:
    use_language("de", catalogues())  # Qt's mock engine has English, Norwegian and Finnish voices only

    with caplog.at_level(logging.INFO, logger="coach.services.voice"):
        made = make_voice(engine="mock")

    assert isinstance(made, QtVoice)
    assert made.speech.locale().language() == QLocale.Language.English
    assert "The mock text-to-speech engine has no voice in de: spoken cues keep its default" in caplog.text


def test_why_no_voice_can_speak_is_said_in_the_language_chosen(fake_speech: type[FakeSpeech]) -> None:
    use_language("es", catalogues())
    fake_speech.engines = ["mock"]

    assert make_voice() == NullVoice("no hay ningún motor de síntesis de voz en este sistema")
    fake_speech.engines = ["mock", "speechd"]
    assert make_voice(library_loads=lambda library: False, engine="speechd") == NullVoice(
        "falta libspeechd.so.2 (instale speech-dispatcher)"
    )
