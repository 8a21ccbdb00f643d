"""History in German: the window, its figures, the charts' tooltips and tables, running and the advice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from coach.core.i18n import ENGLISH, use_language
from coach.core.paths import catalogues
from coach.core.session.clock import FakeClock
from coach.gui.app import CoachApp
from coach.gui.history import HistoryWindow
from tests.seeding import add_session


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 3, 18, 12, 0, tzinfo=UTC), monotonic=1000.0)


@pytest.fixture
def german() -> Iterator[None]:
    use_language("de", catalogues())
    yield
    use_language(ENGLISH, None)


def test_history_speaks_german_with_german_dates(coach_app: CoachApp, qtbot: QtBot, german: None) -> None:
    for monday in (date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)):
        for offset in (0, 1, 2):
            add_session(coach_app.coach.store, monday + timedelta(days=offset), pain=3, hour=8)

    window: HistoryWindow = coach_app.show_history()
    qtbot.waitExposed(window)

    assert window.windowTitle() == "Verlauf — Rehab Coach"
    assert window.streak.text() == "3 Wochen am Stück nach Plan · am längsten 3 Wochen"
    assert window.icing.text() == "0-mal"
    assert window.pdf_action.text() == "&PDF-Bericht exportieren…"
    day = window.heat_map.map.day(date(2026, 3, 16))
    assert day is not None
    assert window.heat_map.map.tooltip(day).splitlines() == [
        "Mo., 16. März 2026",
        "Test routine: 2 von 2 Wiederholungen und Halteübungen (erledigt), Schmerz 3 von 10",
        "100 % der geplanten Tagesdosis",
    ]
    assert window.weekly_panel.toggle.text() == "Als Tabelle zeigen"
    window.weekly_panel.toggle.click()
    table = window.weekly_panel.table
    headings = [heading(table, c) for c in range(table.columnCount())]
    assert headings == ["Woche ab", "Gemachte Einheiten", "Geplant"]
    running = window.running.table
    assert heading(running, 0) == "Woche ab"


def heading(table: QTableWidget, column: int) -> str:
    item = table.horizontalHeaderItem(column)
    assert item is not None
    return item.text()
