"""Driving the app as a person would: pick a routine, press Start, let the fake clock run, press keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.gui.app import CoachApp
from coach.gui.player import PlayerView
from coach.gui.session_end import SessionEndPage


def click(widget: QWidget, *, pos: QPoint | None = None) -> None:
    """A left click on `widget`, in its middle or at `pos` (pytest-qt's `qtbot.mouseClick`, typed)."""
    if pos is None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def key_click(
    widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """Press and release `key` on `widget` (pytest-qt's `qtbot.keyClick`, typed)."""
    QTest.keyClick(widget, key, modifier)


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into `widget`, key by key (pytest-qt's `qtbot.keyClicks`, typed)."""
    QTest.keyClicks(widget, text)


def title_of(coach_app: CoachApp, routine_id: str) -> str:
    """The library's title of a bundled routine (titles change with the programme; ids do not)."""
    entry = coach_app.coach.library.find(routine_id)
    assert entry is not None
    return entry.routine.title


def start_from_the_window(qtbot: QtBot, coach_app: CoachApp, title: str) -> PlayerView:
    window = coach_app.window
    titles = [window.routine_list.item(i).text() for i in range(window.routine_list.count())]
    window.routine_list.setCurrentRow(titles.index(title))
    click(window.start_button)
    page = coach_app.sessions.pain_page
    if page is not None:  # not before icing alone
        assert window.pages.currentWidget() is page
        key_click(page, Qt.Key.Key_Escape)  # the pain before the session is skippable with one key
    player = coach_app.sessions.player
    assert player is not None
    assert window.pages.currentWidget() is player
    return player


def state_of(player: PlayerView) -> EngineState:
    """The session's state now. Read through a call so that a type checker does not carry what an earlier
    assert found across the key presses that change it."""
    return player.engine.state


def advance(player: PlayerView, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    player.tick()


def press(qtbot: QtBot, player: PlayerView, key: Qt.Key) -> None:
    player.setFocus()
    key_click(player, key)


def answer_stop(qtbot: QtBot, player: PlayerView, *, stop: bool) -> None:
    assert player.confirm_bar.isVisible()
    press(qtbot, player, Qt.Key.Key_Escape if stop else Qt.Key.Key_Space)


def finish_a_session(qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock) -> SessionEndPage:
    """Do the gentle-start routine to its end at once; the end-of-session page it leads to."""
    player = start_from_the_window(qtbot, coach_app, title_of(coach_app, "gentle-start"))
    advance(player, fake_clock, player.engine.seconds_total)
    qtbot.waitUntil(lambda: isinstance(coach_app.window.pages.currentWidget(), SessionEndPage))
    page = coach_app.window.pages.currentWidget()
    assert isinstance(page, SessionEndPage)
    return page
