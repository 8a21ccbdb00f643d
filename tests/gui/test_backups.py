"""Help → Backups…: the backups are listed, and one is restored into the running app after asking."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from coach.core.operations import run_instant_session
from coach.core.operations.context import Coach
from coach.core.paths import Places
from coach.core.routines.loader import load_routine
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from coach.core.store.backups import list_backups
from coach.gui.app import CoachApp, Services
from tests.conftest import EXAMPLE
from tests.core.store.test_daily_check import damage_table
from tests.gui.driving import click
from tests.helpers import over


@pytest.fixture
def two_days(places: Places, fake_clock: FakeClock) -> None:
    """One session on day one; on day two a start takes the day's backup, then a second session."""
    first_day = fake_clock.wall() - timedelta(days=1)
    store = AdherenceStore.open(places.database, now=first_day, keep_backups=3)
    run_instant_session(over(store), load_routine(EXAMPLE), now=first_day)
    store.close()
    store = AdherenceStore.open(places.database, now=fake_clock.wall(), keep_backups=3)
    run_instant_session(over(store), load_routine(EXAMPLE), now=fake_clock.wall())
    store.close()


@pytest.fixture
def app_with_backups(
    two_days: None, qtbot: QtBot, places: Places, fake_clock: FakeClock
) -> Iterator[CoachApp]:
    app = CoachApp(Coach(places, fake_clock, store=AdherenceStore.open(places.database)), services=Services())
    qtbot.addWidget(app.window)
    app.window.show()
    yield app
    app.close()


def test_help_backups_lists_them_and_restores_one_after_asking(
    qtbot: QtBot, app_with_backups: CoachApp, monkeypatch: pytest.MonkeyPatch, places: Places
) -> None:
    app = app_with_backups
    assert app.backups_action in app.window.help_menu.actions()
    assert len(app.coach.store.sessions(include_simulated=True)) == 2

    app.backups_action.trigger()
    dialog = app.backups_dialog
    assert dialog is not None
    assert dialog.table.rowCount() == 1
    sessions = dialog.table.item(0, 1)
    assert sessions is not None
    assert sessions.text() == "1"
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(app.runner.changed):
        click(dialog.restore_button)

    assert len(app.coach.store.sessions(include_simulated=True)) == 1
    assert "Restored the backup" in dialog.status.text()
    kept = [p.name for p in places.data_dir.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1  # the history it replaced, kept beside it
    copy = AdherenceStore.open(places.data_dir / kept[0])
    assert len(copy.sessions(include_simulated=True)) == 2
    copy.close()


def test_a_restore_is_refused_while_another_process_has_the_history_open(
    qtbot: QtBot, app_with_backups: CoachApp, monkeypatch: pytest.MonkeyPatch, places: Places
) -> None:
    app = app_with_backups
    other = AdherenceStore.open(places.database)  # a `coach` command in a terminal, say
    dialog = app.show_backups()
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)

    with qtbot.waitSignal(app.runner.refused) as said:
        click(dialog.restore_button)

    other.close()
    assert "has the history open" in said.args[0]
    assert len(app.coach.store.sessions(include_simulated=True)) == 2


def test_a_damaged_backup_is_shown_as_damaged_and_cannot_be_restored(
    qtbot: QtBot, app_with_backups: CoachApp, places: Places
) -> None:
    app = app_with_backups
    (backup,) = list_backups(places.database)
    damage_table(backup.path, "sessions")

    dialog = app.show_backups()

    sessions = dialog.table.item(0, 1)
    assert sessions is not None
    assert sessions.text() == "damaged"
    assert not dialog.restore_button.isEnabled()
    assert "cannot be restored" in dialog.status.text()


def test_after_a_restore_in_the_app_the_history_a_restore_replaced_is_listed_and_actions_work(
    qtbot: QtBot, app_with_backups: CoachApp, monkeypatch: pytest.MonkeyPatch, fake_clock: FakeClock
) -> None:
    app = app_with_backups
    dialog = app.show_backups()
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(app.runner.changed):
        click(dialog.restore_button)

    texts = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]  # type: ignore[union-attr]
    assert any("the history a restore replaced" in text for text in texts)
    done = app.runner.run(
        lambda coach: run_instant_session(coach, load_routine(EXAMPLE), now=fake_clock.wall())
    )
    assert done is not None  # no closed database
    assert len(app.coach.store.sessions(include_simulated=True)) == 2
