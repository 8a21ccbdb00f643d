"""What a screen reader hears from the player over a whole session, recorded without a screen reader."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from coach.core.clinical.safety import ICING_END_ADVICE
from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.gui.app import CoachApp, Services
from coach.gui.session_end import SessionEndPage
from coach.services.screen_reader import QtAnnouncer
from tests.gui.driving import advance, press, start_from_the_window, state_of, title_of
from tests.gui.fakes import RecordingAnnouncer


@pytest.fixture
def announcer() -> RecordingAnnouncer:
    return RecordingAnnouncer()


@pytest.fixture
def services(announcer: RecordingAnnouncer) -> Services:
    return Services(announcer=announcer)


def test_a_whole_session_is_announced_at_the_moments_that_matter(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock, announcer: RecordingAnnouncer
) -> None:
    player = start_from_the_window(qtbot, coach_app, title_of(coach_app, "hip-strength"))
    seconds = 0
    while state_of(player) is EngineState.RUNNING:
        advance(player, fake_clock, 1)
        seconds += 1
        if seconds == 100:  # a pause in the first rest, and on again
            press(qtbot, player, Qt.Key.Key_Space)
            advance(player, fake_clock, 30)
            press(qtbot, player, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))

    said = announcer.said
    assert said[:2] == [
        "Get ready. Clamshells, left side, set 1 of 3.",
        "Go. Clamshells, left side, set 1 of 3.",
    ]
    assert "Switch to the right side." in said
    assert "Go. Clamshells, right side, set 1 of 3." in said
    assert any(s.startswith("Rest 1 minute. Next: Clamshells, set 2 of 3, left side") for s in said)
    assert "10 seconds left." in said
    assert said[said.index("Paused.") + 1] == "Carrying on."
    assert said[-1] == "Session done. Well done."
    assert not [s for s in said if s.isdigit()]  # never a rep's count, never a second's
    assert len(said) < seconds / 10
    assert set(announcer.sources) == {player}


def test_stopping_early_is_announced(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock, announcer: RecordingAnnouncer
) -> None:
    player = start_from_the_window(qtbot, coach_app, title_of(coach_app, "hip-strength"))
    advance(player, fake_clock, 3)

    press(qtbot, player, Qt.Key.Key_Escape)
    press(qtbot, player, Qt.Key.Key_Escape)

    assert announcer.said[-2:] == ["Paused.", "Session stopped. What you did is saved."]


def test_qt_announces_through_its_announcement_event(qtbot: QtBot) -> None:
    sent: list[QAccessibleEvent] = []
    label = QLabel()
    qtbot.addWidget(label)

    QtAnnouncer(send=sent.append).announce(label, "Rest 1 minute.")

    [event] = sent
    assert isinstance(event, QAccessibleAnnouncementEvent)
    assert event.message() == "Rest 1 minute."
    assert event.object() is label


def test_an_older_qt_gets_the_sentence_as_a_live_region(qtbot: QtBot) -> None:
    sent: list[QAccessible.Event] = []
    label = QLabel()
    qtbot.addWidget(label)

    QtAnnouncer(send=lambda event: sent.append(event.type()), announcement=None).announce(label, "Paused.")

    assert label.accessibleDescription() == "Paused."
    assert sent == [QAccessible.Event.NameChanged]


def test_the_skin_check_and_the_end_of_icing_are_announced(
    coach_app: CoachApp, fake_clock: FakeClock, announcer: RecordingAnnouncer
) -> None:
    coach_app.ice.start(20)

    for _ in range(20 * 60):
        fake_clock.advance(1)
        coach_app.ice.controller.tick()

    skin_check = coach_app.ice.controller.skin_check
    assert skin_check is not None
    assert announcer.said == [skin_check, f"Icing done. {ICING_END_ADVICE}"]
    assert announcer.sources == [coach_app.ice.icing_window] * 2
