"""The guided player in the language chosen: what it shows, says aloud and tells a screen reader."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.i18n import use_language
from coach.core.paths import catalogues
from coach.core.routines.model import GET_READY_SECONDS
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp, Services
from tests.gui.driving import advance, press, start_from_the_window, title_of
from tests.gui.fakes import RecordingAnnouncer, RecordingInhibitor, RecordingSound, RecordingVoice


@pytest.fixture
def voice() -> RecordingVoice:
    return RecordingVoice()


@pytest.fixture
def announcer() -> RecordingAnnouncer:
    return RecordingAnnouncer()


@pytest.fixture
def services(voice: RecordingVoice, announcer: RecordingAnnouncer) -> Services:
    return Services(sound=RecordingSound(), voice=voice, inhibitor=RecordingInhibitor(), announcer=announcer)


@pytest.fixture
def german() -> None:
    """German chosen before the app starts (the autouse `english` fixture goes back to English after)."""
    use_language("de", catalogues())


@pytest.mark.usefixtures("german")
def test_a_german_session_shows_says_and_announces_german(
    qtbot: QtBot,
    coach_app: CoachApp,
    fake_clock: FakeClock,
    voice: RecordingVoice,
    announcer: RecordingAnnouncer,
) -> None:
    player = start_from_the_window(qtbot, coach_app, title_of(coach_app, "hip-strength"))
    name = player.headline.text()
    assert name == "Muschel"  # the exercise's name, from the routine's own German translation

    assert player.position_label.text() == "Bereit machen · Satz 1 von 3 · Linke Seite"
    assert player.phase_label.text() == "BEREIT MACHEN"
    assert player.side_label.text() == "LINKS"
    assert player.countdown_caption.text() == "bis zum Start"
    assert player.next_label.text() == f"Als Nächstes: {name}, Satz 1 von 3, linke Seite"
    assert player.buttons[player.skip_action].text() == "Überspringen  [→]"
    assert voice.said[0] == f"Machen Sie sich bereit. {name}, linke Seite, Satz 1 von 3."
    assert announcer.said[0] == voice.said[0]

    advance(player, fake_clock, GET_READY_SECONDS + 1)

    assert player.position_label.text() == "Satz 1 von 3 · Linke Seite · Wiederholung 1 von 12"
    assert player.phase_label.text() == "ÜBEN"
    assert player.countdown_caption.text().startswith("von 12 Wiederholungen · Satz endet in ")
    assert announcer.said[-1] == f"Los. {name}, linke Seite, Satz 1 von 3."

    press(qtbot, player, Qt.Key.Key_Space)

    assert player.phase_label.text() == "ANGEHALTEN"
    assert player.state_label.text() == "Angehalten – zum Weitermachen die Leertaste drücken"
    assert announcer.said[-1] == "Angehalten."
    assert player.buttons[player.pause_action].text() == "Fortsetzen  [Space]"
