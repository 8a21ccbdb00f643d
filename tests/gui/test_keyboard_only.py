"""Every flow with the keyboard alone: key presses to whatever has the focus, never a click or a slot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coach.core.session.clock import FakeClock
from coach.core.session.engine import EngineState
from coach.gui.app import CoachApp
from coach.gui.player import PlayerView
from coach.gui.session_end import SessionEndPage
from tests.gui.accessibility import accessible_name
from tests.gui.driving import key_click, state_of, type_text
from tests.gui.test_backups import app_with_backups, two_days  # noqa: F401 (fixtures)

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier
# Offscreen Qt cannot grab the keyboard for a pop-up (a menu, a completer); it still gets the keys sent to it.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


def focus() -> QWidget:
    """What a key press reaches: the focused widget, else the active window."""
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = NONE, times: int = 1) -> None:
    for _ in range(times):
        key_click(focus(), key, modifier)


def write(text: str) -> None:
    type_text(focus(), text)


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """A dialog closed: the window under it is active again (a desktop's window manager does this; offscreen
    Qt has none)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def choose_from_menu(menu_key: Qt.Key, item_key: Qt.Key) -> None:
    """Alt and a menu's underlined letter, then an entry's underlined letter."""
    press(menu_key, ALT)
    popup = QApplication.activePopupWidget()
    assert popup is not None, "the menu did not open"
    key_click(popup, item_key)


def test_a_session_from_start_to_the_end_page_by_keyboard(
    qtbot: QtBot, coach_app: CoachApp, fake_clock: FakeClock
) -> None:
    window = coach_app.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.routine_list)
    while (chosen := window.selected_routine()) is None or chosen.routine.id != "hip-strength":
        press(Qt.Key.Key_Down)

    press(Qt.Key.Key_Return, CTRL)  # Start routine
    press(Qt.Key.Key_2)  # pain before: 2
    player = coach_app.sessions.player
    assert isinstance(player, PlayerView)
    assert focus() is player
    press(Qt.Key.Key_Space)
    assert state_of(player) is EngineState.PAUSED
    press(Qt.Key.Key_Space)
    assert state_of(player) is EngineState.RUNNING
    press(Qt.Key.Key_Right)  # skip
    assert player.engine.index > 0
    press(Qt.Key.Key_Escape)
    press(Qt.Key.Key_Escape)  # stop, saved
    qtbot.waitUntil(lambda: isinstance(window.pages.currentWidget(), SessionEndPage))
    page = window.pages.currentWidget()
    assert isinstance(page, SessionEndPage)

    press(Qt.Key.Key_Tab)  # the pain slider
    assert focus() is page.pain_slider
    press(Qt.Key.Key_Right, times=3)
    press(Qt.Key.Key_Tab)  # pain at night: Yes, then → to No, Space to choose it
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Space)
    press(Qt.Key.Key_Tab)  # swelling
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Space)
    assert (page.answer("night_pain"), page.answer("swelling")) == (False, False)
    press(Qt.Key.Key_Tab)  # the first exercise: did it hurt?
    press(Qt.Key.Key_Space)
    assert next(iter(page.hurt.values())).isChecked()
    press(Qt.Key.Key_Tab, times=len(page.hurt))  # to the note
    assert focus() is page.note
    write("Stairs fine")
    press(Qt.Key.Key_Return, CTRL)  # Done

    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.library_page)
    [record] = coach_app.coach.store.sessions()
    assert (record.pain_before, record.pain, record.note) == (2, 3, "Stairs fine")
    assert focus() is window.routine_list


def test_icing_starts_and_stops_by_keyboard(qtbot: QtBot, coach_app: CoachApp) -> None:
    coach_app.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is coach_app.window)

    press(Qt.Key.Key_I, CTRL)  # Ice the knee
    icing = coach_app.ice.icing_window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is icing)
    assert coach_app.ice.controller.running
    press(Qt.Key.Key_T, ALT)  # Stop icing… (a mnemonic presses its button as a click shows: a moment later)
    qtbot.waitUntil(lambda: icing.confirm_box is not None)
    box = icing.confirm_box
    assert box is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    press(Qt.Key.Key_Return)  # Yes, the default

    qtbot.waitUntil(lambda: not coach_app.ice.controller.running)
    back_to(qtbot, icing)
    assert icing.start_button.text() == "&Ice again"
    press(Qt.Key.Key_I, ALT)  # Ice again, from its own window
    qtbot.waitUntil(lambda: coach_app.ice.controller.running)


