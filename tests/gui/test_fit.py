"""Windows fit the screen: History at 1366×768 (and smaller) keeps its table reachable, its buttons seen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coach.gui.app import CoachApp
from coach.gui.fit import fit_to_screen


def inside(widget: QWidget, window: QWidget) -> bool:
    """Whether all of `widget` lies within `window`'s own area (nothing below the edge)."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


# A 1366×768 laptop with a 32-pixel panel; 1024×600 with one; 2732×1536 at 200 % is 1366×768 again.
@pytest.mark.parametrize("screen", [QRect(0, 0, 1366, 736), QRect(0, 0, 1024, 568)])
def test_history_fits_a_laptop_screen_and_keeps_its_buttons_visible(
    qtbot: QtBot, coach_app: CoachApp, screen: QRect
) -> None:
    history = coach_app.show_history()

    fit_to_screen(history, QSize(1120, 860), screen)
    qtbot.waitUntil(lambda: history.height() <= screen.height())

    assert screen.contains(history.frameGeometry())
    buttons = [b for b in history.findChildren(QPushButton) if not history.scroll_area.isAncestorOf(b)]
    assert {b.accessibleName() for b in buttons} >= {"Export PDF report…", "Close"}
    for button in buttons:
        assert button.isVisible()
        assert inside(button, history), f"{button.text()} is below the edge"
    assert history.scroll_area.isVisible()
    rows = history.table.verticalHeader().defaultSectionSize()
    assert history.table.viewport().height() >= 4 * rows, "at least four rows of sessions"


def test_history_at_1366x768_shows_rows_of_its_table_without_scrolling(
    qtbot: QtBot, coach_app: CoachApp
) -> None:
    history = coach_app.show_history()
    screen = QRect(0, 0, 1366, 736)  # a 1366×768 laptop with a 32-pixel panel

    fit_to_screen(history, QSize(1120, 860), screen)
    qtbot.waitUntil(lambda: history.height() <= screen.height())

    assert history.scroll_area.verticalScrollBar().maximum() == 0, "the charts gave way, nothing scrolls"
    assert inside(history.table, history)


def test_history_on_a_netbook_scrolls_rather_than_squeezing_the_table(
    qtbot: QtBot, coach_app: CoachApp
) -> None:
    history = coach_app.show_history()

    fit_to_screen(history, QSize(1120, 860), QRect(0, 0, 1024, 500))
    qtbot.waitUntil(lambda: history.height() <= 500)

    assert history.scroll_area.verticalScrollBar().maximum() > 0, "the content scrolls inside the window"


def test_a_dialog_of_wrapped_questions_opens_as_high_as_its_text_needs(
    qtbot: QtBot, coach_app: CoachApp
) -> None:
    from datetime import date

    from coach.gui.check_in import MorningCheckIn
    from tests.seeding import add_session

    session_id = add_session(coach_app.coach.store, date(2026, 3, 1), pain=3, hour=8)
    dialog = MorningCheckIn(coach_app.coach.store.session(session_id), coach_app.runner, coach_app.window)
    qtbot.addWidget(dialog)
    dialog.resize(dialog.minimumWidth(), dialog.minimumSizeHint().height())  # as Qt opens it at 1024×600

    dialog.show()
    qtbot.waitExposed(dialog)

    layout = dialog.layout()
    assert layout is not None
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())
