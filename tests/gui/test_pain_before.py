"""The one-tap pain score before a session: asked when Start is pressed, before the player, skippable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.history.records import SessionStatus
from coach.gui.app import CoachApp
from coach.gui.pain_before import PainBeforePage
from tests.gui.driving import click, key_click

TITLE = "Hip and knee strength (weeks 3–6)"


def _press_start(qtbot: QtBot, coach_app: CoachApp) -> PainBeforePage:
    window = coach_app.window
    titles = [window.routine_list.item(i).text() for i in range(window.routine_list.count())]
    window.routine_list.setCurrentRow(titles.index(TITLE))
    click(window.start_button)
    page = coach_app.sessions.pain_page
    assert page is not None
    assert window.pages.currentWidget() is page
    return page


def test_start_asks_the_pain_before_and_stores_one_tap(qtbot: QtBot, coach_app: CoachApp) -> None:
    page = _press_start(qtbot, coach_app)
    # nothing is started until it is answered or skipped
    assert (coach_app.sessions.player, coach_app.coach.store.sessions()) == (None, [])

    click(page.buttons[3])

    assert coach_app.sessions.player is not None
    assert coach_app.window.pages.currentWidget() is coach_app.sessions.player
    [record] = coach_app.coach.store.sessions()
    assert (record.status, record.pain_before) == (SessionStatus.OPEN, 3)


def test_a_digit_key_answers_at_once(qtbot: QtBot, coach_app: CoachApp) -> None:
    page = _press_start(qtbot, coach_app)

    key_click(page, Qt.Key.Key_7)

    [record] = coach_app.coach.store.sessions()
    assert record.pain_before == 7


def test_esc_skips_and_starts_without_a_score(qtbot: QtBot, coach_app: CoachApp) -> None:
    page = _press_start(qtbot, coach_app)

    key_click(page, Qt.Key.Key_Escape)

    assert coach_app.sessions.player is not None
    [record] = coach_app.coach.store.sessions()
    assert record.pain_before is None


def test_back_returns_to_the_routines_without_a_session(qtbot: QtBot, coach_app: CoachApp) -> None:
    page = _press_start(qtbot, coach_app)
    assert not coach_app.window.start_action.isEnabled()

    click(page.back_button)

    assert coach_app.sessions.player is None
    assert coach_app.sessions.pain_page is None
    assert coach_app.window.pages.currentWidget() is coach_app.window.library_page
    assert coach_app.window.start_action.isEnabled()
    assert coach_app.coach.store.sessions() == []


def test_a_routine_of_icing_alone_starts_without_the_question(coach_app: CoachApp) -> None:
    assert coach_app.sessions.ask_before_start("ice") is None

    assert coach_app.sessions.pain_page is None
    assert coach_app.sessions.player is not None
