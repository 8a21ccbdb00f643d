"""Every control in every window has a name a screen reader can read (a button's text counts)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.check_in import MorningCheckIn
from coach.gui.help import show_warning_signs
from coach.gui.recovery import RecoveryDialog
from coach.gui.session_end import SessionEndPage
from tests.gui.accessibility import focusable_controls, unnamed_controls


def test_every_control_in_every_window_has_an_accessible_name(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    app = coach_app
    unnamed: dict[str, list[str]] = {}
    welcome = app.offer_welcome()
    assert welcome is not None
    unnamed["welcome"] = unnamed_controls(welcome)
    welcome.reject()
    unnamed["main window"] = unnamed_controls(app.window)
    page = app.sessions.ask_before_start("hip-strength")
    assert page is not None
    unnamed["pain before"] = unnamed_controls(page)
    page.skip()
    player = app.sessions.player
    assert player is not None
    unnamed["player"] = unnamed_controls(player)
    player.stop_now()
    qtbot.waitUntil(lambda: isinstance(app.window.pages.currentWidget(), SessionEndPage))
    end = app.window.pages.currentWidget()
    assert isinstance(end, SessionEndPage)
    unnamed["end of a session"] = unnamed_controls(end)
    end.save()
    record = app.coach.store.sessions()[-1]
    check_in = MorningCheckIn(record, app.runner, app.window)
    unnamed["check-in"] = unnamed_controls(check_in)
    check_in.close()
    recovery = RecoveryDialog(record, None, app.window)
    unnamed["recovery"] = unnamed_controls(recovery)
    recovery.close()
    signs = show_warning_signs(app.window)
    unnamed["warning signs"] = unnamed_controls(signs)
    signs.close()
    history = app.show_history()
    unnamed["history"] = unnamed_controls(history)
    unnamed["day marks"] = unnamed_controls(history.edit_marks())
    unnamed["report"] = unnamed_controls(history.choose_report())
    editor = app.editing.new_routine()
    unnamed["routine editor"] = unnamed_controls(editor)
    editor.unsaved = False
    editor.close()
    unnamed["backups"] = unnamed_controls(app.show_backups())
    unnamed["about"] = unnamed_controls(app.show_about())
    app.ice.edit_reminders()
    assert app.ice.reminder_dialog is not None
    unnamed["reminders"] = unnamed_controls(app.ice.reminder_dialog)
    app.ice.start(20)
    unnamed["icing"] = unnamed_controls(app.ice.icing_window)

    assert {window: names for window, names in unnamed.items() if names} == {}


def test_the_walk_finds_the_controls_it_checks(qtbot: QtBot, coach_app: CoachApp) -> None:
    found = focusable_controls(coach_app.window)

    assert coach_app.window.routine_list in found
    assert coach_app.window.start_button in found


def test_the_walk_finds_a_control_without_a_name(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    row = QFormLayout(window)
    row.addRow("&Note:", QLineEdit())  # named by its label
    row.addRow(QPushButton("Save"))  # named by its text
    nameless = QLineEdit()
    row.addRow(nameless)

    assert unnamed_controls(window) == ["QLineEdit  under QWidget"]
    nameless.setAccessibleName("Reason")
    assert unnamed_controls(window) == []
