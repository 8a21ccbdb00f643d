"""A closed app leaves nothing running: no timer of its reminders or its icing fires into a deleted window
(on a busy CI run a reminder tick of an earlier test's app once reached its deleted main window)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp


def test_closing_the_app_stops_every_timer_it_started(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    coach_app.ice.start(10)
    coach_app.ice.reminders.set_schedule((1, 2, 3, 4, 5, 6, 7), fake_clock.wall().time())
    # The icing flow (its tick, the reminders) hangs from the main window, the app's own timers from the app
    timers = [*coach_app.findChildren(QTimer), *coach_app.window.findChildren(QTimer)]
    live = [timer for timer in timers if timer.isActive()]
    assert coach_app.ice.reminders.timer in live
    assert coach_app.ice.controller.timer in live

    coach_app.close()

    assert not any(timer.isActive() for timer in timers)
    assert not coach_app.ice.reminders.timer.isActive()
    assert not coach_app.ice.controller.timer.isActive()
