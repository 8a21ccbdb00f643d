"""The app on a temporary data folder, a FakeClock and null services: what every GUI test starts from."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from coach.core.paths import Places
from coach.core.session.clock import FakeClock
from coach.core.store.adherence import AdherenceStore
from coach.gui.app import CoachApp, Services


@pytest.fixture
def services() -> Services:
    return Services()


@pytest.fixture
def coach_app(qtbot: QtBot, places: Places, fake_clock: FakeClock, services: Services) -> Iterator[CoachApp]:
    store = AdherenceStore.open(places.database)
    app = CoachApp(places, store, clock=fake_clock, services=services)
    qtbot.addWidget(app.window)
    app.window.show()
    yield app
    close(app)


def close(app: CoachApp) -> None:
    """Close the app as Quit does, and stop its reminders.

    CoachApp.close does not stop its ReminderScheduler yet (issue 20: every timer an app starts stops when it
    closes); until it does, a closed app's reminder timer fires up to a minute later, in whichever test runs
    then, into a window already deleted. Stopping twice is harmless, so this stays right once it does.
    """
    app.close()
    app.reminders.stop()
