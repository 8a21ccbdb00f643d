"""Icing beside a guided session: the timer runs, but Space, the arrows and Esc stay with the player."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.gui.app import CoachApp
from tests.gui.driving import advance, key_click, start_from_the_window, state_of


def key_to_whatever_has_focus(qtbot: QtBot, key: Qt.Key) -> None:
    """Press `key` where the keyboard is now: the focused widget, else the active window."""
    QApplication.processEvents()  # window activation arrives as an event, as on a desktop
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert isinstance(target, QWidget)
    key_click(target, key)


def test_icing_started_during_a_session_leaves_space_arrows_and_esc_with_the_player(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    advance(player, fake_clock, 2)
    key_click(coach_app.window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert coach_app.ice.controller.running
    assert coach_app.ice.icing_window.isVisible()

    key_to_whatever_has_focus(qtbot, Qt.Key.Key_Space)
    assert state_of(player) is EngineState.PAUSED
    key_to_whatever_has_focus(qtbot, Qt.Key.Key_Space)
    assert state_of(player) is EngineState.RUNNING
    step = player.engine.index
    key_to_whatever_has_focus(qtbot, Qt.Key.Key_Right)
    assert player.engine.index == step + 1
    key_to_whatever_has_focus(qtbot, Qt.Key.Key_Left)
    assert player.engine.index == step
    key_to_whatever_has_focus(qtbot, Qt.Key.Key_Escape)
    assert player.confirming

    assert coach_app.ice.controller.running, "no key meant for the player stopped the icing"
    assert coach_app.ice.icing_window.confirm_box is None


def test_keys_pressed_in_the_icing_window_during_a_session_go_to_the_player(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    player = start_from_the_window(qtbot, coach_app, "Hip and knee strength (weeks 3–6)")
    coach_app.ice.start(20)
    window = coach_app.ice.icing_window
    window.activateWindow()  # the person clicked on the icing window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    key_to_whatever_has_focus(qtbot, Qt.Key.Key_Space)

    assert state_of(player) is EngineState.PAUSED
    assert coach_app.ice.controller.running
    assert window.confirm_box is None