@POPUP
def test_history_and_a_csv_export_by_keyboard(qtbot: QtBot, coach_app: CoachApp, tmp_path: Path) -> None:
    coach_app.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is coach_app.window)

    press(Qt.Key.Key_H, CTRL)  # History
    history = coach_app.history_window
    assert history is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is history)
    press(Qt.Key.Key_E, CTRL)  # Export CSV…
    dialog = history.file_dialog
    assert isinstance(dialog, QFileDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    write(str(tmp_path))
    press(Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: (tmp_path / "sessions.csv").is_file())
    back_to(qtbot, history)
    press(Qt.Key.Key_Escape)  # closes History
    assert not history.isVisible()


@POPUP
def test_a_new_routine_by_keyboard(qtbot: QtBot, coach_app: CoachApp, data_dir: Path) -> None:
    coach_app.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is coach_app.window)

    choose_from_menu(Qt.Key.Key_S, Qt.Key.Key_N)  # Session ▸ New routine…
    editor = coach_app.editing.editor
    assert editor is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.routine_rows["title"].editor)
    write("Keys only")
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_A, CTRL)
    write("keys-only")
    press(Qt.Key.Key_A, ALT)  # Add exercise
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.exercise_rows["name"].editor)
    write("Quadriceps hold")
    press(Qt.Key.Key_S, CTRL)  # Save

    qtbot.waitUntil((data_dir / "routines" / "keys-only.toml").is_file)


@POPUP
def test_a_backup_restored_by_keyboard(
    qtbot: QtBot,
    app_with_backups: CoachApp,  # noqa: F811 (the fixture, imported)
) -> None:
    app = app_with_backups
    back_to(qtbot, app.window)

    choose_from_menu(Qt.Key.Key_H, Qt.Key.Key_B)  # Help ▸ Backups…
    dialog = app.backups_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert focus() is dialog.table  # the newest backup chosen
    answer_the_question_with(Qt.Key.Key_Return)  # Yes, the question's default
    with qtbot.waitSignal(app.runner.changed):
        press(Qt.Key.Key_R, ALT)  # Restore…

    assert len(app.coach.store.sessions(include_simulated=True)) == 1
    back_to(qtbot, dialog)
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def answer_the_question_with(key: Qt.Key, tries: int = 500) -> None:
    """Press `key` in the question box about to open (it waits for its answer in a loop of its own)."""

    def answer(left: int) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and QApplication.activeWindow() is box:
            key_click(box, key)
        elif left:
            QTimer.singleShot(10, lambda: answer(left - 1))

    QTimer.singleShot(0, lambda: answer(tries))


def tab_order(qtbot: QtBot, window: QWidget, stops: int) -> list[str]:
    """The names of the controls Tab visits in `window`, from where the focus is."""
    back_to(qtbot, window)
    names = []
    for _ in range(stops):
        names.append(accessible_name(focus()))
        press(Qt.Key.Key_Tab)
    return names


def test_tab_goes_through_the_main_window_and_history_as_they_read(qtbot: QtBot, coach_app: CoachApp) -> None:
    assert tab_order(qtbot, coach_app.window, 5) == [
        "Routines",
        "Start routine",
        "Ice the knee — 20 min",
        "History",
        "Routines",
    ]
    history = coach_app.show_history()
    assert tab_order(qtbot, history, 10) == [
        "History",
        "Show the last 12 months, as a table",
        "Show sessions each week against the plan, as a table",
        "Show pain, 0 to 10, as a table",
        "All routines",  # the routine filter: a combo box is read by its choice, then its label
        "Sessions",
        "Mark rest or flare-up…",
        "Export CSV…",
        "Export PDF report…",
        "Close",
    ]


def test_every_menu_entry_has_its_own_underlined_letter(coach_app: CoachApp) -> None:
    bar = coach_app.window.menuBar().actions()
    menus = {action.text(): action.menu() for action in bar}
    entries = {
        title: [a for a in menu.actions() if a.isEnabled() and not a.isSeparator()]
        for title, menu in menus.items()
        if isinstance(menu, QMenu)
    }

    missing = {
        f"{title} ▸ {a.text()}" for title, actions in entries.items() for a in actions if "&" not in a.text()
    }
    assert missing == set()
    for actions in [bar, *entries.values()]:
        letters = [underlined(a.text()) for a in actions]
        assert len(set(letters)) == len(letters), [a.text() for a in actions]


def underlined(text: str) -> str:
    """The letter after "&" (Alt and it chooses the entry)."""
    plain = text.replace("&&", "")
    return plain[plain.index("&") + 1].lower()
