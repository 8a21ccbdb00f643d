"""The first-run welcome, and the Start at login choice in the Session menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.settings import load_settings
from coach.gui.app import CoachApp, Services
from coach.gui.welcome import WelcomeDialog
from coach.services.autostart import XdgAutoStart


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return Services(autostart=XdgAutoStart(tmp_path / "config", ["coach"]))


def test_the_welcome_is_shown_once_and_remembered(qtbot: QtBot, coach_app: CoachApp) -> None:
    welcome = coach_app.offer_welcome()

    assert isinstance(welcome, WelcomeDialog)
    assert welcome.isVisible()
    assert load_settings(coach_app.coach.places.data_dir).welcomed
    welcome.reject()
    assert coach_app.offer_welcome() is None


def test_the_welcome_can_start_the_first_routine(qtbot: QtBot, coach_app: CoachApp) -> None:
    welcome = coach_app.offer_welcome()
    assert welcome is not None
    begin = welcome.buttons.buttons()[0]
    assert "Gentle start" in begin.text()

    begin.click()

    assert coach_app.sessions.player is not None
    assert coach_app.sessions.player.routine.id == "gentle-start"


def test_start_at_login_writes_and_removes_the_autostart_entry(
    qtbot: QtBot, coach_app: CoachApp, tmp_path: Path
) -> None:
    action = coach_app.start_at_login_action
    assert action in coach_app.window.session_menu.actions()
    assert not action.isChecked()

    action.trigger()
    assert (tmp_path / "config" / "autostart" / "rehab-coach.desktop").is_file()
    assert action.isChecked()

    action.trigger()
    assert not (tmp_path / "config" / "autostart" / "rehab-coach.desktop").exists()
    assert not action.isChecked()


@pytest.mark.parametrize("services", [Services()], ids=["no autostart here"])
def test_start_at_login_says_why_it_is_unavailable(coach_app: CoachApp) -> None:
    action = coach_app.start_at_login_action
    assert not action.isEnabled()
    assert "not supported" in action.text()
