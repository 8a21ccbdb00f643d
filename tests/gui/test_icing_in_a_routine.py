"""The bundled "Ice the knee" routine in the player: icing advice and picture, an icing run, icing words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.core.clinical.safety import ICING_SKIN_CHECK_ADVICE, ICING_START_ADVICE
from coach.core.history.records import IcingStatus
from coach.core.routines.model import GET_READY_SECONDS
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.session_end import SessionEndPage
from tests.gui.driving import advance, start_from_the_window

ICE = "Ice the knee (20 minutes)"


def test_the_ice_routine_runs_as_an_icing_run_with_its_advice(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, ICE)
    advance(player, fake_clock, GET_READY_SECONDS + 1)

    assert player.phase_label.text() == "ICING"
    assert player.countdown.text() == "19:59"
    assert player.countdown_caption.text() == "of icing left"
    assert ICING_START_ADVICE in player.instructions.text()
    assert ICING_SKIN_CHECK_ADVICE in player.instructions.text()
    assert player.illustration.shown is not None
    assert player.illustration.shown.name == "ice-pack.svg"
    (run,) = coach_app.coach.store.icing_runs()
    assert run.status is IcingStatus.OPEN
    assert run.session_id == coach_app.coach.store.sessions()[-1].id

    advance(player, fake_clock, 20 * 60)
    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    QApplication.processEvents()

    (run,) = coach_app.coach.store.icing_runs()
    assert run.status is IcingStatus.FINISHED
    page = coach_app.window.pages.currentWidget()
    assert isinstance(page, SessionEndPage)
    assert page.heading.text() == "Icing done"
    assert "reps and holds" not in page.summary.text()
    assert page.pain_slider.accessibleName() == "Pain now, 0 to 10"


def test_the_icing_step_paused_rewound_and_started_beside_a_live_run_keeps_one_deadline(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    coach_app.ice.start(20)  # the app's own icing timer runs first
    fake_clock.advance(3 * 60)
    coach_app.ice.controller.tick()
    player = start_from_the_window(qtbot, coach_app, ICE)
    advance(player, fake_clock, GET_READY_SECONDS + 1)
    joined = player.countdown.text()

    player.press(Qt.Key.Key_Space)  # pause the session for ten minutes
    advance(player, fake_clock, 10 * 60)
    player.press(Qt.Key.Key_Space)
    player.press(Qt.Key.Key_Left)  # Back: the step begins again, the ice does not
    advance(player, fake_clock, GET_READY_SECONDS + 1)
    coach_app.ice.controller.tick()

    assert joined == "16:54"
    # 3 min + 6 s + 10 min paused + 6 s after Back: 6:48 left of the one ice, in the player and the window
    assert player.countdown.text() == "6:48"
    assert coach_app.ice.icing_window.countdown.text() == "06:48"
    (run,) = coach_app.coach.store.icing_runs()
    assert (run.status, run.planned_minutes) == (IcingStatus.OPEN, 20)
