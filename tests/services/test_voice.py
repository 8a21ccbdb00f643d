from __future__ import annotations

import logging
import shutil
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.services import voice
from coach.services.voice import NullVoice, QtVoice, load_text_to_speech, make_voice

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech


@pytest.fixture
def speech_class(qapp: QApplication) -> type[QTextToSpeech]:
    """QTextToSpeech, imported the app's way (quietly); skips where Qt's speech module cannot load."""
    loaded = load_text_to_speech()
    if loaded is None:
        pytest.skip("QtTextToSpeech does not load here (libpulse0 missing?)")
    return loaded


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
    monkeypatch.setattr(voice, "load_text_to_speech", lambda: None)

    assert isinstance(make_voice(), NullVoice)


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


@pytest.mark.skipif(shutil.which("speech-dispatcher") is not None, reason="speech-dispatcher could start")
def test_speechd_without_speech_dispatcher_is_null_voice(speech_class: type[QTextToSpeech]) -> None:
    if "speechd" not in speech_class.availableEngines():
        pytest.skip("no speechd engine in this Qt")

    assert isinstance(make_voice(engine="speechd"), NullVoice)
