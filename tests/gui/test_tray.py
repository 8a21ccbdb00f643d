from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from coach.core.history.records import IcingStatus
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.tray import tray_icon


def menu_texts(coach_app: CoachApp) -> list[str]:
    return [a.text().replace("&", "") for a in coach_app.ice.tray.menu.actions() if not a.isSeparator()]


def test_the_menu_offers_icing_routine_history_show_and_quit(coach_app: CoachApp) -> None:
    assert menu_texts(coach_app) == [
        "Start icing (20 min)",
        "Start today's routine",
        "History",
        "Show Rehab Coach",
        "Quit",
    ]
    assert coach_app.window.history_action in coach_app.ice.tray.menu.actions(), "shared with the window"


def test_the_tray_action_starts_icing(coach_app: CoachApp) -> None:
    coach_app.ice.tray.icing_action.trigger()

    assert coach_app.ice.controller.running
    assert coach_app.ice.icing_window.isVisible()
    assert menu_texts(coach_app)[0] == "Stop icing (20 min left)…"
    assert coach_app.coach.store.icing_runs()[0].status is IcingStatus.OPEN


def test_the_tooltip_shows_the_minutes_left(coach_app: CoachApp, fake_clock: FakeClock) -> None:
    assert coach_app.ice.tray.tooltip == "Rehab Coach"
    coach_app.ice.tray.icing_action.trigger()

    fake_clock.advance(5 * 60 + 1)
    coach_app.ice.controller.tick()

    assert coach_app.ice.tray.tooltip == "Rehab Coach — icing, 15 min left"


def test_stopping_from_the_tray_asks_once(coach_app: CoachApp, fake_clock: FakeClock) -> None:
    coach_app.ice.tray.icing_action.trigger()
    fake_clock.advance(60)

    coach_app.ice.tray.icing_action.trigger()
    box = coach_app.ice.icing_window.confirm_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()

    assert not coach_app.ice.controller.running
    assert coach_app.coach.store.icing_runs()[0].actual_minutes == 1
    assert menu_texts(coach_app)[0] == "Start icing (20 min)"


def test_todays_routine_shows_the_window_and_starts_the_selected_routine(
    qtbot: QtBot, coach_app: CoachApp
) -> None:
    coach_app.window.hide()
    selected = coach_app.window.selected_routine()
    assert selected is not None

    with qtbot.waitSignal(coach_app.window.start_requested) as started:
        coach_app.ice.tray.routine_action.trigger()

    assert started.args == [selected.routine.id]
    assert coach_app.window.isVisible()


def test_show_brings_back_a_hidden_window(coach_app: CoachApp) -> None:
    coach_app.window.hide()

    coach_app.ice.tray.show_action.trigger()

    assert coach_app.window.isVisible()


def test_without_a_system_tray_there_is_no_icon_and_the_app_still_works(coach_app: CoachApp) -> None:
    if QSystemTrayIcon.isSystemTrayAvailable():
        assert coach_app.ice.tray.icon is not None
    else:
        assert coach_app.ice.tray.icon is None
    coach_app.window.ice_action.trigger()
    assert coach_app.ice.controller.running


def test_the_icon_is_drawn_idle_and_with_the_minutes_left() -> None:
    for minutes in (None, 5, 20):
        icon = tray_icon(minutes)
        assert not icon.isNull()
        assert icon.pixmap(32, 32).width() == 32


def test_a_left_click_on_the_tray_shows_the_hidden_window(qtbot: QtBot, coach_app: CoachApp) -> None:
    coach_app.window.hide()

    coach_app.ice.tray._on_activated(QSystemTrayIcon.ActivationReason.Trigger)

    qtbot.waitUntil(coach_app.window.isVisible)
