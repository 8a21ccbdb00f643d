"""The app calls itself `rehab-coach` to the desktop, and every window carries the app's icon."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coach.gui.app import CoachApp
from coach.gui.identity import qt_arguments


def test_the_app_names_itself_as_its_desktop_file(coach_app: CoachApp) -> None:
    assert QApplication.applicationName() == "rehab-coach"
    assert QApplication.desktopFileName() == "rehab-coach"
    assert QApplication.applicationDisplayName() == "Rehab Coach"


def has_icon(window: QWidget) -> bool:
    return not window.windowIcon().pixmap(32, 32).isNull()


def test_every_window_has_the_apps_icon(qtbot: QtBot, coach_app: CoachApp) -> None:
    history = coach_app.show_history()
    about = coach_app.show_about()
    qtbot.addWidget(about)

    for window in (
        coach_app.window,
        coach_app.ice.icing_window,
        history,
        coach_app.ice.reminders.prompt,
        about,
    ):
        assert has_icon(window), window.objectName() or type(window).__name__


def test_the_x11_instance_name_is_the_app_id_unless_given() -> None:
    assert qt_arguments(["/usr/bin/coach"]) == ["/usr/bin/coach", "-name", "rehab-coach"]
    assert qt_arguments(["coach", "-name", "mine"]) == ["coach", "-name", "mine"]
    assert qt_arguments([]) == ["coach", "-name", "rehab-coach"]
